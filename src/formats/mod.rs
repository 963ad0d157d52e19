//! Standard key formats (feature `formats`): PKCS#8 private keys and SPKI public keys,
//! DER or PEM, and passphrase-encrypted PKCS#8, so that an HSM, a CA, OpenSSL or a
//! wallet can import the keys this crate makes, and the other way round.
//!
//! | algorithm | PKCS#8 `privateKey` | SPKI key | OID |
//! |---|---|---|---|
//! | ML-DSA-44/65/87 | seed form `[0] IMPLICIT OCTET STRING` (ξ, 32 bytes), RFC 9881 | FIPS 204 `pk` | `2.16.840.1.101.3.4.3.17`–`.19` |
//! | SLH-DSA (FIPS 205 sets) | the raw 4n-byte SK, RFC 9909 | `PK.seed ‖ PK.root` | `2.16.840.1.101.3.4.3.20`, `.21`, `.24`, `.26`, `.22` |
//! | ML-KEM-768/1024 | seed form `[0]` (`d ‖ z`, 64 bytes), the LAMPS ML-KEM certificate spec | FIPS 203 `ek` | `2.16.840.1.101.3.4.4.2`, `.3` |
//! | secp256k1 | RFC 5915 `ECPrivateKey` (via `k256`) | uncompressed point, `id-ecPublicKey` + `secp256k1` | `1.2.840.10045.2.1` |
//! | LAMPS composites (ML-DSA + P-256/Ed25519) | `mldsaSeed ‖ tradSK`, draft-ietf-lamps-pq-composite-sigs | `mldsaPK ‖ tradPK` | `1.3.6.1.5.5.7.6.39`, `.40`, `.45`, `.48` |
//!
//! A composite's halves export alone as well ([`component_to_pkcs8_der`],
//! [`component_to_spki_der`]): ML-DSA, secp256k1, P-256 (via `p256`) and Ed25519 (RFC
//! 8410, via `ed25519-dalek`).
//!
//! Algorithms without a registered OID — FN-DSA (FIPS 206 is a draft), our secp256k1
//! composites and X-Wing — never get an invented one. Their private keys use the
//! **pqmigrate container**: `"PQMK" ‖ 0x01 (version) ‖ kind (0x01 signature, 0x02 KEM) ‖
//! u16be(length of the secret envelope) ‖ secret envelope ‖ public envelope` (envelopes
//! are `varint(id) ‖ payload`, as `SigningKey::to_bytes` and `PublicKey::to_bytes`; the
//! public key must be the one the secret derives, which makes any change to an encrypted
//! container detectable), PEM label `PQMIGRATE PRIVATE KEY`; encrypted, the same `EncryptedPrivateKeyInfo` as
//! PKCS#8 carries the container, label `ENCRYPTED PQMIGRATE PRIVATE KEY`. Their public
//! keys stay in the hex envelope.
//!
//! Decoding is strict: DER only (no BER), no trailing bytes, `parameters` absent where
//! the specification says so, only the seed forms of ML-DSA and ML-KEM (pqmigrate keeps
//! seeds; an expanded-only key cannot be turned back into one), only uncompressed EC
//! points in SPKI, and a v2 PKCS#8 public key must match the private key. Encrypted
//! files: PBES2 only, their KDF checked against a [`Ceiling`] before any derivation.

mod pbes;
mod table;

use alloc::string::String;
use alloc::vec::Vec;

use pkcs8::der::asn1::{BitStringRef, ContextSpecific, OctetStringRef};
use pkcs8::der::pem::{self, LineEnding};
use pkcs8::der::{Decode as _, Encode as _, Reader as _, SliceReader, TagMode, TagNumber};
use pkcs8::spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _, EncryptedPrivateKeyInfoRef};
use pkcs8::{DecodePublicKey as _, EncodePublicKey as _, ObjectIdentifier, PrivateKeyInfoRef};
use zeroize::Zeroizing;

use crate::kem::{DecapsulationKey, EncapsulationKey, KemAlg};
use crate::sig::{PublicKey, Scheme, SigAlg, SigningKey};

