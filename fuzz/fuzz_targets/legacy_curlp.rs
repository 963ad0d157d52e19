#![no_main]
//! Curl-P tryte/trit conversion and hashing: strict alphabet, round trips, no panics;
//! checked SHA-1 streaming equals one-shot.
use libfuzzer_sys::fuzz_target;
use pqmigrate::hash::legacy::{curlp, sha1};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(trits) = curlp::trytes_to_trits(text)
    {
        assert_eq!(curlp::trits_to_trytes(&trits).unwrap(), text);
        let h = curlp::curl_p27(text).unwrap();
        assert_eq!(h.len(), 81);
    }
    let one = sha1::check(data);
    let mut h = sha1::CheckedHasher::new();
    for chunk in data.chunks(7) {
        h.update(chunk);
    }
    assert_eq!(h.finalize(), one);
});
