//! Domain-separated, length-framed hashing.
//!
//! `hash_framed(alg, domain, parts)` hashes
//!
//! ```text
//! u64le(len(domain)) ‖ domain ‖ u64le(len(part_0)) ‖ part_0 ‖ … ‖ u64le(len(part_k)) ‖ part_k
//! ```
//!
//! Fixed-width little-endian lengths make the encoding injective: reading it back is
//! deterministic (8 bytes of length, then that many bytes, until the end), so two
//! different `(domain, parts)` pairs never produce the same hash input. In particular
//! `["ab", "c"]` and `["a", "bc"]` differ, unlike plain concatenation, and a value never
//! hashes the same under two domains.

use alloc::vec::Vec;

use super::{Digest, HashAlg, Hasher};

/// Feeds the framed encoding of `(domain, parts)` to `sink`, piece by piece, without
/// copying the inputs (so secret inputs can be framed straight into a hasher).
pub fn write_framed(domain: &[u8], parts: &[&[u8]], mut sink: impl FnMut(&[u8])) {
    sink(&(domain.len() as u64).to_le_bytes());
    sink(domain);
    for part in parts {
        sink(&(part.len() as u64).to_le_bytes());
        sink(part);
    }
}

/// Hashes `domain` and `parts` with unambiguous length framing (see the module docs).
pub fn hash_framed(alg: HashAlg, domain: &[u8], parts: &[&[u8]]) -> Digest {
    let mut h = Hasher::new(alg);
    write_framed(domain, parts, |b| h.update(b));
    h.finalize()
}

/// The exact byte string [`hash_framed`] hashes, for other implementations and vectors.
pub fn encode_framed(domain: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let total = 8 + domain.len() + parts.iter().map(|p| 8 + p.len()).sum::<usize>();
    let mut out = Vec::with_capacity(total);
    write_framed(domain, parts, |b| out.extend_from_slice(b));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::hash;

    #[test]
    fn framed_hash_is_hash_of_encoding() {
        for alg in HashAlg::ALL {
            let parts: [&[u8]; 3] = [b"ab", b"", b"c"];
            assert_eq!(
                hash_framed(alg, b"tx", &parts),
                hash(alg, &encode_framed(b"tx", &parts))
            );
        }
    }

    #[test]
    fn concatenation_ambiguity_is_gone() {
        let alg = HashAlg::Sha3_256;
        assert_ne!(
            hash_framed(alg, b"d", &[b"ab", b"c"]),
            hash_framed(alg, b"d", &[b"a", b"bc"])
        );
        assert_ne!(
            hash_framed(alg, b"d", &[b"abc"]),
            hash_framed(alg, b"d", &[b"abc", b""])
        );
        assert_ne!(
            hash_framed(alg, b"da", &[b"bc"]),
            hash_framed(alg, b"d", &[b"abc"])
        );
        assert_ne!(hash_framed(alg, b"", &[]), hash(alg, b""));
    }

    #[test]
    fn encoding_layout() {
        assert_eq!(
            encode_framed(b"D", &[b"xy"]),
            [
                1, 0, 0, 0, 0, 0, 0, 0, b'D', 2, 0, 0, 0, 0, 0, 0, 0, b'x', b'y'
            ]
        );
    }
}