pub use pbes::{Ceiling, Kdf, Protection};
use table::{Layout, Standard};

/// PEM label of a PKCS#8 `PrivateKeyInfo`.
pub const LABEL_PRIVATE: &str = "PRIVATE KEY";
/// PEM label of a PKCS#8 `EncryptedPrivateKeyInfo`.
pub const LABEL_ENCRYPTED: &str = "ENCRYPTED PRIVATE KEY";
/// PEM label of the pqmigrate container.
pub const LABEL_CONTAINER: &str = "PQMIGRATE PRIVATE KEY";
/// PEM label of an encrypted pqmigrate container.
pub const LABEL_ENCRYPTED_CONTAINER: &str = "ENCRYPTED PQMIGRATE PRIVATE KEY";
/// PEM label of an SPKI public key.
pub const LABEL_PUBLIC: &str = "PUBLIC KEY";

/// The container's magic and version.
const CONTAINER_MAGIC: &[u8; 5] = b"PQMK\x01";
const KIND_SIG: u8 = 1;
const KIND_KEM: u8 = 2;
/// Largest key file we decode (the largest key is a few KiB).
const MAX_INPUT: usize = 64 << 10;

/// Why a key file could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// Malformed or non-canonical DER.
    #[error("malformed DER: {0}")]
    Der(pkcs8::der::Error),
    /// Malformed PEM, or a PEM label this format does not allow.
    #[error("malformed PEM: {0}")]
    Pem(String),
    /// Neither PEM nor any DER structure we read.
    #[error(
        "not a key file: expected PEM or DER PKCS#8, encrypted PKCS#8, SPKI or a pqmigrate container"
    )]
    NotAKey,
    /// Larger than any key file.
    #[error("larger than the {} KiB limit for a key file", MAX_INPUT >> 10)]
    TooLarge,
    /// An algorithm OID this crate does not implement.
    #[error("unsupported key algorithm OID {0}")]
    UnknownOid(String),
    /// The algorithm has no registered OID, so it has no PKCS#8/SPKI form.
    #[error("{0} has no registered OID: its keys use the pqmigrate container and envelope")]
    NoRegisteredOid(&'static str),
    /// A key encoding the specifications allow but this crate refuses (see module docs).
    #[error("{0}")]
    Unsupported(&'static str),
    /// The key material is invalid for its algorithm.
    #[error("invalid key: {0}")]
    Key(#[from] crate::Error),
    /// A v2 PKCS#8 public key does not belong to the private key.
    #[error("the public key in the file does not match its private key")]
    PublicKeyMismatch,
    /// The file is encrypted and no passphrase was given.
    #[error("the key is encrypted: a passphrase is needed")]
    PassphraseNeeded,
    /// The passphrase is wrong, or the encrypted file was altered.
    #[error("wrong passphrase, or the file is corrupted")]
    WrongPassphrase,
    /// Encryption parameters we do not implement (PBES1, SHA-1 PRF, unknown cipher).
    #[error("unsupported key encryption: {0}")]
    UnsupportedEncryption(&'static str),
    /// Encryption parameters out of range.
    #[error("bad key encryption parameters: {0}")]
    BadEncryption(&'static str),
    /// The KDF asks for more work than the ceiling allows.
    #[error("key file KDF beyond the ceiling: {0}")]
    KdfBeyondCeiling(String),
}

/// A private key of either kind.
#[derive(Debug)]
pub enum AnyPrivateKey {
    /// A signing key.
    Signing(SigningKey),
    /// A KEM decapsulation key.
    Decapsulation(DecapsulationKey),
}

/// A public key of either kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnyPublicKey {
    /// A signature public key.
    Verifying(PublicKey),
    /// A KEM encapsulation key.
    Encapsulation(EncapsulationKey),
}

impl AnyPrivateKey {
    /// The algorithm's name.
    pub fn alg_name(&self) -> &'static str {
        match self {
            Self::Signing(k) => k.alg().name(),
            Self::Decapsulation(k) => k.alg().name(),
        }
    }

    /// The public key.
    pub fn public_key(&self) -> AnyPublicKey {
        match self {
            Self::Signing(k) => AnyPublicKey::Verifying(k.public_key().clone()),
            Self::Decapsulation(k) => AnyPublicKey::Encapsulation(k.encapsulation_key().clone()),
        }
    }

    /// Whether the algorithm has a registered OID (PKCS#8 form) or uses the container.
    pub fn has_oid(&self) -> bool {
        self.standard().is_some()
    }

    fn standard(&self) -> Option<Standard> {
        match self {
            Self::Signing(k) => table::sig(k.alg()),
            Self::Decapsulation(k) => table::kem(k.alg()),
        }
    }
}

impl AnyPublicKey {
    /// The algorithm's name.
    pub fn alg_name(&self) -> &'static str {
        match self {
            Self::Verifying(k) => k.alg().name(),
            Self::Encapsulation(k) => k.alg().name(),
        }
    }

    /// The envelope encoding (`varint(id) ‖ payload`).
    pub fn to_envelope(&self) -> Vec<u8> {
        match self {
            Self::Verifying(k) => k.to_bytes(),
            Self::Encapsulation(k) => k.to_bytes(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Private keys

/// The DER of a PKCS#8 `PrivateKeyInfo` (v1) for `key`, in a zeroizing buffer.
pub fn to_pkcs8_der(key: &AnyPrivateKey) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    let std = key
        .standard()
        .ok_or(FormatError::NoRegisteredOid(key.alg_name()))?;
    let secret = match key {
        AnyPrivateKey::Signing(k) => k.to_bytes(),
        AnyPrivateKey::Decapsulation(k) => k.to_bytes(),
    };
    let (_, payload) = crate::codec::open_envelope(&secret, "key").map_err(FormatError::Key)?;
    layout_to_pkcs8(std.oid, std.layout, payload)
}

/// The pqmigrate container for `key` (any algorithm), in a zeroizing buffer.
pub fn to_container(key: &AnyPrivateKey) -> Zeroizing<Vec<u8>> {
    let (kind, envelope) = match key {
        AnyPrivateKey::Signing(k) => (KIND_SIG, k.to_bytes()),
        AnyPrivateKey::Decapsulation(k) => (KIND_KEM, k.to_bytes()),
    };
    let public = key.public_key().to_envelope();
    let len = u16::try_from(envelope.len()).expect("secret keys are below 64 KiB");
    let mut out = Zeroizing::new(Vec::with_capacity(
        CONTAINER_MAGIC.len() + 3 + envelope.len() + public.len(),
    ));
    out.extend_from_slice(CONTAINER_MAGIC);
    out.push(kind);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&envelope);
    out.extend_from_slice(&public);
    out
}

/// A private key file: PKCS#8 where the algorithm has an OID, the container otherwise;
/// encrypted under `encrypt = Some((passphrase, kdf))`; PEM text or DER bytes.
pub fn encode_private(
    key: &AnyPrivateKey,
    encrypt: Option<(&[u8], Kdf)>,
    as_pem: bool,
) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    let (plain, label, enc_label) = if key.has_oid() {
        (to_pkcs8_der(key)?, LABEL_PRIVATE, LABEL_ENCRYPTED)
    } else {
        (
            to_container(key),
            LABEL_CONTAINER,
            LABEL_ENCRYPTED_CONTAINER,
        )
    };
    let (der, label) = match encrypt {
        Some((pass, kdf)) => (pbes::encrypt(&plain, pass, kdf)?, enc_label),
        None => (plain, label),
    };
    if as_pem { to_pem(label, &der) } else { Ok(der) }
}

/// Encrypts the DER of any PKCS#8 `PrivateKeyInfo` (a composite's half from
/// [`component_to_pkcs8_der`], say) into an `EncryptedPrivateKeyInfo`'s DER.
pub fn encrypt_pkcs8_der(
    pkcs8_der: &[u8],
    passphrase: &[u8],
    kdf: Kdf,
) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    PrivateKeyInfoRef::from_der(pkcs8_der).map_err(FormatError::Der)?;
    pbes::encrypt(pkcs8_der, passphrase, kdf)
}

/// PEM text of `der` under `label`, in a zeroizing buffer (LF line endings).
pub fn to_pem(label: &str, der: &[u8]) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    let pem_err = |e: pem::Error| FormatError::Pem(alloc::format!("{e}"));
    let len = pem::encoded_len(label, LineEnding::LF, der).map_err(pem_err)?;
    let mut buf = Zeroizing::new(alloc::vec![0u8; len]);
    let n = pem::encode(label, LineEnding::LF, der, &mut buf)
        .map_err(pem_err)?
        .len();
    buf.truncate(n);
    Ok(buf)
}

