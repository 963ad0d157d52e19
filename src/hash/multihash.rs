//! [`Digest`]: a hash output that names its family, encoded as a multihash.
//!
//! Binary form (multiformats multihash): `varint(code) ‖ varint(len) ‖ digest`.
//! Decoding is strict: minimal varints, a code this build implements, `len` equal to the
//! family's full output length (no truncated multihashes), and no trailing bytes. So every
//! digest has exactly one encoding.
//!
//! Text form: `name:hex`, e.g. `sha3-256:a7ff…`, lowercase hex only.

use core::{cmp::Ordering, fmt, hash::Hash, str::FromStr};

use alloc::{string::String, vec::Vec};

use super::HashAlg;
use crate::codec::{self, Reader};
use crate::error::Error;
use crate::id::HashId;

/// The longest digest of any family, in bytes.
pub const MAX_OUTPUT_LEN: usize = 64;

/// A digest together with the family that produced it.
#[derive(Clone, Copy)]
pub struct Digest {
    alg: HashAlg,
    // Invariant: bytes[alg.output_len()..] are zero, so derived comparisons would be sound;
    // the impls below still compare only the live prefix.
    bytes: [u8; MAX_OUTPUT_LEN],
}

impl Digest {
    /// A digest of `alg` from raw bytes, which must be exactly `alg.output_len()` long.
    pub fn new(alg: HashAlg, bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != alg.output_len() {
            return Err(Error::WrongLength {
                what: "digest",
                expected: alg.output_len(),
                got: bytes.len(),
            });
        }
        let mut d = Self::zero(alg);
        d.bytes[..bytes.len()].copy_from_slice(bytes);
        Ok(d)
    }

    /// The all-zero digest of `alg` (a placeholder for output buffers).
    pub const fn zero(alg: HashAlg) -> Self {
        Self {
            alg,
            bytes: [0; MAX_OUTPUT_LEN],
        }
    }

    /// A digest from bytes whose length the caller already guarantees.
    pub(crate) fn from_trusted(alg: HashAlg, bytes: &[u8]) -> Self {
        debug_assert_eq!(bytes.len(), alg.output_len());
        let mut d = Self::zero(alg);
        d.bytes_mut().copy_from_slice(bytes);
        d
    }

    /// Writable view of the live bytes, for hashers filling in an output.
    pub(crate) fn bytes_mut(&mut self) -> &mut [u8] {
        &mut self.bytes[..self.alg.output_len()]
    }

    /// The family.
    pub const fn alg(&self) -> HashAlg {
        self.alg
    }

    /// The raw digest bytes (without the multihash header).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.alg.output_len()]
    }

    /// Lowercase hex of the raw bytes.
    pub fn to_hex(&self) -> String {
        codec::to_hex(self.as_bytes())
    }

    /// Length of the multihash encoding in bytes.
    pub fn multihash_len(&self) -> usize {
        let len = self.alg.output_len();
        codec::varint_len(self.alg.id().0) + codec::varint_len(len as u64) + len
    }

    /// Appends the multihash encoding to `out`.
    pub fn write_multihash(&self, out: &mut Vec<u8>) {
        codec::put_varint(out, self.alg.id().0);
        codec::put_varint(out, self.alg.output_len() as u64);
        out.extend_from_slice(self.as_bytes());
    }

    /// The multihash encoding.
    pub fn to_multihash(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.multihash_len());
        self.write_multihash(&mut out);
        out
    }

    /// Decodes a multihash that must span all of `bytes`.
    pub fn from_multihash(bytes: &[u8]) -> Result<Self, Error> {
        let mut r = Reader::new(bytes);
        let d = Self::read_multihash(&mut r)?;
        r.finish("multihash")?;
        Ok(d)
    }

    /// Decodes one multihash from `r`, leaving any following bytes unread.
    pub fn read_multihash(r: &mut Reader<'_>) -> Result<Self, Error> {
        let alg = HashAlg::from_id(HashId(r.varint("multihash code")?))?;
        let len = r.varint("multihash length")?;
        if len != alg.output_len() as u64 {
            return Err(Error::WrongLength {
                what: "multihash digest",
                expected: alg.output_len(),
                got: usize::try_from(len).unwrap_or(usize::MAX),
            });
        }
        Self::new(alg, r.take(alg.output_len(), "multihash digest")?)
    }
}

impl AsRef<[u8]> for Digest {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl PartialEq for Digest {
    fn eq(&self, other: &Self) -> bool {
        self.alg == other.alg && self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Digest {}

impl Hash for Digest {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.alg.hash(state);
        self.as_bytes().hash(state);
    }
}

impl PartialOrd for Digest {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Digest {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.alg, self.as_bytes()).cmp(&(other.alg, other.as_bytes()))
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.alg)?;
        for b in self.as_bytes() {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({self})")
    }
}

impl FromStr for Digest {
    type Err = Error;

