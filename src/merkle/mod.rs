//! Merkle trees as specified by RFC 9162 §2.1 (Certificate Transparency v2), over any
//! hash family, with inclusion and consistency proofs.
//!
//! - leaf hash `H(0x00 ‖ leaf)`, node hash `H(0x01 ‖ left ‖ right)` — the prefixes keep a
//!   leaf from ever being mistaken for an inner node (the CVE-2017-12842 confusion);
//! - a tree of `n > 1` leaves splits at the largest power of two below `n` — an odd node
//!   is carried up unchanged, never duplicated (so no CVE-2012-2459 mutation);
//! - the empty tree's root is `H("")`.
//!
//! Trees are built a level at a time through [`crate::hash::hash_many`]: carrying the
//! odd node up level by level gives exactly the RFC's recursive split.
//!
//! ```
//! use pqmigrate::hash::HashAlg;
//! use pqmigrate::merkle::{self, MerkleTree};
//!
//! let leaves: [&[u8]; 3] = [b"tx0", b"tx1", b"tx2"];
//! let tree = MerkleTree::new(HashAlg::Sha3_256, &leaves);
//! assert_eq!(tree.root(), merkle::root(HashAlg::Sha3_256, &leaves));
//!
//! let proof = tree.prove_inclusion(2).unwrap();
//! assert!(proof.verify(b"tx2", &tree.root()).is_ok());
//! assert!(proof.verify(b"tx1", &tree.root()).is_err());
//! ```
//!
//! For verifying old Bitcoin-style trees, see [`legacy`].

pub mod legacy;
mod proof;
mod stream;
pub mod transition;

pub use proof::{ConsistencyProof, InclusionProof};
pub use stream::RootBuilder;
pub use transition::{DualDigest, RootTransition};

use alloc::vec::Vec;

use crate::error::Error;
use crate::hash::{self, Digest, HashAlg};

/// Domain prefix of a leaf hash (RFC 9162 §2.1.1).
pub const LEAF_PREFIX: u8 = 0x00;
/// Domain prefix of an inner-node hash (RFC 9162 §2.1.1).
pub const NODE_PREFIX: u8 = 0x01;

/// `H(0x00 ‖ leaf)`.
pub fn leaf_hash(alg: HashAlg, leaf: &[u8]) -> Digest {
    let mut h = hash::Hasher::new(alg);
    h.update(&[LEAF_PREFIX]);
    h.update(leaf);
    h.finalize()
}

/// `H(0x01 ‖ left ‖ right)`.
pub fn node_hash(alg: HashAlg, left: &[u8], right: &[u8]) -> Digest {
    let mut h = hash::Hasher::new(alg);
    h.update(&[NODE_PREFIX]);
    h.update(left);
    h.update(right);
    h.finalize()
}

/// The RFC 9162 root of `leaves` (MTH), without keeping the tree: one buffer of leaf
/// hashes, each parent level written in place over the first half of its children.
pub fn root(alg: HashAlg, leaves: &[&[u8]]) -> Digest {
    if leaves.is_empty() {
        return hash::hash(alg, b"");
    }
    let n = alg.output_len();
    let mut level = leaf_level(alg, leaves);
    let mut len = level.len();
    while len > n {
        len = parent_level_in_place(alg, &mut level, len);
    }
    Digest::from_trusted(alg, &level[..n])
}

/// Inputs per `hash_many_packed` call while building a level: large enough to keep the
/// SIMD kernels busy, small enough that the scratch buffer stays in cache.
const CHUNK: usize = 256;

/// Up to [`CHUNK`] prefixed inputs in one scratch buffer, hashed in one batch.
struct Batch {
    buf: Vec<u8>,
    ends: Vec<usize>,
}

impl Batch {
    fn new() -> Self {
        Self {
            buf: Vec::new(),
            ends: Vec::with_capacity(CHUNK),
        }
    }

    fn clear(&mut self) {
        self.buf.clear();
        self.ends.clear();
    }

    /// Adds the input `prefix ‖ data`.
    fn push(&mut self, prefix: u8, data: &[u8]) {
        self.buf.push(prefix);
        // Inner nodes and typical leaves are 32 or 64 bytes: a copy of known length
        // compiles to a few vector moves instead of a `memcpy` call.
        match data.len() {
            32 => self.buf.extend_from_slice(&data[..32]),
            64 => self.buf.extend_from_slice(&data[..64]),
            _ => self.buf.extend_from_slice(data),
        }
        self.ends.push(self.buf.len());
    }

    /// Replaces the batch with the node inputs `0x01 ‖ left ‖ right` of the pairs
    /// `range` of a level (`n`-byte nodes, packed).
    fn fill_pairs(&mut self, level: &[u8], range: core::ops::Range<usize>, n: usize) {
        self.clear();
        for i in range {
            self.push(NODE_PREFIX, &level[2 * i * n..2 * (i + 1) * n]);
        }
    }

