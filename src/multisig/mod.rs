//! Hybrid m-of-n multisig: a set of independent signatures over one committed key set.
//!
//! Post-quantum signatures do not aggregate, so an m-of-n wallet is a [`Descriptor`]
//! (threshold m and n public keys of any registered schemes, mixed allowed) and a
//! [`MultisigSignature`] of exactly m `(member index, signature)` pairs. Every rule that
//! makes this safe against the collector who gathers the partial signatures, an inner
//! signer, and an outsider is explicit here:
//!
//! - **One descriptor, one address.** Members are kept in canonical order (their
//!   envelopes sorted bytewise, strictly increasing), `1 ≤ m ≤ n ≤` [`MAX_MEMBERS`]; a
//!   duplicate key, or two members sharing a component key (the same ECDSA or ML-DSA
//!   half inside two composites, or a key alone and inside a composite), is refused, so
//!   one signer can never count twice. The wire form is
//!   `varint(m) ‖ varint(n) ‖ n × (varint(len) ‖ public-key envelope)` and decoding
//!   accepts only the canonical order. [`Descriptor::digest`] is
//!   `H(framed("pqmigrate/v1/multisig", [descriptor bytes]))` with the suite's address
//!   family; the wallet's [`Descriptor::address`] is that digest truncated to the suite's
//!   address length (a different domain from single-key addresses).
//! - **Partials are bound to one wallet.** Member i signs
//!   `framed("pqmigrate/v1/multisig/sign", [multihash(descriptor digest), ctx, msg])`
//!   with the context [`MULTISIG_CONTEXT`] where its scheme takes one (plain ECDSA
//!   secp256k1 takes none and relies on the framed domain). A partial made for one wallet
//!   never verifies for another — not for a lower threshold over the same keys, not with
//!   a member swapped — and is never a plain transaction signature.
//! - **One byte string per signer set.** A [`MultisigSignature`] is
//!   `varint(m) ‖ m × (varint(index) ‖ varint(len) ‖ signature envelope)` with exactly
//!   the descriptor's m pairs, indices strictly increasing and below n, each signature of
//!   its member's scheme, no trailing bytes.
//! - **Verification** checks every pair under its member's key (across cores with the
//!   `parallel` feature) and reports per member; [`verify_at`] also asks a
//!   [`MigrationPolicy`] whether each member's scheme still counts at the height (e.g.
//!   classical-only members stop counting at the classical sunset), and
//!   [`Descriptor::reachable`] says whether the members that still count can reach m.
//! - **Rotation** ([`Rotation`]) replaces the member set: a threshold of the old
//!   descriptor signs `framed("pqmigrate/v1/multisig/rotate", [chain id, u64le(height),
//!   multihash(old digest), new descriptor bytes])`, judged at the inclusion height with
//!   the rules of single-key upgrades ([`Subject::SignedStatement`]).
//!
//! Which m members signed is visible in the signature (it is not hidden as in a
//! threshold or aggregate scheme).
//!
//! ```
//! use pqmigrate::hash::HashSuite;
//! use pqmigrate::multisig::{Descriptor, MultisigSignature, PartialSignature};
//! use pqmigrate::sig::{SigAlg, SigningKey};
//!
//! let keys: Vec<SigningKey> = (1..=3u8)
//!     .map(|i| SigningKey::from_seed(SigAlg::MlDsa44Secp256k1, &[i; 32]).unwrap())
//!     .collect();
//! let wallet = Descriptor::new(2, keys.iter().map(|k| k.public_key().clone()).collect()).unwrap();
//! let suite = HashSuite::SHA3;
//! let parts: Vec<PartialSignature> = keys[..2]
//!     .iter()
//!     .map(|k| PartialSignature::sign(&wallet, &suite, k, b"tx", b"chain-1").unwrap())
//!     .collect();
//! let sig = MultisigSignature::combine(&wallet, &parts).unwrap();
//! assert!(wallet.verify(&suite, b"tx", b"chain-1", &sig).is_ok());
//! assert!(wallet.verify(&suite, b"tx", b"chain-2", &sig).is_err());
//! ```

