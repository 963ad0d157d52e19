#![no_main]
//! FN-DSA and SLH-DSA (alone and in composites): one byte string per signature. Any
//! edit of a real signature is refused at parse time or fails to verify; arbitrary
//! bytes parsed as a signature re-encode identically and never verify for the fixed
//! key and message (that would be a forgery).
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey};

const ALGS: [SigAlg; 5] = [
    SigAlg::FnDsa512,
    SigAlg::FnDsa1024,
    SigAlg::FnDsa512Secp256k1,
    SigAlg::SlhDsaSha2_128f,
    SigAlg::SlhDsaSha2_128sSecp256k1,
];
const MSG: &[u8] = b"fuzz: transfer 1 coin";
const CTX: &[u8] = b"chain-1";

/// One key and one deterministic signature per algorithm, made once.
fn fixtures() -> &'static [(PublicKey, Signature)] {
    static F: OnceLock<Vec<(PublicKey, Signature)>> = OnceLock::new();
    F.get_or_init(|| {
        ALGS.iter()
            .map(|&alg| {
                let sk = SigningKey::from_seed(alg, &[0x42; 32]).unwrap();
                let sig = sk.sign_deterministic(MSG, CTX).unwrap();
                (sk.public_key().clone(), sig)
            })
            .collect()
    })
}

#[derive(Arbitrary, Debug)]
struct Input {
    alg: u8,
    edits: Vec<(u16, u8)>,
    raw: Vec<u8>,
}

fuzz_target!(|i: Input| {
    let k = usize::from(i.alg) % ALGS.len();
    let (alg, (pk, sig)) = (ALGS[k], &fixtures()[k]);
    let real = sig.payload();
    let mut bytes = real.to_vec();
    for (at, x) in i.edits.iter().take(16) {
        let at = usize::from(*at) % bytes.len();
        bytes[at] ^= x;
    }
    if bytes != real
        && let Ok(edited) = Signature::from_parts(alg, &bytes)
    {
        assert!(pk.verify(MSG, CTX, &edited).is_err(), "{alg}: an edited signature verified");
    }
    if let Ok(parsed) = Signature::from_parts(alg, &i.raw) {
        assert_eq!(parsed.payload(), &i.raw[..]);
        if i.raw != real {
            assert!(pk.verify(MSG, CTX, &parsed).is_err(), "{alg}: forgery");
        }
    }
});
