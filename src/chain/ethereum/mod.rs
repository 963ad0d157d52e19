//! Ethereum: EIP-7932 addresses and the `sigrecover` precompile, and the ML-DSA
//! verification precompile inputs of EIP-8355 and EIP-8051.
//!
//! - [`address`]: EIP-7932 address derivation for any algorithm type byte, including the
//!   legacy rule for secp256k1 (type 0) and the padding rule for 63-byte keys;
//!   [`address_of`] for one of our public keys, with configurable type bytes
//!   ([`AlgTypes`]: the drafts' numbers are not final).
//! - [`sigrecover`]: the EIP-7932 `sigrecover` precompile for secp256k1 (type 0): output
//!   and gas.
//! - [`MlDsaPrecompile`]: EIP-8355's `VERIFY_MLDSA44/65/87` input `pk ‖ sig ‖ msg`, pure
//!   FIPS 204 ML-DSA with an empty context, its gas and its 32-byte output. **Draft**:
//!   EIP-8355 is an open pull request (ethereum/EIPs#12048). EIP-8051's NIST variant is
//!   the same verification (ML-DSA-44, empty context); [`verify_nist_kat`] checks its KAT
//!   records (`sm = sig ‖ msg`).
//! - [`mldsa_eth`]: ML-DSA-ETH, EIP-8051's ML-DSA-44 with [`keccak_prng::KeccakPrng`] in
//!   place of SHAKE (`ml-dsa-44-eth`). **Experimental, verify-only.**
//! - [`falcon`]: Falcon-512 as EIP-8052 specifies it (hash-to-point with SHAKE256 or
//!   KeccakPRNG, the core check, the hash-to-point precompile). **Experimental,
//!   verify-only.** The `FALCON_CORE` precompile input is not provided: it takes the
//!   public key "in the NTT domain" without fixing the NTT convention.
//!
//! All of these EIPs are Drafts; EIP-7932 and EIP-8051 were declined for Glamsterdam.
//! Their algorithm type bytes and precompile addresses collide with each other (`0x12`
//! is `sigrecover`, `VERIFY_MLDSA` and `VERIFY_MLDSA44`), so this module names each by
//! its EIP and leaves the numbers configurable.

pub mod falcon;
pub mod keccak_prng;
pub mod mldsa_eth;
mod xof;

use alloc::string::String;
use alloc::vec::Vec;

use crate::hash::{HashAlg, hash};
use crate::sig::{PublicKey, SigAlg, Signature};
use k256::elliptic_curve::sec1::ToSec1Point as _;

/// `keccak256` (original Keccak, padding byte 0x01; not SHA3-256): the registry's
/// `keccak-256`.
pub fn keccak256(data: &[u8]) -> [u8; 32] {
    hash(HashAlg::Keccak256, data)
        .as_bytes()
        .try_into()
        .expect("keccak-256 digests are 32 bytes")
}

/// The legacy (type 0) address of a secp256k1 point: `keccak256(X ‖ Y)[12:]`.
fn legacy_address(point: &k256::PublicKey) -> [u8; 20] {
    let h = keccak256(&point.to_sec1_point(false).as_bytes()[1..]);
    h[12..].try_into().expect("20 bytes")
}

/// EIP-7932's reserved "invalid or missing" algorithm type.
pub const ALG_TYPE_INVALID: u8 = 0x7f;
/// EIP-7932's type for secp256k1.
pub const ALG_TYPE_SECP256K1: u8 = 0x00;

/// Why an Ethereum encoding was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EthError {
    /// Type `0x7f` is reserved as invalid or missing.
    #[error("algorithm type 0x7f is reserved (invalid or missing)")]
    ReservedType,
    /// A secp256k1 (type 0) key must be the 65-byte uncompressed `0x04 ‖ X ‖ Y` of a
    /// point on the curve.
    #[error("secp256k1 key must be 65 bytes 0x04 || X || Y on the curve")]
    Secp256k1Key,
    /// No EIP-7932 type byte is configured for this algorithm.
    #[error("no EIP-7932 algorithm type for {0}; pass one explicitly")]
    NoType(SigAlg),
    /// The key is not one EIP-8355's precompiles take (ML-DSA-44, -65, -87).
    #[error("EIP-8355 takes ml-dsa-44, ml-dsa-65 or ml-dsa-87 keys, not {0}")]
    NotMlDsa(SigAlg),
    /// A precompile input is shorter than its public key and signature.
    #[error("input of {got} bytes is shorter than pk ({pk}) + sig ({sig})")]
    ShortInput {
        /// Input length.
        got: usize,
        /// Public key length.
        pk: usize,
        /// Signature length.
        sig: usize,
    },
}