use alloc::vec::Vec;

use crate::codec::{self, Reader};
use crate::error::{Error, VerifyError};
use crate::hash::{Digest, HashSuite, encode_framed, hash_framed};
use crate::policy::{MigrationPolicy, PolicyError, Subject};
use crate::sig::{Address, ComponentClass, PublicKey, Scheme, Signature, SigningKey};

/// Most members a descriptor may have.
pub const MAX_MEMBERS: usize = 16;
/// Domain of the descriptor digest.
pub const DESCRIPTOR_DOMAIN: &[u8] = b"pqmigrate/v1/multisig";
/// Domain of the message a member signs.
pub const SIGN_DOMAIN: &[u8] = b"pqmigrate/v1/multisig/sign";
/// Signature context of a partial, for schemes that take one.
pub const MULTISIG_CONTEXT: &[u8] = SIGN_DOMAIN;
/// Domain of a rotation statement.
pub const ROTATE_DOMAIN: &[u8] = b"pqmigrate/v1/multisig/rotate";
/// Longest caller context.
pub const MAX_CONTEXT: usize = 255;

fn bad(what: &'static str, reason: &'static str) -> Error {
    Error::Malformed { what, reason }
}

/// Whether a member's scheme takes a context (everything but a classical key alone).
fn context_for(pk: &PublicKey) -> &'static [u8] {
    if matches!(pk.alg().scheme(), Scheme::Single(c) if c.class == ComponentClass::Classical) {
        b""
    } else {
        MULTISIG_CONTEXT
    }
}

// ---------------------------------------------------------------------------------------
// Descriptor

/// An m-of-n wallet: the threshold and the member keys, in canonical order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Descriptor {
    threshold: usize,
    members: Vec<PublicKey>,
}

impl Descriptor {
    /// A descriptor of `members` (any order: they are sorted into the canonical one)
    /// with threshold `threshold`. Refuses `m = 0`, `m > n`, `n >` [`MAX_MEMBERS`],
    /// duplicate keys and members sharing a component key.
    pub fn new(threshold: usize, mut members: Vec<PublicKey>) -> Result<Self, Error> {
        members.sort_by_key(|m| m.to_bytes());
        let d = Self { threshold, members };
        d.validate()?;
        Ok(d)
    }

    fn validate(&self) -> Result<(), Error> {
        let n = self.members.len();
        if n == 0 || n > MAX_MEMBERS {
            return Err(Error::OutOfRange {
                what: "multisig member count",
                index: n as u64,
                bound: MAX_MEMBERS as u64 + 1,
            });
        }
        if self.threshold == 0 || self.threshold > n {
            return Err(Error::InvalidConfig(
                "multisig threshold must be between 1 and the number of members",
            ));
        }
        for (i, a) in self.members.iter().enumerate() {
            for b in &self.members[i + 1..] {
                if a == b {
                    return Err(Error::InvalidConfig("a multisig member key appears twice"));
                }
                if shares_component(a, b) {
                    return Err(Error::InvalidConfig(
                        "two multisig members share a component key",
                    ));
                }
            }
        }
        Ok(())
    }

    /// The threshold m.
    pub fn threshold(&self) -> usize {
        self.threshold
    }

    /// The members, in canonical order (a member's index is its position here).
    pub fn members(&self) -> &[PublicKey] {
        &self.members
    }

    /// The index of `pk` among the members.
    pub fn index_of(&self, pk: &PublicKey) -> Option<usize> {
        self.members.iter().position(|m| m == pk)
    }

