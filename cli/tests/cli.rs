//! Runs the built `pqmigrate` binary: success, negative answer and bad input for every
//! subcommand, and agreement with independent tools (coreutils, Python hashlib).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_pqmigrate"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run pqmigrate")
}

fn run_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that refuses its arguments exits without reading stdin: a broken pipe
    // here is expected then, not a test failure.
    match child.stdin.take().unwrap().write_all(stdin) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.unwrap(),
    }
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone())
        .unwrap()
        .trim_end()
        .to_string()
}

/// Exit 2 with exactly one line on stderr that contains `needle`.
fn assert_bad_input(o: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line on stderr: {err:?}"
    );
    assert!(
        err.contains(needle),
        "stderr {err:?} should mention {needle:?}"
    );
}

fn write(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, data).unwrap();
    p
}

/// A secret file (seed or key) with mode 0600, as the CLI requires.
fn write_secret(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let p = write(dir, name, data);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    p
}

fn sample() -> Vec<u8> {
    (0..100_003u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect()
}

/// Runs an external reference tool; `None` (with a visible SKIP) when it is missing.
fn reference(cmd: &str, args: &[&str]) -> Option<String> {
    match Command::new(cmd).args(args).output() {
        Ok(o) if o.status.success() => Some(String::from_utf8(o.stdout).unwrap()),
        _ => {
            let _ = writeln!(std::io::stderr(), "SKIP: reference tool {cmd} unavailable");
            None
        }
    }
}

#[test]
fn hash_agrees_with_sha256sum() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "data.bin", &sample());
    let Some(out) = reference("sha256sum", &[f.to_str().unwrap()]) else {
        return;
    };
    let expected = out.split_whitespace().next().unwrap();
    let o = run(&["hash", "--alg", "sha2-256", f.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), format!("sha2-256:{expected}"));
}

#[test]
fn hash_agrees_with_python_hashlib() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "data.bin", &sample());
    for (ours, py) in [
        ("sha2-512", "sha512"),
        ("sha3-256", "sha3_256"),
        ("sha3-512", "sha3_512"),
    ] {
        let script = format!(
            "import hashlib,sys;print(hashlib.{py}(open(sys.argv[1],'rb').read()).hexdigest())"
        );
        let Some(out) = reference("python3", &["-c", &script, f.to_str().unwrap()]) else {
            return;
        };
        let o = run(&["hash", "--alg", ours, f.to_str().unwrap()]);
        assert_eq!(stdout(&o), format!("{ours}:{}", out.trim()), "{ours}");
    }
}

#[test]
fn hash_keccak_and_blake3_known_answers() {
    // Keccak-256("abc") (Ethereum) and BLAKE3("abc") (b3sum), also via stdin.
    let o = run_stdin(&["hash", "--alg", "keccak-256", "-"], b"abc");
    assert_eq!(
        stdout(&o),
        "keccak-256:4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
    );
    let o = run_stdin(&["hash", "--alg", "blake3"], b"abc");
    assert_eq!(
        stdout(&o),
        "blake3:6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85"
    );
}

#[test]
fn hash_blake3_matches_official_kat_input() {
    // The BLAKE3 KAT's 1024-byte case (input i mod 251), as b3sum would print it.
    let kat =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/data/blake3/test_vectors.json");
    let text = std::fs::read_to_string(&kat).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let case = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["input_len"] == 1024)
        .unwrap();
    let input: Vec<u8> = (0..1024).map(|i| (i % 251) as u8).collect();
    let o = run_stdin(&["hash", "--alg", "blake3", "-"], &input);
    assert_eq!(
        stdout(&o),
        format!("blake3:{}", &case["hash"].as_str().unwrap()[..64])
    );
}

#[test]
fn hash_multihash_and_json() {
    let o = run_stdin(&["hash", "--alg", "sha3-256", "--multihash"], b"");
    assert_eq!(
        stdout(&o),
        "1620a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"
    );
    let o = run_stdin(&["hash", "--alg", "sha3-256", "--json"], b"");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["alg"], "sha3-256");
    assert_eq!(v["input_bytes"], 0);
    assert_eq!(
        v["multihash"],
        "1620a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"
    );
}

