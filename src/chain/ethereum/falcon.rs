//! Falcon-512 as EIP-8052 specifies it: hash-to-point (SHAKE256, or KeccakPRNG for
//! ETHFALCON) and the core check. **Experimental and verify-only**: EIP-8052 is a Draft.
//!
//! These are the Falcon round-3 encodings (public key `0x09 ‖ 512 × 14-bit big-endian`,
//! compressed `s2` read most significant bit first), not FIPS 206's: FN-DSA (the
//! `fn-dsa` crate, our `fn-dsa-512`) packs the same values little-endian, so the formats
//! do not coincide and the decoders here are written for round 3. The arithmetic is
//! plain (not constant time): verification handles public data only.
//!
//! - [`hash_to_point`]: the XOF absorbs its input (EIP-8052: `salt ‖ msg`), then reads
//!   16-bit big-endian values, keeping `t mod q` for each `t < 61445`, until 512.
//! - [`core_check`]: `s1 = c − h·s2` in `Z_q[x]/(x^512 + 1)`, centred; accept iff
//!   `‖s1‖² + ‖s2‖² < 34034726` (EIP-8052's strict bound).
//! - [`verify`]: both, on a public key, message, 40-byte salt and compressed `s2`.

pub use super::xof::Xof;

/// Degree.
pub const N: usize = 512;
/// Modulus.
pub const Q: u32 = 12_289;
/// EIP-8052's acceptance bound: `‖s1‖² + ‖s2‖²` must be below it.
pub const BOUND: u64 = 34_034_726;
/// Salt (nonce) bytes.
pub const SALT_LEN: usize = 40;
/// Round-3 public key bytes (`0x09` header and 512 × 14 bits).
pub const PUBLIC_KEY_LEN: usize = 897;
/// The challenge encoding of the hash-to-point precompile: 512 × 14 bits, big-endian.
pub const CHALLENGE_LEN: usize = 896;

/// Hash-to-point over the concatenation of `input` (EIP-8052 absorbs `salt ‖ msg`), with
/// SHAKE256 (`FALCON_HASH_TO_POINT_SHAKE256`, [`Xof::Shake`]) or KeccakPRNG
/// (`FALCON_HASH_TO_POINT_KECCAKPRNG`, ETHFALCON).
pub fn hash_to_point(xof: Xof, input: &[&[u8]]) -> [u16; N] {
    let mut read = xof.h(input);
    let mut c = [0u16; N];
    let mut i = 0;
    let mut t = [0u8; 2];
    while i < N {
        read.read(&mut t);
        let v = u16::from_be_bytes(t) as u32;
        if v < 5 * Q {
            c[i] = (v % Q) as u16;
            i += 1;
        }
    }
    c
}

/// The 896-byte challenge encoding (14 bits per coefficient, big-endian, in order).
pub fn encode_challenge(c: &[u16; N]) -> [u8; CHALLENGE_LEN] {
    let mut out = [0u8; CHALLENGE_LEN];
    let (mut acc, mut bits, mut j) = (0u32, 0u32, 0usize);
    for &v in c {
        acc = (acc << 14) | v as u32;
        bits += 14;
        while bits >= 8 {
            bits -= 8;
            out[j] = (acc >> bits) as u8;
            j += 1;
        }
        acc &= (1 << bits) - 1;
    }
    out
}

/// 14-bit big-endian values below q; `None` unless exactly 896 bytes of them.
fn decode_14bit(bytes: &[u8]) -> Option<[u16; N]> {
    if bytes.len() != CHALLENGE_LEN {
        return None;
    }
    let mut h = [0u16; N];
    let (mut acc, mut bits, mut i) = (0u32, 0u32, 0usize);
    for &b in bytes {
        acc = (acc << 8) | b as u32;
        bits += 8;
        if bits >= 14 {
            bits -= 14;
            let v = (acc >> bits) & 0x3fff;
            if v >= Q {
                return None;
            }
            h[i] = v as u16;
            i += 1;
            acc &= (1 << bits) - 1;
        }
    }
    Some(h)
}

