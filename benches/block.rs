//! Block validation the way a node runs it (`pqmigrate::block`): a 1 MB block of
//! today's 250-byte transactions (153 payload bytes plus each scheme's key and
//! signature; the transaction count is `advise`'s capacity, `block::capacity`), for
//! the recommended hybrid, the FN-DSA-512 hybrid and secp256k1 alone. Each stage is
//! timed on its own, then the whole `block::validate`:
//!
//! - `decode`: strict decoding of every transaction (keys and signatures parsed);
//! - `policy`: the `MigrationPolicy` at the block's height, for the suite and each tx;
//! - `verify`: every signature, across all cores (`verify_batch`);
//! - `verify-1-core`: the same signatures one after another (the batch's efficiency);
//! - `merkle`: SHA3-256 tx ids (multi-buffer) and their RFC 9162 root;
//! - `validate`: all four on the block's bytes.
//!
//! Run: `cargo bench --bench block` then `python3 benches/report.py block`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pqmigrate::block::{self, Block};
use pqmigrate::hash::HashSuite;
use pqmigrate::policy::MigrationPolicy;
use pqmigrate::sig::SigAlg;

/// advise's defaults: 1 MB blocks, today's 250-byte secp256k1 transaction.
const BLOCK_BYTES: usize = 1_000_000;
const PAYLOAD: usize = 250 - 33 - 64;
const CTX: &[u8] = b"chain-1";
const SUITE: HashSuite = HashSuite::SHA3;
/// Distinct signers per block (keys cycle; verification cost does not depend on reuse).
const SIGNERS: usize = 64;

fn blocks(c: &mut Criterion) {
    let policy = MigrationPolicy::default();
    for alg in [
        SigAlg::MlDsa65Secp256k1,
        SigAlg::FnDsa512Secp256k1,
        SigAlg::Secp256k1,
    ] {
        // Plain secp256k1 signs without a context string.
        let ctx: &[u8] = if alg == SigAlg::Secp256k1 { b"" } else { CTX };
        let n = block::capacity(alg, BLOCK_BYTES, PAYLOAD);
        let b = block::sample(alg, 100, n, PAYLOAD, SIGNERS, ctx).unwrap();
        let bytes = b.to_bytes();
        let decoded = Block::decode(&bytes).unwrap();
        let mut g = c.benchmark_group(format!("block/{alg}"));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function("decode", |x| {
            x.iter(|| Block::decode(black_box(&bytes)).unwrap())
        });
        g.bench_function("policy", |x| {
            x.iter(|| black_box(&decoded).check_policy(&policy, &SUITE).unwrap())
        });
        g.bench_function("verify", |x| {
            x.iter(|| black_box(&decoded).verify_signatures(ctx).unwrap())
        });
        g.bench_function("verify-1-core", |x| {
            x.iter(|| {
                for tx in black_box(&decoded).transactions() {
                    tx.public_key()
                        .verify(tx.payload(), ctx, tx.signature())
                        .unwrap();
                }
            })
        });
        g.bench_function("merkle", |x| {
            x.iter(|| black_box(&decoded).merkle_root(&SUITE))
        });
        g.bench_function("validate", |x| {
            x.iter(|| block::validate(black_box(&bytes), &policy, ctx, &SUITE).unwrap())
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(10);
    targets = blocks
}
criterion_main!(benches);
