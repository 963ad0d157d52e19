//! Signatures: ECDSA secp256k1, ML-DSA (FIPS 204) and composite ML-DSA + traditional
//! signatures built exactly as draft-ietf-lamps-pq-composite-sigs specifies.
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
//! `CompositeAlgorithmSignatures2025`; ML-DSA signs `M'` with its context set to the
//! Label; the traditional half signs `M'` (ECDSA: SHA-256 of `M'`; Ed25519: `M'`).
//! Verification requires both halves. The secp256k1 pairings use Labels of our own
//! (`COMPSIG-MLDSA65-ECDSA-secp256k1-SHA512`, …) that are **not IETF-registered**.
//!
//! ## Key derivation from a master seed
//! [`SigningKey::from_seed`] derives every component secret from one 32-byte master
//! seed as `hash_framed(SHA3-256, "pqmigrate/v1/keygen", [alg name, component, counter,
//! master])`, where component is `ml-dsa`, `secp256k1`, `p256` or `ed25519` and the
//! 8-byte little-endian counter starts at 0 and is incremented only if the output is not
//! a valid scalar for that curve. The same master seed under two algorithms gives
//! unrelated keys.

pub mod address;
mod batch;
mod composite;
pub mod ecdsa;
mod keys;
#[cfg(feature = "lamps")]
pub mod lamps;
pub mod mldsa;
pub mod policy;
pub mod upgrade;

pub use address::{ADDRESS_DOMAIN, Address, address};
pub use batch::{BatchItem, BatchVerdict, verify_all, verify_batch};
pub use composite::{Composite, PREFIX, Traditional};
pub use keys::{PublicKey, Signature, SigningKey};
pub use mldsa::MlDsaLevel;
pub use policy::{
    ConfigError, HashEntry, HashRules, HashSchedule, MigrationPolicy, PhaseStart, PolicyError,
    RoleSchedule, Rule, SigClass, SigPhase, SigSchedule, SignatureRules,
};
pub use upgrade::{UPGRADE_DOMAIN, UpgradeAttestation};

use core::{fmt, str::FromStr};

use crate::error::Error;

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
use crate::id::{AlgKind, SIGNATURES, SigId, SigInfo};

/// A signature scheme defined by this crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SigAlg {
    /// ECDSA secp256k1 alone (classical; broken by Shor).
    Secp256k1,
    /// ML-DSA-44 alone.
    MlDsa44,
    /// ML-DSA-65 alone.
    MlDsa65,
    /// ML-DSA-87 alone.
    MlDsa87,
    /// `mldsa44-ecdsa-secp256k1-sha256`.
    MlDsa44Secp256k1,
    /// `mldsa65-ecdsa-secp256k1-sha512`.
    MlDsa65Secp256k1,
    /// `mldsa87-ecdsa-secp256k1-sha512`.
    MlDsa87Secp256k1,
    /// LAMPS `id-MLDSA44-ECDSA-P256-SHA256` (feature `lamps`).
    MlDsa44P256,
    /// LAMPS `id-MLDSA65-ECDSA-P256-SHA512` (feature `lamps`).
    MlDsa65P256,
    /// LAMPS `id-MLDSA44-Ed25519-SHA512` (feature `lamps`).
    MlDsa44Ed25519,
    /// LAMPS `id-MLDSA65-Ed25519-SHA512` (feature `lamps`).
    MlDsa65Ed25519,
}

/// What a [`SigAlg`] is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// ECDSA secp256k1 alone.
    Secp256k1,
    /// ML-DSA alone.
    MlDsa(MlDsaLevel),
    /// A composite; its layout is written down once in [`Composite`].
    Composite(&'static Composite),
}

