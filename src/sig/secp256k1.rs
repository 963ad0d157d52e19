//! ECDSA over secp256k1: RFC 6979 deterministic signing, low-S only, 64-byte compact
//! `r ‖ s`, 33-byte compressed SEC1 public keys, SHA-256 message hash.
//!
//! Strictness: a public key must be a 33-byte compressed point on the curve (no
//! uncompressed or hybrid forms, so each key has one encoding); a signature must have
//! `0 < r, s < n` and `s ≤ n/2` (BIP 62 low-S, so a signature cannot be mauled into a
//! second valid one). High-S is refused when parsing and when verifying.
//!
//! Backends: with feature `libsecp256k1` (on by default) the `secp256k1` crate (Bitcoin
//! Core's C library) signs and verifies; without it (pure-Rust and `no_std` builds)
//! RustCrypto `k256` does. Both produce identical bytes and verdicts (tested in CI and
//! by the `ecdsa_backends_diff` fuzz target); key parsing and public-key derivation
//! always go through `k256`.

use alloc::vec::Vec;

use k256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use k256::elliptic_curve::scalar::IsHigh as _;
use zeroize::Zeroizing;

use super::VerifyMode;
use super::component::{Component, ComponentClass, Family, Keypair, first_valid, secret32};
use crate::error::Error;

/// Secret scalar bytes.
pub const SECRET_LEN: usize = 32;
/// Compressed SEC1 public key bytes.
pub const PUBLIC_LEN: usize = 33;
/// Compact `r ‖ s` signature bytes.
pub const SIGNATURE_LEN: usize = 64;

fn signing_key(secret: &[u8; SECRET_LEN]) -> Result<k256::ecdsa::SigningKey, Error> {
    k256::ecdsa::SigningKey::from_slice(secret).map_err(|_| Error::InvalidComponent {
        what: "secp256k1 secret key",
        reason: "scalar is zero or not below the group order",
    })
}

/// Checks a secret scalar (`0 < d < n`).
pub fn check_secret(secret: &[u8; SECRET_LEN]) -> Result<(), Error> {
    signing_key(secret).map(|_| ())
}

/// The compressed public key of `secret`.
pub fn public_key(secret: &[u8; SECRET_LEN]) -> Result<[u8; PUBLIC_LEN], Error> {
    let sk = signing_key(secret)?;
    let mut point = sk.verifying_key().to_sec1_point(true);
    // The public key is public although computed from the secret (see `crate::ct`).
    crate::ct::declassify(&mut point);
    let mut out = [0u8; PUBLIC_LEN];
    out.copy_from_slice(point.as_bytes());
    Ok(out)
}

/// The encoding rules both backends' key parsers apply first: 33 bytes, prefix 02 or 03.
fn check_compressed_encoding(bytes: &[u8]) -> Result<(), Error> {
    if bytes.len() != PUBLIC_LEN {
        return Err(Error::WrongLength {
            what: "secp256k1 public key (compressed)",
            expected: PUBLIC_LEN,
            got: bytes.len(),
        });
    }
    if bytes[0] != 0x02 && bytes[0] != 0x03 {
        return Err(Error::InvalidComponent {
            what: "secp256k1 public key",
            reason: "not a compressed SEC1 point (prefix must be 02 or 03)",
        });
    }
    Ok(())
}

/// The refusal of a well-encoded key whose x has no point on the curve.
const NOT_ON_CURVE: Error = Error::InvalidComponent {
    what: "secp256k1 public key",
    reason: "not a point on the curve",
};

/// Parses a compressed public key strictly.
pub fn parse_public(bytes: &[u8]) -> Result<k256::ecdsa::VerifyingKey, Error> {
    check_compressed_encoding(bytes)?;
    k256::ecdsa::VerifyingKey::from_sec1_bytes(bytes).map_err(|_| NOT_ON_CURVE)
}

/// Checks a compressed public key strictly (the rules of [`parse_public`]), with the
/// signing backend's own parser: a block decodes every signer's key, and libsecp256k1's
/// decompression made the secp256k1 block's decode stage about 30% faster
/// (`benches/block.rs`, BENCHMARKS.md).
#[cfg(feature = "libsecp256k1")]
pub fn check_public(bytes: &[u8]) -> Result<(), Error> {
    libsecp::check_public(bytes)
}

