//! The chains' own formats: what a Bitcoin or Ethereum developer adopts, produced and
//! checked exactly as the proposals specify, with pqmigrate's keys.
//!
//! - [`bitcoin`] (feature `bitcoin`): BIP-360 Pay-to-Merkle-Root outputs, addresses,
//!   control blocks and script-path spends.
//! - [`ethereum`] (feature `ethereum`): EIP-7932 addresses and `sigrecover`, and the
//!   ML-DSA verification precompile inputs of EIP-8355 and EIP-8051.
//!
//! Every one of these proposals is a draft. Parts taken from an open pull request, or
//! from an experimental variant, say so in their names and docs (`draft`,
//! `experimental`); their byte layouts may still change upstream.

#[cfg(feature = "bitcoin")]
pub mod bitcoin;
#[cfg(feature = "ethereum")]
pub mod ethereum;
