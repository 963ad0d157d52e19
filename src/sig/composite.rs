//! The composite layout, written down once (rustls `Hybrid` style): which ML-DSA, which
//! traditional algorithm, the Label, the pre-hash, and how components are laid out.

use alloc::vec::Vec;

use crate::error::Error;
use crate::hash::{self, HashAlg};
use crate::sig::mldsa::{MAX_CONTEXT_LEN, MlDsaLevel};

/// The composite domain prefix: ASCII `CompositeAlgorithmSignatures2025`
/// (draft-ietf-lamps-pq-composite-sigs §"Prefix").
pub const PREFIX: &[u8; 32] = b"CompositeAlgorithmSignatures2025";

/// The traditional half of a composite.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Traditional {
    /// ECDSA secp256k1, SHA-256, compressed key, compact low-S `r ‖ s` (pqmigrate's chain
    /// encoding).
    Secp256k1,
    /// ECDSA P-256, SHA-256, uncompressed key, DER signature (the draft's encoding).
    P256,
    /// Ed25519, raw key and signature (the draft's encoding).
    Ed25519,
}

impl Traditional {
    /// Public key bytes.
    pub const fn public_key_len(self) -> usize {
        match self {
            Self::Secp256k1 => 33,
            Self::P256 => 65,
            Self::Ed25519 => 32,
        }
    }

    /// Signature bytes; the maximum for DER.
    pub const fn max_signature_len(self) -> usize {
        match self {
            Self::Secp256k1 => 64,
            Self::P256 => 72,
            Self::Ed25519 => 64,
        }
    }

    /// Secret key bytes as stored (P-256: the draft's RFC 5915 `ECPrivateKey`).
    pub const fn secret_key_len(self) -> usize {
        match self {
            Self::Secp256k1 => 32,
            Self::P256 => 51,
            Self::Ed25519 => 32,
        }
    }

    /// Name used in key derivation and `inspect`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Secp256k1 => "secp256k1",
            Self::P256 => "p256",
            Self::Ed25519 => "ed25519",
        }
    }

    pub(crate) const fn is_available(self) -> bool {
        match self {
            Self::Secp256k1 => true,
            Self::P256 | Self::Ed25519 => cfg!(feature = "lamps"),
        }
    }
}

/// One composite pairing.
#[derive(Debug, PartialEq, Eq)]
pub struct Composite {
    /// The ML-DSA parameter set.
    pub mldsa: MlDsaLevel,
    /// The traditional algorithm.
    pub traditional: Traditional,
    /// The Label: domain separator in `M'` and ML-DSA context.
    pub label: &'static str,
    /// The pre-hash PH applied to the message.
    pub pre_hash: HashAlg,
}

pub(crate) const MLDSA44_SECP256K1: Composite = Composite {
    mldsa: MlDsaLevel::MlDsa44,
    traditional: Traditional::Secp256k1,
    label: "COMPSIG-MLDSA44-ECDSA-secp256k1-SHA256",
    pre_hash: HashAlg::Sha2_256,
};
pub(crate) const MLDSA65_SECP256K1: Composite = Composite {
    mldsa: MlDsaLevel::MlDsa65,
    traditional: Traditional::Secp256k1,
    label: "COMPSIG-MLDSA65-ECDSA-secp256k1-SHA512",
    pre_hash: HashAlg::Sha2_512,
};
pub(crate) const MLDSA87_SECP256K1: Composite = Composite {
    mldsa: MlDsaLevel::MlDsa87,
    traditional: Traditional::Secp256k1,
    label: "COMPSIG-MLDSA87-ECDSA-secp256k1-SHA512",
    pre_hash: HashAlg::Sha2_512,
};
pub(crate) const MLDSA44_P256: Composite = Composite {
    mldsa: MlDsaLevel::MlDsa44,
    traditional: Traditional::P256,
    label: "COMPSIG-MLDSA44-ECDSA-P256-SHA256",
    pre_hash: HashAlg::Sha2_256,
};
pub(crate) const MLDSA65_P256: Composite = Composite {
    mldsa: MlDsaLevel::MlDsa65,
    traditional: Traditional::P256,
    label: "COMPSIG-MLDSA65-ECDSA-P256-SHA512",
    pre_hash: HashAlg::Sha2_512,
};
pub(crate) const MLDSA44_ED25519: Composite = Composite {
    mldsa: MlDsaLevel::MlDsa44,
    traditional: Traditional::Ed25519,
    label: "COMPSIG-MLDSA44-Ed25519-SHA512",
    pre_hash: HashAlg::Sha2_512,
};
pub(crate) const MLDSA65_ED25519: Composite = Composite {
    mldsa: MlDsaLevel::MlDsa65,
    traditional: Traditional::Ed25519,
    label: "COMPSIG-MLDSA65-Ed25519-SHA512",
    pre_hash: HashAlg::Sha2_512,
};

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

    /// Public key layout: `mldsaPK ‖ tradPK`.
    pub const fn public_key_len(&self) -> usize {
        self.mldsa.public_key_len() + self.traditional.public_key_len()
    }

    /// Secret key layout: `ξ (32) ‖ tradSK`.
    pub const fn secret_key_len(&self) -> usize {
        32 + self.traditional.secret_key_len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example `messageFormatSample_ctx.md` from the draft's repository.
    #[test]
    fn message_representative_matches_the_draft_sample() {
        let c = Composite {
            mldsa: MlDsaLevel::MlDsa65,
            traditional: Traditional::P256,
            label: "COMPSIG-MLDSA65-ECDSA-P256-SHA512",
            pre_hash: HashAlg::Sha2_512,
        };
        assert_eq!(c, MLDSA65_P256);
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
