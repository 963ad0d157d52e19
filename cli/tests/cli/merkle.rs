//! `pqmigrate merkle root|prove|verify`.

use super::*;

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
