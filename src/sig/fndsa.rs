//! FN-DSA (Falcon, FIPS 206 **draft**), pure mode with a context string, through the
//! `fn-dsa` crate (T. Pornin).
//!
//! FIPS 206 is not final. The encodings and the message representative here are those
//! of `fn-dsa` 0.4, which follows its author's reading of the coming draft (the C
//! reference `c-fn-dsa`): `μ = SHAKE256(SHAKE256(vk) ‖ 0x00 ‖ len(ctx) ‖ ctx ‖ M)`, then
//! Falcon signing of `μ`. A final standard may change them; the registry marks both
//! parameter sets as a draft standard and gives them status `allowed`, not
//! `recommended`.
//!
//! - **Public keys** (897 / 1793 bytes) are Falcon's: header `0x0n`, then `h` in 14-bit
//!   words; a coefficient ≥ q is refused, so each key has one encoding.
//! - **Signatures** use the fixed-length (padded) format: header `0x30 + log n`, a
//!   40-byte nonce, then the compressed `s2`, zero-padded to 666 / 1280 bytes. The
//!   decoder refuses `-0`, over-long runs, norms out of range and non-zero padding, so
//!   a signature is one byte string, and a composite splits at a fixed offset.
//! - **Private keys** are stored as the signing key the draft defines (`f`, `g`, `F`
//!   and `SHAKE256(vk)`; 1345 / 2369 bytes), because key generation from a seed is not
//!   pinned by any standard: a key, once derived, never changes under a dependency
//!   update. Loading one recomputes `G` and `vk` and refuses a key whose stored hash of
//!   `vk` is wrong.
//! - From a master seed, the 32-byte derived value is the seed of `fn-dsa`'s key
//!   generation (`KeyPairGenerator::keygen` reads exactly 32 bytes from its generator).
//! - Signing is hedged: the 40-byte signing seed is `rnd ‖ 0^8`, which `fn-dsa` then
//!   hashes with the key and `μ`; `rnd = 0^32` gives a deterministic signature.

use alloc::vec;
use alloc::vec::Vec;

use fn_dsa::{
    DomainContext, HASH_ID_RAW, KeyPairGenerator, KeyPairGenerator512, KeyPairGenerator1024,
    SigningKey as _, SigningKey512, SigningKey1024, VerifyingKey as _, VerifyingKey512,
    VerifyingKey1024,
};
use zeroize::Zeroizing;

use super::VerifyMode;
use super::component::{Component, ComponentClass, Family, Keypair};
use crate::error::Error;

/// An FN-DSA parameter set with its sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FnDsaLevel {
    /// FN-DSA-512 (n = 512), NIST security category 1.
    FnDsa512,
    /// FN-DSA-1024 (n = 1024), NIST security category 5.
    FnDsa1024,
}

impl FnDsaLevel {
    /// `log2 n`.
    pub const fn logn(self) -> u32 {
        match self {
            Self::FnDsa512 => fn_dsa::FN_DSA_LOGN_512,
            Self::FnDsa1024 => fn_dsa::FN_DSA_LOGN_1024,
        }
    }

    /// Public (verifying) key bytes.
    pub const fn public_key_len(self) -> usize {
        fn_dsa::vrfy_key_size(self.logn())
    }

    /// Signature bytes (fixed: the padded format).
    pub const fn signature_len(self) -> usize {
        fn_dsa::signature_size(self.logn())
    }

    /// Signing key bytes, as stored.
    pub const fn secret_key_len(self) -> usize {
        fn_dsa::sign_key_size(self.logn())
    }

    /// NIST security category.
    pub const fn category(self) -> u8 {
        match self {
            Self::FnDsa512 => 1,
            Self::FnDsa1024 => 5,
        }
    }

    const fn component(self, name: &'static str) -> Component {
        Component {
            name,
            class: ComponentClass::PostQuantum,
            pq_category: self.category(),
            public_key_len: self.public_key_len(),
            signature_len: self.signature_len(),
            fixed_signature_len: true,
            secret_key_len: self.secret_key_len(),
            derivation_label: "fn-dsa",
            draft: true,
            family: Some(match self {
                Self::FnDsa512 => &FnDsa(Self::FnDsa512),
                Self::FnDsa1024 => &FnDsa(Self::FnDsa1024),
            }),
        }
    }
}

