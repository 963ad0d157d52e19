//! Key encapsulation: ML-KEM-768/1024 (FIPS 203) and X-Wing
//! (draft-connolly-cfrg-xwing-kem-10), for node handshakes, validator key exchange and
//! encrypted payloads — traffic that "harvest now, decrypt later" already threatens.
//!
//! Keys and ciphertexts travel in self-describing envelopes `varint(KemId) ‖ payload`,
//! like signatures. Decapsulation keys are stored as seeds (ML-KEM: `d ‖ z`, 64 bytes;
//! X-Wing: 32 bytes) and expanded on load. Every encapsulation key that comes from
//! outside passes the FIPS 203 §7.2 check (each coefficient below q). A ciphertext of the
//! right length always decapsulates: a malformed one yields ML-KEM's implicit-rejection
//! secret, never an error that says which check failed.
//!
//! ```
//! use pqmigrate::kem::{DecapsulationKey, EncapsulationKey, KemAlg};
//!
//! let dk = DecapsulationKey::from_seed(KemAlg::XWing, &[7; 32]).unwrap();
//! // The peer receives the encapsulation key as bytes and validates it on decode.
//! let ek = EncapsulationKey::from_bytes(&dk.encapsulation_key().to_bytes()).unwrap();
//! let (ct, ss_sender) = ek.encapsulate_derand(&[1; 64]).unwrap();
//! let ss_receiver = dk.decapsulate(&ct).unwrap();
//! assert_eq!(ss_sender, ss_receiver);
//! ```

pub mod mlkem;
pub mod xwing;

use core::{fmt, str::FromStr};

use alloc::vec::Vec;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::codec;
use crate::envelope::{Envelope, SecretEnvelope, envelope_type};
use crate::error::Error;
use crate::id::{self, KemId, Status, registry};
use mlkem::MlKemLevel;

/// One row of the KEM registry. Sizes are of the envelope payloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KemInfo {
    /// Wire identifier.
    pub id: KemId,
    /// Canonical name (CLI `--alg`).
    pub name: &'static str,
    /// Encapsulation (public) key bytes.
    pub encaps_key_len: usize,
    /// Ciphertext bytes.
    pub ciphertext_len: usize,
    /// Decapsulation key bytes as stored: the seed.
    pub seed_len: usize,
    /// Shared secret bytes.
    pub shared_secret_len: usize,
    /// NIST post-quantum security category.
    pub pq_category: u8,
    /// Default status.
    pub status: Status,
    /// Where it is specified.
    pub standard: &'static str,
}

registry! {
    /// A key-encapsulation mechanism defined by this crate.
    pub enum KemAlg: KemInfo, KemId;
    /// ML-KEM-768 (FIPS 203).
    MlKem768 => MlKemLevel::MlKem768.info(KemId::ML_KEM_768, "ml-kem-768", 3),
    /// ML-KEM-1024 (FIPS 203).
    MlKem1024 => MlKemLevel::MlKem1024.info(KemId::ML_KEM_1024, "ml-kem-1024", 5),
    /// X-Wing: ML-KEM-768 + X25519 with a SHA3-256 combiner.
    XWing => xwing::INFO,
}

id::id_fmt!(KemId, |id: KemId| KemAlg::from_id(id)
    .ok()
    .map(KemAlg::name));

impl KemId {
    /// The registry row, if this build implements the id.
    pub fn info(self) -> Option<&'static KemInfo> {
        KemAlg::from_id(self).ok().map(KemAlg::info)
    }

    /// The id of a registered KEM by canonical name.
    pub fn from_name(name: &str) -> Option<Self> {
        name.parse::<KemAlg>().ok().map(KemAlg::id)
    }
}

impl KemAlg {
    /// The KEM for a wire id.
    pub fn from_id(id: KemId) -> Result<Self, Error> {
        id::from_id(id.0)
    }

    /// Bytes of encapsulation randomness for [`EncapsulationKey::encapsulate_derand`]:
    /// 32 (ML-KEM `m`) or 64 (X-Wing `eseed`).
    pub const fn encaps_randomness_len(self) -> usize {
        match self {
            Self::MlKem768 | Self::MlKem1024 => mlkem::ENCAPS_RANDOMNESS_LEN,
            Self::XWing => xwing::ENCAPS_RANDOMNESS_LEN,
        }
    }

    fn level(self) -> MlKemLevel {
        match self {
            Self::MlKem1024 => MlKemLevel::MlKem1024,
            Self::MlKem768 | Self::XWing => MlKemLevel::MlKem768,
        }
    }
}

impl FromStr for KemAlg {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        id::from_name(s)
    }
}

