//! Data-layer conformance kit: run the ambiguity vectors against a chain's own hashing
//! code and learn which known attacks it is exposed to.
//!
//! A chain implements [`DataLayer`] over its real block/Merkle/tx-id code (the optional
//! methods only where it has the construction) and calls [`run`]. Each finding is
//! `passed`, `EXPOSED` (with the attack it enables) or `not applicable`.
//!
//! ```
//! use pqmigrate::conformance::{self, builtin::{NaiveBitcoin, Rfc9162Layer}};
//! use pqmigrate::hash::HashAlg;
//!
//! let naive = conformance::run(&NaiveBitcoin);
//! assert!(naive.exposed() >= 2); // CVE-2012-2459 and the 64-byte leaf confusion
//! let ours = conformance::run(&Rfc9162Layer::new(HashAlg::Sha2_256));
//! assert_eq!(ours.exposed(), 0);
//! ```
//!
//! Teams not writing Rust use the JSON files in `vectors/merkle/ambiguity.json` directly
//! (see `vectors/README.md`): each case lists the inputs and what a safe layer must do.

pub mod builtin;

use core::fmt;

use alloc::{string::String, vec, vec::Vec};

use crate::hash::{self, HashAlg};
use crate::id::HashId;

/// A chain's data layer, as far as the conformance checks need it.
pub trait DataLayer {
    /// A short name for reports.
    fn name(&self) -> String;
    /// Hash of a Merkle leaf (a transaction).
    fn leaf_hash(&self, leaf: &[u8]) -> Vec<u8>;
    /// Hash of an inner node from its children's hashes.
    fn node_hash(&self, left: &[u8], right: &[u8]) -> Vec<u8>;
    /// Merkle root of a leaf list.
    fn root(&self, leaves: &[&[u8]]) -> Vec<u8>;
    /// Transaction id.
    fn tx_id(&self, tx: &[u8]) -> Vec<u8>;
    /// Commitment to a list of fields (header or transaction encoding), if the layer
    /// commits to field lists.
    fn commit(&self, _parts: &[&[u8]]) -> Option<Vec<u8>> {
        None
    }
    /// The hash family the layer's tx ids claim to use, if it names one.
    fn claimed_family(&self) -> Option<HashId> {
        None
    }
    /// A keyed hash / MAC `(key, msg) -> tag`, if the layer has one.
    fn keyed_hash(&self, _key: &[u8], _msg: &[u8]) -> Option<Vec<u8>> {
        None
    }
}

/// The result of one check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The layer resists the attack.
    Passed,
    /// The layer is exposed; `attack` says what an attacker can do.
    Exposed {
        /// The attack this enables.
        attack: &'static str,
    },
    /// The layer lacks the construction the check needs.
    NotApplicable {
        /// Why.
        reason: &'static str,
    },
}

/// One check and its outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Stable id, also the case name in `vectors/merkle/ambiguity.json`.
    pub id: &'static str,
    /// What is checked.
    pub title: &'static str,
    /// The result.
    pub outcome: Outcome,
}

/// All findings for one layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The layer's name.
    pub layer: String,
    /// One finding per check, in a fixed order.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Number of `EXPOSED` findings.
    pub fn exposed(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| matches!(f.outcome, Outcome::Exposed { .. }))
            .count()
    }

    /// The finding with `id`.
    pub fn get(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id == id)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "conformance report: {}", self.layer)?;
        for x in &self.findings {
            match &x.outcome {
                Outcome::Passed => writeln!(f, "  passed          {:<28} {}", x.id, x.title)?,
                Outcome::Exposed { attack } => {
                    writeln!(f, "  EXPOSED         {:<28} {}", x.id, x.title)?;
                    writeln!(f, "                  -> {attack}")?;
                }
                Outcome::NotApplicable { reason } => {
                    writeln!(f, "  not applicable  {:<28} {reason}", x.id)?
                }
            }
        }
        write!(
            f,
            "{} of {} checks exposed",
            self.exposed(),
            self.findings.len()
        )
    }
}

