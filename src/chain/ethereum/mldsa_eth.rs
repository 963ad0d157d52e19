//! ML-DSA-ETH: EIP-8051's ML-DSA-44 variant in which every SHAKE call is replaced by
//! [`KeccakPrng`](super::keccak_prng::KeccakPrng), cheaper on the EVM. **Experimental and verify-only**: EIP-8051 is a
//! Draft (declined for Glamsterdam), and the variant is defined by its reference code
//! and KAT rather than by a standard.
//!
//! This is FIPS 204 Algorithm 8 (ML-DSA.Verify, pure, empty context) for ML-DSA-44,
//! written once over the XOF: with SHAKE it is standard ML-DSA-44 (and is tested against
//! the NIST KAT as such), with KeccakPRNG it is ML-DSA-ETH. The arithmetic is plain
//! (not constant time): verification handles public data only.

use alloc::vec::Vec;

pub use super::xof::Xof;

const Q: i64 = 8_380_417;
const N: usize = 256;
const K: usize = 4;
const L: usize = 4;
const TAU: usize = 39;
const BETA: i64 = 78;
const GAMMA1: i64 = 1 << 17;
const GAMMA2: i64 = (Q - 1) / 88;
const OMEGA: usize = 80;
const D: u32 = 13;
/// `c̃` bytes (λ/4).
const CT_LEN: usize = 32;

/// ML-DSA-44 public key bytes.
pub const PUBLIC_KEY_LEN: usize = 32 + K * 320;
/// ML-DSA-44 signature bytes.
pub const SIGNATURE_LEN: usize = CT_LEN + L * 576 + OMEGA + K;

type Poly = [i64; N];

/// `ζ^brv8(m) mod q` for m in 0..256, ζ = 1753 (FIPS 204 Appendix B), computed at
/// compile time.
const ZETAS: [i64; N] = {
    let mut z = [0i64; N];
    let mut m = 0;
    while m < N {
        let e = (m as u8).reverse_bits();
        let mut acc = 1i64;
        let mut i = 0;
        while i < e {
            acc = acc * 1753 % Q;
            i += 1;
        }
        z[m] = acc;
        m += 1;
    }
    z
};

/// FIPS 204 Algorithm 41.
fn ntt(w: &mut Poly) {
    let (mut m, mut len) = (0usize, 128usize);
    while len >= 1 {
        let mut start = 0;
        while start < N {
            m += 1;
            let z = ZETAS[m];
            for j in start..start + len {
                let t = z * w[j + len] % Q;
                w[j + len] = (w[j] - t).rem_euclid(Q);
                w[j] = (w[j] + t) % Q;
            }
            start += 2 * len;
        }
        len /= 2;
    }
}

/// FIPS 204 Algorithm 42.
fn ntt_inverse(w: &mut Poly) {
    let (mut m, mut len) = (N, 1usize);
    while len < N {
        let mut start = 0;
        while start < N {
            m -= 1;
            let z = Q - ZETAS[m];
            for j in start..start + len {
                let t = w[j];
                w[j] = (t + w[j + len]) % Q;
                w[j + len] = (t - w[j + len]).rem_euclid(Q) * z % Q;
            }
            start += 2 * len;
        }
        len *= 2;
    }
    for c in w.iter_mut() {
        *c = *c * 8_347_681 % Q; // 256^-1 mod q
    }
}

/// Little-endian bit unpacking of `N` values of `bits` bits each.
fn unpack(bytes: &[u8], bits: usize) -> Poly {
    let mut p = [0i64; N];
    for (i, c) in p.iter_mut().enumerate() {
        let mut v = 0i64;
        for b in 0..bits {
            let bit = i * bits + b;
            v |= (((bytes[bit / 8] >> (bit % 8)) & 1) as i64) << b;
        }
        *c = v;
    }
    p
}

/// FIPS 204 Algorithm 30 (RejNTTPoly) from `G(ρ ‖ s ‖ r)`.
fn rej_ntt_poly(xof: Xof, rho: &[u8], s: u8, r: u8) -> Poly {
    let mut g = xof.g(&[rho, &[s, r]]);
    let mut p = [0i64; N];
    let mut j = 0;
    let mut buf = [0u8; 3];
    while j < N {
        g.read(&mut buf);
        let v = buf[0] as i64 | (buf[1] as i64) << 8 | ((buf[2] & 0x7f) as i64) << 16;
        if v < Q {
            p[j] = v;
            j += 1;
        }
    }
    p
}

/// FIPS 204 Algorithm 29 (SampleInBall) from `H(c̃)`: 8 sign bytes, then one byte per
/// position.
fn sample_in_ball(xof: Xof, ct: &[u8]) -> Poly {
    let mut h = xof.h(&[ct]);
    let mut signs = [0u8; 8];
    h.read(&mut signs);
    let signs = u64::from_le_bytes(signs);
    let mut c = [0i64; N];
    let mut byte = [0u8; 1];
    for (k, i) in (N - TAU..N).enumerate() {
        let j = loop {
            h.read(&mut byte);
            if (byte[0] as usize) <= i {
                break byte[0] as usize;
            }
        };
        c[i] = c[j];
        c[j] = if (signs >> k) & 1 == 1 { Q - 1 } else { 1 };
    }
    c
}