    /// The wire encoding (module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put_varint(&mut out, self.threshold as u64);
        codec::put_varint(&mut out, self.members.len() as u64);
        for m in &self.members {
            codec::put_bytes(&mut out, &m.to_bytes());
        }
        out
    }

    /// Strict decoding: minimal varints, keys parsed, canonical (strictly increasing)
    /// order, the rules of [`Self::new`], no trailing bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let threshold = r.varint_usize("multisig threshold")?;
        let n = r.varint_usize("multisig member count")?;
        if n > MAX_MEMBERS {
            return Err(Error::OutOfRange {
                what: "multisig member count",
                index: n as u64,
                bound: MAX_MEMBERS as u64 + 1,
            });
        }
        let mut members: Vec<PublicKey> = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.varint_usize("member key length")?;
            let pk = PublicKey::from_bytes(r.take(len, "member key")?)?;
            if let Some(prev) = members.last()
                && prev.to_bytes() >= pk.to_bytes()
            {
                return Err(bad(
                    "multisig descriptor",
                    "members are not in canonical (strictly increasing) order",
                ));
            }
            members.push(pk);
        }
        r.finish("multisig descriptor")?;
        let d = Self { threshold, members };
        d.validate()?;
        Ok(d)
    }

    /// The descriptor digest under the suite's address family (module docs): what
    /// partial signatures bind and the address commits to.
    pub fn digest(&self, suite: &HashSuite) -> Result<Digest, Error> {
        suite.validate()?;
        Ok(hash_framed(
            suite.address,
            DESCRIPTOR_DOMAIN,
            &[&self.to_bytes()],
        ))
    }

    /// The wallet's address: the digest truncated to the suite's address length.
    pub fn address(&self, suite: &HashSuite) -> Result<Address, Error> {
        let d = self.digest(suite)?;
        Ok(Address::from_prefix(d.as_bytes(), suite.address_len))
    }

    /// The exact bytes every member signs for (`msg`, `ctx`).
    pub fn message(&self, suite: &HashSuite, msg: &[u8], ctx: &[u8]) -> Result<Vec<u8>, Error> {
        if ctx.len() > MAX_CONTEXT {
            return Err(Error::ContextTooLong { len: ctx.len() });
        }
        let digest = self.digest(suite)?.to_multihash();
        Ok(encode_framed(SIGN_DOMAIN, &[&digest, ctx, msg]))
    }

    /// Verifies `sig` over (`msg`, `ctx`): every pair under its member's key. Per-member
    /// answers: [`Self::verify_detailed`].
    pub fn verify(
        &self,
        suite: &HashSuite,
        msg: &[u8],
        ctx: &[u8],
        sig: &MultisigSignature,
    ) -> Result<(), VerifyError> {
        if self.verify_detailed(suite, msg, ctx, sig).valid() {
            Ok(())
        } else {
            Err(VerifyError)
        }
    }

    /// Per-member verification of `sig` over (`msg`, `ctx`).
    pub fn verify_detailed(
        &self,
        suite: &HashSuite,
        msg: &[u8],
        ctx: &[u8],
        sig: &MultisigSignature,
    ) -> Verdict {
        let Ok(m) = self.message(suite, msg, ctx) else {
            return Verdict {
                threshold: self.threshold,
                members: sig
                    .pairs
                    .iter()
                    .map(|(i, _)| (*i, Err(VerifyError)))
                    .collect(),
                counted: Vec::new(),
            };
        };
        let answers = verify_pairs(self, &m, &sig.pairs);
        Verdict {
            threshold: self.threshold,
            counted: answers.iter().map(|_| true).collect(),
            members: answers,
        }
    }

    /// How many members' schemes the policy still accepts for transaction signatures
    /// at `height`: if fewer than m, the wallet can no longer sign (rotate it before).
    pub fn reachable(&self, policy: &MigrationPolicy, height: u64) -> usize {
        self.members
            .iter()
            .filter(|m| {
                policy
                    .check(height, Subject::Signature(m.alg().id()))
                    .is_ok()
            })
            .count()
    }
}

/// Whether two keys share a component (compared as (component name, key bytes)).
fn shares_component(a: &PublicKey, b: &PublicKey) -> bool {
    let (ca, cb) = (a.components(), b.components());
    ca.iter().any(|(_, x)| cb.iter().any(|(_, y)| x == y))
}

