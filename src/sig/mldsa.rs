//! ML-DSA (FIPS 204), pure mode with a context string, behind a small backend trait.
//!
//! Private keys are the 32-byte seed ξ (FIPS 204 Algorithm 6, `ML-DSA.KeyGen_internal`);
//! the expanded signing key is derived from it and kept only in zeroizing buffers.
//! Signing is hedged by default (fresh 32-byte `rnd`) or deterministic (`rnd = 0^32`,
//! FIPS 204 §3.4). Backends must agree byte for byte on deterministic signatures.

use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::VerifyMode;
use super::component::{Component, ComponentClass, Family, Keypair};
use crate::error::Error;

/// An ML-DSA parameter set with its sizes (FIPS 204 Table 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MlDsaLevel {
    /// ML-DSA-44, NIST security category 2.
    MlDsa44,
    /// ML-DSA-65, NIST security category 3.
    MlDsa65,
    /// ML-DSA-87, NIST security category 5.
    MlDsa87,
}

impl MlDsaLevel {
    /// Public key bytes.
    pub const fn public_key_len(self) -> usize {
        match self {
            Self::MlDsa44 => 1312,
            Self::MlDsa65 => 1952,
            Self::MlDsa87 => 2592,
        }
    }

    /// Signature bytes.
    pub const fn signature_len(self) -> usize {
        match self {
            Self::MlDsa44 => 2420,
            Self::MlDsa65 => 3309,
            Self::MlDsa87 => 4627,
        }
    }

    /// Expanded signing key bytes (never stored by this crate; the seed is).
    pub const fn expanded_key_len(self) -> usize {
        match self {
            Self::MlDsa44 => 2560,
            Self::MlDsa65 => 4032,
            Self::MlDsa87 => 4896,
        }
    }

    /// NIST security category.
    pub const fn category(self) -> u8 {
        match self {
            Self::MlDsa44 => 2,
            Self::MlDsa65 => 3,
            Self::MlDsa87 => 5,
        }
    }
}

/// The ML-DSA-44 component.
pub const ML_DSA_44: Component = MlDsaLevel::MlDsa44.component("ml-dsa-44");
/// The ML-DSA-65 component.
pub const ML_DSA_65: Component = MlDsaLevel::MlDsa65.component("ml-dsa-65");
/// The ML-DSA-87 component.
pub const ML_DSA_87: Component = MlDsaLevel::MlDsa87.component("ml-dsa-87");

impl MlDsaLevel {
    const fn component(self, name: &'static str) -> Component {
        Component {
            name,
            class: ComponentClass::PostQuantum,
            pq_category: self.category(),
            public_key_len: self.public_key_len(),
            signature_len: self.signature_len(),
            fixed_signature_len: true,
            secret_key_len: SEED_LEN,
            derivation_label: "ml-dsa",
            draft: false,
            family: Some(match self {
                Self::MlDsa44 => &MlDsa(Self::MlDsa44),
                Self::MlDsa65 => &MlDsa(Self::MlDsa65),
                Self::MlDsa87 => &MlDsa(Self::MlDsa87),
            }),
        }
    }
}

/// ML-DSA at one level on the [`DefaultBackend`]. Public keys and signatures of the
/// right length are well-formed (every bit pattern decodes); verification does the rest.
struct MlDsa(MlDsaLevel);

impl Family for MlDsa {
    fn check_public(&self, pk: &[u8]) -> Result<(), Error> {
        crate::codec::exact_len("ML-DSA public key", self.0.public_key_len(), pk.len())
    }

    fn check_signature(&self, sig: &[u8], _mode: VerifyMode) -> Result<(), Error> {
        crate::codec::exact_len("ML-DSA signature", self.0.signature_len(), sig.len())
    }

    fn keypair(&self, secret: &[u8]) -> Result<Keypair, Error> {
        let xi = super::component::secret32("ML-DSA seed", secret)?;
        let (pk, sk) = DefaultBackend::keygen(self.0, xi);
        Ok((pk, Some(sk)))
    }

    fn sign(
        &self,
        _secret: &[u8],
        expanded: Option<&[u8]>,
        msg: &[u8],
        ctx: &[u8],
        rnd: &[u8; 32],
    ) -> Result<Vec<u8>, Error> {
        let sk = expanded.ok_or(Error::SigningFailed)?;
        DefaultBackend::sign(self.0, sk, msg, ctx, *rnd)
    }

