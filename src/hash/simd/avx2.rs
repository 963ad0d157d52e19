//! 4-lane `Keccak-f[1600]` with AVX2: rotates are shift/shift/or, χ uses `vpandn`.

use core::arch::x86_64::*;

use super::round::{RC, keccak_f1600_rounds, sponge_kernel};
use super::{Sponge, tail_word, word};

/// Lanes per call.
pub(super) const DEGREE: usize = 4;

macro_rules! xor {
    ($x:expr, $y:expr) => {
        _mm256_xor_si256($x, $y)
    };
}
macro_rules! xor5 {
    ($a:expr, $b:expr, $c:expr, $d:expr, $e:expr) => {
        xor!(xor!(xor!($a, $b), xor!($c, $d)), $e)
    };
}
/// Rotates every 64-bit lane left: by 1 as `v + v | v >> 63` (the add
/// runs on more ports than a shift); by 8 and 56 as one byte shuffle; else shift/shift/or.
macro_rules! rol {
    ($x:expr, 1) => {{
        let v = $x;
        _mm256_or_si256(_mm256_add_epi64(v, v), _mm256_srli_epi64::<63>(v))
    }};
    ($x:expr, 8) => {
        _mm256_shuffle_epi8(
            $x,
            _mm256_setr_epi8(
                7, 0, 1, 2, 3, 4, 5, 6, 15, 8, 9, 10, 11, 12, 13, 14, 7, 0, 1, 2, 3, 4, 5, 6, 15,
                8, 9, 10, 11, 12, 13, 14,
            ),
        )
    };
    ($x:expr, 56) => {
        _mm256_shuffle_epi8(
            $x,
            _mm256_setr_epi8(
                1, 2, 3, 4, 5, 6, 7, 0, 9, 10, 11, 12, 13, 14, 15, 8, 1, 2, 3, 4, 5, 6, 7, 0, 9,
                10, 11, 12, 13, 14, 15, 8,
            ),
        )
    };
    ($x:expr, $n:literal) => {{
        let v = $x;
        _mm256_or_si256(
            _mm256_slli_epi64::<$n>(v),
            _mm256_srli_epi64::<{ 64 - $n }>(v),
        )
    }};
}
macro_rules! chi {
    ($a:expr, $b:expr, $c:expr) => {
        _mm256_xor_si256($a, _mm256_andnot_si256($b, $c))
    };
}
macro_rules! splat {
    ($c:expr) => {
        _mm256_set1_epi64x($c as i64)
    };
}

#[target_feature(enable = "avx2")]
#[inline]
fn permute(mut a: [__m256i; 25]) -> [__m256i; 25] {
    keccak_f1600_rounds!(a, xor, xor5, rol, chi, splat);
    a
}

#[target_feature(enable = "avx2")]
#[inline]
fn gather(lanes: &[&[u8]; DEGREE], f: impl Fn(&[u8]) -> u64) -> __m256i {
    _mm256_set_epi64x(
        f(lanes[3]) as i64,
        f(lanes[2]) as i64,
        f(lanes[1]) as i64,
        f(lanes[0]) as i64,
    )
}

#[target_feature(enable = "avx2")]
#[inline]
fn store(v: __m256i) -> [u64; DEGREE] {
    let mut w = [0u64; DEGREE];
    // SAFETY: `w` is 32 writable bytes; storeu has no alignment requirement.
    unsafe { _mm256_storeu_si256(w.as_mut_ptr().cast(), v) };
    w
}

sponge_kernel!(
    "avx2",
    hash_x4,
    DEGREE,
    __m256i,
    _mm256_setzero_si256(),
    permute,
    gather,
    store,
    xor,
    splat
);
