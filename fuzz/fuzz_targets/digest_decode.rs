#![no_main]
//! Multihash and `name:hex` digests: decode strictly, re-encode to the same bytes.
use libfuzzer_sys::fuzz_target;
use pqmigrate::hash::Digest;

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = Digest::from_multihash(data) {
        assert_eq!(d.to_multihash(), data, "non-canonical multihash accepted");
    }
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(d) = text.parse::<Digest>()
    {
        assert_eq!(d.to_string(), text, "non-canonical digest text accepted");
    }
});