    /// Hashes the inputs, digests packed into `out`.
    fn hash_into(&self, alg: HashAlg, out: &mut [u8]) {
        let mut slices: [&[u8]; CHUNK] = [&[]; CHUNK];
        let mut from = 0;
        for (slice, &end) in slices.iter_mut().zip(&self.ends) {
            *slice = &self.buf[from..end];
            from = end;
        }
        hash::hash_many_packed(alg, &slices[..self.ends.len()], out);
    }
}

/// Leaf hashes of `leaves`, packed (stride `alg.output_len()`).
fn leaf_level(alg: HashAlg, leaves: &[&[u8]]) -> Vec<u8> {
    let n = alg.output_len();
    let mut out = alloc::vec![0u8; leaves.len() * n];
    let mut batch = Batch::new();
    for (k, chunk) in leaves.chunks(CHUNK).enumerate() {
        batch.clear();
        for leaf in chunk {
            batch.push(LEAF_PREFIX, leaf);
        }
        let start = k * CHUNK;
        batch.hash_into(alg, &mut out[start * n..(start + chunk.len()) * n]);
    }
    out
}

/// The parent level of the level in `buf[..len]` (stride `alg.output_len()`), written
/// over `buf[..new_len]`, which it returns: pairs hashed with the node prefix, an odd
/// last node carried up unchanged (RFC 9162 §2.1.1 split rule). In place is safe: a
/// chunk's children are copied into the batch before its parents are written, and
/// parent `j` lands at `j`, below every child (`2j`, `2j + 1`) a later chunk reads.
fn parent_level_in_place(alg: HashAlg, buf: &mut [u8], len: usize) -> usize {
    let n = alg.output_len();
    let pairs = len / (2 * n);
    let mut batch = Batch::new();
    for start in (0..pairs).step_by(CHUNK) {
        let end = (start + CHUNK).min(pairs);
        batch.fill_pairs(&buf[..len], start..end, n);
        batch.hash_into(alg, &mut buf[start * n..end * n]);
    }
    let carried = len - 2 * pairs * n;
    buf.copy_within(2 * pairs * n..len, pairs * n);
    pairs * n + carried
}

/// The parent level of `level` in a new buffer of exactly its size (for trees that keep
/// every level).
fn next_level(alg: HashAlg, level: &[u8]) -> Vec<u8> {
    let n = alg.output_len();
    let pairs = level.len() / (2 * n);
    let mut out = alloc::vec![0u8; level.len() - pairs * n];
    let mut batch = Batch::new();
    for start in (0..pairs).step_by(CHUNK) {
        let end = (start + CHUNK).min(pairs);
        batch.fill_pairs(level, start..end, n);
        batch.hash_into(alg, &mut out[start * n..end * n]);
    }
    out[pairs * n..].copy_from_slice(&level[2 * pairs * n..]);
    out
}

/// Largest power of two strictly below `n` (`n >= 2`): the RFC 9162 split point.
pub(crate) fn split_point(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

/// A whole tree kept in memory (every level), for producing proofs.
///
/// Memory: about `2 × leaves × output_len` bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MerkleTree {
    alg: HashAlg,
    /// `levels[0]` holds the leaf hashes; `levels[h][i]` (stride `output_len`) is the
    /// root of leaves `[i·2^h, min((i+1)·2^h, n))`. The last level holds the root.
    levels: Vec<Vec<u8>>,
    size: u64,
}

impl MerkleTree {
    /// Builds the tree of `leaves` (raw leaf data, hashed with the leaf prefix).
    pub fn new(alg: HashAlg, leaves: &[&[u8]]) -> Self {
        let mut levels = Vec::new();
        if !leaves.is_empty() {
            levels.push(leaf_level(alg, leaves));
            while levels[levels.len() - 1].len() > alg.output_len() {
                let next = next_level(alg, &levels[levels.len() - 1]);
                levels.push(next);
            }
        }
        Self {
            alg,
            levels,
            size: leaves.len() as u64,
        }
    }