/// The structure found in a key file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Contents {
    /// An unencrypted PKCS#8 private key.
    Pkcs8 {
        /// Its algorithm.
        alg: &'static str,
    },
    /// An unencrypted pqmigrate container.
    Container {
        /// Its algorithm.
        alg: &'static str,
    },
    /// An encrypted private key (PKCS#8 or container: known only after decryption).
    Encrypted {
        /// How it is protected.
        protection: Protection,
        /// Whether the PEM label said it holds a pqmigrate container.
        container: Option<bool>,
    },
    /// An SPKI public key.
    Spki {
        /// Its algorithm.
        alg: &'static str,
    },
}

impl Contents {
    /// Whether this is an encrypted private key.
    pub fn is_encrypted(&self) -> bool {
        matches!(self, Self::Encrypted { .. })
    }
}

/// A decoded file: its DER (zeroizing) and what the PEM label promised, if PEM.
struct Unwrapped {
    der: Zeroizing<Vec<u8>>,
    label: Option<&'static str>,
}

fn unwrap_pem(bytes: &[u8]) -> Result<Unwrapped, FormatError> {
    if bytes.len() > MAX_INPUT {
        return Err(FormatError::TooLarge);
    }
    if !bytes.starts_with(b"-----BEGIN ") {
        return Ok(Unwrapped {
            der: Zeroizing::new(bytes.to_vec()),
            label: None,
        });
    }
    let mut buf = Zeroizing::new(alloc::vec![0u8; bytes.len()]);
    let (label, der) =
        pem::decode(bytes, &mut buf).map_err(|e| FormatError::Pem(alloc::format!("{e}")))?;
    let label = [
        LABEL_PRIVATE,
        LABEL_ENCRYPTED,
        LABEL_CONTAINER,
        LABEL_ENCRYPTED_CONTAINER,
        LABEL_PUBLIC,
    ]
    .into_iter()
    .find(|l| *l == label)
    .ok_or_else(|| FormatError::Pem(alloc::format!("unexpected label {label:?}")))?;
    let der = Zeroizing::new(der.to_vec());
    Ok(Unwrapped {
        der,
        label: Some(label),
    })
}

