//! The library half of the `pqmigrate` command-line tool: the parsers of user input
//! (files, stdin, hex, leaf lists), shared with the fuzz targets in `fuzz/`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::fmt;

pub mod input;

/// A bad-input error: printed as one line (control characters escaped), exit code 2.
/// The typed variants keep the library's error for callers that match on it.
#[derive(Debug)]
#[non_exhaustive]
pub enum CliError {
    /// A value failed to decode or validate (a key, signature, digest, proof, …).
    Input(pqmigrate::Error),
    /// A migration-policy config that makes no sense (key and line named).
    Config(pqmigrate::policy::ConfigError),
    /// A file or stream could not be read or written.
    Io(std::io::Error),
    /// JSON that could not be read or written.
    Json(serde_json::Error),
    /// The command's own words: a flag, file or value and what is wrong with it.
    Message(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Self::Input(e) => e.to_string(),
            Self::Config(e) => e.to_string(),
            Self::Io(e) => e.to_string(),
            Self::Json(e) => e.to_string(),
            Self::Message(m) => m.clone(),
        };
        // One line, always: whatever an input quoted into the message.
        f.write_str(&text.replace(['\n', '\r'], " "))
    }
}

impl std::error::Error for CliError {}

impl From<pqmigrate::Error> for CliError {
    fn from(e: pqmigrate::Error) -> Self {
        Self::Input(e)
    }
}

impl From<pqmigrate::policy::ConfigError> for CliError {
    fn from(e: pqmigrate::policy::ConfigError) -> Self {
        Self::Config(e)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e)
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        Self::Json(e)
    }
}

/// Returns early with a [`CliError::Message`] built from a format string.
#[macro_export]
macro_rules! bail {
    ($($t:tt)*) => { return Err($crate::CliError::Message(format!($($t)*))) };
}
