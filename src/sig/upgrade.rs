//! [`UpgradeAttestation`]: an existing (classical) account binds its new hybrid key.
//!
//! The old key signs the statement
//!
//! ```text
//! framed("pqmigrate/v1/key-upgrade", [chain_id, u64le(height), old_pk_envelope, new_pk_envelope])
//! ```
//!
//! (the framing of [`crate::hash::encode_framed`]) with the context
//! [`UPGRADE_CONTEXT`] (`pqmigrate/v1/key-upgrade`) when its scheme takes a context
//! (ML-DSA, composites), so an attestation is never a valid transaction signature under
//! the empty context; plain ECDSA secp256k1 takes no context and relies on the framed
//! domain alone. Naming the chain, the height and
//! both keys with their algorithm ids means an attestation cannot be replayed on another
//! chain, moved to another height, or re-pointed at another new key.
//!
//! The height inside is the signer's claim. Whether the block that includes the
//! attestation may accept it is the policy's call, made at **that block's height**
//! ([`crate::policy::Subject::UpgradeAttestation`]): the attestation's height
//! must lie within the policy's `attestation-max-age` below it, and the old key must
//! still be allowed to sign upgrades there. Judging it at its own height would let a
//! key recovered after the classical sunset backdate its way in. Possession of the new key
//! is not proven here; the first transaction signed with it does that.
//!
//! Wire form (strict, one encoding per value):
//! `varint(len) ‖ chain_id ‖ varint(height) ‖ varint(len) ‖ old_pk ‖ varint(len) ‖ new_pk
//! ‖ varint(len) ‖ signature`, keys and signature as envelopes.
//!
//! ```
//! use pqmigrate::sig::{SigAlg, SigningKey, UpgradeAttestation};
//!
//! let old = SigningKey::from_seed(SigAlg::Secp256k1, &[1; 32]).unwrap();
//! let new = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[2; 32]).unwrap();
//! let att = UpgradeAttestation::create(&old, new.public_key(), b"chain-1", 1200).unwrap();
//! assert!(att.verify(b"chain-1").is_ok());
//! assert!(att.verify(b"chain-2").is_err());
//! let back = UpgradeAttestation::from_bytes(&att.to_bytes()).unwrap();
//! assert_eq!(back, att);
//! ```

use alloc::vec::Vec;

use super::{ComponentClass, PublicKey, Scheme, SigClass, Signature, SigningKey};
use crate::codec::{self, Reader};
use crate::error::{Error, VerifyError};
use crate::hash::encode_framed;

/// Domain of the attestation statement.
pub const UPGRADE_DOMAIN: &[u8] = b"pqmigrate/v1/key-upgrade";

/// Signature context of an attestation for schemes that take one (not plain secp256k1).
pub const UPGRADE_CONTEXT: &[u8] = UPGRADE_DOMAIN;

/// The context the old key signs with: [`UPGRADE_CONTEXT`], or empty for schemes
/// without contexts (a classical component alone, e.g. plain ECDSA secp256k1).
fn context_for(old: &PublicKey) -> &'static [u8] {
    if matches!(old.alg().scheme(), Scheme::Single(c) if c.class == ComponentClass::Classical) {
        b""
    } else {
        UPGRADE_CONTEXT
    }
}

/// A signed key upgrade: `old_key` hands its account to `new_key` on `chain_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpgradeAttestation {
    chain_id: Vec<u8>,
    height: u64,
    old_key: PublicKey,
    new_key: PublicKey,
    signature: Signature,
}

impl UpgradeAttestation {
    /// Longest chain id accepted, in bytes.
    pub const MAX_CHAIN_ID: usize = 255;

    /// The exact bytes the old key signs.
    pub fn statement(chain_id: &[u8], height: u64, old: &PublicKey, new: &PublicKey) -> Vec<u8> {
        encode_framed(
            UPGRADE_DOMAIN,
            &[
                chain_id,
                &height.to_le_bytes(),
                &old.to_bytes(),
                &new.to_bytes(),
            ],
        )
    }

