//! Passphrase encryption of private keys: PKCS#8 `EncryptedPrivateKeyInfo` with PBES2
//! (RFC 8018), through RustCrypto `pkcs5`. Encryption uses [`Kdf::DEFAULT`]; decryption
//! accepts scrypt or PBKDF2-HMAC-SHA-2 with AES-CBC/GCM, within [`Ceiling`], so a crafted
//! file cannot make us allocate gigabytes or spin for hours.

use alloc::vec::Vec;

use pkcs8::der::asn1::OctetStringRef;
use pkcs8::pkcs5::pbes2::{self, EncryptionScheme, Pbkdf2Params, ScryptParams};
use pkcs8::pkcs5::{self};
use pkcs8::{EncryptedPrivateKeyInfoRef, der::Encode as _};
use zeroize::Zeroizing;

use super::FormatError;

/// Salt bytes drawn for each encryption.
const SALT_LEN: usize = 16;
/// AES block (CBC IV) bytes.
const IV_LEN: usize = 16;

/// The password-based key derivation of an encrypted key file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kdf {
    /// scrypt (RFC 7914) with `N = 2^log_n`, block size `r`, parallelism `p`. One guess
    /// costs `N·r·p` Salsa20/8 block mixes and `128·N·r` bytes of memory.
    Scrypt {
        /// log2 of the CPU/memory cost `N`.
        log_n: u8,
        /// Block size `r`.
        r: u32,
        /// Parallelisation `p`.
        p: u32,
    },
    /// PBKDF2 with HMAC-SHA-256 and this many iterations.
    Pbkdf2Sha256 {
        /// Iteration count.
        iterations: u32,
    },
}

impl Kdf {
    /// The default for new key files: scrypt `N = 2^14, r = 8, p = 16`, the parameters
    /// of `openssl pkcs8 -scrypt`. OpenSSL caps scrypt's memory (`128·N·r`) below
    /// 32 MiB, so the work factor is raised through `p`, not `N`: 16 MiB of memory and
    /// 16× the time of `p = 1` per guess (0.53 s on one core, BENCHMARKS.md).
    pub const DEFAULT: Self = Self::Scrypt {
        log_n: 14,
        r: 8,
        p: 16,
    };

    /// Checks the parameters against `ceiling` (and scrypt's own domain).
    pub fn check(&self, ceiling: &Ceiling) -> Result<(), FormatError> {
        let beyond = |what: String| Err(FormatError::KdfBeyondCeiling(what));
        match *self {
            Self::Scrypt { log_n, r, p } => {
                if log_n == 0 || log_n >= 64 || r == 0 || p == 0 {
                    return Err(FormatError::BadEncryption("scrypt parameters out of range"));
                }
                let n = 1u128 << log_n;
                let memory = 128 * n * u128::from(r);
                let work = n * u128::from(r) * u128::from(p);
                if memory > u128::from(ceiling.scrypt_memory) {
                    return beyond(alloc::format!(
                        "scrypt needs {} MiB (N=2^{log_n}, r={r}); the ceiling is {} MiB",
                        memory >> 20,
                        ceiling.scrypt_memory >> 20
                    ));
                }
                if work > u128::from(ceiling.scrypt_work) || p > ceiling.scrypt_p {
                    return beyond(alloc::format!(
                        "scrypt work N*r*p = 2^{:.1} (p={p}); the ceiling is 2^{:.1}, p <= {}",
                        (work as f64).log2(),
                        (ceiling.scrypt_work as f64).log2(),
                        ceiling.scrypt_p
                    ));
                }
            }
            Self::Pbkdf2Sha256 { iterations } => {
                if iterations == 0 {
                    return Err(FormatError::BadEncryption("PBKDF2 with zero iterations"));
                }
                if iterations > ceiling.pbkdf2_iterations {
                    return beyond(alloc::format!(
                        "PBKDF2 with {iterations} iterations; the ceiling is {}",
                        ceiling.pbkdf2_iterations
                    ));
                }
            }
        }
        Ok(())
    }

