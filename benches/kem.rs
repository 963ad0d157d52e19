//! KEM benchmarks: keygen (from seed), encapsulation and decapsulation for ML-KEM-768,
//! ML-KEM-1024 and X-Wing, and X-Wing's parts called directly in the same run (ML-KEM-768,
//! the X25519 operations, the SHA3-256 combiner), so that X-Wing can be compared with the
//! sum of its parts. Peer implementations (AWS-LC, RustCrypto `ml-kem`, the `x-wing`
//! crate) are timed in `peers/`, a workspace of its own, so that tests never build them.
//!
//! Run: `cargo bench --bench kem` then `python3 benches/report.py kem`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use pqmigrate::kem::{DecapsulationKey, KemAlg};
use sha3::Digest as _;

fn ours(c: &mut Criterion) {
    for alg in KemAlg::ALL {
        let mut g = c.benchmark_group(format!("kem/{alg}"));
        let seed = vec![7u8; alg.info().seed_len];
        g.bench_function("pqmigrate/keygen", |b| {
            b.iter(|| DecapsulationKey::from_seed(alg, black_box(&seed)).unwrap())
        });
        let dk = DecapsulationKey::from_seed(alg, &seed).unwrap();
        let ek = dk.encapsulation_key();
        g.bench_function("pqmigrate/encaps", |b| {
            b.iter(|| black_box(ek).encapsulate().unwrap())
        });
        let rnd = vec![3u8; alg.encaps_randomness_len()];
        g.bench_function("pqmigrate/encaps-derand", |b| {
            b.iter(|| ek.encapsulate_derand(black_box(&rnd)).unwrap())
        });
        let (ct, _) = ek.encapsulate().unwrap();
        g.bench_function("pqmigrate/decaps", |b| {
            b.iter(|| dk.decapsulate(black_box(&ct)).unwrap())
        });
        if alg == KemAlg::XWing {
            xwing_parts(&mut g);
        }
        g.finish();
    }
}

/// X-Wing's parts, each called directly: encapsulation is ML-KEM-768 encapsulation +
/// one X25519 key generation (the ephemeral `ct_X`) + one X25519 Diffie-Hellman + the
/// combiner; decapsulation is ML-KEM-768 decapsulation + one Diffie-Hellman + the
/// combiner.
fn xwing_parts(g: &mut BenchmarkGroup<'_, WallTime>) {
    let dk = DecapsulationKey::from_seed(KemAlg::MlKem768, &[7u8; 64]).unwrap();
    let ek = dk.encapsulation_key();
    g.bench_function("parts/mlkem768-encaps-derand", |b| {
        b.iter(|| ek.encapsulate_derand(black_box(&[3u8; 32])).unwrap())
    });
    let (ct, _) = ek.encapsulate_derand(&[3u8; 32]).unwrap();
    g.bench_function("parts/mlkem768-decaps", |b| {
        b.iter(|| dk.decapsulate(black_box(&ct)).unwrap())
    });
    let k = [5u8; 32];
    g.bench_function("parts/x25519-keygen", |b| {
        b.iter(|| {
            let s = x25519_dalek::StaticSecret::from(black_box(k));
            x25519_dalek::PublicKey::from(&s).to_bytes()
        })
    });
    let peer = x25519_dalek::PublicKey::from(&x25519_dalek::StaticSecret::from([6u8; 32]));
    g.bench_function("parts/x25519-dh", |b| {
        b.iter(|| x25519_dalek::x25519(black_box(k), peer.to_bytes()))
    });
    g.bench_function("parts/combiner", |b| {
        b.iter(|| {
            sha3::Sha3_256::new()
                .chain_update(black_box([1u8; 32]))
                .chain_update([2u8; 32])
                .chain_update([3u8; 32])
                .chain_update([4u8; 32])
                .chain_update(pqmigrate::kem::xwing::LABEL)
                .finalize()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = ours
}
criterion_main!(benches);
