//! Batch signature verification, across cores with the `parallel` feature (rayon).
//!
//! Each item is verified exactly as [`PublicKey::verify`] would; the batch only changes
//! where the work runs. There is no algebraic batching (no random linear combination of
//! equations), so a batch can never accept a signature that single verification
//! refuses, and the per-item answers pinpoint the bad ones.
//!
//! ```
//! use pqmigrate::sig::{verify_batch, SigAlg, SigningKey};
//!
//! let sk = SigningKey::from_seed(SigAlg::MlDsa44Secp256k1, &[1; 32]).unwrap();
//! let msgs: [&[u8]; 2] = [b"tx0", b"tx1"];
//! let sigs: Vec<_> = msgs.iter().map(|m| sk.sign_deterministic(m, b"chain").unwrap()).collect();
//! let items = [
//!     (sk.public_key(), msgs[0], &sigs[0]),
//!     (sk.public_key(), msgs[1], &sigs[0]), // wrong message
//! ];
//! let verdict = verify_batch(&items, b"chain");
//! assert!(!verdict.all_valid());
//! assert_eq!(verdict.invalid_indices(), vec![1]);
//! ```

use alloc::vec::Vec;

use super::{PublicKey, Signature};
use crate::error::VerifyError;

/// One item: the signer's key, the message and the signature.
pub type BatchItem<'a> = (&'a PublicKey, &'a [u8], &'a Signature);

/// Per-item results of [`verify_batch`], in input order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchVerdict {
    results: Vec<Result<(), VerifyError>>,
}

impl BatchVerdict {
    /// One result per item, in input order.
    pub fn results(&self) -> &[Result<(), VerifyError>] {
        &self.results
    }

    /// True if every item verified (and true for an empty batch).
    pub fn all_valid(&self) -> bool {
        self.results.iter().all(Result::is_ok)
    }

    /// Indices of the items that failed.
    pub fn invalid_indices(&self) -> Vec<usize> {
        self.results
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.is_err().then_some(i))
            .collect()
    }
}

/// Verifies every item under context `ctx` and reports each result.
pub fn verify_batch(items: &[BatchItem<'_>], ctx: &[u8]) -> BatchVerdict {
    let one = |&(pk, msg, sig): &BatchItem<'_>| pk.verify(msg, ctx, sig);
    #[cfg(feature = "parallel")]
    let results = {
        use rayon::prelude::*;
        items.par_iter().map(one).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let results = items.iter().map(one).collect();
    BatchVerdict { results }
}

/// The fast answer: `Ok` only if every item verifies; stops at the first failure
/// found (on any core). Says nothing about which item failed.
pub fn verify_all(items: &[BatchItem<'_>], ctx: &[u8]) -> Result<(), VerifyError> {
    let one = |&(pk, msg, sig): &BatchItem<'_>| pk.verify(msg, ctx, sig).is_ok();
    #[cfg(feature = "parallel")]
    let ok = {
        use rayon::prelude::*;
        items.par_iter().all(one)
    };
    #[cfg(not(feature = "parallel"))]
    let ok = items.iter().all(one);
    if ok { Ok(()) } else { Err(VerifyError) }
}
