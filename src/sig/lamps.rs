//! Traditional components of the IETF LAMPS standard pairings (feature `lamps`):
//! ECDSA P-256 with SHA-256 (uncompressed SEC1 key, DER signature, RFC 5915
//! `ECPrivateKey` secret) and Ed25519 (RFC 8032, raw encodings), exactly as
//! draft-ietf-lamps-pq-composite-sigs encodes them.

use alloc::vec::Vec;

use p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use p256::elliptic_curve::scalar::IsHigh as _;
use subtle::ConstantTimeEq as _;
use zeroize::Zeroizing;

use super::VerifyMode;
use crate::error::Error;

/// Uncompressed SEC1 P-256 public key bytes.
pub const P256_PUBLIC_LEN: usize = 65;
/// Longest DER ECDSA P-256 signature.
pub const P256_MAX_SIGNATURE_LEN: usize = 72;
/// RFC 5915 `ECPrivateKey` for P-256 as the draft's vectors encode it: version 1, the
/// 32-byte scalar and the `prime256v1` parameters, no public key.
const P256_SK_PREFIX: [u8; 7] = [0x30, 0x31, 0x02, 0x01, 0x01, 0x04, 0x20];
const P256_SK_SUFFIX: [u8; 12] = [
    0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
];
/// Length of that `ECPrivateKey`.
pub const P256_SECRET_LEN: usize = P256_SK_PREFIX.len() + 32 + P256_SK_SUFFIX.len();

/// Ed25519 public key, secret seed and signature lengths.
pub const ED25519_PUBLIC_LEN: usize = 32;
/// Ed25519 secret seed length.
pub const ED25519_SECRET_LEN: usize = 32;
/// Ed25519 signature length.
pub const ED25519_SIGNATURE_LEN: usize = 64;

/// Extracts the scalar from the fixed `ECPrivateKey` encoding; anything else is refused.
fn p256_scalar(sk: &[u8]) -> Result<p256::ecdsa::SigningKey, Error> {
    let bad = Error::InvalidComponent {
        what: "P-256 private key",
        reason: "expected the RFC 5915 ECPrivateKey form used by the draft",
    };
    if sk.len() != P256_SECRET_LEN {
        return Err(bad);
    }
    // The wrapper is compared in constant time (it sits in the secret key file); only the
    // verdict, which the caller learns anyway, is public (see `crate::ct`).
    let (prefix, rest) = sk.split_at(P256_SK_PREFIX.len());
    let suffix = &rest[32..];
    let mut well_formed =
        (prefix.ct_eq(&P256_SK_PREFIX[..]) & suffix.ct_eq(&P256_SK_SUFFIX[..])).unwrap_u8();
    crate::ct::declassify(&mut well_formed);
    if well_formed != 1 {
        return Err(bad);
    }
    p256::ecdsa::SigningKey::from_slice(&sk[P256_SK_PREFIX.len()..P256_SK_PREFIX.len() + 32])
        .map_err(|_| Error::InvalidComponent {
            what: "P-256 private key",
            reason: "scalar is zero or not below the group order",
        })
}

/// Encodes a 32-byte scalar as the draft's `ECPrivateKey`, in a zeroizing buffer
/// allocated once at its final size.
pub fn p256_encode_secret(scalar: &[u8; 32]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(P256_SECRET_LEN));
    out.extend_from_slice(&P256_SK_PREFIX);
    out.extend_from_slice(scalar);
    out.extend_from_slice(&P256_SK_SUFFIX);
    out
}

/// The uncompressed public key of an encoded P-256 secret.
pub fn p256_public_key(sk: &[u8]) -> Result<Vec<u8>, Error> {
    let key = p256_scalar(sk)?;
    let mut point = key.verifying_key().to_sec1_point(false);
    // Public although computed from the secret (see `crate::ct`).
    crate::ct::declassify(&mut point);
    Ok(point.as_bytes().to_vec())
}

/// Checks an uncompressed P-256 public key.
pub fn p256_check_public(pk: &[u8]) -> Result<(), Error> {
    if pk.len() != P256_PUBLIC_LEN || pk[0] != 0x04 {
        return Err(Error::InvalidComponent {
            what: "P-256 public key",
            reason: "expected a 65-byte uncompressed SEC1 point",
        });
    }
    p256::ecdsa::VerifyingKey::from_sec1_bytes(pk)
        .map(|_| ())
        .map_err(|_| Error::InvalidComponent {
            what: "P-256 public key",
            reason: "not a point on the curve",
        })
}

