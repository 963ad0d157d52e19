//! [`Address`]: account addresses that commit to the signature algorithm.
//!
//! ```text
//! address = truncate(address_len, H(framed("pqmigrate/v1/address", [varint(SigId), pk])))
//! ```
//! with `H = suite.address`, `pk` the public-key payload (without the envelope id) and
//! the framing of [`crate::hash::hash_framed`] (`u64le` lengths). Because the algorithm
//! id is hashed, one public key under two algorithms gives two addresses, and an address
//! never lets a key be reinterpreted under a weaker scheme. The derivation is pinned by
//! vectors computed with Python `hashlib`/pycryptodome in `tests/migration.rs`.
//!
//! ```
//! use pqmigrate::hash::HashSuite;
//! use pqmigrate::sig::{SigAlg, SigningKey};
//!
//! let sk = SigningKey::from_seed(SigAlg::MlDsa65Secp256k1, &[1; 32]).unwrap();
//! let a = sk.public_key().address(&HashSuite::KECCAK).unwrap();
//! assert_eq!(a.as_bytes().len(), 20);
//! ```

use core::fmt;

use crate::codec;
use crate::error::Error;
use crate::hash::{HashSuite, MAX_OUTPUT_LEN, hash_framed};
use crate::id::SigId;

use super::PublicKey;

/// Domain of the address derivation.
pub const ADDRESS_DOMAIN: &[u8] = b"pqmigrate/v1/address";

/// An address: the address-family digest truncated to the suite's length.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Address {
    len: u8,
    bytes: [u8; MAX_OUTPUT_LEN],
}

impl Address {
    /// The first `len` bytes of `digest` as an address (`len` at most the digest's).
    pub(crate) fn from_prefix(digest: &[u8], len: u8) -> Self {
        let n = usize::from(len).min(digest.len());
        let mut bytes = [0; MAX_OUTPUT_LEN];
        bytes[..n].copy_from_slice(&digest[..n]);
        Self {
            len: n as u8,
            bytes,
        }
    }

    /// The address bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// Lowercase hex.
    pub fn to_hex(&self) -> alloc::string::String {
        codec::to_hex(self.as_bytes())
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{}", self.to_hex())
    }
}

impl fmt::Debug for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Address({self})")
    }
}

/// The address of public-key payload `pk` under scheme `alg` in `suite`.
///
/// Fails only if the suite is invalid ([`HashSuite::validate`]); the key bytes are not
/// parsed here (use [`PublicKey::address`] for a validated key).
pub fn address(suite: &HashSuite, alg: SigId, pk: &[u8]) -> Result<Address, Error> {
    suite.validate()?;
    let mut id = alloc::vec::Vec::with_capacity(9);
    codec::put_varint(&mut id, alg.0);
    let d = hash_framed(suite.address, ADDRESS_DOMAIN, &[&id, pk]);
    let mut out = Address {
        len: suite.address_len,
        bytes: [0; MAX_OUTPUT_LEN],
    };
    let n = usize::from(suite.address_len);
    out.bytes[..n].copy_from_slice(&d.as_bytes()[..n]);
    Ok(out)
}

impl PublicKey {
    /// This key's address in `suite` (see [`address`]).
    pub fn address(&self, suite: &HashSuite) -> Result<Address, Error> {
        address(suite, self.alg().id(), self.payload())
    }
}
