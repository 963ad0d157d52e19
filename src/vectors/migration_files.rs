//! `policy/example.json` and `address/address.json`.

use alloc::vec::Vec;

use serde_json::{Value, json};

use super::{VectorFile, file, hex};
use crate::hash::{HashRole, HashSuite};
use crate::id::{HashId, SigId};
use crate::policy::{MigrationPolicy, Subject};
use crate::sig::{SigAlg, SigningKey, UpgradeAttestation, address};

pub(super) fn files() -> Vec<VectorFile> {
    alloc::vec![policy(), addresses()]
}

fn policy() -> VectorFile {
    let p = MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML)
        .expect("the example policy is valid");
    let mut decisions = Vec::new();
    let sig_heights = [0u64, 999, 1000, 4999, 5000, 9999, 10000];
    let sig_algs = [
        SigId::SECP256K1,
        SigId::MLDSA65_SECP256K1,
        SigId::ML_DSA_65,
        SigId::MLDSA65_P256,
    ];
    for h in sig_heights {
        for id in sig_algs {
            let tx = p.check(h, Subject::Signature(id));
            let att = p.check(h, Subject::AttestationSigner(id));
            for (question, r) in [("signature", tx), ("upgrade-attestation", att)] {
                decisions.push(json!({
                    "question": question,
                    "height": h,
                    "alg": id.to_string(),
                    "allowed": r.is_ok(),
                    "phase": p.phase_at(h).name(),
                    "rule": r.err().map(|e| e.rule.to_string()),
                }));
            }
        }
    }
    for h in [0u64, 1999, 2000, 10_000] {
        for (role, id) in [
            (HashRole::Merkle, HashId::KECCAK_256),
            (HashRole::Merkle, HashId::SHA3_256),
            (HashRole::Merkle, HashId::BLAKE3),
            (HashRole::TxId, HashId::KECCAK_256),
            (HashRole::TxId, HashId::SHA1),
            (HashRole::TxId, HashId::CURL_P_27),
        ] {
            let r = p.check(h, Subject::Hash(role, id));
            decisions.push(json!({
                "question": "hash",
                "height": h,
                "role": role.name(),
                "alg": id.to_string(),
                "allowed": r.is_ok(),
                "rule": r.err().map(|e| e.rule.to_string()),
            }));
        }
    }
    // Upgrade attestations judged at the including block's height (the height inside is
    // the signer's claim): a backdated attestation after the sunset is refused.
    let seed: [u8; 32] = core::array::from_fn(|i| i as u8);
    let old = SigningKey::from_seed(SigAlg::Secp256k1, &seed).expect("available");
    let new = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &seed).expect("available");
    let mut attestations = Vec::new();
    for (signed, included) in [
        (1200u64, 1200u64),
        (1200, 1210),
        (1200, 1211),
        (1210, 1200),
        (9995, 9999),
        (9995, 10_000),
        (10_000, 10_000),
        (1, 20_000),
        (19_995, 20_000),
    ] {
        let att = UpgradeAttestation::create(&old, new.public_key(), b"chain-1", signed)
            .expect("valid parts");
        let r = p.check(included, Subject::UpgradeAttestation(&att));
        attestations.push(json!({
            "signed_height": signed,
            "inclusion_height": included,
            "chain_id": "chain-1",
            "attestation": hex(&att.to_bytes()),
            "allowed": r.is_ok(),
            "rule": r.err().map(|e| e.rule.to_string()),
        }));
    }
    // Configs that must not load: a broken family kept open past its switch.
    let mut invalid_configs = Vec::new();
    for (why, toml) in [
        (
            "sha1 accepted until the end of time",
            "version = 1\n[signatures]\nphases = [{ phase = \"classical-accepted\", from = 0 }]\n\
             [hashes.tx-id]\nschedule = [\n  { family = \"sha1\", from = 0, accepted-until = \
             18446744073709551615 },\n  { family = \"sha3-256\", from = 1 },\n]\n",
        ),
        (
            "curl-p-27 accepted past its switch",
            "version = 1\n[signatures]\nphases = [{ phase = \"classical-accepted\", from = 0 }]\n\
             [hashes.tx-id]\nschedule = [\n  { family = \"curl-p-27\", from = 0, accepted-until = \
             100 },\n  { family = \"sha3-256\", from = 50 },\n]\n",
        ),
        (
            "sha1 as the open-ended current family",
            "version = 1\n[signatures]\nphases = [{ phase = \"classical-accepted\", from = 0 }]\n\
             [hashes.merkle]\nschedule = [\n  { family = \"sha3-256\", from = 0 },\n  \
             { family = \"sha1\", from = 10 },\n]\n",
        ),
    ] {
        let err = MigrationPolicy::from_toml_str(toml).expect_err("a broken family left open");
        invalid_configs.push(json!({"why": why, "policy_toml": toml, "error": err.to_string()}));
    }
    file(
        "policy/example.json",
        json!({
            "policy_toml": MigrationPolicy::EXAMPLE_TOML,
            "decisions": decisions,
            "attestations": attestations,
            "invalid_configs": invalid_configs,
        }),
        "MigrationPolicy decisions for the example config (policy_toml, as printed by \
         `pqmigrate policy example`). A consumer loading the same config must reach `allowed` \
         for every decision and attestation; `rule` is pqmigrate's explanation (informative, \
         not normative). attestations: a secp256k1 key's upgrade attestation signed for \
         signed_height, judged for the block at inclusion_height (the policy applies at the \
         inclusion height; attestation-max-age bounds the gap). invalid_configs must fail to \
         load; `error` is informative.",
    )
}

fn addresses() -> VectorFile {
    let seed: [u8; 32] = core::array::from_fn(|i| i as u8);
    let suites = [
        ("keccak", HashSuite::KECCAK),
        ("sha2", HashSuite::SHA2),
        ("sha3", HashSuite::SHA3),
        ("blake3", HashSuite::BLAKE3),
    ];
    let mut rows: Vec<Value> = Vec::new();
    for alg in [SigAlg::Secp256k1, SigAlg::MlDsa44, SigAlg::MlDsa65Secp256k1] {
        let sk = SigningKey::from_seed(alg, &seed).expect("available");
        let pk = sk.public_key();
        for (name, suite) in suites {
            rows.push(json!({
                "alg": alg.name(),
                "id": alg.id().0,
                "public_key_payload": hex(pk.payload()),
                "suite": name,
                "hash": suite.address.name(),
                "address_len": suite.address_len,
                "address": pk.address(&suite).expect("valid suite").to_hex(),
            }));
        }
    }
    // The same key bytes under two algorithm ids: two addresses.
    let g = hex_decode("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    for id in [SigId::SECP256K1, SigId::MLDSA65_SECP256K1] {
        rows.push(json!({
            "alg": id.to_string(),
            "id": id.0,
            "public_key_payload": hex(&g),
            "suite": "keccak",
            "hash": "keccak-256",
            "address_len": 20,
            "address": address(&HashSuite::KECCAK, id, &g).expect("valid suite").to_hex(),
        }));
    }
    file(
        "address/address.json",
        json!({
            "derivation": "truncate(address_len, H(u64le(20) || \"pqmigrate/v1/address\" || u64le(len(varint(id))) || varint(id) || u64le(len(pk)) || pk))",
            "addresses": rows,
        }),
        "Algorithm-committing addresses: H is the suite's address family, pk the public-key \
         payload (no envelope id). The last two rows use the same key bytes under two ids and \
         must give different addresses.",
    )
}

fn hex_decode(s: &str) -> Vec<u8> {
    crate::codec::from_hex(s).expect("static hex")
}
