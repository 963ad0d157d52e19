//! m-of-n multisig (`pqmigrate::multisig`): tests named after the attacks of the
//! collector (who gathers the partials), an inner signer and an outsider, plus
//! property tests over signer subsets.

use pqmigrate::hash::HashSuite;
use pqmigrate::multisig::{
    Descriptor, MAX_MEMBERS, MultisigSignature, PartialSignature, Rotation, verify_at,
};
use pqmigrate::policy::MigrationPolicy;
use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey};
use proptest::prelude::*;

const SUITE: HashSuite = HashSuite::SHA3;
const MSG: &[u8] = b"transfer 100 coins to treasury";
const CTX: &[u8] = b"chain-1";

fn key(alg: SigAlg, seed: u8) -> SigningKey {
    SigningKey::from_seed(alg, &[seed; 32]).unwrap()
}

/// A 2-of-3 of hybrid keys, keys in the descriptor's order.
fn wallet() -> (Descriptor, Vec<SigningKey>) {
    wallet_of(2, &[SigAlg::MlDsa44Secp256k1; 3])
}

fn wallet_of(m: usize, algs: &[SigAlg]) -> (Descriptor, Vec<SigningKey>) {
    let keys: Vec<SigningKey> = algs
        .iter()
        .enumerate()
        .map(|(i, a)| key(*a, i as u8 + 1))
        .collect();
    let d = Descriptor::new(m, keys.iter().map(|k| k.public_key().clone()).collect()).unwrap();
    let mut ordered: Vec<SigningKey> = Vec::new();
    for member in d.members() {
        let i = keys.iter().position(|k| k.public_key() == member).unwrap();
        ordered.push(SigningKey::from_seed(algs[i], &[i as u8 + 1; 32]).unwrap());
    }
    (d, ordered)
}

fn partial(d: &Descriptor, k: &SigningKey) -> PartialSignature {
    PartialSignature::sign(d, &SUITE, k, MSG, CTX).unwrap()
}

#[test]
fn honest_two_of_three_verifies_and_round_trips() {
    let (d, keys) = wallet();
    let parts = [partial(&d, &keys[2]), partial(&d, &keys[0])];
    let sig = MultisigSignature::combine(&d, &parts).unwrap();
    assert_eq!(sig.signers(), vec![0, 2]);
    assert!(d.verify(&SUITE, MSG, CTX, &sig).is_ok());
    let bytes = sig.to_bytes();
    assert_eq!(MultisigSignature::from_bytes(&d, &bytes).unwrap(), sig);
    assert_eq!(Descriptor::from_bytes(&d.to_bytes()).unwrap(), d);
    // Another message or context fails.
    assert!(d.verify(&SUITE, b"other", CTX, &sig).is_err());
    assert!(d.verify(&SUITE, MSG, b"chain-2", &sig).is_err());
}

#[test]
fn collector_counts_one_signer_twice() {
    let (d, keys) = wallet();
    let p = partial(&d, &keys[0]);
    // Twice the same partial, or two signatures by the same member.
    assert!(MultisigSignature::combine(&d, &[p.clone(), p.clone()]).is_err());
    let again = partial(&d, &keys[0]);
    assert!(MultisigSignature::combine(&d, &[p.clone(), again]).is_err());
    // Hand-built wire with one index twice: refused at decoding.
    let mut wire = vec![2u8];
    for _ in 0..2 {
        wire.push(0);
        let s = p.signature().to_bytes();
        wire.extend_from_slice(&varint(s.len()));
        wire.extend_from_slice(&s);
    }
    assert!(MultisigSignature::from_bytes(&d, &wire).is_err());
}

fn varint(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    pqmigrate::codec::put_varint(&mut out, n as u64);
    out
}

