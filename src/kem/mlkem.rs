//! ML-KEM-768/1024 (FIPS 203) on `libcrux-ml-kem` (formally verified; AVX2 selected at
//! run time on x86-64).
//!
//! Keys are kept as the 64-byte seed `d ‖ z` (FIPS 203 §7.1 `ML-KEM.KeyGen_internal`);
//! the expanded decapsulation key lives only in zeroizing buffers. libcrux does not
//! zeroize its own stack temporaries; the copies we hand it are wiped after each call.

use alloc::vec::Vec;

use zeroize::{Zeroize, Zeroizing};

/// An ML-KEM parameter set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MlKemLevel {
    /// ML-KEM-768 (NIST category 3).
    MlKem768,
    /// ML-KEM-1024 (NIST category 5).
    MlKem1024,
}

/// Seed length `d ‖ z`.
pub const SEED_LEN: usize = 64;
/// Encapsulation randomness `m`.
pub const ENCAPS_RANDOMNESS_LEN: usize = 32;

impl MlKemLevel {
    /// Encapsulation key bytes (FIPS 203 Table 3).
    pub const fn encaps_key_len(self) -> usize {
        match self {
            Self::MlKem768 => 1184,
            Self::MlKem1024 => 1568,
        }
    }

    /// Expanded decapsulation key bytes.
    pub const fn decaps_key_len(self) -> usize {
        match self {
            Self::MlKem768 => 2400,
            Self::MlKem1024 => 3168,
        }
    }

    /// Ciphertext bytes.
    pub const fn ciphertext_len(self) -> usize {
        match self {
            Self::MlKem768 => 1088,
            Self::MlKem1024 => 1568,
        }
    }

    /// The registry row of this parameter set.
    pub(crate) const fn info(
        self,
        id: crate::id::KemId,
        name: &'static str,
        pq_category: u8,
    ) -> super::KemInfo {
        super::KemInfo {
            id,
            name,
            encaps_key_len: self.encaps_key_len(),
            ciphertext_len: self.ciphertext_len(),
            seed_len: SEED_LEN,
            shared_secret_len: 32,
            pq_category,
            status: crate::id::Status::Recommended,
            standard: "FIPS 203",
        }
    }
}

macro_rules! level_impl {
    ($m:ident, $sk:literal, $pk:literal, $ct:literal) => {
        pub(super) mod $m {
            use super::*;
            use libcrux_ml_kem::$m as k;

            pub(crate) fn keygen(seed: &[u8; SEED_LEN]) -> (Vec<u8>, Zeroizing<Vec<u8>>) {
                let (sk, pk) = k::generate_key_pair(*seed).into_parts();
                let mut sk: [u8; $sk] = sk.into();
                let out = Zeroizing::new(sk.to_vec());
                sk.zeroize();
                let pk: [u8; $pk] = pk.into();
                (pk.to_vec(), out)
            }

            pub(crate) fn validate_public(pk: &[u8]) -> bool {
                match <[u8; $pk]>::try_from(pk) {
                    Ok(a) => k::validate_public_key(&a.into()),
                    Err(_) => false,
                }
            }

            pub(crate) fn encapsulate(pk: &[u8], m: &[u8; 32]) -> (Vec<u8>, Zeroizing<[u8; 32]>) {
                let pk: [u8; $pk] = pk.try_into().expect("caller checked the length");
                let (ct, ss) = k::encapsulate(&pk.into(), *m);
                let ct: [u8; $ct] = ct.into();
                (ct.to_vec(), Zeroizing::new(ss))
            }

            pub(crate) fn hash_check(sk: &[u8], ct: &[u8]) -> bool {
                let mut sk_arr: [u8; $sk] = sk.try_into().expect("caller checked the length");
                let ct: [u8; $ct] = ct.try_into().expect("caller checked the length");
                let key = libcrux_ml_kem::MlKemPrivateKey::<$sk>::from(sk_arr);
                sk_arr.zeroize();
                let ok = k::validate_private_key(&key, &ct.into());
                let mut back: [u8; $sk] = key.into();
                back.zeroize();
                ok
            }

            pub(crate) fn decapsulate(sk: &[u8], ct: &[u8]) -> Zeroizing<[u8; 32]> {
                let mut sk_arr: [u8; $sk] = sk.try_into().expect("expanded key length");
                let ct: [u8; $ct] = ct.try_into().expect("caller checked the length");
                let key = libcrux_ml_kem::MlKemPrivateKey::<$sk>::from(sk_arr);
                sk_arr.zeroize();
                let ss = Zeroizing::new(k::decapsulate(&key, &ct.into()));
                let mut back: [u8; $sk] = key.into();
                back.zeroize();
                ss
            }
        }
    };
}

