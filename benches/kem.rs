//! KEM benchmarks: keygen (from seed), encapsulation and decapsulation for ML-KEM-768,
//! ML-KEM-1024 and X-Wing, with maintained comparators measured in the same run —
//! AWS-LC through `aws-lc-rs` (its ML-KEM is mlkem-native) and RustCrypto `ml-kem` for
//! ML-KEM, the crates.io `x-wing` crate (draft-06) for X-Wing — and X-Wing's parts
//! called directly (ML-KEM-768, the X25519 operations, the SHA3-256 combiner), so that
//! X-Wing can be compared with the sum of its parts.
//!
//! Run: `cargo bench --bench kem` then `python3 benches/report.py kem`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use pqmigrate::kem::{DecapsulationKey, KemAlg};
use sha3::Digest as _;

/// RustCrypto `ml-kem` from the same 64-byte seed; its encapsulation key, ciphertext
/// and shared secret must equal ours (checked before timing).
macro_rules! rustcrypto {
    ($g:expr, $ours:expr, $P:ty) => {{
        use ml_kem::kem::{Decapsulate, KeyExport};
        let g: &mut BenchmarkGroup<'_, WallTime> = $g;
        let ours: &DecapsulationKey = $ours;
        let seed = ml_kem::Seed::from([7u8; 64]);
        g.bench_function("rustcrypto/keygen", |b| {
            b.iter(|| ml_kem::DecapsulationKey::<$P>::from_seed(black_box(seed)))
        });
        let dk = ml_kem::DecapsulationKey::<$P>::from_seed(seed);
        let ek = dk.encapsulation_key().clone();
        assert_eq!(
            ek.to_bytes().as_slice(),
            ours.encapsulation_key().payload(),
            "same seed, same key"
        );
        let m = ml_kem::B32::from([3u8; 32]);
        let (ct, ss) = ek.encapsulate_deterministic(&m);
        let (our_ct, our_ss) = ours
            .encapsulation_key()
            .encapsulate_derand(&[3u8; 32])
            .unwrap();
        assert_eq!(ct.as_slice(), our_ct.payload(), "same m, same ciphertext");
        assert_eq!(ss.as_slice(), our_ss.as_bytes());
        g.bench_function("rustcrypto/encaps-derand", |b| {
            b.iter(|| ek.encapsulate_deterministic(black_box(&m)))
        });
        g.bench_function("rustcrypto/decaps", |b| {
            b.iter(|| dk.decapsulate(black_box(&ct)))
        });
    }};
}

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
        match alg {
            KemAlg::MlKem768 => {
                rustcrypto!(&mut g, &dk, ml_kem::MlKem768);
                aws_lc(&mut g, &aws_lc_rs::kem::ML_KEM_768);
            }
            KemAlg::MlKem1024 => {
                rustcrypto!(&mut g, &dk, ml_kem::MlKem1024);
                aws_lc(&mut g, &aws_lc_rs::kem::ML_KEM_1024);
            }
            KemAlg::XWing => {
                xwing_crate(&mut g);
                xwing_parts(&mut g);
            }
            _ => {}
        }
        g.finish();
    }
}

/// AWS-LC (`aws-lc-rs`): fresh keys (its API has no seed input for ML-KEM), OS
/// randomness for encapsulation.
fn aws_lc(
    g: &mut BenchmarkGroup<'_, WallTime>,
    alg: &'static aws_lc_rs::kem::Algorithm<aws_lc_rs::kem::AlgorithmId>,
) {
    use aws_lc_rs::kem::DecapsulationKey;
    g.bench_function("aws-lc/keygen", |b| {
        b.iter(|| DecapsulationKey::generate(black_box(alg)).unwrap())
    });
    let dk = DecapsulationKey::generate(alg).unwrap();
    let ek = dk.encapsulation_key().unwrap();
    g.bench_function("aws-lc/encaps", |b| {
        b.iter(|| black_box(&ek).encapsulate().unwrap())
    });
    let (ct, ss) = ek.encapsulate().unwrap();
    assert_eq!(
        dk.decapsulate(ct.as_ref().into()).unwrap().as_ref(),
        ss.as_ref()
    );
    g.bench_function("aws-lc/decaps", |b| {
        b.iter(|| dk.decapsulate(black_box(ct.as_ref()).into()).unwrap())
    });
}

fn xwing_crate(g: &mut BenchmarkGroup<'_, WallTime>) {
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
