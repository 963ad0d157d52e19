//! Ethereum formats against the EIPs' vectors: EIP-7932 `sigrecover` and addresses,
//! EIP-8355 ML-DSA precompile inputs (draft, open pull request ethereum/EIPs#12048),
//! and EIP-8051's NIST ML-DSA-44 KAT. Data in `tests/data/chains/`, provenance in
//! `tests/data/SOURCES.md`.
#![cfg(feature = "ethereum")]

use pqmigrate::chain::ethereum::{self as eth, AlgTypes, EthError, MlDsaPrecompile};
use pqmigrate::sig::{PublicKey, SigAlg, SigningKey};
use serde_json::Value;

fn data(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/data/chains/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).unwrap()
}

/// All 11 `sigrecover` cases: output (address or empty) and gas.
#[test]
fn eip7932_sigrecover_vectors() {
    let v: Value = serde_json::from_str(&data("eip7932/sigrecover_cases.json")).unwrap();
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 11);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let r = eth::sigrecover(&unhex(case["input"].as_str().unwrap()));
        let want = case["expected_output"].as_str().unwrap();
        let got = r.output.map(hex::encode).unwrap_or_default();
        assert_eq!(got, want, "{name}");
        assert_eq!(r.gas, case["gas"].as_u64().unwrap(), "{name}");
    }
}

/// The legacy rule for type 0 gives the published address of the vectors' key (also
/// in EIP-55 form), from the uncompressed key and from our compressed key file form.
#[test]
fn eip7932_address_legacy_secp256k1() {
    let v: Value = serde_json::from_str(&data("eip7932/sigrecover_cases.json")).unwrap();
    let upk = unhex(v["uncompressed_public_key"].as_str().unwrap());
    let want = v["address"].as_str().unwrap();
    let addr = eth::address(0, &upk).unwrap();
    assert_eq!(format!("0x{}", hex::encode(addr)), want);
    assert_eq!(
        eth::checksum_address(&addr),
        "0xd3eF791e8a9c9BD26787D262e66e673FE8E7262A"
    );
    let secret = unhex(v["secp256k1_private_key"].as_str().unwrap());
    let sk = SigningKey::from_parts(SigAlg::Secp256k1, &secret).unwrap();
    let ours = eth::address_of(sk.public_key(), None, &AlgTypes::default()).unwrap();
    assert_eq!(ours, addr);
    // A compressed key, a wrong prefix or a point off the curve is refused for type 0.
    assert_eq!(
        eth::address(0, sk.public_key().payload()),
        Err(EthError::Secp256k1Key)
    );
    let mut off = upk.clone();
    off[64] ^= 1;
    assert_eq!(eth::address(0, &off), Err(EthError::Secp256k1Key));
}

/// The non-legacy rules, recomputed with `sha3`'s Keccak-256: `type ‖ pk`, and
/// `type ‖ 0x00 ‖ pk` for a 63-byte key so that no input is 64 bytes; `0x7f` refused.
#[test]
fn eip7932_address_rules() {
    use sha3::{Digest, Keccak256};
    let k = |b: &[u8]| -> [u8; 20] { Keccak256::digest(b)[12..].try_into().unwrap() };
    let pk63 = [9u8; 63];
    assert_eq!(
        eth::address(0x05, &pk63).unwrap(),
        k(&[&[0x05, 0][..], &pk63].concat())
    );
    let pk64 = [9u8; 64];
    assert_eq!(
        eth::address(0x05, &pk64).unwrap(),
        k(&[&[0x05][..], &pk64].concat())
    );
    assert_eq!(eth::address(0x7f, &pk64), Err(EthError::ReservedType));
    // An ML-DSA-44 key under EIP-8051's type 0xD1 (the default), and under another.
    let sk = SigningKey::from_seed(SigAlg::MlDsa44, &[1; 32]).unwrap();
    let pk = sk.public_key();
    let types = AlgTypes::default();
    let want = k(&[&[0xD1][..], pk.payload()].concat());
    assert_eq!(eth::address_of(pk, None, &types).unwrap(), want);
    assert_ne!(eth::address_of(pk, Some(0x21), &types).unwrap(), want);
    let other = SigningKey::from_seed(SigAlg::MlDsa65, &[1; 32]).unwrap();
    let other = other.public_key();
    assert_eq!(
        eth::address_of(other, None, &types),
        Err(EthError::NoType(SigAlg::MlDsa65))
    );
}

