//! A reference block and the four stages a node runs to accept it: decode every
//! transaction strictly, ask the [`MigrationPolicy`] about each signature's scheme at
//! the block's height, verify every signature (across cores with `parallel`), and
//! compute the RFC 9162 Merkle root of the transaction ids.
//!
//! The format is deliberately minimal — enough to measure and test the pipeline a
//! chain's own block format runs (`benches/block.rs`, `pqmigrate bench`), not a chain:
//!
//! ```text
//! block       = varint(height) ‖ varint(count) ‖ count × bytes(transaction)
//! transaction = bytes(payload) ‖ bytes(public key envelope) ‖ bytes(signature envelope)
//! bytes(x)    = varint(len(x)) ‖ x                     (minimal varints, no trailing bytes)
//! tx id       = H_tx-id(transaction)                   root = MTH_merkle(tx ids)
//! ```
//!
//! Each signature covers its transaction's payload under the chain's context string.
//! The stages are public so that a caller can time them ([`Block::decode`],
//! [`Block::check_policy`], [`Block::verify_signatures`], [`Block::merkle_root`]);
//! [`validate`] runs all four and accepts a block only if every transaction passes
//! every stage.
//!
//! ```
//! use pqmigrate::block::{validate, Block, Transaction};
//! use pqmigrate::hash::HashSuite;
//! use pqmigrate::policy::MigrationPolicy;
//! use pqmigrate::sig::{SigAlg, SigningKey};
//!
//! let key = SigningKey::from_seed(SigAlg::MlDsa44Secp256k1, &[1; 32]).unwrap();
//! let txs = (0..3u8)
//!     .map(|i| {
//!         let payload = vec![i; 100];
//!         let sig = key.sign_deterministic(&payload, b"chain-1").unwrap();
//!         Transaction::new(payload, key.public_key().clone(), sig).unwrap()
//!     })
//!     .collect();
//! let bytes = Block::new(7, txs).to_bytes();
//! let policy = MigrationPolicy::default();
//! let root = validate(&bytes, &policy, b"chain-1", &HashSuite::SHA3).unwrap();
//! assert_eq!(root, Block::decode(&bytes).unwrap().merkle_root(&HashSuite::SHA3));
//! assert!(validate(&bytes, &policy, b"chain-2", &HashSuite::SHA3).is_err());
//! ```

use alloc::vec::Vec;

use crate::codec::{self, Reader};
use crate::error::Error;
use crate::hash::{self, Digest, HashSuite};
use crate::merkle;
use crate::policy::{MigrationPolicy, PolicyError, Subject};
use crate::sig::{self, PublicKey, SigAlg, Signature, SigningKey};

/// One transaction: a payload, the signer's public key and its signature over the
/// payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transaction {
    payload: Vec<u8>,
    public_key: PublicKey,
    signature: Signature,
}

impl Transaction {
    /// A transaction; the signature must be of the key's scheme
    /// ([`Error::AlgorithmMismatch`] otherwise).
    pub fn new(
        payload: Vec<u8>,
        public_key: PublicKey,
        signature: Signature,
    ) -> Result<Self, Error> {
        if signature.alg() != public_key.alg() {
            return Err(Error::AlgorithmMismatch {
                expected: public_key.alg().name(),
                got: signature.alg().name(),
            });
        }
        Ok(Self {
            payload,
            public_key,
            signature,
        })
    }

    /// The payload the signature covers.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The signer's key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    /// The signature.
    pub fn signature(&self) -> &Signature {
        &self.signature
    }

