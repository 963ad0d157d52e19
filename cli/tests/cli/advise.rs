//! `pqmigrate bench` and `advise`.

use super::*;

#[test]
fn bench_and_advise() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bench.json");
    let o = run(&["bench", "--budget-ms", "2", "--out", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let b: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(b["signatures"].as_array().unwrap().len(), 21);
    assert_eq!(b["kems"].as_array().unwrap().len(), 3);
    assert!(b["signatures"][0]["verify_us"].as_f64().unwrap() > 0.0);
    // The block line: the recommended hybrid, the FN-DSA-512 hybrid and secp256k1, with
    // advise's 1 MB capacities (10^6 / (153 + key + signature)).
    let blocks = b["blocks"].as_array().unwrap();
    let txs: Vec<u64> = blocks.iter().map(|b| b["txs"].as_u64().unwrap()).collect();
    assert_eq!(txs, [181, 551, 4000]);
    for blk in blocks {
        let stages: f64 = ["decode_ms", "policy_ms", "verify_ms", "merkle_ms"]
            .iter()
            .map(|k| blk[k].as_f64().unwrap())
            .sum();
        assert!(stages > 0.0 && blk["total_ms"].as_f64().unwrap() > 0.0);
    }

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
    assert!(text.contains("| pk in tx | pk in state |"), "{text}");
    assert!(
        text.contains("rule: NIST category >= 3, hybrid phase"),
        "{text}"
    );
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
    // Measured blocks reach advise: the three measured schemes carry a block figure.
    let measured: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["block_ms"].as_f64().is_some_and(|ms| ms > 0.0))
        .map(|r| r["alg"].as_str().unwrap())
        .collect();
    assert_eq!(
        measured,
        [
            "secp256k1",
            "mldsa65-ecdsa-secp256k1-sha512",
            "fndsa512-ecdsa-secp256k1-sha256"
        ]
    );
    let rec = v["recommendation"]["alg"].as_str().unwrap();
    let row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["alg"] == rec)
        .unwrap();
    assert!(row["category"].as_u64().unwrap() >= 3);

    // The SVG plot: well-formed, one point per scheme (tx/block against verify ms).
    let svg = dir.path().join("advise.svg");
    let mut plot_args = args.to_vec();
    plot_args.extend_from_slice(&["--plot", svg.to_str().unwrap()]);
    assert!(run(&plot_args).status.success());
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"));
    assert_eq!(text.matches("<circle ").count(), 21, "one point per scheme");
    assert!(text.contains("mldsa65-ecdsa-secp256k1-sha512") && text.contains("(1700 tx, "));
    assert!(text.contains("fndsa512-ecdsa-secp256k1-sha256"));
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