/// Checks a compressed public key strictly (the rules of [`parse_public`]).
#[cfg(not(feature = "libsecp256k1"))]
pub fn check_public(bytes: &[u8]) -> Result<(), Error> {
    k256_backend::check_public(bytes)
}

/// Parses a compact signature strictly: range-checked scalars and low S.
pub fn parse_signature(bytes: &[u8]) -> Result<k256::ecdsa::Signature, Error> {
    if bytes.len() != SIGNATURE_LEN {
        return Err(Error::WrongLength {
            what: "secp256k1 signature (compact r||s)",
            expected: SIGNATURE_LEN,
            got: bytes.len(),
        });
    }
    let sig = k256::ecdsa::Signature::from_slice(bytes).map_err(|_| Error::InvalidComponent {
        what: "secp256k1 signature",
        reason: "r or s is zero or not below the group order",
    })?;
    if bool::from(sig.s().is_high()) {
        return Err(Error::InvalidComponent {
            what: "secp256k1 signature",
            reason: "high S (only low-S signatures are canonical)",
        });
    }
    Ok(sig)
}

/// SHA-256 of the message: the hash ECDSA signs here.
fn prehash(msg: &[u8]) -> [u8; 32] {
    use sha2::Digest as _;
    sha2::Sha256::digest(msg).into()
}

/// Deterministic (RFC 6979) low-S signature over SHA-256(`msg`).
pub fn sign(secret: &[u8; SECRET_LEN], msg: &[u8]) -> Result<[u8; SIGNATURE_LEN], Error> {
    sign_prehash(secret, &prehash(msg))
}

/// Verifies a compact low-S signature over SHA-256(`msg`).
pub fn verify(public: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    verify_prehash(public, &prehash(msg), sig)
}

/// Signs a 32-byte message hash (RFC 6979, low S).
#[cfg(not(feature = "libsecp256k1"))]
pub fn sign_prehash(
    secret: &[u8; SECRET_LEN],
    hash: &[u8; 32],
) -> Result<[u8; SIGNATURE_LEN], Error> {
    k256_backend::sign_prehash(secret, hash)
}

/// Verifies a signature over a message hash (strict parsing, low S).
#[cfg(not(feature = "libsecp256k1"))]
pub fn verify_prehash(public: &[u8], hash: &[u8], sig: &[u8]) -> bool {
    k256_backend::verify_prehash(public, hash, sig)
}

/// Signs a 32-byte message hash (RFC 6979, low S).
#[cfg(feature = "libsecp256k1")]
pub fn sign_prehash(
    secret: &[u8; SECRET_LEN],
    hash: &[u8; 32],
) -> Result<[u8; SIGNATURE_LEN], Error> {
    libsecp::sign_prehash(secret, hash)
}

/// Verifies a signature over a message hash (strict parsing, low S).
#[cfg(feature = "libsecp256k1")]
pub fn verify_prehash(public: &[u8], hash: &[u8], sig: &[u8]) -> bool {
    libsecp::verify_prehash(public, hash, sig)
}

/// The secp256k1 component: a chain's classical key, alone or as a composite's
/// classical half. Low-S in every [`VerifyMode`].
pub const COMPONENT: Component = Component {
    name: "secp256k1",
    class: ComponentClass::Classical,
    pq_category: 0,
    public_key_len: PUBLIC_LEN,
    signature_len: SIGNATURE_LEN,
    fixed_signature_len: true,
    secret_key_len: SECRET_LEN,
    derivation_label: "secp256k1",
    draft: false,
    family: Some(&Secp256k1),
};

struct Secp256k1;

impl Family for Secp256k1 {
    fn check_public(&self, pk: &[u8]) -> Result<(), Error> {
        check_public(pk)
    }

    fn check_signature(&self, sig: &[u8], _mode: VerifyMode) -> Result<(), Error> {
        parse_signature(sig).map(|_| ())
    }

    fn secret_from_seed(
        &self,
        derive: &dyn Fn(u64) -> Zeroizing<[u8; 32]>,
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        let s = first_valid(derive, |s| check_secret(s).is_ok())?;
        Ok(Zeroizing::new(s.to_vec()))
    }

