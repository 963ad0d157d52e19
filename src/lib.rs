//! # pqmigrate
//!
//! Move a blockchain's data layer to post-quantum cryptography without a flag day.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(unsafe_code)]
#![warn(missing_docs, rust_2018_idioms, unreachable_pub)]

extern crate alloc;

pub mod codec;
pub mod error;
pub mod id;

pub use error::{Error, VerifyError};
