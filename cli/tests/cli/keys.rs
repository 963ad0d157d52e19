//! `pqmigrate keygen` key files, `key export | import`, passphrases.

use super::*;

/// A light KDF for speed; the default is covered where it matters (OpenSSL, Python).
const LIGHT: &[&str] = &["--kdf", "scrypt:10:8:1"];

fn keygen(alg: &str, prefix: &str, extra: &[&str]) -> Output {
    let mut args = vec!["keygen", "--alg", alg, "--out", prefix];
    args.extend_from_slice(extra);
    run(&args)
}

fn ok(o: &Output) {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn encrypted_keys_by_default_with_passphrase_file_or_env() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = |n: &str| d.join(n).to_str().unwrap().to_string();
    let pass = write_secret(d, "pass.txt", b"open sesame\n");
    let pass = pass.to_str().unwrap();
    let msg = write(d, "m", b"block 7");
    let m = msg.to_str().unwrap();

    // No passphrase and no terminal: one line, exit 2, nothing written.
    assert_bad_input(&keygen("ml-dsa-44", &p("a"), LIGHT), "passphrase is needed");
    assert!(!d.join("a.key").exists() && !d.join("a.pub").exists());
    // A KDF beyond the ceiling is refused before anything is written.
    assert_bad_input(
        &keygen(
            "ml-dsa-44",
            &p("a"),
            &["--passphrase-file", pass, "--kdf", "scrypt:22:8:1"],
        ),
        "ceiling",
    );
    assert!(!d.join("a.key").exists());

    ok(&keygen("ml-dsa-44", &p("a"), &["--passphrase-file", pass]));
    let pem = std::fs::read_to_string(p("a.key")).unwrap();
    assert!(
        pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
        "{pem}"
    );
    let o = run(&["inspect", &format!("@{}", p("a.key")), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["kind"], "encrypted private key");
    assert_eq!(v["kdf"], "scrypt:14:8:16");
    assert_eq!(v["cipher"], "aes-256-cbc");

    // Sign with the passphrase from the file, then from an environment variable.
    let sig = run(&["sign", "--key", &p("a.key"), "--passphrase-file", pass, m]);
    ok(&sig);
    let verify = run(&["verify", "--pub", &p("a.pub"), "--sig", &stdout(&sig), m]);
    assert_eq!(stdout(&verify), "valid");
    let o = bin()
        .args([
            "sign",
            "--key",
            &p("a.key"),
            "--passphrase-env",
            "PQ_TEST_PASS",
            m,
        ])
        .env("PQ_TEST_PASS", "open sesame")
        .output()
        .unwrap();
    ok(&o);
    // Wrong passphrase, unset variable, loose passphrase file: one line, exit 2.
    let wrong = write_secret(d, "wrong.txt", b"open sesame!\n");
    assert_bad_input(
        &run(&[
            "sign",
            "--key",
            &p("a.key"),
            "--passphrase-file",
            wrong.to_str().unwrap(),
            m,
        ]),
        "wrong passphrase",
    );
    assert_bad_input(
        &run(&[
            "sign",
            "--key",
            &p("a.key"),
            "--passphrase-env",
            "PQ_UNSET_VARIABLE",
            m,
        ]),
        "not set",
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let loose = write(d, "loose.txt", b"open sesame\n");
        std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_bad_input(
            &run(&[
                "sign",
                "--key",
                &p("a.key"),
                "--passphrase-file",
                loose.to_str().unwrap(),
                m,
            ]),
            "chmod 600",
        );
    }
    // Truncated and tampered key files: one line, exit 2.
    let truncated = write_secret(d, "t.key", &pem.as_bytes()[..pem.len() / 2]);
    assert_bad_input(
        &run(&[
            "sign",
            "--key",
            truncated.to_str().unwrap(),
            "--passphrase-file",
            pass,
            m,
        ]),
        "--key",
    );
    // A KEM key (X-Wing: the pqmigrate container, which carries its public key): any
    // change to the ciphertext is refused.
    let o = run(&[
        "kem",
        "keygen",
        "--alg",
        "x-wing",
        "--out",
        &p("x"),
        "--passphrase-file",
        pass,
        "--kdf",
        "scrypt:10:8:1",
    ]);
    ok(&o);
    let xpem = std::fs::read_to_string(p("x.key")).unwrap();
    assert!(xpem.starts_with("-----BEGIN ENCRYPTED PQMIGRATE PRIVATE KEY-----\n"));
    let ct = stdout(&run(&["kem", "encaps", "--pub", &p("x.pub")]));
    let lines: Vec<&str> = xpem.lines().collect();
    for line in [3, lines.len() / 2, lines.len() - 3] {
        let mut bad: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        let mut chars: Vec<char> = bad[line].chars().collect();
        chars[10] = if chars[10] == 'A' { 'B' } else { 'A' };
        bad[line] = chars.into_iter().collect();
        let f = write_secret(
            d,
            &format!("x{line}.key"),
            (bad.join("\n") + "\n").as_bytes(),
        );
        assert_bad_input(
            &run(&[
                "kem",
                "decaps",
                "--key",
                f.to_str().unwrap(),
                "--passphrase-file",
                pass,
                "--ct",
                &ct,
            ]),
            "--key",
        );
    }
    ok(&run(&[
        "kem",
        "decaps",
        "--key",
        &p("x.key"),
        "--passphrase-file",
        pass,
        "--ct",
        &ct,
    ]));

    // --unencrypted is explicit and warns; --raw needs it.
    let o = keygen("secp256k1", &p("u"), &["--unencrypted"]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("UNENCRYPTED"));
    assert!(
        std::fs::read_to_string(p("u.key"))
            .unwrap()
            .starts_with("-----BEGIN PRIVATE KEY-----")
    );
    assert_bad_input(
        &keygen("secp256k1", &p("r"), &["--raw", "--passphrase-file", pass]),
        "--unencrypted",
    );
}

#[test]
fn export_and_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = |n: &str| d.join(n).to_str().unwrap().to_string();
    let pass = write_secret(d, "pass.txt", b"first\n");
    let pass2 = write_secret(d, "pass2.txt", b"second\n");
    let (pass, pass2) = (pass.to_str().unwrap(), pass2.to_str().unwrap());
    let msg = write(d, "m", b"tx");
    let m = msg.to_str().unwrap();
    let mut args = vec!["--passphrase-file", pass];
    args.extend_from_slice(LIGHT);
    ok(&keygen("ml-dsa-65", &p("a"), &args));

    // Public key: SPKI PEM to stdout, and back to the same envelope.
    let o = run(&[
        "key",
        "export",
        "--pub",
        &p("a.pub"),
        "--format",
        "spki",
        "--pem",
    ]);
    ok(&o);
    assert!(stdout(&o).starts_with("-----BEGIN PUBLIC KEY-----"));
    let spki = write(d, "a.spki.pem", &o.stdout);
    ok(&run(&[
        "key",
        "import",
        "--in",
        spki.to_str().unwrap(),
        "--out",
        &p("b"),
    ]));
    assert_eq!(
        std::fs::read_to_string(p("b.pub")).unwrap(),
        std::fs::read_to_string(p("a.pub")).unwrap()
    );
    assert!(!d.join("b.key").exists());

    // Private key: re-encrypted under a new passphrase, then imported and used.
    let o = run(&[
        "key",
        "export",
        "--key",
        &p("a.key"),
        "--passphrase-file",
        pass,
        "--format",
        "pkcs8",
        "--pem",
        "--new-passphrase-file",
        pass2,
        "--kdf",
        "pbkdf2:1000",
        "--out",
        &p("a.p8"),
    ]);
    ok(&o);
    let o = run(&["inspect", &format!("@{}", p("a.p8"))]);
    assert!(stdout(&o).contains("pbkdf2:1000"), "{}", stdout(&o));
    let o = run(&[
        "key",
        "import",
        "--in",
        &p("a.p8"),
        "--passphrase-file",
        pass2,
        "--out",
        &p("c"),
        "--kdf",
        "scrypt:10:8:1",
    ]);
    ok(&o);
    assert_eq!(
        std::fs::read_to_string(p("c.pub")).unwrap(),
        std::fs::read_to_string(p("a.pub")).unwrap()
    );
    // c.key is encrypted with the passphrase that opened the input.
    let sig = run(&["sign", "--key", &p("c.key"), "--passphrase-file", pass2, m]);
    ok(&sig);
    assert_eq!(
        stdout(&run(&[
            "verify",
            "--pub",
            &p("a.pub"),
            "--sig",
            &stdout(&sig),
            m
        ])),
        "valid"
    );

    // Unencrypted DER export; inspect names it and prints no secret.
    ok(&run(&[
        "key",
        "export",
        "--key",
        &p("a.key"),
        "--passphrase-file",
        pass,
        "--format",
        "pkcs8",
        "--unencrypted",
        "--out",
        &p("a.der"),
    ]));
    let der = std::fs::read(p("a.der")).unwrap();
    let o = run(&["inspect", &format!("@{}", p("a.der"))]);
    assert!(stdout(&o).contains("PKCS#8 (DER)") && stdout(&o).contains("ml-dsa-65"));
    let seed_hex = hex::encode(&der[der.len() - 32..]);
    assert!(!stdout(&o).contains(&seed_hex[..16]));

    // Refusals: a private key to stdout, an algorithm without an OID, an existing output.
    assert_bad_input(
        &run(&[
            "key",
            "export",
            "--key",
            &p("a.key"),
            "--passphrase-file",
            pass,
            "--format",
            "pkcs8",
        ]),
        "--out",
    );
    let mut args = vec!["--passphrase-file", pass];
    args.extend_from_slice(LIGHT);
    ok(&keygen("fn-dsa-512", &p("f"), &args));
    assert_bad_input(
        &run(&["key", "export", "--pub", &p("f.pub"), "--format", "spki"]),
        "no registered OID",
    );
    assert_bad_input(
        &run(&[
            "key",
            "import",
            "--in",
            &p("a.p8"),
            "--passphrase-file",
            pass2,
            "--out",
            &p("c"),
        ]),
        "exists",
    );
    // The pqmigrate container imports too (it is what `keygen` wrote for FN-DSA).
    ok(&run(&[
        "key",
        "import",
        "--in",
        &p("f.key"),
        "--passphrase-file",
        pass,
        "--out",
        &p("g"),
        "--kdf",
        "scrypt:10:8:1",
    ]));
    assert_eq!(
        std::fs::read_to_string(p("g.pub")).unwrap(),
        std::fs::read_to_string(p("f.pub")).unwrap()
    );
}

