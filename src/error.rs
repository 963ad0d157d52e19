//! Errors for parsing, configuration and policy decisions.
//!
//! Two kinds of error, kept apart on purpose (STYLE §8):
//! - [`Error`] says exactly what was wrong with an input or a configuration, so a
//!   node operator can fix it. It is `#[non_exhaustive]`: new variants are not breaking.
//! - [`VerifyError`] is the single, opaque answer to "does this proof/signature verify?".
//!   It carries no detail, so a verifier is never an oracle for an attacker.

use core::fmt;

use alloc::string::String;

/// Which family of algorithms an identifier belongs to (named by [`Error`]; re-exported
/// as `pqmigrate::id::AlgKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AlgKind {
    /// A hash function.
    Hash,
    /// A signature scheme.
    Signature,
    /// A key-encapsulation mechanism.
    Kem,
}

impl fmt::Display for AlgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Hash => "hash",
            Self::Signature => "signature",
            Self::Kem => "KEM",
        })
    }
}

/// A parsing, configuration or policy error. Every decoder in the crate returns it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input ended before a value was complete.
    #[error("truncated input: {what} needs {needed} more byte(s) at offset {offset}")]
    Truncated {
        /// What was being decoded.
        what: &'static str,
        /// Byte offset where the missing data should start.
        offset: usize,
        /// How many more bytes were needed.
        needed: usize,
    },
    /// The value was complete but bytes were left over.
    #[error("{count} trailing byte(s) after {what} at offset {offset}")]
    TrailingBytes {
        /// What was decoded.
        what: &'static str,
        /// Offset of the first extra byte.
        offset: usize,
        /// How many bytes were left.
        count: usize,
    },
    /// A varint used more bytes than needed (e.g. `0x80 0x00` for zero).
    #[error("non-minimal varint at offset {offset}")]
    NonMinimalVarint {
        /// Offset of the varint's first byte.
        offset: usize,
    },
    /// A varint longer than the 9 bytes (63 bits) that multiformats allows.
    #[error("varint longer than 9 bytes at offset {offset}")]
    VarintOverflow {
        /// Offset of the varint's first byte.
        offset: usize,
    },
    /// A well-formed identifier that this build does not implement.
    #[error("unknown {kind} algorithm id {id:#x}")]
    UnknownAlgorithm {
        /// Hash, signature or KEM.
        kind: AlgKind,
        /// The wire value.
        id: u64,
    },
    /// An algorithm name that is not in the registry.
    #[error("unknown {kind} algorithm name {name:?}")]
    UnknownAlgorithmName {
        /// Hash, signature or KEM.
        kind: AlgKind,
        /// The name as given.
        name: String,
    },
    /// A value had the wrong length for its type or algorithm.
    #[error("wrong length for {what}: expected {expected} byte(s), got {got}")]
    WrongLength {
        /// What had the wrong length.
        what: &'static str,
        /// The length required.
        expected: usize,
        /// The length found.
        got: usize,
    },
    /// A sequence had the wrong number of items (proof path nodes, say).
    #[error("wrong number of {what}: expected {expected}, got {got}")]
    WrongCount {
        /// What was counted (plural: `inclusion proof path nodes`).
        what: &'static str,
        /// The count required.
        expected: usize,
        /// The count found.
        got: u64,
    },
    /// Text that should be lowercase hexadecimal was not.
    #[error("invalid hex at character {offset}")]
    InvalidHex {
        /// Character offset of the first bad character (or the length, for an odd length).
        offset: usize,
    },
    /// Text that should have the form `name:hex` did not.
    #[error("malformed {what}: {reason}")]
    Malformed {
        /// What was being parsed.
        what: &'static str,
        /// What was wrong.
        reason: &'static str,
    },
    /// Two values that must use the same algorithm did not.
    #[error("algorithm mismatch: expected {expected}, got {got}")]
    AlgorithmMismatch {
        /// The algorithm required by the context.
        expected: &'static str,
        /// The algorithm found.
        got: &'static str,
    },
    /// An index or size outside the valid range.
    #[error("{what} {index} out of range (must be below {bound})")]
    OutOfRange {
        /// What the index refers to.
        what: &'static str,
        /// The value given.
        index: u64,
        /// The exclusive upper bound.
        bound: u64,
    },
    /// A context string longer than the 255 bytes FIPS 204 and the composite draft allow.
    #[error("context of {len} bytes is longer than 255")]
    ContextTooLong {
        /// The length given.
        len: usize,
    },
    /// A key or signature component that does not parse (invalid point, scalar out of
    /// range, high-S ECDSA, non-canonical DER...).
    #[error("invalid {what}: {reason}")]
    InvalidComponent {
        /// Which component.
        what: &'static str,
        /// What was wrong.
        reason: &'static str,
    },
    /// The algorithm cannot do what was asked (e.g. a context string for plain ECDSA).
    #[error("{alg} does not support {what}")]
    Unsupported {
        /// The algorithm.
        alg: &'static str,
        /// What it does not support.
        what: &'static str,
    },
    /// Signing failed inside a backend (e.g. ML-DSA rejection-sampling bound reached).
    #[error("signing failed")]
    SigningFailed,
    /// No randomness source is available for hedged signing.
    #[error("no randomness source available")]
    RandomnessUnavailable,
    /// A configuration (suite, policy) that makes no sense.
    #[error("invalid configuration: {0}")]
    InvalidConfig(&'static str),
}

/// Verification failed. Deliberately carries no detail.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, thiserror::Error)]
#[error("verification failed")]
pub struct VerifyError;
