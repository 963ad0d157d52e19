//! Signatures: ECDSA secp256k1, ML-DSA (FIPS 204), FN-DSA (Falcon, FIPS 206 draft),
//! SLH-DSA (FIPS 205), and composite PQ + traditional signatures built exactly as
//! draft-ietf-lamps-pq-composite-sigs specifies.
//!
//! Keys and signatures travel in a self-describing envelope `varint(SigId) ‖ payload`;
//! the algorithm is never inferred from a length. Decoding is strict (every component is
//! parsed and range-checked; high-S ECDSA — secp256k1 and P-256 — and non-canonical DER
//! are refused; [`VerifyMode::LampsInterop`] is the one documented exception, for the
//! LAMPS draft's P-256 vectors). Signing always produces low-S.
//!
//! ```
//! use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey};
//!
//! let sk = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[7; 32]).unwrap();
//! let sig = sk.sign_deterministic(b"tx bytes", b"chain-1").unwrap();
//!
//! // What travels: two envelopes.
//! let pk = PublicKey::from_bytes(&sk.public_key().to_bytes()).unwrap();
//! let sig = Signature::from_bytes(&sig.to_bytes()).unwrap();
//! assert!(pk.verify(b"tx bytes", b"chain-1", &sig).is_ok());
//! assert!(pk.verify(b"tx bytes", b"chain-2", &sig).is_err());
//! ```
//!
//! ## Composite construction (draft-ietf-lamps-pq-composite-sigs)
//! `M' = Prefix ‖ Label ‖ len(ctx) ‖ ctx ‖ PH(M)` with Prefix the ASCII string
//! `CompositeAlgorithmSignatures2025`; the PQ half (ML-DSA, FN-DSA or SLH-DSA, pure
//! mode) signs `M'` with its context set to the Label; the traditional half signs `M'` (ECDSA: SHA-256 of `M'`; Ed25519: `M'`).
//! Verification requires both halves. The secp256k1 pairings use Labels of our own
//! (`COMPSIG-MLDSA65-ECDSA-secp256k1-SHA512`, `COMPSIG-FNDSA512-ECDSA-secp256k1-SHA256`,
//! `COMPSIG-SLHDSA-SHA2-128s-ECDSA-secp256k1-SHA256`, …) that follow the draft's naming
//! and are **not IETF-registered**. Every PQ half has a fixed length (FN-DSA in its
//! padded format), so a composite splits at a fixed offset.
//!
//! ## Key derivation from a master seed
//! [`SigningKey::from_seed`] derives every component secret from one 32-byte master
//! seed as `hash_framed(SHA3-256, "pqmigrate/v1/keygen", [alg name, component, counter,
//! master])`, where component is `ml-dsa`, `fn-dsa`, `slh-dsa`, `secp256k1`, `p256` or
//! `ed25519` and the 8-byte little-endian counter starts at 0 and is incremented only if
//! the output is not a valid scalar for that curve (SLH-DSA takes counters 0, 1, 2 for
//! its three seeds). What is stored is the standard's private key where key generation
//! from a seed is not pinned by a standard (FN-DSA: see [`fndsa`]). The same master seed under two algorithms gives
//! unrelated keys.

//!
//! ## Layout
//! One module per component family ([`secp256k1`], [`p256`], [`ed25519`] classical;
//! [`mldsa`], [`fndsa`], [`slhdsa`] post-quantum), each a [`Component`]: sizes as data plus its operations.
//! A scheme is one component or a [`Composite`] of two; the registry below is the one
//! list of schemes, and keys and signatures are written once over it. Adding a family
//! is its module, its registry row, and its composite rows.

pub mod address;
mod batch;
mod component;
mod composite;
pub mod ed25519;
pub mod fndsa;
mod keys;
pub mod mldsa;
pub mod p256;
pub mod secp256k1;
pub mod slhdsa;
pub mod upgrade;

