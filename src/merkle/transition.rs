//! Root migration: [`RootTransition`] records and [`DualDigest`]s for the overlap.
//!
//! A chain that swaps the family of its Merkle trees re-hashes the same leaves under the
//! new family and publishes a transition record `(height, tree size, old root, new
//! root)`. Its binding digest
//!
//! ```text
//! H_new(framed("pqmigrate/v1/root-transition", [u64le(height), u64le(size), mh(old), mh(new)]))
//! ```
//!
//! (`mh` = multihash, so both families are named) is what a hybrid key signs, e.g. with
//! [`crate::sig::SigningKey::sign`] over [`RootTransition::signing_message`]. During the
//! overlap, commitments carry a [`DualDigest`]: both digests of the same data, both
//! checked.
//!
//! ```
//! use pqmigrate::hash::HashAlg;
//! use pqmigrate::merkle::RootTransition;
//!
//! let leaves: Vec<&[u8]> = vec![b"tx0", b"tx1", b"tx2"];
//! let t = RootTransition::compute(2000, &leaves, HashAlg::Keccak256, HashAlg::Sha3_256).unwrap();
//! assert!(t.verify(&leaves).is_ok());
//! assert_eq!(RootTransition::from_bytes(&t.to_bytes()).unwrap(), t);
//! ```

use alloc::vec::Vec;

use crate::codec::{self, Reader};
use crate::error::{Error, VerifyError};
use crate::hash::{Digest, HashAlg, hash, hash_framed};

/// Domain of the transition binding digest.
pub const TRANSITION_DOMAIN: &[u8] = b"pqmigrate/v1/root-transition";

/// The record of a Merkle root re-computed under a new family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RootTransition {
    height: u64,
    tree_size: u64,
    old: Digest,
    new: Digest,
}

impl RootTransition {
    /// Height at which the new family takes over.
    pub fn height(&self) -> u64 {
        self.height
    }

    /// Number of leaves.
    pub fn tree_size(&self) -> u64 {
        self.tree_size
    }

    /// Root under the old family.
    pub fn old(&self) -> Digest {
        self.old
    }

    /// Root of the same leaves under the new family.
    pub fn new_digest(&self) -> Digest {
        self.new
    }

    /// Builds both trees over `leaves` (RFC 9162) and records the roots.
    ///
    /// The two families must differ, the new one must not be broken, and `height` must
    /// be encodable (at most [`codec::MAX_VARINT`]); [`Error`] otherwise.
    pub fn compute(
        height: u64,
        leaves: &[&[u8]],
        from: HashAlg,
        to: HashAlg,
    ) -> Result<Self, Error> {
        // Refuse before hashing anything; `from_roots` checks the rest.
        check_families(from, to)?;
        codec::check_encodable("height", height)?;
        Self::from_roots(
            height,
            leaves.len() as u64,
            super::root(from, leaves),
            super::root(to, leaves),
        )
    }

    /// A record from roots computed elsewhere (e.g. streamed with
    /// [`super::RootBuilder`]), with the checks of [`Self::compute`]; `tree_size` must be
    /// encodable too.
    pub fn from_roots(
        height: u64,
        tree_size: u64,
        old: Digest,
        new: Digest,
    ) -> Result<Self, Error> {
        check_families(old.alg(), new.alg())?;
        codec::check_encodable("height", height)?;
        codec::check_encodable("tree size", tree_size)?;
        Ok(Self {
            height,
            tree_size,
            old,
            new,
        })
    }

    /// The digest a hybrid key signs (see the module docs), under the new family.
    pub fn binding_digest(&self) -> Digest {
        hash_framed(
            self.new.alg(),
            TRANSITION_DOMAIN,
            &[
                &self.height.to_le_bytes(),
                &self.tree_size.to_le_bytes(),
                &self.old.to_multihash(),
                &self.new.to_multihash(),
            ],
        )
    }

    /// The message to sign: the multihash of [`Self::binding_digest`].
    pub fn signing_message(&self) -> Vec<u8> {
        self.binding_digest().to_multihash()
    }

    /// Checks the record against `leaves`: the size first (no hashing), then the old
    /// root, and the new tree only if the old root matched.
    pub fn verify(&self, leaves: &[&[u8]]) -> Result<(), VerifyError> {
        self.check_shape(leaves)?;
        if super::root(self.old.alg(), leaves) != self.old {
            return Err(VerifyError);
        }
        self.verify_new(leaves)
    }