#[test]
fn collector_retargets_partials_to_a_lower_threshold_or_swapped_member() {
    let (d, keys) = wallet();
    let parts = [partial(&d, &keys[0]), partial(&d, &keys[1])];
    let members = d.members().to_vec();
    // A 1-of-2 over two of the same keys: the partials bind the 2-of-3's digest.
    let lower = Descriptor::new(1, members[..2].to_vec()).unwrap();
    let p0 = PartialSignature::from_parts(&lower, 0, parts[0].signature().clone()).unwrap();
    let sig = MultisigSignature::combine(&lower, &[p0]).unwrap();
    assert!(lower.verify(&SUITE, MSG, CTX, &sig).is_err());
    // A 1-of-3 and a 2-of-3 with the third member swapped for the collector's own key.
    let one_of_three = Descriptor::new(1, members.clone()).unwrap();
    let p = PartialSignature::from_parts(&one_of_three, 0, parts[0].signature().clone()).unwrap();
    let sig = MultisigSignature::combine(&one_of_three, &[p]).unwrap();
    assert!(one_of_three.verify(&SUITE, MSG, CTX, &sig).is_err());
    let evil = key(SigAlg::MlDsa44Secp256k1, 0xee);
    let mut swapped = members[..2].to_vec();
    swapped.push(evil.public_key().clone());
    let swapped = Descriptor::new(2, swapped).unwrap();
    let re: Vec<PartialSignature> = parts
        .iter()
        .map(|p| {
            let i = swapped.index_of(&members[p.index()]).unwrap();
            PartialSignature::from_parts(&swapped, i, p.signature().clone()).unwrap()
        })
        .collect();
    let sig = MultisigSignature::combine(&swapped, &re).unwrap();
    assert!(swapped.verify(&SUITE, MSG, CTX, &sig).is_err());
    // Another hash suite is another wallet too.
    let sig = MultisigSignature::combine(&d, &parts).unwrap();
    assert!(d.verify(&HashSuite::KECCAK, MSG, CTX, &sig).is_err());
}

#[test]
fn collector_reorders_or_pads_the_signer_list() {
    let (d, keys) = wallet();
    let sig =
        MultisigSignature::combine(&d, &[partial(&d, &keys[0]), partial(&d, &keys[1])]).unwrap();
    let bytes = sig.to_bytes();
    let pairs = sig.pairs();
    let enc = |order: &[usize], count: u8, pad: &[u8]| {
        let mut w = vec![count];
        for &k in order {
            let (i, s) = &pairs[k];
            w.extend_from_slice(&varint(*i));
            let s = s.to_bytes();
            w.extend_from_slice(&varint(s.len()));
            w.extend_from_slice(&s);
        }
        w.extend_from_slice(pad);
        w
    };
    assert_eq!(enc(&[0, 1], 2, b""), bytes);
    assert!(
        MultisigSignature::from_bytes(&d, &enc(&[1, 0], 2, b"")).is_err(),
        "reordered"
    );
    assert!(
        MultisigSignature::from_bytes(&d, &enc(&[0, 1], 2, b"\0")).is_err(),
        "trailing"
    );
    assert!(
        MultisigSignature::from_bytes(&d, &enc(&[0, 1, 1], 3, b"")).is_err(),
        "padded"
    );
    assert!(
        MultisigSignature::from_bytes(&d, &enc(&[0], 1, b"")).is_err(),
        "short"
    );
    // An index out of range.
    let mut w = vec![2u8, 0];
    let s = pairs[0].1.to_bytes();
    w.extend_from_slice(&varint(s.len()));
    w.extend_from_slice(&s);
    w.push(7);
    w.extend_from_slice(&varint(s.len()));
    w.extend_from_slice(&s);
    assert!(
        MultisigSignature::from_bytes(&d, &w).is_err(),
        "index 7 of 3"
    );
}

#[test]
fn collector_submits_m_minus_one_valid_partials_plus_a_forged_one() {
    let (d, keys) = wallet();
    let good = partial(&d, &keys[0]);
    // The collector's own key signs in member 1's place: decodes, never verifies.
    let evil = key(SigAlg::MlDsa44Secp256k1, 0xee);
    let forged_sig = evil.sign(MSG, CTX).unwrap();
    let forged = PartialSignature::from_parts(&d, 1, forged_sig).unwrap();
    let sig = MultisigSignature::combine(&d, &[good.clone(), forged.clone()]).unwrap();
    let v = d.verify_detailed(&SUITE, MSG, CTX, &sig);
    assert!(!v.valid());
    assert_eq!(v.valid_count(), 1);
    assert!(v.members()[0].1.is_ok() && v.members()[1].1.is_err());
    // The verifying collector filters it out and cannot reach the threshold.
    assert!(MultisigSignature::combine_verified(&d, &SUITE, MSG, CTX, &[good, forged]).is_err());
}

