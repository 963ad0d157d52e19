//! SLH-DSA (FIPS 205) against NIST's ACVP known answers (`tests/data/slh-dsa/`,
//! provenance in `tests/data/SOURCES.md`), through the crate's own API: key generation
//! from the three seeds, pure verification with a context, and the internal interface
//! (`slh_verify_internal`) for the ACVP v1.1.0.37 groups. Plus the properties a chain
//! needs of the encoding: fixed lengths, no malleable bytes.

mod common;

use common::unhex;
use pqmigrate::Error;
use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey, slhdsa};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = common::data("slh-dsa").join(name);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// `SLH-DSA-SHA2-128s` → `slh-dsa-sha2-128s`.
fn alg(parameter_set: &str) -> SigAlg {
    parameter_set.to_lowercase().parse().unwrap()
}

fn field<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key].as_str().unwrap()
}

/// ACVP keyGen: the private key `SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root` loads (our loader
/// recomputes the root from the three seeds) and gives NIST's public key; a key whose
/// root is changed is refused.
#[test]
fn acvp_keygen_through_the_api() {
    let file = load("keygen.json");
    let cases = file["tests"].as_array().unwrap();
    assert_eq!(cases.len(), 15);
    for case in cases {
        let alg = alg(field(case, "parameterSet"));
        let sk = unhex(&field(case, "sk").to_lowercase());
        let pk = unhex(&field(case, "pk").to_lowercase());
        let seeds = [
            field(case, "skSeed"),
            field(case, "skPrf"),
            field(case, "pkSeed"),
        ]
        .concat();
        assert_eq!(sk[..sk.len() - pk.len() / 2], unhex(&seeds.to_lowercase()));
        let key = SigningKey::from_parts(alg, &sk).unwrap();
        assert_eq!(
            key.public_key().payload(),
            &pk[..],
            "{alg} tcId {}",
            case["tcId"]
        );
        let mut bad = sk.clone();
        *bad.last_mut().unwrap() ^= 1;
        assert!(matches!(
            SigningKey::from_parts(alg, &bad),
            Err(Error::InvalidComponent { .. })
        ));
    }
}

/// ACVP sigVer, every case: pure cases through `PublicKey::verify` with the context,
/// internal-interface cases through `slhdsa::verify_internal`. A signature of the wrong
/// length is refused when parsed.
#[test]
fn acvp_sigver_through_the_api() {
    let file = load("sigver.json");
    let cases = file["tests"].as_array().unwrap();
    assert_eq!(cases.len(), 11);
    let (mut accepted, mut refused) = (0, 0);
    for case in cases {
        let alg = alg(field(case, "parameterSet"));
        let pk = unhex(&field(case, "pk").to_lowercase());
        let msg = unhex(&field(case, "message").to_lowercase());
        let sig = unhex(&field(case, "signature").to_lowercase());
        let want = case["testPassed"].as_bool().unwrap();
        let got = match field(case, "signatureInterface") {
            "internal" => slhdsa::verify_internal(alg, &pk, &msg, &sig),
            "external" => {
                assert_eq!(field(case, "preHash"), "pure");
                let ctx = unhex(&field(case, "context").to_lowercase());
                let key = PublicKey::from_parts(alg, &pk).unwrap();
                Signature::from_parts(alg, &sig)
                    .is_ok_and(|sig| key.verify(&msg, &ctx, &sig).is_ok())
            }
            other => panic!("interface {other}"),
        };
        assert_eq!(
            got,
            want,
            "{alg} tcId {}: {}",
            case["tcId"],
            field(case, "reason")
        );
        if sig.len() != alg.info().signature_len {
            assert!(Signature::from_parts(alg, &sig).is_err());
        }
        if want { accepted += 1 } else { refused += 1 }
    }
    assert_eq!((accepted, refused), (5, 6));
}

/// A valid ACVP pure signature stays valid only byte for byte: no bit of it can change
/// (sampled across R, SIG_FORS and SIG_HT), and the context binds.
#[test]
fn pure_signatures_are_not_malleable() {
    let file = load("sigver.json");
    let case = file["tests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["signatureInterface"] == "external" && c["testPassed"] == true)
        .unwrap();
    let alg = alg(field(case, "parameterSet"));
    let pk = PublicKey::from_parts(alg, &unhex(&field(case, "pk").to_lowercase())).unwrap();
    let msg = unhex(&field(case, "message").to_lowercase());
    let ctx = unhex(&field(case, "context").to_lowercase());
    let sig = unhex(&field(case, "signature").to_lowercase());
    let parse = |b: &[u8]| Signature::from_parts(alg, b).unwrap();
    assert!(pk.verify(&msg, &ctx, &parse(&sig)).is_ok());
    assert!(pk.verify(&msg, &ctx[1..], &parse(&sig)).is_err());
    for i in (0..sig.len()).step_by(97).chain([sig.len() - 1]) {
        let mut bad = sig.clone();
        bad[i] ^= 0x80;
        assert!(pk.verify(&msg, &ctx, &parse(&bad)).is_err(), "byte {i}");
    }
}

/// Our own keys: derived, signed and verified through the API, deterministic when asked,
/// and the composite with secp256k1 works end to end.
#[test]
fn sign_and_verify_round_trip() {
    for alg in [SigAlg::SlhDsaSha2_128f, SigAlg::SlhDsaSha2_128sSecp256k1] {
        let sk = SigningKey::from_seed(alg, &[9; 32]).unwrap();
        let a = sk.sign_deterministic(b"block 7", b"chain").unwrap();
        assert_eq!(a, sk.sign_deterministic(b"block 7", b"chain").unwrap());
        assert_eq!(a.payload().len(), alg.info().signature_len);
        assert!(sk.public_key().verify(b"block 7", b"chain", &a).is_ok());
        assert!(sk.public_key().verify(b"block 8", b"chain", &a).is_err());
        let hedged = sk.sign(b"block 7", b"chain").unwrap();
        assert_ne!(hedged, a);
        assert!(
            sk.public_key()
                .verify(b"block 7", b"chain", &hedged)
                .is_ok()
        );
    }
}