    fn keypair(&self, secret: &[u8]) -> Result<Keypair, Error> {
        let pk = public_key(secret32("secp256k1 secret key", secret)?)?;
        Ok((pk.to_vec(), None))
    }

    fn sign(
        &self,
        secret: &[u8],
        _expanded: Option<&[u8]>,
        msg: &[u8],
        _ctx: &[u8],
        _rnd: &[u8; 32],
    ) -> Result<Vec<u8>, Error> {
        Ok(sign(secret32("secp256k1 secret key", secret)?, msg)?.to_vec())
    }

    fn verify(&self, pk: &[u8], msg: &[u8], _ctx: &[u8], sig: &[u8], _mode: VerifyMode) -> bool {
        verify(pk, msg, sig)
    }
}

/// The `k256` backend (always compiled, so the two backends can be compared; the
/// signing and verifying backend without feature `libsecp256k1`).
pub mod k256_backend {
    use super::*;

    /// RFC 6979 signing of a message hash with `k256` (which normalizes to low S).
    pub fn sign_prehash(
        secret: &[u8; SECRET_LEN],
        hash: &[u8],
    ) -> Result<[u8; SIGNATURE_LEN], Error> {
        let sk = signing_key(secret)?;
        let sig: k256::ecdsa::Signature =
            sk.sign_prehash(hash).map_err(|_| Error::SigningFailed)?;
        let sig = sig.normalize_s();
        let mut out = [0u8; SIGNATURE_LEN];
        out.copy_from_slice(&sig.to_bytes());
        Ok(out)
    }

    /// [`parse_public`]'s verdict.
    pub fn check_public(bytes: &[u8]) -> Result<(), Error> {
        parse_public(bytes).map(|_| ())
    }

    /// Verification with `k256` after strict parsing.
    pub fn verify_prehash(public: &[u8], hash: &[u8], sig: &[u8]) -> bool {
        let (Ok(pk), Ok(sig)) = (parse_public(public), parse_signature(sig)) else {
            return false;
        };
        pk.verify_prehash(hash, &sig).is_ok()
    }
}

/// The libsecp256k1 backend (feature `libsecp256k1`, on by default).
#[cfg(feature = "libsecp256k1")]
pub mod libsecp {
    use super::*;
    use ::secp256k1::{Message, PublicKey, SecretKey, ecdsa::Signature};

    /// RFC 6979 signing of a 32-byte hash with libsecp256k1 (always low S).
    pub fn sign_prehash(
        secret: &[u8; SECRET_LEN],
        hash: &[u8; 32],
    ) -> Result<[u8; SIGNATURE_LEN], Error> {
        let mut sk =
            SecretKey::from_secret_bytes(*secret).map_err(|_| Error::InvalidComponent {
                what: "secp256k1 secret key",
                reason: "scalar is zero or not below the group order",
            })?;
        let sig = ::secp256k1::ecdsa::sign(Message::from_digest(*hash), &sk);
        // The crate offers only a best-effort erase for its key type.
        sk.non_secure_erase();
        Ok(sig.serialize_compact())
    }

    /// The rules of [`parse_public`] (33 bytes, prefix 02 or 03, a point on the curve),
    /// checked by libsecp256k1.
    pub fn check_public(bytes: &[u8]) -> Result<(), Error> {
        check_compressed_encoding(bytes)?;
        PublicKey::from_slice(bytes)
            .map(|_| ())
            .map_err(|_| NOT_ON_CURVE)
    }

