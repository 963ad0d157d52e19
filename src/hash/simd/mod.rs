//! Multi-buffer Keccak: many independent, equal-length SHA3/Keccak hashes at once.
//!
//! A Merkle level or a batch of transaction ids is a set of independent inputs of the
//! same length — exactly what multi-buffer SIMD is for. Each kernel runs `Keccak-f[1600]`
//! on `DEGREE` states side by side, one state per 64-bit vector lane:
//!
//! | platform | kernel | lanes |
//! |---|---|---|
//! | [`Platform::Avx512`] | AVX-512F `zmm` (`vprolq`, `vpternlogq`) | 8 |
//! | [`Platform::Avx512`] | AVX-512VL on `ymm` (remainders of 4–7) | 4 |
//! | [`Platform::Avx2`] | AVX2 `ymm` (shift/or rotates, `vpshufb` for 8 and 56, `vpandn`) | 4 |
//! | [`Platform::Portable`] | the `keccak` crate, one state at a time | 1 |
//!
//! Remainders go down a tier (8 → 4 → 1); a remainder of 2–3 inputs runs on a 4-lane
//! kernel with idle lanes, which is still cheaper than scalar. The CPU is detected once
//! ([`Platform::detect`]); every call dispatches on that value. This is the only module
//! of the crate with `unsafe` code: calls into `#[target_feature]` kernels (each guarded
//! by the detected platform) and unaligned vector stores.
//!
//! The kernels know only sponge parameters ([`Sponge`]: rate, output length, padding
//! byte) and write each digest into the caller's buffer at a fixed stride, BLAKE3
//! `hash_many` style; which hash family is which sponge is [`crate::hash`]'s business,
//! and Merkle levels are written in place by [`crate::merkle`].
//!
//! Test-only Cargo features `force-portable` and `no-avx512` force lower tiers so CI
//! exercises each path on one machine.

#![allow(unsafe_code)]

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;
mod platform;
mod portable;
#[cfg(target_arch = "x86_64")]
mod round;
#[cfg(all(test, feature = "std"))]
mod test;

pub use platform::Platform;

use crate::error::Error;

/// Largest sponge rate supported (SHA3-256/Keccak-256: 136 bytes).
const MAX_RATE: usize = 136;

/// The parameters of one Keccak sponge hash: all a kernel needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sponge {
    rate: usize,
    out_len: usize,
    pad: u8,
}

impl Sponge {
    /// A sponge over `Keccak-f[1600]` with `rate` bytes, `out_len` output bytes and the
    /// first padding byte `pad` (`0x06` for SHA-3: FIPS 202 domain bits `01` then
    /// pad10*1; `0x01` for original Keccak as Ethereum uses it). `None` unless the rate
    /// is a multiple of 8 up to 136 bytes and the output a non-zero multiple of 8 that
    /// fits in one squeeze (`out_len ≤ rate`), which covers SHA3-256/512 and Keccak-256.
    pub const fn new(rate: usize, out_len: usize, pad: u8) -> Option<Self> {
        if rate == 0
            || !rate.is_multiple_of(8)
            || rate > MAX_RATE
            || out_len == 0
            || !out_len.is_multiple_of(8)
            || out_len > rate
            || pad == 0
            || pad >= 0x80
        {
            return None;
        }
        Some(Self { rate, out_len, pad })
    }

    /// Output bytes per input.
    pub const fn out_len(&self) -> usize {
        self.out_len
    }
}

/// The little-endian 64-bit word at `off` (callers keep `off + 8 <= s.len()`).
#[inline(always)]
fn word(s: &[u8], off: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[off..off + 8]);
    u64::from_le_bytes(w)
}

/// The last `rem` bytes of `s` (`1 ≤ rem ≤ 7`, `rem ≤ s.len()`) as a little-endian word,
/// zero-extended: the vector kernels' final-block gather. An input of 8 bytes or more is
/// read as its last whole word shifted down, a fixed-size load instead of a copy of
/// variable length (a `memcpy` call per lane).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn tail_word(s: &[u8], rem: usize) -> u64 {
    debug_assert!((1..8).contains(&rem) && rem <= s.len());
    if s.len() >= 8 {
        word(s, s.len() - 8) >> (64 - 8 * rem)
    } else {
        let mut w = [0u8; 8];
        w[..rem].copy_from_slice(&s[s.len() - rem..]);
        u64::from_le_bytes(w)
    }
}

