//! The two XOF families of the Ethereum post-quantum drafts: FIPS 204/Falcon's SHAKE, or
//! ZKNoxHQ's [`KeccakPrng`] in its place (ML-DSA-ETH, ETHFALCON).

use shake::{ExtendableOutput, Update, XofReader};

use super::keccak_prng::KeccakPrng;

/// The XOF family: the standards' SHAKE, or KeccakPRNG in every place of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Xof {
    /// FIPS 204's SHAKE256 for `H` and SHAKE128 for `G` (ExpandA); SHAKE256 for Falcon's
    /// hash-to-point.
    Shake,
    /// KeccakPRNG for all of them (ML-DSA-ETH, ETHFALCON).
    KeccakPrng,
}

pub(crate) enum Reader {
    Shake128(<shake::Shake128 as ExtendableOutput>::Reader),
    Shake256(<shake::Shake256 as ExtendableOutput>::Reader),
    Keccak(KeccakPrng),
}

impl Reader {
    pub(crate) fn read(&mut self, out: &mut [u8]) {
        match self {
            Reader::Shake128(r) => r.read(out),
            Reader::Shake256(r) => r.read(out),
            Reader::Keccak(p) => p.squeeze(out),
        }
    }
}

impl Xof {
    /// `H` (SHAKE256 in FIPS 204) over the concatenation of `parts`.
    pub(crate) fn h(self, parts: &[&[u8]]) -> Reader {
        match self {
            Xof::Shake => {
                let mut x = shake::Shake256::default();
                parts.iter().for_each(|p| x.update(p));
                Reader::Shake256(x.finalize_xof())
            }
            Xof::KeccakPrng => Reader::Keccak(KeccakPrng::absorbed(parts)),
        }
    }

    /// `G` (SHAKE128 in FIPS 204, used by ExpandA).
    pub(crate) fn g(self, parts: &[&[u8]]) -> Reader {
        match self {
            Xof::Shake => {
                let mut x = shake::Shake128::default();
                parts.iter().for_each(|p| x.update(p));
                Reader::Shake128(x.finalize_xof())
            }
            Xof::KeccakPrng => Reader::Keccak(KeccakPrng::absorbed(parts)),
        }
    }
}
