//! `MigrationPolicy`: decisions by height, config validation with key and line.
#![cfg(feature = "config")]

use pqmigrate::hash::HashRole;
use pqmigrate::id::{HashId, SigId, Status};
use pqmigrate::policy::{MigrationPolicy, Phase, PolicyAlg, Rule, SigPhase, Subject};

fn example() -> MigrationPolicy {
    MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML).expect("example parses")
}

#[test]
fn example_signature_decisions_by_height() {
    let p = example();
    let classical = SigId::SECP256K1;
    let hybrid = SigId::MLDSA65_SECP256K1;
    let pq = SigId::ML_DSA_65;
    // (height, id, accepted?, phase)
    let table = [
        (0, classical, true, SigPhase::ClassicalAccepted),
        (999, classical, true, SigPhase::ClassicalAccepted),
        (999, hybrid, true, SigPhase::ClassicalAccepted),
        (999, pq, false, SigPhase::ClassicalAccepted),
        (1000, classical, false, SigPhase::HybridRequired),
        (1000, hybrid, true, SigPhase::HybridRequired),
        (4999, pq, false, SigPhase::HybridRequired),
        (5000, pq, true, SigPhase::PqOnlyAllowed),
        (5000, classical, false, SigPhase::PqOnlyAllowed),
        (9999, hybrid, true, SigPhase::PqOnlyAllowed),
        (10000, classical, false, SigPhase::ClassicalSunset),
        (10000, hybrid, true, SigPhase::ClassicalSunset),
        (u64::MAX, pq, true, SigPhase::ClassicalSunset),
    ];
    for (h, id, ok, phase) in table {
        assert_eq!(p.phase_at(h), phase, "phase at {h}");
        let r = p.check(h, Subject::Signature(id));
        assert_eq!(r.is_ok(), ok, "{id} at {h}: {r:?}");
        if let Err(e) = r {
            assert_eq!(e.height, h);
            assert_eq!(e.phase, Phase::Signature(phase));
            assert_eq!(e.alg, PolicyAlg::Signature(id));
            assert_eq!(e.phase.to_string(), phase.name());
        }
    }
    let e = p.check(1000, Subject::Signature(classical)).unwrap_err();
    assert_eq!(e.rule, Rule::ClassicalOnlyRefused);
    assert_eq!(
        e.to_string(),
        "policy refuses secp256k1 at height 1000 (phase hybrid-required): classical-only \
         signatures are refused; sign with a hybrid key (a classical key may still sign its \
         upgrade attestation)"
    );
    let e = p.check(999, Subject::Signature(pq)).unwrap_err();
    assert_eq!(e.rule, Rule::PqOnlyNotYetAllowed { from: Some(5000) });
    // Not in the example's `algorithms` list (a LAMPS P-256 pairing) or not registered.
    let e = p
        .check(2000, Subject::Signature(SigId::MLDSA65_P256))
        .unwrap_err();
    assert_eq!(e.rule, Rule::NotAccepted);
    let e = p.check(2000, Subject::Signature(SigId(0x99))).unwrap_err();
    assert_eq!(
        (e.rule, e.alg.to_string().as_str()),
        (Rule::UnknownAlgorithm, "0x99")
    );
}

#[test]
fn upgrade_attestations_until_the_sunset() {
    let p = example();
    for h in [0, 1000, 5000, 9999] {
        assert!(
            p.check(h, Subject::AttestationSigner(SigId::SECP256K1))
                .is_ok(),
            "{h}"
        );
    }
    let e = p
        .check(10000, Subject::AttestationSigner(SigId::SECP256K1))
        .unwrap_err();
    assert_eq!(e.rule, Rule::ClassicalSunset);
    assert!(
        p.check(10000, Subject::AttestationSigner(SigId::MLDSA65_SECP256K1))
            .is_ok()
    );
}

