//! [`HashAlg`]: the hash families this build implements, and their registry.

use core::str::FromStr;

use crate::error::Error;
use crate::id::{self, HashId, Status, registry};

/// Generic security of an `n`-bit hash, in bits.
///
/// Classical: collisions cost 2^(n/2) (birthday), preimages 2^n. Quantum: Grover finds
/// preimages in 2^(n/2); Brassard–Høyer–Tapp finds collisions in 2^(n/3) queries, but it
/// needs 2^(n/3) quantum memory, and with realistic memory costs no quantum collision
/// attack beats the classical 2^(n/2) (Bernstein, "Cost analysis of hash collisions",
/// 2009), so `quantum_collision_practical` is the bound to plan with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HashSecurity {
    /// Classical collision resistance (n/2).
    pub classical_collision: u16,
    /// Classical preimage resistance (n).
    pub classical_preimage: u16,
    /// Quantum preimage resistance under Grover (n/2).
    pub quantum_preimage: u16,
    /// Quantum collision resistance under BHT query complexity (n/3).
    pub quantum_collision_bht: u16,
    /// Quantum collision resistance once memory cost is counted (n/2).
    pub quantum_collision_practical: u16,
}

impl HashSecurity {
    /// The generic bounds for an `n`-bit output.
    pub const fn for_output_bits(n: u16) -> Self {
        Self {
            classical_collision: n / 2,
            classical_preimage: n,
            quantum_preimage: n / 2,
            quantum_collision_bht: n / 3,
            quantum_collision_practical: n / 2,
        }
    }

    /// No security claimed: practical attacks exist (e.g. Curl-P-27 collisions).
    pub const NONE: Self = Self {
        classical_collision: 0,
        classical_preimage: 0,
        quantum_preimage: 0,
        quantum_collision_bht: 0,
        quantum_collision_practical: 0,
    };

    /// The post-quantum security to plan with: the smaller of Grover preimage and the
    /// practical collision bound.
    pub const fn post_quantum(&self) -> u16 {
        if self.quantum_preimage < self.quantum_collision_practical {
            self.quantum_preimage
        } else {
            self.quantum_collision_practical
        }
    }
}

/// One row of the hash registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashInfo {
    /// Wire identifier (multicodec code).
    pub id: HashId,
    /// Canonical name, as used by `Display`, `FromStr` and the CLI.
    pub name: &'static str,
    /// Digest length in bytes.
    pub output_len: usize,
    /// Block size (Merkle–Damgård, BLAKE3) or rate (sponge) in bytes.
    pub block_len: usize,
    /// Default status.
    pub status: Status,
    /// Generic security bounds.
    pub security: HashSecurity,
    /// The document that specifies it.
    pub standard: &'static str,
}

impl HashInfo {
    /// A sound family with the generic bounds of its output length.
    const fn sound(
        id: HashId,
        name: &'static str,
        (output_len, block_len): (usize, usize),
        status: Status,
        standard: &'static str,
    ) -> Self {
        Self {
            id,
            name,
            output_len,
            block_len,
            status,
            security: HashSecurity::for_output_bits(8 * output_len as u16),
            standard,
        }
    }
}

registry! {
    /// A hash family implemented by this build (byte-oriented; ternary Curl-P-27 is
    /// registered as a [`HashId`] only, see [`crate::hash::legacy::curlp`]).
    ///
    /// The wire form is [`HashId`]; converting an id that this build does not implement is
    /// an [`Error::UnknownAlgorithm`] naming the id.
    pub enum HashAlg: HashInfo, HashId;
    /// SHA-256 (FIPS 180-4).
    Sha2_256 => HashInfo::sound(HashId::SHA2_256, "sha2-256", (32, 64), Status::Recommended, "FIPS 180-4"),
    /// SHA-512 (FIPS 180-4).
    Sha2_512 => HashInfo::sound(HashId::SHA2_512, "sha2-512", (64, 128), Status::Recommended, "FIPS 180-4"),
    /// SHA3-256 (FIPS 202).
    Sha3_256 => HashInfo::sound(HashId::SHA3_256, "sha3-256", (32, 136), Status::Recommended, "FIPS 202"),
    /// SHA3-512 (FIPS 202).
    Sha3_512 => HashInfo::sound(HashId::SHA3_512, "sha3-512", (64, 72), Status::Recommended, "FIPS 202"),
    /// Keccak-256 with Ethereum's original padding (`0x01`, not SHA-3's `0x06`).
    ///
    /// Sound, but not a NIST standard (pre-FIPS 202 padding): kept for Ethereum-style
    /// compatibility rather than recommended for new designs.
    Keccak256 => HashInfo::sound(
        HashId::KECCAK_256,
        "keccak-256",
        (32, 136),
        Status::Allowed,
        "Keccak submission v3 (pad10*1, no domain bits)",
    ),
    /// BLAKE3 with 32-byte output.
    Blake3 => HashInfo::sound(HashId::BLAKE3, "blake3", (32, 64), Status::Recommended, "BLAKE3 specification (2020)"),
    /// Legacy SHA-1, **broken**: kept so a chain can verify and migrate history.
    ///
    /// Hashing goes through collision detection (sha1dc): on input that carries a known
    /// collision attack (SHAttered, SHAmbles) [`crate::hash::hash`] returns sha1dc's
    /// "safe hash", as Git does, so a forged document never matches the digest of its
    /// twin. [`crate::hash::legacy::sha1`] reports the attack explicitly.
    Sha1 => super::legacy::sha1::INFO,
}