/// Strict DER signature parsing: the bytes must be exactly the canonical DER encoding,
/// and `s` must be low (at most n/2) unless `mode` is [`VerifyMode::LampsInterop`].
pub fn p256_check_signature(sig: &[u8], mode: VerifyMode) -> Result<p256::ecdsa::Signature, Error> {
    let bad = Error::InvalidComponent {
        what: "P-256 signature",
        reason: "not a canonical DER ECDSA signature",
    };
    let parsed = p256::ecdsa::Signature::from_der(sig).map_err(|_| bad.clone())?;
    if parsed.to_der().as_bytes() != sig {
        return Err(bad);
    }
    if mode == VerifyMode::Strict && bool::from(parsed.s().is_high()) {
        return Err(Error::InvalidComponent {
            what: "P-256 signature",
            reason: "high-S (s > n/2): refused, since (r, n - s) would be a second valid \
                     signature; only VerifyMode::LampsInterop accepts it",
        });
    }
    Ok(parsed)
}

fn sha256(m: &[u8]) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(m).into()
}

/// ECDSA P-256 with SHA-256 (RFC 6979 deterministic), low-S normalised (s → n − s in
/// constant time when s > n/2), DER output.
pub fn p256_sign(sk: &[u8], msg: &[u8]) -> Result<Vec<u8>, Error> {
    let key = p256_scalar(sk)?;
    let sig: p256::ecdsa::Signature = key
        .sign_prehash(&sha256(msg))
        .map_err(|_| Error::SigningFailed)?;
    let mut sig = sig.normalize_s();
    // The signature is public output; its DER length depends on r and s (see `crate::ct`).
    crate::ct::declassify(&mut sig);
    Ok(sig.to_der().as_bytes().to_vec())
}

/// Verifies a DER ECDSA P-256/SHA-256 signature (high-S refused unless `mode` is
/// [`VerifyMode::LampsInterop`]).
pub fn p256_verify(pk: &[u8], msg: &[u8], sig: &[u8], mode: VerifyMode) -> bool {
    if p256_check_public(pk).is_err() {
        return false;
    }
    let (Ok(key), Ok(sig)) = (
        p256::ecdsa::VerifyingKey::from_sec1_bytes(pk),
        p256_check_signature(sig, mode),
    ) else {
        return false;
    };
    key.verify_prehash(&sha256(msg), &sig).is_ok()
}

/// The Ed25519 public key of a 32-byte seed.
pub fn ed25519_public_key(seed: &[u8; ED25519_SECRET_LEN]) -> [u8; ED25519_PUBLIC_LEN] {
    ed25519_dalek::SigningKey::from_bytes(seed)
        .verifying_key()
        .to_bytes()
}

/// Checks an Ed25519 public key: the canonical encoding (y < p, no sign bit on x = 0,
/// as the point re-encodes) of a valid point that is not of small order. One point has
/// one encoding, so one key has one address.
pub fn ed25519_check_public(pk: &[u8]) -> Result<(), Error> {
    let bad = Error::InvalidComponent {
        what: "Ed25519 public key",
        reason: "not a valid point of large order",
    };
    let bytes: &[u8; ED25519_PUBLIC_LEN] = pk.try_into().map_err(|_| bad.clone())?;
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
pub fn ed25519_sign(seed: &[u8; ED25519_SECRET_LEN], msg: &[u8]) -> [u8; ED25519_SIGNATURE_LEN] {
    use ed25519_dalek::Signer as _;
    ed25519_dalek::SigningKey::from_bytes(seed)
        .sign(msg)
        .to_bytes()
}

/// Strict Ed25519 verification (`verify_strict`: canonical S, no small-order keys) under
/// a canonically encoded key.
pub fn ed25519_verify(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    if ed25519_check_public(pk).is_err() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p256_secret_wrapper_is_checked_byte_for_byte() {
        let scalar = [0x11u8; 32];
        let good = p256_encode_secret(&scalar);
        assert_eq!(good.len(), P256_SECRET_LEN);
        assert!(p256_public_key(&good).is_ok());
        // Every byte of the fixed prefix and suffix matters; the scalar bytes do not.
        let scalar_range = P256_SK_PREFIX.len()..P256_SK_PREFIX.len() + 32;
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x01;
            assert_eq!(
                p256_public_key(&bad).is_ok(),
                scalar_range.contains(&i),
                "byte {i}"
            );
        }
        for len in [0, P256_SECRET_LEN - 1, P256_SECRET_LEN + 1] {
            let mut v = good.clone();
            v.resize(len, 0);
            assert!(p256_public_key(&v).is_err(), "length {len}");
        }
        // The scalar inside a well-formed wrapper must be in range.
        assert!(p256_public_key(&p256_encode_secret(&[0; 32])).is_err());
        assert!(p256_public_key(&p256_encode_secret(&[0xff; 32])).is_err());
    }
}
