//! KeccakPRNG: the Keccak-256 counter-mode XOF of EIP-8051's ML-DSA-ETH and EIP-8052's
//! Keccak hash-to-point (ZKNoxHQ's construction). **Experimental**, as those variants are.
//!
//! `state = keccak256(everything absorbed)`, then the output stream is
//! `keccak256(state ‖ u64_be(0)) ‖ keccak256(state ‖ u64_be(1)) ‖ …`, one continuous
//! stream however it is read.

use alloc::vec::Vec;

use sha3::{Digest as _, Keccak256};

/// KeccakPRNG: absorbed once at construction, then squeezed for any number of bytes.
#[derive(Clone, Debug)]
pub struct KeccakPrng {
    state: [u8; 32],
    counter: u64,
    block: [u8; 32],
    used: usize,
}

impl KeccakPrng {
    /// A PRNG that has absorbed the concatenation of `parts`.
    pub fn absorbed(parts: &[&[u8]]) -> Self {
        let mut h = Keccak256::new();
        parts.iter().for_each(|p| h.update(p));
        Self {
            state: h.finalize().into(),
            counter: 0,
            block: [0; 32],
            used: 32,
        }
    }

    /// Fills `out` with the next bytes of the stream.
    pub fn squeeze(&mut self, out: &mut [u8]) {
        for byte in out {
            if self.used == 32 {
                let mut h = Keccak256::new();
                h.update(self.state);
                h.update(self.counter.to_be_bytes());
                self.block = h.finalize().into();
                self.counter += 1;
                self.used = 0;
            }
            *byte = self.block[self.used];
            self.used += 1;
        }
    }

    /// The next `n` bytes of the stream.
    pub fn squeeze_vec(&mut self, n: usize) -> Vec<u8> {
        let mut v = alloc::vec![0u8; n];
        self.squeeze(&mut v);
        v
    }
}
