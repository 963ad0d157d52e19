//! `chain`: BIP-360 P2MR outputs and the Ethereum EIPs' encodings, against the vectors
//! in `tests/data/chains/` (provenance in `tests/data/SOURCES.md`).

use super::*;

fn chains() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/chains")
}

/// A NIST KAT `.rsp` file's records: `pk` (hex, as a key file holds it) and `sm` bytes.
fn kat_records(path: &str) -> Vec<(String, Vec<u8>)> {
    let text = std::fs::read_to_string(chains().join(path)).unwrap();
    let mut pk = String::new();
    let mut out = Vec::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("pk = ") {
            pk = h.to_string();
        } else if let Some(h) = line.strip_prefix("sm = ") {
            out.push((pk.clone(), hex::decode(h).unwrap()));
        }
    }
    out
}

fn json_file(path: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(chains().join(path)).unwrap()).unwrap()
}

/// Every case of both BIP-360 construction files through `chain p2mr --tree --json`:
/// the fields the vectors call scriptPubKey, bip350Address, merkleRoot, leafHashes and
/// scriptPathControlBlocks; the error cases exit 2 with the vector's message.
#[test]
fn chain_p2mr_matches_the_bip360_vectors() {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    for file in ["p2mr_construction.json", "p2mr_pqc_construction.json"] {
        for case in json_file(&format!("bip360/{file}"))["test_vectors"]
            .as_array()
            .unwrap()
        {
            let id = case["id"].as_str().unwrap();
            let tree = write(
                dir.path(),
                &format!("{id}.json"),
                case["given"].to_string().as_bytes(),
            );
            let o = run(&["chain", "p2mr", "--tree", tree.to_str().unwrap(), "--json"]);
            n += 1;
            if let Some(err) = case["expected"].get("error") {
                assert_bad_input(&o, err.as_str().unwrap());
                continue;
            }
            assert!(
                o.status.success(),
                "{id}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            let got: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
            for key in ["scriptPubKey", "bip350Address", "scriptPathControlBlocks"] {
                assert_eq!(got[key], case["expected"][key], "{id} {key}");
            }
            for key in ["merkleRoot", "leafHashes"] {
                assert_eq!(got[key], case["intermediary"][key], "{id} {key}");
            }
        }
    }
    assert_eq!(n, 16);
}

/// Text output names the same fields; `--network` picks the HRP; a tree file that is
/// not a tree is refused with one line.
#[test]
fn chain_p2mr_text_networks_and_bad_trees() {
    let dir = tempfile::tempdir().unwrap();
    let v = json_file("bip360/p2mr_construction.json");
    let case = &v["test_vectors"][2];
    let tree = write(
        dir.path(),
        "t.json",
        case["given"]["scriptTree"].to_string().as_bytes(),
    );
    let o = run(&["chain", "p2mr", "--tree", tree.to_str().unwrap()]);
    let text = stdout(&o);
    let addr = case["expected"]["bip350Address"].as_str().unwrap();
    assert!(text.contains(&format!("bip350Address: {addr}")), "{text}");
    for (net, prefix) in [("signet", "tb1z"), ("regtest", "bcrt1z")] {
        let t = tree.to_str().unwrap();
        let o = run(&["chain", "p2mr", "--tree", t, "--network", net]);
        assert!(
            stdout(&o).contains(&format!("bip350Address: {prefix}")),
            "{net}"
        );
    }
    for (name, body, needle) in [
        (
            "odd.json",
            r#"{"script":"51","leafVersion":193}"#,
            "invalid leaf version",
        ),
        (
            "three.json",
            r#"[{"script":"51","leafVersion":192},{"script":"52","leafVersion":192},{"script":"53","leafVersion":192}]"#,
            "exactly two",
        ),
        (
            "hex.json",
            r#"{"script":"5g","leafVersion":192}"#,
            "not hex",
        ),
        (
            "deep.json",
            &format!(
                "{}{{\"script\":\"51\",\"leafVersion\":192}}{}",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
            "deeper than 128",
        ),
        (
            "key.json",
            r#"{"internalPubkey":"00","scriptTree":null}"#,
            "internal pubkeys",
        ),
        ("junk.json", "{", "not JSON"),
    ] {
        let p = write(dir.path(), name, body.as_bytes());
        assert_bad_input(
            &run(&["chain", "p2mr", "--tree", p.to_str().unwrap()]),
            needle,
        );
    }
    assert_bad_input(&run(&["chain", "p2mr"]), "required");
}

/// `chain p2mr --pub`: one post-quantum leaf `PUSH32 <commitment> 0x7f` with control
/// block `c1`, flagged as pending on stderr and in JSON.
#[test]
fn chain_p2mr_for_our_key_is_a_pending_pq_leaf() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = keygen_plain(dir.path(), "mldsa65-ecdsa-secp256k1-sha512", "k");
    let o = run(&[
        "chain",
        "p2mr",
        "--pub",
        prefix.with_extension("pub").to_str().unwrap(),
        "--json",
    ]);
    let got: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(got["scriptPathControlBlocks"], serde_json::json!(["c1"]));
    assert_eq!(got["leafHashes"][0], got["merkleRoot"]);
    assert!(got["pending"].as_str().unwrap().contains("placeholder"));
    assert!(got["bip350Address"].as_str().unwrap().starts_with("bc1z"));
    let o = run(&[
        "chain",
        "p2mr",
        "--pub",
        prefix.with_extension("pub").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("pending"));
}

/// EIP-7932: the sigrecover vectors' key gives the published address (EIP-55 form),
/// from our compressed raw key; `--alg-id 0x7f` is refused.
#[test]
fn chain_eth_address_matches_the_eip7932_vector() {
    let dir = tempfile::tempdir().unwrap();
    let v = json_file("eip7932/sigrecover_cases.json");
    let upk = hex::decode(v["uncompressed_public_key"].as_str().unwrap()).unwrap();
    let mut compressed = vec![2 + (upk[64] & 1)];
    compressed.extend(&upk[1..33]);
    let pubf = write(dir.path(), "k.pub", hex::encode(&compressed).as_bytes());
    let args = [
        "chain",
        "eth-address",
        "--raw",
        "--alg",
        "secp256k1",
        "--pub",
        pubf.to_str().unwrap(),
    ];
    let o = run(&args);
    assert_eq!(stdout(&o), "0xd3eF791e8a9c9BD26787D262e66e673FE8E7262A");
    assert_eq!(
        stdout(&o).to_lowercase(),
        v["address"].as_str().unwrap().to_lowercase()
    );
    let mut bad = args.to_vec();
    bad.extend(["--alg-id", "0x7f"]);
    assert_bad_input(&run(&bad), "reserved");
    let mut bad = args.to_vec();
    bad.extend(["--alg-id", "300"]);
    assert_eq!(run(&bad).status.code(), Some(2));
}

/// `verify --raw --alg ml-dsa-44` checks the EIPs' records directly: EIP-8355's three
/// precompile cases (split into pk, sig, msg) and EIP-8051's NIST KAT records.
#[test]
fn verify_raw_checks_the_eip_mldsa_records() {
    let dir = tempfile::tempdir().unwrap();
    /// (pk, sig, msg, valid)
    type Record = (Vec<u8>, Vec<u8>, Vec<u8>, bool);
    let mut records: Vec<Record> = Vec::new();
    for case in json_file("eip8355/pr12048-unmerged/test-vectors.json")
        .as_array()
        .unwrap()
    {
        let input = hex::decode(case["Input"].as_str().unwrap()).unwrap();
        if input.len() < 1312 + 2420 {
            continue; // the short-input case has no pk and sig to hand to verify
        }
        let valid = case["Expected"].as_str().unwrap().ends_with('1');
        records.push((
            input[..1312].to_vec(),
            input[1312..3732].to_vec(),
            input[3732..].to_vec(),
            valid,
        ));
    }
    for (pk, sm) in kat_records("eip8051/mldsa_nist.first10.rsp") {
        let pk = hex::decode(pk).unwrap();
        records.push((pk, sm[..2420].to_vec(), sm[2420..].to_vec(), true));
    }
    assert_eq!(records.len(), 12);
    for (i, (pk, sig, msg, valid)) in records.iter().enumerate() {
        let pubf = write(dir.path(), "r.pub", hex::encode(pk).as_bytes());
        let msgf = write(dir.path(), "r.msg", msg);
        let o = run(&[
            "verify",
            "--raw",
            "--alg",
            "ml-dsa-44",
            "--pub",
            pubf.to_str().unwrap(),
            "--sig",
            &hex::encode(sig),
            msgf.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(if *valid { 0 } else { 1 }),
            "record {i}"
        );
    }
}

/// `chain eth-precompile`: the input is `pk ‖ sig ‖ msg` with the draft's gas; a
/// signature made with a context is not what the precompile verifies (exit 1); other
/// algorithms are refused.
#[test]
fn chain_eth_precompile_input() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = keygen_plain(dir.path(), "ml-dsa-44", "e");
    let key = prefix.with_extension("key");
    let pubf = prefix.with_extension("pub");
    let msg = write(dir.path(), "m", b"an Ethereum message");
    let sign = |ctx: &str| {
        let k = key.to_str().unwrap();
        stdout(&run(&[
            "sign",
            "--key",
            k,
            "--ctx",
            ctx,
            "--deterministic",
            msg.to_str().unwrap(),
        ]))
    };
    let precompile = |pubf: &Path, sig: &str| {
        let p = pubf.to_str().unwrap();
        run(&[
            "chain",
            "eth-precompile",
            "--pub",
            p,
            "--sig",
            sig,
            msg.to_str().unwrap(),
            "--json",
        ])
    };
    let sig = sign("");
    let o = precompile(&pubf, &sig);
    assert_eq!(o.status.code(), Some(0));
    let got: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let input = hex::decode(got["input"].as_str().unwrap()).unwrap();
    let pk_env = hex::decode(std::fs::read_to_string(&pubf).unwrap().trim()).unwrap();
    let sig_env = hex::decode(&sig).unwrap();
    // The envelopes' payloads are their last 1312 and 2420 bytes.
    assert_eq!(&input[..1312], &pk_env[pk_env.len() - 1312..]);
    assert_eq!(&input[1312..3732], &sig_env[sig_env.len() - 2420..]);
    assert_eq!(&input[3732..], b"an Ethereum message");
    assert_eq!(got["gas"], 6500 + 6);
    assert_eq!(got["address"], "0x12");
    assert_eq!(precompile(&pubf, &sign("00")).status.code(), Some(1));
    let prefix2 = keygen_plain(dir.path(), "fn-dsa-512", "f");
    assert_bad_input(
        &precompile(&prefix2.with_extension("pub"), &sig),
        "EIP-8355 takes",
    );
}

/// `verify --raw --alg ml-dsa-44-eth`: EIP-8051's ML-DSA-ETH KAT records verify, a
/// flipped signature is invalid (exit 1), a NIST (SHAKE) record is not ML-DSA-ETH, and
/// without --raw or with a context the command refuses (exit 2).
#[test]
fn verify_raw_ml_dsa_44_eth_checks_the_eip8051_evm_kat() {
    let dir = tempfile::tempdir().unwrap();
    let check = |pk: &str, sm: &[u8], extra: &[&str]| {
        let pubf = write(dir.path(), "e.pub", pk.as_bytes());
        let msgf = write(dir.path(), "e.msg", &sm[2420..]);
        let sig = hex::encode(&sm[..2420]);
        let mut args = vec![
            "verify",
            "--alg",
            "ml-dsa-44-eth",
            "--pub",
            pubf.to_str().unwrap(),
            "--sig",
            &sig,
        ];
        args.extend(extra);
        args.push(msgf.to_str().unwrap());
        run(&args)
    };
    let evm = kat_records("eip8051/mldsa_evm.first10.rsp");
    assert_eq!(evm.len(), 10);
    for (i, (pk, sm)) in evm.iter().enumerate() {
        assert_eq!(
            check(pk, sm, &["--raw"]).status.code(),
            Some(0),
            "record {i}"
        );
    }
    let (pk, sm) = &evm[0];
    let mut bad = sm.clone();
    bad[7] ^= 1;
    assert_eq!(check(pk, &bad, &["--raw"]).status.code(), Some(1));
    let (npk, nsm) = &kat_records("eip8051/mldsa_nist.first10.rsp")[0];
    assert_eq!(check(npk, nsm, &["--raw"]).status.code(), Some(1));
    assert_bad_input(&check(pk, sm, &[]), "--raw");
    assert_bad_input(&check(pk, sm, &["--raw", "--ctx", "00"]), "empty context");
}
