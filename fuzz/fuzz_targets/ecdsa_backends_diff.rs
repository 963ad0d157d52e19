#![no_main]
//! Differential: k256 and libsecp256k1 agree on every public-key check and verification
//! verdict, and on deterministic (RFC 6979) signatures.
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pqmigrate::sig::secp256k1::{self as ecdsa, k256_backend, libsecp};

#[derive(Arbitrary, Debug)]
struct Input {
    pk: Vec<u8>,
    hash: [u8; 32],
    sig: Vec<u8>,
    secret: [u8; 32],
}

fuzz_target!(|i: Input| {
    assert_eq!(k256_backend::check_public(&i.pk), libsecp::check_public(&i.pk));
    assert_eq!(
        k256_backend::verify_prehash(&i.pk, &i.hash, &i.sig),
        libsecp::verify_prehash(&i.pk, &i.hash, &i.sig)
    );
    if ecdsa::check_secret(&i.secret).is_ok() {
        let a = k256_backend::sign_prehash(&i.secret, &i.hash).unwrap();
        let b = libsecp::sign_prehash(&i.secret, &i.hash).unwrap();
        assert_eq!(a, b);
        let pk = ecdsa::public_key(&i.secret).unwrap();
        assert!(k256_backend::verify_prehash(&pk, &i.hash, &a));
        assert!(libsecp::verify_prehash(&pk, &i.hash, &a));
    }
});