/// EIP-7932 address: `keccak256(pk[1:])[12:]` for type 0 (the legacy rule; `pk` is the
/// 65-byte uncompressed key), `keccak256(type ‖ 0x00 ‖ pk)[12:]` for a 63-byte key (so
/// that the hash input is never 64 bytes, the legacy input's length), and
/// `keccak256(type ‖ pk)[12:]` otherwise.
pub fn address(alg_type: u8, pubkey: &[u8]) -> Result<[u8; 20], EthError> {
    let h = match alg_type {
        ALG_TYPE_INVALID => return Err(EthError::ReservedType),
        ALG_TYPE_SECP256K1 => {
            if pubkey.len() != 65 || pubkey[0] != 0x04 {
                return Err(EthError::Secp256k1Key);
            }
            let point =
                k256::PublicKey::from_sec1_bytes(pubkey).map_err(|_| EthError::Secp256k1Key)?;
            return Ok(legacy_address(&point));
        }
        t if pubkey.len() == 63 => keccak256(&[&[t, 0][..], pubkey].concat()),
        t => keccak256(&[&[t][..], pubkey].concat()),
    };
    Ok(h[12..].try_into().expect("20 bytes"))
}

/// The EIP-7932 type bytes used for our algorithms. The drafts' numbers are not final
/// (and EIP-8051's `0xD1` breaks EIP-7932's "below 127" rule), so they are data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AlgTypes {
    /// `(algorithm, type byte)` pairs.
    pub types: Vec<(SigAlg, u8)>,
}

impl Default for AlgTypes {
    /// The drafts' assignments: secp256k1 `0x00` (EIP-7932) and ML-DSA-44 `0xD1`
    /// (EIP-8051's "ML-DSA" type).
    fn default() -> Self {
        Self {
            types: alloc::vec![(SigAlg::Secp256k1, 0x00), (SigAlg::MlDsa44, 0xD1)],
        }
    }
}

impl AlgTypes {
    /// The type byte configured for `alg`.
    pub fn get(&self, alg: SigAlg) -> Option<u8> {
        self.types.iter().find(|(a, _)| *a == alg).map(|(_, t)| *t)
    }
}

/// The EIP-7932 address of one of our public keys, under type `alg_type` or, if `None`,
/// the one `types` configures. A secp256k1 key (stored compressed) is decompressed for
/// the legacy rule.
pub fn address_of(
    pk: &PublicKey,
    alg_type: Option<u8>,
    types: &AlgTypes,
) -> Result<[u8; 20], EthError> {
    let t = match alg_type {
        Some(t) => t,
        None => types.get(pk.alg()).ok_or(EthError::NoType(pk.alg()))?,
    };
    if t == ALG_TYPE_SECP256K1 {
        let point =
            k256::PublicKey::from_sec1_bytes(pk.payload()).map_err(|_| EthError::Secp256k1Key)?;
        return Ok(legacy_address(&point));
    }
    address(t, pk.payload())
}

