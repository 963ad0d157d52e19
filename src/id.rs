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

/// The algorithm in `all` whose wire id is `id` (the `from_id` of [`crate::hash::HashAlg`],
/// [`crate::sig::SigAlg`] and [`crate::kem::KemAlg`]).
pub(crate) fn by_id<T: Copy>(
    all: &[T],
    kind: AlgKind,
    id: u64,
    id_of: impl Fn(T) -> u64,
) -> Result<T, crate::Error> {
    all.iter()
        .copied()
        .find(|&a| id_of(a) == id)
        .ok_or(crate::Error::UnknownAlgorithm { kind, id })
}

/// The algorithm in `all` whose canonical name is `name` (their `FromStr`).
pub(crate) fn by_name<T: Copy>(
    all: &[T],
    kind: AlgKind,
    name: &str,
    name_of: impl Fn(T) -> &'static str,
) -> Result<T, crate::Error> {
    all.iter()
        .copied()
        .find(|&a| name_of(a) == name)
        .ok_or_else(|| crate::Error::UnknownAlgorithmName {
            kind,
            name: alloc::string::ToString::to_string(name),
        })
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
    /// Legacy SHA-1 (FIPS 180-4), multicodec `sha1`. Broken: verify-only.
    pub const SHA1: Self = Self(0x11);
    /// Legacy Curl-P-27, IOTA's ternary sponge (pre-August 2017). Broken: verify-only.
    ///
    /// Multicodec registers no code for it, so this one is taken from the private-use
    /// range (`0x300000..=0x3fffff`); it never appears in a byte-oriented multihash.
    pub const CURL_P_27: Self = Self(0x30_0127);

    /// The registry entry, if this build implements the id.
    pub fn info(self) -> Option<&'static HashInfo> {
        HASHES.iter().find(|h| h.id == self)
    }

    /// The id of a registered family by canonical name (legacy ones included).
    pub fn from_name(name: &str) -> Option<Self> {
        HASHES.iter().find(|h| h.name == name).map(|h| h.id)
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
    // Legacy families, verify-only. Rows of byte-oriented families come first and in
    // `HashAlg` order; ternary Curl-P-27 has no `HashAlg` and comes last.
    HashInfo {
        id: HashId::SHA1,
        name: "sha1",
        output_len: 20,
        block_len: 64,
        status: Status::Broken,
        // Identical-prefix collisions cost about 2^61 (Leurent–Peyrin 2020, SHAttered
        // 2017 at 2^63); preimages keep the generic bound.
        security: HashSecurity {
            classical_collision: 61,
            ..HashSecurity::for_output_bits(160)
        },
        standard: "FIPS 180-4; collision detection per Stevens-Shumow (sha1dc)",
    },
    HashInfo {
        id: HashId::CURL_P_27,
        name: "curl-p-27",
        // Lengths in trytes (3 trits each): 243-trit digest, 243-trit rate.
        output_len: 81,
        block_len: 81,
        status: Status::Broken,
        security: HashSecurity::NONE,
        standard: "IOTA Curl-P (ternary sponge, 27 rounds); collisions: Heilman et al., ToSC 2020(3)",
    },
];

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
    /// Composite ML-DSA-44 + ECDSA secp256k1, PH = SHA-256 (pqmigrate Label).
    pub const MLDSA44_SECP256K1: Self = Self(0x21);
    /// Composite ML-DSA-65 + ECDSA secp256k1, PH = SHA-512 (pqmigrate Label).
    pub const MLDSA65_SECP256K1: Self = Self(0x22);
    /// Composite ML-DSA-87 + ECDSA secp256k1, PH = SHA-512 (pqmigrate Label).
    pub const MLDSA87_SECP256K1: Self = Self(0x23);
    /// LAMPS id-MLDSA44-ECDSA-P256-SHA256.
    pub const MLDSA44_P256: Self = Self(0x31);
    /// LAMPS id-MLDSA65-ECDSA-P256-SHA512.
    pub const MLDSA65_P256: Self = Self(0x32);
    /// LAMPS id-MLDSA44-Ed25519-SHA512.
    pub const MLDSA44_ED25519: Self = Self(0x33);
    /// LAMPS id-MLDSA65-Ed25519-SHA512.
    pub const MLDSA65_ED25519: Self = Self(0x34);

    /// The registry entry, if this build knows the id.
    pub fn info(self) -> Option<&'static SigInfo> {
        SIGNATURES.iter().find(|h| h.id == self)
    }

    /// The id of a registered scheme by canonical name.
    pub fn from_name(name: &str) -> Option<Self> {
        SIGNATURES.iter().find(|s| s.name == name).map(|s| s.id)
    }
}