#[test]
fn inner_signer_signs_under_another_members_index() {
    let (d, keys) = wallet();
    let mine = partial(&d, &keys[0]);
    // Member 0's valid partial relabelled as member 1's (same scheme): fails.
    let relabelled = PartialSignature::from_parts(&d, 1, mine.signature().clone()).unwrap();
    assert!(relabelled.verify(&d, &SUITE, MSG, CTX).is_err());
    let sig = MultisigSignature::combine(&d, &[mine, relabelled]).unwrap();
    assert!(d.verify(&SUITE, MSG, CTX, &sig).is_err());
    // A non-member cannot even make a partial.
    let outsider = key(SigAlg::MlDsa44Secp256k1, 0x99);
    assert!(PartialSignature::sign(&d, &SUITE, &outsider, MSG, CTX).is_err());
}

#[test]
fn member_key_equal_to_or_sharing_a_component_with_another_is_refused() {
    let a = key(SigAlg::MlDsa65Secp256k1, 1);
    let b = key(SigAlg::MlDsa65Secp256k1, 2);
    let pk = |k: &SigningKey| k.public_key().clone();
    assert!(Descriptor::new(1, vec![pk(&a), pk(&a)]).is_err(), "equal");
    // The same ML-DSA half inside two composites; the same ECDSA half; a key alone and
    // inside a composite.
    let mix = |pq: &SigningKey, ec: &SigningKey| {
        let (p, e) = (pq.public_key().payload(), ec.public_key().payload());
        let mut payload = p[..1952].to_vec();
        payload.extend_from_slice(&e[1952..]);
        PublicKey::from_parts(SigAlg::MlDsa65Secp256k1, &payload).unwrap()
    };
    assert!(
        Descriptor::new(1, vec![pk(&a), mix(&a, &b)]).is_err(),
        "shared ML-DSA half"
    );
    assert!(
        Descriptor::new(1, vec![pk(&b), mix(&a, &b)]).is_err(),
        "shared ECDSA half"
    );
    let ml = key(SigAlg::MlDsa65, 3);
    let mut payload = ml.public_key().payload().to_vec();
    payload.extend_from_slice(&b.public_key().payload()[1952..]);
    let composite = PublicKey::from_parts(SigAlg::MlDsa65Secp256k1, &payload).unwrap();
    assert!(
        Descriptor::new(1, vec![pk(&ml), composite]).is_err(),
        "alone and inside"
    );
    // Bounds.
    assert!(Descriptor::new(0, vec![pk(&a)]).is_err());
    assert!(Descriptor::new(3, vec![pk(&a), pk(&b)]).is_err());
    assert!(Descriptor::new(1, vec![]).is_err());
    let many: Vec<PublicKey> = (0..=MAX_MEMBERS as u8)
        .map(|i| key(SigAlg::Secp256k1, i + 1).public_key().clone())
        .collect();
    assert!(Descriptor::new(1, many).is_err());
    // A descriptor whose members are not in canonical order does not decode.
    let d = Descriptor::new(1, vec![pk(&a), pk(&b)]).unwrap();
    let bytes = d.to_bytes();
    let (m0, m1) = (d.members()[0].to_bytes(), d.members()[1].to_bytes());
    let mut swapped = vec![1u8, 2];
    for m in [&m1, &m0] {
        swapped.extend_from_slice(&varint(m.len()));
        swapped.extend_from_slice(m);
    }
    assert!(Descriptor::from_bytes(&swapped).is_err());
    assert!(Descriptor::from_bytes(&[bytes.as_slice(), b"\0"].concat()).is_err());
}

#[test]
fn outsider_random_and_bit_flipped_signatures_fail() {
    let (d, keys) = wallet();
    let sig =
        MultisigSignature::combine(&d, &[partial(&d, &keys[0]), partial(&d, &keys[1])]).unwrap();
    let bytes = sig.to_bytes();
    // Flip bits across the encoding: refused at decoding or at verification.
    for i in (0..bytes.len()).step_by(97) {
        let mut bad = bytes.clone();
        bad[i] ^= 0x40;
        if let Ok(s) = MultisigSignature::from_bytes(&d, &bad) {
            assert!(d.verify(&SUITE, MSG, CTX, &s).is_err(), "byte {i}");
        }
    }
    // Random signatures of the right shape.
    let len = keys[0].sign(MSG, CTX).unwrap().payload().len();
    let mut x = 0x12345678u32;
    let mut random = || {
        let mut v = vec![0u8; len];
        for b in v.iter_mut() {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            *b = x as u8;
        }
        v
    };
    for _ in 0..4 {
        let parts: Vec<PartialSignature> = (0..2)
            .filter_map(|i| {
                let s = Signature::from_parts(SigAlg::MlDsa44Secp256k1, &random()).ok()?;
                PartialSignature::from_parts(&d, i, s).ok()
            })
            .collect();
        if let Ok(s) = MultisigSignature::combine(&d, &parts) {
            assert!(d.verify(&SUITE, MSG, CTX, &s).is_err());
        }
    }
}

