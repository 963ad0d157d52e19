//! Algorithm identifiers, and the one generic registry lookup.
//!
//! Identifiers are wire-integer newtypes with named constants (the rustls
//! `SignatureScheme(u16)` pattern): an id read from the wire is always representable,
//! even when this build does not know it, so data from newer nodes round-trips and the
//! error for an unsupported algorithm can name the id.
//!
//! This module states only the numbers. Each kind's registry — one row per algorithm,
//! with its name, class, status and sizes — is declared once next to the families that
//! define those facts ([`crate::hash::HashAlg`], [`crate::sig::SigAlg`],
//! [`crate::kem::KemAlg`], through [`Algorithm`]); those modules also give the ids their
//! `info()`, `from_name()` and names in `Display`.
//!
//! Hash ids are the [multicodec] codes used in multihash, so a [`crate::hash::Digest`]
//! encodes as a standard multihash.
//!
//! ```
//! use pqmigrate::id::{HashId, SigId, Status};
//!
//! let sha1 = HashId::from_name("sha1").unwrap();
//! assert_eq!(sha1, HashId::SHA1);
//! assert_eq!(sha1.info().unwrap().status, Status::Broken); // verify-only
//! let hybrid = SigId::from_name("mldsa65-ecdsa-secp256k1-sha512").unwrap();
//! assert_eq!(hybrid.info().unwrap().pq_category, 3);
//! assert!(SigId(0x99).info().is_none()); // unknown, but still representable
//! ```
//!
//! [multicodec]: https://github.com/multiformats/multicodec/blob/master/table.csv

use core::fmt;

pub use crate::error::AlgKind;
use crate::error::Error;

/// An algorithm enum with a registry: every kind ([`crate::hash::HashAlg`],
/// [`crate::sig::SigAlg`], [`crate::kem::KemAlg`]) implements it, so lookup by wire id
/// and by name is written once ([`from_id`], [`from_name`]).
pub trait Algorithm: Copy + Eq + 'static {
    /// Which kind of algorithm (named in errors).
    const KIND: AlgKind;
    /// Every algorithm of the kind, in registry order.
    fn all() -> &'static [Self];
    /// The wire identifier, as an integer.
    fn wire_id(self) -> u64;
    /// The canonical name.
    fn name(self) -> &'static str;
}

/// The algorithm of kind `A` whose wire id is `id`.
pub fn from_id<A: Algorithm>(id: u64) -> Result<A, Error> {
    A::all()
        .iter()
        .copied()
        .find(|a| a.wire_id() == id)
        .ok_or(Error::UnknownAlgorithm { kind: A::KIND, id })
}

/// The algorithm of kind `A` whose canonical name is `name`.
pub fn from_name<A: Algorithm>(name: &str) -> Result<A, Error> {
    A::all()
        .iter()
        .copied()
        .find(|a| a.name() == name)
        .ok_or_else(|| Error::UnknownAlgorithmName {
            kind: A::KIND,
            name: alloc::string::ToString::to_string(name),
        })
}

/// Declares an algorithm enum and its registry from one list, so the enum, its `ALL`
/// array and its rows cannot drift apart: each line names a variant and the row that
/// describes it (built by the family that owns it). Generates `ALL`, `info()`, `id()`,
/// `name()`, [`Algorithm`], `Display`, `FromStr` and the id conversions.
macro_rules! registry {
    (
        $(#[$meta:meta])*
        pub enum $Alg:ident: $Info:ty, $Id:ident;
        $( $(#[$vmeta:meta])* $Variant:ident => $row:expr, )+
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum $Alg {
            $( $(#[$vmeta])* $Variant, )+
        }

        impl $Alg {
            /// Every algorithm, in registry order.
            pub const ALL: [Self; [$(stringify!($Variant)),+].len()] = [$(Self::$Variant),+];

            /// The registry row.
            pub const fn info(self) -> &'static $Info {
                match self {
                    $( Self::$Variant => {
                        const ROW: $Info = $row;
                        &ROW
                    } )+
                }
            }

            /// The wire id.
            pub const fn id(self) -> $Id {
                self.info().id
            }

            /// The canonical name.
            pub const fn name(self) -> &'static str {
                self.info().name
            }
        }

        impl $crate::id::Algorithm for $Alg {
            const KIND: $crate::id::AlgKind = <$Id>::KIND;
            fn all() -> &'static [Self] {
                &Self::ALL
            }
            fn wire_id(self) -> u64 {
                self.id().0
            }
            fn name(self) -> &'static str {
                self.info().name
            }
        }

        impl core::fmt::Display for $Alg {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl From<$Alg> for $Id {
            fn from(alg: $Alg) -> Self {
                alg.id()
            }
        }
    };
}
pub(crate) use registry;

/// `Debug` and `Display` for an id newtype: the registered name, or the number. Invoked
/// by the module that owns the kind's registry (ids sit below it and know no names).
macro_rules! id_fmt {
    ($Id:ident, $name:expr) => {
        impl core::fmt::Debug for $Id {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match ($name)(*self) {
                    Some(name) => write!(f, "{}({name})", stringify!($Id)),
                    None => write!(f, "{}({:#x})", stringify!($Id), self.0),
                }
            }
        }

        impl core::fmt::Display for $Id {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match ($name)(*self) {
                    Some(name) => f.write_str(name),
                    None => write!(f, "{:#x}", self.0),
                }
            }
        }
    };
}
pub(crate) use id_fmt;

