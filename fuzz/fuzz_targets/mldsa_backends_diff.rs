#![no_main]
//! Differential: libcrux and RustCrypto ML-DSA agree on keys, deterministic signatures
//! and on every verification verdict, including for arbitrary (invalid) inputs.
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pqmigrate::sig::mldsa::{Libcrux, MlDsaBackend, MlDsaLevel, RustCrypto};

#[derive(Arbitrary, Debug)]
struct Input {
    level: u8,
    seed: [u8; 32],
    msg: Vec<u8>,
    ctx: Vec<u8>,
    pk: Vec<u8>,
    sig: Vec<u8>,
    flip_at: u16,
}

fuzz_target!(|i: Input| {
    let level = [
        MlDsaLevel::MlDsa44,
        MlDsaLevel::MlDsa65,
        MlDsaLevel::MlDsa87,
    ][usize::from(i.level) % 3];
    let ctx = &i.ctx[..i.ctx.len().min(255)];
    assert_eq!(
        Libcrux::verify(level, &i.pk, &i.msg, ctx, &i.sig),
        RustCrypto::verify(level, &i.pk, &i.msg, ctx, &i.sig)
    );
    let (pk_a, sk_a) = Libcrux::keygen(level, &i.seed);
    let (pk_b, sk_b) = RustCrypto::keygen(level, &i.seed);
    assert_eq!(pk_a, pk_b);
    let sig_a = Libcrux::sign(level, &sk_a, &i.msg, ctx, [0; 32]).unwrap();
    let sig_b = RustCrypto::sign(level, &sk_b, &i.msg, ctx, [0; 32]).unwrap();
    assert_eq!(sig_a, sig_b);
    let mut bad = sig_a.clone();
    let at = usize::from(i.flip_at) % bad.len();
    bad[at] ^= 1;
    for s in [&sig_a, &bad] {
        assert_eq!(
            Libcrux::verify(level, &pk_a, &i.msg, ctx, s),
            RustCrypto::verify(level, &pk_a, &i.msg, ctx, s)
        );
    }
});