    /// `bytes(payload) ‖ bytes(public key) ‖ bytes(signature)`.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put_bytes(&mut out, &self.payload);
        codec::put_bytes(&mut out, &self.public_key.to_bytes());
        codec::put_bytes(&mut out, &self.signature.to_bytes());
        out
    }

    /// Decodes a transaction strictly: minimal lengths, a valid public key, a signature
    /// of the key's scheme that parses strictly, no trailing bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let payload = take_bytes(&mut r, "transaction payload")?.to_vec();
        let public_key = PublicKey::from_bytes(take_bytes(&mut r, "transaction public key")?)?;
        let signature = Signature::from_bytes_for(
            public_key.alg(),
            take_bytes(&mut r, "transaction signature")?,
        )?;
        r.finish("transaction")?;
        Ok(Self {
            payload,
            public_key,
            signature,
        })
    }
}

/// `varint(len) ‖ bytes`, read strictly.
fn take_bytes<'a>(r: &mut Reader<'a>, what: &'static str) -> Result<&'a [u8], Error> {
    let len = r.varint_usize(what)?;
    r.take(len, what)
}

/// A block: a height and its transactions, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    height: u64,
    transactions: Vec<Transaction>,
}

/// Why a block was refused, and at which transaction.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BlockError {
    /// The block's own framing is malformed (height, count, a transaction's length).
    #[error("block: {0}")]
    Framing(Error),
    /// A transaction does not decode.
    #[error("transaction {index}: {error}")]
    Transaction {
        /// Its position in the block.
        index: usize,
        /// What was wrong.
        error: Error,
    },
    /// The block's hash suite is not accepted at its height.
    #[error("hash suite: {0}")]
    Suite(PolicyError),
    /// A transaction's signature scheme is not accepted at the block's height.
    #[error("transaction {index}: {error}")]
    Policy {
        /// Its position in the block.
        index: usize,
        /// The policy's answer.
        error: PolicyError,
    },
    /// A signature does not verify (the first such transaction).
    #[error("transaction {index}: signature does not verify")]
    Signature {
        /// Its position in the block.
        index: usize,
    },
}

impl Block {
    /// A block at `height`.
    pub fn new(height: u64, transactions: Vec<Transaction>) -> Self {
        Self {
            height,
            transactions,
        }
    }

    /// The height.
    pub fn height(&self) -> u64 {
        self.height
    }

    /// The transactions, in order.
    pub fn transactions(&self) -> &[Transaction] {
        &self.transactions
    }

    /// The encoding (see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        codec::put_varint(&mut out, self.height);
        codec::put_varint(&mut out, self.transactions.len() as u64);
        for tx in &self.transactions {
            codec::put_bytes(&mut out, &tx.to_bytes());
        }
        out
    }

    /// Stage 1: decodes a block strictly. Memory is bounded by the input: the count is
    /// never trusted for an allocation beyond one slot per remaining byte.
    pub fn decode(bytes: &[u8]) -> Result<Self, BlockError> {
        let mut r = Reader::new(bytes);
        let height = r.varint("block height").map_err(BlockError::Framing)?;
        codec::check_encodable("block height", height).map_err(BlockError::Framing)?;
        let count = r
            .varint_usize("transaction count")
            .map_err(BlockError::Framing)?;
        let mut transactions = Vec::with_capacity(count.min(r.remaining().len()));
        for index in 0..count {
            let tx = take_bytes(&mut r, "transaction").map_err(BlockError::Framing)?;
            let tx = Transaction::from_bytes(tx)
                .map_err(|error| BlockError::Transaction { index, error })?;
            transactions.push(tx);
        }
        r.finish("block").map_err(BlockError::Framing)?;
        Ok(Self {
            height,
            transactions,
        })
    }

    /// Stage 2: the policy at the block's height accepts the hash suite and every
    /// transaction's signature scheme.
    pub fn check_policy(
        &self,
        policy: &MigrationPolicy,
        suite: &HashSuite,
    ) -> Result<(), BlockError> {
        policy
            .check(self.height, Subject::Suite(suite))
            .map_err(BlockError::Suite)?;
        for (index, tx) in self.transactions.iter().enumerate() {
            policy
                .check(self.height, Subject::Signature(tx.public_key.alg().id()))
                .map_err(|error| BlockError::Policy { index, error })?;
        }
        Ok(())
    }

    /// Stage 3: every signature verifies over its payload under `ctx`
    /// ([`sig::verify_batch`]: across cores with the `parallel` feature, each item
    /// exactly as single verification). Names the first transaction that fails.
    pub fn verify_signatures(&self, ctx: &[u8]) -> Result<(), BlockError> {
        let items: Vec<sig::BatchItem<'_>> = self
            .transactions
            .iter()
            .map(|tx| (&tx.public_key, tx.payload.as_slice(), &tx.signature))
            .collect();
        let verdict = sig::verify_batch(&items, ctx);
        match verdict.results().iter().position(Result::is_err) {
            Some(index) => Err(BlockError::Signature { index }),
            None => Ok(()),
        }
    }

    /// Stage 4: the RFC 9162 root (under `suite.merkle`) of the transaction ids (each
    /// `suite.tx_id` of the transaction's encoding; hashed in one multi-buffer batch).
    pub fn merkle_root(&self, suite: &HashSuite) -> Digest {
        let encoded: Vec<Vec<u8>> = self
            .transactions
            .iter()
            .map(Transaction::to_bytes)
            .collect();
        let inputs: Vec<&[u8]> = encoded.iter().map(Vec::as_slice).collect();
        let ids = hash::hash_many(suite.tx_id, &inputs);
        let leaves: Vec<&[u8]> = ids.iter().map(Digest::as_bytes).collect();
        merkle::root(suite.merkle, &leaves)
    }
}