/// A 32-byte shared secret: zeroized on drop, compared in constant time, never printed.
#[derive(Zeroize, ZeroizeOnDrop)]
pub struct SharedSecret([u8; 32]);

impl SharedSecret {
    fn from_zeroizing(s: Zeroizing<[u8; 32]>) -> Self {
        Self(*s)
    }

    /// The secret bytes, for a KDF. Handle with care.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl ConstantTimeEq for SharedSecret {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.0.ct_eq(&other.0)
    }
}

impl PartialEq for SharedSecret {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for SharedSecret {}

impl fmt::Debug for SharedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SharedSecret(..)")
    }
}

/// A validated encapsulation (public) key.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct EncapsulationKey(Envelope<KemAlg>);

envelope_type!(EncapsulationKey, KemAlg, "an encapsulation key");

impl EncapsulationKey {
    /// A key from its algorithm and payload, with the FIPS 203 §7.2 modulus check on the
    /// ML-KEM part (X-Wing: `pk_M ‖ pk_X`; any 32 bytes are an X25519 key).
    pub fn from_parts(alg: KemAlg, payload: &[u8]) -> Result<Self, Error> {
        codec::exact_len(
            "encapsulation key",
            alg.info().encaps_key_len,
            payload.len(),
        )?;
        let ml = &payload[..alg.level().encaps_key_len()];
        if !alg.level().validate_public(ml) {
            return Err(Error::InvalidComponent {
                what: "ML-KEM encapsulation key",
                reason: "coefficient not reduced modulo q (FIPS 203 §7.2)",
            });
        }
        Ok(Self(Envelope::new(alg, payload.to_vec())))
    }

    /// Deterministic encapsulation with caller-supplied randomness of
    /// [`KemAlg::encaps_randomness_len`] bytes (for test vectors; use
    /// [`EncapsulationKey::encapsulate`] otherwise).
    pub fn encapsulate_derand(
        &self,
        randomness: &[u8],
    ) -> Result<(Ciphertext, SharedSecret), Error> {
        codec::exact_len(
            "encapsulation randomness",
            self.alg().encaps_randomness_len(),
            randomness.len(),
        )?;
        let (ct, ss) = match self.alg() {
            KemAlg::MlKem768 | KemAlg::MlKem1024 => {
                let m: &[u8; 32] = randomness.try_into().expect("length checked");
                self.alg().level().encapsulate(self.payload(), m)
            }
            KemAlg::XWing => {
                let e: &[u8; 64] = randomness.try_into().expect("length checked");
                xwing::encapsulate(self.payload(), e)
            }
        };
        Ok((
            Ciphertext(Envelope::new(self.alg(), ct)),
            SharedSecret::from_zeroizing(ss),
        ))
    }

    /// Encapsulation with randomness from `rng`.
    pub fn encapsulate_with_rng<R: signature::rand_core::TryCryptoRng + ?Sized>(
        &self,
        rng: &mut R,
    ) -> Result<(Ciphertext, SharedSecret), Error> {
        let mut r = Zeroizing::new([0u8; 64]);
        let n = self.alg().encaps_randomness_len();
        rng.try_fill_bytes(&mut r[..n])
            .map_err(|_| Error::RandomnessUnavailable)?;
        self.encapsulate_derand(&r[..n])
    }

    /// Encapsulation with randomness from the operating system.
    #[cfg(feature = "std")]
    pub fn encapsulate(&self) -> Result<(Ciphertext, SharedSecret), Error> {
        let mut r = Zeroizing::new([0u8; 64]);
        let n = self.alg().encaps_randomness_len();
        getrandom::fill(&mut r[..n]).map_err(|_| Error::RandomnessUnavailable)?;
        self.encapsulate_derand(&r[..n])
    }
}

/// A ciphertext of the right length for its algorithm (its contents are not checked:
/// that is decapsulation's job, with implicit rejection).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Ciphertext(Envelope<KemAlg>);

envelope_type!(Ciphertext, KemAlg, "a ciphertext");

impl Ciphertext {
    /// A ciphertext from its algorithm and payload.
    pub fn from_parts(alg: KemAlg, payload: &[u8]) -> Result<Self, Error> {
        codec::exact_len("ciphertext", alg.info().ciphertext_len, payload.len())?;
        Ok(Self(Envelope::new(alg, payload.to_vec())))
    }
}

enum Expanded {
    MlKem(Zeroizing<Vec<u8>>),
    XWing(xwing::Expanded),
}

/// A decapsulation key, stored as its seed: zeroized on drop, never printed, not `Clone`.
pub struct DecapsulationKey {
    seed: SecretEnvelope<KemAlg>,
    expanded: Expanded,
    public: EncapsulationKey,
}

