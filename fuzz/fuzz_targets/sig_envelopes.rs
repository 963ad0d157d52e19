#![no_main]
//! Public-key, signature and secret-key envelopes: whatever decodes re-encodes to the
//! same bytes (one encoding per value).
use libfuzzer_sys::fuzz_target;
use pqmigrate::sig::{PublicKey, Signature, SigningKey};

fuzz_target!(|data: &[u8]| {
    if let Ok(pk) = PublicKey::from_bytes(data) {
        assert_eq!(pk.to_bytes(), data);
    }
    if let Ok(sig) = Signature::from_bytes(data) {
        assert_eq!(sig.to_bytes(), data);
    }
    if let Ok(sk) = SigningKey::from_bytes(data) {
        assert_eq!(&*sk.to_bytes(), data);
        assert_eq!(
            PublicKey::from_bytes(&sk.public_key().to_bytes()).as_ref(),
            Ok(sk.public_key())
        );
    }
});
