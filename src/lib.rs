//! # pqmigrate
//!
//! Move a blockchain's data layer to post-quantum cryptography without a flag day.
//!
//! This crate provides hash agility first: a registry of hash families with
//! self-describing digests ([`hash::Digest`], encoded as multihash), domain-separated
//! framing, suites that name the family per role, a policy that says which families are
//! accepted at which height, and RFC 9162 Merkle trees with proofs over any family.
//!
//! ## Hash a value and name the family in the output
//! ```
//! use pqmigrate::hash::{hash, Digest, HashAlg};
//!
//! let d = hash(HashAlg::Sha3_256, b"abc");
//! assert_eq!(
//!     d.to_string(),
//!     "sha3-256:3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"
//! );
//! let back: Digest = d.to_string().parse().unwrap();
//! assert_eq!(back, d);
//! ```
//!
//! ## Swap the family of one role as configuration
//! ```
//! use pqmigrate::hash::{hash_framed, HashAlg, HashRole, HashSuite};
//!
//! let today = HashSuite::KECCAK;
//! let tomorrow = HashSuite { tx_id: HashAlg::Sha3_256, ..today };
//! for suite in [today, tomorrow] {
//!     // Call sites never name a family; they ask the suite.
//!     let tx_id = hash_framed(suite.get(HashRole::TxId), b"tx", &[b"payload"]);
//!     assert_eq!(tx_id.alg(), suite.tx_id);
//! }
//! ```
//!
//! ## Merkle roots and proofs (RFC 9162)
//! ```
//! use pqmigrate::hash::HashAlg;
//! use pqmigrate::merkle::MerkleTree;
//!
//! let leaves: Vec<&[u8]> = vec![b"a", b"b", b"c", b"d", b"e"];
//! let tree = MerkleTree::new(HashAlg::Blake3, &leaves);
//! let old_root = tree.root_at(3).unwrap();
//! let proof = tree.prove_consistency(3).unwrap();
//! assert!(proof.verify(&old_root, &tree.root()).is_ok());
//! ```
//!
//! ## Features
//! - `std` (default): `std::error::Error`, `std::io::Write` for [`hash::Hasher`].
//!   Without it the crate is `no_std` + `alloc`.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(unsafe_code)]
#![warn(missing_docs, rust_2018_idioms, unreachable_pub)]

extern crate alloc;

pub mod codec;
pub mod conformance;
mod ct;
pub mod error;
pub mod hash;
pub mod id;
pub mod kem;
pub mod merkle;
pub mod sig;
#[cfg(feature = "vectors")]
pub mod vectors;

pub use error::{Error, VerifyError};

#[cfg(feature = "ct-declassify")]
#[doc(hidden)]
pub use ct::set_declassify_hook;