#[test]
fn classical_only_partials_stop_counting_after_the_sunset() {
    let policy = MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML).unwrap();
    // A 2-of-3 with two classical members and one hybrid.
    let (d, keys) = wallet_of(
        2,
        &[
            SigAlg::Secp256k1,
            SigAlg::Secp256k1,
            SigAlg::MlDsa65Secp256k1,
        ],
    );
    let classical: Vec<usize> = (0..3)
        .filter(|&i| d.members()[i].alg() == SigAlg::Secp256k1)
        .collect();
    let hybrid = (0..3).find(|i| !classical.contains(i)).unwrap();
    let sig = MultisigSignature::combine(
        &d,
        &[partial(&d, &keys[classical[0]]), partial(&d, &keys[hybrid])],
    )
    .unwrap();
    assert!(d.verify(&SUITE, MSG, CTX, &sig).is_ok());
    // The example policy accepts classical signatures below 1000 only.
    assert!(verify_at(&d, &SUITE, &policy, 999, MSG, CTX, &sig).valid());
    let v = verify_at(&d, &SUITE, &policy, 1000, MSG, CTX, &sig);
    assert!(!v.valid());
    assert_eq!(v.valid_count(), 1);
    // Only the hybrid member still counts: the wallet cannot reach 2 any more.
    assert_eq!(d.reachable(&policy, 999), 3);
    assert_eq!(d.reachable(&policy, 1000), 1);
}

