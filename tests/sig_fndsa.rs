//! FN-DSA (FIPS 206 draft) against two independent checks:
//!
//! - the `fn-dsa` crate's own known answers (`tests/data/fn-dsa/kat.json`, provenance in
//!   `tests/data/SOURCES.md`) re-checked through this crate's API and its seed → key
//!   function, which pins the key a master seed gives;
//! - a differential test against an independent verifier written in this file from the
//!   scheme's mathematics (schoolbook arithmetic mod q and X^n + 1, interpolation from
//!   the NTT-domain public key, Falcon's norm bound, the draft's message representative
//!   `μ` and encodings). fn-dsa 0.4 follows the
//!   coming FIPS 206 in reading words least-significant bit first, where the original
//!   Falcon (and so `falcon-rust` or PQClean) reads them most-significant bit first, so
//!   keys and signatures of the two are not interchangeable byte for byte.
//!
//! Plus the encoding: one byte string per signature.

mod common;

use common::unhex;
use fn_dsa::{
    DomainContext, HASH_ID_RAW, HASH_ID_SHA3_256, SigningKey as _, SigningKey512, SigningKey1024,
};
use pqmigrate::Error;
use pqmigrate::sig::fndsa::{self, FnDsaLevel};
use pqmigrate::sig::{PublicKey, SigAlg, Signature, SigningKey};
use serde_json::Value;
use sha3::Digest as _;
use shake::{ExtendableOutput, Update, XofReader};