pub use address::{ADDRESS_DOMAIN, Address, address};
pub use batch::{BatchItem, BatchVerdict, verify_all, verify_batch};
pub use component::{Component, ComponentClass};
pub use composite::{Composite, PREFIX};
pub use fndsa::FnDsaLevel;
pub use keys::{PublicKey, Signature, SigningKey};
pub use mldsa::MlDsaLevel;
pub use upgrade::{UPGRADE_DOMAIN, UpgradeAttestation};

use core::str::FromStr;

use crate::error::Error;
use crate::hash::HashAlg;
use crate::id::{self, SigId, Status, registry};

/// How strictly signatures are parsed and verified.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum VerifyMode {
    /// The default: one valid signature encoding per (key, message, signing run) on our
    /// side — ECDSA halves (secp256k1 and P-256) must be low-S, DER canonical, Ed25519
    /// keys and `S` canonical. A third party cannot rewrite a valid signature into
    /// another valid one by flipping `s`.
    #[default]
    Strict,
    /// Interop with the LAMPS composite draft, which does not require low-S: ECDSA P-256
    /// halves with high `s` parse and verify too (the draft's own test vectors contain
    /// them). Signatures are then malleable (`s → n − s`, DER re-encoded): never use it
    /// where signature bytes must be unique, e.g. in transaction ids. secp256k1 halves
    /// stay low-S in every mode.
    LampsInterop,
}

/// What a signature scheme's security rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SigClass {
    /// Classical only (ECDSA): forgeable by Shor.
    Classical,
    /// Composite PQ + classical: secure while either half holds.
    Hybrid,
    /// A post-quantum scheme alone.
    PostQuantum,
}

impl SigClass {
    /// The class of a registered scheme; `None` for an id this build does not know.
    pub fn of(id: SigId) -> Option<Self> {
        id.info().map(|info| info.class)
    }

    /// Lowercase name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Classical => "classical-only",
            Self::Hybrid => "hybrid",
            Self::PostQuantum => "PQ-only",
        }
    }
}

/// What a [`SigAlg`] is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// One component alone.
    Single(&'static Component),
    /// A composite of a PQ and a classical component.
    Composite(&'static Composite),
}

/// One row of the signature registry. Sizes are of the envelope payloads (without the
/// id varint), computed from the components; `signature_len` is the maximum where a DER
/// component makes it vary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SigInfo {
    /// Wire identifier.
    pub id: SigId,
    /// Canonical name (CLI `--alg`).
    pub name: &'static str,
    /// What its security rests on.
    pub class: SigClass,
    /// What it is made of.
    pub scheme: Scheme,
    /// Public key bytes.
    pub public_key_len: usize,
    /// Signature bytes (maximum, for DER components).
    pub signature_len: usize,
    /// Secret key bytes, as stored (seeds, scalars, FN-DSA/SLH-DSA private keys).
    pub secret_key_len: usize,
    /// NIST post-quantum security category; 0 for classical-only schemes (broken by Shor).
    pub pq_category: u8,
    /// Default status.
    pub status: Status,
    /// The composite Label, for composites.
    pub label: Option<&'static str>,
    /// Where it is specified.
    pub standard: &'static str,
    /// Whether a component's standard is still a draft (FN-DSA, FIPS 206): keys and
    /// signatures may change with the final text.
    pub draft: bool,
}

impl SigInfo {
    /// The row of a scheme that is one component alone.
    const fn single(
        id: SigId,
        name: &'static str,
        status: Status,
        c: &'static Component,
        standard: &'static str,
    ) -> Self {
        Self {
            id,
            name,
            class: match c.class {
                ComponentClass::Classical => SigClass::Classical,
                ComponentClass::PostQuantum => SigClass::PostQuantum,
            },
            scheme: Scheme::Single(c),
            public_key_len: c.public_key_len,
            signature_len: c.signature_len,
            secret_key_len: c.secret_key_len,
            pq_category: c.pq_category,
            status,
            label: None,
            standard,
            draft: c.draft,
        }
    }

