//! The `Keccak-f[1600]` round function, written once for every SIMD width.
//!
//! Each kernel defines five tiny operations (`xor`, `xor5`, `rol`, `chi`, `splat`) for
//! its vector type and expands [`keccak_f1600_rounds`] with them: FIPS 202 §3.2
//! (θ, ρ, π, χ, ι), fully unrolled so every rotation amount is a constant.
//! State layout: lane `A[x, y]` is element `x + 5y`, as in FIPS 202 and the `keccak` crate.

/// Round constants RC[i] for ι (FIPS 202 §3.2.5, Algorithm 5).
pub(super) const RC: [u64; 24] = [
    0x0000000000000001,
    0x0000000000008082,
    0x800000000000808a,
    0x8000000080008000,
    0x000000000000808b,
    0x0000000080000001,
    0x8000000080008081,
    0x8000000000008009,
    0x000000000000008a,
    0x0000000000000088,
    0x0000000080008009,
    0x000000008000000a,
    0x000000008000808b,
    0x800000000000008b,
    0x8000000000008089,
    0x8000000000008003,
    0x8000000000008002,
    0x8000000000000080,
    0x000000000000800a,
    0x800000008000000a,
    0x8000000080008081,
    0x8000000000008080,
    0x0000000080000001,
    0x8000000080008008,
];

/// Expands to the 24 rounds of `Keccak-f[1600]` over the state array `$a` (25 vectors).
macro_rules! keccak_f1600_rounds {
    ($a:ident, $xor:ident, $xor5:ident, $rol:ident, $chi:ident, $splat:ident) => {
        for round in 0..24 {
            let c0 = $xor5!($a[0], $a[5], $a[10], $a[15], $a[20]);
            let c1 = $xor5!($a[1], $a[6], $a[11], $a[16], $a[21]);
            let c2 = $xor5!($a[2], $a[7], $a[12], $a[17], $a[22]);
            let c3 = $xor5!($a[3], $a[8], $a[13], $a[18], $a[23]);
            let c4 = $xor5!($a[4], $a[9], $a[14], $a[19], $a[24]);
            let d = [
                $xor!(c4, $rol!(c1, 1)),
                $xor!(c0, $rol!(c2, 1)),
                $xor!(c1, $rol!(c3, 1)),
                $xor!(c2, $rol!(c4, 1)),
                $xor!(c3, $rol!(c0, 1)),
            ];
            // ρ and π: B[y, 2x + 3y] = rol(A[x, y] ^ D[x], r[x, y]).
            let b = [
                $xor!($a[0], d[0]),
                $rol!($xor!($a[6], d[1]), 44),
                $rol!($xor!($a[12], d[2]), 43),
                $rol!($xor!($a[18], d[3]), 21),
                $rol!($xor!($a[24], d[4]), 14),
                $rol!($xor!($a[3], d[3]), 28),
                $rol!($xor!($a[9], d[4]), 20),
                $rol!($xor!($a[10], d[0]), 3),
                $rol!($xor!($a[16], d[1]), 45),
                $rol!($xor!($a[22], d[2]), 61),
                $rol!($xor!($a[1], d[1]), 1),
                $rol!($xor!($a[7], d[2]), 6),
                $rol!($xor!($a[13], d[3]), 25),
                $rol!($xor!($a[19], d[4]), 8),
                $rol!($xor!($a[20], d[0]), 18),
                $rol!($xor!($a[4], d[4]), 27),
                $rol!($xor!($a[5], d[0]), 36),
                $rol!($xor!($a[11], d[1]), 10),
                $rol!($xor!($a[17], d[2]), 15),
                $rol!($xor!($a[23], d[3]), 56),
                $rol!($xor!($a[2], d[2]), 62),
                $rol!($xor!($a[8], d[3]), 55),
                $rol!($xor!($a[14], d[4]), 39),
                $rol!($xor!($a[15], d[0]), 41),
                $rol!($xor!($a[21], d[1]), 2),
            ];
            // χ: A[x, y] = B[x, y] ^ (!B[x + 1, y] & B[x + 2, y]).
            $a[0] = $chi!(b[0], b[1], b[2]);
            $a[1] = $chi!(b[1], b[2], b[3]);
            $a[2] = $chi!(b[2], b[3], b[4]);
            $a[3] = $chi!(b[3], b[4], b[0]);
            $a[4] = $chi!(b[4], b[0], b[1]);
            $a[5] = $chi!(b[5], b[6], b[7]);
            $a[6] = $chi!(b[6], b[7], b[8]);
            $a[7] = $chi!(b[7], b[8], b[9]);
            $a[8] = $chi!(b[8], b[9], b[5]);
            $a[9] = $chi!(b[9], b[5], b[6]);
            $a[10] = $chi!(b[10], b[11], b[12]);
            $a[11] = $chi!(b[11], b[12], b[13]);
            $a[12] = $chi!(b[12], b[13], b[14]);
            $a[13] = $chi!(b[13], b[14], b[10]);
            $a[14] = $chi!(b[14], b[10], b[11]);
            $a[15] = $chi!(b[15], b[16], b[17]);
            $a[16] = $chi!(b[16], b[17], b[18]);
            $a[17] = $chi!(b[17], b[18], b[19]);
            $a[18] = $chi!(b[18], b[19], b[15]);
            $a[19] = $chi!(b[19], b[15], b[16]);
            $a[20] = $chi!(b[20], b[21], b[22]);
            $a[21] = $chi!(b[21], b[22], b[23]);
            $a[22] = $chi!(b[22], b[23], b[24]);
            $a[23] = $chi!(b[23], b[24], b[20]);
            $a[24] = $chi!(b[24], b[20], b[21]);
            // ι
            $a[0] = $xor!($a[0], $splat!(RC[round]));
        }
    };
}

