//! `hash/kat.json` and `hash/framing.json`.

use alloc::{format, string::String, vec::Vec};

use serde_json::{Value, json};

use super::{VectorFile, file, hex};
use crate::hash::legacy::curlp;
use crate::hash::{HashAlg, encode_framed, hash, hash_framed};

/// Lengths around every family's block or rate boundary (55/56/64: SHA-256 padding;
/// 71–73: SHA3-512 rate; 111/112/128: SHA-512; 135–137: SHA3-256/Keccak rate).
const PATTERN_LENS: [usize; 21] = [
    1, 55, 56, 57, 63, 64, 65, 71, 72, 73, 111, 112, 113, 127, 128, 129, 135, 136, 137, 1024, 1025,
];

fn pattern(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i % 251) as u8).collect()
}

pub(super) fn files() -> Vec<VectorFile> {
    alloc::vec![kat(), framing()]
}

fn kat() -> VectorFile {
    let mut inputs: Vec<(String, Vec<u8>, Value)> = alloc::vec![
        (
            "empty".into(),
            Vec::new(),
            json!({"id": "empty", "hex": ""})
        ),
        (
            "abc".into(),
            b"abc".to_vec(),
            json!({"id": "abc", "hex": "616263"})
        ),
    ];
    for n in PATTERN_LENS {
        let id = format!("pattern-{n}");
        inputs.push((id.clone(), pattern(n), json!({"id": id, "pattern_len": n})));
    }
    let mut digests = Vec::new();
    for alg in HashAlg::ALL {
        for (id, data, _) in &inputs {
            let d = hash(alg, data);
            digests.push(json!({
                "family": alg.name(),
                "input": id,
                "digest": d.to_hex(),
                "multihash": hex(&d.to_multihash()),
            }));
        }
    }
    let ternary: Vec<Value> = [
        "",
        "A",
        "TWENTYSEVEN",
        "9MIDYNHBWMBCXVDEFOFWINXTERALUKYYPPHKP9JJFGJEIUY9MUDVNFZHMMWZUYUSWAIOWEVTHNWMHANBH",
    ]
    .iter()
    .map(|t| {
        json!({
            "family": "curl-p-27",
            "input_trytes": t,
            "digest_trytes": curlp::curl_p27(t).expect("valid trytes"),
        })
    })
    .collect();
    file(
        "hash/kat.json",
        json!({
            "inputs": inputs.iter().map(|(_, _, v)| v.clone()).collect::<Vec<_>>(),
            "digests": digests,
            "ternary": ternary,
        }),
        "Known answers for every registered family (SHA-1 and Curl-P-27 are broken, \
         verify-only). Pattern inputs: byte i is i mod 251. sha1 digests are the standard \
         SHA-1 (no collision-attack input here). multihash = varint(code) || varint(len) || digest.",
    )
}

fn framing() -> VectorFile {
    let cases: [(&[u8], &[&[u8]]); 9] = [
        (b"tx", &[b"ab", b"c"]),
        (b"tx", &[b"a", b"bc"]),
        (b"tx", &[b"abc"]),
        (b"tx", &[b"", b"abc"]),
        (b"tx", &[b"abc", b""]),
        (b"tx", &[]),
        (b"block", &[b"ab", b"c"]),
        (b"", &[b""]),
        (b"", &[]),
    ];
    let rows: Vec<Value> = cases
        .iter()
        .map(|(domain, parts)| {
            let mut digests = serde_json::Map::new();
            for alg in HashAlg::ALL.into_iter().filter(|a| !a.is_legacy()) {
                digests.insert(
                    alg.name().into(),
                    hash_framed(alg, domain, parts).to_hex().into(),
                );
            }
            json!({
                "domain_hex": hex(domain),
                "parts_hex": parts.iter().map(|p| hex(p)).collect::<Vec<_>>(),
                "plain_concat_hex": hex(&parts.concat()),
                "encoded_hex": hex(&encode_framed(domain, parts)),
                "digests": digests,
            })
        })
        .collect();
    // Pairs whose plain concatenation (and domain) agree but whose framing differs.
    let mut pairs = Vec::new();
    for i in 0..cases.len() {
        for j in i + 1..cases.len() {
            if cases[i].0 == cases[j].0 && cases[i].1.concat() == cases[j].1.concat() {
                pairs.push(json!({"a": i, "b": j}));
            }
        }
    }
    file(
        "hash/framing.json",
        json!({
            "construction": "u64le(len(domain)) || domain || for each part: u64le(len(part)) || part",
            "cases": rows,
            "equal_concatenation_pairs": pairs,
        }),
        "Framed hashing (hash_framed). For every case: encoded_hex is the exact hash input and \
         digests[family] = H(encoded). Every pair in equal_concatenation_pairs has the same \
         domain and plain concatenation, and a consumer must find different encodings and \
         different digests for each family.",
    )
}