fn kat() -> Value {
    let path = common::data("fn-dsa").join("kat.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn shake256(parts: &[&[u8]], out: &mut [u8]) {
    let mut h = shake::Shake256::default();
    for p in parts {
        h.update(p);
    }
    h.finalize_xof().read(out);
}

/// The draft's message representative, from its text:
/// `μ = SHAKE256(SHAKE256(vk, 64) ‖ 0x00 ‖ len(ctx) ‖ ctx ‖ M, 64)`.
fn mu(vk: &[u8], ctx: &[u8], msg: &[u8]) -> [u8; 64] {
    let mut hvk = [0u8; 64];
    shake256(&[vk], &mut hvk);
    let mut mu = [0u8; 64];
    shake256(&[&hvk, &[0, ctx.len() as u8], ctx, msg], &mut mu);
    mu
}

/// Plays back fixed bytes (the KAT's signing seed).
struct Fixed(Vec<u8>);

impl fn_dsa::RngCore for Fixed {
    fn next_u32(&mut self) -> u32 {
        unreachable!("fn-dsa draws bytes")
    }
    fn next_u64(&mut self) -> u64 {
        unreachable!("fn-dsa draws bytes")
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        let rest = self.0.split_off(dest.len());
        dest.copy_from_slice(&self.0);
        self.0 = rest;
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), fn_dsa::RngError> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl fn_dsa::CryptoRng for Fixed {}

fn alg_of(level: FnDsaLevel) -> SigAlg {
    match level {
        FnDsaLevel::FnDsa512 => SigAlg::FnDsa512,
        FnDsaLevel::FnDsa1024 => SigAlg::FnDsa1024,
    }
}

/// fn-dsa's self-test KAT (ten per degree): our `keypair_from_seed` gives the crate's
/// keys, a signature made with them hashes to the published value, and our API loads the
/// key and verifies the raw-message signatures.
#[test]
fn crate_kats_through_our_seed_to_key_function_and_api() {
    let kat = kat();
    for (level, name) in [
        (FnDsaLevel::FnDsa512, "logn9"),
        (FnDsaLevel::FnDsa1024, "logn10"),
    ] {
        let alg = alg_of(level);
        let expected = kat["self_test_kat"][name].as_array().unwrap();
        assert_eq!(expected.len(), 10);
        for (j, want) in expected.iter().enumerate() {
            let mut seeds = [0u8; 72];
            let mut input = vec![level.logn() as u8];
            input.extend_from_slice(&(j as u32).to_le_bytes());
            shake256(&[&input], &mut seeds);
            let (sk, vk) = fndsa::keypair_from_seed(level, seeds[..32].try_into().unwrap());
            let raw = j % 2 == 0;
            let hv = if raw {
                b"message".to_vec()
            } else {
                sha3::Sha3_256::digest(b"message").to_vec()
            };
            let id = if raw { &HASH_ID_RAW } else { &HASH_ID_SHA3_256 };
            let mut sig = vec![0u8; level.signature_len()];
            let mut rng = Fixed(seeds[32..].to_vec());
            let ctx = DomainContext(b"domain");
            match level {
                FnDsaLevel::FnDsa512 => SigningKey512::decode(&sk)
                    .unwrap()
                    .sign(&mut rng, &ctx, id, &hv, &mut sig),
                FnDsaLevel::FnDsa1024 => SigningKey1024::decode(&sk)
                    .unwrap()
                    .sign(&mut rng, &ctx, id, &hv, &mut sig),
            }
            .unwrap();
            let digest = sha3::Sha3_256::digest([&sk[..], &vk, &sig].concat());
            assert_eq!(hex::encode(digest), want.as_str().unwrap(), "{alg} j={j}");

            let key = SigningKey::from_parts(alg, &sk).unwrap();
            assert_eq!(key.public_key().payload(), &vk[..]);
            if raw {
                let sig = Signature::from_parts(alg, &sig).unwrap();
                assert!(key.public_key().verify(b"message", b"domain", &sig).is_ok());
                assert!(key.public_key().verify(b"message", b"", &sig).is_err());
            }
        }
    }
}

/// fn-dsa-sign's FN-DSA-512 KAT: the stored key loads and gives the KAT's public key,
/// the draft's μ computed here from its text is the KAT's, and the signature verifies
/// through our API (with its context) and nowhere else.
#[test]
fn sign_kat_512_through_the_api() {
    let k = &kat()["sign_kat_512"];
    let get = |f: &str| unhex(k[f].as_str().unwrap());
    let (sk, vk, sig) = (get("sk"), get("vk"), get("signature"));
    let (msg, ctx) = (b"message", b"context");
    assert_eq!(mu(&vk, ctx, msg).to_vec(), get("mu"));
    let key = SigningKey::from_parts(SigAlg::FnDsa512, &sk).unwrap();
    assert_eq!(key.public_key().payload(), &vk[..]);
    let sig = Signature::from_parts(SigAlg::FnDsa512, &sig).unwrap();
    assert!(key.public_key().verify(msg, ctx, &sig).is_ok());
    assert!(key.public_key().verify(msg, b"", &sig).is_err());
    assert!(key.public_key().verify(b"messagf", ctx, &sig).is_err());
    // Our own signature with the KAT key verifies too (a different nonce).
    let ours = key.sign_deterministic(msg, ctx).unwrap();
    assert!(key.public_key().verify(msg, ctx, &ours).is_ok());
}

// ---------------------------------------------------------------------------------------
// An independent verifier, written here from the scheme's mathematics: schoolbook
// arithmetic in Z_q[X]/(X^n + 1), the Falcon norm bound, and the draft's encodings
// (least-significant bit first, as fn-dsa 0.4 and c-fn-dsa read the coming FIPS 206).
// No code of fn-dsa is used.

const Q: i64 = 12289;

/// ⌊β²⌋, the Falcon specification's signature norm bound (Table 3.3).
fn sq_beta(logn: u32) -> i64 {
    match logn {
        9 => 34_034_726,
        10 => 70_265_242,
        _ => unreachable!(),
    }
}

/// Bits of a byte string, least significant bit of each byte first.
struct Bits<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Bits<'_> {
    fn bit(&mut self) -> Option<u32> {
        let b = self.bytes.get(self.pos / 8)?;
        let v = u32::from((b >> (self.pos % 8)) & 1);
        self.pos += 1;
        Some(v)
    }

    fn take(&mut self, k: u32) -> Option<u32> {
        (0..k).try_fold(0, |acc, i| Some(acc | self.bit()? << i))
    }

    /// Whether every remaining bit is zero.
    fn rest_is_zero(&mut self) -> bool {
        std::iter::from_fn(|| self.bit()).all(|b| b == 0)
    }
}

/// `ĥ` from a public key: header `log n`, then n 14-bit values below q. The draft's
/// public key is `h = g/f` in the NTT domain (its evaluations, see [`points`]).
fn decode_h(vk: &[u8], logn: u32) -> Vec<i64> {
    assert_eq!(u32::from(vk[0]), logn);
    let mut bits = Bits {
        bytes: &vk[1..],
        pos: 0,
    };
    let h: Vec<i64> = (0..1 << logn)
        .map(|_| i64::from(bits.take(14).unwrap()))
        .collect();
    assert!(h.iter().all(|&x| x < Q) && bits.rest_is_zero());
    h
}

/// n signed values of `k` bits (two's complement).
fn decode_small(bits: &mut Bits, n: usize, k: u32) -> Vec<i64> {
    (0..n)
        .map(|_| {
            let w = i64::from(bits.take(k).unwrap());
            if w >= 1 << (k - 1) { w - (1 << k) } else { w }
        })
        .collect()
}

/// `s2` from the compressed encoding: per coefficient a sign bit, 7 low bits, then the
/// high part in unary (zeros closed by a one); `-0` and non-zero padding are invalid.
fn decompress(bytes: &[u8], n: usize) -> Option<Vec<i64>> {
    let mut bits = Bits { bytes, pos: 0 };
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let sign = bits.bit()?;
        let mut m = bits.take(7)?;
        let mut high = 0;
        while bits.bit()? == 0 {
            high += 1;
            if high > 15 {
                return None;
            }
        }
        m += high << 7;
        if sign == 1 && m == 0 {
            return None;
        }
        out.push(if sign == 1 {
            -i64::from(m)
        } else {
            i64::from(m)
        });
    }
    bits.rest_is_zero().then_some(out)
}