/// Verifies each `(index, signature)` under its member over `m`, across cores with the
/// `parallel` feature. Indices must already be in range (decoding checks them).
fn verify_pairs(
    d: &Descriptor,
    m: &[u8],
    pairs: &[(usize, Signature)],
) -> Vec<(usize, Result<(), VerifyError>)> {
    let one = |(i, s): &(usize, Signature)| {
        let pk = &d.members[*i];
        (*i, pk.verify(m, context_for(pk), s))
    };
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        pairs.par_iter().map(one).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        pairs.iter().map(one).collect()
    }
}

// ---------------------------------------------------------------------------------------
// Partial and multisig signatures

/// One member's signature for a wallet: its index in the descriptor and its signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartialSignature {
    index: usize,
    signature: Signature,
}

impl PartialSignature {
    /// Signs (`msg`, `ctx`) for `wallet` with `sk`, which must be a member (hedged
    /// signing where the scheme has it).
    pub fn sign(
        wallet: &Descriptor,
        suite: &HashSuite,
        sk: &SigningKey,
        msg: &[u8],
        ctx: &[u8],
    ) -> Result<Self, Error> {
        Self::sign_with(wallet, suite, sk, msg, ctx, !cfg!(feature = "std"))
    }

    /// [`Self::sign`] with deterministic signatures (ML-DSA/FN-DSA `rnd = 0`, RFC 6979
    /// ECDSA): for test vectors; hedged signing is the default.
    pub fn sign_deterministic(
        wallet: &Descriptor,
        suite: &HashSuite,
        sk: &SigningKey,
        msg: &[u8],
        ctx: &[u8],
    ) -> Result<Self, Error> {
        Self::sign_with(wallet, suite, sk, msg, ctx, true)
    }

    fn sign_with(
        wallet: &Descriptor,
        suite: &HashSuite,
        sk: &SigningKey,
        msg: &[u8],
        ctx: &[u8],
        deterministic: bool,
    ) -> Result<Self, Error> {
        let index = wallet
            .index_of(sk.public_key())
            .ok_or(Error::InvalidConfig(
                "the key is not a member of this multisig",
            ))?;
        let m = wallet.message(suite, msg, ctx)?;
        let ctx = context_for(sk.public_key());
        #[cfg(feature = "std")]
        let signature = if deterministic {
            sk.sign_deterministic(&m, ctx)?
        } else {
            sk.sign(&m, ctx)?
        };
        #[cfg(not(feature = "std"))]
        let signature = {
            let _ = deterministic;
            sk.sign_deterministic(&m, ctx)?
        };
        Ok(Self { index, signature })
    }

    /// A partial from its parts (checked against the wallet: index in range, signature
    /// of the member's scheme).
    pub fn from_parts(
        wallet: &Descriptor,
        index: usize,
        signature: Signature,
    ) -> Result<Self, Error> {
        let member = wallet.members.get(index).ok_or(Error::OutOfRange {
            what: "multisig member index",
            index: index as u64,
            bound: wallet.members.len() as u64,
        })?;
        if signature.alg() != member.alg() {
            return Err(Error::AlgorithmMismatch {
                expected: member.alg().name(),
                got: signature.alg().name(),
            });
        }
        Ok(Self { index, signature })
    }

    /// The member index.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The signature.
    pub fn signature(&self) -> &Signature {
        &self.signature
    }