id::id_fmt!(HashId, |id: HashId| id.info().map(|i| i.name));

impl HashId {
    /// The registry row, if this build implements the id (Curl-P-27 included).
    pub fn info(self) -> Option<&'static HashInfo> {
        if self == HashId::CURL_P_27 {
            return Some(&super::legacy::curlp::INFO);
        }
        HashAlg::from_id(self).ok().map(HashAlg::info)
    }

    /// The id of a registered family by canonical name (legacy ones included).
    pub fn from_name(name: &str) -> Option<Self> {
        if name == super::legacy::curlp::INFO.name {
            return Some(HashId::CURL_P_27);
        }
        id::from_name::<HashAlg>(name).ok().map(HashAlg::id)
    }
}

/// Every registered hash family's row, in display order: the byte-oriented ones
/// ([`HashAlg::ALL`]), then ternary Curl-P-27.
pub fn registry() -> impl Iterator<Item = &'static HashInfo> {
    HashAlg::ALL
        .iter()
        .map(|a| a.info())
        .chain([&super::legacy::curlp::INFO])
}

impl HashAlg {
    /// Number of families.
    pub const COUNT: usize = Self::ALL.len();

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
        id::from_id(id.0)
    }

    /// Is this a legacy family that policies refuse for new commitments?
    pub const fn is_legacy(self) -> bool {
        matches!(self.info().status, Status::Broken)
    }
}

const TERNARY: Error = Error::Unsupported {
    alg: "curl-p-27",
    what: "byte-oriented hashing (it is ternary: use hash::legacy::curlp)",
};

impl FromStr for HashAlg {
    type Err = Error;

    /// Parses a canonical name such as `sha3-256`.
    fn from_str(s: &str) -> Result<Self, Error> {
        if s == super::legacy::curlp::INFO.name {
            return Err(TERNARY);
        }
        id::from_name(s)
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
    use crate::id::AlgKind;

    #[test]
    fn registry_lookups_round_trip() {
        assert!(matches!(
            HashAlg::from_id(HashId::CURL_P_27),
            Err(Error::Unsupported { .. })
        ));
        assert!("curl-p-27".parse::<HashAlg>().is_err());
        assert_eq!(HashId::from_name("curl-p-27"), Some(HashId::CURL_P_27));
        for alg in HashAlg::ALL {
            assert_eq!(HashAlg::from_id(alg.id()), Ok(alg));
            assert_eq!(alg.name().parse::<HashAlg>(), Ok(alg));
            assert_eq!(alg.to_string(), alg.name());
            assert_eq!(HashId::from_name(alg.name()), Some(alg.id()));
            assert_eq!(alg.id().info(), Some(alg.info()));
        }
    }

    #[test]
    fn registry_ids_and_names_are_unique() {
        let rows: alloc::vec::Vec<&HashInfo> = registry().collect();
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[..i] {
                assert!(
                    a.id != b.id && a.name != b.name,
                    "{} and {}",
                    a.name,
                    b.name
                );
            }
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

    #[test]
    fn multicodec_codes_are_pinned() {
        // multiformats/multicodec table.csv
        let expected = [
            ("sha2-256", 0x12, 32),
            ("sha2-512", 0x13, 64),
            ("sha3-256", 0x16, 32),
            ("sha3-512", 0x14, 64),
            ("keccak-256", 0x1b, 32),
            ("blake3", 0x1e, 32),
            ("sha1", 0x11, 20),
        ];
        assert_eq!(HashAlg::ALL.len(), expected.len());
        assert_eq!(HashId::CURL_P_27.info().unwrap().name, "curl-p-27");
        for (name, code, len) in expected {
            let info = HashId::from_name(name).unwrap().info().unwrap();
            assert_eq!(info.id, HashId(code), "{name}");
            assert_eq!(info.output_len, len, "{name}");
            assert_eq!(info.security.classical_preimage as usize, 8 * len);
        }
    }

    #[test]
    fn security_table() {
        let s = HashSecurity::for_output_bits(256);
        assert_eq!(
            (
                s.classical_collision,
                s.classical_preimage,
                s.quantum_preimage,
                s.quantum_collision_bht
            ),
            (128, 256, 128, 85)
        );
        assert_eq!(s.post_quantum(), 128);
        assert_eq!(HashSecurity::for_output_bits(512).post_quantum(), 256);
    }
}