/// OpenSSL itself (the `openssl` CLI, when installed) decrypts a key file `keygen` wrote
/// with the default KDF, and reads the P-256 half of a LAMPS key as its own key type.
#[test]
fn openssl_reads_our_key_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = |n: &str| d.join(n).to_str().unwrap().to_string();
    let pass = write_secret(d, "pass.txt", b"openssl interop\n");
    let pass = pass.to_str().unwrap();
    ok(&keygen("secp256k1", &p("k"), &["--passphrase-file", pass]));
    let passin = format!("file:{pass}");
    let Some(text) = reference(
        "openssl",
        &["pkey", "-in", &p("k.key"), "-passin", &passin, "-pubout"],
    ) else {
        return;
    };
    let ours = run(&[
        "key",
        "export",
        "--pub",
        &p("k.pub"),
        "--format",
        "spki",
        "--pem",
    ]);
    assert_eq!(text.trim(), stdout(&ours));

    let mut args = vec!["--passphrase-file", pass];
    args.extend_from_slice(LIGHT);
    ok(&keygen("mldsa44-ecdsa-p256-sha256", &p("l"), &args));
    ok(&run(&[
        "key",
        "export",
        "--key",
        &p("l.key"),
        "--passphrase-file",
        pass,
        "--format",
        "pkcs8",
        "--component",
        "classical",
        "--pem",
        "--out",
        &p("p256.pem"),
    ]));
    let text = reference(
        "openssl",
        &["pkey", "-in", &p("p256.pem"), "-passin", &passin, "-pubout"],
    )
    .expect("openssl ran above");
    let ours = run(&[
        "key",
        "export",
        "--pub",
        &p("l.pub"),
        "--format",
        "spki",
        "--component",
        "classical",
        "--pem",
    ]);
    assert_eq!(text.trim(), stdout(&ours));
}