/// The FN-DSA-512 component.
pub const FN_DSA_512: Component = FnDsaLevel::FnDsa512.component("fn-dsa-512");
/// The FN-DSA-1024 component.
pub const FN_DSA_1024: Component = FnDsaLevel::FnDsa1024.component("fn-dsa-1024");

/// Key generation from a 32-byte seed: `(signing key as stored, public key)`. This is
/// what [`crate::sig::SigningKey::from_seed`] runs on the derived seed; it is pinned by
/// the `fn-dsa` known answers (`tests/sig_fndsa.rs`).
pub fn keypair_from_seed(level: FnDsaLevel, seed: &[u8; 32]) -> (Zeroizing<Vec<u8>>, Vec<u8>) {
    let mut sk = Zeroizing::new(vec![0u8; level.secret_key_len()]);
    let mut vk = vec![0u8; level.public_key_len()];
    let mut rng = Replay::new(seed);
    match level {
        FnDsaLevel::FnDsa512 => {
            KeyPairGenerator512::default().keygen(level.logn(), &mut rng, &mut sk, &mut vk)
        }
        FnDsaLevel::FnDsa1024 => {
            KeyPairGenerator1024::default().keygen(level.logn(), &mut rng, &mut sk, &mut vk)
        }
    }
    (sk, vk)
}

/// FN-DSA at one level.
struct FnDsa(FnDsaLevel);

fn invalid(what: &'static str, reason: &'static str) -> Error {
    Error::InvalidComponent { what, reason }
}

impl FnDsa {
    /// Whether `pk` decodes (length, header, every coefficient below q).
    fn decodes_public(&self, pk: &[u8]) -> bool {
        match self.0 {
            FnDsaLevel::FnDsa512 => VerifyingKey512::decode(pk).is_some(),
            FnDsaLevel::FnDsa1024 => VerifyingKey1024::decode(pk).is_some(),
        }
    }

    /// Decodes a stored signing key and returns its public key, or `None` for a key
    /// that does not decode or whose stored `SHAKE256(vk)` does not match.
    fn public_of(&self, sk: &[u8]) -> Option<Vec<u8>> {
        let mut vk = vec![0u8; self.0.public_key_len()];
        match self.0 {
            FnDsaLevel::FnDsa512 => SigningKey512::decode(sk)?.to_verifying_key(&mut vk),
            FnDsaLevel::FnDsa1024 => SigningKey1024::decode(sk)?.to_verifying_key(&mut vk),
        }
        let stored = fn_dsa::hashed_vrfykey_from_signkey(sk);
        (stored == fn_dsa::hashed_vrfykey_from_vrfykey(&vk)).then_some(vk)
    }
}

impl Family for FnDsa {
    fn check_public(&self, pk: &[u8]) -> Result<(), Error> {
        crate::codec::exact_len("FN-DSA public key", self.0.public_key_len(), pk.len())?;
        if !self.decodes_public(pk) {
            return Err(invalid("FN-DSA public key", "not a canonical encoding"));
        }
        Ok(())
    }

    fn check_signature(&self, sig: &[u8], _mode: VerifyMode) -> Result<(), Error> {
        crate::codec::exact_len("FN-DSA signature", self.0.signature_len(), sig.len())?;
        if u32::from(sig[0]) != 0x30 + self.0.logn() {
            return Err(invalid("FN-DSA signature", "wrong header byte"));
        }
        let mut s2 = [0i16; 1024];
        let n = 1usize << self.0.logn();
        if !fn_dsa_comm::codec::comp_decode(&sig[41..], &mut s2[..n]) {
            return Err(invalid("FN-DSA signature", "not a canonical encoding"));
        }
        Ok(())
    }

    fn secret_from_seed(
        &self,
        derive: &dyn Fn(u64) -> Zeroizing<[u8; 32]>,
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        Ok(keypair_from_seed(self.0, &derive(0)).0)
    }

