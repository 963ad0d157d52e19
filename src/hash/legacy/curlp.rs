//! Curl-P, IOTA's ternary sponge (27 rounds until August 2017, 81 afterwards for
//! transaction hashes), **verify-only**.
//!
//! Specification (IOTA IRI/iota.go; its known answers and published collisions are in `tests/data/iota/`):
//! - state of 729 trits in {-1, 0, 1}, rate 243 trits, output the first 243 trits;
//! - absorb: each 243-trit chunk *overwrites* `state[..len]` (no xor, no padding, no
//!   length encoding), then the state is transformed;
//! - transform: `rounds` times, `new[p] = S(s[i], s[j])` walking `j ← j + 364` (if
//!   `j < 365`) else `j − 365`, with the S-box below;
//! - trytes: `9` = 0, `A`..`M` = 1..13, `N`..`Z` = −13..−1, little-endian balanced
//!   ternary (`v = t0 + 3·t1 + 9·t2`).
//!
//! Those absorb rules are why Curl-P is broken beyond its weak rounds: trailing zero
//! trits and all-zero blocks are invisible (the all-zero state is a fixed point when the
//! round count is a multiple of 3). The published Curl-P-27 collisions are reproduced
//! in `tests/legacy_hashes.rs`.
//!
//! ```
//! use pqmigrate::hash::legacy::curlp::{self, Rounds};
//!
//! // iota.go curl_test.go
//! let h = curlp::hash_trytes(Rounds::P27, "TWENTYSEVEN", 81).unwrap();
//! assert_eq!(h, "RQPYXJPRXEEPLYLAHWTTFRXXUZTV9SZPEVOQ9FZATCXJOZLZ9A9BFXTUBSHGXN9OOA9GWIPGAAWEDVNPN");
//! ```

use alloc::{string::String, vec::Vec};

use crate::error::Error;
use crate::hash::{HashInfo, HashSecurity};
use crate::id::{HashId, Status};

/// The registry row of [`HashId::CURL_P_27`] (ternary, so it has no
/// [`crate::hash::HashAlg`]): broken, verify-only.
pub const INFO: HashInfo = HashInfo {
    id: HashId::CURL_P_27,
    name: "curl-p-27",
    // Lengths in trytes (3 trits each): 243-trit digest, 243-trit rate.
    output_len: HASH_TRYTES,
    block_len: RATE_TRITS / 3,
    status: Status::Broken,
    security: HashSecurity::NONE,
    standard: "IOTA Curl-P (ternary sponge, 27 rounds); collisions: Heilman et al., ToSC 2020(3)",
};

/// State size in trits.
pub const STATE_TRITS: usize = 729;
/// Rate (absorb/squeeze block) in trits.
pub const RATE_TRITS: usize = 243;
/// Hash length in trits.
pub const HASH_TRITS: usize = 243;
/// Hash length in trytes.
pub const HASH_TRYTES: usize = HASH_TRITS / 3;

const ALPHABET: &[u8; 27] = b"9ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The S-box `S(x, y)` indexed by `x + 3y + 4` (PyOTA's table form).
const SBOX: [i8; 9] = [1, 0, -1, 1, -1, 0, -1, 1, 0];

/// Number of rounds of the transform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rounds {
    /// Curl-P-27: IOTA bundle hashes before August 2017. Practical collisions.
    P27,
    /// Curl-P-81: IOTA transaction hashes.
    P81,
}

impl Rounds {
    /// The round count.
    pub const fn count(self) -> usize {
        match self {
            Self::P27 => 27,
            Self::P81 => 81,
        }
    }
}

/// Trits of a tryte string, strictly over the alphabet `9A-Z`.
pub fn trytes_to_trits(trytes: &str) -> Result<Vec<i8>, Error> {
    let mut out = Vec::with_capacity(3 * trytes.len());
    for b in trytes.bytes() {
        let Some(pos) = ALPHABET.iter().position(|&a| a == b) else {
            return Err(Error::Malformed {
                what: "trytes",
                reason: "characters must be 9 or A-Z",
            });
        };
        // '9'..'M' = 0..13, 'N'..'Z' = -13..-1.
        let mut v = pos as i8;
        if v > 13 {
            v -= 27;
        }
        for _ in 0..3 {
            let t = ((v % 3) + 3 + 1) % 3 - 1; // balanced remainder in {-1, 0, 1}
            out.push(t);
            v = (v - t) / 3;
        }
    }
    Ok(out)
}

/// The tryte string of `trits`; the length must be a multiple of 3.
pub fn trits_to_trytes(trits: &[i8]) -> Result<String, Error> {
    if !trits.len().is_multiple_of(3) {
        return Err(Error::Malformed {
            what: "trits",
            reason: "length must be a multiple of 3",
        });
    }
    check_trits(trits)?;
    Ok(trits
        .chunks_exact(3)
        .map(|t| {
            let v = t[0] + 3 * t[1] + 9 * t[2];
            char::from(ALPHABET[v.rem_euclid(27) as usize])
        })
        .collect())
}