    /// Parses `scrypt:LOG_N:R:P` or `pbkdf2:ITERATIONS` (the CLI's `--kdf`).
    pub fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split(':');
        let kdf = match (parts.next()?, parts.next(), parts.next(), parts.next()) {
            ("scrypt", Some(n), Some(r), Some(p)) => Self::Scrypt {
                log_n: n.parse().ok()?,
                r: r.parse().ok()?,
                p: p.parse().ok()?,
            },
            ("pbkdf2", Some(i), None, None) => Self::Pbkdf2Sha256 {
                iterations: i.parse().ok()?,
            },
            _ => return None,
        };
        parts.next().is_none().then_some(kdf)
    }
}

impl core::fmt::Display for Kdf {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Scrypt { log_n, r, p } => write!(f, "scrypt:{log_n}:{r}:{p}"),
            Self::Pbkdf2Sha256 { iterations } => write!(f, "pbkdf2:{iterations}"),
        }
    }
}

/// The most work a key file may ask of us before we refuse to decrypt it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ceiling {
    /// Largest scrypt memory `128·N·r`, in bytes.
    pub scrypt_memory: u64,
    /// Largest scrypt work `N·r·p`.
    pub scrypt_work: u64,
    /// Largest scrypt `p`.
    pub scrypt_p: u32,
    /// Largest PBKDF2 iteration count.
    pub pbkdf2_iterations: u32,
}

impl Ceiling {
    /// 256 MiB of scrypt memory, scrypt work `N·r·p ≤ 2^24` (8× the default), `p ≤ 64`,
    /// PBKDF2 ≤ 10 000 000 iterations: about ten seconds per attempt at most.
    pub const DEFAULT: Self = Self {
        scrypt_memory: 256 << 20,
        scrypt_work: 1 << 24,
        scrypt_p: 64,
        pbkdf2_iterations: 10_000_000,
    };
}

/// What protects an encrypted key file, as read from it (before any decryption).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Protection {
    /// The key derivation.
    pub kdf: Kdf,
    /// The cipher, e.g. `aes-256-cbc`.
    pub cipher: &'static str,
}

/// Reads the KDF and cipher of PBES2 parameters; other schemes (PBES1) are refused.
pub(crate) fn protection(scheme: &pkcs5::EncryptionScheme) -> Result<Protection, FormatError> {
    let params = scheme.pbes2().ok_or(FormatError::UnsupportedEncryption(
        "PBES1 (only PBES2 is accepted)",
    ))?;
    let kdf = match &params.kdf {
        pbes2::Kdf::Scrypt(s) => {
            let n = s.cost_parameter;
            if !n.is_power_of_two() || n < 2 {
                return Err(FormatError::BadEncryption("scrypt N is not a power of two"));
            }
            Kdf::Scrypt {
                log_n: n.trailing_zeros() as u8,
                r: s.block_size.into(),
                p: s.parallelization.into(),
            }
        }
        pbes2::Kdf::Pbkdf2(p) => match p.prf {
            pbes2::Pbkdf2Prf::HmacWithSha256 => Kdf::Pbkdf2Sha256 {
                iterations: p.iteration_count,
            },
            _ => {
                return Err(FormatError::UnsupportedEncryption(
                    "PBKDF2 with a PRF other than HMAC-SHA-256",
                ));
            }
        },
        _ => return Err(FormatError::UnsupportedEncryption("unknown PBES2 KDF")),
    };
    let cipher = match params.encryption {
        EncryptionScheme::Aes128Cbc { .. } => "aes-128-cbc",
        EncryptionScheme::Aes192Cbc { .. } => "aes-192-cbc",
        EncryptionScheme::Aes256Cbc { .. } => "aes-256-cbc",
        EncryptionScheme::Aes128Gcm { .. } => "aes-128-gcm",
        EncryptionScheme::Aes256Gcm { .. } => "aes-256-gcm",
        _ => return Err(FormatError::UnsupportedEncryption("unknown PBES2 cipher")),
    };
    Ok(Protection { kdf, cipher })
}

