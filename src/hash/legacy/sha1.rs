//! SHA-1 with collision detection (sha1dc through RustCrypto `sha1-checked`).
//!
//! Collision detection recognises the disturbance vectors of every known SHA-1
//! collision attack in the message blocks; it has no false positives in practice
//! (probability below 2^-90 per block, per Stevens–Shumow 2017). These functions return
//! the standard SHA-1 digest together with the verdict; [`crate::hash::hash`] with
//! [`crate::hash::HashAlg::Sha1`] instead returns sha1dc's "safe hash" on attack input.
//!
//! ```
//! use pqmigrate::hash::legacy::sha1;
//!
//! let c = sha1::check(b"abc");
//! assert_eq!(c.digest.to_hex(), "a9993e364706816aba3e25717850c26c9cd0d89d");
//! assert!(!c.collision_attack);
//! ```

use core::fmt;

use alloc::boxed::Box;

use crate::hash::{Digest, HashAlg, HashInfo, HashSecurity};
use crate::id::{HashId, Status};

/// The registry row of [`HashAlg::Sha1`]: broken, verify-only.
pub const INFO: HashInfo = HashInfo {
    id: HashId::SHA1,
    name: "sha1",
    output_len: 20,
    block_len: 64,
    status: Status::Broken,
    // Identical-prefix collisions cost about 2^61 (Leurent–Peyrin 2020, SHAttered 2017
    // at 2^63); preimages keep the generic bound.
    security: HashSecurity {
        classical_collision: 61,
        ..HashSecurity::for_output_bits(160)
    },
    standard: "FIPS 180-4; collision detection per Stevens-Shumow (sha1dc)",
};

/// A SHA-1 digest and whether the input carries a known collision attack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use = "an input flagged as a collision attack must be refused"]
pub struct Checked {
    /// The standard SHA-1 digest (not the safe hash), as old data committed to it.
    pub digest: Digest,
    /// True if sha1dc found a collision-attack disturbance vector.
    pub collision_attack: bool,
}

/// SHA-1 of `data` with collision detection.
pub fn check(data: &[u8]) -> Checked {
    let mut h = CheckedHasher::new();
    h.update(data);
    h.finalize()
}

/// Streaming [`check`], for files.
#[derive(Clone)]
pub struct CheckedHasher {
    // Boxed: ~700 bytes of detection state.
    inner: Box<sha1_checked::Sha1>,
}

impl Default for CheckedHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl CheckedHasher {
    /// A fresh hasher with detection on and the safe-hash rewrite off.
    pub fn new() -> Self {
        Self {
            inner: Box::new(sha1_checked::Sha1::builder().safe_hash(false).build()),
        }
    }

    /// Absorbs `data`.
    pub fn update(&mut self, data: &[u8]) {
        digest::Update::update(self.inner.as_mut(), data);
    }

    /// The standard digest and the detection verdict.
    pub fn finalize(self) -> Checked {
        let result = self.inner.try_finalize();
        Checked {
            digest: Digest::from_trusted(HashAlg::Sha1, result.hash()),
            collision_attack: result.has_collision(),
        }
    }
}

impl fmt::Debug for CheckedHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CheckedHasher { .. }")
    }
}

#[cfg(feature = "std")]
impl std::io::Write for CheckedHasher {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_180_examples() {
        // FIPS 180-2 appendix A.1/A.2 and the empty string.
        let cases: [(&[u8], &str); 3] = [
            (b"", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            (b"abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
            ),
        ];
        for (msg, hex) in cases {
            let c = check(msg);
            assert_eq!(c.digest.to_hex(), hex);
            assert!(!c.collision_attack);
            assert_eq!(crate::hash::hash(HashAlg::Sha1, msg), c.digest);
        }
    }

    #[test]
    fn streaming_matches_one_shot() {
        let data: alloc::vec::Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        let mut h = CheckedHasher::new();
        for chunk in data.chunks(37) {
            h.update(chunk);
        }
        assert_eq!(h.finalize(), check(&data));
    }
}