/// `a · b` in Z_q[X]/(X^n + 1), coefficients in [0, q).
fn mul(a: &[i64], b: &[i64]) -> Vec<i64> {
    let n = a.len();
    let mut out = vec![0i64; n];
    for (i, &x) in a.iter().enumerate() {
        for (j, &y) in b.iter().enumerate() {
            let k = i + j;
            let p = x * y % Q;
            if k < n {
                out[k] += p;
            } else {
                out[k - n] -= p;
            }
        }
        if i % 64 == 63 {
            out.iter_mut().for_each(|c| *c %= Q);
        }
    }
    out.into_iter().map(|c| c.rem_euclid(Q)).collect()
}

fn pow(mut b: i64, mut e: u64) -> i64 {
    let mut r = 1;
    b = b.rem_euclid(Q);
    while e > 0 {
        if e & 1 == 1 {
            r = r * b % Q;
        }
        b = b * b % Q;
        e >>= 1;
    }
    r
}

/// `a(z)` mod q.
fn eval(a: &[i64], z: i64) -> i64 {
    a.iter()
        .rev()
        .fold(0, |acc, &c| (acc * z + c).rem_euclid(Q))
}

/// The NTT's evaluation points in bit-reversed order: `ζ_i = ψ^(2·rev(i) + 1)`.
fn points(psi: i64, logn: u32) -> Vec<i64> {
    (0..1u64 << logn)
        .map(|i| pow(psi, 2 * (i.reverse_bits() >> (64 - logn)) + 1))
        .collect()
}

/// The primitive 2n-th root ψ for which `ĥ_i · f(ζ_i) = g(ζ_i)` holds at every index:
/// found from one key, by trying every ψ with `ψ^n = −1` at index 0 and then checking
/// all n indices (a wrong ψ fails with overwhelming probability).
fn find_psi(h_hat: &[i64], f: &[i64], g: &[i64], logn: u32) -> i64 {
    let n = 1u64 << logn;
    let fits = |psi: i64| {
        points(psi, logn)
            .iter()
            .zip(h_hat)
            .all(|(&z, &h)| h * eval(f, z) % Q == eval(g, z))
    };
    let found: Vec<i64> = (2..Q)
        .filter(|&x| pow(x, n) == Q - 1)
        .filter(|&x| h_hat[0] * eval(f, x) % Q == eval(g, x))
        .filter(|&x| fits(x))
        .collect();
    assert_eq!(found.len(), 1, "one ψ makes ĥ the NTT of g/f");
    found[0]
}

/// `h` from `ĥ` by interpolation: `h_k = n⁻¹ · Σ_i ĥ_i · ζ_i^(−k)`.
fn inverse_ntt(h_hat: &[i64], psi: i64, logn: u32) -> Vec<i64> {
    let n = h_hat.len();
    let n_inv = pow(n as i64, (Q - 2) as u64);
    let mut h = vec![0i64; n];
    for (&z, &v) in points(psi, logn).iter().zip(h_hat) {
        let z_inv = pow(z, (Q - 2) as u64);
        let mut w = 1;
        for c in h.iter_mut() {
            *c = (*c + v * w) % Q;
            w = w * z_inv % Q;
        }
    }
    h.into_iter().map(|c| c * n_inv % Q).collect()
}

