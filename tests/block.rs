//! The reference block (`pqmigrate::block`): strict decoding, the policy at the block's
//! height, all-or-nothing verification, and the transactions' Merkle root checked
//! against an independent RFC 9162 computation with the `sha3` crate.

use pqmigrate::Error;
use pqmigrate::block::{self, Block, BlockError, Transaction, validate};
use pqmigrate::hash::HashSuite;
use pqmigrate::policy::MigrationPolicy;
use pqmigrate::sig::{SigAlg, SigningKey};
use proptest::prelude::*;
use sha3::{Digest as _, Sha3_256};

const CTX: &[u8] = b"chain-1";
const SUITE: HashSuite = HashSuite::SHA3;

fn policy() -> MigrationPolicy {
    MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML).unwrap()
}

/// Independent RFC 9162 MTH over SHA3-256 (recursive, as the RFC states it).
fn mth(leaves: &[Vec<u8>]) -> [u8; 32] {
    match leaves.len() {
        0 => Sha3_256::digest(b"").into(),
        1 => Sha3_256::new()
            .chain_update([0u8])
            .chain_update(&leaves[0])
            .finalize()
            .into(),
        n => {
            let k = n.next_power_of_two() / 2;
            Sha3_256::new()
                .chain_update([1u8])
                .chain_update(mth(&leaves[..k]))
                .chain_update(mth(&leaves[k..]))
                .finalize()
                .into()
        }
    }
}

fn varint(mut v: u64, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn bytes(x: &[u8], out: &mut Vec<u8>) {
    varint(x.len() as u64, out);
    out.extend_from_slice(x);
}

/// Plain secp256k1 has no context string.
fn ctx(alg: SigAlg) -> &'static [u8] {
    if alg == SigAlg::Secp256k1 { b"" } else { CTX }
}

/// `n` transactions encoded by hand from their parts (independent of `Block::to_bytes`).
fn hand_block(alg: SigAlg, height: u64, n: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    let key = SigningKey::from_seed(alg, &[9; 32]).unwrap();
    let mut txs = Vec::new();
    for i in 0..n {
        let payload = format!("transfer {i} coins").into_bytes();
        let sig = key.sign_deterministic(&payload, ctx(alg)).unwrap();
        let mut tx = Vec::new();
        bytes(&payload, &mut tx);
        bytes(&key.public_key().to_bytes(), &mut tx);
        bytes(&sig.to_bytes(), &mut tx);
        txs.push(tx);
    }
    let mut block = Vec::new();
    varint(height, &mut block);
    varint(n as u64, &mut block);
    for tx in &txs {
        bytes(tx, &mut block);
    }
    (block, txs)
}

#[test]
fn block_root_is_rfc9162_over_sha3_tx_ids() {
    for n in [1, 2, 3, 7, 8, 13] {
        let (bytes, txs) = hand_block(SigAlg::MlDsa44Secp256k1, 20_000, n);
        let root = validate(&bytes, &policy(), CTX, &SUITE).unwrap();
        let ids: Vec<Vec<u8>> = txs.iter().map(|t| Sha3_256::digest(t).to_vec()).collect();
        assert_eq!(root.as_bytes(), mth(&ids), "{n} transactions");
        // Decoding is canonical: the block re-encodes to the same bytes.
        assert_eq!(Block::decode(&bytes).unwrap().to_bytes(), bytes);
    }
}

#[test]
fn block_framing_is_strict() {
    let (good, _) = hand_block(SigAlg::MlDsa44Secp256k1, 5, 2);
    let decode = |b: &[u8]| Block::decode(b).unwrap_err();
    // Trailing byte after the last transaction.
    let mut trailing = good.clone();
    trailing.push(0);
    assert!(matches!(
        decode(&trailing),
        BlockError::Framing(Error::TrailingBytes { .. })
    ));
    // Non-minimal height varint (5 as 0x85 0x00).
    let mut non_minimal = vec![0x85, 0x00];
    non_minimal.extend_from_slice(&good[1..]);
    assert!(matches!(
        decode(&non_minimal),
        BlockError::Framing(Error::NonMinimalVarint { .. })
    ));
    // One transaction fewer than the count says.
    let (one, _) = hand_block(SigAlg::MlDsa44Secp256k1, 5, 1);
    let mut short = one.clone();
    short[1] = 2;
    assert!(matches!(
        decode(&short),
        BlockError::Framing(Error::Truncated { .. })
    ));
    // Every truncation is refused, none panics.
    for cut in 0..good.len() {
        assert!(Block::decode(&good[..cut]).is_err(), "cut at {cut}");
    }
}

