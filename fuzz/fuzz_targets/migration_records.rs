#![no_main]
//! Upgrade attestations, root transitions and dual digests decode strictly and
//! re-encode to the same bytes; verification of decoded values never panics.
use libfuzzer_sys::fuzz_target;
use pqmigrate::merkle::{DualDigest, RootTransition};
use pqmigrate::sig::UpgradeAttestation;

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = UpgradeAttestation::from_bytes(data) {
        assert_eq!(a.to_bytes(), data);
        let _ = a.verify(a.chain_id());
    }
    if let Ok(t) = RootTransition::from_bytes(data) {
        assert_eq!(t.to_bytes(), data);
        let _ = t.verify(&[b"a", b"b"]);
        let _ = t.binding_digest();
    }
    if let Ok(d) = DualDigest::from_bytes(data) {
        assert_eq!(d.to_bytes(), data);
        let _ = d.verify_data(data);
    }
});