    /// The row of a composite.
    const fn composite(
        id: SigId,
        name: &'static str,
        status: Status,
        c: &'static Composite,
        standard: &'static str,
    ) -> Self {
        Self {
            id,
            name,
            class: SigClass::Hybrid,
            scheme: Scheme::Composite(c),
            public_key_len: c.public_key_len(),
            signature_len: c.signature_len(),
            secret_key_len: c.secret_key_len(),
            pq_category: c.pq.pq_category,
            status,
            label: Some(c.label),
            standard,
            draft: c.pq.draft || c.classical.draft,
        }
    }
}

const OURS: &str =
    "draft-ietf-lamps-pq-composite-sigs construction; pqmigrate Label, not IETF-registered";
const LAMPS: &str = "draft-ietf-lamps-pq-composite-sigs";
const FN_DSA: &str = "FIPS 206 draft standard (not final; fn-dsa 0.4 encodings)";
const OURS_FN_DSA: &str = "draft-ietf-lamps-pq-composite-sigs construction over FIPS 206 draft \
    (not final); pqmigrate Label, not IETF-registered";

use Status::{Allowed, Recommended};
use composite::Composite as C;
use fndsa::{FN_DSA_512, FN_DSA_1024};
use mldsa::{ML_DSA_44, ML_DSA_65, ML_DSA_87};
use slhdsa::{
    SLH_DSA_SHA2_128F, SLH_DSA_SHA2_128S, SLH_DSA_SHA2_192S, SLH_DSA_SHA2_256S, SLH_DSA_SHAKE_128S,
};