    /// Parses `name:hex` (lowercase hex, full output length).
    fn from_str(s: &str) -> Result<Self, Error> {
        let (name, hex) = s.split_once(':').ok_or(Error::Malformed {
            what: "digest",
            reason: "expected NAME:HEX",
        })?;
        let alg: HashAlg = name.parse()?;
        let bytes = codec::from_hex(hex)?;
        Self::new(alg, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::AlgKind;
    use alloc::{string::ToString, vec};

    fn sample(alg: HashAlg) -> Digest {
        let bytes: Vec<u8> = (0..alg.output_len() as u8).collect();
        Digest::new(alg, &bytes).unwrap()
    }

    #[test]
    fn multihash_layout() {
        // sha2-256: 0x12 0x20 ‖ 32 bytes; blake3: 0x1e 0x20 ‖ 32 bytes.
        let mh = sample(HashAlg::Sha2_256).to_multihash();
        assert_eq!(&mh[..2], &[0x12, 0x20]);
        assert_eq!(mh.len(), 34);
        assert_eq!(&sample(HashAlg::Blake3).to_multihash()[..2], &[0x1e, 0x20]);
        assert_eq!(
            &sample(HashAlg::Sha2_512).to_multihash()[..2],
            &[0x13, 0x40]
        );
    }

    #[test]
    fn round_trips_every_family() {
        for alg in HashAlg::ALL {
            let d = sample(alg);
            let mh = d.to_multihash();
            assert_eq!(mh.len(), d.multihash_len());
            assert_eq!(Digest::from_multihash(&mh), Ok(d));
            assert_eq!(d.to_string().parse::<Digest>(), Ok(d));
        }
    }

    #[test]
    fn rejects_every_malformed_encoding() {
        let good = sample(HashAlg::Sha3_256).to_multihash();

        let mut wrong_len = good.clone();
        wrong_len[1] = 0x1f;
        assert_eq!(
            Digest::from_multihash(&wrong_len),
            Err(Error::WrongLength {
                what: "multihash digest",
                expected: 32,
                got: 31
            })
        );

        let mut unknown = good.clone();
        unknown[0] = 0x15; // sha3-384: well-formed code, not implemented here
        assert_eq!(
            Digest::from_multihash(&unknown),
            Err(Error::UnknownAlgorithm {
                kind: AlgKind::Hash,
                id: 0x15
            })
        );

        let mut non_minimal = vec![0x96, 0x00]; // 0x16 spelled in two bytes
        non_minimal.extend_from_slice(&good[1..]);
        assert_eq!(
            Digest::from_multihash(&non_minimal),
            Err(Error::NonMinimalVarint { offset: 0 })
        );

        let mut trailing = good.clone();
        trailing.push(0);
        assert_eq!(
            Digest::from_multihash(&trailing),
            Err(Error::TrailingBytes {
                what: "multihash",
                offset: 34,
                count: 1
            })
        );

        assert_eq!(
            Digest::from_multihash(&good[..33]),
            Err(Error::Truncated {
                what: "multihash digest",
                offset: 33,
                needed: 1
            })
        );
        assert!(matches!(
            Digest::from_multihash(&[]),
            Err(Error::Truncated { .. })
        ));
        assert!(matches!(
            Digest::from_multihash(&[0x16]),
            Err(Error::Truncated {
                what: "multihash length",
                ..
            })
        ));
    }

    #[test]
    fn text_form_is_strict() {
        let d = sample(HashAlg::Keccak256);
        let text = d.to_string();
        assert!(text.starts_with("keccak-256:000102"));
        assert!(matches!(
            "keccak-256".parse::<Digest>(),
            Err(Error::Malformed { .. })
        ));
        assert!(matches!(
            text.to_uppercase().parse::<Digest>(),
            Err(Error::UnknownAlgorithmName { .. })
        ));
        let upper_hex = alloc::format!("keccak-256:{}", d.to_hex().to_uppercase());
        assert!(matches!(
            upper_hex.parse::<Digest>(),
            Err(Error::InvalidHex { .. })
        ));
        assert!(matches!(
            "keccak-256:00".parse::<Digest>(),
            Err(Error::WrongLength {
                expected: 32,
                got: 1,
                ..
            })
        ));
    }

    #[test]
    fn equality_includes_the_family() {
        let a = Digest::new(HashAlg::Sha3_256, &[7; 32]).unwrap();
        let b = Digest::new(HashAlg::Keccak256, &[7; 32]).unwrap();
        assert_ne!(a, b);
        assert_eq!(a.as_bytes(), b.as_bytes());
    }
}