impl fmt::Debug for SigId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.info() {
            Some(info) => write!(f, "SigId({})", info.name),
            None => write!(f, "SigId({:#x})", self.0),
        }
    }
}

impl fmt::Display for SigId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.info() {
            Some(info) => f.write_str(info.name),
            None => write!(f, "{:#x}", self.0),
        }
    }
}

/// One row of the signature registry. Sizes are of the envelope payloads (without the
/// id varint); `signature_len` is the maximum where a DER component makes it vary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigInfo {
    /// Wire identifier.
    pub id: SigId,
    /// Canonical name (CLI `--alg`).
    pub name: &'static str,
    /// Public key bytes.
    pub public_key_len: usize,
    /// Signature bytes (maximum, for DER components).
    pub signature_len: usize,
    /// Secret key bytes (seeds/scalars, as stored).
    pub secret_key_len: usize,
    /// NIST post-quantum security category; 0 for classical-only schemes (broken by Shor).
    pub pq_category: u8,
    /// Default status.
    pub status: Status,
    /// The composite Label, for composites.
    pub label: Option<&'static str>,
    /// Where it is specified.
    pub standard: &'static str,
}

const fn sig(
    id: SigId,
    name: &'static str,
    sizes: (usize, usize, usize),
    pq_category: u8,
    status: Status,
    label: Option<&'static str>,
    standard: &'static str,
) -> SigInfo {
    SigInfo {
        id,
        name,
        public_key_len: sizes.0,
        signature_len: sizes.1,
        secret_key_len: sizes.2,
        pq_category,
        status,
        label,
        standard,
    }
}

const OURS: &str =
    "draft-ietf-lamps-pq-composite-sigs construction; pqmigrate Label, not IETF-registered";
const LAMPS: &str = "draft-ietf-lamps-pq-composite-sigs";

/// The signature registry: every scheme this crate defines, in display order.
pub const SIGNATURES: &[SigInfo] = &[
    sig(
        SigId::SECP256K1,
        "secp256k1",
        (33, 64, 32),
        0,
        Status::Allowed,
        None,
        "SEC 2, RFC 6979, BIP 62 low-S",
    ),
    sig(
        SigId::ML_DSA_44,
        "ml-dsa-44",
        (1312, 2420, 32),
        2,
        Status::Recommended,
        None,
        "FIPS 204",
    ),
    sig(
        SigId::ML_DSA_65,
        "ml-dsa-65",
        (1952, 3309, 32),
        3,
        Status::Recommended,
        None,
        "FIPS 204",
    ),
    sig(
        SigId::ML_DSA_87,
        "ml-dsa-87",
        (2592, 4627, 32),
        5,
        Status::Recommended,
        None,
        "FIPS 204",
    ),
    sig(
        SigId::MLDSA44_SECP256K1,
        "mldsa44-ecdsa-secp256k1-sha256",
        (1345, 2484, 64),
        2,
        Status::Recommended,
        Some("COMPSIG-MLDSA44-ECDSA-secp256k1-SHA256"),
        OURS,
    ),
    sig(
        SigId::MLDSA65_SECP256K1,
        "mldsa65-ecdsa-secp256k1-sha512",
        (1985, 3373, 64),
        3,
        Status::Recommended,
        Some("COMPSIG-MLDSA65-ECDSA-secp256k1-SHA512"),
        OURS,
    ),
    sig(
        SigId::MLDSA87_SECP256K1,
        "mldsa87-ecdsa-secp256k1-sha512",
        (2625, 4691, 64),
        5,
        Status::Recommended,
        Some("COMPSIG-MLDSA87-ECDSA-secp256k1-SHA512"),
        OURS,
    ),
    sig(
        SigId::MLDSA44_P256,
        "mldsa44-ecdsa-p256-sha256",
        (1377, 2492, 83),
        2,
        Status::Allowed,
        Some("COMPSIG-MLDSA44-ECDSA-P256-SHA256"),
        LAMPS,
    ),
    sig(
        SigId::MLDSA65_P256,
        "mldsa65-ecdsa-p256-sha512",
        (2017, 3381, 83),
        3,
        Status::Allowed,
        Some("COMPSIG-MLDSA65-ECDSA-P256-SHA512"),
        LAMPS,
    ),
    sig(
        SigId::MLDSA44_ED25519,
        "mldsa44-ed25519-sha512",
        (1344, 2484, 64),
        2,
        Status::Allowed,
        Some("COMPSIG-MLDSA44-Ed25519-SHA512"),
        LAMPS,
    ),
    sig(
        SigId::MLDSA65_ED25519,
        "mldsa65-ed25519-sha512",
        (1984, 3373, 64),
        3,
        Status::Allowed,
        Some("COMPSIG-MLDSA65-Ed25519-SHA512"),
        LAMPS,
    ),
];

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

    /// The registry entry, if this build implements the id.
    pub fn info(self) -> Option<&'static KemInfo> {
        KEMS.iter().find(|k| k.id == self)
    }

    /// The id of a registered KEM by canonical name.
    pub fn from_name(name: &str) -> Option<Self> {
        KEMS.iter().find(|k| k.name == name).map(|k| k.id)
    }
}