    fn keypair(&self, secret: &[u8]) -> Result<Keypair, Error> {
        crate::codec::exact_len("FN-DSA signing key", self.0.secret_key_len(), secret.len())?;
        let pk = self
            .public_of(secret)
            .ok_or(invalid("FN-DSA signing key", "not a valid key"))?;
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
        // `Component::sign` passed only a context of at most 255 bytes (fn-dsa asserts it).
        let mut seed = Zeroizing::new([0u8; 40]);
        seed[..32].copy_from_slice(rnd);
        let mut rng = Replay::new(&*seed);
        let mut sig = vec![0u8; self.0.signature_len()];
        let ctx = DomainContext(ctx);
        let done = match self.0 {
            FnDsaLevel::FnDsa512 => SigningKey512::decode(secret)
                .and_then(|mut k| k.sign(&mut rng, &ctx, &HASH_ID_RAW, msg, &mut sig)),
            FnDsaLevel::FnDsa1024 => SigningKey1024::decode(secret)
                .and_then(|mut k| k.sign(&mut rng, &ctx, &HASH_ID_RAW, msg, &mut sig)),
        };
        done.map(|()| sig).ok_or(Error::SigningFailed)
    }

    fn verify(&self, pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8], _mode: VerifyMode) -> bool {
        // fn-dsa asserts a context of at most 255 bytes: refuse longer ones here too. Its
        // verify checks length, header and the canonical s2 encoding itself.
        if ctx.len() > super::mldsa::MAX_CONTEXT_LEN {
            return false;
        }
        let ctx = DomainContext(ctx);
        match self.0 {
            FnDsaLevel::FnDsa512 => VerifyingKey512::decode(pk)
                .is_some_and(|vk| vk.verify(sig, &ctx, &HASH_ID_RAW, msg)),
            FnDsaLevel::FnDsa1024 => VerifyingKey1024::decode(pk)
                .is_some_and(|vk| vk.verify(sig, &ctx, &HASH_ID_RAW, msg)),
        }
    }
}

/// A generator that plays back fixed bytes, then zeros: `fn-dsa` draws exactly 32 bytes
/// for key generation and 40 for a signing seed, so the output is a function of the
/// given bytes alone.
struct Replay<'a> {
    bytes: &'a [u8],
}

impl<'a> Replay<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes }
    }
}

impl fn_dsa::RngCore for Replay<'_> {
    fn next_u32(&mut self) -> u32 {
        let mut b = [0; 4];
        self.fill_bytes(&mut b);
        u32::from_le_bytes(b)
    }

    fn next_u64(&mut self) -> u64 {
        let mut b = [0; 8];
        self.fill_bytes(&mut b);
        u64::from_le_bytes(b)
    }

    fn fill_bytes(&mut self, dest: &mut [u8]) {
        let n = dest.len().min(self.bytes.len());
        dest[..n].copy_from_slice(&self.bytes[..n]);
        dest[n..].fill(0);
        self.bytes = &self.bytes[n..];
    }

    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), fn_dsa::RngError> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl fn_dsa::CryptoRng for Replay<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The draft's sizes (fn-dsa README table, the Falcon specification's Table 3.3).
    #[test]
    fn sizes_match_the_draft() {
        assert_eq!(
            (
                FN_DSA_512.public_key_len,
                FN_DSA_512.signature_len,
                FN_DSA_512.secret_key_len
            ),
            (897, 666, 1345)
        );
        assert_eq!(
            (
                FN_DSA_1024.public_key_len,
                FN_DSA_1024.signature_len,
                FN_DSA_1024.secret_key_len
            ),
            (1793, 1280, 2369)
        );
    }

    #[test]
    fn a_key_with_a_wrong_stored_hash_is_refused() {
        let (mut sk, vk) = keypair_from_seed(FnDsaLevel::FnDsa512, &[3; 32]);
        let f = FnDsa(FnDsaLevel::FnDsa512);
        assert_eq!(f.keypair(&sk).unwrap().0, vk);
        let last = sk.len() - 1;
        sk[last] ^= 1;
        assert!(f.keypair(&sk).is_err());
        sk[last] ^= 1;
        sk[0] = 0x5a; // the 1024 header
        assert!(f.keypair(&sk).is_err());
    }
}