#[test]
fn example_hash_decisions_by_height() {
    let p = example();
    let m = HashRole::Merkle;
    assert!(p.check(0, Subject::Hash(m, HashId::KECCAK_256)).is_ok());
    assert!(p.check(1999, Subject::Hash(m, HashId::KECCAK_256)).is_ok());
    let e = p
        .check(2000, Subject::Hash(m, HashId::KECCAK_256))
        .unwrap_err();
    assert_eq!(e.rule, Rule::HashRetired { until: 2000 });
    assert_eq!(
        e.phase,
        Phase::HashSchedule {
            role: HashRole::Merkle,
            current: HashId::SHA3_256,
            from: 2000
        }
    );
    assert_eq!(e.phase.to_string(), "merkle: sha3-256 current from 2000");
    assert!(e.to_string().contains("keccak-256 at height 2000"), "{e}");
    let e = p
        .check(1999, Subject::Hash(m, HashId::SHA3_256))
        .unwrap_err();
    assert_eq!(e.rule, Rule::HashNotYet { from: 2000 });
    assert!(p.check(2000, Subject::Hash(m, HashId::SHA3_256)).is_ok());
    let e = p.check(3000, Subject::Hash(m, HashId::BLAKE3)).unwrap_err();
    assert_eq!(
        e.rule,
        Rule::HashNotScheduled {
            current: HashId::SHA3_256
        }
    );
    // Roles without a schedule follow the registry status.
    assert!(
        p.check(5, Subject::Hash(HashRole::TxId, HashId::KECCAK_256))
            .is_ok()
    );
    for legacy in [HashId::SHA1, HashId::CURL_P_27] {
        let e = p
            .check(5, Subject::Hash(HashRole::TxId, legacy))
            .unwrap_err();
        assert_eq!(
            e.rule,
            Rule::RegistryStatus {
                status: Status::Broken
            }
        );
        assert!(e.to_string().contains("broken"), "{e}");
    }
    // A legacy family scheduled for history: accepted below its end, refused after.
    let legacy = MigrationPolicy::from_toml_str(
        r#"
version = 1
[signatures]
phases = [{ phase = "classical-accepted", from = 0 }]
[hashes.tx-id]
schedule = [{ family = "sha1", from = 0 }, { family = "sha2-256", from = 700 }]
"#,
    )
    .unwrap();
    assert!(
        legacy
            .check(699, Subject::Hash(HashRole::TxId, HashId::SHA1))
            .is_ok()
    );
    let e = legacy
        .check(700, Subject::Hash(HashRole::TxId, HashId::SHA1))
        .unwrap_err();
    assert!(e.to_string().contains("sha1"), "{e}");
    assert!(e.to_string().contains("history below height 700"), "{e}");
}

#[test]
fn overlap_keeps_the_old_family_until_its_end() {
    let p = MigrationPolicy::from_toml_str(
        r#"
version = 1
[signatures]
phases = [{ phase = "classical-accepted", from = 0 }]
[hashes.merkle]
schedule = [
  { family = "keccak-256", from = 0, accepted-until = 2500 },
  { family = "sha3-256", from = 2000 },
]
"#,
    )
    .unwrap();
    let m = HashRole::Merkle;
    assert!(p.check(2000, Subject::Hash(m, HashId::KECCAK_256)).is_ok());
    assert!(p.check(2499, Subject::Hash(m, HashId::KECCAK_256)).is_ok());
    assert!(p.check(2499, Subject::Hash(m, HashId::SHA3_256)).is_ok());
    let e = p
        .check(2500, Subject::Hash(m, HashId::KECCAK_256))
        .unwrap_err();
    assert_eq!(e.rule, Rule::HashRetired { until: 2500 });
}

#[test]
fn toml_and_json_round_trip() {
    let p = example();
    let toml_text = p.to_toml_string();
    assert_eq!(MigrationPolicy::from_toml_str(&toml_text).unwrap(), p);
    let json = serde_json::to_string_pretty(&p).unwrap();
    assert_eq!(MigrationPolicy::from_json_str(&json).unwrap(), p);
    assert_eq!(MigrationPolicy::from_config_str(&json).unwrap(), p);
    assert_eq!(
        MigrationPolicy::from_config_str(MigrationPolicy::EXAMPLE_TOML).unwrap(),
        p
    );
}

const SIG_HEAD: &str = "version = 1\n[signatures]\n";

