//! The self-describing envelope `varint(id) ‖ payload` that every key, signature,
//! ciphertext and secret travels in, written once for all of them.
//!
//! [`Envelope`] holds an algorithm and its raw payload; [`envelope_type!`] gives a public
//! type built on it the shared surface (`from_bytes`, `to_bytes`, `alg`, `payload`, byte
//! conversions). Each type keeps only what is its own: the validation in its
//! `from_parts` and its cryptography. The algorithm is never inferred from a length.

use alloc::vec::Vec;

use zeroize::Zeroizing;

use crate::codec;
use crate::error::Error;
use crate::id::{self, Algorithm};

/// An algorithm and the payload of its envelope. `S` is the payload's storage: a
/// `Vec<u8>` for public values, `Zeroizing<Vec<u8>>` for secrets.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Envelope<A, S = Vec<u8>> {
    alg: A,
    bytes: S,
}

/// The envelope of a secret: the payload is zeroized on drop.
pub(crate) type SecretEnvelope<A> = Envelope<A, Zeroizing<Vec<u8>>>;

/// Splits `varint(id) ‖ payload` and resolves the id in `A`'s registry (the id varint
/// is named "`A` algorithm id" in errors).
pub(crate) fn open<A: Algorithm>(bytes: &[u8]) -> Result<(A, &[u8]), Error> {
    let what = match A::KIND {
        id::AlgKind::Hash => "hash algorithm id",
        id::AlgKind::Signature => "signature algorithm id",
        id::AlgKind::Kem => "KEM algorithm id",
    };
    let (wire, payload) = codec::open_envelope(bytes, what)?;
    Ok((id::from_id(wire)?, payload))
}

impl<A: Algorithm> Envelope<A> {
    /// A public value (the caller has validated `payload` for `alg`).
    pub(crate) fn new(alg: A, payload: Vec<u8>) -> Self {
        Self {
            alg,
            bytes: payload,
        }
    }

    /// The encoding `varint(id) ‖ payload`.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        codec::envelope(self.alg.wire_id(), &self.bytes)
    }
}

impl<A: Algorithm> SecretEnvelope<A> {
    /// A secret value, copied into a zeroizing buffer.
    pub(crate) fn secret(alg: A, payload: &[u8]) -> Self {
        Self {
            alg,
            bytes: Zeroizing::new(payload.to_vec()),
        }
    }

    /// The encoding, in a zeroizing buffer.
    pub(crate) fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(codec::envelope(self.alg.wire_id(), &self.bytes))
    }
}

impl<A: Copy, S: AsRef<[u8]>> Envelope<A, S> {
    /// The algorithm.
    pub(crate) fn alg(&self) -> A {
        self.alg
    }

    /// The raw payload, without the id.
    pub(crate) fn payload(&self) -> &[u8] {
        self.bytes.as_ref()
    }
}

/// The shared surface of a public envelope type `$T(Envelope<$Alg>)` whose own
/// `from_parts(alg, payload)` validates: decoding, encoding, accessors, conversions and
/// a short `Debug` (algorithm and the first bytes).
macro_rules! envelope_type {
    ($T:ident, $Alg:ty, $what:literal) => {
        impl $T {
            #[doc = concat!("Decodes the envelope `varint(id) ‖ payload` of ", $what, ".")]
            pub fn from_bytes(bytes: &[u8]) -> Result<Self, $crate::Error> {
                let (alg, payload) = $crate::envelope::open::<$Alg>(bytes)?;
                Self::from_parts(alg, payload)
            }

            /// The envelope encoding.
            pub fn to_bytes(&self) -> alloc::vec::Vec<u8> {
                self.0.to_bytes()
            }

            /// The algorithm.
            pub fn alg(&self) -> $Alg {
                self.0.alg()
            }

            /// The raw payload (no id).
            pub fn payload(&self) -> &[u8] {
                self.0.payload()
            }
        }

        impl TryFrom<&[u8]> for $T {
            type Error = $crate::Error;

            fn try_from(bytes: &[u8]) -> Result<Self, $crate::Error> {
                Self::from_bytes(bytes)
            }
        }

        impl From<$T> for alloc::vec::Vec<u8> {
            fn from(value: $T) -> alloc::vec::Vec<u8> {
                value.to_bytes()
            }
        }

        impl core::fmt::Debug for $T {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let bytes = self.payload();
                let head = &bytes[..bytes.len().min(8)];
                write!(
                    f,
                    "{}({}, {}…({} bytes))",
                    stringify!($T),
                    self.alg(),
                    $crate::codec::to_hex(head),
                    bytes.len()
                )
            }
        }
    };
}
pub(crate) use envelope_type;
