#![no_main]
//! Verification with arbitrary keys, messages, contexts and signatures never panics;
//! a real signature with any byte changed never verifies.
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey};

#[derive(Arbitrary, Debug)]
struct Input {
    alg: u8,
    pk: Vec<u8>,
    msg: Vec<u8>,
    ctx: Vec<u8>,
    sig: Vec<u8>,
    seed: [u8; 32],
    flip_at: u16,
    flip_with: u8,
}

fuzz_target!(|i: Input| {
    let algs: Vec<SigAlg> = SigAlg::ALL
        .into_iter()
        .filter(|a| a.is_available())
        .collect();
    let alg = algs[usize::from(i.alg) % algs.len()];
    // Arbitrary bytes as key and signature.
    if let (Ok(pk), Ok(sig)) = (
        PublicKey::from_parts(alg, &i.pk),
        Signature::from_parts(alg, &i.sig),
    ) {
        let _ = pk.verify(&i.msg, &i.ctx, &sig);
    }
    // A real signature, one byte changed.
    let ctx: &[u8] = if alg == SigAlg::Secp256k1 {
        b""
    } else {
        &i.ctx[..i.ctx.len().min(255)]
    };
    let sk = SigningKey::from_seed(alg, &i.seed).unwrap();
    let sig = sk.sign_deterministic(&i.msg, ctx).unwrap();
    assert!(sk.public_key().verify(&i.msg, ctx, &sig).is_ok());
    let mut bytes = sig.to_bytes();
    let at = usize::from(i.flip_at) % bytes.len();
    if i.flip_with != 0 {
        bytes[at] ^= i.flip_with;
        if let Ok(bad) = Signature::from_bytes(&bytes) {
            assert!(
                sk.public_key().verify(&i.msg, ctx, &bad).is_err(),
                "{alg}: modified signature (byte {at}) verified"
            );
        }
    }
});
