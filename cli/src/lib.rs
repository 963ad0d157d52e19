//! The library half of the `pqmigrate` command-line tool: the parsers of user input
//! (files, stdin, hex, leaf lists), shared with the fuzz targets in `fuzz/`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::fmt;

pub mod input;

/// A bad-input error: printed as one line, exit code 2.
#[derive(Debug)]
pub struct CliError(pub String);

impl<E: fmt::Display> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError(e.to_string())
    }
}

/// Returns early with a [`CliError`] built from a format string.
#[macro_export]
macro_rules! bail {
    ($($t:tt)*) => { return Err($crate::CliError(format!($($t)*))) };
}