/// Round-3 public key: `0x09 ‖ 512 × 14-bit big-endian` values below q.
pub fn decode_public_key(pk: &[u8]) -> Option<[u16; N]> {
    match pk.split_first() {
        Some((0x09, rest)) => decode_14bit(rest),
        _ => None,
    }
}

/// The challenge encoding back to its 512 values (each below q).
pub fn decode_challenge(bytes: &[u8]) -> Option<[u16; N]> {
    decode_14bit(bytes)
}

/// Round-3 compressed `s2` (Falcon specification, Algorithm 18): per coefficient a sign
/// bit, 7 low bits, then the high part in unary (zeros ended by a one), most
/// significant bit first; `−0` is refused, and every bit after the 512th coefficient
/// must be zero (so padding may follow).
pub fn decompress(bytes: &[u8]) -> Option<[i32; N]> {
    let total = bytes.len() * 8;
    let bit = |k: usize| (bytes[k / 8] >> (7 - k % 8)) & 1;
    let mut s = [0i32; N];
    let mut k = 0usize;
    for c in s.iter_mut() {
        if k + 8 > total {
            return None;
        }
        let sign = bit(k);
        let mut low = 0i32;
        for b in 1..8 {
            low = (low << 1) | bit(k + b) as i32;
        }
        k += 8;
        let mut high = 0i32;
        loop {
            if k >= total {
                return None;
            }
            k += 1;
            if bit(k - 1) == 1 {
                break;
            }
            high += 1;
        }
        let v = (high << 7) | low;
        if sign == 1 && v == 0 {
            return None;
        }
        *c = if sign == 1 { -v } else { v };
    }
    (k..total).all(|j| bit(j) == 0).then_some(s)
}

/// The core check: `s1 = c − h·s2 mod (q, x^512 + 1)`, centred, and
/// `‖s1‖² + ‖s2‖² < 34034726`.
pub fn core_check(h: &[u16; N], s2: &[i32; N], c: &[u16; N]) -> bool {
    let q = Q as i64;
    // h·s2 mod x^512 + 1 (negacyclic), schoolbook.
    let mut prod = [0i64; N];
    for (i, &hi) in h.iter().enumerate() {
        for (j, &sj) in s2.iter().enumerate() {
            let t = hi as i64 * sj as i64;
            if i + j < N {
                prod[i + j] += t;
            } else {
                prod[i + j - N] -= t;
            }
        }
    }
    let mut norm: u64 = s2.iter().map(|&v| (v as i64 * v as i64) as u64).sum();
    for (i, p) in prod.iter().enumerate() {
        let mut s1 = (c[i] as i64 - p).rem_euclid(q);
        if s1 > q / 2 {
            s1 -= q;
        }
        norm += (s1 * s1) as u64;
    }
    norm < BOUND
}

/// Falcon-512 verification as EIP-8052 composes it: hash-to-point of `salt ‖ msg`, then
/// the core check with the round-3 public key and compressed `s2`. Malformed inputs are
/// `false`.
pub fn verify(xof: Xof, pk: &[u8], msg: &[u8], salt: &[u8], s2: &[u8]) -> bool {
    let (Some(h), Some(s2), true) = (
        decode_public_key(pk),
        decompress(s2),
        salt.len() == SALT_LEN,
    ) else {
        return false;
    };
    core_check(&h, &s2, &hash_to_point(xof, &[salt, msg]))
}

/// `FALCON_HASH_TO_POINT_*`: input `msg (32) ‖ sig (666)` with `sig = salt (40) ‖
/// compressed s2 (626)`; output the 896-byte challenge, or `None` (the precompile's
/// failure) for any other input length.
pub fn hash_to_point_precompile(xof: Xof, input: &[u8]) -> Option<[u8; CHALLENGE_LEN]> {
    if input.len() != 32 + 666 {
        return None;
    }
    let (msg, sig) = input.split_at(32);
    Some(encode_challenge(&hash_to_point(
        xof,
        &[&sig[..SALT_LEN], msg],
    )))
}
