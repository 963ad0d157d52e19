//! [`HashSuite`]: which family a chain uses for each role, as plain data.

use core::fmt;

use super::HashAlg;
use crate::error::Error;

/// A place in a chain's data layer where a hash is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum HashRole {
    /// Transaction identifiers.
    TxId,
    /// Merkle tree nodes and leaves.
    Merkle,
    /// Account addresses derived from public keys.
    Address,
    /// Block header hashes.
    Header,
}

impl HashRole {
    /// Every role.
    pub const ALL: [Self; 4] = [Self::TxId, Self::Merkle, Self::Address, Self::Header];

    /// Lowercase name (`tx-id`, `merkle`, `address`, `header`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::TxId => "tx-id",
            Self::Merkle => "merkle",
            Self::Address => "address",
            Self::Header => "header",
        }
    }
}

impl fmt::Display for HashRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The hash family for every role of a chain's data layer (the rustls `CryptoProvider`
/// pattern): swapping a family is a change of this value, never of call sites.
///
/// ```
/// use pqmigrate::hash::{HashAlg, HashSuite};
///
/// // An Ethereum-style chain moving its Merkle trees to SHA3-256 first.
/// let next = HashSuite { merkle: HashAlg::Sha3_256, ..HashSuite::KECCAK };
/// next.validate().unwrap();
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HashSuite {
    /// Family for transaction ids.
    pub tx_id: HashAlg,
    /// Family for Merkle trees.
    pub merkle: HashAlg,
    /// Family for addresses.
    pub address: HashAlg,
    /// Family for block headers.
    pub header: HashAlg,
    /// Address length in bytes: the address-family digest truncated to this length.
    pub address_len: u8,
}

impl HashSuite {
    /// Shortest address accepted by [`HashSuite::validate`] (20 bytes, as Ethereum).
    pub const MIN_ADDRESS_LEN: u8 = 20;

    /// Keccak-256 everywhere with 20-byte addresses (Ethereum-style chains today).
    pub const KECCAK: Self = Self::uniform(HashAlg::Keccak256, 20);
    /// SHA-256 everywhere with 32-byte addresses.
    pub const SHA2: Self = Self::uniform(HashAlg::Sha2_256, 32);
    /// SHA3-256 everywhere with 32-byte addresses.
    pub const SHA3: Self = Self::uniform(HashAlg::Sha3_256, 32);
    /// BLAKE3 everywhere with 32-byte addresses.
    pub const BLAKE3: Self = Self::uniform(HashAlg::Blake3, 32);

    /// The same family for every role.
    pub const fn uniform(alg: HashAlg, address_len: u8) -> Self {
        Self {
            tx_id: alg,
            merkle: alg,
            address: alg,
            header: alg,
            address_len,
        }
    }

    /// The family for `role`.
    pub const fn get(&self, role: HashRole) -> HashAlg {
        match role {
            HashRole::TxId => self.tx_id,
            HashRole::Merkle => self.merkle,
            HashRole::Address => self.address,
            HashRole::Header => self.header,
        }
    }

    /// Rejects nonsense combinations: an address shorter than 20 bytes, or longer than
    /// the address family's output.
    ///
    /// A broken family (SHA-1) is refused in every role: a suite says how new data is
    /// hashed, and broken families are verify-only (history).
    pub fn validate(&self) -> Result<(), Error> {
        if HashRole::ALL.iter().any(|&r| self.get(r).is_legacy()) {
            return Err(Error::InvalidConfig(
                "a broken family (sha1) cannot hash new data in any role of a suite",
            ));
        }
        if self.address_len < Self::MIN_ADDRESS_LEN {
            return Err(Error::InvalidConfig(
                "address_len below 20 bytes (80-bit collision resistance)",
            ));
        }
        if usize::from(self.address_len) > self.address.output_len() {
            return Err(Error::InvalidConfig(
                "address_len longer than the address family's digest",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_validate_and_roles_map() {
        for s in [
            HashSuite::KECCAK,
            HashSuite::SHA2,
            HashSuite::SHA3,
            HashSuite::BLAKE3,
        ] {
            s.validate().unwrap();
        }
        let s = HashSuite {
            merkle: HashAlg::Blake3,
            ..HashSuite::KECCAK
        };
        assert_eq!(s.get(HashRole::Merkle), HashAlg::Blake3);
        assert_eq!(s.get(HashRole::TxId), HashAlg::Keccak256);
    }

    #[test]
    fn validate_rejects_bad_address_lengths() {
        let short = HashSuite {
            address_len: 19,
            ..HashSuite::SHA3
        };
        assert!(matches!(short.validate(), Err(Error::InvalidConfig(_))));
        let long = HashSuite {
            address_len: 33,
            ..HashSuite::SHA3
        };
        assert!(matches!(long.validate(), Err(Error::InvalidConfig(_))));
        let wide = HashSuite {
            address: HashAlg::Sha3_512,
            address_len: 64,
            ..HashSuite::SHA3
        };
        wide.validate().unwrap();
    }

    #[test]
    fn validate_refuses_a_broken_family_in_every_role() {
        for role in HashRole::ALL {
            let mut s = HashSuite::SHA2;
            match role {
                HashRole::TxId => s.tx_id = HashAlg::Sha1,
                HashRole::Merkle => s.merkle = HashAlg::Sha1,
                HashRole::Address => {
                    s.address = HashAlg::Sha1;
                    s.address_len = 20;
                }
                HashRole::Header => s.header = HashAlg::Sha1,
            }
            assert_eq!(
                s.validate(),
                Err(Error::InvalidConfig(
                    "a broken family (sha1) cannot hash new data in any role of a suite"
                )),
                "{role}"
            );
        }
    }
}
