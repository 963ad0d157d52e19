//! RFC 9162 Merkle roots over 2^10, 2^16 and 2^20 32-byte leaves for every family
//! (levels hashed through `hash_many`), against a plain recursive `sha3` Keccak-256
//! implementation measured in the same run.
//!
//! Run: `cargo bench --bench merkle && python3 benches/report.py merkle`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pqmigrate::hash::HashAlg;
use pqmigrate::merkle;
use sha3::{Digest as _, Keccak256};

/// The straightforward RFC 9162 recursion on the `sha3` crate, one hash at a time.
fn plain_keccak_root(leaves: &[&[u8]]) -> [u8; 32] {
    match leaves.len() {
        0 => Keccak256::digest(b"").into(),
        1 => Keccak256::new()
            .chain_update([0u8])
            .chain_update(leaves[0])
            .finalize()
            .into(),
        n => {
            let k = 1 << (usize::BITS - 1 - (n - 1).leading_zeros());
            let (l, r) = (
                plain_keccak_root(&leaves[..k]),
                plain_keccak_root(&leaves[k..]),
            );
            Keccak256::new()
                .chain_update([1u8])
                .chain_update(l)
                .chain_update(r)
                .finalize()
                .into()
        }
    }
}

fn bench(c: &mut Criterion) {
    for log in [10u32, 16, 20] {
        let n = 1usize << log;
        let data: Vec<[u8; 32]> = (0..n)
            .map(|i| {
                (i as u64)
                    .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    .to_le_bytes()
                    .repeat(4)
                    .try_into()
                    .unwrap()
            })
            .collect();
        let leaves: Vec<&[u8]> = data.iter().map(|d| &d[..]).collect();
        let mut g = c.benchmark_group(format!("merkle/2^{log}"));
        if log == 20 {
            g.sample_size(10);
        }
        for alg in HashAlg::ALL.into_iter().filter(|a| !a.is_legacy()) {
            g.bench_function(alg.name(), |b| {
                b.iter(|| merkle::root(alg, black_box(&leaves)))
            });
        }
        g.bench_function("keccak-256 plain sha3 recursion", |b| {
            b.iter(|| plain_keccak_root(black_box(&leaves)))
        });
        assert_eq!(
            merkle::root(HashAlg::Keccak256, &leaves).as_bytes(),
            &plain_keccak_root(&leaves)[..]
        );
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .sample_size(10);
    targets = bench
}
criterion_main!(benches);
