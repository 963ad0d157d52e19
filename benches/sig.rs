//! Signature benchmarks: keygen/sign/verify for every algorithm, each composite's
//! components called directly in the same run, and every backend side by side: ML-DSA
//! through libcrux (default) and RustCrypto `ml-dsa` (feature); ECDSA secp256k1 through
//! libsecp256k1 (default) and `k256`. Peer implementations (AWS-LC) are timed in
//! `peers/`, a workspace of its own, so that tests never build them.
//!
//! Run: `cargo bench --bench sig --features rustcrypto-mldsa`
//! then `python3 benches/report.py sig` for the BENCHMARKS.md table.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pqmigrate::sig::mldsa::{Libcrux, MlDsaBackend, MlDsaLevel};
use pqmigrate::sig::{SigAlg, SigningKey, secp256k1 as ecdsa};

const MSG: &[u8] = &[0x5a; 256]; // a typical transaction
const CTX: &[u8] = b"chain-1";

fn algorithms(c: &mut Criterion) {
    for alg in SigAlg::ALL.into_iter().filter(|a| a.is_available()) {
        let ctx: &[u8] = if alg == SigAlg::Secp256k1 { b"" } else { CTX };
        let mut g = c.benchmark_group(format!("sig/{alg}"));
        if alg.info().signature_len > 5000 {
            // SLH-DSA signs in tens to hundreds of milliseconds.
            g.sample_size(10);
        }
        g.bench_function("keygen", |b| {
            b.iter(|| SigningKey::from_seed(alg, black_box(&[7; 32])).unwrap())
        });
        let sk = SigningKey::from_seed(alg, &[7; 32]).unwrap();
        g.bench_function("sign", |b| {
            b.iter(|| sk.sign_deterministic(black_box(MSG), ctx).unwrap())
        });
        let sig = sk.sign_deterministic(MSG, ctx).unwrap();
        let pk = sk.public_key();
        g.bench_function("verify", |b| {
            b.iter(|| pk.verify(black_box(MSG), ctx, &sig).unwrap())
        });

        if let Some(c) = alg.composite()
            && c.pq.name.starts_with("ml-dsa")
        {
            // The components, called directly on the same inputs (ML-DSA pairings).
            let m = c.message_representative(MSG, ctx).unwrap();
            let (pks, sigs) = (pk.components(), sig.components());
            let (pk_m, pk_t, sig_m, sig_t) = (pks[0].1, pks[1].1, sigs[0].1, sigs[1].1);
            g.bench_function("component/m_prime", |b| {
                b.iter(|| c.message_representative(black_box(MSG), ctx).unwrap())
            });
            g.bench_function("component/mldsa_verify", |b| {
                b.iter(|| {
                    assert!(Libcrux::verify(
                        level(c),
                        pk_m,
                        black_box(&m),
                        c.label.as_bytes(),
                        sig_m
                    ))
                })
            });
            if *c.classical == ecdsa::COMPONENT {
                g.bench_function("component/ecdsa_verify", |b| {
                    b.iter(|| assert!(ecdsa::verify(pk_t, black_box(&m), sig_t)))
                });
            }
        }
        g.finish();
    }
}

/// The ML-DSA parameter set of a composite's PQ half (by its NIST category).
fn level(c: &pqmigrate::sig::Composite) -> MlDsaLevel {
    match c.pq.pq_category {
        2 => MlDsaLevel::MlDsa44,
        3 => MlDsaLevel::MlDsa65,
        _ => MlDsaLevel::MlDsa87,
    }
}

fn mldsa_backends(c: &mut Criterion) {
    for level in [
        MlDsaLevel::MlDsa44,
        MlDsaLevel::MlDsa65,
        MlDsaLevel::MlDsa87,
    ] {
        let mut g = c.benchmark_group(format!("mldsa-backend/{}", level.category()));
        let (pk, sk) = Libcrux::keygen(level, &[3; 32]);
        let sig = Libcrux::sign(level, &sk, MSG, CTX, [0; 32]).unwrap();
        g.bench_function("libcrux/sign", |b| {
            b.iter(|| Libcrux::sign(level, &sk, black_box(MSG), CTX, [0; 32]).unwrap())
        });
        g.bench_function("libcrux/verify", |b| {
            b.iter(|| assert!(Libcrux::verify(level, &pk, black_box(MSG), CTX, &sig)))
        });
        #[cfg(feature = "rustcrypto-mldsa")]
        {
            use pqmigrate::sig::mldsa::RustCrypto;
            let (pk2, sk2) = RustCrypto::keygen(level, &[3; 32]);
            g.bench_function("rustcrypto/sign", |b| {
                b.iter(|| RustCrypto::sign(level, &sk2, black_box(MSG), CTX, [0; 32]).unwrap())
            });
            g.bench_function("rustcrypto/verify", |b| {
                b.iter(|| assert!(RustCrypto::verify(level, &pk2, black_box(MSG), CTX, &sig)))
            });
        }
        // The empty-context figure (the peers bench, peers/, times AWS-LC against it).
        let ours_empty = Libcrux::sign(level, &sk, MSG, b"", [0; 32]).unwrap();
        g.bench_function("libcrux/verify-empty-ctx", |b| {
            b.iter(|| {
                assert!(Libcrux::verify(
                    level,
                    &pk,
                    black_box(MSG),
                    b"",
                    &ours_empty
                ))
            })
        });
        g.finish();
    }
}

fn ecdsa_backends(c: &mut Criterion) {
    let mut g = c.benchmark_group("secp256k1-backend");
    let secret = [9u8; 32];
    let pk = ecdsa::public_key(&secret).unwrap();
    let hash = [1u8; 32];
    let sig = ecdsa::k256_backend::sign_prehash(&secret, &hash).unwrap();
    g.bench_function("k256/sign", |b| {
        b.iter(|| ecdsa::k256_backend::sign_prehash(&secret, black_box(&hash)).unwrap())
    });
    g.bench_function("k256/verify", |b| {
        b.iter(|| {
            assert!(ecdsa::k256_backend::verify_prehash(
                &pk,
                black_box(&hash),
                &sig
            ))
        })
    });
    #[cfg(feature = "libsecp256k1")]
    {
        g.bench_function("libsecp256k1/sign", |b| {
            b.iter(|| ecdsa::libsecp::sign_prehash(&secret, black_box(&hash)).unwrap())
        });
        g.bench_function("libsecp256k1/verify", |b| {
            b.iter(|| assert!(ecdsa::libsecp::verify_prehash(&pk, black_box(&hash), &sig)))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = algorithms, mldsa_backends, ecdsa_backends
}
criterion_main!(benches);
