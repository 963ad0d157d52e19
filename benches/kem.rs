//! KEM benchmarks: keygen (from seed), encapsulation and decapsulation for ML-KEM-768,
//! ML-KEM-1024 and X-Wing, with comparator rows measured in the same run:
//! `pqcrypto-mlkem` (PQClean) and the crates.io `x-wing` crate (draft-06).
//!
//! Run: `cargo bench --bench kem` then `python3 benches/report.py kem`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pqmigrate::kem::{DecapsulationKey, KemAlg};

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
        let (ct, _) = ek.encapsulate().unwrap();
        g.bench_function("pqmigrate/decaps", |b| {
            b.iter(|| dk.decapsulate(black_box(&ct)).unwrap())
        });
        comparators(&mut g, alg);
        g.finish();
    }
}

fn comparators(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    alg: KemAlg,
) {
    macro_rules! pqclean {
        ($m:ident) => {{
            use pqcrypto_mlkem::$m as k;
            g.bench_function("pqcrypto/keygen", |b| b.iter(k::keypair));
            let (pk, sk) = k::keypair();
            g.bench_function("pqcrypto/encaps", |b| {
                b.iter(|| k::encapsulate(black_box(&pk)))
            });
            let (_, ct) = k::encapsulate(&pk);
            g.bench_function("pqcrypto/decaps", |b| {
                b.iter(|| k::decapsulate(black_box(&ct), &sk))
            });
        }};
    }
    match alg {
        KemAlg::MlKem768 => pqclean!(mlkem768),
        KemAlg::MlKem1024 => pqclean!(mlkem1024),
        KemAlg::XWing => {
            use x_wing::{Decapsulate, Decapsulator, Encapsulate};
            g.bench_function("x-wing-crate/keygen", |b| {
                b.iter(|| x_wing::DecapsulationKey::from(black_box([7u8; 32])))
            });
            let dk = x_wing::DecapsulationKey::from([7u8; 32]);
            let ek = dk.encapsulation_key().clone();
            g.bench_function("x-wing-crate/encaps", |b| {
                b.iter(|| black_box(&ek).encapsulate())
            });
            let (ct, _) = ek.encapsulate();
            g.bench_function("x-wing-crate/decaps", |b| {
                b.iter(|| dk.decapsulate(black_box(&ct)))
            });
        }
        _ => {}
    }
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
