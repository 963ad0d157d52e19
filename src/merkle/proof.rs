//! RFC 9162 inclusion and consistency proofs: construction checks, strict verification
//! and a canonical binary encoding.
//!
//! Encoding (both proofs):
//! `varint(hash id) ‖ varint(a) ‖ varint(b) ‖ varint(count) ‖ count × raw digest`
//! with `(a, b)` = `(leaf_index, tree_size)` or `(old_size, new_size)`. The path length is
//! a function of `(a, b)`, so a decoder accepts exactly one count and nothing else.

use alloc::vec::Vec;

use super::{node_hash, split_point};
use crate::codec::{self, Reader};
use crate::error::{Error, VerifyError};
use crate::hash::{self, Digest, HashAlg};
use crate::id::HashId;

/// Proof that a leaf is in a tree of a given size (RFC 9162 §2.1.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InclusionProof {
    alg: HashAlg,
    leaf_index: u64,
    tree_size: u64,
    path: Vec<Digest>,
}

/// Proof that a tree of `old_size` leaves is a prefix of one of `new_size` leaves
/// (RFC 9162 §2.1.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsistencyProof {
    alg: HashAlg,
    old_size: u64,
    new_size: u64,
    path: Vec<Digest>,
}

/// Length of PATH(m, D[n]).
fn inclusion_path_len(mut m: u64, mut n: u64) -> usize {
    let mut len = 0;
    while n > 1 {
        let k = split_point(n);
        if m < k {
            n = k;
        } else {
            m -= k;
            n -= k;
        }
        len += 1;
    }
    len
}

/// Length of PROOF(m, D[n]); zero when `m == 0` or `m == n`.
fn consistency_path_len(mut m: u64, mut n: u64) -> usize {
    if m == 0 || m >= n {
        return 0;
    }
    let mut complete = true;
    let mut len = 0;
    while m != n {
        let k = split_point(n);
        if m <= k {
            n = k;
        } else {
            m -= k;
            n -= k;
            complete = false;
        }
        len += 1;
    }
    len + usize::from(!complete)
}

fn check_path(
    alg: HashAlg,
    path: &[Digest],
    expected: usize,
    what: &'static str,
) -> Result<(), Error> {
    if path.len() != expected {
        return Err(Error::WrongCount {
            what,
            expected,
            got: path.len() as u64,
        });
    }
    match path.iter().find(|d| d.alg() != alg) {
        Some(d) => Err(Error::AlgorithmMismatch {
            expected: alg.name(),
            got: d.alg().name(),
        }),
        None => Ok(()),
    }
}

fn encode(alg: HashAlg, a: u64, b: u64, path: &[Digest]) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + path.len() * alg.output_len());
    codec::put_varint(&mut out, alg.id().0);
    codec::put_varint(&mut out, a);
    codec::put_varint(&mut out, b);
    codec::put_varint(&mut out, path.len() as u64);
    for d in path {
        out.extend_from_slice(d.as_bytes());
    }
    out
}

/// Decodes the shared layout; `expected_len` gives the only valid count for `(a, b)`.
fn decode(
    bytes: &[u8],
    what: &'static str,
    valid: impl Fn(u64, u64) -> Result<usize, Error>,
) -> Result<(HashAlg, u64, u64, Vec<Digest>), Error> {
    let mut r = Reader::new(bytes);
    let alg = HashAlg::from_id(HashId(r.varint("proof hash id")?))?;
    let a = r.varint("proof index")?;
    let b = r.varint("proof tree size")?;
    let expected = valid(a, b)?;
    let count = r.varint("proof path length")?;
    if count != expected as u64 {
        return Err(Error::WrongCount {
            what: "proof path nodes",
            expected,
            got: count,
        });
    }
    let mut path = Vec::with_capacity(expected);
    for _ in 0..expected {
        path.push(Digest::new(
            alg,
            r.take(alg.output_len(), "proof path node")?,
        )?);
    }
    r.finish(what)?;
    Ok((alg, a, b, path))
}

