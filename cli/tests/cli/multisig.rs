//! `pqmigrate multisig create | sign | combine | verify | rotate`.

use super::*;

#[test]
fn multisig_create_sign_combine_verify_rotate() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = |n: &str| d.join(n).to_str().unwrap().to_string();
    let pass = write_secret(d, "pass.txt", b"wallet\n");
    let pass = pass.to_str().unwrap();
    let keygen = |alg: &str, out: &str| {
        let o = run(&[
            "keygen",
            "--alg",
            alg,
            "--passphrase-file",
            pass,
            "--kdf",
            "scrypt:10:8:1",
            "--out",
            &p(out),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    keygen("mldsa44-ecdsa-secp256k1-sha256", "a");
    keygen("mldsa44-ecdsa-secp256k1-sha256", "b");
    keygen("secp256k1", "c");
    keygen("mldsa44-ecdsa-secp256k1-sha256", "n");
    let o = run(&[
        "multisig",
        "create",
        "--threshold",
        "2",
        "--out",
        &p("w.json"),
        &p("a.pub"),
        &p("b.pub"),
        &p("c.pub"),
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["threshold"], 2);
    assert_eq!(v["address"].as_str().unwrap().len(), 2 + 64);
    let msg = write(d, "tx", b"pay 5");
    let sign = |key: &str| {
        let o = run(&[
            "multisig",
            "sign",
            "--key",
            &p(&format!("{key}.key")),
            "--passphrase-file",
            pass,
            "--descriptor",
            &p("w.json"),
            "--ctx",
            "0102",
            msg.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        write(d, &format!("{key}.part"), &o.stdout)
    };
    let (pa, pc) = (sign("a"), sign("c"));
    let at = |f: &PathBuf| format!("@{}", f.display());
    let o = run(&[
        "multisig",
        "combine",
        "--descriptor",
        &p("w.json"),
        &at(&pc),
        &at(&pa),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sig = write(d, "tx.msig", &o.stdout);
    let verify = |extra: &[&str]| {
        let (w, s) = (p("w.json"), at(&sig));
        let mut args = vec!["multisig", "verify", "--descriptor", &w, "--sig", &s];
        args.extend_from_slice(extra);
        args.push(msg.to_str().unwrap());
        run(&args)
    };
    let o = verify(&["--ctx", "0102"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("valid: 2 of 2"));
    // Another context: a negative answer, exit 1.
    assert_eq!(verify(&["--ctx", "0103"]).status.code(), Some(1));
    // After the example policy's hybrid switch the classical member stops counting.
    let policy = write(
        d,
        "policy.toml",
        stdout(&run(&["policy", "example"])).as_bytes(),
    );
    let o = verify(&[
        "--ctx",
        "0102",
        "--config",
        policy.to_str().unwrap(),
        "--height",
        "1000",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("not counted by the policy"),
        "{}",
        stdout(&o)
    );
    // The collector counts one signer twice; a partial of another wallet; a hand-edited
    // wallet file; too few partials: one line, exit 2.
    assert_bad_input(
        &run(&[
            "multisig",
            "combine",
            "--descriptor",
            &p("w.json"),
            &at(&pa),
            &at(&pa),
        ]),
        "appears twice",
    );
    assert_bad_input(
        &run(&[
            "multisig",
            "combine",
            "--descriptor",
            &p("w.json"),
            &at(&pa),
        ]),
        "expected 2",
    );
    let text = std::fs::read_to_string(p("w.json")).unwrap();
    let addr = serde_json::from_str::<serde_json::Value>(&text).unwrap()["address"]
        .as_str()
        .unwrap()
        .to_string();
    let edited = text.replace(&addr[..10], "0x00000000");
    write(d, "edited.json", edited.as_bytes());
    assert_bad_input(
        &run(&[
            "multisig",
            "verify",
            "--descriptor",
            &p("edited.json"),
            "--sig",
            &at(&sig),
            msg.to_str().unwrap(),
        ]),
        "disagree",
    );
    // Duplicate member keys are refused at creation.
    assert_bad_input(
        &run(&[
            "multisig",
            "create",
            "--threshold",
            "1",
            "--out",
            &p("x.json"),
            &p("a.pub"),
            &p("a.pub"),
        ]),
        "twice",
    );

    // Rotation: replace the classical member by a hybrid one, authorised by 2 of 3.
    assert!(
        run(&[
            "multisig",
            "create",
            "--threshold",
            "2",
            "--out",
            &p("w2.json"),
            &p("a.pub"),
            &p("b.pub"),
            &p("n.pub"),
        ])
        .status
        .success()
    );
    let rot_sign = |key: &str| {
        let o = run(&[
            "multisig",
            "rotate",
            "sign",
            "--descriptor",
            &p("w.json"),
            "--new",
            &p("w2.json"),
            "--chain-id",
            "c1",
            "--height",
            "1200",
            "--key",
            &p(&format!("{key}.key")),
            "--passphrase-file",
            pass,
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        write(d, &format!("{key}.rot"), &o.stdout)
    };
    let (ra, rb) = (rot_sign("a"), rot_sign("b"));
    let o = run(&[
        "multisig",
        "rotate",
        "combine",
        "--descriptor",
        &p("w.json"),
        "--new",
        &p("w2.json"),
        "--chain-id",
        "c1",
        "--height",
        "1200",
        &at(&ra),
        &at(&rb),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rot = write(d, "rot.hex", &o.stdout);
    let rv = |chain: &str, height: &str| {
        run(&[
            "multisig",
            "rotate",
            "verify",
            "--chain-id",
            chain,
            "--height",
            height,
            "--config",
            policy.to_str().unwrap(),
            &at(&rot),
        ])
    };
    assert_eq!(rv("c1", "1205").status.code(), Some(0));
    assert_eq!(rv("c2", "1205").status.code(), Some(1), "another chain");
    assert_eq!(rv("c1", "1300").status.code(), Some(1), "too late");
}
