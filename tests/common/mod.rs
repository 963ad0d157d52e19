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

/// Our algorithm for a `tcId` of the LAMPS composite draft's `testvectors.json`, if we
/// implement it (pure ML-DSA and the P-256/Ed25519 pairings).
pub fn lamps_alg(tc_id: &str) -> Option<pqmigrate::sig::SigAlg> {
    use pqmigrate::sig::SigAlg;
    Some(match tc_id {
        "id-ML-DSA-44" => SigAlg::MlDsa44,
        "id-ML-DSA-65" => SigAlg::MlDsa65,
        "id-ML-DSA-87" => SigAlg::MlDsa87,
        "id-MLDSA44-ECDSA-P256-SHA256" => SigAlg::MlDsa44P256,
        "id-MLDSA65-ECDSA-P256-SHA512" => SigAlg::MlDsa65P256,
        "id-MLDSA44-Ed25519-SHA512" => SigAlg::MlDsa44Ed25519,
        "id-MLDSA65-Ed25519-SHA512" => SigAlg::MlDsa65Ed25519,
        _ => return None,
    })
}