/// **Draft** (ethereum/EIPs#12048): the three EIP-8355 `VERIFY_MLDSA44` cases: output
/// and gas; and inputs we encode for each parameter set verify, and fail when flipped.
#[test]
fn eip8355_precompile_vectors_draft() {
    let v: Value =
        serde_json::from_str(&data("eip8355/pr12048-unmerged/test-vectors.json")).unwrap();
    let cases = v.as_array().unwrap();
    assert_eq!(cases.len(), 3);
    let p = MlDsaPrecompile::MlDsa44;
    for case in cases {
        let name = case["Name"].as_str().unwrap();
        let input = unhex(case["Input"].as_str().unwrap());
        assert_eq!(
            hex::encode(p.run(&input)),
            case["Expected"].as_str().unwrap(),
            "{name}"
        );
        assert_eq!(p.gas(input.len()), case["Gas"].as_u64().unwrap(), "{name}");
    }
    for p in MlDsaPrecompile::ALL {
        let sk = SigningKey::from_seed(p.alg(), &[2; 32]).unwrap();
        let msg = b"an Ethereum transaction hash, or any message";
        let sig = sk.sign(msg, b"").unwrap();
        let mut input = MlDsaPrecompile::encode(sk.public_key(), &sig, msg).unwrap();
        assert_eq!(p.run(&input)[31], 1, "{p:?}");
        let parsed = p.parse(&input).unwrap();
        assert_eq!(parsed.msg, msg);
        let n = input.len();
        input[n - 1] ^= 1;
        assert_eq!(p.run(&input), [0; 32], "{p:?}");
        // A signature made with a context is not valid here (the context is empty).
        let ctx_sig = sk.sign(msg, b"chain-1").unwrap();
        let input = MlDsaPrecompile::encode(sk.public_key(), &ctx_sig, msg).unwrap();
        assert_eq!(p.run(&input), [0; 32], "{p:?}");
    }
}

/// A NIST KAT `.rsp` file's records' `(pk, sm)` fields.
fn kat_records(text: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    rsp_records(text)
        .iter()
        .map(|r| (unhex(&r["pk"]), unhex(&r["sm"])))
        .collect()
}

/// EIP-8051's NIST variant: the first 10 KAT records verify as pure ML-DSA-44 with an
/// empty context, through the precompile input too; a flipped byte fails.
#[test]
fn eip8051_nist_kat_records() {
    let records = kat_records(&data("eip8051/mldsa_nist.first10.rsp"));
    assert_eq!(records.len(), 10);
    for (i, (pk, sm)) in records.iter().enumerate() {
        assert!(eth::verify_nist_kat(pk, sm), "record {i}");
        let input = [&pk[..], &sm[..]].concat();
        assert_eq!(MlDsaPrecompile::MlDsa44.run(&input)[31], 1, "record {i}");
        let mut bad = sm.clone();
        bad[100] ^= 0x10;
        assert!(!eth::verify_nist_kat(pk, &bad), "record {i}");
        assert!(PublicKey::from_parts(SigAlg::MlDsa44, pk).is_ok());
    }
}

/// KeccakPRNG reproduces both of ZKNOX's KATs, read in one piece and in pieces (one
/// continuous stream).
#[test]
fn keccak_prng_kats() {
    use pqmigrate::chain::ethereum::keccak_prng::KeccakPrng;
    let v: Value = serde_json::from_str(&data("keccak-prng/keccak_prng_kat.json")).unwrap();
    for case in v["cases"].as_array().unwrap() {
        let input = unhex(case["input"].as_str().unwrap());
        let want = unhex(case["output"].as_str().unwrap());
        let mut p = KeccakPrng::absorbed(&[&input]);
        assert_eq!(p.squeeze_vec(want.len()), want);
        let mut p = KeccakPrng::absorbed(&[&input[..5], &input[5..]]);
        let mut pieces = p.squeeze_vec(7);
        pieces.extend(p.squeeze_vec(want.len() - 7));
        assert_eq!(pieces, want);
    }
}

