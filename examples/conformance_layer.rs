//! Check your own data layer against the known ambiguities (CVE-2012-2459 duplicate
//! tails, CVE-2017-12842 64-byte transactions, concatenation framing, length
//! extension): implement `conformance::DataLayer` over your hashing code and print
//! the report. This one is a typical hand-rolled layer: SHA-256d, Bitcoin-style
//! Merkle tree (duplicate the last node), plain concatenation.
//!
//! Run: `cargo run --example conformance_layer`

use pqmigrate::conformance::{self, DataLayer};
use pqmigrate::hash::{HashAlg, hash};

/// Your chain's hashing, as it is today.
struct MyChain;

fn sha256d(data: &[u8]) -> Vec<u8> {
    let once = hash(HashAlg::Sha2_256, data);
    hash(HashAlg::Sha2_256, once.as_bytes()).as_bytes().to_vec()
}

impl DataLayer for MyChain {
    fn name(&self) -> String {
        "my-chain (SHA-256d, duplicate-last Merkle)".into()
    }
    fn leaf_hash(&self, leaf: &[u8]) -> Vec<u8> {
        sha256d(leaf)
    }
    fn node_hash(&self, left: &[u8], right: &[u8]) -> Vec<u8> {
        sha256d(&[left, right].concat())
    }
    fn root(&self, leaves: &[&[u8]]) -> Vec<u8> {
        let mut level: Vec<Vec<u8>> = leaves.iter().map(|l| self.leaf_hash(l)).collect();
        if level.is_empty() {
            return vec![0; 32];
        }
        while level.len() > 1 {
            if level.len() % 2 == 1 {
                level.push(level[level.len() - 1].clone()); // the CVE-2012-2459 shape
            }
            level = level
                .chunks(2)
                .map(|p| self.node_hash(&p[0], &p[1]))
                .collect();
        }
        level.remove(0)
    }
    fn tx_id(&self, tx: &[u8]) -> Vec<u8> {
        sha256d(tx)
    }
    fn commit(&self, parts: &[&[u8]]) -> Option<Vec<u8>> {
        Some(sha256d(&parts.concat())) // fields concatenated without lengths
    }
}

fn main() {
    let report = conformance::run(&MyChain);
    println!("{report}");
    println!(
        "{} exposed; `pqmigrate conformance --builtin rfc9162` shows a clean layer",
        report.exposed()
    );
    assert!(
        report.exposed() > 0,
        "this layer is meant to show exposures"
    );
}