/// Runs every check against `layer`.
pub fn run(layer: &impl DataLayer) -> Report {
    Report {
        layer: layer.name(),
        findings: vec![
            duplicate_tail(layer),
            leaf_node_confusion(layer),
            concatenation(layer),
            padding_confusion(layer),
            length_extension(layer),
        ],
    }
}

fn leaves(n: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|i| alloc::format!("tx-{i}").into_bytes())
        .collect()
}

fn refs(v: &[Vec<u8>]) -> Vec<&[u8]> {
    v.iter().map(Vec::as_slice).collect()
}

/// CVE-2012-2459: duplicating the tail of an odd level leaves the root unchanged.
fn duplicate_tail(layer: &impl DataLayer) -> Finding {
    let mut exposed = false;
    for (n, dup) in [(3usize, 1usize), (5, 1), (6, 2), (7, 1), (10, 2)] {
        let base = leaves(n);
        let mut mutated = base.clone();
        mutated.extend_from_slice(&base[n - dup..]);
        exposed |= layer.root(&refs(&base)) == layer.root(&refs(&mutated));
    }
    Finding {
        id: "cve-2012-2459",
        title: "a leaf list with a duplicated tail must not keep the root",
        outcome: if exposed {
            Outcome::Exposed {
                attack: "block mutation: a valid block's transaction list extended with duplicates \
                         has the same Merkle root, so nodes can be made to reject a valid block \
                         (CVE-2012-2459)",
            }
        } else {
            Outcome::Passed
        },
    }
}

/// Is this 64-byte (two-digest) leaf indistinguishable from the inner node of its
/// halves under `layer`? The BIP-54 / CVE-2017-12842 check for one concrete leaf.
pub fn leaf_is_ambiguous(layer: &impl DataLayer, leaf: &[u8]) -> Option<bool> {
    let h = layer.leaf_hash(b"").len();
    if leaf.len() != 2 * h {
        return None;
    }
    let (l, r) = leaf.split_at(h);
    Some(layer.leaf_hash(leaf) == layer.node_hash(l, r))
}

/// CVE-2017-12842: a leaf equal to the concatenation of two child hashes.
fn leaf_node_confusion(layer: &impl DataLayer) -> Finding {
    let (a, b) = (b"tx-a".as_slice(), b"tx-b".as_slice());
    let mut fake = layer.leaf_hash(a);
    fake.extend_from_slice(&layer.leaf_hash(b));
    let exposed = leaf_is_ambiguous(layer, &fake) == Some(true)
        || layer.root(&[&fake]) == layer.root(&[a, b]);
    Finding {
        id: "cve-2017-12842",
        title: "a 64-byte leaf must not hash like an inner node",
        outcome: if exposed {
            Outcome::Exposed {
                attack: "SPV proof forgery: a 64-byte transaction doubles as an inner node, so a \
                         fake transaction can be 'proven' included (CVE-2017-12842, BIP-54)",
            }
        } else {
            Outcome::Passed
        },
    }
}

/// Field lists whose plain concatenations are equal must commit differently.
fn concatenation(layer: &impl DataLayer) -> Finding {
    let outcome = match (layer.commit(&[b"ab", b"c"]), layer.commit(&[b"a", b"bc"])) {
        (Some(x), Some(y)) if x == y => Outcome::Exposed {
            attack: "field-boundary ambiguity: [\"ab\",\"c\"] and [\"a\",\"bc\"] commit alike, so a \
                     signed or hashed record can be re-split into different fields",
        },
        (Some(_), Some(_)) => Outcome::Passed,
        _ => Outcome::NotApplicable {
            reason: "the layer has no field-list commitment",
        },
    };
    Finding {
        id: "concatenation-framing",
        title: "field lists with equal concatenations must commit differently",
        outcome,
    }
}