/// An address with the EIP-55 mixed-case checksum (`0x…`).
pub fn checksum_address(addr: &[u8; 20]) -> String {
    let lower: String = addr.iter().map(|b| alloc::format!("{b:02x}")).collect();
    let h = keccak256(lower.as_bytes());
    let mut out = String::from("0x");
    for (i, c) in lower.chars().enumerate() {
        let nibble = (h[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0xf;
        out.push(if c.is_ascii_alphabetic() && nibble >= 8 {
            c.to_ascii_uppercase()
        } else {
            c
        });
    }
    out
}

/// `sigrecover`'s base gas (EIP-7932).
pub const SIGRECOVER_BASE_GAS: u64 = 3000;
/// The size of a type-0 (secp256k1) signature, the type byte included:
/// `0x00 ‖ r ‖ s ‖ y_parity`.
pub const SECP256K1_SIG_SIZE: usize = 66;

/// The result of a `sigrecover` call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigRecover {
    /// The recovered address, left-padded to 32 bytes; `None` is the precompile's empty
    /// output (failure).
    pub output: Option<[u8; 32]>,
    /// Gas charged: the base plus the algorithm's `gas_cost(signing_data)`.
    pub gas: u64,
}

/// EIP-7932's `sigrecover` precompile: input `signature ‖ signing_data` with the
/// signature's size given by its type byte. Only type 0 (secp256k1) is known; any
/// other type, a short input or empty signing data fails with the base gas. For type 0,
/// signing data of other than 32 bytes is first replaced by its `keccak256` (and costs
/// `30 + 6·⌈len/32⌉` gas); the signature needs `0 < r < n`, `0 < s ≤ n/2` and a parity
/// of 0 or 1.
pub fn sigrecover(input: &[u8]) -> SigRecover {
    let fail = |gas| SigRecover { output: None, gas };
    if input.len() <= SECP256K1_SIG_SIZE || input[0] != ALG_TYPE_SECP256K1 {
        return fail(SIGRECOVER_BASE_GAS);
    }
    let (sig, data) = input.split_at(SECP256K1_SIG_SIZE);
    let gas = SIGRECOVER_BASE_GAS + secp256k1_gas_cost(data.len());
    match secp256k1_recover(sig, data) {
        Some(addr) => {
            let mut out = [0u8; 32];
            out[12..].copy_from_slice(&addr);
            SigRecover {
                output: Some(out),
                gas,
            }
        }
        None => fail(gas),
    }
}

/// EIP-7932's secp256k1 `gas_cost`: 0 for 32-byte signing data, else
/// `30 + 6·⌈len/32⌉` (the keccak256 it costs).
pub fn secp256k1_gas_cost(len: usize) -> u64 {
    if len == 32 {
        0
    } else {
        30 + 6 * (len as u64).div_ceil(32)
    }
}

/// Type-0 `verify`: the address whose key signed `data` (hashed first unless 32 bytes).
fn secp256k1_recover(sig: &[u8], data: &[u8]) -> Option<[u8; 20]> {
    use k256::ecdsa::{RecoveryId, Signature as EcdsaSig, VerifyingKey};
    let (rs, parity) = (&sig[1..65], sig[65]);
    if parity > 1 {
        return None;
    }
    let sig = EcdsaSig::from_slice(rs).ok()?; // 0 < r, s < n
    if sig.normalize_s() != sig {
        return None; // high s
    }
    let hash = if data.len() == 32 {
        data.try_into().ok()?
    } else {
        keccak256(data)
    };
    let vk =
        VerifyingKey::recover_from_prehash(&hash, &sig, RecoveryId::from_byte(parity)?).ok()?;
    Some(legacy_address(&k256::PublicKey::from(vk)))
}

/// EIP-8355's ML-DSA verification precompiles (`VERIFY_MLDSA44/65/87`). **Draft**: an
/// open pull request, ethereum/EIPs#12048.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MlDsaPrecompile {
    /// `VERIFY_MLDSA44`
    MlDsa44,
    /// `VERIFY_MLDSA65`
    MlDsa65,
    /// `VERIFY_MLDSA87`
    MlDsa87,
}

/// A precompile input split into its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PrecompileInput<'a> {
    /// The FIPS 204 public key.
    pub pk: &'a [u8],
    /// The FIPS 204 signature.
    pub sig: &'a [u8],
    /// The message: whatever follows (may be empty).
    pub msg: &'a [u8],
}

impl MlDsaPrecompile {
    /// All three.
    pub const ALL: [MlDsaPrecompile; 3] = [Self::MlDsa44, Self::MlDsa65, Self::MlDsa87];

    /// The signature algorithm.
    pub fn alg(self) -> SigAlg {
        match self {
            Self::MlDsa44 => SigAlg::MlDsa44,
            Self::MlDsa65 => SigAlg::MlDsa65,
            Self::MlDsa87 => SigAlg::MlDsa87,
        }
    }

