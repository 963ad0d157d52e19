//! `pqmigrate policy example|check`.

use super::*;

#[test]
fn policy_example_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["policy", "example"]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("classical-sunset") && text.starts_with('#'));
    let cfg = write(dir.path(), "policy.toml", text.as_bytes());
    let cfg = cfg.to_str().unwrap();
    // (question args, expected exit code, substring of stdout)
    let table: [(&[&str], i32, &str); 9] = [
        (&["--height", "999", "--sig-alg", "secp256k1"], 0, "allowed"),
        (
            &["--height", "1000", "--sig-alg", "secp256k1"],
            1,
            "phase hybrid-required",
        ),
        (
            &[
                "--height",
                "1000",
                "--sig-alg",
                "secp256k1",
                "--attestation",
            ],
            0,
            "allowed",
        ),
        (
            &[
                "--height",
                "10000",
                "--sig-alg",
                "secp256k1",
                "--attestation",
            ],
            1,
            "classical sunset",
        ),
        (
            &["--height", "4999", "--sig-alg", "ml-dsa-65"],
            1,
            "accepted from height 5000",
        ),
        (
            &["--height", "5000", "--sig-alg", "ml-dsa-65"],
            0,
            "allowed",
        ),
        (
            &[
                "--height",
                "1999",
                "--hash-alg",
                "keccak-256",
                "--role",
                "merkle",
            ],
            0,
            "allowed",
        ),
        (
            &[
                "--height",
                "2000",
                "--hash-alg",
                "keccak-256",
                "--role",
                "merkle",
            ],
            1,
            "history below height 2000",
        ),
        (
            &["--height", "3", "--hash-alg", "sha1", "--role", "tx-id"],
            1,
            "broken",
        ),
    ];
    for (q, code, needle) in table {
        let mut args = vec!["policy", "check", "--config", cfg];
        args.extend_from_slice(q);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(code), "{q:?}: {}", stdout(&o));
        assert!(stdout(&o).contains(needle), "{q:?}: {}", stdout(&o));
    }
    let o = run(&[
        "policy",
        "check",
        "--config",
        cfg,
        "--height",
        "1000",
        "--sig-alg",
        "secp256k1",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["allowed"], false);
    assert_eq!(v["phase"], "hybrid-required");

    // Bad configs and questions: exit 2, one line naming the line and key.
    let bad = text.replace("from = 5000", "from = 500");
    let bad = write(dir.path(), "bad.toml", bad.as_bytes());
    assert_bad_input(
        &run(&[
            "policy",
            "check",
            "--config",
            bad.to_str().unwrap(),
            "--height",
            "1",
            "--sig-alg",
            "secp256k1",
        ]),
        "signatures.phases: phases[2].from: heights must increase",
    );
    let typo = write(
        dir.path(),
        "typo.json",
        b"{\"version\": 1,\n \"signatures\": {\"phasez\": []}}",
    );
    assert_bad_input(
        &run(&[
            "policy",
            "check",
            "--config",
            typo.to_str().unwrap(),
            "--height",
            "1",
            "--sig-alg",
            "secp256k1",
        ]),
        "line 2: signatures.phasez: unknown field",
    );
    assert_bad_input(
        &run(&[
            "policy",
            "check",
            "--config",
            cfg,
            "--height",
            "1",
            "--sig-alg",
            "rsa",
        ]),
        "unknown signature algorithm",
    );
    assert_bad_input(
        &run(&[
            "policy",
            "check",
            "--config",
            cfg,
            "--height",
            "1",
            "--hash-alg",
            "sha3-256",
        ]),
        "--role",
    );
}

/// Review finding 3 through the CLI: the reproductions from the review.
#[test]
fn broken_family_configs_and_transitions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let leaves = write(d, "leaves.txt", b"00\n01\n");
    assert_bad_input(
        &run(&[
            "merkle",
            "transition",
            "--from",
            "keccak-256",
            "--to",
            "sha1",
            "--height",
            "1",
            leaves.to_str().unwrap(),
        ]),
        "broken family",
    );
    for family in ["sha1", "curl-p-27"] {
        let cfg = write(
            d,
            "p.toml",
            format!(
                "version = 1\n[signatures]\nphases = [{{ phase = \"classical-accepted\", from = 0 }}]\n\
                 [hashes.merkle]\nschedule = [\n  {{ family = \"{family}\", from = 0, accepted-until = \
                 18446744073709551615 }},\n  {{ family = \"sha3-256\", from = 1 }},\n]\n"
            )
            .as_bytes(),
        );
        assert_bad_input(
            &run(&[
                "policy",
                "check",
                "--config",
                cfg.to_str().unwrap(),
                "--height",
                "18446744073709551614",
                "--hash-alg",
                family,
                "--role",
                "merkle",
            ]),
            "verify-only history",
        );
    }
}