#[test]
fn hash_bad_input() {
    assert_bad_input(
        &run(&["hash", "--alg", "md5", "-"]),
        "unknown hash algorithm \"md5\"",
    );
    assert_bad_input(
        &run(&["hash", "--alg", "sha2-256", "/nonexistent/file"]),
        "/nonexistent/file",
    );
    assert_bad_input(&run(&["hash"]), "--alg");
}

#[test]
fn hash_legacy_sha1_flags_collision_attacks() {
    // FIPS 180-2 A.1, and Python hashlib as an independent check.
    let o = run_stdin(&["hash", "--alg", "sha1"], b"abc");
    assert!(o.status.success());
    assert_eq!(stdout(&o), "sha1:a9993e364706816aba3e25717850c26c9cd0d89d");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/sha1");
    for (file, sha1) in [
        (
            "shattered-1.prefix320.bin",
            "f92d74e3874587aaf443d1db961d4e26dde13e9c",
        ),
        (
            "sha-mbles-2.bin",
            "8ac60ba76f1999a1ab70223f225aefdc78d4ddc0",
        ),
    ] {
        let o = run(&["hash", "--alg", "sha1", dir.join(file).to_str().unwrap()]);
        // The legacy digest is printed, but the answer is negative.
        assert_eq!(o.status.code(), Some(1), "{file}");
        assert_eq!(stdout(&o), format!("sha1:{sha1}"));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("collision attack detected"), "{err}");
    }
}

#[test]
fn hash_legacy_curl_p27() {
    // iota.go curl_test.go known answer; input is trytes.
    let o = run_stdin(&["hash", "--alg", "curl-p-27"], b"TWENTYSEVEN\n");
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "curl-p-27:RQPYXJPRXEEPLYLAHWTTFRXXUZTV9SZPEVOQ9FZATCXJOZLZ9A9BFXTUBSHGXN9OOA9GWIPGAAWEDVNPN"
    );
    assert_bad_input(
        &run_stdin(&["hash", "--alg", "curl-p-27"], b"abc"),
        "trytes",
    );
    assert_bad_input(
        &run_stdin(&["hash", "--alg", "curl-p-27", "--multihash"], b"A"),
        "multihash",
    );
}

