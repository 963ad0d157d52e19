//! `merkle/rfc9162.json` and `merkle/ambiguity.json`.

use alloc::{format, string::String, vec::Vec};

use serde_json::{Value, json};
use sha2::Digest as _;

use super::{VectorFile, file, hex};
use crate::conformance::{DataLayer, builtin::NaiveBitcoin, sha256_length_extension};
use crate::hash::{Digest, HashAlg, hash, hash_framed};
use crate::merkle::{
    self, InclusionProof, MerkleTree,
    legacy::{NodeHash, bitcoin_style_root},
};

const MAX_LEAVES: usize = 17;
/// Families whose proofs are listed (roots are listed for every family).
const PROOF_FAMILIES: [HashAlg; 3] = [HashAlg::Sha2_256, HashAlg::Sha3_256, HashAlg::Keccak256];

fn leaf(i: usize) -> Vec<u8> {
    format!("leaf-{i}").into_bytes()
}

pub(super) fn files() -> Vec<VectorFile> {
    alloc::vec![rfc9162(), ambiguity()]
}

fn path_hex(p: &[Digest]) -> Vec<String> {
    p.iter().map(Digest::to_hex).collect()
}

fn rfc9162() -> VectorFile {
    let all: Vec<Vec<u8>> = (0..MAX_LEAVES).map(leaf).collect();
    let refs: Vec<&[u8]> = all.iter().map(Vec::as_slice).collect();
    let mut roots = Vec::new();
    for alg in HashAlg::ALL.into_iter().filter(|a| !a.is_legacy()) {
        let rs: Vec<String> = (0..=MAX_LEAVES)
            .map(|n| merkle::root(alg, &refs[..n]).to_hex())
            .collect();
        roots.push(json!({"family": alg.name(), "roots": rs}));
    }
    let mut proofs = Vec::new();
    for alg in PROOF_FAMILIES {
        let tree = MerkleTree::new(alg, &refs);
        let mut inclusion = Vec::new();
        let mut consistency = Vec::new();
        for n in 1..=MAX_LEAVES as u64 {
            let t = MerkleTree::new(alg, &refs[..n as usize]);
            for i in 0..n {
                let p = t.prove_inclusion(i).expect("index below size");
                inclusion.push(json!({
                    "leaf_index": i, "tree_size": n, "path": path_hex(p.path()),
                }));
            }
            for m in 1..=n {
                let p = t.prove_consistency(m).expect("m <= n");
                consistency.push(json!({
                    "old_size": m, "new_size": n, "path": path_hex(p.path()),
                }));
            }
        }
        // Negative inclusion proofs for leaf 3 of 7, each of which must be rejected.
        let t7 = MerkleTree::new(alg, &refs[..7]);
        let good = t7.prove_inclusion(3).expect("3 < 7");
        let path = path_hex(good.path());
        let mut extra = path.clone();
        extra.push(tree.leaf_hash(0).expect("leaf 0").to_hex());
        let mut flipped = good.path().to_vec();
        let mut b = flipped[0].as_bytes().to_vec();
        b[0] ^= 1;
        flipped[0] = Digest::new(alg, &b).expect("same length");
        let negatives = alloc::vec![
            json!({"why": "wrong index", "leaf_index": 4, "tree_size": 7, "leaf": 3, "path": path}),
            json!({"why": "wrong size", "leaf_index": 3, "tree_size": 4, "leaf": 3, "path": path}),
            json!({"why": "extra node", "leaf_index": 3, "tree_size": 7, "leaf": 3, "path": extra}),
            json!({"why": "missing node", "leaf_index": 3, "tree_size": 7, "leaf": 3, "path": path[..path.len() - 1].to_vec()}),
            json!({"why": "flipped bit", "leaf_index": 3, "tree_size": 7, "leaf": 3, "path": path_hex(&flipped)}),
            json!({"why": "wrong leaf", "leaf_index": 3, "tree_size": 7, "leaf": 2, "path": path}),
        ];
        let root7 = t7.root();
        for n in &negatives {
            let get = |k: &str| n[k].as_u64().expect("number");
            let path: Vec<Digest> = n["path"]
                .as_array()
                .expect("array")
                .iter()
                .map(|h| {
                    let b = crate::codec::from_hex(h.as_str().expect("hex")).expect("hex");
                    Digest::new(alg, &b).expect("digest length")
                })
                .collect();
            let accepted = InclusionProof::new(alg, get("leaf_index"), get("tree_size"), path)
                .is_ok_and(|p| p.verify(refs[get("leaf") as usize], &root7).is_ok());
            assert!(!accepted, "negative inclusion case {} accepted", n["why"]);
        }
        proofs.push(json!({
            "family": alg.name(),
            "inclusion": inclusion,
            "consistency": consistency,
            "negative_inclusion": negatives,
        }));
    }
    file(
        "merkle/rfc9162.json",
        json!({
            "leaves_hex": all.iter().map(|l| hex(l)).collect::<Vec<_>>(),
            "roots": roots,
            "proofs": proofs,
        }),
        "RFC 9162 Merkle trees: leaf = H(0x00 || x), node = H(0x01 || l || r), split at the \
         largest power of two below n, empty tree = H(\"\"). roots[family].roots[n] is the root \
         of the first n leaves (n = 0..=17). Proofs (RFC 9162 §2.1.3/§2.1.4) are against the \
         trees of the first tree_size / new_size leaves (old_size: the earlier tree). \
         Every negative_inclusion entry (leaf `leaf`, against the 7-leaf root) must be rejected.",
    )
}

fn dsha(b: &[u8]) -> Vec<u8> {
    sha2::Sha256::digest(sha2::Sha256::digest(b)).to_vec()
}

