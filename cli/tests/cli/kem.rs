//! `pqmigrate kem keygen|encaps|decaps`.

use super::*;

#[test]
fn kem_keygen_encaps_decaps() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    // X-Wing draft-10 vector 1's seed gives its public key (id 0x51 envelope).
    let seed_hex = "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26";
    let seed_path = write_secret(dir.path(), "xw.seed", seed_hex.as_bytes());
    let seed = seed_path.to_str().unwrap();
    let o = run(&[
        "kem",
        "keygen",
        "--unencrypted",
        "--alg",
        "x-wing",
        "--seed-file",
        seed,
        "--out",
        &p("xw"),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pk = std::fs::read_to_string(p("xw.pub")).unwrap();
    assert!(pk.starts_with("51"), "{pk}");
    assert_eq!(pk.trim().len(), 2 + 2 * 1216);
    let vectors =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/xwing/test-vectors.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&vectors).unwrap()).unwrap();
    assert_eq!(v[0]["seed"], seed_hex);
    assert_eq!(&pk.trim()[2..], v[0]["pk"].as_str().unwrap());
    for alg in ["ml-kem-768", "ml-kem-1024", "x-wing"] {
        let prefix = p(alg);
        assert!(
            run(&[
                "kem",
                "keygen",
                "--unencrypted",
                "--alg",
                alg,
                "--out",
                &prefix
            ])
            .status
            .success()
        );
        let pub_file = format!("{prefix}.pub");
        // Without --show-secret only the ciphertext is printed.
        let o = run(&["kem", "encaps", "--pub", &pub_file]);
        assert!(o.status.success());
        assert_eq!(stdout(&o).lines().count(), 1);
        let o = run(&[
            "kem",
            "encaps",
            "--pub",
            &pub_file,
            "--show-secret",
            "--json",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let ct = v["ciphertext"].as_str().unwrap().to_string();
        let ss = v["shared_secret"].as_str().unwrap().to_string();
        // Review finding 6: decaps prints the shared secret only with --show-secret;
        // otherwise it says what it did, or writes it to a new 0600 file with --out.
        let decaps = |extra: &[&str]| {
            let key = format!("{prefix}.key");
            let mut args = vec!["kem", "decaps", "--key", key.as_str(), "--ct", ct.as_str()];
            args.extend(extra);
            run(&args)
        };
        let o = decaps(&[]);
        assert!(o.status.success());
        assert!(!stdout(&o).contains(&ss), "{alg}: secret printed unasked");
        assert!(stdout(&o).starts_with("decapsulated: 32-byte shared secret (not shown"));
        let o = decaps(&["--json"]);
        assert!(!stdout(&o).contains(&ss), "{alg}: secret in JSON unasked");
        let out = format!("{prefix}.ss");
        let o = decaps(&["--out", &out]);
        assert!(o.status.success());
        assert!(!stdout(&o).contains(&ss));
        assert_eq!(std::fs::read_to_string(&out).unwrap().trim(), ss);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{alg}: --out file mode");
        }
        let o = decaps(&["--show-secret"]);
        assert!(o.status.success());
        assert_eq!(stdout(&o), ss, "{alg}");
        // A truncated ciphertext is bad input; a flipped bit decapsulates (implicit rejection).
        assert_bad_input(
            &run(&[
                "kem",
                "decaps",
                "--key",
                &format!("{prefix}.key"),
                "--ct",
                &ct[..ct.len() - 2],
            ]),
            "--ct: wrong length",
        );
        let mut flipped = ct.clone().into_bytes();
        let last = flipped.len() - 1;
        flipped[last] = if flipped[last] == b'0' { b'1' } else { b'0' };
        let o = run(&[
            "kem",
            "decaps",
            "--key",
            &format!("{prefix}.key"),
            "--ct",
            std::str::from_utf8(&flipped).unwrap(),
            "--show-secret",
        ]);
        assert!(o.status.success());
        assert_ne!(stdout(&o), ss);
    }
    // Another algorithm's ciphertext, a short seed, an existing output: exit 2.
    let o = run(&["kem", "encaps", "--pub", &p("ml-kem-768.pub")]);
    let ct768 = stdout(&o);
    assert_bad_input(
        &run(&["kem", "decaps", "--key", &p("x-wing.key"), "--ct", &ct768]),
        "algorithm mismatch",
    );
    assert_bad_input(
        &run(&[
            "kem",
            "keygen",
            "--unencrypted",
            "--alg",
            "ml-kem-768",
            "--seed-file",
            seed,
            "--out",
            &p("s"),
        ]),
        "must hold 64 bytes",
    );
    assert_bad_input(
        &run(&[
            "kem",
            "keygen",
            "--unencrypted",
            "--alg",
            "x-wing",
            "--out",
            &p("xw"),
        ]),
        "exists",
    );
    assert_bad_input(
        &run(&[
            "kem",
            "keygen",
            "--unencrypted",
            "--alg",
            "kyber",
            "--out",
            &p("k"),
        ]),
        "unknown KEM",
    );
}