    fn verify(&self, pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8], _mode: VerifyMode) -> bool {
        DefaultBackend::verify(self.0, pk, msg, ctx, sig)
    }
}

/// Seed length ξ (FIPS 204).
pub const SEED_LEN: usize = 32;

/// Longest context string FIPS 204 allows.
pub const MAX_CONTEXT_LEN: usize = 255;

/// An ML-DSA implementation. Zero-sized types implement it; the crate picks
/// [`DefaultBackend`] unless a caller names another.
pub trait MlDsaBackend {
    /// Key generation from the seed ξ: `(public key, expanded signing key)`.
    fn keygen(level: MlDsaLevel, xi: &[u8; SEED_LEN]) -> (Vec<u8>, Zeroizing<Vec<u8>>);

    /// Pure ML-DSA signing (FIPS 204 Algorithm 2) with explicit `rnd`.
    /// `sk` is the expanded key from [`MlDsaBackend::keygen`].
    fn sign(
        level: MlDsaLevel,
        sk: &[u8],
        msg: &[u8],
        ctx: &[u8],
        rnd: [u8; 32],
    ) -> Result<Vec<u8>, Error>;

    /// Pure ML-DSA verification (FIPS 204 Algorithm 3). Inputs of the wrong length are
    /// simply invalid.
    fn verify(level: MlDsaLevel, pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8]) -> bool;
}

/// The default backend: `libcrux-ml-dsa` (formally verified, portable + AVX2 at run time).
pub type DefaultBackend = Libcrux;

fn check_ctx(ctx: &[u8]) -> Result<(), Error> {
    if ctx.len() > MAX_CONTEXT_LEN {
        return Err(Error::ContextTooLong { len: ctx.len() });
    }
    Ok(())
}

/// `libcrux-ml-dsa`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Libcrux;

macro_rules! libcrux_level {
    ($m:ident, $sk:ident, $vk:ident, $sig:ident) => {
        mod $m {
            use super::*;
            use libcrux_ml_dsa::$m as ml;
            use zeroize::Zeroize;

            pub(super) fn keygen(xi: &[u8; SEED_LEN]) -> (Vec<u8>, Zeroizing<Vec<u8>>) {
                let mut kp = ml::generate_key_pair(*xi);
                let sk = Zeroizing::new(kp.signing_key.as_slice().to_vec());
                // libcrux keys do not zeroize themselves.
                kp.signing_key.as_mut_slice().zeroize();
                (kp.verification_key.as_slice().to_vec(), sk)
            }

            pub(super) fn sign(
                sk: &[u8],
                msg: &[u8],
                ctx: &[u8],
                rnd: [u8; 32],
            ) -> Result<Vec<u8>, Error> {
                let mut key = ml::$sk::zero();
                if sk.len() != key.as_slice().len() {
                    return Err(Error::WrongLength {
                        what: "ML-DSA expanded signing key",
                        expected: key.as_slice().len(),
                        got: sk.len(),
                    });
                }
                key.as_mut_slice().copy_from_slice(sk);
                let out = ml::sign(&key, msg, ctx, rnd);
                key.as_mut_slice().zeroize();
                out.map(|s| s.as_slice().to_vec())
                    .map_err(|_| Error::SigningFailed)
            }

            pub(super) fn verify(pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8]) -> bool {
                let (Ok(pk), Ok(sig)) = (<[u8; _]>::try_from(pk), <[u8; _]>::try_from(sig)) else {
                    return false;
                };
                ml::verify(&ml::$vk::new(pk), msg, ctx, &ml::$sig::new(sig)).is_ok()
            }
        }
    };
}

libcrux_level!(
    ml_dsa_44,
    MLDSA44SigningKey,
    MLDSA44VerificationKey,
    MLDSA44Signature
);
libcrux_level!(
    ml_dsa_65,
    MLDSA65SigningKey,
    MLDSA65VerificationKey,
    MLDSA65Signature
);
libcrux_level!(
    ml_dsa_87,
    MLDSA87SigningKey,
    MLDSA87VerificationKey,
    MLDSA87Signature
);

