//! Algorithm identifiers and the registry of what this build implements.
//!
//! Identifiers are wire-integer newtypes with named constants (the rustls
//! `SignatureScheme(u16)` pattern): an id read from the wire is always representable,
//! even when this build does not know it, so data from newer nodes round-trips and the
//! error for an unsupported algorithm can name the id.
//!
//! Hash ids are the [multicodec] codes used in multihash, so a [`crate::hash::Digest`]
//! encodes as a standard multihash.
//!
//! [multicodec]: https://github.com/multiformats/multicodec/blob/master/table.csv

use core::fmt;

/// Which family of algorithms an identifier belongs to.
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

    /// The registry entry, if this build implements the id.
    pub fn info(self) -> Option<&'static HashInfo> {
        HASHES.iter().find(|h| h.id == self)
    }
}

impl fmt::Debug for HashId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.info() {
            Some(info) => write!(f, "HashId({})", info.name),
            None => write!(f, "HashId({:#x})", self.0),
        }
    }
}

impl fmt::Display for HashId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.info() {
            Some(info) => f.write_str(info.name),
            None => write!(f, "{:#x}", self.0),
        }
    }
}

/// How a family may be used. The registry gives each family a default; a chain's
/// [`crate::hash::HashPolicy`] can override it.
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

/// The hash registry: every family this build implements, in display order.
pub const HASHES: &[HashInfo] = &[
    HashInfo {
        id: HashId::SHA2_256,
        name: "sha2-256",
        output_len: 32,
        block_len: 64,
        status: Status::Recommended,
        security: HashSecurity::for_output_bits(256),
        standard: "FIPS 180-4",
    },
    HashInfo {
        id: HashId::SHA2_512,
        name: "sha2-512",
        output_len: 64,
        block_len: 128,
        status: Status::Recommended,
        security: HashSecurity::for_output_bits(512),
        standard: "FIPS 180-4",
    },
    HashInfo {
        id: HashId::SHA3_256,
        name: "sha3-256",
        output_len: 32,
        block_len: 136,
        status: Status::Recommended,
        security: HashSecurity::for_output_bits(256),
        standard: "FIPS 202",
    },
    HashInfo {
        id: HashId::SHA3_512,
        name: "sha3-512",
        output_len: 64,
        block_len: 72,
        status: Status::Recommended,
        security: HashSecurity::for_output_bits(512),
        standard: "FIPS 202",
    },
    HashInfo {
        id: HashId::KECCAK_256,
        name: "keccak-256",
        output_len: 32,
        block_len: 136,
        // Sound, but not a NIST standard (pre-FIPS 202 padding): kept for Ethereum-style
        // compatibility rather than recommended for new designs.
        status: Status::Allowed,
        security: HashSecurity::for_output_bits(256),
        standard: "Keccak submission v3 (pad10*1, no domain bits)",
    },
    HashInfo {
        id: HashId::BLAKE3,
        name: "blake3",
        output_len: 32,
        block_len: 64,
        status: Status::Recommended,
        security: HashSecurity::for_output_bits(256),
        standard: "BLAKE3 specification (2020)",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

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
        ];
        assert_eq!(HASHES.len(), expected.len());
        for (name, code, len) in expected {
            let info = HASHES.iter().find(|h| h.name == name).unwrap();
            assert_eq!(info.id, HashId(code), "{name}");
            assert_eq!(info.output_len, len, "{name}");
            assert_eq!(info.security.classical_preimage as usize, 8 * len);
        }
    }

    #[test]
    fn unknown_ids_stay_representable() {
        assert_eq!(HashId(0x99).info(), None);
        assert_eq!(alloc::format!("{:?}", HashId(0x99)), "HashId(0x99)");
        assert_eq!(alloc::format!("{}", HashId(0x99)), "0x99");
        assert_eq!(alloc::format!("{:?}", HashId::BLAKE3), "HashId(blake3)");
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
