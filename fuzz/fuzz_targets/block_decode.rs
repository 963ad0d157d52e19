#![no_main]
//! Blocks from untrusted bytes (`pqmigrate::block`): every input is a typed error or
//! decodes to a block that re-encodes to the same bytes (one encoding per block), and
//! the later stages (policy, verification, Merkle root) never panic on what decodes.
use libfuzzer_sys::fuzz_target;
use pqmigrate::block::{self, Block};
use pqmigrate::hash::HashSuite;
use pqmigrate::policy::MigrationPolicy;

fuzz_target!(|data: &[u8]| {
    if let Ok(b) = Block::decode(data) {
        assert_eq!(b.to_bytes(), data);
        let policy = MigrationPolicy::default();
        let _ = b.check_policy(&policy, &HashSuite::SHA3);
        let _ = b.verify_signatures(b"chain-1");
        let _ = b.merkle_root(&HashSuite::KECCAK);
        let _ = block::validate(data, &policy, b"chain-1", &HashSuite::SHA3);
    }
});
