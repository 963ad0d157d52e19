//! `sig/composite.json` and `kem/kem.json`.

use alloc::vec::Vec;

use serde_json::{Value, json};

use super::{VectorFile, file, hex};
use crate::id::SigId;
use crate::kem::{Ciphertext, DecapsulationKey, EncapsulationKey, KemAlg};
use crate::sig::fndsa::{FN_DSA_512, FN_DSA_1024};
use crate::sig::{PublicKey, Scheme, SigAlg, Signature, SigningKey};

const MSG: &[u8] = b"pqmigrate composite test vector";
const CTX: &[u8] = b"chain-1";

fn seed32() -> [u8; 32] {
    core::array::from_fn(|i| i as u8)
}

pub(super) fn files() -> Vec<VectorFile> {
    alloc::vec![signatures(), kems()]
}

/// What a verifier does with a (possibly modified) signature envelope.
fn classify(pk: &PublicKey, sig_env: &[u8], ctx: &[u8]) -> &'static str {
    match Signature::from_bytes(sig_env) {
        Err(_) => "decode",
        Ok(sig) if pk.verify(MSG, ctx, &sig).is_err() => "verify",
        Ok(_) => "accepted",
    }
}

/// `n - s` for secp256k1 (the high-S twin of a low-S signature).
fn negate_s(s: &[u8]) -> Vec<u8> {
    const N: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xfe, 0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36,
        0x41, 0x41,
    ];
    let mut out = [0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut d = N[i] as i16 - s[i] as i16 - borrow;
        borrow = i16::from(d < 0);
        if d < 0 {
            d += 256;
        }
        out[i] = d as u8;
    }
    out.to_vec()
}

/// The high-S twin `(r, n - s)` of a DER P-256 signature, DER encoded.
fn p256_twin(der: &[u8]) -> Vec<u8> {
    use p256::elliptic_curve::ff::PrimeField as _;
    let sig = p256::ecdsa::Signature::from_der(der).expect("our own DER signature");
    let neg_s = -*sig.s();
    p256::ecdsa::Signature::from_scalars(sig.r().to_repr(), neg_s.to_repr())
        .expect("n - s is non-zero")
        .to_der()
        .as_bytes()
        .to_vec()
}

fn envelope(id: SigId, payload: &[u8]) -> Vec<u8> {
    crate::codec::envelope(id.0, payload)
}

fn negatives(alg: SigAlg, pk: &PublicKey, sig: &Signature, ctx: &[u8]) -> Vec<Value> {
    let env = sig.to_bytes();
    let payload = sig.payload();
    let mut cases: Vec<(&str, Vec<u8>, &[u8])> = alloc::vec![
        ("truncated", env[..env.len() - 1].to_vec(), ctx),
        ("trailing byte", [&env[..], &[0]].concat(), ctx),
        ("wrong ctx", env.clone(), b"chain-2"),
    ];
    let other = SigAlg::ALL
        .into_iter()
        .filter(|a| a.is_available() && *a != alg)
        .find(|a| a.info().signature_len == alg.info().signature_len)
        .unwrap_or(SigAlg::MlDsa44);
    cases.push(("other algorithm id", envelope(other.id(), payload), ctx));
    if let Scheme::Composite(c) = alg.scheme() {
        let (m, t) = payload.split_at(c.pq.signature_len);
        let stripped = if c.pq.name.starts_with("ml-dsa") {
            "stripped: ML-DSA half only"
        } else {
            "stripped: PQ half only"
        };
        cases.push((stripped, envelope(alg.id(), m), ctx));
        cases.push((
            "stripped: traditional half only",
            envelope(alg.id(), t),
            ctx,
        ));
        cases.push(("swapped halves", envelope(alg.id(), &[t, m].concat()), ctx));
    }
    let secp = &crate::sig::secp256k1::COMPONENT;
    let secp_tail = matches!(alg.scheme(), Scheme::Single(c) if c == secp)
        || matches!(alg.scheme(), Scheme::Composite(c) if c.classical == secp);
    if secp_tail {
        let mut p = payload.to_vec();
        let n = p.len();
        let high = negate_s(&p[n - 32..]);
        p[n - 32..].copy_from_slice(&high);
        cases.push(("high-S", envelope(alg.id(), &p), ctx));
    }
    if let Scheme::Composite(c) = alg.scheme()
        && *c.classical == crate::sig::p256::COMPONENT
    {
        // The malleability twin: (r, n - s), DER re-encoded. A valid ECDSA signature
        // (LAMPS interop mode accepts it), refused by default.
        let (m, t) = payload.split_at(c.pq.signature_len);
        let twin = [m, &p256_twin(t)].concat();
        cases.push((
            "high-S (s -> n - s, DER re-encoded)",
            envelope(alg.id(), &twin),
            ctx,
        ));
    }
    // FN-DSA: one byte string per signature (fixed header, canonical compressed s2,
    // zero padding), including inside a composite.
    let leading = match alg.scheme() {
        Scheme::Single(c) => c,
        Scheme::Composite(c) => c.pq,
    };
    if [&FN_DSA_512, &FN_DSA_1024].contains(&leading) {
        let len = leading.signature_len;
        let mut p = payload.to_vec();
        p[0] ^= 0x01;
        cases.push(("FN-DSA: wrong header byte", envelope(alg.id(), &p), ctx));
        let mut p = payload.to_vec();
        p[len - 1] |= 0x01;
        cases.push(("FN-DSA: non-zero padding", envelope(alg.id(), &p), ctx));
    }
    cases
        .into_iter()
        .map(|(why, bytes, ctx)| {
            let class = classify(pk, &bytes, ctx);
            assert_ne!(class, "accepted", "{alg} negative case {why} must be refused");
            json!({"why": why, "signature": hex(&bytes), "ctx_hex": hex(ctx), "expected_error": class})
        })
        .collect()
}

