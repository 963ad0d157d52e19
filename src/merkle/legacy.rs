//! Bitcoin-style Merkle roots (duplicate the last node of an odd level), for verifying
//! old data only.
//!
//! This construction is ambiguous: `[a, b, c]` and `[a, b, c, c]` have the same root
//! (CVE-2012-2459), and with no leaf/node prefixes a 64-byte leaf can pose as an inner
//! node (CVE-2017-12842). [`bitcoin_style_root`] computes the root exactly as Bitcoin
//! Core's `ComputeMerkleRoot` does and reports the duplicated-tail mutation instead of
//! silently accepting it. New trees use [`crate::merkle::root`].
//!
//! ```
//! use pqmigrate::hash::{HashAlg, hash};
//! use pqmigrate::merkle::legacy::{NodeHash, bitcoin_style_root};
//!
//! let ids: Vec<_> = [b"a", b"b", b"c"].iter().map(|t| hash(HashAlg::Sha2_256, *t)).collect();
//! let honest = bitcoin_style_root(HashAlg::Sha2_256, NodeHash::Double, &ids).unwrap();
//! let mut padded = ids.clone();
//! padded.push(ids[2]); // [a, b, c, c]: same root, different list
//! let mutated = bitcoin_style_root(HashAlg::Sha2_256, NodeHash::Double, &padded).unwrap();
//! assert_eq!(honest.root, mutated.root);
//! assert!(honest.mutation.is_none() && mutated.mutation.is_some());
//! assert!(mutated.into_result().is_err());
//! ```

use alloc::vec::Vec;

use crate::error::Error;
use crate::hash::{self, Digest, HashAlg};

/// How an inner node is hashed from the concatenation of its children.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeHash {
    /// `H(left ‖ right)`.
    Single,
    /// `H(H(left ‖ right))`, as Bitcoin's SHA-256d.
    Double,
}

/// Where a CVE-2012-2459 mutation was found: two equal siblings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mutation {
    /// Tree level (0 = the leaves).
    pub level: usize,
    /// Index of the left sibling in that level.
    pub index: usize,
}

/// A legacy root and whether its tree shows the duplicated-tail mutation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LegacyRoot {
    /// The root as the legacy chain computed it.
    pub root: Digest,
    /// The first pair of equal siblings, if any. A block whose tree has one must be
    /// treated as invalid-but-mutable: an identical root exists for a different list.
    pub mutation: Option<Mutation>,
}

impl LegacyRoot {
    /// The root, or [`Error::Malformed`] if the tree was mutated.
    pub fn into_result(self) -> Result<Digest, Error> {
        match self.mutation {
            None => Ok(self.root),
            Some(_) => Err(Error::Malformed {
                what: "legacy Merkle tree",
                reason: "duplicated-tail mutation (CVE-2012-2459)",
            }),
        }
    }
}

/// The Bitcoin-style root of `leaves` (already-hashed transaction ids, in the chain's
/// internal byte order), with mutation detection as in Bitcoin Core `ComputeMerkleRoot`.
///
/// Errors if `leaves` is empty or holds a digest of another family.
pub fn bitcoin_style_root(
    alg: HashAlg,
    node: NodeHash,
    leaves: &[Digest],
) -> Result<LegacyRoot, Error> {
    if leaves.is_empty() {
        return Err(Error::Malformed {
            what: "legacy Merkle tree",
            reason: "no leaves",
        });
    }
    if let Some(d) = leaves.iter().find(|d| d.alg() != alg) {
        return Err(Error::AlgorithmMismatch {
            expected: alg.name(),
            got: d.alg().name(),
        });
    }
    let mut level: Vec<Digest> = leaves.to_vec();
    let mut mutation = None;
    let mut depth = 0;
    while level.len() > 1 {
        if mutation.is_none() {
            mutation = (0..level.len() - 1)
                .step_by(2)
                .find(|&i| level[i] == level[i + 1])
                .map(|index| Mutation {
                    level: depth,
                    index,
                });
        }
        if level.len() % 2 == 1 {
            level.push(level[level.len() - 1]);
        }
        let mut concat = Vec::with_capacity(2 * alg.output_len());
        level = level
            .chunks_exact(2)
            .map(|pair| {
                concat.clear();
                concat.extend_from_slice(pair[0].as_bytes());
                concat.extend_from_slice(pair[1].as_bytes());
                let once = hash::hash(alg, &concat);
                match node {
                    NodeHash::Single => once,
                    NodeHash::Double => hash::hash(alg, once.as_bytes()),
                }
            })
            .collect();
        depth += 1;
    }
    Ok(LegacyRoot {
        root: level[0],
        mutation,
    })
}