    /// Verification with libsecp256k1 after the same strict parsing as `k256`.
    pub fn verify_prehash(public: &[u8], hash: &[u8], sig: &[u8]) -> bool {
        // Same acceptance rules as the k256 path: a compressed key (libsecp256k1 checks
        // the point itself; no second decompression here) and an in-range low-S sig.
        if public.len() != PUBLIC_LEN
            || !matches!(public[0], 0x02 | 0x03)
            || parse_signature(sig).is_err()
        {
            return false;
        }
        // bits2int as in SEC 1 / k256: the leftmost 256 bits, left-padded if shorter.
        let mut h = [0u8; 32];
        let take = hash.len().min(32);
        h[32 - take..].copy_from_slice(&hash[..take]);
        let (Ok(pk), Ok(sig)) = (PublicKey::from_slice(public), Signature::from_compact(sig))
        else {
            return false;
        };
        ::secp256k1::ecdsa::verify(&sig, Message::from_digest(h), &pk).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // secp256k1 group order n and n/2.
    const N: [u8; 32] = hex32("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

    const fn hex32(s: &str) -> [u8; 32] {
        let b = s.as_bytes();
        let mut out = [0u8; 32];
        let mut i = 0;
        while i < 32 {
            let hi = (b[2 * i] as char).to_digit(16).unwrap() as u8;
            let lo = (b[2 * i + 1] as char).to_digit(16).unwrap() as u8;
            out[i] = hi << 4 | lo;
            i += 1;
        }
        out
    }

    /// n - s, big-endian.
    fn negate(s: &[u8]) -> [u8; 32] {
        let mut out = [0u8; 32];
        let mut borrow = 0i16;
        for i in (0..32).rev() {
            let v = N[i] as i16 - s[i] as i16 - borrow;
            borrow = i16::from(v < 0);
            out[i] = (v + 256 * borrow) as u8;
        }
        out
    }

    #[test]
    fn sign_verify_and_reject_high_s() {
        let secret = [0x11u8; 32];
        let pk = public_key(&secret).unwrap();
        let sig = sign(&secret, b"msg").unwrap();
        assert!(verify(&pk, b"msg", &sig));
        assert!(!verify(&pk, b"msh", &sig));
        // The mirrored (high-S) signature is mathematically valid but refused.
        let mut high = sig;
        high[32..].copy_from_slice(&negate(&sig[32..]));
        assert!(matches!(
            parse_signature(&high),
            Err(Error::InvalidComponent { .. })
        ));
        assert!(!verify(&pk, b"msg", &high));
        assert!(!k256_backend::verify_prehash(&pk, &prehash(b"msg"), &high));
    }

    #[test]
    fn strict_key_and_signature_parsing() {
        let secret = [0x22u8; 32];
        let pk = public_key(&secret).unwrap();
        assert!(parse_public(&pk[..32]).is_err());
        let mut bad_prefix = pk;
        bad_prefix[0] = 0x04;
        assert!(parse_public(&bad_prefix).is_err());
        assert!(check_secret(&[0; 32]).is_err());
        assert!(check_secret(&N).is_err());
        let mut zero_r = sign(&secret, b"m").unwrap();
        zero_r[..32].fill(0);
        assert!(parse_signature(&zero_r).is_err());
    }

    #[cfg(feature = "libsecp256k1")]
    #[test]
    fn backends_agree_on_public_key_checks() {
        // Valid keys, x = p (not a field element), x with no curve point, bad prefixes
        // and lengths: the two parsers give the same verdict and the same error.
        let p = hex32("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for i in 1..=20u8 {
            cases.push(public_key(&[i; 32]).unwrap().to_vec());
        }
        for prefix in [0x02, 0x03, 0x04, 0x00] {
            for x in [p, [0u8; 32], [0xff; 32], [5u8; 32], [7u8; 32]] {
                let mut k = alloc::vec![prefix];
                k.extend_from_slice(&x);
                cases.push(k);
            }
        }
        cases.push(alloc::vec![0x02; 32]);
        cases.push(alloc::vec![0x02; 65]);
        let mut valid = 0;
        for c in &cases {
            let (a, b) = (k256_backend::check_public(c), libsecp::check_public(c));
            assert_eq!(a, b, "{c:02x?}");
            valid += usize::from(a.is_ok());
        }
        assert!(valid >= 20 && valid < cases.len());
    }

    #[cfg(feature = "libsecp256k1")]
    #[test]
    fn backends_agree_byte_for_byte() {
        for i in 1..=50u8 {
            let secret = [i; 32];
            let hash = prehash(&[i; 3]);
            let a = k256_backend::sign_prehash(&secret, &hash).unwrap();
            let b = libsecp::sign_prehash(&secret, &hash).unwrap();
            assert_eq!(a, b, "key {i}");
            let pk = public_key(&secret).unwrap();
            assert!(libsecp::verify_prehash(&pk, &hash, &a));
            assert!(k256_backend::verify_prehash(&pk, &hash, &b));
        }
    }
}
