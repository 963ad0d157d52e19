//! The one-state path: sponge over the `keccak` crate's `Keccak-f[1600]`.

use super::{Sponge, last_block, word};

/// Hashes one input into `out` (`sponge.out_len` bytes).
pub(super) fn hash(job: &Sponge, input: &[u8], out: &mut [u8]) {
    let keccak = keccak::Keccak::new();
    let mut a = [0u64; 25];
    let lanes = job.rate / 8;
    let full = input.len() / job.rate;
    keccak.with_f1600(|f1600| {
        for block in 0..full {
            for (j, lane) in a.iter_mut().enumerate().take(lanes) {
                *lane ^= word(input, block * job.rate + 8 * j);
            }
            f1600(&mut a);
        }
        let last = last_block(job, input);
        for (j, lane) in a.iter_mut().enumerate().take(lanes) {
            *lane ^= word(&last, 8 * j);
        }
        f1600(&mut a);
    });
    for (j, chunk) in out.chunks_exact_mut(8).enumerate() {
        chunk.copy_from_slice(&a[j].to_le_bytes());
    }
}