/// Says what a key file holds without decrypting it (never any secret).
pub fn describe(bytes: &[u8]) -> Result<Contents, FormatError> {
    let u = unwrap_pem(bytes)?;
    match u.label {
        Some(LABEL_ENCRYPTED) | Some(LABEL_ENCRYPTED_CONTAINER) | None => {
            if let Ok(info) = EncryptedPrivateKeyInfoRef::from_der(&u.der) {
                return Ok(Contents::Encrypted {
                    protection: pbes::protection(&info.encryption_algorithm)?,
                    container: u.label.map(|l| l == LABEL_ENCRYPTED_CONTAINER),
                });
            }
            if u.label.is_some() {
                return Err(FormatError::NotAKey);
            }
        }
        _ => {}
    }
    if matches!(u.label, None | Some(LABEL_PUBLIC))
        && let Ok(pk) = decode_spki(&u.der)
    {
        return Ok(Contents::Spki { alg: pk.alg_name() });
    }
    let key = decode_private(bytes, None)?;
    Ok(if key.has_oid() && !u.der.starts_with(CONTAINER_MAGIC) {
        Contents::Pkcs8 {
            alg: key.alg_name(),
        }
    } else {
        Contents::Container {
            alg: key.alg_name(),
        }
    })
}

/// Reads a private key file: PEM or DER; PKCS#8, encrypted PKCS#8 or the container.
/// Encrypted files need `passphrase` and are decrypted within [`Ceiling::DEFAULT`].
pub fn decode_private(
    bytes: &[u8],
    passphrase: Option<&[u8]>,
) -> Result<AnyPrivateKey, FormatError> {
    decode_private_with(bytes, passphrase, &Ceiling::DEFAULT)
}