impl DecapsulationKey {
    /// Expands a seed: 64 bytes `d ‖ z` for ML-KEM (FIPS 203 `KeyGen_internal`), 32
    /// bytes for X-Wing.
    pub fn from_seed(alg: KemAlg, seed: &[u8]) -> Result<Self, Error> {
        codec::exact_len("KEM seed", alg.info().seed_len, seed.len())?;
        let (expanded, pk) = match alg {
            KemAlg::MlKem768 | KemAlg::MlKem1024 => {
                let s: &[u8; 64] = seed.try_into().expect("length checked");
                let (pk, sk) = alg.level().keygen(s);
                (Expanded::MlKem(sk), pk)
            }
            KemAlg::XWing => {
                let s: &[u8; 32] = seed.try_into().expect("length checked");
                let x = xwing::expand(s);
                let pk = x.pk.clone();
                (Expanded::XWing(x), pk)
            }
        };
        Ok(Self {
            seed: SecretEnvelope::secret(alg, seed),
            expanded,
            public: EncapsulationKey(Envelope::new(alg, pk)),
        })
    }

    /// A fresh key from the operating system's randomness.
    #[cfg(feature = "std")]
    pub fn generate(alg: KemAlg) -> Result<Self, Error> {
        let mut seed = Zeroizing::new([0u8; 64]);
        let n = alg.info().seed_len;
        getrandom::fill(&mut seed[..n]).map_err(|_| Error::RandomnessUnavailable)?;
        Self::from_seed(alg, &seed[..n])
    }

    /// Decodes the envelope `varint(KemId) ‖ seed`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let (alg, payload) = crate::envelope::open(bytes)?;
        Self::from_seed(alg, payload)
    }

    /// The envelope encoding, in a zeroizing buffer.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        self.seed.to_bytes()
    }

    /// The algorithm.
    pub fn alg(&self) -> KemAlg {
        self.seed.alg()
    }

    /// The matching encapsulation key.
    pub fn encapsulation_key(&self) -> &EncapsulationKey {
        &self.public
    }

    /// Recovers the shared secret. Only a ciphertext of another algorithm is an error;
    /// any ciphertext of the right algorithm (hence length) yields a secret — the
    /// implicit-rejection value if it was not produced for this key.
    pub fn decapsulate(&self, ct: &Ciphertext) -> Result<SharedSecret, Error> {
        if ct.alg() != self.alg() {
            return Err(Error::AlgorithmMismatch {
                expected: self.alg().name(),
                got: ct.alg().name(),
            });
        }
        let ss = match &self.expanded {
            Expanded::MlKem(sk) => self.alg().level().decapsulate(sk, ct.payload()),
            Expanded::XWing(x) => xwing::decapsulate(x, ct.payload()),
        };
        Ok(SharedSecret::from_zeroizing(ss))
    }
}

impl fmt::Debug for DecapsulationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DecapsulationKey({}, ..)", self.alg())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_the_standards() {
        // FIPS 203 Table 3; X-Wing draft-10 §5.
        for (alg, ek, ct) in [
            (KemAlg::MlKem768, 1184, 1088),
            (KemAlg::MlKem1024, 1568, 1568),
            (KemAlg::XWing, 1216, 1120),
        ] {
            let dk = DecapsulationKey::from_seed(alg, &[3; 64][..alg.info().seed_len]).unwrap();
            assert_eq!(dk.encapsulation_key().payload().len(), ek, "{alg}");
            let (c, ss) = dk
                .encapsulation_key()
                .encapsulate_derand(&[5; 64][..alg.encaps_randomness_len()])
                .unwrap();
            assert_eq!(c.payload().len(), ct, "{alg}");
            assert_eq!(dk.decapsulate(&c).unwrap(), ss);
            assert_eq!(KemAlg::from_id(alg.id()), Ok(alg));
            assert_eq!(alg.name().parse::<KemAlg>(), Ok(alg));
        }
        assert_eq!(KemAlg::ALL.len(), 3);
        for (i, a) in KemAlg::ALL.iter().enumerate() {
            for b in &KemAlg::ALL[..i] {
                assert!(a.id() != b.id() && a.name() != b.name(), "{a} and {b}");
            }
        }
    }

    #[test]
    fn secrets_are_redacted_in_debug() {
        let dk = DecapsulationKey::from_seed(KemAlg::XWing, &[0xab; 32]).unwrap();
        let (_, ss) = dk.encapsulation_key().encapsulate_derand(&[1; 64]).unwrap();
        let shown = alloc::format!("{dk:?} {ss:?}");
        assert_eq!(shown, "DecapsulationKey(x-wing, ..) SharedSecret(..)");
        let hex = codec::to_hex(ss.as_bytes());
        assert!(!shown.contains(&hex[..8]));
    }
}