/// HashToPoint: SHAKE256(nonce ‖ μ) read as 16-bit little-endian words, kept below 5q.
fn hash_to_point(nonce: &[u8], mu: &[u8], n: usize) -> Vec<i64> {
    let mut h = shake::Shake256::default();
    h.update(nonce);
    h.update(mu);
    let mut r = h.finalize_xof();
    let mut c = Vec::with_capacity(n);
    while c.len() < n {
        let mut w = [0u8; 2];
        r.read(&mut w);
        let w = i64::from(u16::from_le_bytes(w));
        if w < 5 * Q {
            c.push(w % Q);
        }
    }
    c
}

/// Verifies `sig` over the message representative `mu`: header, canonical `s2`, then
/// `s1 = c − s2·h` and `‖(s1, s2)‖² ≤ β²`.
fn independent_verify(vk: &[u8], mu: &[u8; 64], sig: &[u8], logn: u32, psi: i64) -> bool {
    let n = 1usize << logn;
    if u32::from(sig[0]) != 0x30 + logn {
        return false;
    }
    let Some(s2) = decompress(&sig[41..], n) else {
        return false;
    };
    let h = inverse_ntt(&decode_h(vk, logn), psi, logn);
    let c = hash_to_point(&sig[1..41], mu, n);
    let s2q: Vec<i64> = s2.iter().map(|x| x.rem_euclid(Q)).collect();
    let s2h = mul(&s2q, &h);
    let centred = |x: i64| if x > Q / 2 { x - Q } else { x };
    let norm: i64 = c
        .iter()
        .zip(&s2h)
        .map(|(c, p)| centred((c - p).rem_euclid(Q)).pow(2))
        .chain(s2.iter().map(|x| x * x))
        .sum();
    norm <= sq_beta(logn)
}

/// The key pair relation `h·f = g` (mod q, mod X^n + 1), with `f` and `g` read from the
/// stored signing key (header `0x50 + log n`, then f and g in 6 or 5 bits), and the
/// key's last 64 bytes `SHAKE256(vk)`. Returns the NTT's ψ (see [`find_psi`]); with
/// `Some(ψ)` the relation must hold under that ψ.
fn independent_key_check(sk: &[u8], vk: &[u8], logn: u32, psi: Option<i64>) -> i64 {
    let n = 1usize << logn;
    assert_eq!(u32::from(sk[0]), 0x50 + logn);
    let k = if logn == 9 { 6 } else { 5 };
    let mut bits = Bits {
        bytes: &sk[1..],
        pos: 0,
    };
    let f = decode_small(&mut bits, n, k);
    let g = decode_small(&mut bits, n, k);
    let fq: Vec<i64> = f.iter().map(|x| x.rem_euclid(Q)).collect();
    let gq: Vec<i64> = g.iter().map(|x| x.rem_euclid(Q)).collect();
    let h_hat = decode_h(vk, logn);
    let psi = psi.unwrap_or_else(|| find_psi(&h_hat, &fq, &gq, logn));
    let h = inverse_ntt(&h_hat, psi, logn);
    assert_eq!(mul(&h, &fq), gq, "h·f = g");
    let mut hvk = [0u8; 64];
    shake256(&[vk], &mut hvk);
    assert_eq!(&sk[sk.len() - 64..], &hvk);
    psi
}