#[test]
fn algs_lists_the_registry() {
    let o = run(&["algs"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for name in [
        "sha2-256",
        "sha2-512",
        "sha3-256",
        "sha3-512",
        "keccak-256",
        "blake3",
        "sha1",
        "curl-p-27",
    ] {
        assert!(text.contains(name), "{name}");
    }
    let o = run(&["algs", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let hashes = v["hashes"].as_array().unwrap();
    assert_eq!(hashes.len(), 8);
    for legacy in ["sha1", "curl-p-27"] {
        let row = hashes.iter().find(|h| h["name"] == legacy).unwrap();
        assert_eq!(row["status"], "broken", "{legacy}");
    }
    let keccak = hashes.iter().find(|h| h["name"] == "keccak-256").unwrap();
    assert_eq!(keccak["code"], 0x1b);
    assert_eq!(keccak["security_bits"]["quantum_preimage"], 128);
}

#[test]
fn digest_decode() {
    let good = "1b20c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470";
    let o = run(&["digest", "decode", good]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "keccak-256:c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    );
    let o = run(&["digest", "decode", &good.to_uppercase(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["code"], 0x1b);
    assert_eq!(v["length"], 32);

    assert_bad_input(
        &run(&["digest", "decode", "1520aa"]),
        "unknown hash algorithm id 0x15",
    );
    assert_bad_input(
        &run(&["digest", "decode", &good.replacen("1b20", "1b21", 1)]),
        "wrong length",
    );
    assert_bad_input(
        &run(&["digest", "decode", &format!("{good}00")]),
        "trailing",
    );
    assert_bad_input(
        &run(&["digest", "decode", &format!("9b00{}", &good[2..])]),
        "non-minimal varint",
    );
    assert_bad_input(&run(&["digest", "decode", "1b20zz"]), "invalid hex");
    assert_bad_input(&run(&["digest", "decode", &good[..20]]), "truncated");
}

#[test]
fn merkle_root_prove_verify() {
    let dir = tempfile::tempdir().unwrap();
    // The Certificate Transparency reference leaves: the 8-leaf SHA-256 root is known.
    let leaves =
        "\n00\n10\n2021\n3031\n40414243\n5051525354555657\n606162636465666768696a6b6c6d6e6f\n";
    let f = write(dir.path(), "leaves.txt", leaves.as_bytes());
    let fs = f.to_str().unwrap();
    let o = run(&["merkle", "root", "--alg", "sha2-256", fs]);
    let root = stdout(&o);
    assert_eq!(
        root,
        "sha2-256:5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
    );
    let o = run(&["merkle", "root", "--alg", "sha2-256", fs, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["leaves"], 8);

    // Empty file: the empty tree.
    let empty = write(dir.path(), "empty.txt", b"");
    let o = run(&[
        "merkle",
        "root",
        "--alg",
        "sha2-256",
        empty.to_str().unwrap(),
    ]);
    assert_eq!(
        stdout(&o),
        "sha2-256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );

    let o = run(&["merkle", "prove", "--alg", "sha2-256", "--index", "5", fs]);
    assert!(o.status.success());
    let proof = write(dir.path(), "proof.json", &o.stdout);
    let ps = proof.to_str().unwrap();
    let verify = |leaf: &str, root: &str| {
        run(&[
            "merkle", "verify", "--alg", "sha2-256", "--root", root, "--leaf", leaf, "--proof", ps,
        ])
    };
    let o = verify("40414243", &root);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "valid");
    let o = verify("40414244", &root);
    assert_eq!(o.status.code(), Some(1), "wrong leaf is a negative answer");
    assert_eq!(stdout(&o), "invalid");
    let other_root = "sha2-256:6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d";
    assert_eq!(verify("40414243", other_root).status.code(), Some(1));

    // Bad input: wrong family, malformed root, out-of-range index, tampered proof files.
    assert_bad_input(&verify("40414243", "keccak-256:00"), "--root");
    assert_bad_input(
        &run(&[
            "merkle", "verify", "--alg", "sha3-256", "--root", &root, "--leaf", "00", "--proof", ps,
        ]),
        "--root is a sha2-256 digest",
    );
    assert_bad_input(
        &run(&["merkle", "prove", "--alg", "sha2-256", "--index", "8", fs]),
        "leaf index 8 out of range",
    );
    // Tampered proof files: each edit of the JSON must be bad input naming the problem.
    let text = std::fs::read_to_string(&proof).unwrap();
    let tampered = |name: &str, edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        edit(&mut v);
        let f = write(dir.path(), name, v.to_string().as_bytes());
        run(&[
            "merkle",
            "verify",
            "--alg",
            "sha2-256",
            "--root",
            &root,
            "--leaf",
            "00",
            "--proof",
            f.to_str().unwrap(),
        ])
    };
    let short = tampered("short.json", &|v| {
        v["path"].as_array_mut().unwrap().pop();
    });
    // Counted in nodes, not bytes (review finding 8).
    assert_bad_input(
        &short,
        "wrong number of inclusion proof path nodes: expected 3, got 2",
    );
    assert_bad_input(
        &tampered("extra.json", &|v| v["extra"] = serde_json::json!(1)),
        "unknown field",
    );
    assert_bad_input(
        &tampered("other.json", &|v| v["alg"] = serde_json::json!("blake3")),
        "proof is for blake3",
    );
}

#[test]
fn merkle_leaf_file_errors_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "bad.txt", b"00\n0g\n");
    assert_bad_input(
        &run(&["merkle", "root", "--alg", "blake3", f.to_str().unwrap()]),
        "line 2",
    );
    let f = write(dir.path(), "odd.txt", b"abc\n");
    assert_bad_input(
        &run(&[
            "merkle",
            "prove",
            "--alg",
            "blake3",
            "--index",
            "0",
            f.to_str().unwrap(),
        ]),
        "line 1",
    );
}

#[test]
fn help_has_examples() {
    for args in [
        &["--help"][..],
        &["hash", "--help"],
        &["merkle", "verify", "--help"],
        &["digest", "decode", "--help"],
        &["algs", "--help"],
        &["keygen", "--help"],
        &["sign", "--help"],
        &["verify", "--help"],
        &["inspect", "--help"],
        &["merkle", "root", "--help"],
        &["merkle", "prove", "--help"],
        &["merkle", "transition", "--help"],
        &["policy", "example", "--help"],
        &["policy", "check", "--help"],
        &["address", "--help"],
        &["upgrade", "attest", "--help"],
        &["upgrade", "verify", "--help"],
        &["kem", "keygen", "--help"],
        &["kem", "encaps", "--help"],
        &["kem", "decaps", "--help"],
        &["conformance", "--help"],
        &["vectors", "generate", "--help"],
        &["vectors", "check", "--help"],
        &["tour", "--help"],
        &["bench", "--help"],
        &["advise", "--help"],
        &["completions", "--help"],
        &["policy", "--help"],
        &["merkle", "--help"],
        &["digest", "--help"],
        &["upgrade", "--help"],
        &["kem", "--help"],
        &["vectors", "--help"],
        &["address", "--help"],
        &["hash", "--help"],
    ] {
        let o = run(args);
        assert!(o.status.success(), "{args:?}");
        assert!(stdout(&o).contains("Examples:"), "{args:?}");
    }
}

#[test]
fn keygen_sign_verify_inspect() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let msg = write(d, "tx.bin", b"transfer 10 coins");
    let m = msg.to_str().unwrap();
    let seed = write_secret(d, "seed.hex", "42".repeat(32).as_bytes());
    let seed = seed.to_str().unwrap();
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
    ] {
        let prefix = d.join(alg);
        let p = prefix.to_str().unwrap();
        let o = run(&["keygen", "--alg", alg, "--seed-file", seed, "--out", p]);
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
        let mut args = vec!["sign", "--key", &keyf, "--deterministic"];
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
            text.contains("secret key") && text.contains("not shown"),
            "{alg}"
        );
        let key_hex = std::fs::read_to_string(&keyf).unwrap();
        assert!(
            !text.contains(&key_hex.trim()[4..20]),
            "{alg}: inspect must not print secrets"
        );
    }
}

#[test]
fn signature_cli_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let p = d.join("k");
    let ps = p.to_str().unwrap();
    assert_bad_input(
        &run(&["keygen", "--alg", "rsa", "--out", ps]),
        "unknown signature algorithm",
    );
    assert_bad_input(
        &run_stdin(
            &[
                "keygen",
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
        run(&["keygen", "--alg", "secp256k1", "--out", ps])
            .status
            .success()
    );
    assert_bad_input(
        &run(&["keygen", "--alg", "secp256k1", "--out", ps]),
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
            &["keygen", "--alg", alg, "--seed-file", "-", "--out", &p(out)],
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
            run(&["kem", "keygen", "--alg", alg, "--out", &prefix])
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
        &run(&["kem", "keygen", "--alg", "x-wing", "--out", &p("xw")]),
        "exists",
    );
    assert_bad_input(
        &run(&["kem", "keygen", "--alg", "kyber", "--out", &p("k")]),
        "unknown KEM",
    );
}

#[test]
fn conformance_reports() {
    let o = run(&["conformance", "--builtin", "naive-bitcoin"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("EXPOSED") && text.contains("cve-2012-2459"),
        "{text}"
    );
    let o = run(&["conformance", "--builtin", "naive-bitcoin", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let status = |id: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status("cve-2012-2459"), "exposed");
    assert_eq!(status("cve-2017-12842"), "exposed");
    for alg in ["sha2-256", "sha3-256", "keccak-256", "blake3"] {
        let o = run(&[
            "conformance",
            "--builtin",
            "rfc9162",
            "--alg",
            alg,
            "--json",
        ]);
        assert_eq!(o.status.code(), Some(0), "{alg}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["exposed"], 0);
    }
    assert_bad_input(
        &run(&["conformance", "--builtin", "ethereum"]),
        "invalid value",
    );
}

#[test]
fn vectors_generate_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("v");
    let o = run(&["vectors", "generate", "--out", out.to_str().unwrap()]);
    assert!(o.status.success());
    let o = run(&["vectors", "check", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("8 of 8 files match"));
    // The committed directory is current.
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors");
    let o = run(&["vectors", "check", committed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A changed value is found and located; a missing file too.
    let kat = out.join("hash/kat.json");
    let text = std::fs::read_to_string(&kat).unwrap();
    let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    std::fs::write(&kat, text.replacen(abc, &abc.replace('b', "c"), 1)).unwrap();
    std::fs::remove_file(out.join("kem/kem.json")).unwrap();
    let o = run(&["vectors", "check", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("MISMATCH  hash/kat.json: value differs at /digests/1/digest"),
        "{text}"
    );
    assert!(text.contains("MISMATCH  kem/kem.json: missing"), "{text}");
    assert_bad_input(
        &run(&["vectors", "check", "/nonexistent-dir"]),
        "not a directory",
    );
}

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
        "7. Advise",
    ] {
        assert!(text.contains(section), "{section}");
    }
    let o = run(&["tour", "--json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["upgrade"]["verified"], true);
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
    assert_eq!(v["x_wing"]["encapsulation_key_bytes"], 1216);
    assert_eq!(v["x_wing"]["ciphertext_bytes"], 1120);
    assert!(v["advise"]["recommendation"]["alg"].is_string());
}

#[test]
fn bench_and_advise() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bench.json");
    let o = run(&["bench", "--budget-ms", "2", "--out", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(b["signatures"].as_array().unwrap().len(), 11);
    assert_eq!(b["kems"].as_array().unwrap().len(), 3);
    assert!(b["signatures"][0]["verify_us"].as_f64().unwrap() > 0.0);

    // The seed's example: 1 MB blocks of ~588-byte transactions = 1,700 tx ≈ 3 tps.
    let args = [
        "advise",
        "--bench",
        file.to_str().unwrap(),
        "--block-bytes",
        "1000000",
        "--tx-bytes",
        "588",
        "--block-seconds",
        "600",
        "--cores",
        "2",
        "--category",
        "3",
    ];
    let o = run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = stdout(&o);
    assert!(
        text.contains("today: 1700 tx/block of 588 bytes = 2.83 tps"),
        "{text}"
    );
    assert!(text.contains("recommendation: "), "{text}");
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let v: serde_json::Value = serde_json::from_slice(&run(&json_args).stdout).unwrap();
    let secp = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["alg"] == "secp256k1")
        .unwrap();
    assert_eq!(secp["tx_per_block"], 1700);
    let rec = v["recommendation"]["alg"].as_str().unwrap();
    let row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["alg"] == rec)
        .unwrap();
    assert!(row["category"].as_u64().unwrap() >= 3);

    // The SVG plot: well-formed, one bar per scheme in each panel.
    let svg = dir.path().join("advise.svg");
    let mut plot_args = args.to_vec();
    plot_args.extend_from_slice(&["--plot", svg.to_str().unwrap()]);
    assert!(run(&plot_args).status.success());
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"));
    assert_eq!(
        text.matches("<rect ").count(),
        1 + 2 * 11,
        "background + 2 panels x 11 schemes"
    );
    assert!(text.contains("mldsa65-ecdsa-secp256k1-sha512") && text.contains("1700 tx"));
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok()
    {
        let parsed = std::process::Command::new("python3")
            .args([
                "-c",
                "import sys, xml.dom.minidom as m; m.parse(sys.argv[1])",
            ])
            .arg(&svg)
            .status()
            .unwrap();
        assert!(parsed.success(), "SVG is not well-formed XML");
    }

    // Criterion output as the source of speeds.
    let crit = dir.path().join("criterion/sig_secp256k1/verify/new");
    std::fs::create_dir_all(&crit).unwrap();
    std::fs::write(
        crit.join("benchmark.json"),
        r#"{"group_id":"sig/secp256k1","function_id":"verify"}"#,
    )
    .unwrap();
    std::fs::write(
        crit.join("estimates.json"),
        r#"{"median":{"point_estimate":50000.0}}"#,
    )
    .unwrap();
    for (f, ns) in [("keygen", 20000.0), ("sign", 30000.0)] {
        let d = dir.path().join(format!("criterion/sig_secp256k1/{f}/new"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(
            d.join("benchmark.json"),
            format!(r#"{{"group_id":"sig/secp256k1","function_id":"{f}"}}"#),
        )
        .unwrap();
        std::fs::write(
            d.join("estimates.json"),
            format!(r#"{{"median":{{"point_estimate":{ns}}}}}"#),
        )
        .unwrap();
    }
    let o = run(&[
        "advise",
        "--from-criterion",
        dir.path().join("criterion").to_str().unwrap(),
        "--tx-bytes",
        "588",
        "--cores",
        "2",
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["speeds_from"]["source"], "criterion");
    let secp = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["alg"] == "secp256k1")
        .unwrap();
    // 1700 × 50 µs / 2 cores = 42.5 ms.
    assert_eq!(secp["verify_ms_per_block"], 42.5);

    // Bad input: exit 2 with a hint.
    assert_bad_input(
        &run(&[
            "advise",
            "--bench",
            file.to_str().unwrap(),
            "--tx-bytes",
            "50",
        ]),
        "--tx-bytes 50",
    );
    assert_bad_input(
        &run(&[
            "advise",
            "--bench",
            dir.path().join("none.json").to_str().unwrap(),
        ]),
        "pqmigrate bench --quick",
    );
}

#[test]
fn completions_for_bash_and_zsh() {
    for shell in ["bash", "zsh", "fish"] {
        let o = run(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let text = stdout(&o);
        assert!(
            text.contains("pqmigrate") && text.contains("advise"),
            "{shell}"
        );
    }
    assert_bad_input(&run(&["completions", "cmd.exe"]), "invalid value");
}

#[test]
fn closed_stdout_is_not_a_crash() {
    // `pqmigrate vectors generate`-sized output into a reader that stops at once.
    let mut child = bin()
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0));
}

/// Review finding 5: every input has a limit; `/dev/zero` ends in a one-line error, not
/// in memory exhaustion.
#[cfg(unix)]
#[test]
fn cli_inputs_have_size_limits() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let keygen = run(&[
        "keygen",
        "--alg",
        "ml-dsa-44",
        "--out",
        d.join("k").to_str().unwrap(),
    ]);
    assert!(keygen.status.success());
    let msg = write(d, "m", b"m");
    let (pk, m) = (d.join("k.pub"), msg.to_str().unwrap());
    let pk = pk.to_str().unwrap();
    for (args, needle) in [
        (vec!["inspect", "@/dev/zero"], "limit"),
        (
            vec!["verify", "--pub", "/dev/zero", "--sig", "00", m],
            "limit",
        ),
        (
            vec!["verify", "--pub", pk, "--sig", "@/dev/zero", m],
            "limit",
        ),
        (
            vec![
                "policy",
                "check",
                "--config",
                "/dev/zero",
                "--height",
                "1",
                "--sig-alg",
                "secp256k1",
            ],
            "limit",
        ),
        (
            vec![
                "upgrade",
                "verify",
                "--chain-id",
                "c",
                "--height",
                "1",
                "@/dev/zero",
            ],
            "limit",
        ),
        (
            vec!["kem", "decaps", "--key", "/dev/zero", "--ct", "00"],
            "limit",
        ),
        (
            vec!["sign", "--key", "/dev/zero", "--insecure-key-file", m],
            "limit",
        ),
    ] {
        let o = run(&args);
        assert_bad_input(&o, needle);
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("/dev/zero"),
            "{args:?}"
        );
    }
}

/// Review finding 6: key files readable by others are refused unless overridden, and
/// seeds never travel in argv.
#[cfg(unix)]
#[test]
fn secret_files_with_loose_permissions_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let prefix = d.join("k");
    let o = run(&[
        "keygen",
        "--alg",
        "secp256k1",
        "--out",
        prefix.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let key = d.join("k.key");
    let mode = std::fs::metadata(&key).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "keygen writes 0600");
    let msg = write(d, "m", b"m");
    let sign = |extra: &[&str]| {
        let mut args = vec!["sign", "--key", key.to_str().unwrap()];
        args.extend(extra);
        args.push(msg.to_str().unwrap());
        run(&args)
    };
    assert!(sign(&[]).status.success());
    for loose in [0o640, 0o604, 0o644] {
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(loose)).unwrap();
        assert_bad_input(&sign(&[]), "chmod 600");
        assert!(sign(&["--insecure-key-file"]).status.success(), "{loose:o}");
    }
    // The old `--seed HEX` (visible in `ps`) is gone; seeds come from a file or stdin.
    assert_bad_input(
        &run(&[
            "keygen",
            "--alg",
            "secp256k1",
            "--seed",
            &"11".repeat(32),
            "--out",
            d.join("x").to_str().unwrap(),
        ]),
        "unexpected argument '--seed'",
    );
    let seed = write(d, "seed.hex", "11".repeat(32).as_bytes());
    std::fs::set_permissions(&seed, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_bad_input(
        &run(&[
            "keygen",
            "--alg",
            "secp256k1",
            "--seed-file",
            seed.to_str().unwrap(),
            "--out",
            d.join("y").to_str().unwrap(),
        ]),
        "chmod 600",
    );
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

/// The commands of the README's CLI reference block, as `cmd` or `cmd sub`.
fn readme_commands() -> std::collections::BTreeSet<String> {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    let block = readme
        .split("## CLI\n")
        .nth(1)
        .unwrap()
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    block
        .lines()
        .filter_map(|l| l.strip_prefix("pqmigrate "))
        .map(|rest| {
            let words: Vec<&str> = rest.split_whitespace().take(2).collect();
            match words.as_slice() {
                [cmd, sub, ..] if sub.chars().all(|c| c.is_ascii_lowercase()) => {
                    format!("{cmd} {sub}")
                }
                [cmd, ..] => cmd.to_string(),
                [] => String::new(),
            }
        })
        .collect()
}

/// Subcommand names from a `--help` text's `Commands:` section (without `help`).
fn help_commands(args: &[&str]) -> Vec<String> {
    let mut a = args.to_vec();
    a.push("--help");
    let text = stdout(&run(&a));
    text.split("Commands:\n")
        .nth(1)
        .map(|s| {
            s.lines()
                .take_while(|l| l.starts_with("  "))
                .filter_map(|l| l.split_whitespace().next())
                .filter(|c| *c != "help")
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// `--help` and the README's CLI reference list the same commands and subcommands.
#[test]
fn readme_cli_reference_matches_help() {
    let mut from_help = std::collections::BTreeSet::new();
    for cmd in help_commands(&[]) {
        let subs = help_commands(&[&cmd]);
        if subs.is_empty() {
            from_help.insert(cmd);
        } else {
            for sub in subs {
                from_help.insert(format!("{cmd} {sub}"));
            }
        }
    }
    assert_eq!(readme_commands(), from_help);
}

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