    /// The precompile for an ML-DSA algorithm.
    pub fn for_alg(alg: SigAlg) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.alg() == alg)
    }

    /// The draft's address (`0x12`, `0x13`, `0x14`; they collide with EIP-7932 and
    /// EIP-8051).
    pub fn address(self) -> u8 {
        match self {
            Self::MlDsa44 => 0x12,
            Self::MlDsa65 => 0x13,
            Self::MlDsa87 => 0x14,
        }
    }

    /// Base gas: 6500, 9000, 13500.
    pub fn base_gas(self) -> u64 {
        match self {
            Self::MlDsa44 => 6500,
            Self::MlDsa65 => 9000,
            Self::MlDsa87 => 13500,
        }
    }

    fn lens(self) -> (usize, usize) {
        let info = self.alg().info();
        (info.public_key_len, info.signature_len)
    }

    /// `base + 6·⌈max(0, L − PK − SIG)/32⌉`, charged before any work.
    pub fn gas(self, input_len: usize) -> u64 {
        let (pk, sig) = self.lens();
        let msg = input_len.saturating_sub(pk + sig) as u64;
        self.base_gas() + 6 * msg.div_ceil(32)
    }

    /// Splits `pk ‖ sig ‖ msg` (no length fields).
    pub fn parse(self, input: &[u8]) -> Result<PrecompileInput<'_>, EthError> {
        let (pk, sig) = self.lens();
        if input.len() < pk + sig {
            return Err(EthError::ShortInput {
                got: input.len(),
                pk,
                sig,
            });
        }
        let (pk, rest) = input.split_at(pk);
        let (sig, msg) = rest.split_at(sig);
        Ok(PrecompileInput { pk, sig, msg })
    }

    /// The input for `(pk, sig, msg)`.
    pub fn encode(pk: &PublicKey, sig: &Signature, msg: &[u8]) -> Result<Vec<u8>, EthError> {
        Self::for_alg(pk.alg()).ok_or(EthError::NotMlDsa(pk.alg()))?;
        Ok([pk.payload(), sig.payload(), msg].concat())
    }

    /// Pure FIPS 204 ML-DSA verification with an empty context of a parsed input.
    pub fn verify(self, input: &PrecompileInput<'_>) -> bool {
        verify_pure_empty_ctx(self.alg(), input.pk, input.sig, input.msg)
    }

    /// The precompile: always 32 bytes, `…01` for a valid signature and `…00` for an
    /// invalid, malformed or short input.
    pub fn run(self, input: &[u8]) -> [u8; 32] {
        let mut out = [0u8; 32];
        out[31] = self.parse(input).is_ok_and(|i| self.verify(&i)) as u8;
        out
    }
}

fn verify_pure_empty_ctx(alg: SigAlg, pk: &[u8], sig: &[u8], msg: &[u8]) -> bool {
    let (Ok(pk), Ok(sig)) = (
        PublicKey::from_parts(alg, pk),
        Signature::from_parts(alg, sig),
    ) else {
        return false;
    };
    pk.verify(msg, b"", &sig).is_ok()
}

/// EIP-8051's NIST variant (`VERIFY_MLDSA`): ML-DSA-44, pure FIPS 204 with an empty
/// context, on a NIST KAT record's `pk` and `sm = sig(2420) ‖ msg`. (EIP-8051's
/// precompile takes an *expanded* public key whose byte layout the EIP leaves
/// undefined; only this standard-key form is checked.)
pub fn verify_nist_kat(pk: &[u8], sm: &[u8]) -> bool {
    let n = SigAlg::MlDsa44.info().signature_len;
    sm.len() >= n && verify_pure_empty_ctx(SigAlg::MlDsa44, pk, &sm[..n], &sm[n..])
}

/// EIP-8051's `VERIFY_MLDSA_ETH` check on a KAT record: ML-DSA-ETH (KeccakPRNG in place
/// of SHAKE) with an empty context, `pk` and `sm = sig(2420) ‖ msg`. **Experimental.**
/// (As for [`verify_nist_kat`], the precompile's expanded-key input is undefined in the
/// EIP; this is the standard-key form its KAT uses.)
pub fn verify_eth_kat(pk: &[u8], sm: &[u8]) -> bool {
    let n = mldsa_eth::SIGNATURE_LEN;
    sm.len() >= n && mldsa_eth::verify(mldsa_eth::Xof::KeccakPrng, pk, &sm[n..], &sm[..n])
}
