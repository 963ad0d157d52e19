//! The composite layout, written down once (rustls `Hybrid` style): which PQ component,
//! which classical one, the Label, the pre-hash, and how keys and signatures split.

use alloc::vec::Vec;

use super::component::{Component, ComponentClass};
use super::mldsa::MAX_CONTEXT_LEN;
use crate::error::Error;
use crate::hash::{self, HashAlg};

/// The composite domain prefix: ASCII `CompositeAlgorithmSignatures2025`
/// (draft-ietf-lamps-pq-composite-sigs §"Prefix").
pub const PREFIX: &[u8; 32] = b"CompositeAlgorithmSignatures2025";

/// One composite pairing, as plain data: a post-quantum component, a classical one,
/// the Label and the pre-hash. Keys and signatures are `pq ‖ classical`, the secret is
/// `pqSK ‖ classicalSK`; the split is written once here.
#[derive(Debug, PartialEq, Eq)]
pub struct Composite {
    /// The post-quantum component (signs `M'` with context = Label).
    pub pq: &'static Component,
    /// The classical component (signs `M'`, no context).
    pub classical: &'static Component,
    /// The Label: domain separator in `M'` and the PQ context.
    pub label: &'static str,
    /// The pre-hash PH applied to the message.
    pub pre_hash: HashAlg,
}

impl Composite {
    /// The message representative `M' = Prefix ‖ Label ‖ len(ctx) ‖ ctx ‖ PH(M)`.
    pub fn message_representative(&self, msg: &[u8], ctx: &[u8]) -> Result<Vec<u8>, Error> {
        if ctx.len() > MAX_CONTEXT_LEN {
            return Err(Error::ContextTooLong { len: ctx.len() });
        }
        let ph = hash::hash(self.pre_hash, msg);
        let mut m = Vec::with_capacity(
            PREFIX.len() + self.label.len() + 1 + ctx.len() + ph.as_bytes().len(),
        );
        m.extend_from_slice(PREFIX);
        m.extend_from_slice(self.label.as_bytes());
        m.push(ctx.len() as u8);
        m.extend_from_slice(ctx);
        m.extend_from_slice(ph.as_bytes());
        Ok(m)
    }

    /// A pairing (a PQ component first, a classical one second: checked at compile
    /// time where the registry builds its rows).
    pub(crate) const fn new(
        pq: &'static Component,
        classical: &'static Component,
        label: &'static str,
        pre_hash: HashAlg,
    ) -> Self {
        assert!(matches!(pq.class, ComponentClass::PostQuantum) && pq.fixed_signature_len);
        assert!(matches!(classical.class, ComponentClass::Classical));
        Self {
            pq,
            classical,
            label,
            pre_hash,
        }
    }

    /// Public key bytes: `pqPK ‖ classicalPK`.
    pub const fn public_key_len(&self) -> usize {
        self.pq.public_key_len + self.classical.public_key_len
    }

    /// Signature bytes, the maximum: `pqSig ‖ classicalSig`.
    pub const fn signature_len(&self) -> usize {
        self.pq.signature_len + self.classical.signature_len
    }

    /// Secret key bytes: `pqSK ‖ classicalSK`.
    pub const fn secret_key_len(&self) -> usize {
        self.pq.secret_key_len + self.classical.secret_key_len
    }

    /// Splits a public key payload at the PQ key's length (the caller checked the total).
    pub(crate) fn split_public<'a>(&self, pk: &'a [u8]) -> (&'a [u8], &'a [u8]) {
        pk.split_at(self.pq.public_key_len.min(pk.len()))
    }

    /// Splits a signature payload at the PQ signature's (fixed) length.
    pub(crate) fn split_signature<'a>(&self, sig: &'a [u8]) -> (&'a [u8], &'a [u8]) {
        sig.split_at(self.pq.signature_len.min(sig.len()))
    }

    /// Splits a secret payload at the PQ secret's length.
    pub(crate) fn split_secret<'a>(&self, sk: &'a [u8]) -> (&'a [u8], &'a [u8]) {
        sk.split_at(self.pq.secret_key_len.min(sk.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example `messageFormatSample_ctx.md` from the draft's repository.
    #[test]
    fn message_representative_matches_the_draft_sample() {
        let c = Composite::new(
            &crate::sig::mldsa::ML_DSA_65,
            &crate::sig::p256::COMPONENT,
            "COMPSIG-MLDSA65-ECDSA-P256-SHA512",
            HashAlg::Sha2_512,
        );
        assert_eq!(Some(&c), crate::sig::SigAlg::MlDsa65P256.composite());
        let m = [0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        let ctx = [0x08, 0x13, 0x06, 0x12, 0x05, 0x16, 0x26, 0x23];
        let expected = "436f6d706f73697465416c676f726974686d5369676e61747572657332303235\
                        434f4d505349472d4d4c44534136352d45434453412d503235362d534841353132\
                        080813061205162623\
                        0f89ee1fcb7b0a4f7809d1267a029719004c5a5e5ec323a7c3523a20974f9a3f\
                        202f56fadba4cd9e8d654ab9f2e96dc5c795ea176fa20ede8d854c342f903533";
        assert_eq!(
            crate::codec::to_hex(&c.message_representative(&m, &ctx).unwrap()),
            expected
        );
        assert!(matches!(
            c.message_representative(&m, &[0; 256]),
            Err(Error::ContextTooLong { len: 256 })
        ));
    }
}
