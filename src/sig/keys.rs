//! Public keys, signatures and signing keys in their self-describing envelopes.

use core::fmt;

use alloc::vec::Vec;
use sha3::Digest as _;
use signature::rand_core::TryCryptoRng;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::composite::{Composite, Traditional};
use super::mldsa::{DefaultBackend as Backend, MlDsaBackend, MlDsaLevel, SEED_LEN};
use super::{Scheme, SigAlg, VerifyMode, ecdsa};
use crate::codec;
use crate::error::{Error, VerifyError};
use crate::hash::write_framed;
use crate::id::SigId;

/// Domain of the master-seed key derivation (see the module docs).
const KEYGEN_DOMAIN: &[u8] = b"pqmigrate/v1/keygen";

fn envelope(alg: SigAlg, payload: &[u8]) -> Vec<u8> {
    codec::envelope(alg.id().0, payload)
}

/// Splits `varint(SigId) ‖ payload`, checking the id is known and usable here.
fn open_envelope(bytes: &[u8]) -> Result<(SigAlg, &[u8]), Error> {
    let (id, payload) = codec::open_envelope(bytes, "signature algorithm id")?;
    let alg = SigAlg::from_id(SigId(id))?;
    alg.require_available()?;
    Ok((alg, payload))
}

fn exact_len(what: &'static str, expected: usize, got: &[u8]) -> Result<(), Error> {
    codec::exact_len(what, expected, got.len())
}

fn short_hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    let head = &bytes[..bytes.len().min(8)];
    write!(f, "{}…({} bytes)", codec::to_hex(head), bytes.len())
}

// ---------------------------------------------------------------------------------------
// Public keys

/// A public key of any [`SigAlg`], validated component by component.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PublicKey {
    alg: SigAlg,
    bytes: Vec<u8>,
}

impl PublicKey {
    /// A public key from its algorithm and raw payload (composites: `mldsaPK ‖ tradPK`).
    pub fn from_parts(alg: SigAlg, payload: &[u8]) -> Result<Self, Error> {
        alg.require_available()?;
        match alg.scheme() {
            Scheme::Secp256k1 => {
                ecdsa::parse_public(payload)?;
            }
            Scheme::MlDsa(l) => exact_len("ML-DSA public key", l.public_key_len(), payload)?,
            Scheme::Composite(c) => {
                exact_len("composite public key", c.public_key_len(), payload)?;
                check_trad_public(c.traditional, &payload[c.mldsa.public_key_len()..])?;
            }
        }
        Ok(Self {
            alg,
            bytes: payload.to_vec(),
        })
    }

    /// Decodes the envelope `varint(SigId) ‖ payload`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let (alg, payload) = open_envelope(bytes)?;
        Self::from_parts(alg, payload)
    }

    /// The envelope encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        envelope(self.alg, &self.bytes)
    }

    /// The algorithm.
    pub fn alg(&self) -> SigAlg {
        self.alg
    }

    /// The raw payload (no id).
    pub fn payload(&self) -> &[u8] {
        &self.bytes
    }

    /// The components, named: one for single schemes, ML-DSA then traditional for
    /// composites.
    pub fn components(&self) -> Vec<(&'static str, &[u8])> {
        split_components(self.alg, &self.bytes, |l| l.public_key_len())
    }

    /// Verifies `sig` over `msg` with context `ctx` (plain ECDSA accepts only an empty
    /// context), in [`VerifyMode::Strict`]. A signature of another algorithm fails.
    pub fn verify(&self, msg: &[u8], ctx: &[u8], sig: &Signature) -> Result<(), VerifyError> {
        self.verify_with(msg, ctx, sig, VerifyMode::Strict)
    }

    /// [`Self::verify`] in the given mode. [`VerifyMode::LampsInterop`] additionally
    /// accepts high-S ECDSA P-256 halves (the LAMPS draft's own verifiers do); a
    /// signature parsed in that mode is re-checked here, so it fails in strict mode.
    pub fn verify_with(
        &self,
        msg: &[u8],
        ctx: &[u8],
        sig: &Signature,
        mode: VerifyMode,
    ) -> Result<(), VerifyError> {
        if sig.alg != self.alg {
            return Err(VerifyError);
        }
        let ok = match self.alg.scheme() {
            Scheme::Secp256k1 => ctx.is_empty() && ecdsa::verify(&self.bytes, msg, &sig.bytes),
            Scheme::MlDsa(l) => Backend::verify(l, &self.bytes, msg, ctx, &sig.bytes),
            Scheme::Composite(c) => verify_composite(c, &self.bytes, msg, ctx, &sig.bytes, mode),
        };
        if ok { Ok(()) } else { Err(VerifyError) }
    }
}