fn check_trits(trits: &[i8]) -> Result<(), Error> {
    if trits.iter().any(|t| !(-1..=1).contains(t)) {
        return Err(Error::Malformed {
            what: "trits",
            reason: "every trit must be -1, 0 or 1",
        });
    }
    Ok(())
}

/// The Curl-P sponge.
#[derive(Clone)]
pub struct CurlP {
    state: [i8; STATE_TRITS],
    rounds: Rounds,
}

impl core::fmt::Debug for CurlP {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CurlP")
            .field("rounds", &self.rounds)
            .finish_non_exhaustive()
    }
}

impl CurlP {
    /// The all-zero initial state.
    pub const fn new(rounds: Rounds) -> Self {
        Self {
            state: [0; STATE_TRITS],
            rounds,
        }
    }

    /// Absorbs `trits` in 243-trit chunks; nothing is absorbed if any trit is invalid.
    pub fn absorb(&mut self, trits: &[i8]) -> Result<(), Error> {
        check_trits(trits)?;
        for chunk in trits.chunks(RATE_TRITS) {
            self.state[..chunk.len()].copy_from_slice(chunk);
            self.transform();
        }
        Ok(())
    }

    /// Squeezes `out.len()` trits, a multiple of 243 (one block per transform).
    pub fn squeeze(&mut self, out: &mut [i8]) -> Result<(), Error> {
        if !out.len().is_multiple_of(HASH_TRITS) {
            return Err(Error::Malformed {
                what: "Curl-P output length",
                reason: "must be a multiple of 243 trits",
            });
        }
        for (k, block) in out.chunks_exact_mut(HASH_TRITS).enumerate() {
            if k > 0 {
                self.transform();
            }
            block.copy_from_slice(&self.state[..HASH_TRITS]);
        }
        Ok(())
    }

    fn transform(&mut self) {
        let mut scratch = [0i8; STATE_TRITS];
        for _ in 0..self.rounds.count() {
            scratch.copy_from_slice(&self.state);
            let mut j = 0usize;
            for slot in self.state.iter_mut() {
                let i = j;
                j = if j < 365 { j + 364 } else { j - 365 };
                // Trits are in {-1, 0, 1}, so the index is in 0..=8.
                *slot = SBOX[(scratch[i] + 3 * scratch[j] + 4) as usize];
            }
        }
    }
}

/// Curl-P of a tryte string, squeezing `out_trytes` trytes (a multiple of 81).
pub fn hash_trytes(rounds: Rounds, trytes: &str, out_trytes: usize) -> Result<String, Error> {
    let mut curl = CurlP::new(rounds);
    curl.absorb(&trytes_to_trits(trytes)?)?;
    let mut out = alloc::vec![0i8; 3 * out_trytes];
    curl.squeeze(&mut out)?;
    trits_to_trytes(&out)
}

/// Curl-P-27 hash (81 trytes) of a tryte string: how IOTA computed bundle hashes
/// before August 2017.
pub fn curl_p27(trytes: &str) -> Result<String, Error> {
    hash_trytes(Rounds::P27, trytes, HASH_TRYTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tryte_conversion_round_trips_and_is_strict() {
        let all = core::str::from_utf8(ALPHABET).unwrap();
        let trits = trytes_to_trits(all).unwrap();
        assert_eq!(&trits[3..6], &[1, 0, 0]); // 'A' = 1
        assert_eq!(&trits[42..45], &[-1, -1, -1]); // 'N' = -13
        assert_eq!(trits_to_trytes(&trits).unwrap(), all);
        assert!(trytes_to_trits("abc").is_err());
        assert!(trits_to_trytes(&[1, 0]).is_err());
        assert!(trits_to_trytes(&[2, 0, 0]).is_err());
        let mut c = CurlP::new(Rounds::P27);
        assert!(c.absorb(&[0, 5]).is_err());
        assert!(c.squeeze(&mut [0; 10]).is_err());
    }

    #[test]
    fn iota_go_kats() {
        // iotaledger/iota.go curl/curl_test.go (legacy branch).
        assert_eq!(
            hash_trytes(Rounds::P81, "A", 81).unwrap(),
            "TJVKPMTAMIZVBVHIVQUPTKEMPROEKV9SB9COEDQYRHYPTYSKQIAN9PQKMZHCPO9TS9BHCORFKW9CQXZEE"
        );
        assert_eq!(hash_trytes(Rounds::P81, "", 81).unwrap(), "9".repeat(81));
    }
}