/// FIPS 204 Algorithm 21 (HintBitUnpack); `None` for a malformed hint.
fn unpack_hint(y: &[u8]) -> Option<[[bool; N]; K]> {
    let mut h = [[false; N]; K];
    let mut index = 0usize;
    for (i, row) in h.iter_mut().enumerate() {
        let end = y[OMEGA + i] as usize;
        if end < index || end > OMEGA {
            return None;
        }
        let first = index;
        while index < end {
            if index > first && y[index - 1] >= y[index] {
                return None;
            }
            row[y[index] as usize] = true;
            index += 1;
        }
    }
    y[index..OMEGA].iter().all(|&b| b == 0).then_some(h)
}

/// FIPS 204 Algorithm 40 (UseHint), with Algorithm 36 (Decompose), for γ2 = (q−1)/88.
fn use_hint(hint: bool, r: i64) -> i64 {
    let m = (Q - 1) / (2 * GAMMA2); // 44
    let r_plus = r.rem_euclid(Q);
    let mut r0 = r_plus % (2 * GAMMA2);
    if r0 > GAMMA2 {
        r0 -= 2 * GAMMA2;
    }
    let (r1, r0) = if r_plus - r0 == Q - 1 {
        (0, r0 - 1)
    } else {
        ((r_plus - r0) / (2 * GAMMA2), r0)
    };
    match (hint, r0 > 0) {
        (true, true) => (r1 + 1).rem_euclid(m),
        (true, false) => (r1 - 1).rem_euclid(m),
        (false, _) => r1,
    }
}

/// ML-DSA-44 verification, pure, with an empty context (FIPS 204 Algorithms 3 and 8), over
/// `xof`. Malformed keys or signatures are `false`.
pub fn verify(xof: Xof, pk: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    if pk.len() != PUBLIC_KEY_LEN || sig.len() != SIGNATURE_LEN {
        return false;
    }
    let (rho, t1_bytes) = pk.split_at(32);
    let (ct, rest) = sig.split_at(CT_LEN);
    let (z_bytes, hint_bytes) = rest.split_at(L * 576);
    let Some(hint) = unpack_hint(hint_bytes) else {
        return false;
    };
    let mut z = [[0i64; N]; L];
    for (i, zi) in z.iter_mut().enumerate() {
        for (c, v) in zi.iter_mut().zip(unpack(&z_bytes[i * 576..][..576], 18)) {
            *c = GAMMA1 - v;
            if c.abs() >= GAMMA1 - BETA {
                return false;
            }
        }
    }
    // tr = H(pk, 64); μ = H(tr ‖ M', 64) with M' = 0x00 ‖ len(ctx)=0 ‖ M.
    let mut tr = [0u8; 64];
    xof.h(&[pk]).read(&mut tr);
    let mut mu = [0u8; 64];
    xof.h(&[&tr, &[0, 0], msg]).read(&mut mu);

    let mut c = sample_in_ball(xof, ct);
    ntt(&mut c);
    for zi in z.iter_mut() {
        zi.iter_mut().for_each(|x| *x = x.rem_euclid(Q));
        ntt(zi);
    }
    let mut w1_encoded = Vec::with_capacity(K * 192);
    for (i, hint_row) in hint.iter().enumerate() {
        // w' = NTT⁻¹(Σ_j Â[i][j] ∘ NTT(z_j) − NTT(c) ∘ NTT(t1_i · 2^d))
        let mut t1 = unpack(&t1_bytes[i * 320..][..320], 10);
        t1.iter_mut().for_each(|x| *x = (*x << D) % Q);
        ntt(&mut t1);
        let mut w = [0i64; N];
        for (j, zj) in z.iter().enumerate() {
            let a = rej_ntt_poly(xof, rho, j as u8, i as u8);
            for n in 0..N {
                w[n] = (w[n] + a[n] * zj[n]) % Q;
            }
        }
        for n in 0..N {
            w[n] = (w[n] - c[n] * t1[n] % Q).rem_euclid(Q);
        }
        ntt_inverse(&mut w);
        // w1 = UseHint(h, w'), packed 6 bits per coefficient (w1Encode).
        let mut acc = 0u32;
        let mut nbits = 0;
        for n in 0..N {
            acc |= (use_hint(hint_row[n], w[n]) as u32) << nbits;
            nbits += 6;
            while nbits >= 8 {
                w1_encoded.push(acc as u8);
                acc >>= 8;
                nbits -= 8;
            }
        }
    }
    let mut ct2 = [0u8; CT_LEN];
    xof.h(&[&mu, &w1_encoded]).read(&mut ct2);
    ct2 == ct
}
