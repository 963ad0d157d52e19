//! Multi-buffer Keccak: per-hash time of 64-byte inputs in batches of 8, 64 and 4096,
//! for the `sha3` crate in a loop and for each of our platforms, in the same run.
//!
//! Run: `cargo bench --bench hash_many && python3 benches/report.py hash_many`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pqmigrate::hash::hash_many_on;
use pqmigrate::hash::simd::Platform;
use pqmigrate::hash::{Digest, HashAlg, hash};
use sha3::Digest as _;

fn bench(c: &mut Criterion) {
    for alg in [HashAlg::Keccak256, HashAlg::Sha3_256] {
        for batch in [8usize, 64, 4096] {
            let data: Vec<[u8; 64]> = (0..batch).map(|i| [i as u8; 64]).collect();
            let inputs: Vec<&[u8]> = data.iter().map(|d| &d[..]).collect();
            let mut out = vec![Digest::zero(alg); batch];
            // Sanity: the fast path agrees with the one-shot hash.
            pqmigrate::hash::hash_many_into(alg, &inputs, &mut out);
            assert_eq!(out[batch - 1], hash(alg, inputs[batch - 1]));
            let mut g = c.benchmark_group(format!("hash_many/{alg}/{batch}"));
            g.throughput(Throughput::Elements(batch as u64));
            g.bench_function("sha3-crate", |b| {
                b.iter(|| {
                    for (i, slot) in inputs.iter().zip(out.iter_mut()) {
                        let d: [u8; 32] = match alg {
                            HashAlg::Keccak256 => sha3::Keccak256::digest(black_box(i)).into(),
                            _ => sha3::Sha3_256::digest(black_box(i)).into(),
                        };
                        *slot = Digest::new(alg, &d).unwrap();
                    }
                })
            });
            for p in Platform::ALL.into_iter().filter(|p| p.is_supported()) {
                g.bench_function(p.name(), |b| {
                    b.iter(|| hash_many_on(p, alg, black_box(&inputs), &mut out).unwrap())
                });
            }
            g.finish();
        }
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .sample_size(20);
    targets = bench
}
criterion_main!(benches);