fn ambiguity() -> VectorFile {
    // (1) CVE-2012-2459: [a, b, c] and [a, b, c, c] under Bitcoin's duplicate-last rule.
    let txs: Vec<Vec<u8>> = ["tx-a", "tx-b", "tx-c"]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
    let mut mutated = txs.clone();
    mutated.push(txs[2].clone());
    let ids = |l: &[Vec<u8>]| -> Vec<Digest> {
        l.iter()
            .map(|t| Digest::new(HashAlg::Sha2_256, &dsha(t)).expect("32 bytes"))
            .collect()
    };
    let legacy_a =
        bitcoin_style_root(HashAlg::Sha2_256, NodeHash::Double, &ids(&txs)).expect("non-empty");
    let legacy_b =
        bitcoin_style_root(HashAlg::Sha2_256, NodeHash::Double, &ids(&mutated)).expect("non-empty");
    let r = |l: &[Vec<u8>]| {
        let refs: Vec<&[u8]> = l.iter().map(Vec::as_slice).collect();
        merkle::root(HashAlg::Sha2_256, &refs).to_hex()
    };
    let mutation = legacy_b
        .mutation
        .map(|m| json!({"level": m.level, "index": m.index}));
    let cve_2012_2459 = json!({
        "id": "cve-2012-2459",
        "leaves_a_hex": txs.iter().map(|t| hex(t)).collect::<Vec<_>>(),
        "leaves_b_hex": mutated.iter().map(|t| hex(t)).collect::<Vec<_>>(),
        "naive_bitcoin_root_a": legacy_a.root.to_hex(),
        "naive_bitcoin_root_b": legacy_b.root.to_hex(),
        "rfc9162_sha2_256_root_a": r(&txs),
        "rfc9162_sha2_256_root_b": r(&mutated),
        "legacy_mode_mutation_b": mutation,
        "expect": "naive roots equal (exposed); RFC 9162 roots differ; legacy mode reports the mutation of b",
    });

    // (2) CVE-2017-12842: a 64-byte leaf equal to two child hashes.
    let (a, b) = (b"tx-a".as_slice(), b"tx-b".as_slice());
    let naive = NaiveBitcoin;
    let fake = [naive.leaf_hash(a), naive.leaf_hash(b)].concat();
    let ours_fake = [
        merkle::leaf_hash(HashAlg::Sha2_256, a).as_bytes().to_vec(),
        merkle::leaf_hash(HashAlg::Sha2_256, b).as_bytes().to_vec(),
    ]
    .concat();
    let leaf_node = json!({
        "id": "cve-2017-12842",
        "a_hex": hex(a),
        "b_hex": hex(b),
        "naive_fake_leaf_hex": hex(&fake),
        "naive_leaf_hash_of_fake": hex(&naive.leaf_hash(&fake)),
        "naive_node_hash_of_a_b": hex(&naive.node_hash(&naive.leaf_hash(a), &naive.leaf_hash(b))),
        "rfc9162_fake_leaf_hex": hex(&ours_fake),
        "rfc9162_leaf_hash_of_fake": merkle::leaf_hash(HashAlg::Sha2_256, &ours_fake).to_hex(),
        "rfc9162_node_hash_of_a_b": merkle::node_hash(
            HashAlg::Sha2_256,
            merkle::leaf_hash(HashAlg::Sha2_256, a).as_bytes(),
            merkle::leaf_hash(HashAlg::Sha2_256, b).as_bytes(),
        ).to_hex(),
        "expect": "naive leaf hash of the fake 64-byte leaf equals the naive node hash (exposed); the RFC 9162 values differ",
    });

    // (3) Keccak-256 vs SHA3-256: same permutation and rate, different padding.
    let padding: Vec<Value> = [&b""[..], b"abc"]
        .iter()
        .map(|m| {
            json!({
                "input_hex": hex(m),
                "keccak_256": hash(HashAlg::Keccak256, m).to_hex(),
                "sha3_256": hash(HashAlg::Sha3_256, m).to_hex(),
            })
        })
        .collect();
    let padding = json!({
        "id": "keccak-sha3-padding",
        "cases": padding,
        "expect": "the two digests of each input differ (pad 0x01 vs 0x06); a layer labelled sha3-256 must produce sha3_256",
    });

    // (4) SHA-256(secret || msg) length extension.
    let secret = [0x4bu8; 16];
    let msg = b"pay=10&to=alice";
    let tag: [u8; 32] = sha2::Sha256::digest([&secret[..], msg].concat()).into();
    let (suffix, forged) = sha256_length_extension(&tag, secret.len(), msg, b"&to=mallory");
    let forged_msg = [&msg[..], &suffix].concat();
    let framed =
        |m: &[u8]| hash_framed(HashAlg::Sha2_256, b"pqmigrate/v1/keyed", &[&secret, m]).to_hex();
    let length_ext = json!({
        "id": "length-extension",
        "secret_hex": hex(&secret),
        "msg_hex": hex(msg),
        "naive_tag": hex(&tag),
        "forged_msg_hex": hex(&forged_msg),
        "forged_tag": hex(&forged),
        "framed_tag_of_msg": framed(msg),
        "framed_tag_of_forged_msg": framed(&forged_msg),
        "expect": "SHA-256(secret || forged_msg) == forged_tag although the forger never saw the secret (exposed); the framed keyed hash of forged_msg != forged_tag",
    });
    file(
        "merkle/ambiguity.json",
        json!({"cases": [cve_2012_2459, leaf_node, padding, length_ext]}),
        "Ambiguities that have bitten real chains. Each case gives concrete inputs, the values \
         under a naive construction (which is exposed) and under pqmigrate's (which is not), \
         and `expect` states what a consumer must assert. Case ids match the conformance kit.",
    )
}