registry! {
    /// A signature scheme defined by this crate: the one list of schemes. Each row
    /// names its id, its name, its default status and its components.
    pub enum SigAlg: SigInfo, SigId;
    /// ECDSA secp256k1 alone (classical; broken by Shor).
    Secp256k1 => SigInfo::single(SigId::SECP256K1, "secp256k1", Allowed, &secp256k1::COMPONENT,
        "SEC 2, RFC 6979, BIP 62 low-S"),
    /// ML-DSA-44 alone.
    MlDsa44 => SigInfo::single(SigId::ML_DSA_44, "ml-dsa-44", Recommended, &ML_DSA_44, "FIPS 204"),
    /// ML-DSA-65 alone.
    MlDsa65 => SigInfo::single(SigId::ML_DSA_65, "ml-dsa-65", Recommended, &ML_DSA_65, "FIPS 204"),
    /// ML-DSA-87 alone.
    MlDsa87 => SigInfo::single(SigId::ML_DSA_87, "ml-dsa-87", Recommended, &ML_DSA_87, "FIPS 204"),
    /// FN-DSA-512 alone (FIPS 206 draft).
    FnDsa512 => SigInfo::single(SigId::FN_DSA_512, "fn-dsa-512", Allowed, &FN_DSA_512, FN_DSA),
    /// FN-DSA-1024 alone (FIPS 206 draft).
    FnDsa1024 => SigInfo::single(SigId::FN_DSA_1024, "fn-dsa-1024", Allowed, &FN_DSA_1024, FN_DSA),
    /// SLH-DSA-SHA2-128s alone.
    SlhDsaSha2_128s => SigInfo::single(SigId::SLH_DSA_SHA2_128S, "slh-dsa-sha2-128s", Recommended,
        &SLH_DSA_SHA2_128S, "FIPS 205"),
    /// SLH-DSA-SHA2-128f alone.
    SlhDsaSha2_128f => SigInfo::single(SigId::SLH_DSA_SHA2_128F, "slh-dsa-sha2-128f", Recommended,
        &SLH_DSA_SHA2_128F, "FIPS 205"),
    /// SLH-DSA-SHAKE-128s alone.
    SlhDsaShake128s => SigInfo::single(SigId::SLH_DSA_SHAKE_128S, "slh-dsa-shake-128s", Recommended,
        &SLH_DSA_SHAKE_128S, "FIPS 205"),
    /// SLH-DSA-SHA2-192s alone.
    SlhDsaSha2_192s => SigInfo::single(SigId::SLH_DSA_SHA2_192S, "slh-dsa-sha2-192s", Recommended,
        &SLH_DSA_SHA2_192S, "FIPS 205"),
    /// SLH-DSA-SHA2-256s alone.
    SlhDsaSha2_256s => SigInfo::single(SigId::SLH_DSA_SHA2_256S, "slh-dsa-sha2-256s", Recommended,
        &SLH_DSA_SHA2_256S, "FIPS 205"),
    /// `mldsa44-ecdsa-secp256k1-sha256`.
    MlDsa44Secp256k1 => SigInfo::composite(SigId::MLDSA44_SECP256K1, "mldsa44-ecdsa-secp256k1-sha256",
        Recommended, &C::new(&ML_DSA_44, &secp256k1::COMPONENT,
            "COMPSIG-MLDSA44-ECDSA-secp256k1-SHA256", HashAlg::Sha2_256), OURS),
    /// `mldsa65-ecdsa-secp256k1-sha512`.
    MlDsa65Secp256k1 => SigInfo::composite(SigId::MLDSA65_SECP256K1, "mldsa65-ecdsa-secp256k1-sha512",
        Recommended, &C::new(&ML_DSA_65, &secp256k1::COMPONENT,
            "COMPSIG-MLDSA65-ECDSA-secp256k1-SHA512", HashAlg::Sha2_512), OURS),
    /// `mldsa87-ecdsa-secp256k1-sha512`.
    MlDsa87Secp256k1 => SigInfo::composite(SigId::MLDSA87_SECP256K1, "mldsa87-ecdsa-secp256k1-sha512",
        Recommended, &C::new(&ML_DSA_87, &secp256k1::COMPONENT,
            "COMPSIG-MLDSA87-ECDSA-secp256k1-SHA512", HashAlg::Sha2_512), OURS),
    /// `fndsa512-ecdsa-secp256k1-sha256` (FN-DSA half: FIPS 206 draft).
    FnDsa512Secp256k1 => SigInfo::composite(SigId::FNDSA512_SECP256K1, "fndsa512-ecdsa-secp256k1-sha256",
        Allowed, &C::new(&FN_DSA_512, &secp256k1::COMPONENT,
            "COMPSIG-FNDSA512-ECDSA-secp256k1-SHA256", HashAlg::Sha2_256), OURS_FN_DSA),
    /// `fndsa1024-ecdsa-secp256k1-sha512` (FN-DSA half: FIPS 206 draft).
    FnDsa1024Secp256k1 => SigInfo::composite(SigId::FNDSA1024_SECP256K1, "fndsa1024-ecdsa-secp256k1-sha512",
        Allowed, &C::new(&FN_DSA_1024, &secp256k1::COMPONENT,
            "COMPSIG-FNDSA1024-ECDSA-secp256k1-SHA512", HashAlg::Sha2_512), OURS_FN_DSA),
    /// `slhdsa-sha2-128s-ecdsa-secp256k1-sha256`.
    SlhDsaSha2_128sSecp256k1 => SigInfo::composite(SigId::SLHDSA_SHA2_128S_SECP256K1,
        "slhdsa-sha2-128s-ecdsa-secp256k1-sha256", Recommended, &C::new(&SLH_DSA_SHA2_128S,
            &secp256k1::COMPONENT, "COMPSIG-SLHDSA-SHA2-128s-ECDSA-secp256k1-SHA256",
            HashAlg::Sha2_256), OURS),
    /// LAMPS `id-MLDSA44-ECDSA-P256-SHA256` (feature `lamps`).
    MlDsa44P256 => SigInfo::composite(SigId::MLDSA44_P256, "mldsa44-ecdsa-p256-sha256",
        Allowed, &C::new(&ML_DSA_44, &p256::COMPONENT,
            "COMPSIG-MLDSA44-ECDSA-P256-SHA256", HashAlg::Sha2_256), LAMPS),
    /// LAMPS `id-MLDSA65-ECDSA-P256-SHA512` (feature `lamps`).
    MlDsa65P256 => SigInfo::composite(SigId::MLDSA65_P256, "mldsa65-ecdsa-p256-sha512",
        Allowed, &C::new(&ML_DSA_65, &p256::COMPONENT,
            "COMPSIG-MLDSA65-ECDSA-P256-SHA512", HashAlg::Sha2_512), LAMPS),
    /// LAMPS `id-MLDSA44-Ed25519-SHA512` (feature `lamps`).
    MlDsa44Ed25519 => SigInfo::composite(SigId::MLDSA44_ED25519, "mldsa44-ed25519-sha512",
        Allowed, &C::new(&ML_DSA_44, &ed25519::COMPONENT,
            "COMPSIG-MLDSA44-Ed25519-SHA512", HashAlg::Sha2_512), LAMPS),
    /// LAMPS `id-MLDSA65-Ed25519-SHA512` (feature `lamps`).
    MlDsa65Ed25519 => SigInfo::composite(SigId::MLDSA65_ED25519, "mldsa65-ed25519-sha512",
        Allowed, &C::new(&ML_DSA_65, &ed25519::COMPONENT,
            "COMPSIG-MLDSA65-Ed25519-SHA512", HashAlg::Sha2_512), LAMPS),
}