/// Our ML-DSA-44 verifier written over the XOF is standard ML-DSA-44 with SHAKE: it
/// accepts the NIST KAT records (and agrees with libcrux on flipped ones), and with
/// KeccakPRNG it accepts every ML-DSA-ETH KAT record; neither accepts the other's.
#[test]
fn mldsa_eth_kat_records() {
    use pqmigrate::chain::ethereum::mldsa_eth::{self, Xof};
    let nist = kat_records(&data("eip8051/mldsa_nist.first10.rsp"));
    let evm = kat_records(&data("eip8051/mldsa_evm.first10.rsp"));
    assert_eq!((nist.len(), evm.len()), (10, 10));
    fn split(sm: &[u8]) -> (&[u8], &[u8]) {
        sm.split_at(pqmigrate::chain::ethereum::mldsa_eth::SIGNATURE_LEN)
    }
    for (i, ((npk, nsm), (epk, esm))) in nist.iter().zip(&evm).enumerate() {
        let (nsig, nmsg) = split(nsm);
        let (esig, emsg) = split(esm);
        assert!(mldsa_eth::verify(Xof::Shake, npk, nmsg, nsig), "nist {i}");
        assert!(
            mldsa_eth::verify(Xof::KeccakPrng, epk, emsg, esig),
            "evm {i}"
        );
        assert!(eth::verify_eth_kat(epk, esm), "evm {i}");
        assert!(
            !mldsa_eth::verify(Xof::KeccakPrng, npk, nmsg, nsig),
            "nist {i}"
        );
        assert!(!mldsa_eth::verify(Xof::Shake, epk, emsg, esig), "evm {i}");
        assert_ne!(npk, epk, "same seed, different keys");
        for pos in [0, 40, 2400, 2419, 2420 + 3] {
            let mut bad = esm.clone();
            let at = pos % bad.len();
            bad[at] ^= 0x01;
            assert!(!eth::verify_eth_kat(epk, &bad), "evm {i} flipped at {pos}");
            let mut bad = nsm.clone();
            let at = pos % bad.len();
            bad[at] ^= 0x01;
            let (s, m) = split(&bad);
            assert_eq!(
                mldsa_eth::verify(Xof::Shake, npk, m, s),
                eth::verify_nist_kat(npk, &bad),
                "nist {i} flipped at {pos}: ours and libcrux agree"
            );
        }
    }
}

/// A NIST-style `.rsp` file as one map of fields per record.
fn rsp_records(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut out: Vec<std::collections::HashMap<String, String>> = Vec::new();
    for line in text.lines() {
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        let (k, v) = (k.trim().to_string(), v.trim().to_string());
        if k == "count" {
            out.push(Default::default());
        }
        out.last_mut().unwrap().insert(k, v);
    }
    out
}

fn ints(s: &str) -> Vec<u16> {
    s.trim_matches(['[', ']'])
        .split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| x.parse().unwrap())
        .collect()
}

/// EIP-8052: SHAKE256 hash-to-point reproduces every HASHTOPOINT record; the challenge
/// encoding is 14-bit big-endian and round-trips; the hash-to-point precompile takes
/// exactly `msg(32) ‖ sig(666)`.
#[test]
fn eip8052_hash_to_point_kat() {
    use pqmigrate::chain::ethereum::falcon::{self, Xof};
    let recs = rsp_records(&data("eip8052/kat_HASHTOPOINT_512.first10.rsp"));
    assert_eq!(recs.len(), 10);
    for r in &recs {
        let (msg, salt) = (unhex(&r["msg"]), unhex(&r["salt"]));
        let c = falcon::hash_to_point(Xof::Shake, &[&salt, &msg]);
        assert_eq!(c.to_vec(), ints(&r["hash"]), "count {}", r["count"]);
        let enc = falcon::encode_challenge(&c);
        // 14-bit big-endian: the first coefficient is the top 14 bits.
        assert_eq!(((enc[0] as u16) << 6) | (enc[1] as u16 >> 2), c[0]);
        assert_eq!(falcon::decode_challenge(&enc), Some(c));
    }
    let mut input = vec![0u8; 32 + 666];
    input[32..72].copy_from_slice(&unhex(&recs[0]["salt"]));
    let out = falcon::hash_to_point_precompile(Xof::Shake, &input).unwrap();
    let want = falcon::hash_to_point(Xof::Shake, &[&input[32..72], &[0; 32]]);
    assert_eq!(out, falcon::encode_challenge(&want));
    assert_eq!(
        falcon::hash_to_point_precompile(Xof::Shake, &input[1..]),
        None
    );
}

