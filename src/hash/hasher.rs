//! [`Hasher`]: a streaming hasher over any family, usable through the RustCrypto
//! [`digest`] traits (`Update`, `Reset`, `DynDigest`) and `std::io::Write`.

use core::fmt;

use alloc::boxed::Box;
use digest::{Digest as _, InvalidBufferSize};

use super::{Digest, HashAlg};

/// Streaming hasher for any [`HashAlg`].
///
/// ```
/// use pqmigrate::hash::{hash, HashAlg, Hasher};
///
/// let mut h = Hasher::new(HashAlg::Sha3_256);
/// h.update(b"ab");
/// h.update(b"c");
/// assert_eq!(h.finalize(), hash(HashAlg::Sha3_256, b"abc"));
/// ```
///
/// Because it implements [`digest::DynDigest`], it drops into code written against
/// `Box<dyn DynDigest>`.
#[derive(Clone)]
pub struct Hasher {
    inner: Inner,
}

#[derive(Clone)]
enum Inner {
    Sha2_256(sha2::Sha256),
    Sha2_512(sha2::Sha512),
    Sha3_256(sha3::Sha3_256),
    Sha3_512(sha3::Sha3_512),
    Keccak256(sha3::Keccak256),
    // Boxed: blake3's hasher carries a ~1.9 KiB chaining-value stack.
    Blake3(Box<blake3::Hasher>),
    // Boxed: sha1dc keeps ~700 bytes of detection state.
    Sha1(Box<sha1_checked::Sha1>),
}

impl Hasher {
    /// A fresh hasher for `alg`.
    pub fn new(alg: HashAlg) -> Self {
        let inner = match alg {
            HashAlg::Sha2_256 => Inner::Sha2_256(sha2::Sha256::new()),
            HashAlg::Sha2_512 => Inner::Sha2_512(sha2::Sha512::new()),
            HashAlg::Sha3_256 => Inner::Sha3_256(sha3::Sha3_256::new()),
            HashAlg::Sha3_512 => Inner::Sha3_512(sha3::Sha3_512::new()),
            HashAlg::Keccak256 => Inner::Keccak256(sha3::Keccak256::new()),
            HashAlg::Blake3 => Inner::Blake3(Box::new(blake3::Hasher::new())),
            HashAlg::Sha1 => Inner::Sha1(Box::new(sha1_checked::Sha1::new())),
        };
        Self { inner }
    }

    /// The family.
    pub fn alg(&self) -> HashAlg {
        match self.inner {
            Inner::Sha2_256(_) => HashAlg::Sha2_256,
            Inner::Sha2_512(_) => HashAlg::Sha2_512,
            Inner::Sha3_256(_) => HashAlg::Sha3_256,
            Inner::Sha3_512(_) => HashAlg::Sha3_512,
            Inner::Keccak256(_) => HashAlg::Keccak256,
            Inner::Blake3(_) => HashAlg::Blake3,
            Inner::Sha1(_) => HashAlg::Sha1,
        }
    }

    /// Absorbs `data`.
    pub fn update(&mut self, data: &[u8]) {
        match &mut self.inner {
            Inner::Sha2_256(h) => h.update(data),
            Inner::Sha2_512(h) => h.update(data),
            Inner::Sha3_256(h) => h.update(data),
            Inner::Sha3_512(h) => h.update(data),
            Inner::Keccak256(h) => h.update(data),
            Inner::Blake3(h) => {
                h.update(data);
            }
            Inner::Sha1(h) => digest::Update::update(h.as_mut(), data),
        }
    }

    /// Finishes and returns the digest.
    pub fn finalize(self) -> Digest {
        let mut out = Digest::zero(self.alg());
        let buf = out.bytes_mut();
        match self.inner {
            Inner::Sha2_256(h) => buf.copy_from_slice(&h.finalize()),
            Inner::Sha2_512(h) => buf.copy_from_slice(&h.finalize()),
            Inner::Sha3_256(h) => buf.copy_from_slice(&h.finalize()),
            Inner::Sha3_512(h) => buf.copy_from_slice(&h.finalize()),
            Inner::Keccak256(h) => buf.copy_from_slice(&h.finalize()),
            Inner::Blake3(h) => buf.copy_from_slice(h.finalize().as_bytes()),
            // sha1dc's safe hash on a detected attack, as `hash::hash` (see `HashAlg::Sha1`).
            Inner::Sha1(h) => buf.copy_from_slice(h.try_finalize().hash()),
        }
        out
    }

    /// Returns the digest and resets to the initial state of the same family.
    pub fn finalize_reset(&mut self) -> Digest {
        let fresh = Self::new(self.alg());
        core::mem::replace(self, fresh).finalize()
    }

    /// Back to the initial state, same family.
    pub fn reset(&mut self) {
        *self = Self::new(self.alg());
    }
}

impl fmt::Debug for Hasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hasher")
            .field("alg", &self.alg())
            .finish_non_exhaustive()
    }
}

impl digest::Update for Hasher {
    fn update(&mut self, data: &[u8]) {
        Hasher::update(self, data);
    }
}

impl digest::Reset for Hasher {
    fn reset(&mut self) {
        Hasher::reset(self);
    }
}

impl digest::DynDigest for Hasher {
    fn update(&mut self, data: &[u8]) {
        Hasher::update(self, data);
    }

    fn finalize_into(self, buf: &mut [u8]) -> Result<(), InvalidBufferSize> {
        if buf.len() != self.alg().output_len() {
            return Err(InvalidBufferSize);
        }
        buf.copy_from_slice(self.finalize().as_bytes());
        Ok(())
    }

    fn finalize_into_reset(&mut self, buf: &mut [u8]) -> Result<(), InvalidBufferSize> {
        if buf.len() != self.alg().output_len() {
            return Err(InvalidBufferSize);
        }
        buf.copy_from_slice(self.finalize_reset().as_bytes());
        Ok(())
    }

    fn reset(&mut self) {
        Hasher::reset(self);
    }

    fn output_size(&self) -> usize {
        self.alg().output_len()
    }

    fn box_clone(&self) -> Box<dyn digest::DynDigest> {
        Box::new(self.clone())
    }
}

#[cfg(feature = "std")]
impl std::io::Write for Hasher {
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
    use crate::hash::hash;
    use alloc::vec;
    use digest::DynDigest;

    #[test]
    fn streaming_matches_one_shot_and_resets() {
        let data: alloc::vec::Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        for alg in HashAlg::ALL {
            let mut h = Hasher::new(alg);
            for chunk in data.chunks(37) {
                h.update(chunk);
            }
            assert_eq!(h.finalize_reset(), hash(alg, &data), "{alg}");
            assert_eq!(h.clone().finalize(), hash(alg, b""), "{alg} after reset");
            h.update(b"x");
            h.reset();
            assert_eq!(h.finalize(), hash(alg, b""), "{alg} reset");
        }
    }

    #[test]
    fn works_as_dyn_digest() {
        for alg in HashAlg::ALL {
            let mut boxed: Box<dyn DynDigest> = Box::new(Hasher::new(alg));
            boxed.update(b"abc");
            assert_eq!(boxed.output_size(), alg.output_len());
            let mut short = vec![0u8; alg.output_len() - 1];
            // A wrong-size buffer is refused and leaves the state untouched.
            assert_eq!(
                boxed.finalize_into_reset(&mut short),
                Err(InvalidBufferSize)
            );
            let out = boxed.box_clone().finalize();
            assert_eq!(&out[..], hash(alg, b"abc").as_bytes(), "{alg}");
        }
    }
}
