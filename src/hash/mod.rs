//! Hash agility: one registry of families, self-describing digests, framing, suites
//! and policy.
//!
//! Every hash in a chain's data layer should go through this module, so that swapping a
//! family is a change of [`HashSuite`] data, never an edit of call sites.
//!
//! ```
//! use pqmigrate::hash::{self, HashAlg};
//!
//! let d = hash::hash(HashAlg::Keccak256, b"");
//! assert_eq!(
//!     d.to_string(),
//!     "keccak-256:c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
//! );
//! // The multihash encoding names the family, so a reader never guesses.
//! let decoded = hash::Digest::from_multihash(&d.to_multihash()).unwrap();
//! assert_eq!(decoded, d);
//! ```

mod alg;
mod framing;
mod hasher;
pub mod legacy;
mod multihash;
pub mod simd;
mod suite;

pub use alg::{HashAlg, HashInfo, HashSecurity, registry};
pub use framing::{encode_framed, hash_framed, write_framed};
pub use hasher::Hasher;
pub use multihash::{Digest, MAX_OUTPUT_LEN};
pub use suite::{HashRole, HashSuite};

use alloc::vec::Vec;

use crate::error::Error;

/// Hashes `data` with `alg`.
pub fn hash(alg: HashAlg, data: &[u8]) -> Digest {
    use sha2::Digest as _;
    // One-shot calls straight into each crate: no streaming state to set up (BLAKE3's
    // would be a 1.9 KiB boxed hasher).
    let mut d = Digest::zero(alg);
    let out = d.bytes_mut();
    match alg {
        HashAlg::Sha2_256 => out.copy_from_slice(&sha2::Sha256::digest(data)),
        HashAlg::Sha2_512 => out.copy_from_slice(&sha2::Sha512::digest(data)),
        HashAlg::Sha3_256 => out.copy_from_slice(&sha3::Sha3_256::digest(data)),
        HashAlg::Sha3_512 => out.copy_from_slice(&sha3::Sha3_512::digest(data)),
        HashAlg::Keccak256 => out.copy_from_slice(&sha3::Keccak256::digest(data)),
        HashAlg::Blake3 => out.copy_from_slice(blake3::hash(data).as_bytes()),
        HashAlg::Sha1 => out.copy_from_slice(sha1_checked::Sha1::try_digest(data).hash()),
    }
    d
}

/// The sponge parameters of a Keccak-family hash — what the multi-buffer kernels of
/// [`simd`] run — or `None` for the other families.
pub const fn keccak_sponge(alg: HashAlg) -> Option<simd::Sponge> {
    // FIPS 202: SHA3-256 rate 136, SHA3-512 rate 72, domain bits 01 → first pad byte
    // 0x06; original Keccak (Ethereum) pads with 0x01.
    match alg {
        HashAlg::Sha3_256 => simd::Sponge::new(136, 32, 0x06),
        HashAlg::Sha3_512 => simd::Sponge::new(72, 64, 0x06),
        HashAlg::Keccak256 => simd::Sponge::new(136, 32, 0x01),
        _ => None,
    }
}

/// Hashes each input independently with `alg`.
///
/// This is the batch entry point for callers that want [`Digest`] values; equal-length
/// inputs are what multi-buffer kernels are built for.
pub fn hash_many(alg: HashAlg, inputs: &[&[u8]]) -> Vec<Digest> {
    let mut out = alloc::vec![Digest::zero(alg); inputs.len()];
    hash_many_into(alg, inputs, &mut out);
    out
}

/// Allocation-free [`hash_many`]: writes `hash(alg, inputs[i])` to `out[i]`.
///
/// # Panics
/// If `out.len() != inputs.len()` (a caller bug, like `copy_from_slice`).
pub fn hash_many_into(alg: HashAlg, inputs: &[&[u8]], out: &mut [Digest]) {
    assert_eq!(
        inputs.len(),
        out.len(),
        "hash_many_into: output length mismatch"
    );
    hash_many_on(simd::Platform::detect(), alg, inputs, out)
        .expect("detect() returns a platform this CPU supports");
}

/// Writes `hash(alg, inputs[i])` to `out[i * n..(i + 1) * n]` with `n =
/// alg.output_len()`: digests packed back to back, the form Merkle levels take.
///
/// SHA3-256, SHA3-512 and Keccak-256 run on the multi-buffer kernels of [`simd`]
/// (8 or 4 inputs per permutation on AVX-512/AVX2), straight into `out`; SHA-256/512
/// (SHA-NI through `sha2`) and BLAKE3 (its own SIMD) hash one input at a time.
///
/// # Panics
/// If `out.len() != inputs.len() * alg.output_len()` (a caller bug).
pub fn hash_many_packed(alg: HashAlg, inputs: &[&[u8]], out: &mut [u8]) {
    packed_on(simd::Platform::detect(), alg, inputs, out).expect(
        "hash_many_packed: out must hold inputs.len() * output_len bytes, \
         and detect() returns a supported platform",
    );
}

fn packed_on(
    platform: simd::Platform,
    alg: HashAlg,
    inputs: &[&[u8]],
    out: &mut [u8],
) -> Result<(), Error> {
    if let Some(sponge) = keccak_sponge(alg) {
        return simd::hash_many(platform, sponge, inputs, out);
    }
    let n = alg.output_len();
    crate::codec::exact_len("hash_many output", inputs.len() * n, out.len())?;
    for (input, dst) in inputs.iter().zip(out.chunks_exact_mut(n)) {
        dst.copy_from_slice(hash(alg, input).as_bytes());
    }
    Ok(())
}

/// [`hash_many_into`] on a chosen [`simd::Platform`], for benches, tests and fuzzing of
/// each kernel (families without a kernel hash one input at a time on any platform).
/// Errors if `out.len() != inputs.len()`, or, for a Keccak family, if this CPU cannot
/// run `platform`.
pub fn hash_many_on(
    platform: simd::Platform,
    alg: HashAlg,
    inputs: &[&[u8]],
    out: &mut [Digest],
) -> Result<(), Error> {
    crate::codec::exact_len("hash_many digests", inputs.len(), out.len())?;
    if keccak_sponge(alg).is_none() {
        // No kernel: one hash per input, straight into the slot.
        for (input, slot) in inputs.iter().zip(out.iter_mut()) {
            *slot = hash(alg, input);
        }
        return Ok(());
    }
    const CHUNK: usize = 64;
    let n = alg.output_len();
    let mut buf = [0u8; CHUNK * MAX_OUTPUT_LEN];
    for (ins, outs) in inputs.chunks(CHUNK).zip(out.chunks_mut(CHUNK)) {
        let bytes = &mut buf[..ins.len() * n];
        packed_on(platform, alg, ins, bytes)?;
        for (slot, d) in outs.iter_mut().zip(bytes.chunks_exact(n)) {
            *slot = Digest::from_trusted(alg, d);
        }
    }
    Ok(())
}