    /// Wire form: `varint(index) ‖ signature envelope`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put_varint(&mut out, self.index as u64);
        out.extend_from_slice(&self.signature.to_bytes());
        out
    }

    /// Strict decoding against `wallet` (index in range, the member's scheme).
    pub fn from_bytes(wallet: &Descriptor, bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let index = r.varint_usize("multisig member index")?;
        let member = wallet.members.get(index).ok_or(Error::OutOfRange {
            what: "multisig member index",
            index: index as u64,
            bound: wallet.members.len() as u64,
        })?;
        let signature = Signature::from_bytes_for(member.alg(), r.remaining())?;
        Ok(Self { index, signature })
    }

    /// Whether this partial verifies for (`msg`, `ctx`) under `wallet`.
    pub fn verify(
        &self,
        wallet: &Descriptor,
        suite: &HashSuite,
        msg: &[u8],
        ctx: &[u8],
    ) -> Result<(), VerifyError> {
        let pk = wallet.members.get(self.index).ok_or(VerifyError)?;
        let m = wallet.message(suite, msg, ctx).map_err(|_| VerifyError)?;
        pk.verify(&m, context_for(pk), &self.signature)
    }
}

/// Exactly m `(member index, signature)` pairs, indices strictly increasing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultisigSignature {
    pairs: Vec<(usize, Signature)>,
}

impl MultisigSignature {
    /// Combines partials (any order) into a multisig signature: refuses one member
    /// counted twice, a partial of another scheme or index out of range, and fewer than
    /// m distinct members; with more than m, keeps the m lowest indices. Signatures are
    /// not verified here (see [`Self::combine_verified`]).
    pub fn combine(wallet: &Descriptor, partials: &[PartialSignature]) -> Result<Self, Error> {
        let mut chosen: Vec<&PartialSignature> = partials.iter().collect();
        chosen.sort_by_key(|p| p.index);
        for w in chosen.windows(2) {
            if w[0].index == w[1].index {
                return Err(Error::InvalidConfig(
                    "a member's partial signature appears twice",
                ));
            }
        }
        for p in &chosen {
            PartialSignature::from_parts(wallet, p.index, p.signature.clone())?;
        }
        if chosen.len() < wallet.threshold {
            return Err(Error::WrongCount {
                what: "distinct partial signatures",
                expected: wallet.threshold,
                got: chosen.len() as u64,
            });
        }
        chosen.truncate(wallet.threshold);
        Ok(Self {
            pairs: chosen
                .into_iter()
                .map(|p| (p.index, p.signature.clone()))
                .collect(),
        })
    }

    /// Like [`Self::combine`], but verifies each partial for (`msg`, `ctx`) first and
    /// drops those that fail (the collector's filter); duplicates are still refused.
    pub fn combine_verified(
        wallet: &Descriptor,
        suite: &HashSuite,
        msg: &[u8],
        ctx: &[u8],
        partials: &[PartialSignature],
    ) -> Result<Self, Error> {
        let valid: Vec<PartialSignature> = partials
            .iter()
            .filter(|p| p.verify(wallet, suite, msg, ctx).is_ok())
            .cloned()
            .collect();
        if valid.len() < wallet.threshold {
            return Err(Error::WrongCount {
                what: "valid partial signatures",
                expected: wallet.threshold,
                got: valid.len() as u64,
            });
        }
        Self::combine(wallet, &valid)
    }

    /// The signer indices, increasing.
    pub fn signers(&self) -> Vec<usize> {
        self.pairs.iter().map(|(i, _)| *i).collect()
    }

    /// The pairs.
    pub fn pairs(&self) -> &[(usize, Signature)] {
        &self.pairs
    }

    /// Wire form (module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put_varint(&mut out, self.pairs.len() as u64);
        for (i, s) in &self.pairs {
            codec::put_varint(&mut out, *i as u64);
            codec::put_bytes(&mut out, &s.to_bytes());
        }
        out
    }

    /// Strict decoding against `wallet`: exactly m pairs, indices strictly increasing
    /// and below n, each signature of its member's scheme, no trailing bytes.
    pub fn from_bytes(wallet: &Descriptor, bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let count = r.varint("multisig signature count")?;
        if count != wallet.threshold as u64 {
            return Err(Error::WrongCount {
                what: "multisig signatures (the threshold)",
                expected: wallet.threshold,
                got: count,
            });
        }
        let mut pairs: Vec<(usize, Signature)> = Vec::with_capacity(wallet.threshold);
        for _ in 0..wallet.threshold {
            let index = r.varint_usize("multisig member index")?;
            if let Some((prev, _)) = pairs.last()
                && *prev >= index
            {
                return Err(bad(
                    "multisig signature",
                    "member indices are not strictly increasing",
                ));
            }
            let member = wallet.members.get(index).ok_or(Error::OutOfRange {
                what: "multisig member index",
                index: index as u64,
                bound: wallet.members.len() as u64,
            })?;
            let len = r.varint_usize("signature length")?;
            let sig = Signature::from_bytes_for(member.alg(), r.take(len, "member signature")?)?;
            pairs.push((index, sig));
        }
        r.finish("multisig signature")?;
        Ok(Self { pairs })
    }
}