/// (config text, expected key, expected line, substring of the message)
fn bad_toml_cases() -> Vec<(String, &'static str, usize, &'static str)> {
    let ok_sigs = "phases = [{ phase = \"classical-accepted\", from = 0 }]\n";
    vec![
        (
            format!(
                "{SIG_HEAD}phases = [\n  {{ phase = \"classical-accepted\", from = 0 }},\n  {{ phase = \"hybrid-required\", from = 10 }},\n  {{ phase = \"pq-only-allowed\", from = 10 }},\n]\n"
            ),
            "signatures.phases",
            3,
            "phases[2].from: heights must increase: pq-only-allowed from 10 overlaps hybrid-required from 10",
        ),
        (
            format!(
                "{SIG_HEAD}phases = [\n  {{ phase = \"classical-accepted\", from = 0 }},\n  {{ phase = \"pq-only-allowed\", from = 10 }},\n  {{ phase = \"hybrid-required\", from = 20 }},\n]\n"
            ),
            "signatures.phases",
            3,
            "hybrid-required cannot follow pq-only-allowed",
        ),
        (
            format!("{SIG_HEAD}phases = [{{ phase = \"hybrid-required\", from = 5 }}]\n"),
            "signatures.phases",
            3,
            "must start at height 0",
        ),
        (
            format!("{SIG_HEAD}phases = [{{ phase = \"hybrid-requird\", from = 0 }}]\n"),
            "signatures.phases[0].phase",
            3,
            "unknown variant `hybrid-requird`",
        ),
        (
            format!("{SIG_HEAD}{ok_sigs}algorithms = [\"secp256k1\", \"ml-dsa-66\"]\n"),
            "signatures.algorithms",
            4,
            "unknown signature algorithm \"ml-dsa-66\"",
        ),
        (
            format!(
                "{SIG_HEAD}phases = [{{ phase = \"classical-accepted\", from = 0 }}, {{ phase = \"hybrid-required\", from = 9 }}]\nalgorithms = [\"secp256k1\"]\n"
            ),
            "signatures",
            2,
            "phase hybrid-required (from 9) would accept none of the listed algorithms",
        ),
        (
            format!("{SIG_HEAD}{ok_sigs}colour = 1\n"),
            "signatures.colour",
            4,
            "unknown field `colour`",
        ),
        (
            format!(
                "{SIG_HEAD}{ok_sigs}[hashes.merkle]\nschedule = [{{ family = \"sha3-256\", from = 0 }}, {{ family = \"sha1\", from = 10 }}]\n"
            ),
            "hashes.merkle.schedule",
            5,
            "schedule[1].family: sha1 is broken",
        ),
        (
            format!(
                "{SIG_HEAD}{ok_sigs}[hashes.merkle]\nschedule = [\n  {{ family = \"keccak-256\", from = 0, accepted-until = 100 }},\n  {{ family = \"sha3-256\", from = 100 }},\n]\n"
            ),
            "hashes.merkle.schedule",
            5,
            "schedule[0].accepted-until: 100 must be above 100",
        ),
        (
            format!(
                "{SIG_HEAD}{ok_sigs}[hashes.merkle]\nschedule = [{{ family = \"keccak-256\", from = 0 }}, {{ family = \"keccak-256\", from = 5 }}]\n"
            ),
            "hashes.merkle.schedule",
            5,
            "keccak-256 is scheduled twice",
        ),
        (
            format!(
                "{SIG_HEAD}{ok_sigs}[hashes.merkle]\nschedule = [{{ family = \"md5\", from = 0 }}]\n"
            ),
            "hashes.merkle.schedule[0].family",
            5,
            "unknown hash family \"md5\"",
        ),
        (
            format!("{SIG_HEAD}{ok_sigs}[hashes.blocks]\nschedule = []\n"),
            "hashes.blocks",
            4,
            "unknown field `blocks`",
        ),
        (
            format!("version = 2\n[signatures]\n{ok_sigs}"),
            "version",
            1,
            "unsupported version 2",
        ),
        (
            format!("{SIG_HEAD}phases = [{{ phase = \"classical-accepted\", from = -1 }}]\n"),
            "signatures.phases[0].from",
            3,
            "",
        ),
        (
            format!("{SIG_HEAD}phases = [{{ phase = \"classical-accepted\", from = 0 }}\n"),
            "",
            3,
            "",
        ),
    ]
}