fn check_trad_public(t: Traditional, pk: &[u8]) -> Result<(), Error> {
    match t {
        Traditional::Secp256k1 => ecdsa::parse_public(pk).map(|_| ()),
        #[cfg(feature = "lamps")]
        Traditional::P256 => super::lamps::p256_check_public(pk),
        #[cfg(feature = "lamps")]
        Traditional::Ed25519 => super::lamps::ed25519_check_public(pk),
        #[cfg(not(feature = "lamps"))]
        Traditional::P256 | Traditional::Ed25519 => unreachable_without_lamps(),
    }
}

/// `require_available` refuses LAMPS pairings before any component code runs.
#[cfg(not(feature = "lamps"))]
fn unreachable_without_lamps() -> Result<(), Error> {
    Err(Error::Unsupported {
        alg: "LAMPS pairing",
        what: "use in this build (enable feature `lamps`)",
    })
}

fn verify_composite(
    c: &Composite,
    pk: &[u8],
    msg: &[u8],
    ctx: &[u8],
    sig: &[u8],
    mode: VerifyMode,
) -> bool {
    let Ok(m) = c.message_representative(msg, ctx) else {
        return false;
    };
    let (pk_m, pk_t) = pk.split_at(c.mldsa.public_key_len());
    let Some((sig_m, sig_t)) = sig.split_at_checked(c.mldsa.signature_len()) else {
        return false;
    };
    let trad_ok = match c.traditional {
        Traditional::Secp256k1 => ecdsa::verify(pk_t, &m, sig_t),
        #[cfg(feature = "lamps")]
        Traditional::P256 => super::lamps::p256_verify(pk_t, &m, sig_t, mode),
        #[cfg(feature = "lamps")]
        Traditional::Ed25519 => super::lamps::ed25519_verify(pk_t, &m, sig_t),
        #[cfg(not(feature = "lamps"))]
        Traditional::P256 | Traditional::Ed25519 => {
            let _ = mode;
            false
        }
    };
    // Both halves must verify; ML-DSA's context is the Label.
    trad_ok && Backend::verify(c.mldsa, pk_m, &m, c.label.as_bytes(), sig_m)
}

fn split_components(
    alg: SigAlg,
    bytes: &[u8],
    mldsa_len: impl Fn(MlDsaLevel) -> usize,
) -> Vec<(&'static str, &[u8])> {
    match alg.scheme() {
        Scheme::Secp256k1 => alloc::vec![("secp256k1", bytes)],
        Scheme::MlDsa(_) => alloc::vec![(alg.name(), bytes)],
        Scheme::Composite(c) => {
            let (m, t) = bytes.split_at(mldsa_len(c.mldsa).min(bytes.len()));
            let mldsa_name = match c.mldsa {
                MlDsaLevel::MlDsa44 => "ml-dsa-44",
                MlDsaLevel::MlDsa65 => "ml-dsa-65",
                MlDsaLevel::MlDsa87 => "ml-dsa-87",
            };
            alloc::vec![(mldsa_name, m), (c.traditional.name(), t)]
        }
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({}, ", self.alg)?;
        short_hex(f, &self.bytes)?;
        f.write_str(")")
    }
}

// ---------------------------------------------------------------------------------------
// Signatures

/// A signature of any [`SigAlg`], validated component by component.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Signature {
    alg: SigAlg,
    bytes: Vec<u8>,
}

