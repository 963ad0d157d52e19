//! `pqmigrate tour`.

use super::*;

#[test]
fn tour_runs_and_reports_the_key_facts() {
    let o = run(&["tour"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    for section in [
        "1. A legacy account",
        "2. Key upgrade",
        "3. A transaction",
        "4. Hash swap",
        "5. Data-layer conformance",
        "6. X-Wing",
        "7. A 2-of-3 treasury",
        "8. Advise",
    ] {
        assert!(text.contains(section), "{section}");
    }
    let o = run(&["tour", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["upgrade"]["verified"], true);
    assert_eq!(v["key_file"]["label"], "ENCRYPTED PQMIGRATE PRIVATE KEY");
    assert_eq!(v["key_file"]["kdf"], "scrypt:14:8:16");
    assert_eq!(v["key_file"]["same_key"], true);
    assert_eq!(v["key_file"]["wrong_passphrase_refused"], true);
    assert_eq!(v["upgrade"]["replay_on_other_chain_refused"], true);
    assert_eq!(v["all_signatures_verify"], true);
    assert_eq!(v["classical_attestation_at_sunset_accepted"], false);
    let decision = |h: u64, signer: &str| {
        v["policy_decisions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["height"] == h && d["signer"] == signer)
            .unwrap()["accepted"]
            .clone()
    };
    assert_eq!(decision(999, "secp256k1"), true);
    assert_eq!(decision(1000, "secp256k1"), false);
    assert_eq!(decision(1000, "hybrid"), true);
    assert_eq!(decision(999, "ml-dsa-65"), false);
    assert_eq!(decision(5000, "ml-dsa-65"), true);
    for s in v["hash_swaps"].as_array().unwrap() {
        assert_eq!(s["binding_signed"], true);
        assert_eq!(s["verified"], true);
        assert_eq!(s["dual_digest_ok"], true);
    }
    assert_eq!(v["policy_keccak_merkle"]["1999"], true);
    assert_eq!(v["policy_keccak_merkle"]["2000"], false);
    assert_eq!(v["batch"]["all_valid"], true);
    assert_eq!(v["conformance"]["naive_bitcoin_exposed"], 4);
    assert_eq!(v["conformance"]["rfc9162_exposed"], 0);
    assert_eq!(v["x_wing"]["secrets_equal"], true);
    for k in [
        "valid_before_switch",
        "classical_member_refused_after_switch",
        "rotation_verified",
        "rotation_replay_refused",
        "new_wallet_signs",
    ] {
        assert_eq!(v["multisig"][k], true, "{k}");
    }
    assert_eq!(v["x_wing"]["encapsulation_key_bytes"], 1216);
    assert_eq!(v["x_wing"]["ciphertext_bytes"], 1120);
    assert!(v["advise"]["recommendation"]["alg"].is_string());
}