#[test]
fn malformed_toml_names_key_and_line() {
    for (text, key, line, needle) in bad_toml_cases() {
        let e = MigrationPolicy::from_toml_str(&text).unwrap_err();
        assert_eq!(e.key, key, "{text}\n-> {e}");
        assert_eq!(e.line, Some(line), "{text}\n-> {e}");
        assert!(e.message.contains(needle), "{text}\n-> {e}");
        assert!(!e.to_string().contains('\n'), "one line: {e}");
    }
}

#[test]
fn malformed_json_names_key_and_line() {
    let cases = [
        (
            "{\"version\": 1,\n \"signatures\": {\"phases\": [\n  {\"phase\": \"classical-accepted\", \"from\": 0},\n  {\"phase\": \"classical-accepted\", \"from\": 5}\n]}}",
            "signatures.phases",
            5,
            "classical-accepted cannot follow classical-accepted",
        ),
        (
            "{\"version\": 1,\n \"signatures\": {\"phases\": [{\"phase\": \"classical-accepted\", \"from\": 0}]},\n \"hashes\": {\"merkle\": {\"schedule\": [{\"family\": \"sha3-257\", \"from\": 0}]}}}",
            "hashes.merkle.schedule[0].family",
            3,
            "unknown hash family \"sha3-257\"",
        ),
        ("{\"version\": 1}", "", 1, "missing field `signatures`"),
    ];
    for (text, key, line, needle) in cases {
        let e = MigrationPolicy::from_json_str(text).unwrap_err();
        assert_eq!(e.key, key, "{text}\n-> {e}");
        assert_eq!(e.line, Some(line), "{text}\n-> {e}");
        assert!(e.message.contains(needle), "{text}\n-> {e}");
    }
}

/// Found by the `policy_config` fuzz target: a JSON key holding a newline was echoed into
/// the error, breaking the one-line error contract.
#[test]
fn errors_stay_on_one_line_whatever_the_input_quotes() {
    let text = "{\r\n\n\n\n\"\\n pres and\\n more\": 1}";
    let e = MigrationPolicy::from_json_str(text).unwrap_err();
    // The raw key really holds the newline; only the rendering escapes it.
    assert!(e.key.contains('\n') || e.message.contains('\n'), "{e:?}");
    let shown = e.to_string();
    assert!(!shown.contains('\n') && !shown.contains('\r'), "{shown:?}");
    assert!(shown.contains("unknown field"), "{shown}");
    assert_eq!(e.line, Some(5));
    let e =
        MigrationPolicy::from_toml_str("version = 1\n[signatures]\n\"a\\nb\" = 1\n").unwrap_err();
    assert!(!e.to_string().contains('\n'), "{e}");
}

// ---- Review findings (issue 14) ------------------------------------------------------

fn attestation(old_alg: pqmigrate::sig::SigAlg, signed: u64) -> pqmigrate::sig::UpgradeAttestation {
    use pqmigrate::sig::{SigAlg, SigningKey, UpgradeAttestation};
    let old = SigningKey::from_seed(old_alg, &[1; 32]).unwrap();
    let new = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[2; 32]).unwrap();
    UpgradeAttestation::create(&old, new.public_key(), b"chain-1", signed).unwrap()
}