/// Keccak-256 (0x01 padding) vs SHA3-256 (0x06): same rate, different function.
fn padding_confusion(layer: &impl DataLayer) -> Finding {
    let title = "tx ids must use the family the layer claims";
    let Some(claimed) = layer.claimed_family() else {
        return Finding {
            id: "keccak-sha3-padding",
            title,
            outcome: Outcome::NotApplicable {
                reason: "the layer names no hash family",
            },
        };
    };
    let got = layer.tx_id(b"abc");
    let ok = HashAlg::from_id(claimed).is_ok_and(|a| hash::hash(a, b"abc").as_bytes() == got);
    Finding {
        id: "keccak-sha3-padding",
        title,
        outcome: if ok {
            Outcome::Passed
        } else {
            Outcome::Exposed {
                attack: "padding confusion: tx ids are not the claimed family (e.g. Keccak-256 \
                         labelled SHA3-256); other implementations compute different ids",
            }
        },
    }
}

/// SHA-256 padding for a message of `len` bytes.
fn sha256_padding(len: usize) -> Vec<u8> {
    let mut p = vec![0x80u8];
    while (len + p.len()) % 64 != 56 {
        p.push(0);
    }
    p.extend_from_slice(&((len as u64) * 8).to_be_bytes());
    p
}

/// Extends `tag = SHA-256(secret ‖ msg)` (with `secret_len` known) by `ext`: returns the
/// forged message suffix `pad ‖ ext` and the forged tag, without the secret.
pub fn sha256_length_extension(
    tag: &[u8; 32],
    secret_len: usize,
    msg: &[u8],
    ext: &[u8],
) -> (Vec<u8>, [u8; 32]) {
    let pad = sha256_padding(secret_len + msg.len());
    let mut state = [0u32; 8];
    for (s, w) in state.iter_mut().zip(tag.chunks_exact(4)) {
        *s = u32::from_be_bytes(w.try_into().expect("4 bytes"));
    }
    let prefix_len = secret_len + msg.len() + pad.len();
    let mut tail = ext.to_vec();
    tail.extend_from_slice(&sha256_padding(prefix_len + ext.len()));
    let blocks: Vec<[u8; 64]> = tail
        .chunks_exact(64)
        .map(|c| c.try_into().expect("64 bytes"))
        .collect();
    sha2::block_api::compress256(&mut state, &blocks);
    let mut forged = [0u8; 32];
    for (o, s) in forged.chunks_exact_mut(4).zip(state) {
        o.copy_from_slice(&s.to_be_bytes());
    }
    let mut suffix = pad;
    suffix.extend_from_slice(ext);
    (suffix, forged)
}

/// SHA-256(secret ‖ msg) as a MAC is forgeable by length extension.
fn length_extension(layer: &impl DataLayer) -> Finding {
    let title = "a keyed hash must not be extendable without the key";
    let key = [0x4bu8; 16];
    let msg = b"pay=10&to=alice";
    let Some(tag) = layer.keyed_hash(&key, msg) else {
        return Finding {
            id: "length-extension",
            title,
            outcome: Outcome::NotApplicable {
                reason: "the layer has no keyed hash",
            },
        };
    };
    let exposed = <[u8; 32]>::try_from(tag.as_slice()).is_ok_and(|tag| {
        let (suffix, forged) = sha256_length_extension(&tag, key.len(), msg, b"&to=mallory");
        let mut forged_msg = msg.to_vec();
        forged_msg.extend_from_slice(&suffix);
        layer.keyed_hash(&key, &forged_msg).as_deref() == Some(forged.as_slice())
    });
    Finding {
        id: "length-extension",
        title,
        outcome: if exposed {
            Outcome::Exposed {
                attack: "MAC forgery: from SHA-256(secret ‖ msg) an attacker computes a valid tag \
                         for msg ‖ padding ‖ anything, without the secret",
            }
        } else {
            Outcome::Passed
        },
    }
}