/// EIP-8052: every FALCONCORE record passes the core check with its challenge, which is
/// the hash-to-point of the HASHTOPOINT record with the same count; so the full
/// verification (hash-to-point + core) accepts each (pk, msg, salt, s2), and a changed
/// message, salt or `s2`, or a non-canonical encoding, is refused.
#[test]
fn eip8052_falcon_core_kat() {
    use pqmigrate::chain::ethereum::falcon::{self, Xof};
    let h2p = rsp_records(&data("eip8052/kat_HASHTOPOINT_512.first10.rsp"));
    let core = rsp_records(&data("eip8052/kat_FALCONCORE_512.first10.rsp"));
    assert_eq!(core.len(), 10);
    for (a, b) in h2p.iter().zip(&core) {
        assert_eq!(a["count"], b["count"]);
        assert_eq!(ints(&a["hash"]), ints(&b["hashtopoint"]));
        let (msg, salt) = (unhex(&a["msg"]), unhex(&a["salt"]));
        let pk = unhex(&b["pk"]);
        let field = unhex(&b["s2"]); // msg ‖ 0x29 ‖ compressed s2
        assert_eq!(&field[..msg.len()], &msg[..]);
        assert_eq!(field[msg.len()], 0x29);
        let comp = &field[msg.len() + 1..];
        let h = falcon::decode_public_key(&pk).unwrap();
        let s2 = falcon::decompress(comp).unwrap();
        let c: [u16; 512] = ints(&b["hashtopoint"]).try_into().unwrap();
        assert!(falcon::core_check(&h, &s2, &c), "count {}", b["count"]);
        assert!(falcon::verify(Xof::Shake, &pk, &msg, &salt, comp));
        // Padding with zero bytes is allowed (the 666-byte form); anything else is not.
        let mut padded = comp.to_vec();
        padded.resize(626, 0);
        assert!(falcon::verify(Xof::Shake, &pk, &msg, &salt, &padded));
        let mut tail = padded.clone();
        *tail.last_mut().unwrap() = 1;
        assert!(!falcon::verify(Xof::Shake, &pk, &msg, &salt, &tail));
        let mut m2 = msg.clone();
        m2[0] ^= 1;
        assert!(!falcon::verify(Xof::Shake, &pk, &m2, &salt, comp));
        assert!(!falcon::verify(Xof::Shake, &pk, &msg, &salt[1..], comp));
        assert!(!falcon::verify(Xof::KeccakPrng, &pk, &msg, &salt, comp));
        let mut c2 = comp.to_vec();
        c2[10] ^= 0x40;
        assert!(!falcon::verify(Xof::Shake, &pk, &msg, &salt, &c2));
        let mut pk2 = pk.clone();
        pk2[0] = 0x0a;
        assert!(!falcon::verify(Xof::Shake, &pk2, &msg, &salt, comp));
    }
}

/// Round-3 compression refuses `−0` and truncated input.
#[test]
fn eip8052_decompress_is_strict() {
    use pqmigrate::chain::ethereum::falcon;
    // 512 zeros: each `0 0000000 1` (9 bits) → 4608 bits = 576 bytes.
    let mut zeros = vec![0u8; 576];
    for i in 0..512 {
        let bit = i * 9 + 8;
        zeros[bit / 8] |= 0x80 >> (bit % 8);
    }
    assert_eq!(falcon::decompress(&zeros), Some([0; 512]));
    let mut minus_zero = zeros.clone();
    minus_zero[0] |= 0x80; // sign bit of the first coefficient
    assert_eq!(falcon::decompress(&minus_zero), None);
    assert_eq!(falcon::decompress(&zeros[..575]), None);
}

/// ETHFALCON's KAT (`kat_ethfalcon512`) is stale: its signatures verify only when the
/// KeccakPRNG hash-to-point absorbs `msg ‖ salt`, not the `salt ‖ msg` that EIP-8052 and
/// the current reference code specify. We implement the specification and show both.
#[test]
fn eip8052_ethfalcon_kat_is_stale() {
    use pqmigrate::chain::ethereum::falcon::{self, Xof};
    let recs = rsp_records(&data("eip8052/kat_ethfalcon512.first10.rsp"));
    assert_eq!(recs.len(), 10);
    for r in &recs {
        let (msg, pk, sm) = (unhex(&r["msg"]), unhex(&r["pk"]), unhex(&r["sm"]));
        // sm = u16_be(len) ‖ salt(40) ‖ msg ‖ 0x29 ‖ compressed s2 (zero-padded)
        assert_eq!(u16::from_be_bytes([sm[0], sm[1]]) as usize, sm.len() - 2);
        let salt = &sm[2..42];
        assert_eq!(&sm[42..42 + msg.len()], &msg[..]);
        assert_eq!(sm[42 + msg.len()], 0x29);
        let comp = &sm[43 + msg.len()..];
        let h = falcon::decode_public_key(&pk).unwrap();
        let s2 = falcon::decompress(comp).unwrap();
        let stale = falcon::hash_to_point(Xof::KeccakPrng, &[&msg, salt]);
        assert!(falcon::core_check(&h, &s2, &stale), "count {}", r["count"]);
        assert!(!falcon::verify(Xof::KeccakPrng, &pk, &msg, salt, comp));
    }
}
