//! Canonical binary encoding shared by every type in the crate.
//!
//! Integers on the wire are unsigned LEB128 varints as in the multiformats
//! [unsigned-varint] specification: 7 bits per byte, least significant group first,
//! high bit set on every byte but the last, **at most 9 bytes (63 bits)**, and
//! **minimal** — a varint that ends in a `0x00` continuation byte is rejected, so each
//! integer has exactly one encoding.
//!
//! Decoding goes through [`Reader`], which tracks the offset for error messages and
//! whose [`Reader::finish`] rejects trailing bytes. A decoder that accepts a value
//! therefore accepts exactly one byte string for it.
//!
//! ```
//! use pqmigrate::codec::{Reader, put_varint};
//!
//! let mut out = Vec::new();
//! put_varint(&mut out, 300);
//! assert_eq!(out, [0xac, 0x02]);
//! assert_eq!(Reader::new(&out).varint("n"), Ok(300));
//! // The same value padded with a zero continuation byte is refused, as are leftovers.
//! assert!(Reader::new(&[0xac, 0x82, 0x00]).varint("n").is_err());
//! let mut r = Reader::new(&[0x01, 0xff]);
//! assert_eq!(r.varint("n"), Ok(1));
//! assert!(r.finish("value").is_err());
//! ```
//!
//! [unsigned-varint]: https://github.com/multiformats/unsigned-varint

use alloc::vec::Vec;

use crate::error::Error;

/// The longest varint accepted, in bytes (multiformats unsigned-varint: 63 bits).
pub const MAX_VARINT_LEN: usize = 9;

/// The largest value a varint can carry (2^63 - 1).
pub const MAX_VARINT: u64 = (1 << 63) - 1;

/// Number of bytes [`put_varint`] writes for `value`.
///
/// Values above [`MAX_VARINT`] are not encodable; callers keep ids and lengths below it.
pub const fn varint_len(value: u64) -> usize {
    let bits = 64 - (value | 1).leading_zeros() as usize;
    bits.div_ceil(7)
}

/// Appends the minimal varint encoding of `value` to `out`.
///
/// # Panics
/// If `value > MAX_VARINT`. Every id and length in the crate is far below that bound;
/// passing a larger value is a programming error, not an input error.
pub fn put_varint(out: &mut Vec<u8>, value: u64) {
    assert!(value <= MAX_VARINT, "varint value exceeds 2^63 - 1");
    let mut v = value;
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends `varint(len(bytes)) ‖ bytes`.
pub fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Refuses a value that a varint cannot carry (above [`MAX_VARINT`]) with
/// [`Error::OutOfRange`]. Constructors of encodable types call it, so that `to_bytes`
/// never meets a value it cannot encode.
pub fn check_encodable(what: &'static str, value: u64) -> Result<(), Error> {
    if value > MAX_VARINT {
        return Err(Error::OutOfRange {
            what,
            index: value,
            bound: MAX_VARINT + 1,
        });
    }
    Ok(())
}

/// A self-describing envelope `varint(id) ‖ payload`, as keys, signatures and KEM values
/// travel.
pub fn envelope(id: u64, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(varint_len(id) + payload.len());
    put_varint(&mut out, id);
    out.extend_from_slice(payload);
    out
}

/// Splits an envelope into its id (a minimal varint, named `what` in errors) and payload.
pub fn open_envelope<'a>(bytes: &'a [u8], what: &'static str) -> Result<(u64, &'a [u8]), Error> {
    let mut r = Reader::new(bytes);
    let id = r.varint(what)?;
    Ok((id, r.remaining()))
}

/// [`Error::WrongLength`] for `what` unless `got == expected`.
pub(crate) fn exact_len(what: &'static str, expected: usize, got: usize) -> Result<(), Error> {
    if got != expected {
        return Err(Error::WrongLength {
            what,
            expected,
            got,
        });
    }
    Ok(())
}

/// A cursor over untrusted bytes with strict, offset-reporting reads.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> Reader<'a> {
    /// Starts reading at the beginning of `bytes`.
    pub const fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, offset: 0 }
    }

    /// The offset of the next unread byte.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The bytes not yet read.
    pub fn remaining(&self) -> &'a [u8] {
        &self.bytes[self.offset..]
    }

    /// Reads one minimal varint of at most 9 bytes.
    pub fn varint(&mut self, what: &'static str) -> Result<u64, Error> {
        let start = self.offset;
        let rest = self.remaining();
        let mut value: u64 = 0;
        for (i, &byte) in rest.iter().enumerate() {
            if i == MAX_VARINT_LEN {
                return Err(Error::VarintOverflow { offset: start });
            }
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 == 0 {
                // A last byte of zero after at least one continuation byte adds nothing:
                // the same value has a shorter encoding.
                if byte == 0 && i > 0 {
                    return Err(Error::NonMinimalVarint { offset: start });
                }
                self.offset += i + 1;
                return Ok(value);
            }
        }
        if rest.len() >= MAX_VARINT_LEN {
            return Err(Error::VarintOverflow { offset: start });
        }
        Err(Error::Truncated {
            what,
            offset: self.bytes.len(),
            needed: 1,
        })
    }

    /// Reads a varint and checks that it fits in `usize`.
    pub fn varint_usize(&mut self, what: &'static str) -> Result<usize, Error> {
        let start = self.offset;
        let v = self.varint(what)?;
        usize::try_from(v)
            .map_err(|_| Error::OutOfRange {
                what,
                index: v,
                bound: usize::MAX as u64,
            })
            .inspect_err(|_| self.offset = start)
    }

    /// Reads exactly `len` bytes.
    pub fn take(&mut self, len: usize, what: &'static str) -> Result<&'a [u8], Error> {
        let rest = self.remaining();
        if rest.len() < len {
            return Err(Error::Truncated {
                what,
                offset: self.bytes.len(),
                needed: len - rest.len(),
            });
        }
        self.offset += len;
        Ok(&rest[..len])
    }

    /// Reads a fixed-size array.
    pub fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], Error> {
        let bytes = self.take(N, what)?;
        let mut out = [0u8; N];
        out.copy_from_slice(bytes);
        Ok(out)
    }

    /// Succeeds only if every byte was consumed.
    pub fn finish(self, what: &'static str) -> Result<(), Error> {
        let count = self.bytes.len() - self.offset;
        if count == 0 {
            Ok(())
        } else {
            Err(Error::TrailingBytes {
                what,
                offset: self.offset,
                count,
            })
        }
    }
}

