//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

/// `../shared/vectors/external/<sub>` if present; otherwise prints a visible SKIP line
/// (written to the real stderr, which the test harness does not capture) and returns None.
pub fn external(sub: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/vectors/external")
        .join(sub);
    if dir.exists() {
        Some(dir)
    } else {
        let _ = writeln!(
            std::io::stderr(),
            "SKIP: {} not found (external vectors live in ../shared, absent in a plain clone)",
            dir.display()
        );
        None
    }
}

pub fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("test data hex")
}
