#![no_main]
//! Differential: every multi-buffer Keccak kernel this CPU runs, the portable path and
//! the sha3 crate agree on every input batch.
use libfuzzer_sys::fuzz_target;
use pqmigrate::hash::hash_many_on;
use pqmigrate::hash::simd::Platform;
use pqmigrate::hash::{Digest, HashAlg};
use sha3::Digest as _;

fuzz_target!(|inputs: Vec<Vec<u8>>| {
    let inputs: Vec<&[u8]> = inputs.iter().take(40).map(Vec::as_slice).collect();
    for alg in [HashAlg::Sha3_256, HashAlg::Sha3_512, HashAlg::Keccak256] {
        let reference: Vec<Vec<u8>> = inputs
            .iter()
            .map(|m| match alg {
                HashAlg::Sha3_256 => sha3::Sha3_256::digest(m).to_vec(),
                HashAlg::Sha3_512 => sha3::Sha3_512::digest(m).to_vec(),
                _ => sha3::Keccak256::digest(m).to_vec(),
            })
            .collect();
        for platform in Platform::ALL.into_iter().filter(|p| p.is_supported()) {
            let mut out = vec![Digest::zero(alg); inputs.len()];
            hash_many_on(platform, alg, &inputs, &mut out).unwrap();
            for (d, r) in out.iter().zip(&reference) {
                assert_eq!(d.as_bytes(), &r[..], "{alg} on {platform:?}");
            }
        }
    }
});