/// Finding 1 (high): an attestation backdated to before the classical sunset used to be
/// accepted for ever. The policy now judges it at the including block's height, and its
/// own height must lie within `attestation-max-age` (10 in the example) below that.
#[test]
fn backdated_upgrade_attestation_is_refused_after_the_sunset() {
    use pqmigrate::sig::SigAlg;
    let p = example();
    assert_eq!(p.signatures.attestation_max_age(), 10);
    let backdated = attestation(SigAlg::Secp256k1, 1);
    let e = p
        .check(20_000, Subject::UpgradeAttestation(&backdated))
        .unwrap_err();
    assert_eq!(
        e.rule,
        Rule::AttestationNotCurrent {
            signed: 1,
            max_age: 10
        }
    );
    assert_eq!(e.height, 20_000);
    assert_eq!(e.phase, Phase::Signature(SigPhase::ClassicalSunset));
    // Inside the window it is accepted; one block later it is not.
    assert!(p.check(1, Subject::UpgradeAttestation(&backdated)).is_ok());
    assert!(p.check(11, Subject::UpgradeAttestation(&backdated)).is_ok());
    assert!(
        p.check(12, Subject::UpgradeAttestation(&backdated))
            .is_err()
    );
    // Signed in time, included after the sunset: the inclusion height decides.
    let late = attestation(SigAlg::Secp256k1, 9_995);
    assert!(p.check(9_999, Subject::UpgradeAttestation(&late)).is_ok());
    let e = p
        .check(10_000, Subject::UpgradeAttestation(&late))
        .unwrap_err();
    assert_eq!(e.rule, Rule::ClassicalSunset);
    // From the future: refused.
    let future = attestation(SigAlg::Secp256k1, 1_300);
    assert!(matches!(
        p.check(1_200, Subject::UpgradeAttestation(&future))
            .unwrap_err()
            .rule,
        Rule::AttestationNotCurrent { signed: 1_300, .. }
    ));
    // A hybrid old key may still move after the sunset, within the window.
    let hybrid = attestation(SigAlg::MlDsa44Secp256k1, 20_000);
    assert!(
        p.check(20_005, Subject::UpgradeAttestation(&hybrid))
            .is_ok()
    );
}

#[test]
fn attestation_max_age_defaults_to_zero() {
    use pqmigrate::sig::SigAlg;
    let p = MigrationPolicy::from_toml_str(
        "version = 1\n[signatures]\nphases = [{ phase = \"classical-accepted\", from = 0 }]\n",
    )
    .unwrap();
    assert_eq!(p.signatures.attestation_max_age(), 0);
    let att = attestation(SigAlg::Secp256k1, 7);
    assert!(p.check(7, Subject::UpgradeAttestation(&att)).is_ok());
    assert!(p.check(8, Subject::UpgradeAttestation(&att)).is_err());
    assert!(p.check(6, Subject::UpgradeAttestation(&att)).is_err());
    // It round-trips through TOML when set.
    let text = example().to_toml_string();
    assert!(text.contains("attestation-max-age = 10"), "{text}");
}

/// Finding 1, the same question for the other records that carry a height: a root
/// transition must be carried by the block at its own height, and a dual digest (which
/// carries none) is judged at the including block's height.
#[test]
fn root_transitions_and_dual_digests_are_judged_at_the_inclusion_height() {
    use pqmigrate::hash::HashAlg;
    use pqmigrate::merkle::{DualDigest, RootTransition};
    let p = example(); // merkle: keccak-256 from 0, sha3-256 from 2000
    let leaves: [&[u8]; 3] = [b"a", b"b", b"c"];
    let t = RootTransition::compute(2000, &leaves, HashAlg::Keccak256, HashAlg::Sha3_256).unwrap();
    assert!(p.check(2000, Subject::RootTransition(&t)).is_ok());
    assert_eq!(
        p.check(2001, Subject::RootTransition(&t)).unwrap_err().rule,
        Rule::TransitionNotCurrent { signed: 2000 }
    );
    let early =
        RootTransition::compute(1500, &leaves, HashAlg::Keccak256, HashAlg::Sha3_256).unwrap();
    assert!(
        p.check(1500, Subject::RootTransition(&early)).is_err(),
        "sha3-256 not current yet"
    );
    let wrong_old =
        RootTransition::compute(2000, &leaves, HashAlg::Blake3, HashAlg::Sha3_256).unwrap();
    assert!(p.check(2000, Subject::RootTransition(&wrong_old)).is_err());
    let at_genesis =
        RootTransition::compute(0, &leaves, HashAlg::Keccak256, HashAlg::Sha3_256).unwrap();
    assert!(
        p.check(0, Subject::RootTransition(&at_genesis)).is_err(),
        "no history at 0"
    );
    let d = DualDigest::of_data(HashAlg::Keccak256, HashAlg::Sha3_256, b"block").unwrap();
    assert!(
        p.check(1999, Subject::DualDigest(HashRole::Merkle, &d))
            .is_err(),
        "sha3 not yet"
    );
    assert!(
        p.check(2000, Subject::DualDigest(HashRole::Merkle, &d))
            .is_err(),
        "keccak retired"
    );
    let overlap = MigrationPolicy::from_toml_str(&MigrationPolicy::EXAMPLE_TOML.replace(
        "{ family = \"keccak-256\", from = 0 },",
        "{ family = \"keccak-256\", from = 0, accepted-until = 2500 },",
    ))
    .unwrap();
    assert!(
        overlap
            .check(2400, Subject::DualDigest(HashRole::Merkle, &d))
            .is_ok()
    );
    assert!(
        overlap
            .check(2500, Subject::DualDigest(HashRole::Merkle, &d))
            .is_err()
    );
}

