//! `--raw` across `verify` and `kem`: the drafts' own encodings.

use super::*;

/// `--raw`: the drafts' own encodings work directly. X-Wing draft-10 keys and
/// ciphertexts decapsulate to its shared secrets; LAMPS composite public keys and
/// signatures verify; our own raw outputs round-trip.
#[test]
fn raw_encodings_interoperate_with_the_drafts_vectors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data");
    // X-Wing: raw seed as the key file, raw ciphertext, the vector's shared secret.
    let xw: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("xwing/test-vectors.json")).unwrap())
            .unwrap();
    for (i, v) in xw.as_array().unwrap().iter().enumerate() {
        let key = write_secret(
            d,
            &format!("xw{i}.key"),
            v["seed"].as_str().unwrap().as_bytes(),
        );
        let o = run(&[
            "kem",
            "decaps",
            "--raw",
            "--alg",
            "x-wing",
            "--key",
            key.to_str().unwrap(),
            "--ct",
            v["ct"].as_str().unwrap(),
            "--show-secret",
        ]);
        assert_eq!(stdout(&o), v["ss"].as_str().unwrap(), "X-Wing vector {i}");
        // Without --raw the same ciphertext is not an envelope.
        let o = run(&[
            "kem",
            "decaps",
            "--key",
            key.to_str().unwrap(),
            "--ct",
            v["ct"].as_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2));
    }
    // `kem keygen --raw` writes the draft's raw public key.
    let seed = write_secret(d, "xw.seed", xw[0]["seed"].as_str().unwrap().as_bytes());
    let prefix = d.join("raw-xw");
    let o = run(&[
        "kem",
        "keygen",
        "--unencrypted",
        "--raw",
        "--alg",
        "x-wing",
        "--seed-file",
        seed.to_str().unwrap(),
        "--out",
        prefix.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pk = std::fs::read_to_string(d.join("raw-xw.pub")).unwrap();
    assert_eq!(pk.trim(), xw[0]["pk"].as_str().unwrap());
    // --raw needs --alg.
    assert_bad_input(
        &run(&[
            "kem",
            "encaps",
            "--raw",
            "--pub",
            d.join("raw-xw.pub").to_str().unwrap(),
        ]),
        "--alg",
    );

    // LAMPS composite vectors: raw pk and signatures (base64 in the file).
    let lamps: serde_json::Value = serde_json::from_slice(
        &std::fs::read(data.join("lamps-composite/testvectors.json")).unwrap(),
    )
    .unwrap();
    let b64 = |s: &serde_json::Value| {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(s.as_str().unwrap())
            .unwrap()
    };
    let msg = write(d, "m.bin", &b64(&lamps["m"]));
    let ctx = hex::encode(b64(&lamps["ctx"]));
    for (tc, alg) in [
        ("id-MLDSA44-Ed25519-SHA512", "mldsa44-ed25519-sha512"),
        ("id-MLDSA65-ECDSA-P256-SHA512", "mldsa65-ecdsa-p256-sha512"),
    ] {
        let case = lamps["tests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["tcId"] == tc)
            .unwrap();
        let pk = write(
            d,
            &format!("{alg}.pub"),
            hex::encode(b64(&case["pk"])).as_bytes(),
        );
        for (field, c) in [("s", ""), ("sWithContext", ctx.as_str())] {
            let o = run(&[
                "verify",
                "--raw",
                "--alg",
                alg,
                "--lamps-interop",
                "--pub",
                pk.to_str().unwrap(),
                "--sig",
                &hex::encode(b64(&case[field])),
                "--ctx",
                c,
                msg.to_str().unwrap(),
            ]);
            assert_eq!(stdout(&o), "valid", "{tc} {field}");
        }
    }

    // Our own raw outputs round-trip: keygen, sign, verify, inspect, address.
    let seed = write_secret(d, "s.hex", "33".repeat(32).as_bytes());
    let prefix = d.join("raw-sig");
    let alg = "mldsa44-ecdsa-secp256k1-sha256";
    let o = run(&[
        "keygen",
        "--unencrypted",
        "--raw",
        "--alg",
        alg,
        "--seed-file",
        seed.to_str().unwrap(),
        "--out",
        prefix.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let (pk, key) = (d.join("raw-sig.pub"), d.join("raw-sig.key"));
    let pk_hex = std::fs::read_to_string(&pk).unwrap();
    assert_eq!(pk_hex.trim().len(), 2 * (1312 + 33), "raw: no envelope id");
    let o = run(&[
        "sign",
        "--raw",
        "--alg",
        alg,
        "--key",
        key.to_str().unwrap(),
        msg.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sig = stdout(&o);
    assert_eq!(sig.len(), 2 * (2420 + 64));
    let verify = |extra: &[&str]| {
        let mut args = vec!["verify", "--pub", pk.to_str().unwrap(), "--sig", &sig];
        args.extend(extra);
        args.push(msg.to_str().unwrap());
        run(&args)
    };
    assert_eq!(stdout(&verify(&["--raw", "--alg", alg])), "valid");
    assert_eq!(
        verify(&[]).status.code(),
        Some(2),
        "raw bytes are no envelope"
    );
    let o = run(&["inspect", "--raw", "--alg", alg, pk_hex.trim()]);
    assert!(
        stdout(&o).contains("kind:       public key"),
        "{}",
        stdout(&o)
    );
    let o = run(&[
        "address",
        "--raw",
        "--alg",
        alg,
        "--pub",
        pk.to_str().unwrap(),
    ]);
    assert!(o.status.success());
}
