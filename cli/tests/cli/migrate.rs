//! `pqmigrate address`, `upgrade attest|verify` and `merkle transition`.

use super::*;

#[test]
fn address_upgrade_and_transition() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    // The secp256k1 generator as a public-key envelope (id 0x01): pinned address from
    // Python (tests/migration.rs).
    let g = write(
        dir.path(),
        "g.pub",
        b"010279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798\n",
    );
    let o = run(&["address", "--pub", g.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "0xe48eff68d1ac811dac6a4e25610c2f1e082ffecc");
    let o = run(&[
        "address",
        "--pub",
        g.to_str().unwrap(),
        "--suite",
        "sha3",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["address"],
        "0x6ef328502b059dc395b0fac15ac4a7aee63e8a51c69d09a9f3cd5f714e7730ca"
    );
    assert_bad_input(
        &run(&[
            "address",
            "--pub",
            g.to_str().unwrap(),
            "--alg",
            "ml-dsa-44",
        ]),
        "--alg is ml-dsa-44",
    );

    let seed = |b: &str| b.repeat(32);
    for (alg, s, out) in [
        ("secp256k1", seed("11"), "old"),
        ("mldsa65-ecdsa-secp256k1-sha512", seed("22"), "new"),
    ] {
        let o = run_stdin(
            &[
                "keygen",
                "--unencrypted",
                "--alg",
                alg,
                "--seed-file",
                "-",
                "--out",
                &p(out),
            ],
            s.as_bytes(),
        );
        assert!(o.status.success());
    }
    let attest = |height: &str| {
        run(&[
            "upgrade",
            "attest",
            "--key",
            &p("old.key"),
            "--new-pub",
            &p("new.pub"),
            "--chain-id",
            "chain-1",
            "--height",
            height,
        ])
    };
    let o = attest("1200");
    assert!(o.status.success());
    let att = write(dir.path(), "up.hex", &o.stdout);
    let att_arg = format!("@{}", att.display());
    let verify = |chain: &str, height: &str, cfg: Option<&Path>, att: &str| {
        let mut args = vec!["upgrade", "verify", "--chain-id", chain, "--height", height];
        if let Some(c) = cfg {
            args.extend(["--config", c.to_str().unwrap()]);
        }
        args.push(att);
        run(&args)
    };
    let o = verify("chain-1", "1200", None, &att_arg);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = verify("chain-2", "1200", None, &att_arg);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "invalid");
    // The including block's height is required, and without a policy it must be the
    // attestation's own.
    assert_bad_input(
        &run(&["upgrade", "verify", "--chain-id", "chain-1", &att_arg]),
        "--height",
    );
    let o = verify("chain-1", "1201", None, &att_arg);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("not the including block's height"));
    // With the policy: the same attestation made after the classical sunset is refused.
    let cfg = write(dir.path(), "p.toml", &run(&["policy", "example"]).stdout);
    let o = attest("10000");
    let late = write(dir.path(), "late.hex", &o.stdout);
    let o = verify(
        "chain-1",
        "10000",
        Some(&cfg),
        &format!("@{}", late.display()),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("classical sunset"), "{}", stdout(&o));
    // Review finding 1 (sunset bypass by backdating): an attestation the old key signs
    // for height 1 was "valid" for ever. Judged at the inclusion height it is refused
    // after the sunset, and within the window before it.
    let o = attest("1");
    let backdated = write(dir.path(), "backdated.hex", &o.stdout);
    let backdated = format!("@{}", backdated.display());
    let o = verify("chain-1", "20000", Some(&cfg), &backdated);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("refused:"), "{}", stdout(&o));
    assert_eq!(
        verify("chain-1", "11", Some(&cfg), &backdated)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        verify("chain-1", "12", Some(&cfg), &backdated)
            .status
            .code(),
        Some(1)
    );
    // Review finding 4: a height the wire format cannot carry is refused before signing
    // (it used to abort with exit 101 after signing).
    assert_bad_input(&attest("9223372036854775808"), "out of range");
    assert_bad_input(
        &run(&[
            "upgrade",
            "verify",
            "--chain-id",
            "chain-1",
            "--height",
            "1",
            "00",
        ]),
        "attestation: truncated",
    );
    assert_bad_input(
        &run(&[
            "upgrade",
            "attest",
            "--key",
            &p("new.key"),
            "--new-pub",
            &p("old.pub"),
            "--chain-id",
            "c",
            "--height",
            "1",
        ]),
        "classical-only",
    );

    // Root transition over tx0..tx4: values computed with Python (tests/migration.rs).
    let leaves: String = (0..5)
        .map(|i| hex::encode(format!("tx{i}")) + "\n")
        .collect();
    let lf = write(dir.path(), "leaves.txt", leaves.as_bytes());
    let o = run(&[
        "merkle",
        "transition",
        "--from",
        "keccak-256",
        "--to",
        "sha3-256",
        "--height",
        "2000",
        lf.to_str().unwrap(),
        "--json",
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["old"],
        "keccak-256:0e5207a06bb04c62c1676a70ed46ba1c12072020d6ecdd65a03616da9b91738f"
    );
    assert_eq!(
        v["new"],
        "sha3-256:64a3d0457f54dc6db77314dacaf8481e64565c3913fd2d5cb5964a77281d661c"
    );
    assert_eq!(
        v["binding"],
        "sha3-256:4aad898f99cdecb28297ba4396fbf33fe77975cf2c8ee6268eda341c6435a259"
    );
    assert_eq!(v["tree_size"], 5);
    assert_bad_input(
        &run(&[
            "merkle",
            "transition",
            "--from",
            "blake3",
            "--to",
            "blake3",
            lf.to_str().unwrap(),
        ]),
        "two families",
    );
}
