//! What opening an encrypted key file costs: one passphrase guess against a stolen
//! `PREFIX.key` costs an attacker at least this (per core), so SECURITY.md quotes these
//! rows. The unencrypted row shows that the KDF is the whole cost.
//!
//! Run: `cargo bench --bench keyfile`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use pqmigrate::formats::{self, AnyPrivateKey, Kdf};
use pqmigrate::sig::{SigAlg, SigningKey};

fn open(c: &mut Criterion) {
    let key = AnyPrivateKey::Signing(SigningKey::from_seed(SigAlg::MlDsa65, &[7; 32]).unwrap());
    let pass = b"correct horse battery staple";
    let mut g = c.benchmark_group("keyfile/open");
    g.sample_size(10);
    let plain = formats::encode_private(&key, None, true).unwrap();
    g.bench_function("unencrypted", |b| {
        b.iter(|| formats::decode_private(black_box(&plain), None).unwrap())
    });
    for kdf in [
        Kdf::DEFAULT,
        Kdf::Scrypt {
            log_n: 14,
            r: 8,
            p: 1,
        },
        Kdf::Pbkdf2Sha256 {
            iterations: 600_000,
        },
    ] {
        let file = formats::encode_private(&key, Some((pass, kdf)), true).unwrap();
        g.bench_function(kdf.to_string(), |b| {
            b.iter(|| formats::decode_private(black_box(&file), Some(pass)).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, open);
criterion_main!(benches);
