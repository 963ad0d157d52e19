//! `pqmigrate conformance`.

use super::*;

#[test]
fn conformance_reports() {
    let o = run(&["conformance", "--builtin", "naive-bitcoin"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("EXPOSED") && text.contains("cve-2012-2459"),
        "{text}"
    );
    let o = run(&["conformance", "--builtin", "naive-bitcoin", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let status = |id: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("cve-2012-2459"), "exposed");
    assert_eq!(status("cve-2017-12842"), "exposed");
    for alg in ["sha2-256", "sha3-256", "keccak-256", "blake3"] {
        let o = run(&[
            "conformance",
            "--builtin",
            "rfc9162",
            "--alg",
            alg,
            "--json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{alg}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["exposed"], 0);
    }
    assert_bad_input(
        &run(&["conformance", "--builtin", "ethereum"]),
        "invalid value",
    );
}
