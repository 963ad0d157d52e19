//! 2-of-3 multisig verification next to its floor, two plain signature verifications of
//! the same scheme measured in the same run (the difference is the descriptor digest and
//! the framing; with `parallel` the two members verify on two cores).
//!
//! Run: `cargo bench --bench multisig`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pqmigrate::hash::HashSuite;
use pqmigrate::multisig::{Descriptor, MultisigSignature, PartialSignature};
use pqmigrate::sig::{SigAlg, SigningKey};

fn two_of_three(c: &mut Criterion) {
    let suite = HashSuite::SHA3;
    let msg = [7u8; 256];
    for alg in [SigAlg::MlDsa65Secp256k1, SigAlg::FnDsa512Secp256k1] {
        let keys: Vec<SigningKey> = (1..=3u8)
            .map(|i| SigningKey::from_seed(alg, &[i; 32]).unwrap())
            .collect();
        let d = Descriptor::new(2, keys.iter().map(|k| k.public_key().clone()).collect()).unwrap();
        let parts: Vec<PartialSignature> = keys[..2]
            .iter()
            .map(|k| PartialSignature::sign(&d, &suite, k, &msg, b"chain-1").unwrap())
            .collect();
        let sig = MultisigSignature::combine(&d, &parts).unwrap();
        eprintln!(
            "{alg}: descriptor {} bytes, 2-of-3 signature {} bytes",
            d.to_bytes().len(),
            sig.to_bytes().len()
        );
        let mut g = c.benchmark_group(format!("multisig/2-of-3/{alg}"));
        g.bench_function("verify", |b| {
            b.iter(|| d.verify(&suite, black_box(&msg), b"chain-1", &sig).unwrap())
        });
        let plain: Vec<_> = keys[..2]
            .iter()
            .map(|k| k.sign(&msg, b"chain-1").unwrap())
            .collect();
        g.bench_function("two plain verifies (floor)", |b| {
            b.iter(|| {
                for (k, s) in keys[..2].iter().zip(&plain) {
                    k.public_key()
                        .verify(black_box(&msg), b"chain-1", s)
                        .unwrap();
                }
            })
        });
        g.bench_function("sign partial", |b| {
            b.iter(|| {
                PartialSignature::sign(&d, &suite, &keys[0], black_box(&msg), b"chain-1").unwrap()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, two_of_three);
criterion_main!(benches);
