#![no_main]
//! KEM key and ciphertext envelopes; a decoded ciphertext always decapsulates.
use libfuzzer_sys::fuzz_target;
use pqmigrate::kem::{Ciphertext, DecapsulationKey, EncapsulationKey, KemAlg};

fuzz_target!(|data: &[u8]| {
    if let Ok(ek) = EncapsulationKey::from_bytes(data) {
        assert_eq!(ek.to_bytes(), data);
    }
    if let Ok(dk) = DecapsulationKey::from_bytes(data) {
        assert_eq!(&*dk.to_bytes(), data);
    }
    if let Ok(ct) = Ciphertext::from_bytes(data) {
        assert_eq!(ct.to_bytes(), data);
        // Any well-formed ciphertext decapsulates (implicit rejection), never an error.
        let seed = vec![3u8; ct.alg().info().seed_len];
        let dk = DecapsulationKey::from_seed(ct.alg(), &seed).unwrap();
        assert!(dk.decapsulate(&ct).is_ok());
        let other = KemAlg::ALL.into_iter().find(|a| *a != ct.alg()).unwrap();
        let dk2 = DecapsulationKey::from_seed(other, &vec![3u8; other.info().seed_len]).unwrap();
        assert!(dk2.decapsulate(&ct).is_err());
    }
});