impl InclusionProof {
    /// A proof from its parts; rejects `leaf_index >= tree_size`, a path of the wrong
    /// length for `(leaf_index, tree_size)`, and path nodes of another family.
    pub fn new(
        alg: HashAlg,
        leaf_index: u64,
        tree_size: u64,
        path: Vec<Digest>,
    ) -> Result<Self, Error> {
        let expected = Self::expected_len(leaf_index, tree_size)?;
        check_path(alg, &path, expected, "inclusion proof path nodes")?;
        Ok(Self {
            alg,
            leaf_index,
            tree_size,
            path,
        })
    }

    fn expected_len(leaf_index: u64, tree_size: u64) -> Result<usize, Error> {
        codec::check_encodable("tree size", tree_size)?;
        if leaf_index >= tree_size {
            return Err(Error::OutOfRange {
                what: "leaf index",
                index: leaf_index,
                bound: tree_size,
            });
        }
        Ok(inclusion_path_len(leaf_index, tree_size))
    }

    /// The hash family.
    pub fn alg(&self) -> HashAlg {
        self.alg
    }

    /// Index of the proven leaf.
    pub fn leaf_index(&self) -> u64 {
        self.leaf_index
    }

    /// Size of the tree the proof is for.
    pub fn tree_size(&self) -> u64 {
        self.tree_size
    }

    /// Sibling hashes, leaf to root.
    pub fn path(&self) -> &[Digest] {
        &self.path
    }

    /// Verifies that `leaf` (raw data) is at `leaf_index` in the tree with `root`.
    pub fn verify(&self, leaf: &[u8], root: &Digest) -> Result<(), VerifyError> {
        self.verify_leaf_hash(&super::leaf_hash(self.alg, leaf), root)
    }

    /// Verifies a leaf given by its leaf hash (RFC 9162 §2.1.3.2).
    pub fn verify_leaf_hash(&self, leaf_hash: &Digest, root: &Digest) -> Result<(), VerifyError> {
        if root.alg() != self.alg
            || leaf_hash.alg() != self.alg
            || self.leaf_index >= self.tree_size
        {
            return Err(VerifyError);
        }
        let mut fnode = self.leaf_index;
        let mut snode = self.tree_size - 1;
        let mut r = *leaf_hash;
        for p in &self.path {
            if snode == 0 {
                return Err(VerifyError);
            }
            if fnode & 1 == 1 || fnode == snode {
                r = node_hash(self.alg, p.as_bytes(), r.as_bytes());
                if fnode & 1 == 0 {
                    while fnode & 1 == 0 && fnode != 0 {
                        fnode >>= 1;
                        snode >>= 1;
                    }
                }
            } else {
                r = node_hash(self.alg, r.as_bytes(), p.as_bytes());
            }
            fnode >>= 1;
            snode >>= 1;
        }
        if snode == 0 && r == *root {
            Ok(())
        } else {
            Err(VerifyError)
        }
    }

    /// Canonical binary encoding (see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        encode(self.alg, self.leaf_index, self.tree_size, &self.path)
    }

    /// Strict decoding: the only accepted bytes are those [`Self::to_bytes`] produces.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let (alg, leaf_index, tree_size, path) =
            decode(bytes, "inclusion proof", Self::expected_len)?;
        Ok(Self {
            alg,
            leaf_index,
            tree_size,
            path,
        })
    }
}

impl ConsistencyProof {
    /// A proof from its parts; rejects `old_size > new_size` and a path of the wrong
    /// length for the sizes.
    pub fn new(
        alg: HashAlg,
        old_size: u64,
        new_size: u64,
        path: Vec<Digest>,
    ) -> Result<Self, Error> {
        let expected = Self::expected_len(old_size, new_size)?;
        check_path(alg, &path, expected, "consistency proof path nodes")?;
        Ok(Self {
            alg,
            old_size,
            new_size,
            path,
        })
    }

    fn expected_len(old_size: u64, new_size: u64) -> Result<usize, Error> {
        codec::check_encodable("tree size", new_size)?;
        if old_size > new_size {
            return Err(Error::OutOfRange {
                what: "old tree size",
                index: old_size,
                bound: new_size.saturating_add(1),
            });
        }
        Ok(consistency_path_len(old_size, new_size))
    }