/// [`decode_private`] with an explicit KDF ceiling.
pub fn decode_private_with(
    bytes: &[u8],
    passphrase: Option<&[u8]>,
    ceiling: &Ceiling,
) -> Result<AnyPrivateKey, FormatError> {
    let u = unwrap_pem(bytes)?;
    let encrypted = match u.label {
        Some(LABEL_ENCRYPTED) | Some(LABEL_ENCRYPTED_CONTAINER) => true,
        Some(LABEL_PUBLIC) => {
            return Err(FormatError::Unsupported("a public key, not a private key"));
        }
        Some(_) => false,
        None => EncryptedPrivateKeyInfoRef::from_der(&u.der).is_ok(),
    };
    if !encrypted {
        return match u.label {
            Some(LABEL_CONTAINER) => decode_container(&u.der),
            Some(_) => decode_pkcs8(&u.der),
            None if u.der.starts_with(CONTAINER_MAGIC) => decode_container(&u.der),
            None => decode_pkcs8(&u.der).map_err(|e| match e {
                FormatError::Der(_) => FormatError::NotAKey,
                e => e,
            }),
        };
    }
    let info = EncryptedPrivateKeyInfoRef::from_der(&u.der).map_err(FormatError::Der)?;
    let pass = passphrase.ok_or(FormatError::PassphraseNeeded)?;
    let plain = pbes::decrypt(&info, pass, ceiling)?;
    // A wrong passphrase that happens to leave valid CBC padding (1 in 256) yields garbage:
    // the strict decoders below refuse it, reported as the wrong passphrase.
    let garbage = |e: FormatError| match e {
        FormatError::Der(_)
        | FormatError::NotAKey
        | FormatError::Key(_)
        | FormatError::PublicKeyMismatch
        | FormatError::UnknownOid(_) => FormatError::WrongPassphrase,
        e => e,
    };
    let container = plain.starts_with(CONTAINER_MAGIC);
    match (u.label, container) {
        (Some(LABEL_ENCRYPTED_CONTAINER), false) | (Some(LABEL_ENCRYPTED), true) => Err(
            FormatError::Pem("the PEM label does not match the decrypted contents".into()),
        ),
        (_, true) => decode_container(&plain).map_err(garbage),
        (_, false) => decode_pkcs8(&plain).map_err(garbage),
    }
}

fn decode_container(bytes: &[u8]) -> Result<AnyPrivateKey, FormatError> {
    let rest = bytes
        .strip_prefix(CONTAINER_MAGIC.as_slice())
        .ok_or(FormatError::NotAKey)?;
    let [kind, hi, lo, rest @ ..] = rest else {
        return Err(FormatError::NotAKey);
    };
    let len = usize::from(u16::from_be_bytes([*hi, *lo]));
    if rest.len() < len {
        return Err(FormatError::NotAKey);
    }
    let (secret, public) = rest.split_at(len);
    let key = match *kind {
        KIND_SIG => AnyPrivateKey::Signing(SigningKey::from_bytes(secret)?),
        KIND_KEM => AnyPrivateKey::Decapsulation(DecapsulationKey::from_bytes(secret)?),
        _ => return Err(FormatError::NotAKey),
    };
    if key.public_key().to_envelope() != public {
        return Err(FormatError::PublicKeyMismatch);
    }
    Ok(key)
}