    /// The hash family.
    pub fn alg(&self) -> HashAlg {
        self.alg
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The root (MTH of all leaves).
    pub fn root(&self) -> Digest {
        match self.levels.last() {
            Some(top) => Digest::from_trusted(self.alg, top),
            None => hash::hash(self.alg, b""),
        }
    }

    /// The root of the first `size` leaves: the root this tree had when it was that size.
    pub fn root_at(&self, size: u64) -> Result<Digest, Error> {
        if size > self.size {
            return Err(Error::OutOfRange {
                what: "tree size",
                index: size,
                bound: self.size + 1,
            });
        }
        Ok(self.subtree(0, size))
    }

    /// The leaf hash at `index`.
    pub fn leaf_hash(&self, index: u64) -> Result<Digest, Error> {
        self.check_index(index)?;
        Ok(self.node(0, index))
    }

    /// Inclusion proof for the leaf at `index` (RFC 9162 §2.1.3.1, PATH).
    pub fn prove_inclusion(&self, index: u64) -> Result<InclusionProof, Error> {
        self.check_index(index)?;
        let mut path = Vec::new();
        self.path(index, 0, self.size, &mut path);
        InclusionProof::new(self.alg, index, self.size, path)
    }

    /// Consistency proof from the tree's earlier size `old_size` to its current size
    /// (RFC 9162 §2.1.4.1, PROOF).
    pub fn prove_consistency(&self, old_size: u64) -> Result<ConsistencyProof, Error> {
        if old_size > self.size {
            return Err(Error::OutOfRange {
                what: "old tree size",
                index: old_size,
                bound: self.size + 1,
            });
        }
        let mut path = Vec::new();
        if old_size > 0 && old_size < self.size {
            self.subproof(old_size, 0, self.size, true, &mut path);
        }
        ConsistencyProof::new(self.alg, old_size, self.size, path)
    }

    fn check_index(&self, index: u64) -> Result<(), Error> {
        if index >= self.size {
            return Err(Error::OutOfRange {
                what: "leaf index",
                index,
                bound: self.size,
            });
        }
        Ok(())
    }

    /// Stored node `i` of level `h`.
    fn node(&self, h: usize, i: u64) -> Digest {
        let len = self.alg.output_len();
        let start = i as usize * len;
        Digest::from_trusted(self.alg, &self.levels[h][start..start + len])
    }

    /// MTH(D[a:b]). Subtrees that the RFC recursion visits are stored nodes: their
    /// start is a multiple of 2^h with h = ceil(log2(b - a)), and they end at
    /// `min(a + 2^h, n)`. Other ranges (prefix roots for `root_at`) are split per §2.1.1.
    fn subtree(&self, a: u64, b: u64) -> Digest {
        let n = b - a;
        if n == 0 {
            return hash::hash(self.alg, b"");
        }
        let h = 64 - (n - 1).leading_zeros(); // ceil(log2(n)), 0 for n = 1
        if a.is_multiple_of(1 << h) && b == (a + (1 << h)).min(self.size) {
            return self.node(h as usize, a >> h);
        }
        let k = split_point(n);
        let l = self.subtree(a, a + k);
        let r = self.subtree(a + k, b);
        node_hash(self.alg, l.as_bytes(), r.as_bytes())
    }

    /// PATH(m, D[a:b]) with `m` relative to `a`, appended leaf-to-root.
    fn path(&self, m: u64, a: u64, b: u64, out: &mut Vec<Digest>) {
        let n = b - a;
        if n <= 1 {
            return;
        }
        let k = split_point(n);
        if m < k {
            self.path(m, a, a + k, out);
            out.push(self.subtree(a + k, b));
        } else {
            self.path(m - k, a + k, b, out);
            out.push(self.subtree(a, a + k));
        }
    }

    /// SUBPROOF(m, D[a:b], complete), appended in RFC order.
    fn subproof(&self, m: u64, a: u64, b: u64, complete: bool, out: &mut Vec<Digest>) {
        let n = b - a;
        if m == n {
            if !complete {
                out.push(self.subtree(a, b));
            }
            return;
        }
        let k = split_point(n);
        if m <= k {
            self.subproof(m, a, a + k, complete, out);
            out.push(self.subtree(a + k, b));
        } else {
            self.subproof(m - k, a + k, b, false, out);
            out.push(self.subtree(a, a + k));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_point_is_largest_power_of_two_below() {
        for (n, k) in [
            (2, 1),
            (3, 2),
            (4, 2),
            (5, 4),
            (8, 4),
            (9, 8),
            (1 << 40, 1 << 39),
        ] {
            assert_eq!(split_point(n), k, "n = {n}");
        }
    }

    #[test]
    fn empty_tree_is_hash_of_empty_string() {
        for alg in HashAlg::ALL {
            assert_eq!(root(alg, &[]), hash::hash(alg, b""));
            assert_eq!(MerkleTree::new(alg, &[]).root(), hash::hash(alg, b""));
        }
    }

    #[test]
    fn out_of_range_requests_are_errors() {
        let tree = MerkleTree::new(HashAlg::Sha2_256, &[b"a", b"b"]);
        assert!(matches!(
            tree.prove_inclusion(2),
            Err(Error::OutOfRange {
                what: "leaf index",
                index: 2,
                bound: 2
            })
        ));
        assert!(matches!(
            tree.prove_consistency(3),
            Err(Error::OutOfRange { .. })
        ));
        assert!(matches!(tree.root_at(3), Err(Error::OutOfRange { .. })));
        assert!(
            MerkleTree::new(HashAlg::Sha2_256, &[])
                .prove_inclusion(0)
                .is_err()
        );
    }
}