/// A hash-function identifier: the multicodec code of the multihash encoding.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HashId(pub u64);

impl HashId {
    /// SHA-256 (FIPS 180-4), multicodec `sha2-256`.
    pub const SHA2_256: Self = Self(0x12);
    /// SHA-512 (FIPS 180-4), multicodec `sha2-512`.
    pub const SHA2_512: Self = Self(0x13);
    /// SHA3-512 (FIPS 202), multicodec `sha3-512`.
    pub const SHA3_512: Self = Self(0x14);
    /// SHA3-256 (FIPS 202), multicodec `sha3-256`.
    pub const SHA3_256: Self = Self(0x16);
    /// Keccak-256 with the original `0x01` padding (Ethereum), multicodec `keccak-256`.
    pub const KECCAK_256: Self = Self(0x1b);
    /// BLAKE3 with 32-byte output, multicodec `blake3`.
    pub const BLAKE3: Self = Self(0x1e);
    /// Legacy SHA-1 (FIPS 180-4), multicodec `sha1`. Broken: verify-only.
    pub const SHA1: Self = Self(0x11);
    /// Legacy Curl-P-27, IOTA's ternary sponge (pre-August 2017). Broken: verify-only.
    ///
    /// Multicodec registers no code for it, so this one is taken from the private-use
    /// range (`0x300000..=0x3fffff`); it never appears in a byte-oriented multihash.
    pub const CURL_P_27: Self = Self(0x30_0127);
}

/// A signature-scheme identifier: the first varint of every key and signature envelope.
///
/// These values are pqmigrate's own (no shared registry assigns composite ids); they are
/// pinned by tests and vectors and never reused.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SigId(pub u64);