    /// Signs the statement with `old_sk` (deterministically).
    ///
    /// Refuses a chain id over [`Self::MAX_CHAIN_ID`] bytes, a height the wire format
    /// cannot carry (above 2^63 - 1), a classical-only new key (no security gained) and
    /// a new key equal to the old one — all before anything is signed.
    pub fn create(
        old_sk: &SigningKey,
        new_pk: &PublicKey,
        chain_id: &[u8],
        height: u64,
    ) -> Result<Self, Error> {
        check_parts(chain_id, old_sk.public_key(), new_pk)?;
        codec::check_encodable("attestation height", height)?;
        let old_key = old_sk.public_key().clone();
        let msg = Self::statement(chain_id, height, &old_key, new_pk);
        let signature = old_sk.sign_deterministic(&msg, context_for(&old_key))?;
        Ok(Self {
            chain_id: chain_id.to_vec(),
            height,
            old_key,
            new_key: new_pk.clone(),
            signature,
        })
    }

    /// Verifies the old key's signature for the chain `chain_id`. Another chain, a
    /// changed height or key, or a signature by any other key fails.
    pub fn verify(&self, chain_id: &[u8]) -> Result<(), VerifyError> {
        if chain_id != self.chain_id.as_slice() {
            return Err(VerifyError);
        }
        let msg = Self::statement(&self.chain_id, self.height, &self.old_key, &self.new_key);
        self.old_key
            .verify(&msg, context_for(&self.old_key), &self.signature)
    }

    /// The chain id it was signed for.
    pub fn chain_id(&self) -> &[u8] {
        &self.chain_id
    }

    /// The height it was signed for.
    pub fn height(&self) -> u64 {
        self.height
    }

    /// The key that signs (the account's current key).
    pub fn old_key(&self) -> &PublicKey {
        &self.old_key
    }

    /// The key the account moves to.
    pub fn new_key(&self) -> &PublicKey {
        &self.new_key
    }

    /// The old key's signature over [`Self::statement`].
    pub fn signature(&self) -> &Signature {
        &self.signature
    }

    /// The wire encoding (see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put_bytes(&mut out, &self.chain_id);
        codec::put_varint(&mut out, self.height);
        codec::put_bytes(&mut out, &self.old_key.to_bytes());
        codec::put_bytes(&mut out, &self.new_key.to_bytes());
        codec::put_bytes(&mut out, &self.signature.to_bytes());
        out
    }

    /// Strict decoding: minimal varints, every key and signature parsed, the signature
    /// of the old key's algorithm, no trailing bytes. Does not verify the signature.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let len = r.varint_usize("chain id length")?;
        let chain_id = r.take(len, "chain id")?.to_vec();
        let height = r.varint("height")?;
        let len = r.varint_usize("old key length")?;
        let old_key = PublicKey::from_bytes(r.take(len, "old key")?)?;
        let len = r.varint_usize("new key length")?;
        let new_key = PublicKey::from_bytes(r.take(len, "new key")?)?;
        let len = r.varint_usize("signature length")?;
        let signature = Signature::from_bytes_for(old_key.alg(), r.take(len, "signature")?)?;
        r.finish("upgrade attestation")?;
        check_parts(&chain_id, &old_key, &new_key)?;
        Ok(Self {
            chain_id,
            height,
            old_key,
            new_key,
            signature,
        })
    }
}

fn check_parts(chain_id: &[u8], old: &PublicKey, new: &PublicKey) -> Result<(), Error> {
    if chain_id.len() > UpgradeAttestation::MAX_CHAIN_ID {
        return Err(Error::OutOfRange {
            what: "chain id length",
            index: chain_id.len() as u64,
            bound: UpgradeAttestation::MAX_CHAIN_ID as u64 + 1,
        });
    }
    if SigClass::of(new.alg().id()) == Some(SigClass::Classical) {
        return Err(Error::Unsupported {
            alg: new.alg().name(),
            what: "being the target of a key upgrade (classical-only)",
        });
    }
    if old == new {
        return Err(Error::InvalidConfig("the new key equals the old key"));
    }
    Ok(())
}