/// Encrypts `plaintext` (a PKCS#8 `PrivateKeyInfo` or our container) into the DER of an
/// `EncryptedPrivateKeyInfo`, AES-256-CBC under a key derived by `kdf` from `passphrase`
/// with a fresh 16-byte salt and IV.
pub(crate) fn encrypt(
    plaintext: &[u8],
    passphrase: &[u8],
    kdf: Kdf,
) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    // Refuse to write a file we would refuse to read.
    kdf.check(&Ceiling::DEFAULT)?;
    let mut salt = [0u8; SALT_LEN];
    let mut iv = [0u8; IV_LEN];
    getrandom::fill(&mut salt)
        .map_err(|_| FormatError::Key(crate::Error::RandomnessUnavailable))?;
    getrandom::fill(&mut iv).map_err(|_| FormatError::Key(crate::Error::RandomnessUnavailable))?;
    let bad = |_: pkcs5::Error| FormatError::BadEncryption("parameters rejected by pkcs5");
    let kdf_params: pbes2::Kdf = match kdf {
        Kdf::Scrypt { log_n, r, p } => ScryptParams {
            salt: pbes2::Salt::new(salt)
                .map_err(|_| FormatError::BadEncryption("salt rejected by pkcs5"))?,
            cost_parameter: 1u64 << log_n,
            block_size: r
                .try_into()
                .map_err(|_| FormatError::BadEncryption("scrypt r above 65535"))?,
            parallelization: p
                .try_into()
                .map_err(|_| FormatError::BadEncryption("scrypt p above 65535"))?,
            key_length: None,
        }
        .into(),
        Kdf::Pbkdf2Sha256 { iterations } => Pbkdf2Params::hmac_sha256(iterations, &salt)
            .map_err(bad)?
            .into(),
    };
    let params = pbes2::Parameters {
        kdf: kdf_params,
        encryption: EncryptionScheme::Aes256Cbc { iv },
    };
    // The plaintext is copied into a zeroizing buffer with room for the CBC padding.
    let mut buf = Zeroizing::new(Vec::with_capacity(plaintext.len() + IV_LEN));
    buf.extend_from_slice(plaintext);
    buf.resize(plaintext.len() + IV_LEN, 0);
    let ct = params
        .encrypt_in_place(passphrase, &mut buf, plaintext.len())
        .map_err(|_| FormatError::BadEncryption("encryption failed"))?;
    let info = EncryptedPrivateKeyInfoRef {
        encryption_algorithm: params.into(),
        encrypted_data: OctetStringRef::new(ct).map_err(FormatError::Der)?,
    };
    Ok(Zeroizing::new(info.to_der().map_err(FormatError::Der)?))
}

/// Decrypts the DER of an `EncryptedPrivateKeyInfo`: the parameters are checked against
/// `ceiling` before any key derivation. The plaintext lands in a zeroizing buffer. A
/// wrong passphrase and a tampered ciphertext give the same error.
pub(crate) fn decrypt(
    info: &EncryptedPrivateKeyInfoRef<'_>,
    passphrase: &[u8],
    ceiling: &Ceiling,
) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    let prot = protection(&info.encryption_algorithm)?;
    prot.kdf.check(ceiling)?;
    let mut buf = Zeroizing::new(info.encrypted_data.as_bytes().to_vec());
    let len = info
        .encryption_algorithm
        .decrypt_in_place(passphrase, &mut buf)
        .map_err(|e| match e {
            pkcs5::Error::DecryptFailed => FormatError::WrongPassphrase,
            _ => FormatError::BadEncryption("parameters rejected by pkcs5"),
        })?
        .len();
    buf.truncate(len);
    Ok(buf)
}