/// The final block of `input` (whose length is `full_blocks * rate + rem`): the `rem`
/// trailing bytes, then pad10*1 with the domain byte (FIPS 202 §5.1, B.2).
#[inline(always)]
fn last_block(sponge: &Sponge, input: &[u8]) -> [u8; MAX_RATE] {
    let tail = &input[input.len() - input.len() % sponge.rate..];
    let mut b = [0u8; MAX_RATE];
    b[..tail.len()].copy_from_slice(tail);
    b[tail.len()] ^= sponge.pad;
    b[sponge.rate - 1] ^= 0x80;
    b
}

/// Hashes every input with `sponge` on `platform`, writing digest `i` to
/// `out[i * out_len..(i + 1) * out_len]`.
///
/// [`crate::hash::hash_many_packed`] calls it with [`Platform::detect`]; benches and
/// tests call it with each platform. Errors if this CPU cannot run `platform` or if
/// `out` is not exactly `inputs.len() * out_len` bytes.
pub fn hash_many(
    platform: Platform,
    sponge: Sponge,
    inputs: &[&[u8]],
    out: &mut [u8],
) -> Result<(), Error> {
    crate::codec::exact_len(
        "multi-buffer output",
        inputs.len() * sponge.out_len,
        out.len(),
    )?;
    if !platform.is_supported() {
        return Err(Error::Unsupported {
            alg: platform.name(),
            what: "this CPU",
        });
    }
    // Runs of equal-length inputs go to the kernels; lengths may change between runs.
    let mut start = 0;
    while start < inputs.len() {
        let len = inputs[start].len();
        let end = start
            + inputs[start..]
                .iter()
                .take_while(|i| i.len() == len)
                .count();
        let o = sponge.out_len;
        run(
            platform,
            &sponge,
            &inputs[start..end],
            &mut out[start * o..end * o],
        );
        start = end;
    }
    Ok(())
}

/// One run of equal-length inputs, widest kernel first; `out` holds their digests.
#[cfg_attr(not(target_arch = "x86_64"), allow(unused_mut, unused_variables))]
fn run(platform: Platform, sponge: &Sponge, inputs: &[&[u8]], out: &mut [u8]) {
    let o = sponge.out_len;
    let mut i = 0;
    #[cfg(target_arch = "x86_64")]
    {
        if platform == Platform::Avx512 {
            while inputs.len() - i >= avx512::DEGREE {
                let lanes: &[&[u8]; avx512::DEGREE] = inputs[i..i + avx512::DEGREE]
                    .try_into()
                    .expect("length checked");
                let dst = &mut out[i * o..(i + avx512::DEGREE) * o];
                // SAFETY: the caller checked `platform.is_supported()`: detect() confirmed
                // avx512f + avx512vl on this CPU.
                unsafe { avx512::hash_x8(sponge, lanes, dst) };
                i += avx512::DEGREE;
            }
        }
        if platform == Platform::Avx512 || platform == Platform::Avx2 {
            while inputs.len() - i >= 2 {
                let n = (inputs.len() - i).min(avx2::DEGREE);
                // Idle lanes repeat the last input; the kernel writes only `n` digests.
                let lanes: [&[u8]; avx2::DEGREE] =
                    core::array::from_fn(|k| inputs[i + k.min(n - 1)]);
                let dst = &mut out[i * o..(i + n) * o];
                if platform == Platform::Avx512 {
                    // SAFETY: detect() confirmed avx512f + avx512vl (and so avx2).
                    unsafe { avx512::hash_x4_vl(sponge, &lanes, dst) };
                } else {
                    // SAFETY: detect() confirmed avx2.
                    unsafe { avx2::hash_x4(sponge, &lanes, dst) };
                }
                i += n;
            }
        }
    }
    for (input, dst) in inputs[i..].iter().zip(out[i * o..].chunks_exact_mut(o)) {
        portable::hash(sponge, input, dst);
    }
}
