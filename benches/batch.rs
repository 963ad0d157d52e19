//! Batch verification: 256 signatures verified one after another vs `verify_batch`
//! (rayon across every core) in the same run.
//!
//! Run: `cargo bench --bench batch` then `python3 benches/report.py batch`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey, verify_all, verify_batch};

const N: usize = 256;
const CTX: &[u8] = b"chain-1";

fn batch(c: &mut Criterion) {
    for alg in [
        SigAlg::MlDsa65Secp256k1,
        SigAlg::MlDsa44Secp256k1,
        SigAlg::MlDsa65,
        SigAlg::Secp256k1,
    ] {
        let ctx: &[u8] = if alg == SigAlg::Secp256k1 { b"" } else { CTX };
        // 256 distinct signers and transactions, as in a block.
        let keys: Vec<SigningKey> = (0..N)
            .map(|i| SigningKey::from_seed(alg, &[i as u8; 32]).unwrap())
            .collect();
        let msgs: Vec<Vec<u8>> = (0..N).map(|i| vec![i as u8; 250]).collect();
        let sigs: Vec<Signature> = keys
            .iter()
            .zip(&msgs)
            .map(|(k, m)| k.sign_deterministic(m, ctx).unwrap())
            .collect();
        let items: Vec<(&PublicKey, &[u8], &Signature)> = keys
            .iter()
            .zip(&msgs)
            .zip(&sigs)
            .map(|((k, m), s)| (k.public_key(), m.as_slice(), s))
            .collect();

        let mut g = c.benchmark_group(format!("batch/{alg}"));
        g.throughput(Throughput::Elements(N as u64));
        g.bench_function("sequential", |b| {
            b.iter(|| {
                for &(pk, m, s) in black_box(&items) {
                    pk.verify(m, ctx, s).unwrap();
                }
            })
        });
        g.bench_function("verify_batch", |b| {
            b.iter(|| assert!(verify_batch(black_box(&items), ctx).all_valid()))
        });
        g.bench_function("verify_all", |b| {
            b.iter(|| verify_all(black_box(&items), ctx).unwrap())
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .sample_size(20);
    targets = batch
}
criterion_main!(benches);
