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
//! | [`Platform::Avx2`] | AVX2 `ymm` (shift/or rotates, `vpandn`) | 4 |
//! | [`Platform::Portable`] | the `keccak` crate, one state at a time | 1 |
//!
//! Remainders go down a tier (8 → 4 → 1); a remainder of 2–3 inputs runs on a 4-lane
//! kernel with idle lanes, which is still cheaper than scalar. The CPU is detected once
//! ([`Platform::detect`]); every call dispatches on that value. This is the only module
//! of the crate with `unsafe` code: calls into `#[target_feature]` kernels (each guarded
//! by the detected platform) and unaligned vector stores.
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

use super::{Digest, HashAlg};
use crate::error::Error;

/// Largest sponge rate used here (SHA3-256/Keccak-256: 136 bytes).
const MAX_RATE: usize = 136;
/// Largest digest (SHA3-512).
const MAX_OUT: usize = 64;

/// Sponge parameters of one Keccak-family hash.
#[derive(Clone, Copy, Debug)]
struct Job {
    /// Rate in bytes.
    rate: usize,
    /// First padding byte: `0x06` for SHA-3 (FIPS 202 domain bits `01` + pad10*1),
    /// `0x01` for original Keccak (Ethereum).
    pad: u8,
    /// Output bytes (a multiple of 8, at most the rate).
    out_len: usize,
}

impl Job {
    fn for_alg(alg: HashAlg) -> Option<Self> {
        match alg {
            HashAlg::Sha3_256 => Some(Self {
                rate: 136,
                pad: 0x06,
                out_len: 32,
            }),
            HashAlg::Keccak256 => Some(Self {
                rate: 136,
                pad: 0x01,
                out_len: 32,
            }),
            HashAlg::Sha3_512 => Some(Self {
                rate: 72,
                pad: 0x06,
                out_len: 64,
            }),
            _ => None,
        }
    }
}

/// The little-endian 64-bit word at `off` (callers keep `off + 8 <= s.len()`).
#[inline(always)]
fn word(s: &[u8], off: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[off..off + 8]);
    u64::from_le_bytes(w)
}

/// Up to 7 trailing bytes as a little-endian word, zero-extended (the vector kernels'
/// final-block gather).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn partial_word(s: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w[..s.len()].copy_from_slice(s);
    u64::from_le_bytes(w)
}

/// The final block of `input` (whose length is `full_blocks * rate + rem`): the `rem`
/// trailing bytes, then pad10*1 with the domain byte (FIPS 202 §5.1, B.2).
#[inline(always)]
fn last_block(job: &Job, input: &[u8]) -> [u8; MAX_RATE] {
    let tail = &input[input.len() - input.len() % job.rate..];
    let mut b = [0u8; MAX_RATE];
    b[..tail.len()].copy_from_slice(tail);
    b[tail.len()] ^= job.pad;
    b[job.rate - 1] ^= 0x80;
    b
}

/// Whether `alg` has multi-buffer kernels.
pub fn is_keccak(alg: HashAlg) -> bool {
    Job::for_alg(alg).is_some()
}

/// Hashes `inputs` with `alg` (a Keccak-family hash) on `platform`, writing `out[i]`.
///
/// Used by [`crate::hash::hash_many_into`] with [`Platform::detect`]; benches and tests
/// call it with each platform. Errors if `alg` is not SHA3-256, SHA3-512 or Keccak-256,
/// or if this CPU cannot run `platform`.
///
/// # Panics
/// If `out.len() != inputs.len()`.
pub fn hash_many_on(
    platform: Platform,
    alg: HashAlg,
    inputs: &[&[u8]],
    out: &mut [Digest],
) -> Result<(), Error> {
    assert_eq!(
        inputs.len(),
        out.len(),
        "hash_many_on: output length mismatch"
    );
    let job = Job::for_alg(alg).ok_or(Error::Unsupported {
        alg: alg.name(),
        what: "multi-buffer Keccak",
    })?;
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
        run(
            platform,
            &job,
            alg,
            &inputs[start..end],
            &mut out[start..end],
        );
        start = end;
    }
    Ok(())
}

/// One run of equal-length inputs, widest kernel first.
#[cfg_attr(not(target_arch = "x86_64"), allow(unused_mut))]
fn run(platform: Platform, job: &Job, alg: HashAlg, inputs: &[&[u8]], out: &mut [Digest]) {
    let mut i = 0;
    let mut buf = [[0u8; MAX_OUT]; 8];
    #[cfg(target_arch = "x86_64")]
    {
        if platform == Platform::Avx512 {
            while inputs.len() - i >= avx512::DEGREE {
                let lanes: &[&[u8]; avx512::DEGREE] = inputs[i..i + avx512::DEGREE]
                    .try_into()
                    .expect("length checked");
                let outs: &mut [[u8; MAX_OUT]; avx512::DEGREE] = &mut buf;
                // SAFETY: `platform.is_supported()` was checked by the caller: detect()
                // confirmed avx512f + avx512vl on this CPU.
                unsafe { avx512::hash_x8(job, lanes, outs) };
                emit(alg, job, &buf, &mut out[i..i + avx512::DEGREE]);
                i += avx512::DEGREE;
            }
        }
        if platform == Platform::Avx512 || platform == Platform::Avx2 {
            while inputs.len() - i >= 2 {
                let n = (inputs.len() - i).min(avx2::DEGREE);
                // Idle lanes repeat the last input; their outputs are dropped.
                let lanes: [&[u8]; avx2::DEGREE] =
                    core::array::from_fn(|k| inputs[i + k.min(n - 1)]);
                let outs: &mut [[u8; MAX_OUT]; avx2::DEGREE] =
                    (&mut buf[..avx2::DEGREE]).try_into().expect("4 of 8");
                if platform == Platform::Avx512 {
                    // SAFETY: detect() confirmed avx512f + avx512vl (and so avx2).
                    unsafe { avx512::hash_x4_vl(job, &lanes, outs) };
                } else {
                    // SAFETY: detect() confirmed avx2.
                    unsafe { avx2::hash_x4(job, &lanes, outs) };
                }
                emit(alg, job, &buf, &mut out[i..i + n]);
                i += n;
            }
        }
    }
    let _ = platform;
    for (input, slot) in inputs[i..].iter().zip(&mut out[i..]) {
        portable::hash(job, input, &mut buf[0]);
        *slot = Digest::from_trusted(alg, &buf[0][..job.out_len]);
    }
}

#[cfg(target_arch = "x86_64")]
fn emit(alg: HashAlg, job: &Job, buf: &[[u8; MAX_OUT]; 8], out: &mut [Digest]) {
    for (slot, bytes) in out.iter_mut().zip(buf) {
        *slot = Digest::from_trusted(alg, &bytes[..job.out_len]);
    }
}
