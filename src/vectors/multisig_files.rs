//! `multisig/multisig.json`: a 2-of-3 wallet of mixed schemes (secp256k1, ML-DSA-44 and
//! their composite), its descriptor, digest and address, the message members sign, a
//! valid wallet signature, and negative signatures and descriptors with the reason each
//! is refused.

use alloc::vec::Vec;

use serde_json::{Value, json};

use super::{VectorFile, file, hex};
use crate::codec;
use crate::hash::HashSuite;
use crate::multisig::{Descriptor, MULTISIG_CONTEXT, MultisigSignature, PartialSignature};
use crate::sig::{PublicKey, SigAlg, SigningKey};

pub(super) fn files() -> Vec<VectorFile> {
    alloc::vec![multisig()]
}

const MSG: &[u8] = b"pqmigrate multisig vector: pay 10 to treasury";
const CTX: &[u8] = b"chain-1";

fn pair_bytes(pairs: &[(u64, Vec<u8>)], count: u64) -> Vec<u8> {
    let mut out = Vec::new();
    codec::put_varint(&mut out, count);
    for (i, s) in pairs {
        codec::put_varint(&mut out, *i);
        codec::put_varint(&mut out, s.len() as u64);
        out.extend_from_slice(s);
    }
    out
}

fn descriptor_bytes(m: u64, members: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    codec::put_varint(&mut out, m);
    codec::put_varint(&mut out, members.len() as u64);
    for k in members {
        codec::put_varint(&mut out, k.len() as u64);
        out.extend_from_slice(k);
    }
    out
}