impl Signature {
    /// A signature from its algorithm and raw payload (composites: `mldsaSig ‖ tradSig`),
    /// in [`VerifyMode::Strict`]: a high-S ECDSA half is refused.
    pub fn from_parts(alg: SigAlg, payload: &[u8]) -> Result<Self, Error> {
        Self::from_parts_with(alg, payload, VerifyMode::Strict)
    }

    /// [`Self::from_parts`] in the given mode ([`VerifyMode::LampsInterop`] parses
    /// high-S ECDSA P-256 halves too, for checking third-party LAMPS signatures).
    pub fn from_parts_with(alg: SigAlg, payload: &[u8], mode: VerifyMode) -> Result<Self, Error> {
        alg.require_available()?;
        match alg.scheme() {
            Scheme::Secp256k1 => {
                ecdsa::parse_signature(payload)?;
            }
            Scheme::MlDsa(l) => exact_len("ML-DSA signature", l.signature_len(), payload)?,
            Scheme::Composite(c) => {
                let sig_len = c.mldsa.signature_len();
                if payload.len() <= sig_len
                    || payload.len() > sig_len + c.traditional.max_signature_len()
                {
                    return Err(Error::WrongLength {
                        what: "composite signature",
                        expected: sig_len + c.traditional.max_signature_len(),
                        got: payload.len(),
                    });
                }
                check_trad_signature(c.traditional, &payload[sig_len..], mode)?;
            }
        }
        Ok(Self {
            alg,
            bytes: payload.to_vec(),
        })
    }

    /// Decodes the envelope `varint(SigId) ‖ payload` (strict mode).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        Self::from_bytes_with(bytes, VerifyMode::Strict)
    }

    /// Decodes the envelope in the given mode (see [`Self::from_parts_with`]).
    pub fn from_bytes_with(bytes: &[u8], mode: VerifyMode) -> Result<Self, Error> {
        let (alg, payload) = open_envelope(bytes)?;
        Self::from_parts_with(alg, payload, mode)
    }

    /// Decodes an envelope that must carry `alg` ([`Error::AlgorithmMismatch`] otherwise).
    pub fn from_bytes_for(alg: SigAlg, bytes: &[u8]) -> Result<Self, Error> {
        Self::from_bytes_for_with(alg, bytes, VerifyMode::Strict)
    }

    /// [`Self::from_bytes_for`] in the given mode.
    pub fn from_bytes_for_with(alg: SigAlg, bytes: &[u8], mode: VerifyMode) -> Result<Self, Error> {
        let sig = Self::from_bytes_with(bytes, mode)?;
        if sig.alg != alg {
            return Err(Error::AlgorithmMismatch {
                expected: alg.name(),
                got: sig.alg.name(),
            });
        }
        Ok(sig)
    }

    /// The envelope encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        envelope(self.alg, &self.bytes)
    }

    /// The algorithm.
    pub fn alg(&self) -> SigAlg {
        self.alg
    }

    /// The raw payload (no id).
    pub fn payload(&self) -> &[u8] {
        &self.bytes
    }

    /// The components, named (ML-DSA then traditional for composites).
    pub fn components(&self) -> Vec<(&'static str, &[u8])> {
        split_components(self.alg, &self.bytes, |l| l.signature_len())
    }
}

