//! SLH-DSA (FIPS 205), pure mode with a context string, through RustCrypto `slh-dsa`.
//!
//! Security rests on hash functions alone. Parameter sets: SHA2-128s, SHA2-128f,
//! SHAKE-128s, SHA2-192s and SHA2-256s (`s`: small signatures, slow signing; `f`:
//! fast signing, larger signatures).
//!
//! - **Public keys** are `PK.seed ‖ PK.root` (2n bytes), **signatures** `R ‖ SIG_FORS ‖
//!   SIG_HT`: fixed-width byte strings, every value one encoding.
//! - **Private keys** are FIPS 205's `SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root` (4n bytes).
//!   Key generation from the three seeds is pinned by the standard
//!   (`slh_keygen_internal`, Algorithm 18; NIST ACVP answers in `tests/sig_slhdsa.rs`);
//!   loading a key recomputes `PK.root` from the seeds and refuses a key whose stored
//!   root differs.
//! - From a master seed, `SK.seed`, `SK.prf` and `PK.seed` are the first n bytes of the
//!   derived values with counters 0, 1 and 2.
//! - Signing is hedged with `opt_rand = rnd[..n]`; `rnd = 0^32` selects FIPS 205's
//!   deterministic variant (`opt_rand = PK.seed`).

use alloc::vec::Vec;
use core::marker::PhantomData;

use slh_dsa::{ParameterSet, Signature, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use super::VerifyMode;
use super::component::{Component, ComponentClass, Family, Keypair};
use crate::error::Error;

pub use slh_dsa::{Sha2_128f, Sha2_128s, Sha2_192s, Sha2_256s, Shake128s};

/// A component from FIPS 205 Table 2's category, n and signature size (checked against
/// the backend's own sizes by a test).
macro_rules! component {
    ($name:literal, $set:ty, $category:literal, $n:literal, $signature_len:literal) => {
        Component {
            name: $name,
            class: ComponentClass::PostQuantum,
            pq_category: $category,
            public_key_len: 2 * $n,
            signature_len: $signature_len,
            fixed_signature_len: true,
            secret_key_len: 4 * $n,
            derivation_label: "slh-dsa",
            draft: false,
            family: Some(&SlhDsa::<$set> {
                n: $n,
                signature_len: $signature_len,
                set: PhantomData,
            }),
        }
    };
}

/// The SLH-DSA-SHA2-128s component.
pub const SLH_DSA_SHA2_128S: Component = component!("slh-dsa-sha2-128s", Sha2_128s, 1, 16, 7856);
/// The SLH-DSA-SHA2-128f component.
pub const SLH_DSA_SHA2_128F: Component = component!("slh-dsa-sha2-128f", Sha2_128f, 1, 16, 17088);
/// The SLH-DSA-SHAKE-128s component.
pub const SLH_DSA_SHAKE_128S: Component = component!("slh-dsa-shake-128s", Shake128s, 1, 16, 7856);
/// The SLH-DSA-SHA2-192s component.
pub const SLH_DSA_SHA2_192S: Component = component!("slh-dsa-sha2-192s", Sha2_192s, 3, 24, 16224);
/// The SLH-DSA-SHA2-256s component.
pub const SLH_DSA_SHA2_256S: Component = component!("slh-dsa-sha2-256s", Sha2_256s, 5, 32, 29792);

/// SLH-DSA with parameter set `P`, whose security parameter is `n` bytes.
struct SlhDsa<P> {
    n: usize,
    signature_len: usize,
    set: PhantomData<P>,
}

impl<P: ParameterSet + Sync> Family for SlhDsa<P> {
    fn check_public(&self, pk: &[u8]) -> Result<(), Error> {
        crate::codec::exact_len("SLH-DSA public key", 2 * self.n, pk.len())
    }

    fn check_signature(&self, sig: &[u8], _mode: VerifyMode) -> Result<(), Error> {
        crate::codec::exact_len("SLH-DSA signature", self.signature_len, sig.len())
    }

    fn secret_from_seed(
        &self,
        derive: &dyn Fn(u64) -> Zeroizing<[u8; 32]>,
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        let n = self.n;
        let (sk_seed, sk_prf, pk_seed) = (derive(0), derive(1), derive(2));
        let key = SigningKey::<P>::slh_keygen_internal(&sk_seed[..n], &sk_prf[..n], &pk_seed[..n]);
        Ok(Zeroizing::new(key.to_vec()))
    }

    fn keypair(&self, secret: &[u8]) -> Result<Keypair, Error> {
        let n = self.n;
        crate::codec::exact_len("SLH-DSA private key", 4 * n, secret.len())?;
        let key = SigningKey::<P>::slh_keygen_internal(
            &secret[..n],
            &secret[n..2 * n],
            &secret[2 * n..3 * n],
        );
        let pk = AsRef::<VerifyingKey<P>>::as_ref(&key).to_vec();
        if pk[..] != secret[2 * n..] {
            return Err(Error::InvalidComponent {
                what: "SLH-DSA private key",
                reason: "PK.root does not match the seeds",
            });
        }
        Ok((pk, None))
    }

    fn sign(
        &self,
        secret: &[u8],
        _expanded: Option<&[u8]>,
        msg: &[u8],
        ctx: &[u8],
        rnd: &[u8; 32],
    ) -> Result<Vec<u8>, Error> {
        let key = SigningKey::<P>::try_from(secret).map_err(|_| Error::SigningFailed)?;
        let opt_rand = (*rnd != [0; 32]).then(|| &rnd[..self.n]);
        key.try_sign_with_context(msg, ctx, opt_rand)
            .map(|s| s.to_vec())
            .map_err(|_| Error::SigningFailed)
    }

    fn verify(&self, pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8], _mode: VerifyMode) -> bool {
        let (Ok(vk), Ok(sig)) = (
            VerifyingKey::<P>::try_from(pk),
            Signature::<P>::try_from(sig),
        ) else {
            return false;
        };
        vk.try_verify_with_context(msg, ctx, &sig).is_ok()
    }
}

