//! One-shot hashing per family (`hash::hash`) at transaction, block-header and block
//! sizes, with the plain crates called directly in the same run as comparators.
//!
//! Run: `cargo bench --bench hash` then `python3 benches/report.py hash`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pqmigrate::hash::{HashAlg, hash};
use sha2::Digest as _;

fn families(c: &mut Criterion) {
    for size in [64usize, 1024, 1 << 20] {
        let data: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
        let mut g = c.benchmark_group(format!("hash/{size}"));
        g.throughput(Throughput::Bytes(size as u64));
        for alg in HashAlg::ALL {
            g.bench_function(alg.name(), |b| b.iter(|| hash(alg, black_box(&data))));
        }
        g.bench_function("crate/sha2-256", |b| {
            b.iter(|| sha2::Sha256::digest(black_box(&data)))
        });
        g.bench_function("crate/sha3-256", |b| {
            b.iter(|| sha3::Sha3_256::digest(black_box(&data)))
        });
        g.bench_function("crate/blake3", |b| {
            b.iter(|| blake3::hash(black_box(&data)))
        });
        g.bench_function("crate/sha1 (no detection)", |b| {
            b.iter(|| sha1::Sha1::digest(black_box(&data)))
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(20);
    targets = families
}
criterion_main!(benches);
