//! ECDSA P-256 with SHA-256, the classical half of the LAMPS standard pairings
//! (feature `lamps`): uncompressed SEC1 key, DER signature, RFC 5915 `ECPrivateKey`
//! secret, exactly as draft-ietf-lamps-pq-composite-sigs encodes them. Signing
//! normalises to low S; strict mode refuses high S ([`VerifyMode::LampsInterop`]
//! accepts it, as the draft's own vectors need).

#[cfg(feature = "lamps")]
use super::VerifyMode;
use super::component::{Component, ComponentClass, Family};

/// Uncompressed SEC1 P-256 public key bytes.
pub const PUBLIC_LEN: usize = 65;
/// Longest DER ECDSA P-256 signature.
pub const MAX_SIGNATURE_LEN: usize = 72;
/// RFC 5915 `ECPrivateKey` for P-256 as the draft's vectors encode it: version 1, the
/// 32-byte scalar and the `prime256v1` parameters, no public key.
const SK_PREFIX: [u8; 7] = [0x30, 0x31, 0x02, 0x01, 0x01, 0x04, 0x20];
const SK_SUFFIX: [u8; 12] = [
    0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07,
];
/// Length of that `ECPrivateKey`.
pub const SECRET_LEN: usize = SK_PREFIX.len() + 32 + SK_SUFFIX.len();

/// The P-256 component (its operations need feature `lamps`).
pub const COMPONENT: Component = Component {
    name: "p256",
    class: ComponentClass::Classical,
    pq_category: 0,
    public_key_len: PUBLIC_LEN,
    signature_len: MAX_SIGNATURE_LEN,
    fixed_signature_len: false,
    secret_key_len: SECRET_LEN,
    derivation_label: "p256",
    draft: false,
    family: FAMILY,
};

#[cfg(feature = "lamps")]
const FAMILY: Option<&'static dyn Family> = Some(&imp::P256);
#[cfg(not(feature = "lamps"))]
const FAMILY: Option<&'static dyn Family> = None;

#[cfg(feature = "lamps")]
pub use imp::{check_public, check_signature, encode_secret, public_key, sign, verify};

#[cfg(feature = "lamps")]
mod imp {
    use alloc::vec::Vec;

    use ::p256::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
    use ::p256::elliptic_curve::scalar::IsHigh as _;
    use subtle::ConstantTimeEq as _;
    use zeroize::Zeroizing;

    use super::*;
    use crate::error::Error;
    use crate::sig::component::{Keypair, first_valid};

    pub(super) struct P256;

    impl Family for P256 {
        fn check_public(&self, pk: &[u8]) -> Result<(), Error> {
            check_public(pk)
        }

        fn check_signature(&self, sig: &[u8], mode: VerifyMode) -> Result<(), Error> {
            check_signature(sig, mode).map(|_| ())
        }

        fn secret_from_seed(
            &self,
            derive: &dyn Fn(u64) -> Zeroizing<[u8; 32]>,
        ) -> Result<Zeroizing<Vec<u8>>, Error> {
            let s = first_valid(derive, |s| public_key(&encode_secret(s)).is_ok())?;
            Ok(encode_secret(&s))
        }

        fn keypair(&self, secret: &[u8]) -> Result<Keypair, Error> {
            Ok((public_key(secret)?, None))
        }

        fn sign(
            &self,
            secret: &[u8],
            _expanded: Option<&[u8]>,
            msg: &[u8],
            _ctx: &[u8],
            _rnd: &[u8; 32],
        ) -> Result<Vec<u8>, Error> {
            sign(secret, msg)
        }

        fn verify(&self, pk: &[u8], msg: &[u8], _ctx: &[u8], sig: &[u8], mode: VerifyMode) -> bool {
            verify(pk, msg, sig, mode)
        }
    }

    /// Extracts the scalar from the fixed `ECPrivateKey` encoding; anything else is refused.
    fn scalar(sk: &[u8]) -> Result<::p256::ecdsa::SigningKey, Error> {
        let bad = Error::InvalidComponent {
            what: "P-256 private key",
            reason: "expected the RFC 5915 ECPrivateKey form used by the draft",
        };
        if sk.len() != SECRET_LEN {
            return Err(bad);
        }
        // The wrapper is compared in constant time (it sits in the secret key file); only the
        // verdict, which the caller learns anyway, is public (see `crate::ct`).
        let (prefix, rest) = sk.split_at(SK_PREFIX.len());
        let suffix = &rest[32..];
        let mut well_formed =
            (prefix.ct_eq(&SK_PREFIX[..]) & suffix.ct_eq(&SK_SUFFIX[..])).unwrap_u8();
        crate::ct::declassify(&mut well_formed);
        if well_formed != 1 {
            return Err(bad);
        }
        ::p256::ecdsa::SigningKey::from_slice(&sk[SK_PREFIX.len()..SK_PREFIX.len() + 32]).map_err(
            |_| Error::InvalidComponent {
                what: "P-256 private key",
                reason: "scalar is zero or not below the group order",
            },
        )
    }

