//! Public keys, signatures and signing keys in their self-describing envelopes, written
//! once over [`Scheme`]: one component, or a composite of a PQ and a classical one.

use core::fmt;

use alloc::vec::Vec;
use sha3::Digest as _;
use signature::rand_core::TryCryptoRng;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::component::Component;
use super::{Composite, Scheme, SigAlg, VerifyMode};
use crate::codec;
use crate::envelope::{self, Envelope, SecretEnvelope, envelope_type};
use crate::error::{Error, VerifyError};
use crate::hash::write_framed;

/// Domain of the master-seed key derivation (see the module docs).
const KEYGEN_DOMAIN: &[u8] = b"pqmigrate/v1/keygen";

// ---------------------------------------------------------------------------------------
// Public keys

/// A public key of any [`SigAlg`], validated component by component.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PublicKey(Envelope<SigAlg>);

envelope_type!(PublicKey, SigAlg, "a public key");

impl PublicKey {
    /// A public key from its algorithm and raw payload (composites: `pqPK ‖ classicalPK`).
    pub fn from_parts(alg: SigAlg, payload: &[u8]) -> Result<Self, Error> {
        alg.require_available()?;
        match alg.scheme() {
            Scheme::Single(c) => c.check_public(payload)?,
            Scheme::Composite(c) => {
                codec::exact_len("composite public key", c.public_key_len(), payload.len())?;
                let (pq, classical) = c.split_public(payload);
                c.pq.check_public(pq)?;
                c.classical.check_public(classical)?;
            }
        }
        Ok(Self(Envelope::new(alg, payload.to_vec())))
    }

    /// The components, named: one for single schemes, PQ then classical for composites.
    pub fn components(&self) -> Vec<(&'static str, &[u8])> {
        components(self.alg(), self.payload(), |c| {
            c.split_public(self.payload())
        })
    }

    /// Verifies `sig` over `msg` with context `ctx` (a classical scheme alone accepts
    /// only an empty context), in [`VerifyMode::Strict`]. A signature of another
    /// algorithm fails.
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
        if sig.alg() != self.alg() {
            return Err(VerifyError);
        }
        let (pk, sig) = (self.payload(), sig.payload());
        let ok = match self.alg().scheme() {
            Scheme::Single(c) => c.verify(pk, msg, ctx, sig, mode),
            Scheme::Composite(c) => verify_composite(c, pk, msg, ctx, sig, mode),
        };
        if ok { Ok(()) } else { Err(VerifyError) }
    }
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
    let (pk_pq, pk_classical) = c.split_public(pk);
    let (sig_pq, sig_classical) = c.split_signature(sig);
    // Both halves must verify; the PQ context is the Label, the classical half has none.
    c.classical
        .verify(pk_classical, &m, b"", sig_classical, mode)
        && c.pq.verify(pk_pq, &m, c.label.as_bytes(), sig_pq, mode)
}

/// The named components of a payload: the component's own name for single schemes,
/// PQ then classical (split by `split`) for composites.
fn components<'a>(
    alg: SigAlg,
    bytes: &'a [u8],
    split: impl Fn(&Composite) -> (&'a [u8], &'a [u8]),
) -> Vec<(&'static str, &'a [u8])> {
    match alg.scheme() {
        Scheme::Single(c) => alloc::vec![(c.name, bytes)],
        Scheme::Composite(c) => {
            let (pq, classical) = split(c);
            alloc::vec![(c.pq.name, pq), (c.classical.name, classical)]
        }
    }
}

// ---------------------------------------------------------------------------------------
// Signatures

/// A signature of any [`SigAlg`], validated component by component.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Signature(Envelope<SigAlg>);

envelope_type!(Signature, SigAlg, "a signature");

impl Signature {
    /// A signature from its algorithm and raw payload (composites: `pqSig ‖
    /// classicalSig`), in [`VerifyMode::Strict`]: a high-S ECDSA half is refused.
    pub fn from_parts(alg: SigAlg, payload: &[u8]) -> Result<Self, Error> {
        Self::from_parts_with(alg, payload, VerifyMode::Strict)
    }

    /// [`Self::from_parts`] in the given mode ([`VerifyMode::LampsInterop`] parses
    /// high-S ECDSA P-256 halves too, for checking third-party LAMPS signatures).
    pub fn from_parts_with(alg: SigAlg, payload: &[u8], mode: VerifyMode) -> Result<Self, Error> {
        alg.require_available()?;
        match alg.scheme() {
            Scheme::Single(c) => c.check_signature(payload, mode)?,
            Scheme::Composite(c) => {
                let pq_len = c.pq.signature_len;
                if payload.len() <= pq_len || payload.len() > c.signature_len() {
                    return Err(Error::WrongLength {
                        what: "composite signature",
                        expected: c.signature_len(),
                        got: payload.len(),
                    });
                }
                let (pq, classical) = c.split_signature(payload);
                c.pq.check_signature(pq, mode)?;
                c.classical.check_signature(classical, mode)?;
            }
        }
        Ok(Self(Envelope::new(alg, payload.to_vec())))
    }

    /// Decodes the envelope in the given mode (see [`Self::from_parts_with`]).
    pub fn from_bytes_with(bytes: &[u8], mode: VerifyMode) -> Result<Self, Error> {
        let (alg, payload) = envelope::open(bytes)?;
        Self::from_parts_with(alg, payload, mode)
    }

    /// Decodes an envelope that must carry `alg` ([`Error::AlgorithmMismatch`] otherwise).
    pub fn from_bytes_for(alg: SigAlg, bytes: &[u8]) -> Result<Self, Error> {
        Self::from_bytes_for_with(alg, bytes, VerifyMode::Strict)
    }