impl SigAlg {
    /// Every scheme, in registry order.
    pub const ALL: [Self; 11] = [
        Self::Secp256k1,
        Self::MlDsa44,
        Self::MlDsa65,
        Self::MlDsa87,
        Self::MlDsa44Secp256k1,
        Self::MlDsa65Secp256k1,
        Self::MlDsa87Secp256k1,
        Self::MlDsa44P256,
        Self::MlDsa65P256,
        Self::MlDsa44Ed25519,
        Self::MlDsa65Ed25519,
    ];

    /// The registry row.
    pub const fn info(self) -> &'static SigInfo {
        &SIGNATURES[self as usize]
    }

    /// Wire id.
    pub const fn id(self) -> SigId {
        self.info().id
    }

    /// Canonical name.
    pub const fn name(self) -> &'static str {
        self.info().name
    }

    /// The structure of the scheme.
    pub const fn scheme(self) -> Scheme {
        match self {
            Self::Secp256k1 => Scheme::Secp256k1,
            Self::MlDsa44 => Scheme::MlDsa(MlDsaLevel::MlDsa44),
            Self::MlDsa65 => Scheme::MlDsa(MlDsaLevel::MlDsa65),
            Self::MlDsa87 => Scheme::MlDsa(MlDsaLevel::MlDsa87),
            Self::MlDsa44Secp256k1 => Scheme::Composite(&composite::MLDSA44_SECP256K1),
            Self::MlDsa65Secp256k1 => Scheme::Composite(&composite::MLDSA65_SECP256K1),
            Self::MlDsa87Secp256k1 => Scheme::Composite(&composite::MLDSA87_SECP256K1),
            Self::MlDsa44P256 => Scheme::Composite(&composite::MLDSA44_P256),
            Self::MlDsa65P256 => Scheme::Composite(&composite::MLDSA65_P256),
            Self::MlDsa44Ed25519 => Scheme::Composite(&composite::MLDSA44_ED25519),
            Self::MlDsa65Ed25519 => Scheme::Composite(&composite::MLDSA65_ED25519),
        }
    }

    /// The composite layout, for composites.
    pub const fn composite(self) -> Option<&'static Composite> {
        match self.scheme() {
            Scheme::Composite(c) => Some(c),
            _ => None,
        }
    }

    /// The scheme for a wire id.
    pub fn from_id(id: SigId) -> Result<Self, Error> {
        crate::id::by_id(&Self::ALL, AlgKind::Signature, id.0, |a| a.id().0)
    }

    /// Whether this build can use the scheme (the LAMPS pairings need feature `lamps`).
    pub const fn is_available(self) -> bool {
        match self.scheme() {
            Scheme::Composite(c) => c.traditional.is_available(),
            _ => true,
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

impl fmt::Display for SigAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SigAlg {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        crate::id::by_name(&Self::ALL, AlgKind::Signature, s, Self::name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every size in the registry follows from FIPS 204 and the component encodings.
    #[test]
    fn registry_sizes_match_the_layouts() {
        assert_eq!(SIGNATURES.len(), SigAlg::ALL.len());
        for alg in SigAlg::ALL {
            let info = alg.info();
            assert_eq!(SigAlg::from_id(alg.id()), Ok(alg));
            assert_eq!(alg.name().parse::<SigAlg>(), Ok(alg));
            let (pk, sig, sk) = match alg.scheme() {
                Scheme::Secp256k1 => (33, 64, 32),
                Scheme::MlDsa(l) => (l.public_key_len(), l.signature_len(), 32),
                Scheme::Composite(c) => (
                    c.mldsa.public_key_len() + c.traditional.public_key_len(),
                    c.mldsa.signature_len() + c.traditional.max_signature_len(),
                    32 + c.traditional.secret_key_len(),
                ),
            };
            assert_eq!(
                (info.public_key_len, info.signature_len, info.secret_key_len),
                (pk, sig, sk),
                "{alg}"
            );
            if let Some(c) = alg.composite() {
                assert_eq!(info.label, Some(c.label));
                assert_eq!(info.pq_category, c.mldsa.category());
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
    }
}