#[test]
fn rotation_replayed_on_another_chain_or_height_fails() {
    let policy = MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML).unwrap();
    let (old, keys) = wallet_of(
        2,
        &[
            SigAlg::Secp256k1,
            SigAlg::MlDsa65Secp256k1,
            SigAlg::MlDsa65Secp256k1,
        ],
    );
    let classical = old
        .members()
        .iter()
        .position(|m| m.alg() == SigAlg::Secp256k1)
        .unwrap();
    // Replace the classical member by a new hybrid key.
    let mut members = old.members().to_vec();
    members[classical] = key(SigAlg::MlDsa65Secp256k1, 0x77).public_key().clone();
    let new = Descriptor::new(2, members).unwrap();
    let signers: Vec<usize> = (0..3).filter(|&i| i != classical).collect();
    let parts: Vec<PartialSignature> = signers
        .iter()
        .map(|&i| Rotation::sign_partial(&SUITE, CTX, 1200, &old, &new, &keys[i]).unwrap())
        .collect();
    let rot = Rotation::combine(CTX, 1200, old.clone(), new.clone(), &parts).unwrap();
    assert!(rot.verify(&SUITE, CTX).is_ok());
    assert_eq!(Rotation::from_bytes(&rot.to_bytes()).unwrap(), rot);
    assert!(rot.check_policy(&policy, 1200).is_ok());
    // Another chain; the record moved to another height; judged at a later block.
    assert!(rot.verify(&SUITE, b"chain-2").is_err());
    let moved = Rotation::combine(CTX, 1201, old.clone(), new.clone(), &parts).unwrap();
    assert!(moved.verify(&SUITE, CTX).is_err());
    // The example policy's attestation-max-age is 10 blocks.
    assert!(rot.check_policy(&policy, 1210).is_ok());
    assert!(rot.check_policy(&policy, 1211).is_err());
    assert!(
        rot.check_policy(&policy, 1199).is_err(),
        "from a later height"
    );
    // A rotation partial is not a transaction partial, and the other way round.
    let st = Rotation::statement(&SUITE, CTX, 1200, &old, &new).unwrap();
    let sig = MultisigSignature::combine(&old, &parts).unwrap();
    assert!(old.verify(&SUITE, &st, b"", &sig).is_ok());
    assert!(old.verify(&SUITE, &st, CTX, &sig).is_err());
    // A classical signer of a rotation after the sunset (10000) is refused.
    let parts: Vec<PartialSignature> = [classical, signers[0]]
        .iter()
        .map(|&i| Rotation::sign_partial(&SUITE, CTX, 10_000, &old, &new, &keys[i]).unwrap())
        .collect();
    let late = Rotation::combine(CTX, 10_000, old.clone(), new.clone(), &parts).unwrap();
    assert!(late.verify(&SUITE, CTX).is_ok());
    assert!(late.check_policy(&policy, 10_000).is_err());
    // No-op rotation.
    assert!(Rotation::combine(CTX, 1200, old.clone(), old, &[]).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Any subset of at least m honest partials combines and verifies, and the
    /// signature decodes to exactly one set of m distinct members.
    #[test]
    fn any_threshold_subset_of_honest_partials_verifies(
        m in 1usize..=4,
        extra in 0usize..=2,
        pick in proptest::collection::vec(any::<bool>(), 6),
    ) {
        let n = (m + extra).min(5);
        let algs: Vec<SigAlg> = (0..n)
            .map(|i| if i % 2 == 0 { SigAlg::MlDsa44 } else { SigAlg::Secp256k1 })
            .collect();
        let (d, keys) = wallet_of(m, &algs);
        let mut chosen: Vec<usize> = (0..n).filter(|&i| pick[i]).collect();
        for i in 0..n {
            if chosen.len() >= m { break; }
            if !chosen.contains(&i) { chosen.push(i); }
        }
        let parts: Vec<PartialSignature> = chosen.iter().map(|&i| partial(&d, &keys[i])).collect();
        let sig = MultisigSignature::combine(&d, &parts).unwrap();
        prop_assert!(d.verify(&SUITE, MSG, CTX, &sig).is_ok());
        let signers = sig.signers();
        prop_assert_eq!(signers.len(), m);
        prop_assert!(signers.windows(2).all(|w| w[0] < w[1]));
        let back = MultisigSignature::from_bytes(&d, &sig.to_bytes()).unwrap();
        prop_assert_eq!(back.signers(), signers);
        prop_assert_eq!(back.to_bytes(), sig.to_bytes());
    }
}

/// `vectors/multisig/multisig.json` read as a consumer would: the descriptor decodes to
/// the listed members, every valid signature verifies, every negative is refused at the
/// stated stage, every bad descriptor is refused.
#[test]
fn multisig_vectors_as_a_consumer() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors/multisig/multisig.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let unhex = |k: &serde_json::Value| hex::decode(k.as_str().unwrap()).unwrap();
    let d = Descriptor::from_bytes(&unhex(&v["descriptor"])).unwrap();
    assert_eq!(d.threshold(), 2);
    for (m, row) in d.members().iter().zip(v["members"].as_array().unwrap()) {
        assert_eq!(m.to_bytes(), unhex(&row["public_key"]));
    }
    assert_eq!(
        hex::encode(d.digest(&SUITE).unwrap().to_multihash()),
        v["digest"]
    );
    let (msg, ctx) = (unhex(&v["message"]), unhex(&v["ctx"]));
    assert_eq!(
        d.message(&SUITE, &msg, &ctx).unwrap(),
        unhex(&v["signed_message"])
    );
    for row in v["valid"].as_array().unwrap() {
        let s = MultisigSignature::from_bytes(&d, &unhex(&row["signature"])).unwrap();
        assert!(d.verify(&SUITE, &msg, &ctx, &s).is_ok());
    }
    for row in v["invalid_signatures"].as_array().unwrap() {
        let case = row["case"].as_str().unwrap();
        match MultisigSignature::from_bytes(&d, &unhex(&row["signature"])) {
            Err(_) => assert_eq!(row["refused_at"], "decode", "{case}"),
            Ok(s) => {
                assert_eq!(row["refused_at"], "verify", "{case}");
                assert!(d.verify(&SUITE, &msg, &ctx, &s).is_err(), "{case}");
            }
        }
    }
    for row in v["invalid_descriptors"].as_array().unwrap() {
        assert!(
            Descriptor::from_bytes(&unhex(&row["descriptor"])).is_err(),
            "{}",
            row["case"]
        );
    }
}