impl MlDsaBackend for Libcrux {
    fn keygen(level: MlDsaLevel, xi: &[u8; SEED_LEN]) -> (Vec<u8>, Zeroizing<Vec<u8>>) {
        match level {
            MlDsaLevel::MlDsa44 => ml_dsa_44::keygen(xi),
            MlDsaLevel::MlDsa65 => ml_dsa_65::keygen(xi),
            MlDsaLevel::MlDsa87 => ml_dsa_87::keygen(xi),
        }
    }

    fn sign(
        level: MlDsaLevel,
        sk: &[u8],
        msg: &[u8],
        ctx: &[u8],
        rnd: [u8; 32],
    ) -> Result<Vec<u8>, Error> {
        check_ctx(ctx)?;
        match level {
            MlDsaLevel::MlDsa44 => ml_dsa_44::sign(sk, msg, ctx, rnd),
            MlDsaLevel::MlDsa65 => ml_dsa_65::sign(sk, msg, ctx, rnd),
            MlDsaLevel::MlDsa87 => ml_dsa_87::sign(sk, msg, ctx, rnd),
        }
    }

    fn verify(level: MlDsaLevel, pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8]) -> bool {
        ctx.len() <= MAX_CONTEXT_LEN
            && match level {
                MlDsaLevel::MlDsa44 => ml_dsa_44::verify(pk, msg, ctx, sig),
                MlDsaLevel::MlDsa65 => ml_dsa_65::verify(pk, msg, ctx, sig),
                MlDsaLevel::MlDsa87 => ml_dsa_87::verify(pk, msg, ctx, sig),
            }
    }
}

/// RustCrypto `ml-dsa` (feature `rustcrypto-mldsa`).
#[cfg(feature = "rustcrypto-mldsa")]
#[derive(Clone, Copy, Debug, Default)]
pub struct RustCrypto;

#[cfg(feature = "rustcrypto-mldsa")]
mod rustcrypto {
    use super::*;
    use ml_dsa::{
        B32, EncodedSignature, EncodedVerifyingKey, ExpandedSigningKey, MlDsaParams, Signature,
        VerifyingKey,
    };

    pub(super) fn keygen<P: MlDsaParams>(xi: &[u8; SEED_LEN]) -> (Vec<u8>, Zeroizing<Vec<u8>>) {
        let seed = B32::from(*xi);
        let sk = ExpandedSigningKey::<P>::from_seed(&seed);
        let pk = sk.verifying_key().encode().to_vec();
        #[allow(deprecated)]
        let expanded = Zeroizing::new(sk.to_expanded().to_vec());
        (pk, expanded)
    }

    pub(super) fn sign<P: MlDsaParams>(
        sk: &[u8],
        msg: &[u8],
        ctx: &[u8],
        rnd: [u8; 32],
    ) -> Result<Vec<u8>, Error> {
        let enc = sk.try_into().map_err(|_| Error::WrongLength {
            what: "ML-DSA expanded signing key",
            expected: 0,
            got: sk.len(),
        })?;
        #[allow(deprecated)]
        let key = ExpandedSigningKey::<P>::from_expanded(enc);
        // FIPS 204 Algorithm 2: M' = 0 ‖ len(ctx) ‖ ctx ‖ M, then Sign_internal.
        let header = [0u8, ctx.len() as u8];
        let sig = key.sign_internal(&[&header, ctx, msg], &B32::from(rnd));
        Ok(sig.encode().to_vec())
    }

    pub(super) fn verify<P: MlDsaParams>(pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8]) -> bool {
        let (Ok(pk), Ok(sig)) = (
            <&EncodedVerifyingKey<P>>::try_from(pk),
            <&EncodedSignature<P>>::try_from(sig),
        ) else {
            return false;
        };
        let Some(sig) = Signature::<P>::decode(sig) else {
            return false;
        };
        VerifyingKey::<P>::decode(pk).verify_with_context(msg, ctx, &sig)
    }
}

