//! Two reference layers: a deliberately naive Bitcoin-style one and pqmigrate's.

use alloc::{string::String, vec::Vec};

use sha2::Digest as _;

use super::DataLayer;
use crate::hash::{self, HashAlg};
use crate::id::HashId;
use crate::merkle;

fn dsha256(data: &[u8]) -> Vec<u8> {
    sha2::Sha256::digest(sha2::Sha256::digest(data)).to_vec()
}

/// Bitcoin's original construction, naively reused: txid = SHA-256d(tx), node =
/// SHA-256d(l ‖ r), odd levels duplicate their last node, field lists are concatenated,
/// and the keyed hash is SHA-256(key ‖ msg). Exposed on purpose.
#[derive(Clone, Copy, Debug, Default)]
pub struct NaiveBitcoin;

impl DataLayer for NaiveBitcoin {
    fn name(&self) -> String {
        "naive-bitcoin (SHA-256d, duplicate-last Merkle, concatenation, SHA-256(key||msg))".into()
    }

    fn leaf_hash(&self, leaf: &[u8]) -> Vec<u8> {
        dsha256(leaf)
    }

    fn node_hash(&self, left: &[u8], right: &[u8]) -> Vec<u8> {
        dsha256(&[left, right].concat())
    }

    fn root(&self, leaves: &[&[u8]]) -> Vec<u8> {
        if leaves.is_empty() {
            return alloc::vec![0; 32];
        }
        let mut level: Vec<Vec<u8>> = leaves.iter().map(|l| dsha256(l)).collect();
        while level.len() > 1 {
            if level.len() % 2 == 1 {
                level.push(level[level.len() - 1].clone());
            }
            level = level
                .chunks_exact(2)
                .map(|p| self.node_hash(&p[0], &p[1]))
                .collect();
        }
        level.remove(0)
    }

    fn tx_id(&self, tx: &[u8]) -> Vec<u8> {
        dsha256(tx)
    }

    fn commit(&self, parts: &[&[u8]]) -> Option<Vec<u8>> {
        Some(dsha256(&parts.concat()))
    }

    fn keyed_hash(&self, key: &[u8], msg: &[u8]) -> Option<Vec<u8>> {
        Some(sha2::Sha256::digest([key, msg].concat()).to_vec())
    }
}

/// pqmigrate's layer over one family: RFC 9162 Merkle trees (leaf `0x00`, node `0x01`
/// prefixes, no duplication), framed commitments and framed keyed hashes.
#[derive(Clone, Copy, Debug)]
pub struct Rfc9162Layer {
    alg: HashAlg,
}

impl Rfc9162Layer {
    /// The layer over `alg`.
    pub const fn new(alg: HashAlg) -> Self {
        Self { alg }
    }
}

impl DataLayer for Rfc9162Layer {
    fn name(&self) -> String {
        alloc::format!("pqmigrate rfc9162 ({}, framed commitments)", self.alg)
    }

    fn leaf_hash(&self, leaf: &[u8]) -> Vec<u8> {
        merkle::leaf_hash(self.alg, leaf).as_bytes().to_vec()
    }

    fn node_hash(&self, left: &[u8], right: &[u8]) -> Vec<u8> {
        merkle::node_hash(self.alg, left, right).as_bytes().to_vec()
    }

    fn root(&self, leaves: &[&[u8]]) -> Vec<u8> {
        merkle::root(self.alg, leaves).as_bytes().to_vec()
    }

    fn tx_id(&self, tx: &[u8]) -> Vec<u8> {
        hash::hash(self.alg, tx).as_bytes().to_vec()
    }

    fn commit(&self, parts: &[&[u8]]) -> Option<Vec<u8>> {
        Some(
            hash::hash_framed(self.alg, b"pqmigrate/v1/commit", parts)
                .as_bytes()
                .to_vec(),
        )
    }

    fn claimed_family(&self) -> Option<HashId> {
        Some(self.alg.id())
    }

    fn keyed_hash(&self, key: &[u8], msg: &[u8]) -> Option<Vec<u8>> {
        Some(
            hash::hash_framed(self.alg, b"pqmigrate/v1/keyed", &[key, msg])
                .as_bytes()
                .to_vec(),
        )
    }
}
