//! [`RootBuilder`]: the RFC 9162 root of a stream of leaves in `O(log n)` memory.
//!
//! The tree of `n` leaves is a row of perfect subtrees whose sizes are the binary
//! digits of `n`, largest first; its root is the right fold
//! `node(P1, node(P2, … node(Pm-1, Pm)))` (RFC 9162's split at the largest power of two
//! below `n`, applied recursively). The builder keeps one root per perfect subtree and
//! merges equal neighbours as leaves arrive; leaf hashes are computed a batch at a time
//! through [`crate::hash::hash_many_into`], like whole-tree building.

use alloc::vec::Vec;

use super::{LEAF_PREFIX, node_hash};
use crate::hash::{self, Digest, HashAlg};

/// Leaves hashed per batch.
const BATCH: usize = 256;
/// Bytes of buffered leaf data that force a batch early (long leaves).
const BATCH_BYTES: usize = 1 << 20;

/// Streams leaves into an RFC 9162 Merkle root without keeping them.
///
/// ```
/// use pqmigrate::hash::HashAlg;
/// use pqmigrate::merkle::{self, RootBuilder};
///
/// let leaves: Vec<Vec<u8>> = (0..1000u32).map(|i| i.to_le_bytes().to_vec()).collect();
/// let mut b = RootBuilder::new(HashAlg::Sha3_256);
/// for leaf in &leaves {
///     b.push(leaf);
/// }
/// let refs: Vec<&[u8]> = leaves.iter().map(Vec::as_slice).collect();
/// assert_eq!(b.len(), 1000);
/// assert_eq!(b.root(), merkle::root(HashAlg::Sha3_256, &refs));
/// ```
#[derive(Clone, Debug)]
pub struct RootBuilder {
    alg: HashAlg,
    /// Roots of perfect subtrees with their leaf counts, counts strictly decreasing.
    stack: Vec<(Digest, u64)>,
    /// Buffered leaves, each `0x00 ‖ leaf`, ending at `ends[i]`.
    buf: Vec<u8>,
    ends: Vec<usize>,
    len: u64,
}

impl RootBuilder {
    /// An empty builder for `alg`.
    pub fn new(alg: HashAlg) -> Self {
        Self {
            alg,
            stack: Vec::new(),
            buf: Vec::new(),
            ends: Vec::with_capacity(BATCH),
            len: 0,
        }
    }

    /// Appends one leaf (raw leaf data; hashed with the leaf prefix).
    pub fn push(&mut self, leaf: &[u8]) {
        self.buf.push(LEAF_PREFIX);
        self.buf.extend_from_slice(leaf);
        self.ends.push(self.buf.len());
        self.len += 1;
        if self.ends.len() == BATCH || self.buf.len() >= BATCH_BYTES {
            self.flush();
        }
    }

    /// Number of leaves pushed.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True before the first leaf.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The root of every leaf pushed (`H("")` for none).
    pub fn root(mut self) -> Digest {
        self.flush();
        let mut subtrees = self.stack.iter().rev();
        let Some(&(mut acc, _)) = subtrees.next() else {
            return hash::hash(self.alg, b"");
        };
        for (left, _) in subtrees {
            acc = node_hash(self.alg, left.as_bytes(), acc.as_bytes());
        }
        acc
    }

    fn flush(&mut self) {
        let count = self.ends.len();
        if count == 0 {
            return;
        }
        let mut slices: Vec<&[u8]> = Vec::with_capacity(count);
        let mut from = 0;
        for &end in &self.ends {
            slices.push(&self.buf[from..end]);
            from = end;
        }
        let mut digests = [Digest::zero(self.alg); BATCH];
        hash::hash_many_into(self.alg, &slices, &mut digests[..count]);
        for d in &digests[..count] {
            self.stack.push((*d, 1));
            while let [.., (l, a), (r, b)] = self.stack[..]
                && a == b
            {
                let parent = node_hash(self.alg, l.as_bytes(), r.as_bytes());
                self.stack.truncate(self.stack.len() - 2);
                self.stack.push((parent, a + b));
            }
        }
        self.buf.clear();
        self.ends.clear();
    }
}
