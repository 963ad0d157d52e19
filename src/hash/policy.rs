//! [`HashPolicy`]: which families a chain accepts, for new commitments and for history.

use super::{HashAlg, HashSuite};
use crate::error::Error;
use crate::id::Status;

/// A chain's status for each hash family, plus history cutoffs for broken ones.
///
/// Plain data, built as a const and changed with the `with_*` builders:
///
/// ```
/// use pqmigrate::hash::{HashAlg, HashPolicy};
/// use pqmigrate::id::Status;
///
/// let policy = HashPolicy::DEFAULT
///     .with_status(HashAlg::Keccak256, Status::Deprecated { from_height: 2000 });
/// assert!(policy.check_new(HashAlg::Keccak256, 1999).is_ok());
/// assert!(policy.check_new(HashAlg::Keccak256, 2000).is_err());
/// assert!(policy.check_history(HashAlg::Keccak256, 1500).is_ok());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashPolicy {
    status: [Status; HashAlg::COUNT],
    /// For `Broken` families: data committed below this height is still verifiable.
    history_below: [u64; HashAlg::COUNT],
}

impl Default for HashPolicy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl HashPolicy {
    /// The registry's default status for every family; no broken history accepted.
    pub const DEFAULT: Self = {
        let mut status = [Status::Recommended; HashAlg::COUNT];
        let mut i = 0;
        while i < HashAlg::COUNT {
            status[i] = HashAlg::ALL[i].info().status;
            i += 1;
        }
        Self {
            status,
            history_below: [0; HashAlg::COUNT],
        }
    };

    /// Sets the status of one family.
    pub const fn with_status(mut self, alg: HashAlg, status: Status) -> Self {
        self.status[alg.index()] = status;
        self
    }

    /// For a `Broken` family: accept history committed strictly below `height`.
    pub const fn with_history_cutoff(mut self, alg: HashAlg, height: u64) -> Self {
        self.history_below[alg.index()] = height;
        self
    }

    /// The status of `alg`.
    pub const fn status(&self, alg: HashAlg) -> Status {
        self.status[alg.index()]
    }

    /// May a new commitment at `height` use `alg`?
    pub fn check_new(&self, alg: HashAlg, height: u64) -> Result<(), Error> {
        let reject = |rule| {
            Err(Error::PolicyRejected {
                alg: alg.name(),
                height,
                rule,
            })
        };
        match self.status(alg) {
            Status::Recommended | Status::Allowed => Ok(()),
            Status::Deprecated { from_height } if height < from_height => Ok(()),
            Status::Deprecated { .. } => {
                reject("deprecated: refused for new commitments from its deprecation height")
            }
            Status::Broken => reject("broken: never accepted for new commitments"),
        }
    }

    /// May data committed at `height` under `alg` still be verified?
    pub fn check_history(&self, alg: HashAlg, height: u64) -> Result<(), Error> {
        match self.status(alg) {
            Status::Broken if height >= self.history_below[alg.index()] => {
                Err(Error::PolicyRejected {
                    alg: alg.name(),
                    height,
                    rule: "broken: history accepted only below the configured cutoff",
                })
            }
            _ => Ok(()),
        }
    }

    /// Checks every role of `suite` for new commitments at `height` (and the suite itself).
    pub fn check_suite(&self, suite: &HashSuite, height: u64) -> Result<(), Error> {
        suite.validate()?;
        for role in super::HashRole::ALL {
            self.check_new(suite.get(role), height)?;
        }
        Ok(())
    }

    /// The cheapest family accepted for new commitments at `height` whose post-quantum
    /// security ([`crate::hash::HashSecurity::post_quantum`]) is at least `min_pq_bits`.
    ///
    /// `cost` is the caller's measure: measured nanoseconds per hash from a benchmark,
    /// or bytes on chain (`|a| a.output_len() as u64`). Ties go to the earlier family in
    /// registry order. `None` if no family qualifies.
    ///
    /// ```
    /// use pqmigrate::hash::{HashAlg, HashPolicy};
    ///
    /// // 256-bit post-quantum security needs a 512-bit family.
    /// let by_size = HashPolicy::DEFAULT.cheapest(0, 256, |a| a.output_len() as u64);
    /// assert_eq!(by_size, Some(HashAlg::Sha2_512));
    /// ```
    pub fn cheapest(
        &self,
        height: u64,
        min_pq_bits: u16,
        mut cost: impl FnMut(HashAlg) -> u64,
    ) -> Option<HashAlg> {
        HashAlg::ALL
            .into_iter()
            .filter(|&a| self.check_new(a, height).is_ok())
            .filter(|a| a.info().security.post_quantum() >= min_pq_bits)
            .map(|a| (cost(a), a))
            .min_by_key(|&(c, a)| (c, a))
            .map(|(_, a)| a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_families_only_for_history_below_cutoff() {
        let p = HashPolicy::DEFAULT
            .with_status(HashAlg::Sha2_256, Status::Broken)
            .with_history_cutoff(HashAlg::Sha2_256, 100);
        let e = p.check_new(HashAlg::Sha2_256, 0).unwrap_err();
        assert!(matches!(
            e,
            Error::PolicyRejected {
                alg: "sha2-256",
                height: 0,
                ..
            }
        ));
        assert!(p.check_history(HashAlg::Sha2_256, 99).is_ok());
        assert!(p.check_history(HashAlg::Sha2_256, 100).is_err());
        // Without a cutoff nothing broken is accepted.
        let strict = HashPolicy::DEFAULT.with_status(HashAlg::Blake3, Status::Broken);
        assert!(strict.check_history(HashAlg::Blake3, 0).is_err());
    }

    #[test]
    fn suite_check_names_the_refused_family() {
        let p = HashPolicy::DEFAULT
            .with_status(HashAlg::Keccak256, Status::Deprecated { from_height: 10 });
        assert!(p.check_suite(&HashSuite::KECCAK, 9).is_ok());
        let e = p.check_suite(&HashSuite::KECCAK, 10).unwrap_err();
        assert!(matches!(
            e,
            Error::PolicyRejected {
                alg: "keccak-256",
                height: 10,
                ..
            }
        ));
        assert!(p.check_suite(&HashSuite::SHA3, 10).is_ok());
    }

    #[test]
    fn cheapest_respects_level_policy_and_cost() {
        let p = HashPolicy::DEFAULT;
        // Made-up costs: blake3 cheapest, then sha2-256, etc.
        let cost = |a: HashAlg| match a {
            HashAlg::Blake3 => 1,
            HashAlg::Sha2_256 => 2,
            HashAlg::Sha2_512 => 3,
            _ => 10,
        };
        assert_eq!(p.cheapest(0, 128, cost), Some(HashAlg::Blake3));
        assert_eq!(p.cheapest(0, 192, cost), Some(HashAlg::Sha2_512));
        assert_eq!(p.cheapest(0, 257, cost), None);
        let no_blake = p.with_status(HashAlg::Blake3, Status::Broken);
        assert_eq!(no_blake.cheapest(0, 128, cost), Some(HashAlg::Sha2_256));
    }
}