fn check_trad_signature(t: Traditional, sig: &[u8], mode: VerifyMode) -> Result<(), Error> {
    let _ = mode;
    match t {
        Traditional::Secp256k1 => ecdsa::parse_signature(sig).map(|_| ()),
        #[cfg(feature = "lamps")]
        Traditional::P256 => super::lamps::p256_check_signature(sig, mode).map(|_| ()),
        #[cfg(feature = "lamps")]
        Traditional::Ed25519 => exact_len(
            "Ed25519 signature",
            super::lamps::ED25519_SIGNATURE_LEN,
            sig,
        ),
        #[cfg(not(feature = "lamps"))]
        Traditional::P256 | Traditional::Ed25519 => unreachable_without_lamps(),
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({}, ", self.alg)?;
        short_hex(f, &self.bytes)?;
        f.write_str(")")
    }
}

impl TryFrom<&[u8]> for Signature {
    type Error = Error;

    fn try_from(bytes: &[u8]) -> Result<Self, Error> {
        Self::from_bytes(bytes)
    }
}

impl From<Signature> for Vec<u8> {
    fn from(sig: Signature) -> Vec<u8> {
        sig.to_bytes()
    }
}

impl signature::SignatureEncoding for Signature {
    type Repr = Vec<u8>;
}

// ---------------------------------------------------------------------------------------
// Signing keys

/// A signing key. Holds seeds and scalars only in zeroizing buffers; `Debug` prints no
/// secret; equality is constant time; no `Clone`.
pub struct SigningKey {
    alg: SigAlg,
    /// The envelope payload: the seed ξ and/or the traditional secret.
    secret: Zeroizing<Vec<u8>>,
    /// The ML-DSA expanded key derived from ξ, cached for signing.
    expanded: Option<Zeroizing<Vec<u8>>>,
    public: PublicKey,
}

/// One 32-byte derived secret: `SHA3-256(framed(KEYGEN_DOMAIN, [alg, component, counter, master]))`.
fn derive(alg: SigAlg, component: &str, counter: u64, master: &[u8; 32]) -> Zeroizing<[u8; 32]> {
    let mut h = sha3::Sha3_256::new();
    write_framed(
        KEYGEN_DOMAIN,
        &[
            alg.name().as_bytes(),
            component.as_bytes(),
            &counter.to_le_bytes(),
            master,
        ],
        |b| h.update(b),
    );
    let mut out = Zeroizing::new([0u8; 32]);
    h.finalize_into((&mut *out).into());
    out
}

/// The first derived value that is a valid secret for `component` (counter 0, 1, …).
fn derive_scalar(
    alg: SigAlg,
    component: &str,
    master: &[u8; 32],
    valid: impl Fn(&[u8; 32]) -> bool,
) -> Result<Zeroizing<[u8; 32]>, Error> {
    // A 32-byte value fails only with probability < 2^-127 per try.
    (0..64)
        .map(|i| derive(alg, component, i, master))
        .find(|s| valid(s))
        .ok_or(Error::SigningFailed)
}

fn trad_secret_from_seed(
    alg: SigAlg,
    t: Traditional,
    master: &[u8; 32],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    Ok(match t {
        Traditional::Secp256k1 => {
            let s = derive_scalar(alg, "secp256k1", master, |s| ecdsa::check_secret(s).is_ok())?;
            Zeroizing::new(s.to_vec())
        }
        #[cfg(feature = "lamps")]
        Traditional::P256 => {
            let s = derive_scalar(alg, "p256", master, |s| {
                super::lamps::p256_public_key(&super::lamps::p256_encode_secret(s)).is_ok()
            })?;
            super::lamps::p256_encode_secret(&s)
        }
        #[cfg(feature = "lamps")]
        Traditional::Ed25519 => Zeroizing::new(derive(alg, "ed25519", 0, master).to_vec()),
        #[cfg(not(feature = "lamps"))]
        Traditional::P256 | Traditional::Ed25519 => {
            return unreachable_without_lamps().map(|_| Zeroizing::new(Vec::new()));
        }
    })
}

fn trad_public(t: Traditional, sk: &[u8]) -> Result<Vec<u8>, Error> {
    match t {
        Traditional::Secp256k1 => {
            let s: &[u8; 32] = sk.try_into().map_err(|_| Error::WrongLength {
                what: "secp256k1 secret key",
                expected: 32,
                got: sk.len(),
            })?;
            Ok(ecdsa::public_key(s)?.to_vec())
        }
        #[cfg(feature = "lamps")]
        Traditional::P256 => super::lamps::p256_public_key(sk),
        #[cfg(feature = "lamps")]
        Traditional::Ed25519 => {
            let s: &[u8; 32] = sk.try_into().map_err(|_| Error::WrongLength {
                what: "Ed25519 secret key",
                expected: 32,
                got: sk.len(),
            })?;
            Ok(super::lamps::ed25519_public_key(s).to_vec())
        }
        #[cfg(not(feature = "lamps"))]
        Traditional::P256 | Traditional::Ed25519 => unreachable_without_lamps().map(|_| Vec::new()),
    }
}

fn trad_sign(t: Traditional, sk: &[u8], m: &[u8]) -> Result<Vec<u8>, Error> {
    match t {
        Traditional::Secp256k1 => {
            let s: &[u8; 32] = sk.try_into().map_err(|_| Error::SigningFailed)?;
            Ok(ecdsa::sign(s, m)?.to_vec())
        }
        #[cfg(feature = "lamps")]
        Traditional::P256 => super::lamps::p256_sign(sk, m),
        #[cfg(feature = "lamps")]
        Traditional::Ed25519 => {
            let s: &[u8; 32] = sk.try_into().map_err(|_| Error::SigningFailed)?;
            Ok(super::lamps::ed25519_sign(s, m).to_vec())
        }
        #[cfg(not(feature = "lamps"))]
        Traditional::P256 | Traditional::Ed25519 => unreachable_without_lamps().map(|_| Vec::new()),
    }
}

fn seed32(bytes: &[u8]) -> &[u8; SEED_LEN] {
    bytes[..SEED_LEN]
        .try_into()
        .expect("caller checked the length")
}

impl SigningKey {
    /// Derives a key for `alg` from a 32-byte master seed (see the module docs for the
    /// derivation, which vectors pin).
    pub fn from_seed(alg: SigAlg, master: &[u8; 32]) -> Result<Self, Error> {
        alg.require_available()?;
        let secret: Zeroizing<Vec<u8>> = match alg.scheme() {
            Scheme::Secp256k1 => {
                let s =
                    derive_scalar(alg, "secp256k1", master, |s| ecdsa::check_secret(s).is_ok())?;
                Zeroizing::new(s.to_vec())
            }
            Scheme::MlDsa(_) => Zeroizing::new(derive(alg, "ml-dsa", 0, master).to_vec()),
            Scheme::Composite(c) => {
                let xi = derive(alg, "ml-dsa", 0, master);
                let trad = trad_secret_from_seed(alg, c.traditional, master)?;
                let mut s = Zeroizing::new(Vec::with_capacity(c.secret_key_len()));
                s.extend_from_slice(&*xi);
                s.extend_from_slice(&trad);
                s
            }
        };
        Self::from_parts(alg, &secret)
    }

    /// A key from its algorithm and raw secret payload: the ECDSA scalar, the ML-DSA seed
    /// ξ, or `ξ ‖ tradSK` for composites (P-256: the draft's `ECPrivateKey`).
    pub fn from_parts(alg: SigAlg, payload: &[u8]) -> Result<Self, Error> {
        alg.require_available()?;
        exact_len("secret key", alg.info().secret_key_len, payload)?;
        let (expanded, mut public) = match alg.scheme() {
            Scheme::Secp256k1 => (None, trad_public(Traditional::Secp256k1, payload)?),
            Scheme::MlDsa(l) => {
                let (pk, sk) = Backend::keygen(l, seed32(payload));
                (Some(sk), pk)
            }
            Scheme::Composite(c) => {
                let (mut pk, sk) = Backend::keygen(c.mldsa, seed32(payload));
                pk.extend_from_slice(&trad_public(c.traditional, &payload[SEED_LEN..])?);
                (Some(sk), pk)
            }
        };
        // Derived from the secret but public by design (see `crate::ct`).
        crate::ct::declassify(public.as_mut_slice());
        Ok(Self {
            alg,
            secret: Zeroizing::new(payload.to_vec()),
            expanded,
            public: PublicKey::from_parts(alg, &public)?,
        })
    }

    /// Decodes the envelope `varint(SigId) ‖ secret payload`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let (alg, payload) = open_envelope(bytes)?;
        Self::from_parts(alg, payload)
    }

    /// The envelope encoding, in a zeroizing buffer.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(envelope(self.alg, &self.secret))
    }

    /// The algorithm.
    pub fn alg(&self) -> SigAlg {
        self.alg
    }

    /// The public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// Deterministic signature (ML-DSA `rnd = 0^32`; ECDSA RFC 6979; Ed25519 as always).
    pub fn sign_deterministic(&self, msg: &[u8], ctx: &[u8]) -> Result<Signature, Error> {
        self.sign_with_rnd(msg, ctx, [0; 32])
    }

    /// Hedged signature: ML-DSA's `rnd` drawn from `rng` (the traditional half stays
    /// deterministic, RFC 6979).
    pub fn sign_with_rng<R: TryCryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        msg: &[u8],
        ctx: &[u8],
    ) -> Result<Signature, Error> {
        let mut rnd = Zeroizing::new([0u8; 32]);
        rng.try_fill_bytes(&mut *rnd)
            .map_err(|_| Error::RandomnessUnavailable)?;
        self.sign_with_rnd(msg, ctx, *rnd)
    }

    /// Hedged signature with randomness from the operating system (the default).
    #[cfg(feature = "std")]
    pub fn sign(&self, msg: &[u8], ctx: &[u8]) -> Result<Signature, Error> {
        let mut rnd = Zeroizing::new([0u8; 32]);
        getrandom::fill(&mut *rnd).map_err(|_| Error::RandomnessUnavailable)?;
        self.sign_with_rnd(msg, ctx, *rnd)
    }

    fn sign_with_rnd(&self, msg: &[u8], ctx: &[u8], rnd: [u8; 32]) -> Result<Signature, Error> {
        let expanded = || {
            self.expanded
                .as_deref()
                .map(Vec::as_slice)
                .ok_or(Error::SigningFailed)
        };
        let bytes = match self.alg.scheme() {
            Scheme::Secp256k1 => {
                if !ctx.is_empty() {
                    return Err(Error::Unsupported {
                        alg: self.alg.name(),
                        what: "a context string",
                    });
                }
                trad_sign(Traditional::Secp256k1, &self.secret, msg)?
            }
            Scheme::MlDsa(l) => Backend::sign(l, expanded()?, msg, ctx, rnd)?,
            Scheme::Composite(c) => {
                let m = c.message_representative(msg, ctx)?;
                let mut sig = Backend::sign(c.mldsa, expanded()?, &m, c.label.as_bytes(), rnd)?;
                sig.extend_from_slice(&trad_sign(c.traditional, &self.secret[SEED_LEN..], &m)?);
                sig
            }
        };
        Ok(Signature {
            alg: self.alg,
            bytes,
        })
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("alg", &self.alg)
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl ConstantTimeEq for SigningKey {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        // Algorithms are public; compare secrets in constant time.
        subtle::Choice::from(u8::from(self.alg == other.alg))
            & self.secret.as_slice().ct_eq(other.secret.as_slice())
    }
}

impl PartialEq for SigningKey {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for SigningKey {}

impl signature::Signer<Signature> for SigningKey {
    /// Deterministic, empty context.
    fn try_sign(&self, msg: &[u8]) -> Result<Signature, signature::Error> {
        self.sign_deterministic(msg, b"")
            .map_err(|_| signature::Error::new())
    }
}

impl signature::RandomizedSigner<Signature> for SigningKey {
    /// Hedged, empty context.
    fn try_sign_with_rng<R: TryCryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        msg: &[u8],
    ) -> Result<Signature, signature::Error> {
        self.sign_with_rng(rng, msg, b"")
            .map_err(|_| signature::Error::new())
    }
}

impl signature::Verifier<Signature> for PublicKey {
    /// Empty context.
    fn verify(&self, msg: &[u8], sig: &Signature) -> Result<(), signature::Error> {
        PublicKey::verify(self, msg, b"", sig).map_err(|_| signature::Error::new())
    }
}

impl signature::Keypair for SigningKey {
    type VerifyingKey = PublicKey;

    fn verifying_key(&self) -> PublicKey {
        self.public.clone()
    }
}