id::id_fmt!(SigId, |id: SigId| SigAlg::from_id(id)
    .ok()
    .map(SigAlg::name));

impl SigId {
    /// The registry row, if this build knows the id.
    pub fn info(self) -> Option<&'static SigInfo> {
        SigAlg::from_id(self).ok().map(SigAlg::info)
    }

    /// The id of a registered scheme by canonical name.
    pub fn from_name(name: &str) -> Option<Self> {
        name.parse::<SigAlg>().ok().map(SigAlg::id)
    }
}

impl SigAlg {
    /// The structure of the scheme.
    pub const fn scheme(self) -> Scheme {
        self.info().scheme
    }

    /// The composite layout, for composites.
    pub const fn composite(self) -> Option<&'static Composite> {
        match self.scheme() {
            Scheme::Composite(c) => Some(c),
            Scheme::Single(_) => None,
        }
    }

    /// The scheme for a wire id.
    pub fn from_id(id: SigId) -> Result<Self, Error> {
        id::from_id(id.0)
    }

    /// Whether this build can use the scheme (the LAMPS pairings need feature `lamps`).
    pub const fn is_available(self) -> bool {
        match self.scheme() {
            Scheme::Single(c) => c.is_available(),
            Scheme::Composite(c) => c.pq.is_available() && c.classical.is_available(),
        }
    }

    pub(crate) fn require_available(self) -> Result<(), Error> {
        if self.is_available() {
            Ok(())
        } else {
            Err(Error::Unsupported {
                alg: self.name(),
                what: "use in this build (enable feature `lamps`)",
            })
        }
    }
}