    /// The hash family.
    pub fn alg(&self) -> HashAlg {
        self.alg
    }

    /// Size of the earlier tree.
    pub fn old_size(&self) -> u64 {
        self.old_size
    }

    /// Size of the later tree.
    pub fn new_size(&self) -> u64 {
        self.new_size
    }

    /// The proof nodes in RFC order.
    pub fn path(&self) -> &[Digest] {
        &self.path
    }

    /// Verifies that the tree with `old_root` (of `old_size` leaves) is a prefix of the
    /// tree with `new_root` (RFC 9162 §2.1.4.2). An empty old tree must have the
    /// empty-tree root `H("")`; equal sizes need equal roots and an empty path.
    pub fn verify(&self, old_root: &Digest, new_root: &Digest) -> Result<(), VerifyError> {
        let (m, n) = (self.old_size, self.new_size);
        if old_root.alg() != self.alg || new_root.alg() != self.alg || m > n {
            return Err(VerifyError);
        }
        if m == 0 {
            let ok = self.path.is_empty() && *old_root == hash::hash(self.alg, b"");
            return if ok { Ok(()) } else { Err(VerifyError) };
        }
        if m == n {
            let ok = self.path.is_empty() && old_root == new_root;
            return if ok { Ok(()) } else { Err(VerifyError) };
        }
        // Step 1: an empty path fails.
        if self.path.is_empty() {
            return Err(VerifyError);
        }
        // Step 2: if m is a power of two, the old root is the first node of the path.
        let mut nodes = self.path.iter();
        let first = if m.is_power_of_two() {
            *old_root
        } else {
            *nodes.next().ok_or(VerifyError)?
        };
        // Steps 3-4.
        let mut fnode = m - 1;
        let mut snode = n - 1;
        while fnode & 1 == 1 {
            fnode >>= 1;
            snode >>= 1;
        }
        // Step 5.
        let (mut fr, mut sr) = (first, first);
        // Step 6.
        for c in nodes {
            if snode == 0 {
                return Err(VerifyError);
            }
            if fnode & 1 == 1 || fnode == snode {
                fr = node_hash(self.alg, c.as_bytes(), fr.as_bytes());
                sr = node_hash(self.alg, c.as_bytes(), sr.as_bytes());
                if fnode & 1 == 0 {
                    while fnode & 1 == 0 && fnode != 0 {
                        fnode >>= 1;
                        snode >>= 1;
                    }
                }
            } else {
                sr = node_hash(self.alg, sr.as_bytes(), c.as_bytes());
            }
            fnode >>= 1;
            snode >>= 1;
        }
        // Step 7.
        if snode == 0 && fr == *old_root && sr == *new_root {
            Ok(())
        } else {
            Err(VerifyError)
        }
    }

    /// Canonical binary encoding (see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        encode(self.alg, self.old_size, self.new_size, &self.path)
    }

    /// Strict decoding: the only accepted bytes are those [`Self::to_bytes`] produces.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let (alg, old_size, new_size, path) =
            decode(bytes, "consistency proof", Self::expected_len)?;
        Ok(Self {
            alg,
            old_size,
            new_size,
            path,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_lengths_match_rfc_examples() {
        // RFC 9162 §2.1.5: the 7-leaf example tree.
        assert_eq!(inclusion_path_len(0, 7), 3); // d0: [b, h, l]
        assert_eq!(inclusion_path_len(3, 7), 3); // d3: [c, g, l]
        assert_eq!(inclusion_path_len(4, 7), 3); // d4: [f, j, k]
        assert_eq!(inclusion_path_len(6, 7), 2); // d6: [i, k]
        assert_eq!(consistency_path_len(3, 7), 4); // hash0 -> hash2: [c, d, g, l]
        assert_eq!(consistency_path_len(4, 7), 1); // hash1 -> hash2: [l]
        assert_eq!(consistency_path_len(6, 7), 3); // hash3 -> hash2: [i, j, k]
        assert_eq!(consistency_path_len(7, 7), 0);
        assert_eq!(consistency_path_len(0, 7), 0);
    }
}
