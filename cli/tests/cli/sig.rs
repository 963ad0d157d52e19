//! `pqmigrate keygen|sign|verify|inspect`.

use super::*;

#[test]
fn keygen_sign_verify_inspect() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let msg = write(d, "tx.bin", b"transfer 10 coins");
    let m = msg.to_str().unwrap();
    let seed = write_secret(d, "seed.hex", "42".repeat(32).as_bytes());
    let seed = seed.to_str().unwrap();
    let pass = write_secret(d, "pass.txt", b"a passphrase\n");
    let pass = pass.to_str().unwrap();
    for alg in [
        "secp256k1",
        "ml-dsa-44",
        "ml-dsa-65",
        "ml-dsa-87",
        "mldsa44-ecdsa-secp256k1-sha256",
        "mldsa65-ecdsa-secp256k1-sha512",
        "mldsa87-ecdsa-secp256k1-sha512",
        "mldsa44-ecdsa-p256-sha256",
        "mldsa65-ecdsa-p256-sha512",
        "mldsa44-ed25519-sha512",
        "mldsa65-ed25519-sha512",
        "fn-dsa-512",
        "fndsa1024-ecdsa-secp256k1-sha512",
        "slh-dsa-sha2-128f",
    ] {
        let prefix = d.join(alg);
        let p = prefix.to_str().unwrap();
        // Encrypted (the default), with a light KDF to keep the test fast.
        let o = run(&[
            "keygen",
            "--alg",
            alg,
            "--seed-file",
            seed,
            "--passphrase-file",
            pass,
            "--kdf",
            "scrypt:10:8:1",
            "--out",
            p,
        ]);
        assert!(
            o.status.success(),
            "{alg}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let (pubf, keyf) = (format!("{p}.pub"), format!("{p}.key"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&keyf).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{alg}: key file mode");
        }
        let ctx: &[&str] = if alg == "secp256k1" {
            &[]
        } else {
            &["--ctx", "0a0b"]
        };
        let mut args = vec![
            "sign",
            "--key",
            &keyf,
            "--passphrase-file",
            pass,
            "--deterministic",
        ];
        args.extend_from_slice(ctx);
        args.push(m);
        let o = run(&args);
        assert!(
            o.status.success(),
            "{alg}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let sig = stdout(&o);
        // Deterministic: the same again.
        assert_eq!(stdout(&run(&args)), sig, "{alg}");

        let verify = |sig: &str, ctx: &[&str], file: &str| {
            let mut v = vec!["verify", "--pub", &pubf, "--sig", sig];
            v.extend_from_slice(ctx);
            v.push(file);
            run(&v)
        };
        let o = verify(&sig, ctx, m);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{alg}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(stdout(&o), "valid");
        // Signature from a file with @FILE.
        let sigf = write(d, &format!("{alg}.sig"), format!("{sig}\n").as_bytes());
        assert_eq!(
            verify(&format!("@{}", sigf.display()), ctx, m)
                .status
                .code(),
            Some(0)
        );
        // Negative answers: another message, another context.
        let other = write(d, "other.bin", b"transfer 11 coins");
        assert_eq!(
            verify(&sig, ctx, other.to_str().unwrap()).status.code(),
            Some(1),
            "{alg}"
        );
        assert_eq!(
            verify(&sig, &["--ctx", "ff"], m).status.code(),
            Some(1),
            "{alg}"
        );
        // Bad input: truncated signature.
        assert_bad_input(&verify(&sig[..sig.len() - 2], ctx, m), "--sig");

        let o = run(&["inspect", &format!("@{pubf}"), "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["kind"], "public key");
        assert_eq!(v["alg"], alg);
        let o = run(&["inspect", &sig]);
        assert!(stdout(&o).contains("kind:       signature"), "{alg}");
        let o = run(&["inspect", &format!("@{keyf}")]);
        let text = stdout(&o);
        assert!(
            text.contains("kind:       encrypted private key") && text.contains("scrypt:10:8:1"),
            "{alg}: {text}"
        );
        let key_pem = std::fs::read_to_string(&keyf).unwrap();
        let (label, format) = if [
            "secp256k1",
            "ml-dsa-44",
            "ml-dsa-65",
            "ml-dsa-87",
            "slh-dsa-sha2-128f",
        ]
        .contains(&alg)
            || alg.contains("-p256")
            || alg.contains("ed25519")
        {
            ("-----BEGIN ENCRYPTED PRIVATE KEY-----", "PKCS#8")
        } else {
            (
                "-----BEGIN ENCRYPTED PQMIGRATE PRIVATE KEY-----",
                "pqmigrate container",
            )
        };
        assert!(key_pem.starts_with(label), "{alg}: {key_pem}");
        assert!(text.contains(format), "{alg}: {text}");
        // Without the passphrase (no terminal here): one line, exit 2.
        assert_bad_input(&run(&["sign", "--key", &keyf, m]), "passphrase is needed");
    }
}

#[test]
fn signature_cli_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = d.join("k");
    let ps = p.to_str().unwrap();
    assert_bad_input(
        &run(&["keygen", "--unencrypted", "--alg", "rsa", "--out", ps]),
        "unknown signature algorithm",
    );
    assert_bad_input(
        &run_stdin(
            &[
                "keygen",
                "--unencrypted",
                "--alg",
                "ml-dsa-44",
                "--seed-file",
                "-",
                "--out",
                ps,
            ],
            b"00\n",
        ),
        "32 bytes",
    );
    assert!(
        run(&["keygen", "--unencrypted", "--alg", "secp256k1", "--out", ps])
            .status
            .success()
    );
    assert_bad_input(
        &run(&["keygen", "--unencrypted", "--alg", "secp256k1", "--out", ps]),
        "exists",
    );
    let msg = write(d, "m", b"m");
    let key = format!("{ps}.key");
    assert_bad_input(
        &run(&["sign", "--key", &key, "--ctx", "01", msg.to_str().unwrap()]),
        "context",
    );
    let garbage = write_secret(d, "garbage.key", b"zz\n");
    assert_bad_input(
        &run(&[
            "sign",
            "--key",
            garbage.to_str().unwrap(),
            msg.to_str().unwrap(),
        ]),
        "--key",
    );
    // A signature under another algorithm is a typed error, not a "no".
    let other = d.join("o");
    assert!(
        run(&[
            "keygen",
            "--unencrypted",
            "--alg",
            "ml-dsa-44",
            "--out",
            other.to_str().unwrap()
        ])
        .status
        .success()
    );
    let o = run(&[
        "sign",
        "--key",
        &format!("{}.key", other.display()),
        msg.to_str().unwrap(),
    ]);
    let sig = stdout(&o);
    assert_bad_input(
        &run(&[
            "verify",
            "--pub",
            &format!("{ps}.pub"),
            "--sig",
            &sig,
            msg.to_str().unwrap(),
        ]),
        "algorithm mismatch",
    );
    assert_bad_input(
        &run(&["inspect", "7f00"]),
        "unknown signature algorithm id 0x7f",
    );
    assert_bad_input(&run(&["inspect", "@/nonexistent"]), "/nonexistent");
}

/// Review finding 2 through the CLI: the high-S twin in `vectors/sig/composite.json` is
/// refused by default and accepted only with `--lamps-interop`.
#[test]
fn verify_refuses_high_s_p256_unless_lamps_interop() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/sig/composite.json"),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let msg = write(
        d,
        "m",
        &hex::decode(v["message_hex"].as_str().unwrap()).unwrap(),
    );
    let row = v["algorithms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["alg"] == "mldsa44-ecdsa-p256-sha256")
        .unwrap();
    let pk = write(d, "p.pub", row["public_key"].as_str().unwrap().as_bytes());
    let twin = row["negative"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["why"].as_str().unwrap().starts_with("high-S"))
        .unwrap();
    let verify = |extra: &[&str]| {
        let mut args = vec![
            "verify",
            "--pub",
            pk.to_str().unwrap(),
            "--sig",
            twin["signature"].as_str().unwrap(),
            "--ctx",
            twin["ctx_hex"].as_str().unwrap(),
        ];
        args.extend(extra);
        args.push(msg.to_str().unwrap());
        run(&args)
    };
    assert_bad_input(&verify(&[]), "high-S");
    let o = verify(&["--lamps-interop"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "valid");
}
