//! [`HashAlg`]: the hash families this build implements.

use core::{fmt, str::FromStr};

use crate::error::Error;
use crate::id::{AlgKind, HASHES, HashId, HashInfo};

/// A hash family implemented by this build.
///
/// The wire form is [`HashId`]; converting an id that this build does not implement is
/// an [`Error::UnknownAlgorithm`] naming the id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum HashAlg {
    /// SHA-256 (FIPS 180-4).
    Sha2_256,
    /// SHA-512 (FIPS 180-4).
    Sha2_512,
    /// SHA3-256 (FIPS 202).
    Sha3_256,
    /// SHA3-512 (FIPS 202).
    Sha3_512,
    /// Keccak-256 with Ethereum's original padding (`0x01`, not SHA-3's `0x06`).
    Keccak256,
    /// BLAKE3 with 32-byte output.
    Blake3,
    /// Legacy SHA-1, **broken**: kept so a chain can verify and migrate history.
    ///
    /// Hashing goes through collision detection (sha1dc): on input that carries a known
    /// collision attack (SHAttered, SHAmbles) [`crate::hash::hash`] returns sha1dc's
    /// "safe hash", as Git does, so a forged document never matches the digest of its
    /// twin. [`crate::hash::legacy::sha1`] reports the attack explicitly.
    Sha1,
}

impl HashAlg {
    /// Every family, in registry order.
    pub const ALL: [Self; 7] = [
        Self::Sha2_256,
        Self::Sha2_512,
        Self::Sha3_256,
        Self::Sha3_512,
        Self::Keccak256,
        Self::Blake3,
        Self::Sha1,
    ];

    /// Number of families.
    pub const COUNT: usize = Self::ALL.len();

    /// Position in [`HashAlg::ALL`] and in the registry table.
    pub(crate) const fn index(self) -> usize {
        self as usize
    }

    /// The registry row.
    pub const fn info(self) -> &'static HashInfo {
        &HASHES[self.index()]
    }

    /// The wire identifier (multicodec code).
    pub const fn id(self) -> HashId {
        self.info().id
    }

    /// The canonical name (`keccak-256`).
    pub const fn name(self) -> &'static str {
        self.info().name
    }

    /// Digest length in bytes.
    pub const fn output_len(self) -> usize {
        self.info().output_len
    }

    /// The family for a wire id.
    ///
    /// Curl-P-27 is registered but ternary, so it is [`Error::Unsupported`] here; it is
    /// hashed through [`crate::hash::legacy::curlp`].
    pub fn from_id(id: HashId) -> Result<Self, Error> {
        if id == HashId::CURL_P_27 {
            return Err(TERNARY);
        }
        crate::id::by_id(&Self::ALL, AlgKind::Hash, id.0, |a| a.id().0)
    }

    /// Is this a legacy family that policies refuse for new commitments?
    pub const fn is_legacy(self) -> bool {
        matches!(self, Self::Sha1)
    }
}

const TERNARY: Error = Error::Unsupported {
    alg: "curl-p-27",
    what: "byte-oriented hashing (it is ternary: use hash::legacy::curlp)",
};

impl HashAlg {}

impl fmt::Display for HashAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for HashAlg {
    type Err = Error;

    /// Parses a canonical name such as `sha3-256`.
    fn from_str(s: &str) -> Result<Self, Error> {
        if s == "curl-p-27" {
            return Err(TERNARY);
        }
        crate::id::by_name(&Self::ALL, AlgKind::Hash, s, Self::name)
    }
}

impl From<HashAlg> for HashId {
    fn from(alg: HashAlg) -> Self {
        alg.id()
    }
}

impl TryFrom<HashId> for HashAlg {
    type Error = Error;

    fn try_from(id: HashId) -> Result<Self, Error> {
        Self::from_id(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_order_matches_enum() {
        // Byte-oriented rows first, in enum order; Curl-P-27 (ternary) after them.
        assert_eq!(HASHES.len(), HashAlg::COUNT + 1);
        assert!(matches!(
            HashAlg::from_id(HashId::CURL_P_27),
            Err(Error::Unsupported { .. })
        ));
        assert!("curl-p-27".parse::<HashAlg>().is_err());
        for alg in HashAlg::ALL {
            assert_eq!(HashAlg::from_id(alg.id()), Ok(alg));
            assert_eq!(alg.name().parse::<HashAlg>(), Ok(alg));
            assert_eq!(alg.to_string(), alg.name());
        }
    }

    #[test]
    fn unknown_id_and_name_are_named() {
        assert_eq!(
            HashAlg::from_id(HashId(0x15)),
            Err(Error::UnknownAlgorithm {
                kind: AlgKind::Hash,
                id: 0x15
            })
        );
        let err = "sha256".parse::<HashAlg>().unwrap_err();
        assert_eq!(err.to_string(), "unknown hash algorithm name \"sha256\"");
    }
}