fn decode_pkcs8(der: &[u8]) -> Result<AnyPrivateKey, FormatError> {
    let info = PrivateKeyInfoRef::from_der(der).map_err(FormatError::Der)?;
    let oid = info.algorithm.oid;
    let entry = table::by_oid(oid).ok_or_else(|| FormatError::UnknownOid(oid.to_string()))?;
    let key = match entry.layout {
        // The curve crates read their own structures (parameters, embedded public key).
        Layout::Secp256k1 => {
            let sk = k256::SecretKey::from_pkcs8_der(der).map_err(|_| {
                FormatError::Unsupported("not a valid secp256k1 PKCS#8 key (RFC 5915)")
            })?;
            let scalar = Zeroizing::new(sk.to_bytes());
            single_key(entry.alg, &scalar)?
        }
        layout => {
            if info.algorithm.parameters.is_some() {
                return Err(FormatError::Unsupported(
                    "AlgorithmIdentifier parameters must be absent",
                ));
            }
            let payload = pkcs8_payload(layout, info.private_key.as_bytes())?;
            let key = single_key(entry.alg, &payload)?;
            if let Some(pk) = info.public_key {
                let ours = key.public_key().to_envelope();
                let (_, ours) = crate::codec::open_envelope(&ours, "key")?;
                if pk.as_bytes() != Some(ours) {
                    return Err(FormatError::PublicKeyMismatch);
                }
            }
            key
        }
    };
    Ok(key)
}

/// The key of a table entry from its secret payload.
fn single_key(alg: table::Alg, payload: &[u8]) -> Result<AnyPrivateKey, FormatError> {
    Ok(match alg {
        table::Alg::Sig(a) => AnyPrivateKey::Signing(SigningKey::from_parts(a, payload)?),
        table::Alg::Kem(a) => {
            AnyPrivateKey::Decapsulation(DecapsulationKey::from_seed(a, payload)?)
        }
    })
}

/// The `privateKey` OCTET STRING contents of `layout` for a secret payload.
fn layout_to_pkcs8(
    oid: ObjectIdentifier,
    layout: Layout,
    payload: &[u8],
) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    let doc = match layout {
        Layout::Secp256k1 => {
            let sk = k256::SecretKey::from_slice(payload)
                .map_err(|_| FormatError::Unsupported("secp256k1 scalar out of range"))?;
            return secret_doc(sk.to_pkcs8_der());
        }
        Layout::P256 => {
            let sk = p256::SecretKey::from_sec1_der(payload)
                .map_err(|_| FormatError::Unsupported("P-256 ECPrivateKey malformed"))?;
            return secret_doc(sk.to_pkcs8_der());
        }
        Layout::Ed25519 => {
            let seed: Zeroizing<[u8; 32]> = Zeroizing::new(
                payload
                    .try_into()
                    .map_err(|_| FormatError::Unsupported("Ed25519 seed must be 32 bytes"))?,
            );
            // v1, without the optional public key: Python `cryptography` reads only v1.
            // `KeypairBytes` zeroizes its secret on drop.
            let sk = ed25519_dalek::ed25519::pkcs8::KeypairBytes {
                secret_key: *seed,
                public_key: None,
            };
            return secret_doc(sk.to_pkcs8_der());
        }
        Layout::SeedChoice => seed_choice(payload)?,
        Layout::Raw => Zeroizing::new(payload.to_vec()),
    };
    let info = PrivateKeyInfoRef::new(
        AlgorithmIdentifierRef {
            oid,
            parameters: None,
        },
        OctetStringRef::new(&doc).map_err(FormatError::Der)?,
    );
    let mut out = Zeroizing::new(Vec::with_capacity(doc.len() + 32));
    info.encode_to_vec(&mut out).map_err(FormatError::Der)?;
    Ok(out)
}

fn secret_doc(
    doc: pkcs8::Result<pkcs8::der::SecretDocument>,
) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    let doc = doc.map_err(|_| FormatError::Unsupported("key encoding failed"))?;
    Ok(Zeroizing::new(doc.as_bytes().to_vec()))
}

