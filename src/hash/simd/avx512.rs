//! `Keccak-f[1600]` with AVX-512: native 64-bit rotates (`vprolq`) and three-input logic
//! (`vpternlogq`) for θ's five-way XOR and for χ. Eight lanes in `zmm` registers, and a
//! four-lane AVX-512VL variant on `ymm` registers for remainders (on Zen 4, which splits
//! 512-bit operations in two, it is nearly as fast per hash).

use core::arch::x86_64::*;

use super::round::{RC, keccak_f1600_rounds, sponge_kernel};
use super::{Sponge, tail_word, word};

/// Lanes of the `zmm` kernel.
pub(super) const DEGREE: usize = 8;

// vpternlogq truth tables over (a, b, c) = (0xF0, 0xCC, 0xAA):
// a ^ b ^ c = 0x96; a ^ (!b & c) = 0xD2.
macro_rules! x8_xor {
    ($x:expr, $y:expr) => {
        _mm512_xor_si512($x, $y)
    };
}
macro_rules! x8_xor5 {
    ($a:expr, $b:expr, $c:expr, $d:expr, $e:expr) => {
        _mm512_ternarylogic_epi64::<0x96>(_mm512_ternarylogic_epi64::<0x96>($a, $b, $c), $d, $e)
    };
}
macro_rules! x8_rol {
    ($x:expr, $n:literal) => {
        _mm512_rol_epi64::<$n>($x)
    };
}
macro_rules! x8_chi {
    ($a:expr, $b:expr, $c:expr) => {
        _mm512_ternarylogic_epi64::<0xD2>($a, $b, $c)
    };
}
macro_rules! x8_splat {
    ($c:expr) => {
        _mm512_set1_epi64($c as i64)
    };
}

macro_rules! x4_xor {
    ($x:expr, $y:expr) => {
        _mm256_xor_si256($x, $y)
    };
}
macro_rules! x4_xor5 {
    ($a:expr, $b:expr, $c:expr, $d:expr, $e:expr) => {
        _mm256_ternarylogic_epi64::<0x96>(_mm256_ternarylogic_epi64::<0x96>($a, $b, $c), $d, $e)
    };
}
macro_rules! x4_rol {
    ($x:expr, $n:literal) => {
        _mm256_rol_epi64::<$n>($x)
    };
}
macro_rules! x4_chi {
    ($a:expr, $b:expr, $c:expr) => {
        _mm256_ternarylogic_epi64::<0xD2>($a, $b, $c)
    };
}
macro_rules! x4_splat {
    ($c:expr) => {
        _mm256_set1_epi64x($c as i64)
    };
}

#[target_feature(enable = "avx512f")]
#[inline]
fn permute_x8(mut a: [__m512i; 25]) -> [__m512i; 25] {
    keccak_f1600_rounds!(a, x8_xor, x8_xor5, x8_rol, x8_chi, x8_splat);
    a
}

#[target_feature(enable = "avx2,avx512f,avx512vl")]
#[inline]
fn permute_x4(mut a: [__m256i; 25]) -> [__m256i; 25] {
    keccak_f1600_rounds!(a, x4_xor, x4_xor5, x4_rol, x4_chi, x4_splat);
    a
}

#[target_feature(enable = "avx512f")]
#[inline]
fn gather8(l: &[&[u8]; 8], f: impl Fn(&[u8]) -> u64) -> __m512i {
    _mm512_set_epi64(
        f(l[7]) as i64,
        f(l[6]) as i64,
        f(l[5]) as i64,
        f(l[4]) as i64,
        f(l[3]) as i64,
        f(l[2]) as i64,
        f(l[1]) as i64,
        f(l[0]) as i64,
    )
}

#[target_feature(enable = "avx2")]
#[inline]
fn gather4(l: &[&[u8]; 4], f: impl Fn(&[u8]) -> u64) -> __m256i {
    _mm256_set_epi64x(
        f(l[3]) as i64,
        f(l[2]) as i64,
        f(l[1]) as i64,
        f(l[0]) as i64,
    )
}

#[target_feature(enable = "avx512f")]
#[inline]
fn store8(v: __m512i) -> [u64; 8] {
    let mut w = [0u64; 8];
    // SAFETY: `w` is 64 writable bytes; storeu has no alignment requirement.
    unsafe { _mm512_storeu_si512(w.as_mut_ptr().cast(), v) };
    w
}

#[target_feature(enable = "avx2")]
#[inline]
fn store4(v: __m256i) -> [u64; 4] {
    let mut w = [0u64; 4];
    // SAFETY: `w` is 32 writable bytes; storeu has no alignment requirement.
    unsafe { _mm256_storeu_si256(w.as_mut_ptr().cast(), v) };
    w
}

sponge_kernel!(
    "avx512f",
    hash_x8,
    DEGREE,
    __m512i,
    _mm512_setzero_si512(),
    permute_x8,
    gather8,
    store8,
    x8_xor,
    x8_splat
);
sponge_kernel!(
    "avx2,avx512f,avx512vl",
    hash_x4_vl,
    4,
    __m256i,
    _mm256_setzero_si256(),
    permute_x4,
    gather4,
    store4,
    x4_xor,
    x4_splat
);