level_impl!(mlkem768, 2400, 1184, 1088);
level_impl!(mlkem1024, 3168, 1568, 1568);

impl MlKemLevel {
    /// `(encapsulation key, expanded decapsulation key)` from the seed `d ‖ z`.
    pub(crate) fn keygen(self, seed: &[u8; SEED_LEN]) -> (Vec<u8>, Zeroizing<Vec<u8>>) {
        match self {
            Self::MlKem768 => mlkem768::keygen(seed),
            Self::MlKem1024 => mlkem1024::keygen(seed),
        }
    }

    /// FIPS 203 §7.2 encapsulation-key check (length, and every coefficient below q).
    pub(crate) fn validate_public(self, pk: &[u8]) -> bool {
        match self {
            Self::MlKem768 => mlkem768::validate_public(pk),
            Self::MlKem1024 => mlkem1024::validate_public(pk),
        }
    }

    /// `ML-KEM.Encaps_internal(ek, m)`; `pk` must have been validated.
    pub(crate) fn encapsulate(self, pk: &[u8], m: &[u8; 32]) -> (Vec<u8>, Zeroizing<[u8; 32]>) {
        match self {
            Self::MlKem768 => mlkem768::encapsulate(pk, m),
            Self::MlKem1024 => mlkem1024::encapsulate(pk, m),
        }
    }

    /// `ML-KEM.Decaps_internal(dk, c)`, implicit rejection included; `ct` must have the
    /// right length.
    pub(crate) fn decapsulate(self, sk: &[u8], ct: &[u8]) -> Zeroizing<[u8; 32]> {
        match self {
            Self::MlKem768 => mlkem768::decapsulate(sk, ct),
            Self::MlKem1024 => mlkem1024::decapsulate(sk, ct),
        }
    }
}

/// Decapsulates with an **expanded** decapsulation key (`dkPKE ‖ ek ‖ H(ek) ‖ z`, e.g.
/// exported by another implementation), after the FIPS 203 §7.3 input checks: ciphertext
/// length, key length, and the hash check `H(ek) = h`. pqmigrate's own keys are seeds
/// ([`super::DecapsulationKey`]); this is for interoperability and test vectors.
pub fn decapsulate_expanded(
    level: MlKemLevel,
    dk: &[u8],
    ct: &[u8],
) -> Result<super::SharedSecret, crate::Error> {
    use crate::Error;
    if ct.len() != level.ciphertext_len() {
        return Err(Error::WrongLength {
            what: "ciphertext",
            expected: level.ciphertext_len(),
            got: ct.len(),
        });
    }
    if dk.len() != level.decaps_key_len() {
        return Err(Error::WrongLength {
            what: "expanded decapsulation key",
            expected: level.decaps_key_len(),
            got: dk.len(),
        });
    }
    let ok = match level {
        MlKemLevel::MlKem768 => mlkem768::hash_check(dk, ct),
        MlKemLevel::MlKem1024 => mlkem1024::hash_check(dk, ct),
    };
    if !ok {
        return Err(Error::InvalidComponent {
            what: "expanded decapsulation key",
            reason: "hash check failed: H(ek) does not match (FIPS 203 §7.3)",
        });
    }
    Ok(super::SharedSecret::from_zeroizing(
        level.decapsulate(dk, ct),
    ))
}