    /// Encodes a 32-byte scalar as the draft's `ECPrivateKey`, in a zeroizing buffer
    /// allocated once at its final size.
    pub fn encode_secret(scalar: &[u8; 32]) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(SECRET_LEN));
        out.extend_from_slice(&SK_PREFIX);
        out.extend_from_slice(scalar);
        out.extend_from_slice(&SK_SUFFIX);
        out
    }

    /// The uncompressed public key of an encoded P-256 secret.
    pub fn public_key(sk: &[u8]) -> Result<Vec<u8>, Error> {
        let key = scalar(sk)?;
        let mut point = key.verifying_key().to_sec1_point(false);
        // Public although computed from the secret (see `crate::ct`).
        crate::ct::declassify(&mut point);
        Ok(point.as_bytes().to_vec())
    }

    /// Checks an uncompressed P-256 public key.
    pub fn check_public(pk: &[u8]) -> Result<(), Error> {
        if pk.len() != PUBLIC_LEN || pk[0] != 0x04 {
            return Err(Error::InvalidComponent {
                what: "P-256 public key",
                reason: "expected a 65-byte uncompressed SEC1 point",
            });
        }
        ::p256::ecdsa::VerifyingKey::from_sec1_bytes(pk)
            .map(|_| ())
            .map_err(|_| Error::InvalidComponent {
                what: "P-256 public key",
                reason: "not a point on the curve",
            })
    }

    /// Strict DER signature parsing: the bytes must be exactly the canonical DER encoding,
    /// and `s` must be low (at most n/2) unless `mode` is [`VerifyMode::LampsInterop`].
    pub fn check_signature(
        sig: &[u8],
        mode: VerifyMode,
    ) -> Result<::p256::ecdsa::Signature, Error> {
        let bad = Error::InvalidComponent {
            what: "P-256 signature",
            reason: "not a canonical DER ECDSA signature",
        };
        let parsed = ::p256::ecdsa::Signature::from_der(sig).map_err(|_| bad.clone())?;
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
    pub fn sign(sk: &[u8], msg: &[u8]) -> Result<Vec<u8>, Error> {
        let key = scalar(sk)?;
        let sig: ::p256::ecdsa::Signature = key
            .sign_prehash(&sha256(msg))
            .map_err(|_| Error::SigningFailed)?;
        let mut sig = sig.normalize_s();
        // The signature is public output; its DER length depends on r and s (see `crate::ct`).
        crate::ct::declassify(&mut sig);
        Ok(sig.to_der().as_bytes().to_vec())
    }

    /// Verifies a DER ECDSA P-256/SHA-256 signature (high-S refused unless `mode` is
    /// [`VerifyMode::LampsInterop`]).
    pub fn verify(pk: &[u8], msg: &[u8], sig: &[u8], mode: VerifyMode) -> bool {
        if check_public(pk).is_err() {
            return false;
        }
        let (Ok(key), Ok(sig)) = (
            ::p256::ecdsa::VerifyingKey::from_sec1_bytes(pk),
            check_signature(sig, mode),
        ) else {
            return false;
        };
        key.verify_prehash(&sha256(msg), &sig).is_ok()
    }
}

#[cfg(all(test, feature = "lamps"))]
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p256_secret_wrapper_is_checked_byte_for_byte() {
        let scalar = [0x11u8; 32];
        let good = encode_secret(&scalar);
        assert_eq!(good.len(), SECRET_LEN);
        assert!(public_key(&good).is_ok());
        // Every byte of the fixed prefix and suffix matters; the scalar bytes do not.
        let scalar_range = SK_PREFIX.len()..SK_PREFIX.len() + 32;
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x01;
            assert_eq!(
                public_key(&bad).is_ok(),
                scalar_range.contains(&i),
                "byte {i}"
            );
        }
        for len in [0, SECRET_LEN - 1, SECRET_LEN + 1] {
            let mut v = good.clone();
            v.resize(len, 0);
            assert!(public_key(&v).is_err(), "length {len}");
        }
        // The scalar inside a well-formed wrapper must be in range.
        assert!(public_key(&encode_secret(&[0; 32])).is_err());
        assert!(public_key(&encode_secret(&[0xff; 32])).is_err());
    }
}