/// `[0] IMPLICIT OCTET STRING` around a seed (RFC 9881 / the ML-KEM certificate spec).
fn seed_choice(seed: &[u8]) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    let field = ContextSpecific {
        tag_number: TagNumber(0),
        tag_mode: TagMode::Implicit,
        value: OctetStringRef::new(seed).map_err(FormatError::Der)?,
    };
    let mut out = Zeroizing::new(Vec::with_capacity(seed.len() + 4));
    field.encode_to_vec(&mut out).map_err(FormatError::Der)?;
    Ok(out)
}

/// The secret payload inside a `privateKey` OCTET STRING.
fn pkcs8_payload(layout: Layout, inner: &[u8]) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    match layout {
        Layout::SeedChoice => {
            let mut reader = SliceReader::new(inner).map_err(FormatError::Der)?;
            let seed =
                ContextSpecific::<&OctetStringRef>::decode_implicit(&mut reader, TagNumber(0))
                    .map_err(FormatError::Der)?
                    .ok_or(FormatError::Unsupported(
                        "only the seed form of an ML-DSA/ML-KEM private key is accepted \
                     (pqmigrate keeps seeds; an expanded key cannot be turned back into one)",
                    ))?;
            reader.finish().map_err(FormatError::Der)?;
            Ok(Zeroizing::new(seed.value.as_bytes().to_vec()))
        }
        Layout::Raw => Ok(Zeroizing::new(inner.to_vec())),
        Layout::Secp256k1 | Layout::P256 | Layout::Ed25519 => Err(FormatError::Unsupported(
            "a composite component alone is not a pqmigrate key",
        )),
    }
}

/// The PKCS#8 DER of one component of a signing key (0: the PQ half or a single scheme;
/// 1: a composite's classical half), for HSMs that hold the halves separately.
pub fn component_to_pkcs8_der(
    key: &SigningKey,
    index: usize,
) -> Result<Zeroizing<Vec<u8>>, FormatError> {
    let secret = key.to_bytes();
    let (_, payload) = crate::codec::open_envelope(&secret, "key")?;
    let (component, part) = split(key.alg(), payload, index, true)?;
    let (oid, layout) =
        table::component(component).ok_or(FormatError::NoRegisteredOid(component))?;
    layout_to_pkcs8(oid, layout, part)
}

/// The SPKI DER of one component of a public key (see [`component_to_pkcs8_der`]).
pub fn component_to_spki_der(pk: &PublicKey, index: usize) -> Result<Vec<u8>, FormatError> {
    let (component, part) = split(pk.alg(), pk.payload(), index, false)?;
    let (oid, layout) =
        table::component(component).ok_or(FormatError::NoRegisteredOid(component))?;
    layout_to_spki(oid, layout, part)
}

fn split(
    alg: SigAlg,
    payload: &[u8],
    index: usize,
    secret: bool,
) -> Result<(&'static str, &[u8]), FormatError> {
    match (alg.scheme(), index) {
        (Scheme::Single(c), 0) => Ok((c.name, payload)),
        (Scheme::Composite(c), 0 | 1) => {
            let (pq, classical) = if secret {
                c.split_secret(payload)
            } else {
                c.split_public(payload)
            };
            Ok(if index == 0 {
                (c.pq.name, pq)
            } else {
                (c.classical.name, classical)
            })
        }
        _ => Err(FormatError::Unsupported("no such component")),
    }
}

// ---------------------------------------------------------------------------------------
// Public keys

/// The DER of an SPKI `SubjectPublicKeyInfo` for `pk`.
pub fn to_spki_der(pk: &AnyPublicKey) -> Result<Vec<u8>, FormatError> {
    let (std, payload) = match pk {
        AnyPublicKey::Verifying(k) => (table::sig(k.alg()), k.payload()),
        AnyPublicKey::Encapsulation(k) => (table::kem(k.alg()), k.payload()),
    };
    let std = std.ok_or(FormatError::NoRegisteredOid(pk.alg_name()))?;
    layout_to_spki(std.oid, std.layout, payload)
}

