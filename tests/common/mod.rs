//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `tests/data/<sub>`: external vectors kept in the repository (provenance in
/// `tests/data/SOURCES.md`). Always present in a clone, so never skipped.
pub fn data(sub: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(sub);
    assert!(
        dir.is_dir(),
        "{} missing from the repository",
        dir.display()
    );
    dir
}

pub fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("test data hex")
}