/// Transactions per block under `advise`'s capacity model with keys in each
/// transaction: `block_bytes / (payload_len + public key + signature)` (framing bytes not
/// counted, as `advise` does not count them).
pub fn capacity(alg: SigAlg, block_bytes: usize, payload_len: usize) -> usize {
    let info = alg.info();
    block_bytes / (payload_len + info.public_key_len + info.signature_len)
}

/// A block of `count` transactions with `payload_len`-byte payloads, signed
/// deterministically under `ctx` by `signers` distinct keys of `alg` in turn (keys from
/// the seeds `[i; 32]`), as `benches/block.rs` and `pqmigrate bench` validate. Refuses
/// `signers == 0` or more than 256.
pub fn sample(
    alg: SigAlg,
    height: u64,
    count: usize,
    payload_len: usize,
    signers: usize,
    ctx: &[u8],
) -> Result<Block, Error> {
    if signers == 0 || signers > 256 {
        return Err(Error::OutOfRange {
            what: "sample block signers",
            index: signers as u64,
            bound: 257,
        });
    }
    let keys = (0..signers)
        .map(|i| SigningKey::from_seed(alg, &[i as u8; 32]))
        .collect::<Result<Vec<_>, _>>()?;
    let transactions = (0..count)
        .map(|i| {
            let key = &keys[i % signers];
            let mut payload = alloc::vec![0u8; payload_len];
            for (j, b) in payload.iter_mut().enumerate() {
                *b = (j as u8).wrapping_mul(31);
            }
            // Distinct payloads: the transaction's index leads.
            let index = (i as u64).to_le_bytes();
            let n = payload_len.min(8);
            payload[..n].copy_from_slice(&index[..n]);
            let sig = key.sign_deterministic(&payload, ctx)?;
            Transaction::new(payload, key.public_key().clone(), sig)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Block::new(height, transactions))
}

/// All four stages: decodes `bytes`, checks the policy at the block's height, verifies
/// every signature under `ctx` and returns the transactions' Merkle root. A block is
/// accepted whole or not at all.
pub fn validate(
    bytes: &[u8],
    policy: &MigrationPolicy,
    ctx: &[u8],
    suite: &HashSuite,
) -> Result<Digest, BlockError> {
    let block = Block::decode(bytes)?;
    block.check_policy(policy, suite)?;
    block.verify_signatures(ctx)?;
    Ok(block.merkle_root(suite))
}
