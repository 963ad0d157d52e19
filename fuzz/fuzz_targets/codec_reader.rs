#![no_main]
//! The varint codec: minimal encodings only; decode(encode(x)) = x.
use libfuzzer_sys::fuzz_target;
use pqmigrate::codec::{Reader, from_hex, put_varint, to_hex};

fuzz_target!(|data: &[u8]| {
    let mut r = Reader::new(data);
    if let Ok(v) = r.varint("fuzz") {
        let mut enc = Vec::new();
        put_varint(&mut enc, v);
        assert_eq!(&data[..enc.len()], &enc[..], "non-minimal varint accepted");
    }
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(bytes) = from_hex(text)
    {
        assert_eq!(to_hex(&bytes), text);
    }
});
