#![no_main]
//! Policy configs (TOML and JSON): errors, never panics; whatever loads round-trips.
use libfuzzer_sys::fuzz_target;
use pqmigrate::hash::HashRole;
use pqmigrate::id::{HashId, SigId};
use pqmigrate::policy::{MigrationPolicy, Subject};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for parsed in [
        MigrationPolicy::from_toml_str(text),
        MigrationPolicy::from_json_str(text),
    ] {
        if let Ok(p) = parsed {
            let again = MigrationPolicy::from_toml_str(&p.to_toml_string()).unwrap();
            assert_eq!(again, p);
            for h in [0, 1, 999, 1000, u64::MAX] {
                let _ = p.check(h, Subject::Signature(SigId::SECP256K1));
                let _ = p.check(h, Subject::Hash(HashRole::Merkle, HashId::KECCAK_256));
            }
        } else if let Err(e) = parsed {
            assert!(!e.to_string().contains('\n'), "multi-line config error");
        }
    }
});
