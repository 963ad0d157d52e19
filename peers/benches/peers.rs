//! pqmigrate against peer implementations, each pair measured in the same run:
//! ML-DSA (libcrux, our default backend) against AWS-LC through `aws-lc-rs`, ML-KEM
//! against AWS-LC and RustCrypto `ml-kem`, and our X-Wing against the crates.io
//! `x-wing` crate. Before timing, each pair must agree as far as the peer's API allows:
//! ML-DSA from one seed gives one key and each side verifies the other's signature;
//! RustCrypto ML-KEM from one seed gives our key, ciphertext and secret; the `x-wing`
//! crate from one seed gives our key, and we decapsulate its ciphertext to its secret
//! (AWS-LC's ML-KEM takes no seed: it decapsulates its own ciphertext).
//!
//! Run: `cargo bench --manifest-path peers/Cargo.toml`
//! then `python3 benches/report.py peers` for the BENCHMARKS.md tables.

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use pqmigrate::kem::{DecapsulationKey, KemAlg};
use pqmigrate::sig::mldsa::{Libcrux, MlDsaBackend, MlDsaLevel};

const MSG: &[u8] = &[0x5a; 256]; // a typical transaction

/// ML-DSA: AWS-LC (mldsa-native) beside libcrux. `aws-lc-rs` signs and verifies with
/// an empty context only (no context parameter, no external mu), so libcrux runs with
/// an empty context here too.
fn mldsa(c: &mut Criterion) {
    use aws_lc_rs::signature::{self, KeyPair as _};
    for level in [
        MlDsaLevel::MlDsa44,
        MlDsaLevel::MlDsa65,
        MlDsaLevel::MlDsa87,
    ] {
        let mut g = c.benchmark_group(format!("mldsa-backend/{}", level.category()));
        let (pk, sk) = Libcrux::keygen(level, &[3; 32]);
        let (aws_sign, aws_verify) = match level {
            MlDsaLevel::MlDsa44 => (&signature::ML_DSA_44_SIGNING, &signature::ML_DSA_44),
            MlDsaLevel::MlDsa65 => (&signature::ML_DSA_65_SIGNING, &signature::ML_DSA_65),
            MlDsaLevel::MlDsa87 => (&signature::ML_DSA_87_SIGNING, &signature::ML_DSA_87),
        };
        let kp = signature::PqdsaKeyPair::from_seed(aws_sign, &[3; 32]).unwrap();
        assert_eq!(
            kp.public_key().as_ref(),
            pk.as_slice(),
            "same seed, same key"
        );
        let mut aws_sig = vec![0u8; aws_sign.signature_len()];
        kp.sign(MSG, &mut aws_sig).unwrap();
        let ours = Libcrux::sign(level, &sk, MSG, b"", [0; 32]).unwrap();
        assert!(Libcrux::verify(level, &pk, MSG, b"", &aws_sig));
        let aws_pk = signature::UnparsedPublicKey::new(aws_verify, &pk);
        aws_pk.verify(MSG, &ours).unwrap();

        g.bench_function("libcrux/sign", |b| {
            b.iter(|| Libcrux::sign(level, &sk, black_box(MSG), b"", [0; 32]).unwrap())
        });
        g.bench_function("libcrux/verify", |b| {
            b.iter(|| assert!(Libcrux::verify(level, &pk, black_box(MSG), b"", &ours)))
        });
        g.bench_function("aws-lc/sign", |b| {
            b.iter(|| kp.sign(black_box(MSG), &mut aws_sig).unwrap())
        });
        g.bench_function("aws-lc/verify", |b| {
            b.iter(|| aws_pk.verify(black_box(MSG), &ours).unwrap())
        });
        g.finish();
    }
}

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

fn kems(c: &mut Criterion) {
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
            KemAlg::XWing => xwing_crate(&mut g, &dk),
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

/// The crates.io `x-wing` (draft-06), from the same 32-byte seed as ours: same
/// encapsulation key, and ours decapsulates its ciphertext to its shared secret.
fn xwing_crate(g: &mut BenchmarkGroup<'_, WallTime>, ours: &DecapsulationKey) {
    use x_wing::{Decapsulate, Decapsulator, Encapsulate, KeyExport};
    let peer = x_wing::DecapsulationKey::from([7u8; 32]);
    assert_eq!(
        peer.encapsulation_key().to_bytes().as_slice(),
        ours.encapsulation_key().payload(),
        "same seed, same key"
    );
    let (peer_ct, peer_ss) = peer.encapsulation_key().encapsulate();
    let peer_ct =
        pqmigrate::kem::Ciphertext::from_parts(KemAlg::XWing, peer_ct.as_slice()).unwrap();
    assert_eq!(
        ours.decapsulate(&peer_ct).unwrap().as_bytes(),
        peer_ss.as_slice()
    );
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

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = mldsa, kems
}
criterion_main!(benches);
