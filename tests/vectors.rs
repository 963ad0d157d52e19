//! `vectors/` is what the generator produces, byte for byte, and an independent consumer
//! (vectors/check.py: hashlib, pycryptodome, blake3, own RFC 9162/Curl-P code) agrees.
#![cfg(feature = "vectors")]

use std::path::{Path, PathBuf};

use pqmigrate::kem::{Ciphertext, DecapsulationKey, EncapsulationKey, KemAlg};
use pqmigrate::sig::{PublicKey, Signature};
use pqmigrate::vectors;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

#[test]
fn committed_vectors_regenerate_byte_identically() {
    let files = vectors::generate();
    for f in &files {
        let existing = std::fs::read_to_string(dir().join(f.path)).ok();
        if let Some(problem) = vectors::compare(f, existing.as_deref()) {
            panic!("{problem}: run `cargo run -p pqmigrate-cli -- vectors generate --out vectors`");
        }
    }
    // No stale JSON files the generator no longer writes.
    let mut on_disk = Vec::new();
    for sub in std::fs::read_dir(dir()).unwrap() {
        let sub = sub.unwrap().path();
        if sub.is_dir() {
            for f in std::fs::read_dir(&sub).unwrap() {
                let f = f.unwrap().path();
                if f.extension().is_some_and(|e| e == "json") {
                    on_disk.push(f.strip_prefix(dir()).unwrap().to_str().unwrap().to_string());
                }
            }
        }
    }
    on_disk.sort();
    let mut expected: Vec<String> = files.iter().map(|f| f.path.to_string()).collect();
    expected.sort();
    assert_eq!(on_disk, expected);
}

#[test]
fn independent_python_consumer_agrees() {
    let out = std::process::Command::new("python3")
        .arg(dir().join("check.py"))
        .arg(dir())
        .output();
    match out {
        Err(e) => eprintln!("SKIP: python3 not available ({e})"),
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout);
            assert!(
                o.status.success(),
                "{text}{}",
                String::from_utf8_lossy(&o.stderr)
            );
            eprintln!("{}", text.trim_end());
        }
    }
}

fn json(path: &str) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(dir().join(path)).unwrap()).unwrap()
}

fn unhex(v: &serde_json::Value) -> Vec<u8> {
    hex::decode(v.as_str().unwrap()).unwrap()
}

/// Consumes sig/composite.json as another implementation would: every signature
/// verifies, every negative case fails in the stated way.
#[test]
fn signature_vectors_as_a_consumer() {
    let d = json("sig/composite.json");
    let msg = unhex(&d["message_hex"]);
    let (mut good, mut bad) = (0, 0);
    for a in d["algorithms"].as_array().unwrap() {
        let pk = PublicKey::from_bytes(&unhex(&a["public_key"])).unwrap();
        for s in a["signatures"].as_array().unwrap() {
            let sig = Signature::from_bytes(&unhex(&s["signature"])).unwrap();
            assert!(
                pk.verify(&msg, &unhex(&s["ctx_hex"]), &sig).is_ok(),
                "{}",
                a["alg"]
            );
            good += 1;
        }
        for n in a["negative"].as_array().unwrap() {
            let got = match Signature::from_bytes(&unhex(&n["signature"])) {
                Err(_) => "decode",
                Ok(sig) => {
                    assert!(pk.verify(&msg, &unhex(&n["ctx_hex"]), &sig).is_err());
                    "verify"
                }
            };
            assert_eq!(got, n["expected_error"], "{} {}", a["alg"], n["why"]);
            bad += 1;
        }
    }
    // secp256k1 with the empty context only, SLH-DSA schemes (5 alone, 1 composite) with
    // the non-empty one only, every other scheme with both.
    assert_eq!(good, 1 + 6 + 2 * (pqmigrate::sig::SigAlg::ALL.len() - 7));
    assert!(bad >= 40, "{bad}");
}

#[test]
fn kem_vectors_as_a_consumer() {
    let d = json("kem/kem.json");
    for k in d["kems"].as_array().unwrap() {
        let alg: KemAlg = k["alg"].as_str().unwrap().parse().unwrap();
        let dk = DecapsulationKey::from_seed(alg, &unhex(&k["seed"])).unwrap();
        let ek = EncapsulationKey::from_bytes(&unhex(&k["encapsulation_key"])).unwrap();
        assert_eq!(dk.encapsulation_key(), &ek);
        let (ct, ss) = ek
            .encapsulate_derand(&unhex(&k["encaps_randomness"]))
            .unwrap();
        assert_eq!(ct.to_bytes(), unhex(&k["ciphertext"]));
        assert_eq!(ss.as_bytes().to_vec(), unhex(&k["shared_secret"]));
        let rej = Ciphertext::from_bytes(&unhex(&k["implicit_rejection"]["ciphertext"])).unwrap();
        assert_eq!(
            dk.decapsulate(&rej).unwrap().as_bytes().to_vec(),
            unhex(&k["implicit_rejection"]["shared_secret"])
        );
        assert!(
            EncapsulationKey::from_parts(alg, &unhex(&k["invalid_encapsulation_key"])).is_err()
        );
        assert!(Ciphertext::from_bytes(&unhex(&k["invalid_ciphertext_truncated"])).is_err());
    }
}