/// FIPS 205 `slh_verify_internal` (Algorithm 20): verification of `msg` as given, with
/// no context and no domain prefix. Only for the NIST ACVP known answers of the
/// internal interface; chains use [`crate::sig::PublicKey::verify`] (pure mode).
pub fn verify_internal(alg: crate::sig::SigAlg, pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    fn go<P: ParameterSet>(pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
        let (Ok(vk), Ok(sig)) = (
            VerifyingKey::<P>::try_from(pk),
            Signature::<P>::try_from(sig),
        ) else {
            return false;
        };
        vk.slh_verify_internal(&[msg], &sig).is_ok()
    }
    use crate::sig::SigAlg::*;
    match alg {
        SlhDsaSha2_128s => go::<Sha2_128s>(pk, msg, sig),
        SlhDsaSha2_128f => go::<Sha2_128f>(pk, msg, sig),
        SlhDsaShake128s => go::<Shake128s>(pk, msg, sig),
        SlhDsaSha2_192s => go::<Sha2_192s>(pk, msg, sig),
        SlhDsaSha2_256s => go::<Sha2_256s>(pk, msg, sig),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The component tables (FIPS 205 Table 2) agree with the backend's own sizes.
    #[test]
    fn sizes_match_the_backend() {
        fn check<P: ParameterSet>(c: &Component) {
            let key = SigningKey::<P>::slh_keygen_internal(
                &[1; 32][..c.public_key_len / 2],
                &[2; 32][..c.public_key_len / 2],
                &[3; 32][..c.public_key_len / 2],
            );
            assert_eq!(key.to_vec().len(), c.secret_key_len, "{}", c.name);
            let vk: &VerifyingKey<P> = key.as_ref();
            assert_eq!(vk.to_vec().len(), c.public_key_len, "{}", c.name);
            let zeros = alloc::vec![0; c.signature_len + 1];
            assert!(Signature::<P>::try_from(&zeros[1..]).is_ok(), "{}", c.name);
            assert!(Signature::<P>::try_from(&zeros[..]).is_err(), "{}", c.name);
        }
        check::<Sha2_128s>(&SLH_DSA_SHA2_128S);
        check::<Sha2_128f>(&SLH_DSA_SHA2_128F);
        check::<Shake128s>(&SLH_DSA_SHAKE_128S);
        check::<Sha2_192s>(&SLH_DSA_SHA2_192S);
        check::<Sha2_256s>(&SLH_DSA_SHA2_256S);
    }

    #[test]
    fn a_key_with_a_wrong_root_is_refused() {
        let f = SlhDsa::<Sha2_128f> {
            n: 16,
            signature_len: 17088,
            set: PhantomData,
        };
        let mut sk = f
            .secret_from_seed(&|c| Zeroizing::new([c as u8; 32]))
            .unwrap();
        assert!(f.keypair(&sk).is_ok());
        sk[63] ^= 1;
        assert!(matches!(
            f.keypair(&sk),
            Err(Error::InvalidComponent { .. })
        ));
    }
}