/// Differential: our keys satisfy the NTRU relation, our signatures (deterministic and
/// hedged, plain and as a composite's PQ half) verify under the independent verifier
/// over the draft's μ, and fail there for another context; fn-dsa's own KAT signature
/// verifies there too.
#[test]
fn differential_against_an_independent_verifier() {
    let ctx = b"chain-id:7";
    // fn-dsa's KAT key fixes the NTT's ψ for n = 512; its signature verifies.
    let k = &kat()["sign_kat_512"];
    let get = |f: &str| unhex(k[f].as_str().unwrap());
    let psi512 = independent_key_check(&get("sk"), &get("vk"), 9, None);
    let m: [u8; 64] = get("mu").try_into().unwrap();
    assert!(independent_verify(
        &get("vk"),
        &m,
        &get("signature"),
        9,
        psi512
    ));
    let key1024 = SigningKey::from_seed(SigAlg::FnDsa1024, &[3; 32]).unwrap();
    let psi1024 = independent_key_check(
        &key1024.to_bytes()[1..],
        key1024.public_key().payload(),
        10,
        None,
    );
    // One transform: ψ₅₁₂ = ψ₁₀₂₄², both primitive roots of one 2048-th root.
    assert_eq!(pow(psi1024, 2), psi512);
    for (level, seed, psi) in [
        (FnDsaLevel::FnDsa512, 1u8, psi512),
        (FnDsaLevel::FnDsa512, 2, psi512),
        (FnDsaLevel::FnDsa1024, 3, psi1024),
    ] {
        let alg = alg_of(level);
        let logn = level.logn();
        let key = SigningKey::from_seed(alg, &[seed; 32]).unwrap();
        let vk = key.public_key().payload();
        independent_key_check(&key.to_bytes()[1..], vk, logn, Some(psi));
        let msg = [seed; 100];
        for sig in [
            key.sign_deterministic(&msg, ctx).unwrap(),
            key.sign(&msg, ctx).unwrap(),
        ] {
            let s = sig.payload();
            assert!(
                independent_verify(vk, &mu(vk, ctx, &msg), s, logn, psi),
                "{alg}"
            );
            assert!(!independent_verify(vk, &mu(vk, b"", &msg), s, logn, psi));
        }
    }
    // Inside a composite, the FN-DSA half signs M' with context = Label.
    let alg = SigAlg::FnDsa512Secp256k1;
    let key = SigningKey::from_seed(alg, &[5; 32]).unwrap();
    let sig = key.sign(b"tx", ctx).unwrap();
    let c = alg.composite().unwrap();
    let m_prime = c.message_representative(b"tx", ctx).unwrap();
    let vk = &key.public_key().payload()[..c.pq.public_key_len];
    let half = &sig.payload()[..c.pq.signature_len];
    let m = mu(vk, c.label.as_bytes(), &m_prime);
    assert!(independent_verify(vk, &m, half, 9, psi512));
}

/// One byte string per signature and per key: header, canonical compressed `s2`, zero
/// padding, coefficients of `h` below q, exact lengths. Every edit is refused at parse
/// time or fails to verify.
#[test]
fn encodings_are_canonical_and_signatures_not_malleable() {
    for alg in [SigAlg::FnDsa512, SigAlg::FnDsa1024] {
        let key = SigningKey::from_seed(alg, &[1; 32]).unwrap();
        let sig = key.sign_deterministic(b"m", b"c").unwrap();
        let pk = key.public_key();
        let p = sig.payload();
        let parse = |b: &[u8]| Signature::from_parts(alg, b);
        for (why, bad) in [
            ("header", [&[p[0] ^ 1][..], &p[1..]].concat()),
            ("padding", [&p[..p.len() - 1], &[1][..]].concat()),
            ("truncated", p[..p.len() - 1].to_vec()),
            ("extended", [p, &[0][..]].concat()),
        ] {
            assert!(parse(&bad).is_err(), "{alg}: {why}");
        }
        // Every single-bit change of nonce or s2 is refused or fails to verify.
        for i in (1..p.len()).step_by(7) {
            let mut bad = p.to_vec();
            bad[i] ^= 1 << (i % 8);
            let verified = parse(&bad).is_ok_and(|s| pk.verify(b"m", b"c", &s).is_ok());
            assert!(!verified, "{alg}: bit flip at byte {i} still verifies");
        }
        // A public-key coefficient ≥ q (all-ones 14-bit words) is refused.
        let mut bad_pk = pk.payload().to_vec();
        bad_pk[1..3].copy_from_slice(&[0xff, 0xff]);
        assert!(matches!(
            PublicKey::from_parts(alg, &bad_pk),
            Err(Error::InvalidComponent { .. })
        ));
        // The signing key stores SHAKE256(vk): a wrong one is refused.
        let mut bad_sk = key.to_bytes()[1..].to_vec();
        let last = bad_sk.len() - 1;
        bad_sk[last] ^= 1;
        assert!(SigningKey::from_parts(alg, &bad_sk).is_err());
    }
}

/// The composites split at the fixed FN-DSA length and verify end to end.
#[test]
fn composites_round_trip() {
    for alg in [SigAlg::FnDsa512Secp256k1, SigAlg::FnDsa1024Secp256k1] {
        let sk = SigningKey::from_seed(alg, &[4; 32]).unwrap();
        let sig = sk.sign_deterministic(b"tx", b"chain").unwrap();
        assert_eq!(sig.payload().len(), alg.info().signature_len);
        assert!(sk.public_key().verify(b"tx", b"chain", &sig).is_ok());
        assert!(sk.public_key().verify(b"tx", b"other", &sig).is_err());
    }
}