/// Per-member answers of a multisig verification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    threshold: usize,
    /// `(member index, verification result)` per pair, in signature order.
    members: Vec<(usize, Result<(), VerifyError>)>,
    /// Whether the policy lets each pair count (all true without a policy).
    counted: Vec<bool>,
}

impl Verdict {
    /// `(member index, result)` per pair.
    pub fn members(&self) -> &[(usize, Result<(), VerifyError>)] {
        &self.members
    }

    /// Whether the policy let each pair count toward the threshold.
    pub fn counted(&self) -> &[bool] {
        &self.counted
    }

    /// How many pairs verified and count.
    pub fn valid_count(&self) -> usize {
        self.members
            .iter()
            .zip(&self.counted)
            .filter(|((_, r), c)| r.is_ok() && **c)
            .count()
    }

    /// Whether the threshold is met: exactly m pairs (decoding guarantees it), all
    /// verifying and counted.
    pub fn valid(&self) -> bool {
        self.members.len() == self.threshold && self.valid_count() == self.threshold
    }
}

/// Policy-aware verification at `height`: [`Descriptor::verify_detailed`], and each
/// pair counts only if the policy accepts its member's scheme for a transaction
/// signature at `height` (e.g. classical-only members stop counting at the sunset).
pub fn verify_at(
    wallet: &Descriptor,
    suite: &HashSuite,
    policy: &MigrationPolicy,
    height: u64,
    msg: &[u8],
    ctx: &[u8],
    sig: &MultisigSignature,
) -> Verdict {
    let mut v = wallet.verify_detailed(suite, msg, ctx, sig);
    v.counted = sig
        .pairs
        .iter()
        .map(|(i, _)| {
            let id = wallet.members[*i].alg().id();
            policy.check(height, Subject::Signature(id)).is_ok()
        })
        .collect();
    v
}

// ---------------------------------------------------------------------------------------
// Rotation

/// A member-set replacement authorised by a threshold of the old descriptor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rotation {
    chain_id: Vec<u8>,
    height: u64,
    old: Descriptor,
    new: Descriptor,
    signature: MultisigSignature,
}

impl Rotation {
    /// Longest chain id, in bytes.
    pub const MAX_CHAIN_ID: usize = 255;

    /// The exact message the old members sign (with [`Descriptor::message`] around it,
    /// under the old descriptor and an empty caller context).
    pub fn statement(
        suite: &HashSuite,
        chain_id: &[u8],
        height: u64,
        old: &Descriptor,
        new: &Descriptor,
    ) -> Result<Vec<u8>, Error> {
        let old_digest = old.digest(suite)?.to_multihash();
        Ok(encode_framed(
            ROTATE_DOMAIN,
            &[
                chain_id,
                &height.to_le_bytes(),
                &old_digest,
                &new.to_bytes(),
            ],
        ))
    }

    /// One old member's partial signature for the rotation.
    pub fn sign_partial(
        suite: &HashSuite,
        chain_id: &[u8],
        height: u64,
        old: &Descriptor,
        new: &Descriptor,
        sk: &SigningKey,
    ) -> Result<PartialSignature, Error> {
        check_rotation(chain_id, height, old, new)?;
        let st = Self::statement(suite, chain_id, height, old, new)?;
        PartialSignature::sign(old, suite, sk, &st, b"")
    }

