//! # pqmigrate
//!
//! Move a blockchain's data layer to post-quantum cryptography without a flag day:
//! hybrid signatures, hash agility with a migration path, post-quantum key exchange,
//! and the policy that says what is accepted at which block height.
//!
//! ## Quick start
//! ```
//! use pqmigrate::policy::{MigrationPolicy, Subject};
//! use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey};
//!
//! let policy = MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML).unwrap();
//! let key = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[7; 32]).unwrap();
//! let sig = key.sign(b"tx bytes", b"chain-1").unwrap().to_bytes(); // what travels
//! let pk = PublicKey::from_bytes(&key.public_key().to_bytes()).unwrap();
//! let sig = Signature::from_bytes_for(pk.alg(), &sig).unwrap(); // strict decoding
//! assert!(pk.verify(b"tx bytes", b"chain-1", &sig).is_ok()); // both halves
//! assert!(policy.check(20_000, Subject::Signature(pk.alg().id())).is_ok()); // hybrid: any height
//! assert!(policy.check(20_000, Subject::Signature(SigAlg::Secp256k1.id())).is_err()); // sunset
//! ```
//!
//! ## Module map
//! Bottom to top; a module imports only from the rows above it.
//!
//! | module | what it holds |
//! |---|---|
//! | [`error`] | [`Error`] (what was wrong with an input) and [`VerifyError`] (an opaque "no") |
//! | [`codec`] | the strict canonical encoding (minimal varints, no trailing bytes) every decoder uses |
//! | [`id`] | wire ids of every algorithm, and the one generic registry lookup; each kind's rows live with its families |
//! | [`hash`] | hash families and their registry, self-describing digests (multihash), framing, suites, streaming, SIMD batch hashing, legacy verify-only families |
//! | [`merkle`] | RFC 9162 trees, inclusion and consistency proofs, root transitions and dual digests, the legacy Bitcoin-style root |
//! | [`sig`] | one module per component family (secp256k1, P-256, Ed25519, ML-DSA), composites as data, keys and signatures, addresses, upgrade attestations, batch verification |
//! | [`kem`] | ML-KEM-768/1024 and X-Wing key encapsulation |
//! | `formats` | PKCS#8 / SPKI (DER, PEM) with the standards' OIDs, passphrase-encrypted PKCS#8, the pqmigrate container (feature `formats`) |
//! | [`policy`] | [`policy::MigrationPolicy`]: what is accepted at which height, one `check(height, subject)` |
//! | [`multisig`] | m-of-n hybrid multisig: descriptors, partial and multisig signatures, policy-aware verification, rotation |
//! | [`block`] | a reference block and the four stages a node runs on it: decode, policy, verify, Merkle root |
//! | [`chain`] | the chains' own formats: Bitcoin BIP-360 P2MR (feature `bitcoin`), Ethereum EIP-7932 addresses and ML-DSA precompile inputs (feature `ethereum`) |
//! | [`conformance`] | checks a chain's own data layer for known ambiguities |
//! | `vectors` | the deterministic JSON vectors of the repository's `vectors/` (feature `vectors`) |
//!
//! ## Features
//! | feature | default | what it adds |
//! |---|---|---|
//! | `std` | yes | `std::error::Error`, `std::io::Write` for [`hash::Hasher`], OS randomness for hedged signing; without it the crate is `no_std` + `alloc` |
//! | `lamps` | yes | the IETF LAMPS composite pairings with ECDSA P-256 and Ed25519 |
//! | `config` | yes | loading a `MigrationPolicy` from TOML or JSON (errors name key and line) |
//! | `parallel` | yes | batch signature verification across cores (rayon) |
//! | `vectors` | yes | generating and checking the JSON vectors |
//! | `bitcoin` | yes | BIP-360 P2MR outputs, addresses, control blocks and spends (`pqmigrate::chain::bitcoin`; rust-bitcoin, `bech32`) |
//! | `ethereum` | yes | EIP-7932 addresses and `sigrecover`, EIP-8355/8051 ML-DSA precompile inputs (`pqmigrate::chain::ethereum`) |
//! | `formats` | yes | standard key formats and encrypted key files (`pqmigrate::formats`; RustCrypto `pkcs8`/`pkcs5`) |
//! | `serde` | no | serde for the policy types, `no_std` |
//! | `libsecp256k1` | yes | ECDSA secp256k1 signing and verification through libsecp256k1 (Bitcoin Core's C library, ≈ 1.8× faster verification); without it, pure-Rust `k256` (byte-identical signatures) |
//! | `rustcrypto-mldsa` | no | RustCrypto `ml-dsa` as the ML-DSA backend instead of libcrux |
//! | `force-portable`, `no-avx512`, `ct-declassify` | no | test only: force a Keccak kernel; the constant-time harness |
//!
//! ## Security and performance
//! What is guaranteed, what is not, and the test behind each guarantee: `SECURITY.md`.
//! Measurements against peer crates, with the CPU named: `BENCHMARKS.md`. Both are in
//! the repository root and in the published package.
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

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(unsafe_code)]
#![deny(missing_docs)]
#![warn(rust_2018_idioms, unreachable_pub)]

extern crate alloc;

pub mod block;
#[cfg(any(feature = "bitcoin", feature = "ethereum"))]
pub mod chain;
pub mod codec;
pub mod conformance;
mod ct;
mod envelope;
pub mod error;
#[cfg(feature = "formats")]
pub mod formats;
pub mod hash;
pub mod id;
pub mod kem;
pub mod merkle;
pub mod multisig;
pub mod policy;
pub mod sig;
#[cfg(feature = "vectors")]
pub mod vectors;

pub use error::{Error, VerifyError};

#[cfg(feature = "ct-declassify")]
#[doc(hidden)]
pub use ct::set_declassify_hook;