fn signatures() -> VectorFile {
    let seed = seed32();
    let with_negatives = [
        SigAlg::Secp256k1,
        SigAlg::MlDsa44Secp256k1,
        SigAlg::MlDsa44P256,
        SigAlg::MlDsa44Ed25519,
        SigAlg::FnDsa512,
        SigAlg::FnDsa512Secp256k1,
        SigAlg::SlhDsaSha2_128s,
    ];
    let mut rows = Vec::new();
    for alg in SigAlg::ALL.into_iter().filter(|a| a.is_available()) {
        let sk = SigningKey::from_seed(alg, &seed).expect("available algorithm");
        let pk = sk.public_key();
        // secp256k1 takes no context; SLH-DSA (signing in 10 ms to 2 s) is pinned by one
        // signature, with the context.
        let ctxs: &[&[u8]] = if alg == SigAlg::Secp256k1 {
            &[b""]
        } else if alg.info().signature_len > 5000 {
            &[CTX]
        } else {
            &[b"", CTX]
        };
        let mut sigs = Vec::new();
        let mut last = None;
        for ctx in ctxs {
            let sig = sk
                .sign_deterministic(MSG, ctx)
                .expect("deterministic signing");
            let m_prime = alg
                .composite()
                .map(|c| hex(&c.message_representative(MSG, ctx).expect("short ctx")));
            sigs.push(
                json!({"ctx_hex": hex(ctx), "signature": hex(&sig.to_bytes()), "m_prime": m_prime}),
            );
            last = Some((sig, *ctx));
        }
        let neg = match (with_negatives.contains(&alg), last) {
            (true, Some((sig, ctx))) => negatives(alg, pk, &sig, ctx),
            _ => Vec::new(),
        };
        rows.push(json!({
            "alg": alg.name(),
            "id": alg.id().0,
            "label": alg.info().label,
            "master_seed": hex(&seed),
            "public_key": hex(&pk.to_bytes()),
            "signatures": sigs,
            "negative": neg,
        }));
    }
    file(
        "sig/composite.json",
        json!({"message_hex": hex(MSG), "algorithms": rows}),
        "Deterministic signatures (ML-DSA rnd = 0, FN-DSA rnd = 0 (FIPS 206 draft), SLH-DSA \
         deterministic variant, ECDSA RFC 6979, Ed25519) over message_hex for \
         every algorithm (empty and non-empty ctx; SLH-DSA: the non-empty one), keys derived \
         from master_seed (see README: Keys). Keys and signatures \
         are envelopes varint(id) || payload. m_prime is the composite message representative \
         (Prefix || Label || len(ctx) || ctx || PH(M)). Every negative case must be refused: \
         expected_error `decode` = the envelope must not parse, `verify` = it parses but must \
         not verify with public_key, message_hex and its ctx_hex.",
    )
}

fn kems() -> VectorFile {
    let mut rows = Vec::new();
    for alg in KemAlg::ALL {
        let info = alg.info();
        let seed: Vec<u8> = (0..info.seed_len).map(|i| i as u8).collect();
        let rnd: Vec<u8> = (0..alg.encaps_randomness_len())
            .map(|i| 0x80 | i as u8)
            .collect();
        let dk = DecapsulationKey::from_seed(alg, &seed).expect("seed length");
        let ek = dk.encapsulation_key();
        let (ct, ss) = ek.encapsulate_derand(&rnd).expect("randomness length");
        let mut flipped = ct.payload().to_vec();
        flipped[0] ^= 1;
        let bad = Ciphertext::from_parts(alg, &flipped).expect("same length");
        let rejected = dk.decapsulate(&bad).expect("same algorithm");
        let mut unreduced = ek.payload().to_vec();
        unreduced[..3].copy_from_slice(&[0xff, 0xff, 0xff]);
        assert!(EncapsulationKey::from_parts(alg, &unreduced).is_err());
        let truncated = &ct.to_bytes()[..ct.to_bytes().len() - 1];
        assert!(Ciphertext::from_bytes(truncated).is_err());
        rows.push(json!({
            "alg": alg.name(),
            "id": alg.id().0,
            "seed": hex(&seed),
            "encapsulation_key": hex(&ek.to_bytes()),
            "encaps_randomness": hex(&rnd),
            "ciphertext": hex(&ct.to_bytes()),
            "shared_secret": hex(ss.as_bytes()),
            "implicit_rejection": {
                "ciphertext": hex(&bad.to_bytes()),
                "shared_secret": hex(rejected.as_bytes()),
            },
            "invalid_encapsulation_key": hex(&unreduced),
            "invalid_ciphertext_truncated": hex(truncated),
        }));
    }
    file(
        "kem/kem.json",
        json!({"kems": rows}),
        "KEM known answers: decapsulation key from `seed` (ML-KEM: d || z; X-Wing: draft-10 \
         seed), deterministic encapsulation with `encaps_randomness` (ML-KEM: m; X-Wing: \
         eseed). Keys and ciphertexts are envelopes varint(id) || payload. \
         implicit_rejection: a one-bit-flipped ciphertext must decapsulate (no error) to that \
         secret. invalid_encapsulation_key (payload only, a coefficient >= q) and \
         invalid_ciphertext_truncated (envelope) must be refused when decoded.",
    )
}