/// Lowercase hex encoding.
pub fn to_hex(bytes: &[u8]) -> alloc::string::String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = alloc::string::String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    s
}

/// Strict lowercase hex decoding: even length, digits `0-9a-f` only.
///
/// Uppercase is rejected so that each byte string has one textual form; user-facing
/// tools that want to be lenient lowercase their input first.
pub fn from_hex(text: &str) -> Result<Vec<u8>, Error> {
    let bytes = text.as_bytes();
    let nibble = |i: usize| -> Result<u8, Error> {
        match bytes[i] {
            c @ b'0'..=b'9' => Ok(c - b'0'),
            c @ b'a'..=b'f' => Ok(c - b'a' + 10),
            _ => Err(Error::InvalidHex { offset: i }),
        }
    };
    let mut out = Vec::with_capacity(bytes.len() / 2);
    for i in (0..bytes.len() / 2).map(|i| 2 * i) {
        out.push((nibble(i)? << 4) | nibble(i + 1)?);
    }
    if bytes.len() % 2 == 1 {
        nibble(bytes.len() - 1)?;
        return Err(Error::InvalidHex {
            offset: bytes.len(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn enc(v: u64) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, v);
        out
    }

    fn dec(bytes: &[u8]) -> Result<u64, Error> {
        let mut r = Reader::new(bytes);
        let v = r.varint("test")?;
        r.finish("test")?;
        Ok(v)
    }

    #[test]
    fn varint_known_encodings() {
        // Examples from the multiformats unsigned-varint README.
        let cases: &[(u64, &[u8])] = &[
            (1, &[0x01]),
            (127, &[0x7f]),
            (128, &[0x80, 0x01]),
            (255, &[0xff, 0x01]),
            (300, &[0xac, 0x02]),
            (16384, &[0x80, 0x80, 0x01]),
            (0, &[0x00]),
            (
                MAX_VARINT,
                &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
            ),
        ];
        for &(v, bytes) in cases {
            assert_eq!(enc(v), bytes, "encode {v}");
            assert_eq!(varint_len(v), bytes.len(), "len {v}");
            assert_eq!(dec(bytes), Ok(v), "decode {v}");
        }
    }

    #[test]
    fn varint_rejects_non_minimal() {
        assert_eq!(
            dec(&[0x80, 0x00]),
            Err(Error::NonMinimalVarint { offset: 0 })
        );
        assert_eq!(
            dec(&[0x81, 0x00]),
            Err(Error::NonMinimalVarint { offset: 0 })
        );
        assert_eq!(
            dec(&[0xff, 0x80, 0x00]),
            Err(Error::NonMinimalVarint { offset: 0 })
        );
    }

    #[test]
    fn varint_rejects_overflow_and_truncation() {
        assert_eq!(dec(&[0xff; 9]), Err(Error::VarintOverflow { offset: 0 }));
        assert_eq!(dec(&[0xff; 12]), Err(Error::VarintOverflow { offset: 0 }));
        let mut ten = vec![0x80; 9];
        ten.push(0x01);
        assert_eq!(dec(&ten), Err(Error::VarintOverflow { offset: 0 }));
        assert_eq!(
            dec(&[0x80]),
            Err(Error::Truncated {
                what: "test",
                offset: 1,
                needed: 1
            })
        );
        assert_eq!(
            dec(&[]),
            Err(Error::Truncated {
                what: "test",
                offset: 0,
                needed: 1
            })
        );
    }

    #[test]
    fn reader_rejects_trailing_bytes() {
        assert_eq!(
            dec(&[0x01, 0x00]),
            Err(Error::TrailingBytes {
                what: "test",
                offset: 1,
                count: 1
            })
        );
    }

    #[test]
    fn take_reports_missing_bytes() {
        let mut r = Reader::new(&[1, 2, 3]);
        assert_eq!(r.take(2, "x"), Ok(&[1u8, 2][..]));
        assert_eq!(
            r.take(3, "x"),
            Err(Error::Truncated {
                what: "x",
                offset: 3,
                needed: 2
            })
        );
        assert_eq!(r.offset(), 2, "a failed read consumes nothing");
    }

    #[test]
    fn hex_is_strict() {
        assert_eq!(from_hex("00ff10"), Ok(vec![0, 255, 16]));
        assert_eq!(from_hex(""), Ok(vec![]));
        assert_eq!(from_hex("0"), Err(Error::InvalidHex { offset: 1 }));
        assert_eq!(from_hex("0g"), Err(Error::InvalidHex { offset: 1 }));
        assert_eq!(from_hex("FF"), Err(Error::InvalidHex { offset: 0 }));
        assert_eq!(from_hex("zz0"), Err(Error::InvalidHex { offset: 0 }));
        assert_eq!(to_hex(&[0, 255, 16]), "00ff10");
    }
}