impl fmt::Debug for KemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.info() {
            Some(info) => write!(f, "KemId({})", info.name),
            None => write!(f, "KemId({:#x})", self.0),
        }
    }
}

impl fmt::Display for KemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.info() {
            Some(info) => f.write_str(info.name),
            None => write!(f, "{:#x}", self.0),
        }
    }
}

/// One row of the KEM registry. Sizes are of the envelope payloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KemInfo {
    /// Wire identifier.
    pub id: KemId,
    /// Canonical name (CLI `--alg`).
    pub name: &'static str,
    /// Encapsulation (public) key bytes.
    pub encaps_key_len: usize,
    /// Ciphertext bytes.
    pub ciphertext_len: usize,
    /// Decapsulation key bytes as stored: the seed.
    pub seed_len: usize,
    /// Shared secret bytes.
    pub shared_secret_len: usize,
    /// NIST post-quantum security category.
    pub pq_category: u8,
    /// Default status.
    pub status: Status,
    /// Where it is specified.
    pub standard: &'static str,
}

/// The KEM registry, in display order.
pub const KEMS: &[KemInfo] = &[
    KemInfo {
        id: KemId::ML_KEM_768,
        name: "ml-kem-768",
        encaps_key_len: 1184,
        ciphertext_len: 1088,
        seed_len: 64,
        shared_secret_len: 32,
        pq_category: 3,
        status: Status::Recommended,
        standard: "FIPS 203",
    },
    KemInfo {
        id: KemId::ML_KEM_1024,
        name: "ml-kem-1024",
        encaps_key_len: 1568,
        ciphertext_len: 1568,
        seed_len: 64,
        shared_secret_len: 32,
        pq_category: 5,
        status: Status::Recommended,
        standard: "FIPS 203",
    },
    KemInfo {
        id: KemId::X_WING,
        name: "x-wing",
        encaps_key_len: 1216,
        ciphertext_len: 1120,
        seed_len: 32,
        shared_secret_len: 32,
        pq_category: 3,
        status: Status::Recommended,
        standard: "draft-connolly-cfrg-xwing-kem-10 (ML-KEM-768 + X25519)",
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
            ("sha1", 0x11, 20),
        ];
        // Plus Curl-P-27, whose private-use code and tryte lengths are not multihash's.
        assert_eq!(HASHES.len(), expected.len() + 1);
        assert_eq!(HashId::CURL_P_27.info().unwrap().name, "curl-p-27");
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