    /// [`Self::from_bytes_for`] in the given mode.
    pub fn from_bytes_for_with(alg: SigAlg, bytes: &[u8], mode: VerifyMode) -> Result<Self, Error> {
        let sig = Self::from_bytes_with(bytes, mode)?;
        if sig.alg() != alg {
            return Err(Error::AlgorithmMismatch {
                expected: alg.name(),
                got: sig.alg().name(),
            });
        }
        Ok(sig)
    }

    /// The components, named (PQ then classical for composites).
    pub fn components(&self) -> Vec<(&'static str, &[u8])> {
        components(self.alg(), self.payload(), |c| {
            c.split_signature(self.payload())
        })
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
    /// The envelope payload: one component's secret, or `pqSK ‖ classicalSK`.
    secret: SecretEnvelope<SigAlg>,
    /// Expanded signing keys derived from the secret (ML-DSA's from ξ), cached for
    /// signing: one slot per component.
    expanded: [Option<Zeroizing<Vec<u8>>>; 2],
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

/// The component's secret derived from the master seed under `alg`.
fn component_secret(
    alg: SigAlg,
    c: &Component,
    master: &[u8; 32],
) -> Result<Zeroizing<Vec<u8>>, Error> {
    c.family()?
        .secret_from_seed(&|counter| derive(alg, c.derivation_label, counter, master))
}

impl SigningKey {
    /// Derives a key for `alg` from a 32-byte master seed (see the module docs for the
    /// derivation, which vectors pin).
    pub fn from_seed(alg: SigAlg, master: &[u8; 32]) -> Result<Self, Error> {
        alg.require_available()?;
        let mut secret = Zeroizing::new(Vec::with_capacity(alg.info().secret_key_len));
        match alg.scheme() {
            Scheme::Single(c) => secret.extend_from_slice(&component_secret(alg, c, master)?),
            Scheme::Composite(c) => {
                secret.extend_from_slice(&component_secret(alg, c.pq, master)?);
                secret.extend_from_slice(&component_secret(alg, c.classical, master)?);
            }
        }
        Self::from_parts(alg, &secret)
    }

    /// A key from its algorithm and raw secret payload: the component's secret (ECDSA
    /// scalar, ML-DSA seed ξ, FN-DSA signing key, SLH-DSA private key) or `pqSK ‖
    /// classicalSK` for composites (P-256: the draft's `ECPrivateKey`). Every part is
    /// checked: FN-DSA and SLH-DSA keys must be consistent with their public parts.
    pub fn from_parts(alg: SigAlg, payload: &[u8]) -> Result<Self, Error> {
        alg.require_available()?;
        codec::exact_len("secret key", alg.info().secret_key_len, payload.len())?;
        let (mut public, expanded) = match alg.scheme() {
            Scheme::Single(c) => {
                let (pk, cached) = c.family()?.keypair(payload)?;
                (pk, [cached, None])
            }
            Scheme::Composite(c) => {
                let (sk_pq, sk_classical) = c.split_secret(payload);
                let (mut pk, pq_cached) = c.pq.family()?.keypair(sk_pq)?;
                let (pk_classical, classical_cached) =
                    c.classical.family()?.keypair(sk_classical)?;
                pk.extend_from_slice(&pk_classical);
                (pk, [pq_cached, classical_cached])
            }
        };
        // Derived from the secret but public by design (see `crate::ct`).
        crate::ct::declassify(public.as_mut_slice());
        Ok(Self {
            secret: SecretEnvelope::secret(alg, payload),
            expanded,
            public: PublicKey::from_parts(alg, &public)?,
        })
    }

    /// Decodes the envelope `varint(SigId) ‖ secret payload`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let (alg, payload) = envelope::open(bytes)?;
        Self::from_parts(alg, payload)
    }

    /// The envelope encoding, in a zeroizing buffer.
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        self.secret.to_bytes()
    }

    /// The algorithm.
    pub fn alg(&self) -> SigAlg {
        self.secret.alg()
    }

    /// The public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public
    }

    /// Deterministic signature (ML-DSA and FN-DSA `rnd = 0^32`; SLH-DSA's deterministic
    /// variant; ECDSA RFC 6979; Ed25519 as always).
    pub fn sign_deterministic(&self, msg: &[u8], ctx: &[u8]) -> Result<Signature, Error> {
        self.sign_with_rnd(msg, ctx, [0; 32])
    }

    /// Hedged signature: the PQ scheme's randomness (ML-DSA's and FN-DSA's `rnd`, SLH-DSA's
    /// `opt_rand`) drawn from `rng` (the classical half stays deterministic, RFC 6979).
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
        let alg = self.alg();
        let secret = self.secret.payload();
        let expanded = |slot: usize| self.expanded[slot].as_deref().map(Vec::as_slice);
        let bytes = match alg.scheme() {
            Scheme::Single(c) => c.sign(secret, expanded(0), msg, ctx, &rnd)?,
            Scheme::Composite(c) => {
                let m = c.message_representative(msg, ctx)?;
                let (sk_pq, sk_classical) = c.split_secret(secret);
                let mut sig =
                    c.pq.sign(sk_pq, expanded(0), &m, c.label.as_bytes(), &rnd)?;
                sig.extend_from_slice(&c.classical.sign(
                    sk_classical,
                    expanded(1),
                    &m,
                    b"",
                    &rnd,
                )?);
                sig
            }
        };
        Ok(Signature(Envelope::new(alg, bytes)))
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("alg", &self.alg())
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl ConstantTimeEq for SigningKey {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        // Algorithms are public; compare secrets in constant time.
        subtle::Choice::from(u8::from(self.alg() == other.alg()))
            & self.secret.payload().ct_eq(other.secret.payload())
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
