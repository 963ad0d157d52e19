//! Legacy families against published attacks and known answers (external data in
//! `tests/data/{sha1,iota}`, provenance in its SOURCES.md).
//!
//! These are the facts behind the registry's `Broken` status: SHA-1 collisions exist
//! and sha1dc flags them; Curl-P-27 collisions (including two colliding IOTA bundles)
//! reproduce exactly.

mod common;

use std::collections::BTreeSet;

use pqmigrate::hash::legacy::curlp::{self, Rounds};
use pqmigrate::hash::legacy::sha1;
use pqmigrate::hash::{HashAlg, hash};
use serde::Deserialize;

fn read(dir: &std::path::Path, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn sha1_collision_pairs_are_flagged() {
    let dir = common::data("sha1");
    // (file 1, file 2, common SHA-1 from SOURCES.md, sha1dc safe hash of file 1 if published)
    let pairs = [
        (
            "shattered-1.prefix320.bin",
            "shattered-2.prefix320.bin",
            "f92d74e3874587aaf443d1db961d4e26dde13e9c",
            None,
        ),
        (
            "sha-mbles-1.bin",
            "sha-mbles-2.bin",
            "8ac60ba76f1999a1ab70223f225aefdc78d4ddc0",
            Some("4f3d9be4a472c4dae83c6314aa6c36a064c1fd14"),
        ),
    ];
    for (f1, f2, sha1_hex, safe1) in pairs {
        let (a, b) = (read(&dir, f1), read(&dir, f2));
        assert_ne!(a, b);
        let (ca, cb) = (sha1::check(&a), sha1::check(&b));
        // A real collision: same standard SHA-1 ...
        assert_eq!(ca.digest.to_hex(), sha1_hex, "{f1}");
        assert_eq!(cb.digest, ca.digest, "{f2}");
        // ... and detection flags both halves.
        assert!(ca.collision_attack, "{f1} not flagged");
        assert!(cb.collision_attack, "{f2} not flagged");
        // hash() returns sha1dc's safe hash, which separates the pair.
        let (sa, sb) = (hash(HashAlg::Sha1, &a), hash(HashAlg::Sha1, &b));
        assert_ne!(sa, sb, "{f1}: safe hashes must differ");
        assert_ne!(sa, ca.digest);
        if let Some(safe) = safe1 {
            assert_eq!(sa.to_hex(), safe, "{f1} safe hash (sha1dc)");
        }
        // Streaming gives the same verdict.
        let mut h = sha1::CheckedHasher::new();
        for chunk in a.chunks(100) {
            h.update(chunk);
        }
        assert_eq!(h.finalize(), ca);
    }
    // A clean prefix of the attack file (before the near-collision blocks) is not flagged.
    let a = read(&dir, "shattered-1.prefix320.bin");
    assert!(!sha1::check(&a[..192]).collision_attack);
}

#[derive(Deserialize)]
struct IotaFile {
    collisions_curlp27: Vec<Collision>,
    nonrandomness_curlp27: Vec<NonRandom>,
    colliding_bundles_curlp27: Vec<BundlePair>,
    bundle_layout: Layout,
    kats_curlp: Vec<Kat>,
}

#[derive(Deserialize)]
struct Collision {
    name: String,
    rounds: usize,
    messages_trytes: Vec<String>,
    hash_trytes: String,
}

#[derive(Deserialize)]
struct NonRandom {
    rounds: usize,
    messages_trytes: Vec<String>,
    hashes_trytes: Vec<String>,
}

#[derive(Deserialize)]
struct BundlePair {
    kind: String,
    bundles: Vec<Bundle>,
}

#[derive(Deserialize)]
struct Bundle {
    name: String,
    transactions_trytes: Vec<String>,
    essence_trytes: String,
    bundle_hash_trytes: String,
    tx_hashes_curlp27: Vec<String>,
}

#[derive(Deserialize)]
struct Layout {
    transaction_trytes: usize,
    fields_trytes: std::collections::BTreeMap<String, (usize, usize)>,
}

#[derive(Deserialize)]
struct Kat {
    rounds: usize,
    #[serde(rename = "in")]
    input: String,
    out: String,
}

fn rounds(n: usize) -> Rounds {
    match n {
        27 => Rounds::P27,
        81 => Rounds::P81,
        _ => panic!("unexpected round count {n}"),
    }
}

fn curl(r: usize, trytes: &str, out: usize) -> String {
    curlp::hash_trytes(rounds(r), trytes, out).unwrap()
}

#[test]
fn curl_p27_published_collisions_reproduce() {
    let dir = common::data("iota");
    let f: IotaFile = serde_json::from_slice(&read(&dir, "curlp27_collisions.json")).unwrap();
    assert_eq!(f.collisions_curlp27.len(), 6);
    for c in &f.collisions_curlp27 {
        let distinct: BTreeSet<&String> = c.messages_trytes.iter().collect();
        assert_eq!(distinct.len(), c.messages_trytes.len(), "{}", c.name);
        for m in &c.messages_trytes {
            assert_eq!(curl(c.rounds, m, 81), c.hash_trytes, "{}", c.name);
        }
    }
    for n in &f.nonrandomness_curlp27 {
        for (m, h) in n.messages_trytes.iter().zip(&n.hashes_trytes) {
            assert_eq!(&curl(n.rounds, m, 81), h);
        }
    }
    let mut checked = 0;
    for k in &f.kats_curlp {
        assert_eq!(curl(k.rounds, &k.input, k.out.len()), k.out);
        checked += 1;
    }
    assert!(checked >= 5);
}

#[test]
fn curl_p27_colliding_iota_bundles_reproduce() {
    let dir = common::data("iota");
    let f: IotaFile = serde_json::from_slice(&read(&dir, "curlp27_collisions.json")).unwrap();
    let layout = &f.bundle_layout;
    // The essence: address ‖ value ‖ obsoleteTag ‖ timestamp ‖ currentIndex ‖ lastIndex.
    let (start, _) = layout.fields_trytes["address"];
    let (_, end) = layout.fields_trytes["lastIndex"];
    assert_eq!(f.colliding_bundles_curlp27.len(), 2);
    for pair in &f.colliding_bundles_curlp27 {
        let [b0, b1] = &pair.bundles[..] else {
            panic!("{}: expected a pair", pair.kind);
        };
        assert_ne!(
            b0.transactions_trytes, b1.transactions_trytes,
            "{}",
            pair.kind
        );
        for b in [b0, b1] {
            let mut essence = String::new();
            for (tx, tx_hash) in b.transactions_trytes.iter().zip(&b.tx_hashes_curlp27) {
                assert_eq!(tx.len(), layout.transaction_trytes);
                essence.push_str(&tx[start..end]);
                assert_eq!(&curl(27, tx, 81), tx_hash, "{} tx hash", b.name);
                // Each transaction names the bundle hash it belongs to.
                let (bs, be) = layout.fields_trytes["bundle"];
                assert_eq!(tx[bs..be], b.bundle_hash_trytes);
            }
            assert_eq!(essence, b.essence_trytes, "{} essence", b.name);
            assert_eq!(curlp::curl_p27(&essence).unwrap(), b.bundle_hash_trytes);
        }
        // Different bundles, one bundle hash: one signature validates both.
        assert_eq!(
            b0.bundle_hash_trytes, b1.bundle_hash_trytes,
            "{}",
            pair.kind
        );
    }
}

#[test]
fn curl_p81_iota_go_golden_vectors() {
    let dir = common::data("iota");
    #[derive(Deserialize)]
    struct V {
        #[serde(rename = "in")]
        input: String,
        hash: String,
    }
    let vs: Vec<V> = serde_json::from_slice(&read(&dir, "curlp81_iota_go.json")).unwrap();
    assert_eq!(vs.len(), 300);
    for v in &vs {
        assert_eq!(curl(81, &v.input, v.hash.len()), v.hash);
    }
    eprintln!("curl-p-81: {} iota.go vectors", vs.len());
}