impl SigId {
    /// ECDSA secp256k1, SHA-256, compact low-S signatures, compressed keys.
    pub const SECP256K1: Self = Self(0x01);
    /// ML-DSA-44 (FIPS 204), pure mode.
    pub const ML_DSA_44: Self = Self(0x11);
    /// ML-DSA-65 (FIPS 204), pure mode.
    pub const ML_DSA_65: Self = Self(0x12);
    /// ML-DSA-87 (FIPS 204), pure mode.
    pub const ML_DSA_87: Self = Self(0x13);
    /// FN-DSA-512 (FIPS 206 draft), pure mode.
    pub const FN_DSA_512: Self = Self(0x14);
    /// FN-DSA-1024 (FIPS 206 draft), pure mode.
    pub const FN_DSA_1024: Self = Self(0x15);
    /// SLH-DSA-SHA2-128s (FIPS 205), pure mode.
    pub const SLH_DSA_SHA2_128S: Self = Self(0x16);
    /// SLH-DSA-SHA2-128f (FIPS 205), pure mode.
    pub const SLH_DSA_SHA2_128F: Self = Self(0x17);
    /// SLH-DSA-SHAKE-128s (FIPS 205), pure mode.
    pub const SLH_DSA_SHAKE_128S: Self = Self(0x18);
    /// SLH-DSA-SHA2-192s (FIPS 205), pure mode.
    pub const SLH_DSA_SHA2_192S: Self = Self(0x19);
    /// SLH-DSA-SHA2-256s (FIPS 205), pure mode.
    pub const SLH_DSA_SHA2_256S: Self = Self(0x1a);
    /// Composite ML-DSA-44 + ECDSA secp256k1, PH = SHA-256 (pqmigrate Label).
    pub const MLDSA44_SECP256K1: Self = Self(0x21);
    /// Composite ML-DSA-65 + ECDSA secp256k1, PH = SHA-512 (pqmigrate Label).
    pub const MLDSA65_SECP256K1: Self = Self(0x22);
    /// Composite ML-DSA-87 + ECDSA secp256k1, PH = SHA-512 (pqmigrate Label).
    pub const MLDSA87_SECP256K1: Self = Self(0x23);
    /// Composite FN-DSA-512 + ECDSA secp256k1, PH = SHA-256 (pqmigrate Label).
    pub const FNDSA512_SECP256K1: Self = Self(0x24);
    /// Composite FN-DSA-1024 + ECDSA secp256k1, PH = SHA-512 (pqmigrate Label).
    pub const FNDSA1024_SECP256K1: Self = Self(0x25);
    /// Composite SLH-DSA-SHA2-128s + ECDSA secp256k1, PH = SHA-256 (pqmigrate Label).
    pub const SLHDSA_SHA2_128S_SECP256K1: Self = Self(0x26);
    /// LAMPS id-MLDSA44-ECDSA-P256-SHA256.
    pub const MLDSA44_P256: Self = Self(0x31);
    /// LAMPS id-MLDSA65-ECDSA-P256-SHA512.
    pub const MLDSA65_P256: Self = Self(0x32);
    /// LAMPS id-MLDSA44-Ed25519-SHA512.
    pub const MLDSA44_ED25519: Self = Self(0x33);
    /// LAMPS id-MLDSA65-Ed25519-SHA512.
    pub const MLDSA65_ED25519: Self = Self(0x34);
}

/// A key-encapsulation identifier: the first varint of every KEM key and ciphertext
/// envelope. pqmigrate's own values, in a range apart from hash and signature ids.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KemId(pub u64);

impl KemId {
    /// ML-KEM-768 (FIPS 203).
    pub const ML_KEM_768: Self = Self(0x41);
    /// ML-KEM-1024 (FIPS 203).
    pub const ML_KEM_1024: Self = Self(0x42);
    /// X-Wing: ML-KEM-768 + X25519 (draft-connolly-cfrg-xwing-kem-10).
    pub const X_WING: Self = Self(0x51);
}

impl HashId {
    /// The kind named in errors.
    pub const KIND: AlgKind = AlgKind::Hash;
}

impl SigId {
    /// The kind named in errors.
    pub const KIND: AlgKind = AlgKind::Signature;
}

impl KemId {
    /// The kind named in errors.
    pub const KIND: AlgKind = AlgKind::Kem;
}

/// How a family may be used. The registry gives each family a default; a chain's
/// `MigrationPolicy` hash schedules take precedence for the roles they cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Preferred for new commitments.
    Recommended,
    /// Acceptable for new commitments (e.g. for compatibility).
    Allowed,
    /// Accepted for new commitments only below `from_height`; accepted for history always.
    Deprecated {
        /// First height at which new commitments are refused.
        from_height: u64,
    },
    /// Never accepted for new commitments; history only below an explicit cutoff.
    Broken,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Recommended => f.write_str("recommended"),
            Self::Allowed => f.write_str("allowed"),
            Self::Deprecated { from_height } => write!(f, "deprecated from height {from_height}"),
            Self::Broken => f.write_str("broken"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_ids_stay_representable() {
        assert!(crate::hash::HashAlg::from_id(HashId(0x99)).is_err());
        assert_eq!(alloc::format!("{:?}", HashId(0x99)), "HashId(0x99)");
        assert_eq!(alloc::format!("{}", HashId(0x99)), "0x99");
        assert_eq!(alloc::format!("{:?}", HashId::BLAKE3), "HashId(blake3)");
        assert_eq!(alloc::format!("{}", SigId(0x99)), "0x99");
        assert_eq!(alloc::format!("{:?}", KemId::X_WING), "KemId(x-wing)");
    }
}