pub(super) use keccak_f1600_rounds;

/// Expands to a `#[target_feature]` sponge over `$deg` equal-length inputs: absorb full
/// blocks, absorb the last partial block with pad10*1 and the domain byte built straight
/// into lanes (equal lengths put the padding at the same place in every lane, so it is a
/// broadcast constant), permute, and squeeze `out_len ≤ rate` bytes of each lane into
/// `out` at stride `out_len` (lanes past `out.len() / out_len` are idle and dropped).
macro_rules! sponge_kernel {
    ($features:literal, $name:ident, $deg:expr, $vec:ty, $zero:expr, $permute:ident, $gather:ident, $store:ident, $xor:ident, $splat:ident) => {
        /// Hashes `$deg` equal-length inputs.
        #[target_feature(enable = $features)]
        pub(super) fn $name(job: &Sponge, inputs: &[&[u8]; $deg], out: &mut [u8]) {
            let mut a: [$vec; 25] = [$zero; 25];
            let lanes = job.rate / 8;
            let len = inputs[0].len();
            let full = len / job.rate;
            // One permutation site (so the permutation inlines): full blocks, then the
            // final block with its padding.
            for block in 0..=full {
                let base = block * job.rate;
                if block < full {
                    for j in 0..lanes {
                        a[j] = $xor!(a[j], $gather(inputs, |s| word(s, base + 8 * j)));
                    }
                } else {
                    let words = (len - base) / 8;
                    for j in 0..words {
                        a[j] = $xor!(a[j], $gather(inputs, |s| word(s, base + 8 * j)));
                    }
                    let rem = (len - base) % 8;
                    let pad = u64::from(job.pad) << (8 * rem);
                    let last = if rem == 0 {
                        $splat!(pad)
                    } else {
                        $gather(inputs, |s| tail_word(s, rem) | pad)
                    };
                    a[words] = $xor!(a[words], last);
                    a[lanes - 1] = $xor!(a[lanes - 1], $splat!(0x80u64 << 56));
                }
                a = $permute(a);
            }
            let n = out.len() / job.out_len;
            for j in 0..job.out_len / 8 {
                let w: [u64; $deg] = $store(a[j]);
                for k in 0..n {
                    let at = k * job.out_len + 8 * j;
                    out[at..at + 8].copy_from_slice(&w[k].to_le_bytes());
                }
            }
        }
    };
}

pub(super) use sponge_kernel;
