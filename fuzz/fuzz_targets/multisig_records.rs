#![no_main]
//! Multisig records from untrusted bytes: descriptors, partial and multisig signatures
//! (against a fixed 2-of-3 wallet of mixed schemes) and rotations. Every input is a
//! typed error or decodes to a value that re-encodes to the same bytes (one encoding per
//! value); a decoded multisig signature has exactly m strictly increasing signers, and
//! verifying it never panics.
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pqmigrate::hash::HashSuite;
use pqmigrate::multisig::{Descriptor, MultisigSignature, PartialSignature, Rotation};
use pqmigrate::sig::{SigAlg, SigningKey};

fn wallet() -> &'static Descriptor {
    static W: OnceLock<Descriptor> = OnceLock::new();
    W.get_or_init(|| {
        let keys = [
            (SigAlg::Secp256k1, 1u8),
            (SigAlg::MlDsa44, 2),
            (SigAlg::MlDsa44Secp256k1, 3),
        ];
        let members = keys
            .iter()
            .map(|(a, s)| SigningKey::from_seed(*a, &[*s; 32]).unwrap().public_key().clone())
            .collect();
        Descriptor::new(2, members).unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let w = wallet();
    match selector % 4 {
        0 => {
            if let Ok(d) = Descriptor::from_bytes(rest) {
                assert_eq!(d.to_bytes(), rest);
                assert!(d.threshold() >= 1 && d.threshold() <= d.members().len());
            }
        }
        1 => {
            if let Ok(p) = PartialSignature::from_bytes(w, rest) {
                assert_eq!(p.to_bytes(), rest);
                let _ = p.verify(w, &HashSuite::SHA3, b"msg", b"");
            }
        }
        2 => {
            if let Ok(s) = MultisigSignature::from_bytes(w, rest) {
                assert_eq!(s.to_bytes(), rest);
                let signers = s.signers();
                assert_eq!(signers.len(), w.threshold());
                assert!(signers.windows(2).all(|p| p[0] < p[1]));
                let _ = w.verify_detailed(&HashSuite::SHA3, b"msg", b"", &s);
            }
        }
        _ => {
            if let Ok(r) = Rotation::from_bytes(rest) {
                assert_eq!(r.to_bytes(), rest);
                let _ = r.verify(&HashSuite::SHA3, r.chain_id());
            }
        }
    }
});
