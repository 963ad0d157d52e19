//! One signature component family — a classical curve or a post-quantum scheme — as
//! data: its sizes, class and name, and its operations behind one small trait.
//!
//! A scheme is either one component alone or a [`super::Composite`] of a PQ component
//! and a classical one. Every family module (`secp256k1`, `p256`, `ed25519`, `mldsa`,
//! `fndsa`, `slhdsa`) defines its [`Component`] values; keys, signatures, composites and the registry use
//! only this interface, so a new family is its own module plus registry rows.

use core::fmt;

use alloc::vec::Vec;
use zeroize::Zeroizing;

use super::VerifyMode;
use super::mldsa::MAX_CONTEXT_LEN;
use crate::error::Error;

/// What a component's security rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComponentClass {
    /// A classical curve: forgeable by Shor.
    Classical,
    /// A post-quantum scheme (NIST category in [`Component::pq_category`]).
    PostQuantum,
}

/// A public key and, if the family has one, the expanded signing key to cache.
pub(crate) type Keypair = (Vec<u8>, Option<Zeroizing<Vec<u8>>>);

/// The operations of a component family, on raw component bytes.
pub(crate) trait Family: Sync {
    /// Checks a public key strictly, its length included (one encoding per key).
    fn check_public(&self, pk: &[u8]) -> Result<(), Error>;

    /// Checks a signature's encoding strictly, its length included (range, canonical
    /// form, low S per `mode`).
    fn check_signature(&self, sig: &[u8], mode: VerifyMode) -> Result<(), Error>;

    /// The stored secret, derived from a stream of 32-byte values: `derive(counter)` for
    /// counter 0, 1, … By default the first value (any 32 bytes are a seed); a family
    /// that needs a valid scalar retries with the next one.
    fn secret_from_seed(
        &self,
        derive: &dyn Fn(u64) -> Zeroizing<[u8; 32]>,
    ) -> Result<Zeroizing<Vec<u8>>, Error> {
        Ok(Zeroizing::new(derive(0).to_vec()))
    }

    /// The public key of a stored secret, and the expanded signing key to cache (if the
    /// family has one).
    fn keypair(&self, secret: &[u8]) -> Result<Keypair, Error>;

    /// Signs `msg` with context `ctx` (classical families are only ever given an empty
    /// one, PQ families one of at most 255 bytes: [`Component::sign`] enforces both);
    /// `rnd` is the hedging randomness of families that use it.
    fn sign(
        &self,
        secret: &[u8],
        expanded: Option<&[u8]>,
        msg: &[u8],
        ctx: &[u8],
        rnd: &[u8; 32],
    ) -> Result<Vec<u8>, Error>;

    /// Verifies; any malformed input is simply invalid (classical families are only ever
    /// given an empty context, PQ families one of at most 255 bytes).
    fn verify(&self, pk: &[u8], msg: &[u8], ctx: &[u8], sig: &[u8], mode: VerifyMode) -> bool;
}

/// A signature component: sizes and facts as data, its operations behind a private
/// family trait (strict checks, key pair from secret, sign, verify, seed derivation).
pub struct Component {
    /// Name in `inspect` output and errors (`ml-dsa-65`, `secp256k1`, `p256`).
    pub name: &'static str,
    /// What its security rests on.
    pub class: ComponentClass,
    /// NIST post-quantum category; 0 for classical components.
    pub pq_category: u8,
    /// Public key bytes.
    pub public_key_len: usize,
    /// Signature bytes (the maximum where the encoding varies, e.g. DER).
    pub signature_len: usize,
    /// Whether every signature has exactly [`Self::signature_len`] bytes.
    pub fixed_signature_len: bool,
    /// Secret key bytes as stored (a seed, a scalar encoding, or the standard's private
    /// key where no standard pins key generation from a seed: FN-DSA).
    pub secret_key_len: usize,
    /// Whether the standard that defines it is still a draft (FN-DSA: FIPS 206), so its
    /// encodings may change with the final text.
    pub draft: bool,
    /// The component string of the master-seed derivation (see [`super`]).
    pub(crate) derivation_label: &'static str,
    /// The operations; `None` when this build leaves the family out (feature `lamps`).
    pub(crate) family: Option<&'static dyn Family>,
}

impl Component {
    /// Whether this build implements the component.
    pub const fn is_available(&self) -> bool {
        self.family.is_some()
    }

    pub(crate) fn family(&self) -> Result<&'static dyn Family, Error> {
        self.family.ok_or(Error::Unsupported {
            alg: self.name,
            what: "use in this build (enable feature `lamps`)",
        })
    }

    /// The family's strict public-key check.
    pub(crate) fn check_public(&self, pk: &[u8]) -> Result<(), Error> {
        self.family()?.check_public(pk)
    }

    /// The family's strict signature-encoding check.
    pub(crate) fn check_signature(&self, sig: &[u8], mode: VerifyMode) -> Result<(), Error> {
        self.family()?.check_signature(sig, mode)
    }

    /// Signs (the context rules first: a classical component has no context string —
    /// inside a composite the Label binds the context instead — and a PQ component's is
    /// at most 255 bytes, as FIPS 204, FIPS 205 and the FIPS 206 draft allow).
    pub(crate) fn sign(
        &self,
        secret: &[u8],
        expanded: Option<&[u8]>,
        msg: &[u8],
        ctx: &[u8],
        rnd: &[u8; 32],
    ) -> Result<Vec<u8>, Error> {
        if self.class == ComponentClass::Classical && !ctx.is_empty() {
            return Err(Error::Unsupported {
                alg: self.name,
                what: "a context string",
            });
        }
        if ctx.len() > MAX_CONTEXT_LEN {
            return Err(Error::ContextTooLong { len: ctx.len() });
        }
        self.family()?.sign(secret, expanded, msg, ctx, rnd)
    }

    /// Verifies; `false` for a context on a classical component, a context over 255
    /// bytes, or when this build leaves the family out.
    pub(crate) fn verify(
        &self,
        pk: &[u8],
        msg: &[u8],
        ctx: &[u8],
        sig: &[u8],
        mode: VerifyMode,
    ) -> bool {
        (self.class == ComponentClass::PostQuantum || ctx.is_empty())
            && ctx.len() <= MAX_CONTEXT_LEN
            && self
                .family
                .is_some_and(|f| f.verify(pk, msg, ctx, sig, mode))
    }
}

impl PartialEq for Component {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Component {}

impl fmt::Debug for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Component({})", self.name)
    }
}

/// `derive(0)`, `derive(1)`, … until `valid` accepts one (a 32-byte value fails a
/// scalar check with probability below 2^-127 per try, so 64 tries never run out).
pub(crate) fn first_valid(
    derive: &dyn Fn(u64) -> Zeroizing<[u8; 32]>,
    valid: impl Fn(&[u8; 32]) -> bool,
) -> Result<Zeroizing<[u8; 32]>, Error> {
    (0..64)
        .map(derive)
        .find(|s| valid(s))
        .ok_or(Error::SigningFailed)
}

/// A 32-byte secret from a slice whose length the caller checked.
pub(crate) fn secret32<'a>(what: &'static str, sk: &'a [u8]) -> Result<&'a [u8; 32], Error> {
    sk.try_into().map_err(|_| Error::WrongLength {
        what,
        expected: 32,
        got: sk.len(),
    })
}
