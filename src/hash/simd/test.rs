//! One harness for every kernel (BLAKE3 `test.rs` style): each platform this CPU
//! supports is compared with the `sha3` crate (independent) and the portable path, for
//! lengths around the rate boundaries, batch sizes that hit every tier and remainder,
//! every lane distinct, plus a seeded random loop (`PQMIGRATE_TEST_SEED` replays one).

use alloc::vec::Vec;
use std::io::Write;

use super::Platform;
use crate::hash::{Digest, HashAlg, hash_many_on};

const ALGS: [HashAlg; 3] = [HashAlg::Sha3_256, HashAlg::Sha3_512, HashAlg::Keccak256];
const LENGTHS: [usize; 17] = [
    0, 1, 7, 8, 63, 64, 65, 71, 72, 73, 135, 136, 137, 271, 272, 273, 1000,
];
const COUNTS: [usize; 12] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 19];

/// The reference: the `sha3` crate, one input at a time.
fn reference(alg: HashAlg, input: &[u8]) -> Vec<u8> {
    use sha3::Digest as _;
    match alg {
        HashAlg::Sha3_256 => sha3::Sha3_256::digest(input).to_vec(),
        HashAlg::Sha3_512 => sha3::Sha3_512::digest(input).to_vec(),
        HashAlg::Keccak256 => sha3::Keccak256::digest(input).to_vec(),
        _ => unreachable!(),
    }
}

/// `count` distinct inputs of `len` bytes: lane k of case `salt` differs in every byte.
fn inputs(count: usize, len: usize, salt: u64) -> Vec<Vec<u8>> {
    (0..count)
        .map(|k| {
            (0..len)
                .map(|i| (i as u64 * 31 + k as u64 * 131 + salt * 7 + 1) as u8)
                .collect()
        })
        .collect()
}

fn check(platform: Platform, alg: HashAlg, data: &[Vec<u8>], what: &str) {
    let refs: Vec<&[u8]> = data.iter().map(Vec::as_slice).collect();
    let mut out = alloc::vec![Digest::zero(alg); refs.len()];
    hash_many_on(platform, alg, &refs, &mut out).unwrap();
    let mut portable = alloc::vec![Digest::zero(alg); refs.len()];
    hash_many_on(Platform::Portable, alg, &refs, &mut portable).unwrap();
    for (k, input) in refs.iter().enumerate() {
        assert_eq!(
            out[k].as_bytes(),
            &reference(alg, input)[..],
            "{platform:?} {alg} {what} lane {k}"
        );
        assert_eq!(
            out[k], portable[k],
            "{platform:?} vs portable, {alg} {what} lane {k}"
        );
    }
}

fn supported() -> Vec<Platform> {
    let p: Vec<Platform> = Platform::ALL
        .into_iter()
        .filter(|p| p.is_supported())
        .collect();
    let _ = writeln!(
        std::io::stderr(),
        "simd harness: platforms on this CPU {p:?}, detect() = {:?}",
        Platform::detect()
    );
    p
}

#[test]
fn every_kernel_matches_sha3_at_edge_lengths() {
    for platform in supported() {
        for alg in ALGS {
            for len in LENGTHS {
                for count in COUNTS {
                    check(
                        platform,
                        alg,
                        &inputs(count, len, len as u64),
                        &alloc::format!("len {len} count {count}"),
                    );
                }
            }
        }
    }
}

#[test]
fn mixed_lengths_split_into_runs() {
    for platform in supported() {
        let mut data = Vec::new();
        for (i, len) in [
            64usize, 64, 64, 0, 0, 200, 64, 64, 64, 64, 64, 64, 64, 64, 64, 1,
        ]
        .iter()
        .enumerate()
        {
            data.push((0..*len).map(|j| (j + i) as u8).collect::<Vec<u8>>());
        }
        for alg in ALGS {
            check(platform, alg, &data, "mixed");
        }
    }
}

#[test]
fn seeded_random_loop() {
    let seed: u64 = std::env::var("PQMIGRATE_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_cafe_f00d_0001);
    let _ = writeln!(
        std::io::stderr(),
        "simd random loop: PQMIGRATE_TEST_SEED={seed}"
    );
    let mut state = seed | 1;
    let mut next = move || {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    let iterations = if cfg!(debug_assertions) { 60 } else { 600 };
    let platforms = supported();
    for it in 0..iterations {
        let alg = ALGS[(next() % 3) as usize];
        let count = 1 + (next() % 20) as usize;
        let len = (next() % 600) as usize;
        let data: Vec<Vec<u8>> = (0..count)
            .map(|_| (0..len).map(|_| next() as u8).collect())
            .collect();
        for &p in &platforms {
            check(p, alg, &data, &alloc::format!("seed {seed} iteration {it}"));
        }
    }
}

#[test]
fn bad_requests_are_errors() {
    use super::{Sponge, hash_many};
    // Output buffers of the wrong size are refused, never written partially.
    let sponge = crate::hash::keccak_sponge(HashAlg::Keccak256).unwrap();
    let mut short = [0xaau8; 63];
    assert!(hash_many(Platform::Portable, sponge, &[b"x", b"y"], &mut short).is_err());
    assert_eq!(short, [0xaa; 63]);
    let mut digests = [Digest::zero(HashAlg::Sha3_256)];
    assert!(
        hash_many_on(
            Platform::Portable,
            HashAlg::Sha3_256,
            &[b"x", b"y"],
            &mut digests
        )
        .is_err()
    );
    // Sponges the kernels cannot run are not constructible.
    for (rate, out_len, pad) in [
        (0, 32, 6),
        (140, 32, 6),
        (136, 33, 6),
        (72, 80, 6),
        (136, 32, 0x80),
    ] {
        assert_eq!(
            Sponge::new(rate, out_len, pad),
            None,
            "{rate} {out_len} {pad:#x}"
        );
    }
    // Families without a kernel still hash (one at a time) on any platform.
    let mut out = [Digest::zero(HashAlg::Sha2_256)];
    hash_many_on(Platform::Portable, HashAlg::Sha2_256, &[b"abc"], &mut out).unwrap();
    assert_eq!(out[0], crate::hash::hash(HashAlg::Sha2_256, b"abc"));
    // A platform this CPU lacks is an error (when there is one).
    if let Some(missing) = Platform::ALL.into_iter().find(|p| !p.is_supported()) {
        let mut out = [0u8; 32];
        assert!(hash_many(missing, sponge, &[b"x"], &mut out).is_err());
    }
}