impl FromStr for SigAlg {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        id::from_name(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::AlgKind;

    /// Every size in the registry follows from FIPS 204 and the component encodings
    /// (numbers written out here, independently of the component tables).
    #[test]
    fn registry_sizes_match_the_standards() {
        let expected = [
            (SigAlg::Secp256k1, (33, 64, 32), 0, SigClass::Classical),
            (SigAlg::MlDsa44, (1312, 2420, 32), 2, SigClass::PostQuantum),
            (SigAlg::MlDsa65, (1952, 3309, 32), 3, SigClass::PostQuantum),
            (SigAlg::MlDsa87, (2592, 4627, 32), 5, SigClass::PostQuantum),
            (SigAlg::FnDsa512, (897, 666, 1345), 1, SigClass::PostQuantum),
            (
                SigAlg::FnDsa1024,
                (1793, 1280, 2369),
                5,
                SigClass::PostQuantum,
            ),
            (
                SigAlg::SlhDsaSha2_128s,
                (32, 7856, 64),
                1,
                SigClass::PostQuantum,
            ),
            (
                SigAlg::SlhDsaSha2_128f,
                (32, 17088, 64),
                1,
                SigClass::PostQuantum,
            ),
            (
                SigAlg::SlhDsaShake128s,
                (32, 7856, 64),
                1,
                SigClass::PostQuantum,
            ),
            (
                SigAlg::SlhDsaSha2_192s,
                (48, 16224, 96),
                3,
                SigClass::PostQuantum,
            ),
            (
                SigAlg::SlhDsaSha2_256s,
                (64, 29792, 128),
                5,
                SigClass::PostQuantum,
            ),
            (
                SigAlg::MlDsa44Secp256k1,
                (1345, 2484, 64),
                2,
                SigClass::Hybrid,
            ),
            (
                SigAlg::MlDsa65Secp256k1,
                (1985, 3373, 64),
                3,
                SigClass::Hybrid,
            ),
            (
                SigAlg::MlDsa87Secp256k1,
                (2625, 4691, 64),
                5,
                SigClass::Hybrid,
            ),
            (
                SigAlg::FnDsa512Secp256k1,
                (930, 730, 1377),
                1,
                SigClass::Hybrid,
            ),
            (
                SigAlg::FnDsa1024Secp256k1,
                (1826, 1344, 2401),
                5,
                SigClass::Hybrid,
            ),
            (
                SigAlg::SlhDsaSha2_128sSecp256k1,
                (65, 7920, 96),
                1,
                SigClass::Hybrid,
            ),
            (SigAlg::MlDsa44P256, (1377, 2492, 83), 2, SigClass::Hybrid),
            (SigAlg::MlDsa65P256, (2017, 3381, 83), 3, SigClass::Hybrid),
            (
                SigAlg::MlDsa44Ed25519,
                (1344, 2484, 64),
                2,
                SigClass::Hybrid,
            ),
            (
                SigAlg::MlDsa65Ed25519,
                (1984, 3373, 64),
                3,
                SigClass::Hybrid,
            ),
        ];
        assert_eq!(expected.len(), SigAlg::ALL.len());
        for (alg, (pk, sig, sk), category, class) in expected {
            let info = alg.info();
            assert_eq!(SigAlg::from_id(alg.id()), Ok(alg));
            assert_eq!(alg.name().parse::<SigAlg>(), Ok(alg));
            assert_eq!(alg.id().info(), Some(info));
            assert_eq!(
                (info.public_key_len, info.signature_len, info.secret_key_len),
                (pk, sig, sk),
                "{alg}"
            );
            assert_eq!((info.pq_category, info.class), (category, class), "{alg}");
            assert_eq!(info.label, alg.composite().map(|c| c.label));
        }
    }

    /// One id and one name per scheme, and a composite never repeats a Label.
    #[test]
    fn registry_ids_names_and_labels_are_unique() {
        for (i, a) in SigAlg::ALL.iter().enumerate() {
            for b in &SigAlg::ALL[..i] {
                assert_ne!(a.id(), b.id(), "{a} and {b}");
                assert_ne!(a.name(), b.name());
                if let (Some(x), Some(y)) = (a.info().label, b.info().label) {
                    assert_ne!(x, y, "{a} and {b}");
                }
            }
        }
    }

    #[test]
    fn unknown_ids_are_named() {
        assert_eq!(
            SigAlg::from_id(SigId(0x99)),
            Err(Error::UnknownAlgorithm {
                kind: AlgKind::Signature,
                id: 0x99
            })
        );
        assert_eq!(SigClass::of(SigId(0x99)), None);
    }
}