    /// Checks only the new root, for a verifier that has already authenticated
    /// `leaves` against the old root (e.g. a node re-hashing its own stored blocks):
    /// one tree instead of two.
    pub fn verify_new(&self, leaves: &[&[u8]]) -> Result<(), VerifyError> {
        self.check_shape(leaves)?;
        if super::root(self.new.alg(), leaves) == self.new {
            Ok(())
        } else {
            Err(VerifyError)
        }
    }

    fn check_shape(&self, leaves: &[&[u8]]) -> Result<(), VerifyError> {
        if self.tree_size != leaves.len() as u64 || self.old.alg() == self.new.alg() {
            return Err(VerifyError);
        }
        Ok(())
    }

    /// `varint(height) ‖ varint(tree_size) ‖ multihash(old) ‖ multihash(new)`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put_varint(&mut out, self.height);
        codec::put_varint(&mut out, self.tree_size);
        out.extend_from_slice(&self.old.to_multihash());
        out.extend_from_slice(&self.new.to_multihash());
        out
    }

    /// Strict decoding: minimal varints, two multihashes of different families, no
    /// trailing bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let height = r.varint("height")?;
        let tree_size = r.varint("tree size")?;
        let old = Digest::read_multihash(&mut r)?;
        let new = Digest::read_multihash(&mut r)?;
        r.finish("root transition")?;
        check_families(old.alg(), new.alg())?;
        Ok(Self {
            height,
            tree_size,
            old,
            new,
        })
    }
}

fn check_families(from: HashAlg, to: HashAlg) -> Result<(), Error> {
    if from == to {
        return Err(Error::InvalidConfig(
            "a root transition needs two different families",
        ));
    }
    if to.is_legacy() {
        return Err(Error::InvalidConfig(
            "a broken family (sha1) can never be the target of a root transition",
        ));
    }
    Ok(())
}

/// Two digests of the same data under two families, for the overlap in which both are
/// committed. Checking requires both to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DualDigest {
    old: Digest,
    new: Digest,
}

impl DualDigest {
    /// Pairs two digests; the families must differ and the new one must not be broken.
    pub fn new(old: Digest, new: Digest) -> Result<Self, Error> {
        if old.alg() == new.alg() {
            return Err(Error::InvalidConfig(
                "a dual digest needs two different families",
            ));
        }
        if new.alg().is_legacy() {
            return Err(Error::InvalidConfig(
                "a broken family (sha1) cannot be the new family of a dual digest",
            ));
        }
        Ok(Self { old, new })
    }

    /// Both digests of `data`.
    pub fn of_data(old: HashAlg, new: HashAlg, data: &[u8]) -> Result<Self, Error> {
        Self::new(hash(old, data), hash(new, data))
    }

    /// Both Merkle roots of `leaves`.
    pub fn of_merkle_root(old: HashAlg, new: HashAlg, leaves: &[&[u8]]) -> Result<Self, Error> {
        Self::new(super::root(old, leaves), super::root(new, leaves))
    }

    /// The old-family digest.
    pub fn old(&self) -> Digest {
        self.old
    }

    /// The new-family digest.
    pub fn new_digest(&self) -> Digest {
        self.new
    }

    /// Both digests must be of `data`; one matching is not enough.
    pub fn verify_data(&self, data: &[u8]) -> Result<(), VerifyError> {
        if hash(self.old.alg(), data) == self.old && hash(self.new.alg(), data) == self.new {
            Ok(())
        } else {
            Err(VerifyError)
        }
    }

    /// Both roots must be of `leaves`.
    pub fn verify_merkle_root(&self, leaves: &[&[u8]]) -> Result<(), VerifyError> {
        if super::root(self.old.alg(), leaves) == self.old
            && super::root(self.new.alg(), leaves) == self.new
        {
            Ok(())
        } else {
            Err(VerifyError)
        }
    }

    /// `multihash(old) ‖ multihash(new)`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.old.to_multihash();
        out.extend_from_slice(&self.new.to_multihash());
        out
    }

    /// Strict decoding: exactly two multihashes of different families.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let old = Digest::read_multihash(&mut r)?;
        let new = Digest::read_multihash(&mut r)?;
        r.finish("dual digest")?;
        Self::new(old, new)
    }
}
