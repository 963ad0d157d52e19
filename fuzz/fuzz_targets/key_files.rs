#![no_main]
//! Key files (`pqmigrate::formats`): PEM or DER; PKCS#8, encrypted PKCS#8, the
//! pqmigrate container and SPKI. Any input gets a typed error or a key, never a panic;
//! encrypted inputs are decrypted under a low KDF ceiling (so a crafted cost is refused
//! quickly, as the default ceiling refuses gigabytes). An accepted SPKI re-encodes to
//! the same DER (one encoding per key); an accepted private key re-encodes and decodes
//! to the same public key.
use libfuzzer_sys::fuzz_target;
use pqmigrate::formats::{self, AnyPublicKey, Ceiling};

const LOW: Ceiling = Ceiling {
    scrypt_memory: 1 << 20,
    scrypt_work: 1 << 12,
    scrypt_p: 4,
    pbkdf2_iterations: 1_000,
};

fuzz_target!(|data: &[u8]| {
    let _ = formats::describe(data);
    if let Ok(pk) = formats::decode_public(data) {
        let der = formats::to_spki_der(&pk).expect("an accepted SPKI re-encodes");
        if !data.starts_with(b"-----BEGIN ") {
            assert_eq!(der, data, "SPKI not canonical");
        }
        let back: AnyPublicKey = formats::decode_public(&der).unwrap();
        assert_eq!(back, pk);
    }
    if let Ok(key) = formats::decode_private_with(data, Some(b"fuzz"), &LOW) {
        let plain = formats::encode_private(&key, None, false).expect("re-encodes");
        let back = formats::decode_private(&plain, None).expect("decodes again");
        assert_eq!(back.public_key(), key.public_key());
    }
});
