//! BIP-360 (P2MR) against the BIP's vectors: construction (official, `bitcoin/bips`) and
//! script-path spends (draft, the open pull request bitcoin/bips#2232). Data in
//! `tests/data/chains/`, provenance in `tests/data/SOURCES.md`.
#![cfg(all(feature = "bitcoin", feature = "config"))]

use bitcoin::consensus::deserialize;
use bitcoin::{Amount, ScriptBuf, Transaction, TxOut};
use pqmigrate::chain::bitcoin::{
    self as p2mr, ControlBlock, Network, P2mrError, ScriptTree, SpendError, SpendOutcome, Witness,
};
use pqmigrate::sig::{SigAlg, SigningKey};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Loads a vector file; the spend file nests a 128-deep tree, beyond serde_json's
/// default recursion limit.
fn load(name: &str) -> Value {
    use serde::Deserialize;
    let path = format!(
        "{}/tests/data/chains/bip360/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut de = serde_json::Deserializer::from_str(&text);
    de.disable_recursion_limit();
    Value::deserialize(&mut de).unwrap()
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

fn hex32(s: &Value) -> [u8; 32] {
    unhex(s.as_str().unwrap()).try_into().unwrap()
}

/// BIP-340 tagged hash, written independently with `sha2`.
fn tagged(tag: &str, parts: &[&[u8]]) -> [u8; 32] {
    let t = Sha256::digest(tag.as_bytes());
    let mut h = Sha256::new();
    h.update(t);
    h.update(t);
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// Every case of both official construction files: leaf hashes, Merkle root,
/// scriptPubKey, bech32m address and control blocks, or the stated error.
#[test]
fn p2mr_construction_vectors() {
    let mut checked = 0;
    for file in ["p2mr_construction.json", "p2mr_pqc_construction.json"] {
        for case in load(file)["test_vectors"].as_array().unwrap() {
            let id = case["id"].as_str().unwrap();
            let expected = &case["expected"];
            let tree = ScriptTree::from_given(&case["given"]);
            if let Some(err) = expected.get("error") {
                assert_eq!(
                    tree.unwrap_err().to_string(),
                    err.as_str().unwrap(),
                    "{file} {id}"
                );
                checked += 1;
                continue;
            }
            let out = tree.unwrap().output().unwrap();
            let inter = &case["intermediary"];
            assert_eq!(out.merkle_root, hex32(&inter["merkleRoot"]), "{id}");
            let leaf_hashes: Vec<[u8; 32]> = out.leaves.iter().map(|l| l.leaf_hash).collect();
            let want: Vec<[u8; 32]> = inter["leafHashes"]
                .as_array()
                .unwrap()
                .iter()
                .map(hex32)
                .collect();
            assert_eq!(leaf_hashes, want, "{id}");
            assert_eq!(
                hex::encode(out.script_pubkey()),
                expected["scriptPubKey"].as_str().unwrap(),
                "{id}"
            );
            assert_eq!(
                out.address(Network::Mainnet),
                expected["bip350Address"].as_str().unwrap(),
                "{id}"
            );
            let blocks = expected["scriptPathControlBlocks"].as_array().unwrap();
            assert_eq!(blocks.len(), out.leaves.len(), "{id}");
            for (leaf, want) in out.leaves.iter().zip(blocks) {
                let cb = leaf.control_block();
                assert_eq!(hex::encode(cb.encode()), want.as_str().unwrap(), "{id}");
                // What a verifier does with it: decode and fold back to the root.
                let decoded = ControlBlock::decode(&unhex(want.as_str().unwrap())).unwrap();
                assert_eq!(decoded, cb);
                assert_eq!(decoded.root(leaf.leaf.script()), out.merkle_root, "{id}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 16, "9 + 7 cases");
}

/// The leaf and branch hashes are BIP-341's tagged hashes (checked with `sha2`, not
/// rust-bitcoin), and a branch does not depend on the order of its children.
#[test]
fn p2mr_hashes_are_bip341_tagged_hashes() {
    let script = unhex("20b617298552a72ade070667e86ca63b8f5789a9fe8731ef91202a91c9f3459007ac");
    let want = tagged("TapLeaf", &[&[0xc0, script.len() as u8], &script]);
    assert_eq!(p2mr::leaf_hash(0xc0, &script), want);
    // A 253-byte script takes a three-byte compact size (0xfd ‖ u16 LE).
    let long = vec![0x51; 253];
    assert_eq!(
        p2mr::leaf_hash(0xfa, &long),
        tagged("TapLeaf", &[&[0xfa, 0xfd, 253, 0], &long])
    );
    let (a, b) = ([1u8; 32], [2u8; 32]);
    assert_eq!(p2mr::branch_hash(&a, &b), tagged("TapBranch", &[&a, &b]));
    assert_eq!(p2mr::branch_hash(&b, &a), p2mr::branch_hash(&a, &b));
}

/// Addresses on every network decode back (BIP-350 checksum) to version 2 and the root;
/// trees deeper than 128 and bad leaf versions are refused.
#[test]
fn p2mr_networks_depth_and_leaf_versions() {
    let tree = ScriptTree::Leaf(p2mr::Leaf::tapscript(vec![0x51]));
    let out = tree.output().unwrap();
    for (net, hrp) in [
        (Network::Mainnet, "bc"),
        (Network::Testnet, "tb"),
        (Network::Signet, "tb"),
        (Network::Regtest, "bcrt"),
    ] {
        let addr = out.address(net);
        let (h, v, prog) = bech32::segwit::decode(&addr).unwrap();
        assert_eq!(
            (h.as_str(), v.to_u8(), prog),
            (hrp, 2, out.merkle_root.to_vec())
        );
        assert_eq!(addr.as_bytes()[hrp.len() + 1], b'z', "version 2 is 'z'");
        assert_eq!(net.name().parse::<Network>().unwrap(), net);
    }
    // A chain of 128 branches is the deepest allowed; 129 is refused.
    let chain = |depth: usize| {
        (0..depth).fold(
            ScriptTree::Leaf(p2mr::Leaf::tapscript(vec![0x51])),
            |t, i| {
                ScriptTree::branch(
                    t,
                    ScriptTree::Leaf(p2mr::Leaf::tapscript(vec![0x52, i as u8])),
                )
            },
        )
    };
    let deep = chain(128).output().unwrap();
    assert_eq!(deep.leaves[0].control_block().encode().len(), 1 + 32 * 128);
    assert_eq!(chain(129).output().unwrap_err(), P2mrError::TooDeep);
    for v in [0xc1, 0x50, 0x01] {
        assert_eq!(
            p2mr::Leaf::new(v, vec![]).unwrap_err(),
            P2mrError::LeafVersion(v)
        );
    }
    assert!(p2mr::Leaf::new(0xfa, vec![]).is_ok());
}

/// Control blocks decode strictly: exact `1 + 32m` length, `m ≤ 128`, low bit 1.
#[test]
fn p2mr_control_block_decoding_is_strict() {
    for bad_len in [0usize, 2, 32, 34, 1 + 32 * 129] {
        assert_eq!(
            ControlBlock::decode(&vec![0xc1; bad_len]).unwrap_err(),
            P2mrError::ControlBlockSize(bad_len)
        );
    }
    assert_eq!(
        ControlBlock::decode(&[0xc0]).unwrap_err(),
        P2mrError::ControlByte(0xc0)
    );
    let mut cb = vec![0xfb];
    cb.extend([7u8; 64]);
    let d = ControlBlock::decode(&cb).unwrap();
    assert_eq!((d.leaf_version(), d.path().len()), (0xfa, 2));
    assert_eq!(d.encode(), cb);
}

fn txout(v: &Value) -> TxOut {
    TxOut {
        value: Amount::from_sat(v["amountSats"].as_u64().unwrap()),
        script_pubkey: ScriptBuf::from_bytes(unhex(v["scriptPubKey"].as_str().unwrap())),
    }
}

/// The leaf ids of a vector tree in depth-first order (the order of our leaves).
fn leaf_ids(tree: &Value, out: &mut Vec<u64>) {
    match tree {
        Value::Array(a) => a.iter().for_each(|t| leaf_ids(t, out)),
        leaf => out.push(leaf["id"].as_u64().unwrap()),
    }
}

/// The spend vector's case, the outputs its six inputs spend, and its fully signed
/// transaction.
fn spend_case() -> (Value, Vec<TxOut>, Transaction) {
    let v = load("pr2232-unmerged/p2mr_spending.json");
    let case = v["scriptPathSpending"][0].clone();
    let spent = case["given"]["utxosSpent"]
        .as_array()
        .unwrap()
        .iter()
        .map(txout)
        .collect();
    let tx = deserialize(&unhex(case["auxiliary"]["fullySignedTx"].as_str().unwrap())).unwrap();
    (case, spent, tx)
}

/// **Draft** (bitcoin/bips#2232): every input of the spend vector. The tree rebuilds the
/// spent output, leaf hash and control block; the tapscript sighash and its `SigMsg`
/// match; the BIP-340 signature re-derives byte for byte (all-zero aux randomness); the
/// witness is exactly what we would build; and `verify_spend` accepts each input of the
/// fully signed transaction for the right reason.
#[test]
fn p2mr_spend_vectors_draft() {
    let (case, spent, tx) = spend_case();
    let unsigned: Transaction =
        deserialize(&unhex(case["given"]["rawUnsignedTx"].as_str().unwrap())).unwrap();
    assert_eq!(tx.compute_txid(), unsigned.compute_txid());
    let inputs = case["inputSpending"].as_array().unwrap();
    assert_eq!(inputs.len(), 6);
    for input in inputs {
        let g = &input["given"];
        let i = g["txinIndex"].as_u64().unwrap() as usize;
        let inter = &input["intermediary"];
        // Construction: tree → spent output, leaf hash, control block.
        let out = ScriptTree::from_json(&g["scriptTree"])
            .unwrap()
            .output()
            .unwrap();
        assert_eq!(
            out.script_pubkey().as_slice(),
            spent[i].script_pubkey.as_bytes()
        );
        let mut ids = Vec::new();
        leaf_ids(&g["scriptTree"], &mut ids);
        let pos = ids
            .iter()
            .position(|&id| id == g["leafId"].as_u64().unwrap());
        let leaf = &out.leaves[pos.unwrap()];
        assert_eq!(leaf.leaf_hash, hex32(&inter["leafHash"]), "input {i}");
        assert_eq!(out.merkle_root, hex32(&inter["merkleRoot"]), "input {i}");
        let cb = leaf.control_block().encode();
        assert_eq!(hex::encode(&cb), inter["controlBlock"].as_str().unwrap());

        // The witness, element by element.
        let want_witness: Vec<Vec<u8>> = input["expected"]["witness"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| unhex(e.as_str().unwrap()))
            .collect();
        let got_witness: Vec<Vec<u8>> = tx.input[i].witness.iter().map(<[u8]>::to_vec).collect();
        assert_eq!(got_witness, want_witness, "input {i}");

        let outcome = p2mr::verify_spend(&tx, i, &spent).unwrap();
        if g["privkey"].is_null() {
            let expect = if leaf.leaf.version() != p2mr::TAPSCRIPT_LEAF_VERSION {
                SpendOutcome::UnknownLeafVersion(leaf.leaf.version())
            } else {
                SpendOutcome::DepthZero
            };
            assert_eq!(outcome, expect, "input {i}");
            continue;
        }
        let SpendOutcome::Signature { sighash } = outcome else {
            panic!("input {i}: {outcome:?}")
        };
        assert_eq!(sighash, hex32(&inter["sigHash"]), "input {i}");
        // SigMsg (with its epoch byte) hashes to that sighash under the TapSighash tag.
        let sig_msg = unhex(inter["sigMsg"].as_str().unwrap());
        assert_eq!(tagged("TapSighash", &[&sig_msg]), sighash);
        // The signature re-derives (BIP-340, aux = 32 zero bytes).
        let secret: [u8; 32] = unhex(g["privkey"].as_str().unwrap()).try_into().unwrap();
        let sk = k256::schnorr::SigningKey::from_bytes((&secret).into()).unwrap();
        let mut sig = sk.sign_raw(&sighash, &[0; 32]).unwrap().to_bytes().to_vec();
        let hash_type = g["hashType"].as_u64().unwrap() as u8;
        if hash_type != 0 {
            sig.push(hash_type);
        }
        assert_eq!(sig, want_witness[0], "input {i}");
        // The annex, when given, is the witness's last element and enters the sighash.
        if let Some(annex) = g["annex"].as_str() {
            assert_eq!(want_witness.last().unwrap(), &unhex(annex));
        }
        let elements: Vec<&[u8]> = want_witness.iter().map(Vec::as_slice).collect();
        let w = Witness::parse(&elements).unwrap();
        assert_eq!(w.annex.is_some(), !g["annex"].is_null());
    }
}

/// **Draft** (bitcoin/bips#2232): the nine invalid spends are refused, each for the
/// vector's stated reason.
#[test]
fn p2mr_invalid_spends_draft() {
    let v = load("pr2232-unmerged/p2mr_spending.json");
    let cases = v["invalidSpending"].as_array().unwrap();
    assert_eq!(cases.len(), 9);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let tx: Transaction = deserialize(&unhex(case["given"]["rawTx"].as_str().unwrap()))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let spent = [txout(&case["given"]["utxoSpent"])];
        let err: SpendError = p2mr::verify_spend(&tx, 0, &spent).unwrap_err();
        assert_eq!(
            err.to_string(),
            case["expected"]["error"].as_str().unwrap(),
            "{id}"
        );
    }
}

/// A post-quantum leaf for our keys: `PUSH32 <commitment> 0x7f`, where the commitment is
/// the raw key when it is 32 bytes and otherwise the tagged hash of the key's envelope
/// (recomputed here with `sha2`); its output is a one-leaf P2MR with control block `c1`.
#[test]
fn p2mr_pq_leaf_for_our_keys() {
    let mut addresses = std::collections::BTreeSet::new();
    for alg in [
        SigAlg::MlDsa65Secp256k1,
        SigAlg::MlDsa44,
        SigAlg::FnDsa512,
        SigAlg::SlhDsaSha2_128s,
    ] {
        let sk = SigningKey::from_seed(alg, &[5; 32]).unwrap();
        let pk = sk.public_key();
        let commitment: [u8; 32] = match pk.payload().len() {
            32 => pk.payload().try_into().unwrap(),
            _ => tagged("pqmigrate/P2MR/pq-key", &[&pk.to_bytes()]),
        };
        let mut script = vec![0x20];
        script.extend(commitment);
        script.push(0x7f);
        let leaf = p2mr::pq_leaf(pk);
        assert_eq!(leaf.script(), script, "{alg}");
        let out = p2mr::pq_output(pk);
        assert_eq!(
            out.merkle_root,
            tagged("TapLeaf", &[&[0xc0, 34], &script]),
            "{alg}"
        );
        assert_eq!(out.leaves[0].control_block().encode(), [0xc1]);
        let addr = out.address(Network::Mainnet);
        assert!(addr.starts_with("bc1z"), "{addr}");
        addresses.insert(addr);
    }
    assert_eq!(addresses.len(), 4, "distinct keys, distinct outputs");
}

/// **Draft** (bitcoin/bips#2232): `SIGHASH_SINGLE` on an input without a matching output
/// has no signature hash (BIP-341), so such a signature is invalid; a 65-byte signature
/// with type 0x00, or an undefined type, is invalid too.
#[test]
fn p2mr_sighash_single_without_output_is_an_invalid_signature() {
    let (_, spent, signed) = spend_case();
    assert_eq!(signed.output.len(), 1);
    for hash_type in [0x03u8, 0x00, 0x04] {
        let mut tx = signed.clone();
        let mut elements: Vec<Vec<u8>> = tx.input[5].witness.iter().map(<[u8]>::to_vec).collect();
        assert_eq!(elements[0].len(), 64);
        elements[0].push(hash_type);
        tx.input[5].witness = bitcoin::Witness::from_slice(&elements);
        assert_eq!(
            p2mr::verify_spend(&tx, 5, &spent),
            Err(SpendError::InvalidSignature),
            "type {hash_type:#04x}"
        );
    }
    assert!(p2mr::verify_spend(&signed, 5, &spent).is_ok());
}
