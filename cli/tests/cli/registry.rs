//! `pqmigrate algs`: the registry table.

use super::*;

#[test]
fn algs_lists_the_registry() {
    let o = run(&["algs"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for name in [
        "sha2-256",
        "sha2-512",
        "sha3-256",
        "sha3-512",
        "keccak-256",
        "blake3",
        "sha1",
        "curl-p-27",
    ] {
        assert!(text.contains(name), "{name}");
    }
    let o = run(&["algs", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hashes = v["hashes"].as_array().unwrap();
    assert_eq!(hashes.len(), 8);
    for legacy in ["sha1", "curl-p-27"] {
        let row = hashes.iter().find(|h| h["name"] == legacy).unwrap();
        assert_eq!(row["status"], "broken", "{legacy}");
    }
    let keccak = hashes.iter().find(|h| h["name"] == "keccak-256").unwrap();
    assert_eq!(keccak["code"], 0x1b);
    assert_eq!(keccak["security_bits"]["quantum_preimage"], 128);
}