fn multisig() -> VectorFile {
    let suite = HashSuite::SHA3;
    let specs = [
        (SigAlg::Secp256k1, 1u8),
        (SigAlg::MlDsa44, 2),
        (SigAlg::MlDsa44Secp256k1, 3),
    ];
    let keys: Vec<SigningKey> = specs
        .iter()
        .map(|(a, s)| SigningKey::from_seed(*a, &[*s; 32]).expect("available"))
        .collect();
    let d = Descriptor::new(2, keys.iter().map(|k| k.public_key().clone()).collect())
        .expect("valid wallet");
    let by_index = |i: usize| {
        keys.iter()
            .find(|k| k.public_key() == &d.members()[i])
            .expect("member")
    };
    let part = |i: usize, msg: &[u8], ctx: &[u8]| {
        PartialSignature::sign_deterministic(&d, &suite, by_index(i), msg, ctx).expect("member")
    };
    let members: Vec<Value> = d
        .members()
        .iter()
        .enumerate()
        .map(|(i, m)| {
            json!({"index": i, "alg": m.alg().name(), "id": m.alg().id().0,
                   "public_key": hex(&m.to_bytes())})
        })
        .collect();
    let signed = d.message(&suite, MSG, CTX).expect("short ctx");
    let p = [part(0, MSG, CTX), part(1, MSG, CTX), part(2, MSG, CTX)];
    let valid: Vec<Value> = [[0usize, 1], [0, 2], [1, 2]]
        .iter()
        .map(|pair| {
            let sig = MultisigSignature::combine(&d, &[p[pair[0]].clone(), p[pair[1]].clone()])
                .expect("distinct");
            json!({"signers": pair, "signature": hex(&sig.to_bytes())})
        })
        .collect();

    // Negative signatures, with the rule that refuses each.
    let env = |i: usize| p[i].signature().to_bytes();
    let other_ctx = part(1, MSG, b"chain-2");
    let outsider = SigningKey::from_seed(SigAlg::MlDsa44, &[0xee; 32]).expect("available");
    let forged = outsider
        .sign_deterministic(&signed, MULTISIG_CONTEXT)
        .expect("signs");
    // A 1-of-2 over the first two members: its partial is worthless in the 2-of-3.
    let lower = Descriptor::new(1, d.members()[..2].to_vec()).expect("valid");
    let lower_part = PartialSignature::sign_deterministic(&lower, &suite, by_index(1), MSG, CTX)
        .expect("member");
    let negatives = [
        (
            "one signer counted twice",
            "decode",
            pair_bytes(&[(1, env(1)), (1, env(1))], 2),
        ),
        (
            "signers reordered",
            "decode",
            pair_bytes(&[(1, env(1)), (0, env(0))], 2),
        ),
        (
            "padded with a third pair",
            "decode",
            pair_bytes(&[(0, env(0)), (1, env(1)), (2, env(2))], 3),
        ),
        (
            "below the threshold",
            "decode",
            pair_bytes(&[(0, env(0))], 1),
        ),
        (
            "index out of range",
            "decode",
            pair_bytes(&[(0, env(0)), (3, env(1))], 2),
        ),
        (
            "trailing byte",
            "decode",
            [pair_bytes(&[(0, env(0)), (1, env(1))], 2), alloc::vec![0]].concat(),
        ),
        (
            "signature of another member's scheme",
            "decode",
            pair_bytes(&[(0, env(1)), (1, env(1))], 2),
        ),
        (
            "member 1 signed under another context",
            "verify",
            pair_bytes(&[(0, env(0)), (1, other_ctx.signature().to_bytes())], 2),
        ),
        (
            "m-1 valid partials plus an outsider's",
            "verify",
            pair_bytes(
                &[
                    (0, env(0)),
                    (
                        1,
                        crate::codec::envelope(SigAlg::MlDsa44.id().0, forged.payload()),
                    ),
                ],
                2,
            ),
        ),
        (
            "member 1's partial relabelled as member 2's",
            "decode",
            pair_bytes(&[(0, env(0)), (2, env(1))], 2),
        ),
        (
            "a partial made for a 1-of-2 of the same keys",
            "verify",
            pair_bytes(&[(0, env(0)), (1, lower_part.signature().to_bytes())], 2),
        ),
    ];
    let negatives: Vec<Value> = negatives
        .iter()
        .map(|(case, stage, bytes)| {
            let decoded = MultisigSignature::from_bytes(&d, bytes);
            let refused_at = match &decoded {
                Err(_) => "decode",
                Ok(s) => {
                    assert!(d.verify(&suite, MSG, CTX, s).is_err(), "{case}");
                    "verify"
                }
            };
            assert_eq!(refused_at, *stage, "{case}");
            json!({"case": case, "refused_at": stage, "signature": hex(bytes)})
        })
        .collect();

    // Negative descriptors.
    let enc: Vec<Vec<u8>> = d.members().iter().map(PublicKey::to_bytes).collect();
    let bad_descriptors = [
        (
            "duplicate member",
            descriptor_bytes(1, &[enc[0].clone(), enc[0].clone()]),
        ),
        (
            "members out of canonical order",
            descriptor_bytes(2, &[enc[1].clone(), enc[0].clone(), enc[2].clone()]),
        ),
        ("threshold 0", descriptor_bytes(0, &enc)),
        ("threshold above n", descriptor_bytes(4, &enc)),
        ("the composite shares its ECDSA half with a member", {
            let composite = d
                .members()
                .iter()
                .find(|m| m.alg() == SigAlg::MlDsa44Secp256k1)
                .expect("member");
            let ecdsa = composite.components()[1].1.to_vec();
            let alone = PublicKey::from_parts(SigAlg::Secp256k1, &ecdsa)
                .expect("valid")
                .to_bytes();
            let mut two = alloc::vec![alone, composite.to_bytes()];
            two.sort();
            descriptor_bytes(1, &two)
        }),
    ];
    let bad_descriptors: Vec<Value> = bad_descriptors
        .iter()
        .map(|(case, bytes)| {
            assert!(Descriptor::from_bytes(bytes).is_err(), "{case}");
            json!({"case": case, "descriptor": hex(bytes)})
        })
        .collect();

    let digest = d.digest(&suite).expect("valid suite");
    file(
        "multisig/multisig.json",
        json!({
            "suite": "sha3",
            "digest_alg": suite.address.name(),
            "address_len": suite.address_len,
            "threshold": d.threshold(),
            "members": members,
            "descriptor": hex(&d.to_bytes()),
            "digest": hex(&digest.to_multihash()),
            "address": hex(d.address(&suite).expect("valid suite").as_bytes()),
            "message": hex(MSG),
            "ctx": hex(CTX),
            "member_context": hex(MULTISIG_CONTEXT),
            "signed_message": hex(&signed),
            "valid": valid,
            "invalid_signatures": negatives,
            "invalid_descriptors": bad_descriptors,
        }),
        "2-of-3 multisig of mixed schemes (pqmigrate::multisig): descriptor (members in \
         canonical order), digest = H(framed(\"pqmigrate/v1/multisig\", [descriptor])) under \
         the suite's address family, address = digest truncated, the message each member \
         signs = framed(\"pqmigrate/v1/multisig/sign\", [multihash(digest), ctx, msg]) with \
         context member_context (none for plain secp256k1), valid wallet signatures, and \
         negatives refused at decoding or at verification",
    )
}