/// Finding 3: a broken family could be kept accepted for ever with `accepted-until`.
/// Config validation now refuses it and names the rule.
#[test]
fn broken_family_cannot_stay_accepted_past_its_switch() {
    for broken in ["sha1", "curl-p-27"] {
        let text = format!(
            "version = 1\n[signatures]\nphases = [{{ phase = \"classical-accepted\", from = 0 }}]\n\
             [hashes.tx-id]\nschedule = [\n  {{ family = \"{broken}\", from = 0, accepted-until = \
             18446744073709551615 }},\n  {{ family = \"sha3-256\", from = 1 }},\n]\n"
        );
        let e = MigrationPolicy::from_toml_str(&text).unwrap_err();
        assert_eq!(e.line, Some(5), "{broken}: {e}");
        assert!(
            e.to_string()
                .contains("hashes.tx-id.schedule: schedule[0].accepted-until"),
            "{broken}: {e}"
        );
        assert!(e.message.contains("is broken"), "{broken}: {e}");
        assert!(e.message.contains("verify-only"), "{broken}: {e}");
        // Without the overlap the same schedule is valid history, and the broken family
        // is refused from the switch on.
        let ok = text.replace(", accepted-until = 18446744073709551615", "");
        let p = MigrationPolicy::from_toml_str(&ok).unwrap();
        let id = HashId::from_name(broken).unwrap();
        assert!(p.check(0, Subject::Hash(HashRole::TxId, id)).is_ok());
        assert!(
            p.check(u64::MAX - 1, Subject::Hash(HashRole::TxId, id))
                .is_err()
        );
    }
}

/// A chain can require, allow or refuse each new family: FN-DSA and SLH-DSA schemes go
/// through the same phases and the same `algorithms` list as ML-DSA ones.
#[test]
fn fn_dsa_and_slh_dsa_follow_phases_and_the_algorithm_list() {
    let p = MigrationPolicy::from_toml_str(
        r#"
version = 1
[signatures]
phases = [
  { phase = "classical-accepted", from = 0 },
  { phase = "hybrid-required", from = 100 },
  { phase = "pq-only-allowed", from = 200 },
  { phase = "classical-sunset", from = 300 },
]
algorithms = ["secp256k1", "fndsa512-ecdsa-secp256k1-sha256", "fn-dsa-512", "slh-dsa-sha2-128s"]
"#,
    )
    .unwrap();
    let ok = |h, id| p.check(h, Subject::Signature(id)).is_ok();
    let hybrid = SigId::FNDSA512_SECP256K1;
    let (fn512, slh) = (SigId::FN_DSA_512, SigId::SLH_DSA_SHA2_128S);
    assert!(ok(100, hybrid) && ok(300, hybrid));
    // PQ-only schemes wait for their phase, then are accepted.
    assert!(!ok(150, fn512) && !ok(150, slh));
    assert!(ok(200, fn512) && ok(200, slh) && ok(10_000, slh));
    // Families the list leaves out are refused at every height.
    for id in [
        SigId::FN_DSA_1024,
        SigId::FNDSA1024_SECP256K1,
        SigId::SLHDSA_SHA2_128S_SECP256K1,
        SigId::SLH_DSA_SHA2_128F,
    ] {
        for h in [0, 150, 250, 10_000] {
            let e = p.check(h, Subject::Signature(id)).unwrap_err();
            assert_eq!(e.rule, Rule::NotAccepted, "{id} at {h}");
        }
    }
}
