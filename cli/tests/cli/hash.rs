//! `pqmigrate hash` and `digest decode`: known answers, agreement with coreutils and Python hashlib, legacy families.

use super::*;

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