#[cfg(feature = "rustcrypto-mldsa")]
impl MlDsaBackend for RustCrypto {
    fn keygen(level: MlDsaLevel, xi: &[u8; SEED_LEN]) -> (Vec<u8>, Zeroizing<Vec<u8>>) {
        use ml_dsa::{MlDsa44, MlDsa65, MlDsa87};
        match level {
            MlDsaLevel::MlDsa44 => rustcrypto::keygen::<MlDsa44>(xi),
            MlDsaLevel::MlDsa65 => rustcrypto::keygen::<MlDsa65>(xi),
            MlDsaLevel::MlDsa87 => rustcrypto::keygen::<MlDsa87>(xi),
        }
    }

    fn sign(
        level: MlDsaLevel,
        sk: &[u8],
        msg: &[u8],
        ctx: &[u8],
        rnd: [u8; 32],
    ) -> Result<Vec<u8>, Error> {
        use ml_dsa::{MlDsa44, MlDsa65, MlDsa87};
        check_ctx(ctx)?;
        match level {
            MlDsaLevel::MlDsa44 => rustcrypto::sign::<MlDsa44>(sk, msg, ctx, rnd),
            MlDsaLevel::MlDsa65 => rustcrypto::sign::<MlDsa65>(sk, msg, ctx, rnd),
            MlDsaLevel::MlDsa87 => rustcrypto::sign::<MlDsa87>(sk, msg, ctx, rnd),
        }
    }

    fn verify(level: MlDsaLevel, pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8]) -> bool {
        use ml_dsa::{MlDsa44, MlDsa65, MlDsa87};
        ctx.len() <= MAX_CONTEXT_LEN
            && match level {
                MlDsaLevel::MlDsa44 => rustcrypto::verify::<MlDsa44>(pk, msg, ctx, sig),
                MlDsaLevel::MlDsa65 => rustcrypto::verify::<MlDsa65>(pk, msg, ctx, sig),
                MlDsaLevel::MlDsa87 => rustcrypto::verify::<MlDsa87>(pk, msg, ctx, sig),
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEVELS: [MlDsaLevel; 3] = [
        MlDsaLevel::MlDsa44,
        MlDsaLevel::MlDsa65,
        MlDsaLevel::MlDsa87,
    ];

    #[test]
    fn sizes_pinned_from_fips_204() {
        for level in LEVELS {
            let (pk, sk) = Libcrux::keygen(level, &[7; 32]);
            assert_eq!(pk.len(), level.public_key_len());
            assert_eq!(sk.len(), level.expanded_key_len());
            let sig = Libcrux::sign(level, &sk, b"m", b"", [0; 32]).unwrap();
            assert_eq!(sig.len(), level.signature_len());
            assert!(Libcrux::verify(level, &pk, b"m", b"", &sig));
            assert!(!Libcrux::verify(level, &pk, b"m", b"x", &sig));
            assert!(!Libcrux::verify(level, &pk, b"m", b"", &sig[1..]));
        }
    }

    #[test]
    fn context_longer_than_255_is_an_error() {
        let (_, sk) = Libcrux::keygen(MlDsaLevel::MlDsa44, &[1; 32]);
        assert!(Libcrux::sign(MlDsaLevel::MlDsa44, &sk, b"m", &[0; 256], [0; 32]).is_err());
    }

    #[cfg(feature = "rustcrypto-mldsa")]
    #[test]
    fn backends_agree_byte_for_byte() {
        for level in LEVELS {
            for seed in [[0u8; 32], [0x5a; 32]] {
                let (pk_a, sk_a) = Libcrux::keygen(level, &seed);
                let (pk_b, sk_b) = RustCrypto::keygen(level, &seed);
                assert_eq!(pk_a, pk_b, "{level:?} public keys");
                assert_eq!(*sk_a, *sk_b, "{level:?} expanded keys");
                for (msg, ctx) in [
                    (&b""[..], &b""[..]),
                    (b"hello", b"ctx"),
                    (&[9u8; 1000][..], &[1u8; 255][..]),
                ] {
                    let a = Libcrux::sign(level, &sk_a, msg, ctx, [0; 32]).unwrap();
                    let b = RustCrypto::sign(level, &sk_b, msg, ctx, [0; 32]).unwrap();
                    assert_eq!(a, b, "{level:?} deterministic signatures");
                    assert!(RustCrypto::verify(level, &pk_a, msg, ctx, &a));
                    assert!(Libcrux::verify(level, &pk_b, msg, ctx, &b));
                }
            }
        }
    }
}