    /// A rotation from old members' partials (structure only; [`Self::verify`] checks).
    pub fn combine(
        chain_id: &[u8],
        height: u64,
        old: Descriptor,
        new: Descriptor,
        partials: &[PartialSignature],
    ) -> Result<Self, Error> {
        check_rotation(chain_id, height, &old, &new)?;
        let signature = MultisigSignature::combine(&old, partials)?;
        Ok(Self {
            chain_id: chain_id.to_vec(),
            height,
            old,
            new,
            signature,
        })
    }

    /// Verifies the old threshold's signature for `chain_id`.
    pub fn verify(&self, suite: &HashSuite, chain_id: &[u8]) -> Result<(), VerifyError> {
        if chain_id != self.chain_id.as_slice() {
            return Err(VerifyError);
        }
        let st = Self::statement(suite, &self.chain_id, self.height, &self.old, &self.new)
            .map_err(|_| VerifyError)?;
        self.old.verify(suite, &st, b"", &self.signature)
    }

    /// The policy's word at the inclusion `height`: the rotation's own height must lie in
    /// the attestation window, and every signing old member must still be allowed to
    /// sign upgrades there (the rules of a single-key upgrade attestation).
    pub fn check_policy(&self, policy: &MigrationPolicy, height: u64) -> Result<(), PolicyError> {
        for (i, _) in &self.signature.pairs {
            let signer = self.old.members[*i].alg().id();
            policy.check(
                height,
                Subject::SignedStatement {
                    signer,
                    signed: self.height,
                },
            )?;
        }
        Ok(())
    }

    /// The chain id.
    pub fn chain_id(&self) -> &[u8] {
        &self.chain_id
    }

    /// The height it was signed for.
    pub fn height(&self) -> u64 {
        self.height
    }

    /// The descriptor being replaced.
    pub fn old(&self) -> &Descriptor {
        &self.old
    }

    /// The new descriptor.
    pub fn new_descriptor(&self) -> &Descriptor {
        &self.new
    }

    /// The old threshold's signature.
    pub fn signature(&self) -> &MultisigSignature {
        &self.signature
    }

    /// Wire form: `varint(len) ‖ chain id ‖ varint(height) ‖ varint(len) ‖ old ‖
    /// varint(len) ‖ new ‖ multisig signature` (to the end).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put_bytes(&mut out, &self.chain_id);
        codec::put_varint(&mut out, self.height);
        codec::put_bytes(&mut out, &self.old.to_bytes());
        codec::put_bytes(&mut out, &self.new.to_bytes());
        out.extend_from_slice(&self.signature.to_bytes());
        out
    }

    /// Strict decoding; does not verify.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let len = r.varint_usize("chain id length")?;
        let chain_id = r.take(len, "chain id")?.to_vec();
        let height = r.varint("height")?;
        let len = r.varint_usize("old descriptor length")?;
        let old = Descriptor::from_bytes(r.take(len, "old descriptor")?)?;
        let len = r.varint_usize("new descriptor length")?;
        let new = Descriptor::from_bytes(r.take(len, "new descriptor")?)?;
        let signature = MultisigSignature::from_bytes(&old, r.remaining())?;
        check_rotation(&chain_id, height, &old, &new)?;
        Ok(Self {
            chain_id,
            height,
            old,
            new,
            signature,
        })
    }
}

fn check_rotation(
    chain_id: &[u8],
    height: u64,
    old: &Descriptor,
    new: &Descriptor,
) -> Result<(), Error> {
    if chain_id.len() > Rotation::MAX_CHAIN_ID {
        return Err(Error::OutOfRange {
            what: "chain id length",
            index: chain_id.len() as u64,
            bound: Rotation::MAX_CHAIN_ID as u64 + 1,
        });
    }
    codec::check_encodable("rotation height", height)?;
    if old == new {
        return Err(Error::InvalidConfig(
            "the new descriptor equals the old one",
        ));
    }
    Ok(())
}