fn layout_to_spki(
    oid: ObjectIdentifier,
    layout: Layout,
    payload: &[u8],
) -> Result<Vec<u8>, FormatError> {
    let bad = |_| FormatError::Unsupported("public key encoding failed");
    match layout {
        Layout::Secp256k1 => k256::PublicKey::from_sec1_bytes(payload)
            .map_err(|_| FormatError::Unsupported("bad secp256k1 point"))?
            .to_public_key_der()
            .map(|d| d.as_bytes().to_vec())
            .map_err(bad),
        Layout::P256 => p256::PublicKey::from_sec1_bytes(payload)
            .map_err(|_| FormatError::Unsupported("bad P-256 point"))?
            .to_public_key_der()
            .map(|d| d.as_bytes().to_vec())
            .map_err(bad),
        Layout::Ed25519 | Layout::SeedChoice | Layout::Raw => SubjectPublicKeyInfoRef {
            algorithm: AlgorithmIdentifierRef {
                oid,
                parameters: None,
            },
            subject_public_key: BitStringRef::from_bytes(payload).map_err(FormatError::Der)?,
        }
        .to_der()
        .map_err(FormatError::Der),
    }
}

/// A public key file: SPKI, PEM or DER.
pub fn encode_public(pk: &AnyPublicKey, as_pem: bool) -> Result<Vec<u8>, FormatError> {
    let der = to_spki_der(pk)?;
    if as_pem {
        Ok(to_pem(LABEL_PUBLIC, &der)?.to_vec())
    } else {
        Ok(der)
    }
}

/// Reads an SPKI public key, PEM or DER.
pub fn decode_public(bytes: &[u8]) -> Result<AnyPublicKey, FormatError> {
    let u = unwrap_pem(bytes)?;
    match u.label {
        None | Some(LABEL_PUBLIC) => decode_spki(&u.der),
        Some(_) => Err(FormatError::Unsupported("a private key, not a public key")),
    }
}

fn decode_spki(der: &[u8]) -> Result<AnyPublicKey, FormatError> {
    let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(FormatError::Der)?;
    let oid = spki.algorithm.oid;
    let entry = table::by_oid(oid).ok_or_else(|| FormatError::UnknownOid(oid.to_string()))?;
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or(FormatError::Unsupported(
            "public key BIT STRING with unused bits",
        ))?;
    let payload: Vec<u8> = match entry.layout {
        Layout::Secp256k1 => {
            // One encoding per key: the uncompressed point, as OpenSSL writes it.
            if bits.len() != 65 || bits[0] != 0x04 {
                return Err(FormatError::Unsupported(
                    "secp256k1 SPKI must hold the uncompressed point",
                ));
            }
            let pk = k256::PublicKey::from_public_key_der(der)
                .map_err(|_| FormatError::Unsupported("bad secp256k1 SPKI"))?;
            k256::elliptic_curve::sec1::ToSec1Point::to_sec1_point(&pk, true)
                .as_bytes()
                .to_vec()
        }
        _ => {
            if spki.algorithm.parameters.is_some() {
                return Err(FormatError::Unsupported(
                    "AlgorithmIdentifier parameters must be absent",
                ));
            }
            bits.to_vec()
        }
    };
    Ok(match entry.alg {
        table::Alg::Sig(a) => AnyPublicKey::Verifying(PublicKey::from_parts(a, &payload)?),
        table::Alg::Kem(a) => {
            AnyPublicKey::Encapsulation(EncapsulationKey::from_parts(a, &payload)?)
        }
    })
}

/// The KEM algorithms with a registered OID.
pub fn kem_has_oid(alg: KemAlg) -> bool {
    table::kem(alg).is_some()
}

/// The signature algorithms with a registered OID.
pub fn sig_has_oid(alg: SigAlg) -> bool {
    table::sig(alg).is_some()
}
