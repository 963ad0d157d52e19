//! Ed25519 (RFC 8032, raw encodings), the classical half of the LAMPS standard
//! pairings (feature `lamps`). Keys must be canonical encodings of points of large
//! order; verification is `verify_strict` (canonical S, no small-order keys).

#[cfg(feature = "lamps")]
use super::VerifyMode;
use super::component::{Component, ComponentClass, Family};

/// Ed25519 public key bytes.
pub const PUBLIC_LEN: usize = 32;
/// Ed25519 secret seed bytes.
pub const SECRET_LEN: usize = 32;
/// Ed25519 signature bytes.
pub const SIGNATURE_LEN: usize = 64;

/// The Ed25519 component (its operations need feature `lamps`).
pub const COMPONENT: Component = Component {
    name: "ed25519",
    class: ComponentClass::Classical,
    pq_category: 0,
    public_key_len: PUBLIC_LEN,
    signature_len: SIGNATURE_LEN,
    fixed_signature_len: true,
    secret_key_len: SECRET_LEN,
    derivation_label: "ed25519",
    draft: false,
    family: FAMILY,
};

#[cfg(feature = "lamps")]
const FAMILY: Option<&'static dyn Family> = Some(&imp::Ed25519);
#[cfg(not(feature = "lamps"))]
const FAMILY: Option<&'static dyn Family> = None;

#[cfg(feature = "lamps")]
pub use imp::{check_public, public_key, sign, verify};

#[cfg(feature = "lamps")]
mod imp {
    use alloc::vec::Vec;

    use super::*;
    use crate::error::Error;
    use crate::sig::component::{Keypair, secret32};

    pub(super) struct Ed25519;

    impl Family for Ed25519 {
        fn check_public(&self, pk: &[u8]) -> Result<(), Error> {
            check_public(pk)
        }

        fn check_signature(&self, sig: &[u8], _mode: VerifyMode) -> Result<(), Error> {
            crate::codec::exact_len("Ed25519 signature", SIGNATURE_LEN, sig.len())
        }

        fn keypair(&self, secret: &[u8]) -> Result<Keypair, Error> {
            Ok((
                public_key(secret32("Ed25519 secret key", secret)?).to_vec(),
                None,
            ))
        }

        fn sign(
            &self,
            secret: &[u8],
            _expanded: Option<&[u8]>,
            msg: &[u8],
            _ctx: &[u8],
            _rnd: &[u8; 32],
        ) -> Result<Vec<u8>, Error> {
            Ok(sign(secret32("Ed25519 secret key", secret)?, msg).to_vec())
        }

        fn verify(
            &self,
            pk: &[u8],
            msg: &[u8],
            _ctx: &[u8],
            sig: &[u8],
            _mode: VerifyMode,
        ) -> bool {
            verify(pk, msg, sig)
        }
    }

    /// The Ed25519 public key of a 32-byte seed.
    pub fn public_key(seed: &[u8; SECRET_LEN]) -> [u8; PUBLIC_LEN] {
        ed25519_dalek::SigningKey::from_bytes(seed)
            .verifying_key()
            .to_bytes()
    }

    /// Checks an Ed25519 public key: the canonical encoding (y < p, no sign bit on x = 0,
    /// as the point re-encodes) of a valid point that is not of small order. One point has
    /// one encoding, so one key has one address.
    pub fn check_public(pk: &[u8]) -> Result<(), Error> {
        let bad = Error::InvalidComponent {
            what: "Ed25519 public key",
            reason: "not a valid point of large order",
        };
        let bytes: &[u8; PUBLIC_LEN] = pk.try_into().map_err(|_| bad.clone())?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(bytes).map_err(|_| bad.clone())?;
        if key.is_weak() {
            return Err(bad);
        }
        if key.to_edwards().compress().to_bytes() != *bytes {
            return Err(Error::InvalidComponent {
                what: "Ed25519 public key",
                reason: "non-canonical encoding (y >= p, or a sign bit on x = 0)",
            });
        }
        Ok(())
    }

    /// Ed25519 signature (deterministic by construction).
    pub fn sign(seed: &[u8; SECRET_LEN], msg: &[u8]) -> [u8; SIGNATURE_LEN] {
        use ed25519_dalek::Signer as _;
        ed25519_dalek::SigningKey::from_bytes(seed)
            .sign(msg)
            .to_bytes()
    }

    /// Strict Ed25519 verification (`verify_strict`: canonical S, no small-order keys) under
    /// a canonically encoded key.
    pub fn verify(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        if check_public(pk).is_err() {
            return false;
        }
        let (Ok(pk), Ok(sig)) = (
            <&[u8; 32]>::try_from(pk),
            ed25519_dalek::Signature::from_slice(sig),
        ) else {
            return false;
        };
        match ed25519_dalek::VerifyingKey::from_bytes(pk) {
            Ok(key) => key.verify_strict(msg, &sig).is_ok(),
            Err(_) => false,
        }
    }
}
