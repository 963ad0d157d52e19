#![no_main]
//! The boundaries of issue 14: heights and sizes around 2^63 given to the constructors
//! (refused, or encoded and decoded back — never a panic), and the attestation window
//! judged at the inclusion height (a backdated attestation never passes the sunset).
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pqmigrate::codec::MAX_VARINT;
use pqmigrate::hash::{HashAlg, hash};
use pqmigrate::merkle::{ConsistencyProof, InclusionProof, RootTransition};
use pqmigrate::policy::{MigrationPolicy, SigPhase, Subject};
use pqmigrate::sig::{SigAlg, SigningKey, UpgradeAttestation};

#[derive(Arbitrary, Debug)]
struct Input {
    height: u64,
    inclusion: u64,
    index: u64,
    size: u64,
    path_len: u8,
    near_boundary: bool,
}

struct Fixed {
    old: SigningKey,
    new: SigningKey,
    policy: MigrationPolicy,
}

fn fixed() -> &'static Fixed {
    static F: OnceLock<Fixed> = OnceLock::new();
    F.get_or_init(|| Fixed {
        old: SigningKey::from_seed(SigAlg::Secp256k1, &[1; 32]).unwrap(),
        new: SigningKey::from_seed(SigAlg::MlDsa44Secp256k1, &[2; 32]).unwrap(),
        policy: MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML).unwrap(),
    })
}

fuzz_target!(|i: Input| {
    // Steer half the inputs to within 2^16 of the varint limit.
    let h = if i.near_boundary {
        MAX_VARINT.wrapping_add(i.height % 65_536).wrapping_sub(32_768)
    } else {
        i.height
    };
    let f = fixed();
    let leaves: [&[u8]; 2] = [b"a", b"b"];
    match RootTransition::compute(h, &leaves, HashAlg::Blake3, HashAlg::Sha3_256) {
        Ok(t) => assert_eq!(RootTransition::from_bytes(&t.to_bytes()).unwrap(), t),
        Err(_) => assert!(h > MAX_VARINT),
    }
    let path = vec![hash(HashAlg::Sha2_256, b"n"); usize::from(i.path_len % 70)];
    let size = if i.near_boundary { h } else { i.size };
    if let Ok(p) = InclusionProof::new(HashAlg::Sha2_256, i.index, size, path.clone()) {
        assert!(size <= MAX_VARINT);
        assert_eq!(InclusionProof::from_bytes(&p.to_bytes()).unwrap(), p);
    }
    if let Ok(p) = ConsistencyProof::new(HashAlg::Sha2_256, i.index, size, path) {
        assert!(size <= MAX_VARINT);
        assert_eq!(ConsistencyProof::from_bytes(&p.to_bytes()).unwrap(), p);
    }
    // Signing is the slow part: only for the boundary or a policy-relevant height.
    if i.near_boundary || i.height < 30_000 {
        let h = if i.near_boundary { h } else { i.height };
        match UpgradeAttestation::create(&f.old, f.new.public_key(), b"c", h) {
            Ok(att) => {
                assert_eq!(UpgradeAttestation::from_bytes(&att.to_bytes()).unwrap(), att);
                let inclusion = i.inclusion % 40_000;
                let ok = f.policy.check(inclusion, Subject::UpgradeAttestation(&att)).is_ok();
                let in_window = h <= inclusion && inclusion - h <= 10;
                let sunset = f.policy.phase_at(inclusion) == SigPhase::ClassicalSunset;
                assert_eq!(ok, in_window && !sunset, "signed {h}, included {inclusion}");
            }
            Err(_) => assert!(h > MAX_VARINT),
        }
    }
});