#[test]
fn block_transaction_errors_name_the_transaction() {
    let key = SigningKey::from_seed(SigAlg::MlDsa44Secp256k1, &[1; 32]).unwrap();
    let other = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[1; 32]).unwrap();
    let sig = other.sign_deterministic(b"p", CTX).unwrap();
    // A signature of another scheme than the key's is refused when building...
    assert!(matches!(
        Transaction::new(b"p".to_vec(), key.public_key().clone(), sig.clone()),
        Err(Error::AlgorithmMismatch { .. })
    ));
    // ...and when decoding, at its index.
    let good = key.sign_deterministic(b"p", CTX).unwrap();
    let mut block = vec![0, 2];
    for s in [&good, &sig] {
        let mut tx = Vec::new();
        bytes(b"p", &mut tx);
        bytes(&key.public_key().to_bytes(), &mut tx);
        bytes(&s.to_bytes(), &mut tx);
        bytes(&tx, &mut block);
    }
    assert!(matches!(
        Block::decode(&block),
        Err(BlockError::Transaction {
            index: 1,
            error: Error::AlgorithmMismatch { .. }
        })
    ));
}

#[test]
fn block_huge_count_is_refused_without_allocating_it() {
    // count = 2^62 with no transactions behind it.
    let mut b = vec![1];
    varint(1 << 62, &mut b);
    assert!(matches!(
        Block::decode(&b),
        Err(BlockError::Framing(Error::Truncated { .. }))
    ));
}

#[test]
fn block_policy_refuses_a_sunset_scheme_and_a_retired_suite() {
    let (bytes, _) = hand_block(SigAlg::Secp256k1, 20_000, 3);
    assert!(matches!(
        validate(&bytes, &policy(), b"", &SUITE),
        Err(BlockError::Policy { index: 0, .. })
    ));
    // The same block at height 500 (classical accepted; Keccak-256 roots still current)
    // is accepted, and refused with a SHA3 suite whose Merkle family starts at 2000.
    let (early, _) = hand_block(SigAlg::Secp256k1, 500, 3);
    validate(&early, &policy(), b"", &HashSuite::KECCAK).unwrap();
    assert!(matches!(
        validate(&early, &policy(), b"", &SUITE),
        Err(BlockError::Suite(_))
    ));
    // Keccak-256 Merkle roots are retired at 2000 in the example policy.
    let (late, _) = hand_block(SigAlg::MlDsa44Secp256k1, 20_000, 1);
    assert!(matches!(
        validate(&late, &policy(), CTX, &HashSuite::KECCAK),
        Err(BlockError::Suite(_))
    ));
}

#[test]
fn block_one_bad_signature_refuses_the_whole_block() {
    let good = block::sample(SigAlg::MlDsa44Secp256k1, 20_000, 8, 100, 3, CTX).unwrap();
    validate(&good.to_bytes(), &policy(), CTX, &SUITE).unwrap();
    // Transaction 5's payload changed after signing.
    let mut txs = good.transactions().to_vec();
    let t = &txs[5];
    let mut payload = t.payload().to_vec();
    payload[50] ^= 1;
    txs[5] = Transaction::new(payload, t.public_key().clone(), t.signature().clone()).unwrap();
    let bad = Block::new(20_000, txs).to_bytes();
    assert_eq!(
        validate(&bad, &policy(), CTX, &SUITE),
        Err(BlockError::Signature { index: 5 })
    );
    // Signatures bind the chain's context string.
    assert_eq!(
        validate(&good.to_bytes(), &policy(), b"chain-2", &SUITE),
        Err(BlockError::Signature { index: 0 })
    );
}

#[test]
fn block_capacity_matches_advise_model() {
    // 1 MB blocks, today's 250-byte transaction: 153 payload bytes + 33 + 64.
    assert_eq!(block::capacity(SigAlg::Secp256k1, 1_000_000, 153), 4_000);
    // ML-DSA-65 hybrid: 1 985-byte key (1 952 + 33), 3 373-byte signature (3 309 + 64):
    // 10^6 / 5 511 = 181 (BENCHMARKS.md's advise table).
    assert_eq!(
        block::capacity(SigAlg::MlDsa65Secp256k1, 1_000_000, 153),
        181
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn block_decode_never_panics(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = Block::decode(&data);
    }

    #[test]
    fn block_byte_flips_never_validate(pos in 0usize..4000, bit in 0u8..8) {
        let (bytes, _) = hand_block(SigAlg::MlDsa44Secp256k1, 20_000, 1);
        let mut b = bytes.clone();
        let pos = pos % b.len();
        b[pos] ^= 1 << bit;
        // Any change is refused somewhere, or (a height change alone) still validates
        // the same transactions: never a different accepted set.
        if let Ok(root) = validate(&b, &policy(), CTX, &SUITE) {
            let original = validate(&bytes, &policy(), CTX, &SUITE).unwrap();
            prop_assert_eq!(root, original);
            prop_assert!(pos < 3, "only the height may change, flipped byte {}", pos);
        }
    }
}
