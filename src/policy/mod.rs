//! [`MigrationPolicy`]: which signature schemes and hash families a chain accepts at
//! which block height. One place a node asks — [`MigrationPolicy::check`] with a height
//! and a [`Subject`] — and one typed answer ([`PolicyError`]: algorithm, height, phase,
//! rule). Loadable from a TOML or JSON genesis config (feature `config`).
//!
//! Files: `schedule.rs` (the generic validated [`Schedule`] and its two step types),
//! `config.rs` (TOML/JSON loading), `error.rs` (the two errors).
//!
//! The model is Git's SHA-1 → SHA-256 transition: named phases, an overlap in which old
//! and new are both accepted, and a sunset after which the old is refused.
//!
//! ## Signature phases
//! Each phase runs from its height until the next one starts; phases come in this order
//! (a chain may skip some) and the first starts at height 0.
//!
//! | phase | classical-only (secp256k1) | hybrid (composite) | PQ-only (ML-DSA) |
//! |---|---|---|---|
//! | `classical-accepted` | accepted | accepted | refused (not yet) |
//! | `hybrid-required` | refused; may still sign an upgrade attestation | accepted | refused (not yet) |
//! | `pq-only-allowed` | refused; may still sign an upgrade attestation | accepted | accepted |
//! | `classical-sunset` | refused entirely, attestations too | accepted | accepted |
//!
//! An optional `algorithms` list restricts the schemes the chain accepts at all.
//!
//! ## Hash schedules
//! Per [`HashRole`], a schedule of `{ family, from, accepted-until? }` entries: the
//! family is current from `from` until the next entry starts, and data committed at a
//! height must use the family current at that height — so an old family stays valid
//! for history below its end and is refused above it. `accepted-until` extends a retired
//! family's acceptance past the switch (the overlap in which blocks carry a
//! [`crate::merkle::DualDigest`]). A role without a schedule follows the registry
//! status ([`crate::id::Status`]: deprecated families until their height, broken ones
//! never). A broken family (SHA-1, Curl-P-27) may appear only for history: it can never
//! be the last, open-ended entry.
//!
//! ## Heights
//! Every check takes the height of the block that **carries** the data, which the node
//! supplies — never a height written inside a record by whoever signed or built it. An
//! [`UpgradeAttestation`] names the height it was signed for; the policy accepts it only
//! within `attestation-max-age` blocks (default 0) below the including block and judges
//! the phase at the including block, so a key recovered after the classical sunset
//! cannot backdate its way in ([`Subject::UpgradeAttestation`]).
//! A [`crate::merkle::RootTransition`] is valid only in the block at its own height
//! ([`Subject::RootTransition`]); a [`crate::merkle::DualDigest`] has no height and is
//! judged at the including block's ([`Subject::DualDigest`]).
//!
//! ```
//! use pqmigrate::hash::HashRole;
//! use pqmigrate::id::{HashId, SigId};
//! use pqmigrate::policy::{MigrationPolicy, Phase, SigPhase, Subject};
//!
//! # #[cfg(feature = "config")] {
//! let policy = MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML).unwrap();
//! assert!(policy.check(999, Subject::Signature(SigId::SECP256K1)).is_ok());
//! let refused = policy.check(1000, Subject::Signature(SigId::SECP256K1)).unwrap_err();
//! assert_eq!(refused.phase, Phase::Signature(SigPhase::HybridRequired));
//! let keccak_merkle = Subject::Hash(HashRole::Merkle, HashId::KECCAK_256);
//! assert!(policy.check(1999, keccak_merkle).is_ok());
//! assert!(policy.check(2000, keccak_merkle).is_err());
//! # }
//! ```

use alloc::{format, vec::Vec};

use crate::hash::{HashAlg, HashRole, HashSuite};
use crate::id::{HashId, SigId, Status};
use crate::merkle::{DualDigest, RootTransition};
use crate::sig::{SigClass, UpgradeAttestation};

mod config;
mod error;
mod schedule;

pub use error::{ConfigError, Phase, PolicyAlg, PolicyError, Rule};
pub use schedule::{HashEntry, PhaseStart, Schedule, SigPhase, Step};

/// The signature phases by height.
pub type SigSchedule = Schedule<PhaseStart>;

/// One role's hash families by height.
pub type HashSchedule = Schedule<HashEntry>;

/// Is an attestation signed for `signed` current in the block at `inclusion`: not from
/// the future, and at most `max_age` blocks old?
pub fn attestation_is_current(signed: u64, inclusion: u64, max_age: u64) -> bool {
    signed <= inclusion && inclusion - signed <= max_age
}

/// What a node asks the policy about, for the block at a given height (always the
/// height of the block that carries the data: see the module docs).
#[derive(Clone, Copy, Debug)]
pub enum Subject<'a> {
    /// A transaction signature of this scheme.
    Signature(SigId),
    /// A key of this scheme signing a key-upgrade attestation (the signer question
    /// alone; [`Subject::UpgradeAttestation`] asks it together with the height window).
    /// Classical keys may until the classical sunset; other keys always may (if
    /// accepted at all).
    AttestationSigner(SigId),
    /// An upgrade attestation: its own height must lie in `[height -
    /// attestation-max-age, height]` ([`Rule::AttestationNotCurrent`] otherwise) and its
    /// old key must be allowed to sign upgrades **at the including height**, so one
    /// backdated to before the classical sunset is refused once the sunset has passed.
    /// The signature itself is checked by [`UpgradeAttestation::verify`]; a node needs both.
    UpgradeAttestation(&'a UpgradeAttestation),
    /// Any other statement signed for height `signed` by a key of scheme `signer` (a
    /// multisig rotation's signers, say): the rules of [`Subject::UpgradeAttestation`]
    /// — `signed` within `attestation-max-age` below the including height, and the
    /// signer allowed to sign upgrades there.
    SignedStatement {
        /// The signing key's scheme.
        signer: SigId,
        /// The height written in the statement by its signer.
        signed: u64,
    },
    /// Data committed in a role under a hash family.
    Hash(HashRole, HashId),
    /// Every role of a [`HashSuite`] (which must itself be valid).
    Suite(&'a HashSuite),
    /// A Merkle root transition: its height must be the including height (it takes
    /// effect in the block that carries it), its new family the Merkle family current
    /// there (a broken one never is: [`RootTransition`] cannot even hold it), and its old
    /// family accepted for the block below. The roots are checked by
    /// [`RootTransition::verify`].
    RootTransition(&'a RootTransition),
    /// A dual digest in a role: both families must be accepted at the height (the
    /// overlap of a schedule with `accepted-until`).
    DualDigest(HashRole, &'a DualDigest),
}

/// Signature rules: the phase schedule and, optionally, the only schemes accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawSignatureRules", into = "RawSignatureRules")
)]
pub struct SignatureRules {
    phases: SigSchedule,
    algorithms: Option<Vec<SigId>>,
    attestation_max_age: u64,
}

impl SignatureRules {
    /// Validates that `algorithms` (if given) are registered, distinct, and leave every
    /// phase at least one scheme it accepts.
    pub fn new(phases: SigSchedule, algorithms: Option<Vec<SigId>>) -> Result<Self, ConfigError> {
        if let Some(algs) = &algorithms {
            for (i, id) in algs.iter().enumerate() {
                if id.info().is_none() {
                    return Err(ConfigError::new(
                        format!("algorithms[{i}]"),
                        format!("unknown signature algorithm id {:#x}", id.0),
                    ));
                }
                if algs[..i].contains(id) {
                    return Err(ConfigError::new(
                        format!("algorithms[{i}]"),
                        format!("{id} is listed twice"),
                    ));
                }
            }
            for p in phases.steps() {
                let usable = algs
                    .iter()
                    .any(|&id| SigClass::of(id).is_some_and(|c| p.phase.accepts(c)));
                if !usable {
                    return Err(ConfigError::new(
                        "algorithms",
                        format!(
                            "phase {} (from {}) would accept none of the listed algorithms",
                            p.phase, p.from
                        ),
                    ));
                }
            }
        }
        Ok(Self {
            phases,
            algorithms,
            attestation_max_age: 0,
        })
    }

    /// Sets how many blocks an upgrade attestation may wait between the height it was
    /// signed for and the block that includes it (config `attestation-max-age`, default
    /// 0: it must be included at exactly its own height). The policy is always checked
    /// at the inclusion height, so a longer window never lets an attestation past the
    /// classical sunset.
    pub fn with_attestation_max_age(mut self, blocks: u64) -> Self {
        self.attestation_max_age = blocks;
        self
    }

    /// See [`Self::with_attestation_max_age`].
    pub fn attestation_max_age(&self) -> u64 {
        self.attestation_max_age
    }

    /// The phase schedule.
    pub fn schedule(&self) -> &SigSchedule {
        &self.phases
    }

    /// The accepted schemes, if restricted.
    pub fn algorithms(&self) -> Option<&[SigId]> {
        self.algorithms.as_deref()
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignatureRules {
    phases: SigSchedule,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "config::names::sig_opt"
    )]
    algorithms: Option<Vec<SigId>>,
    #[serde(
        default,
        rename = "attestation-max-age",
        skip_serializing_if = "is_zero"
    )]
    attestation_max_age: u64,
}

#[cfg(feature = "serde")]
fn is_zero(v: &u64) -> bool {
    *v == 0
}

#[cfg(feature = "serde")]
impl TryFrom<RawSignatureRules> for SignatureRules {
    type Error = ConfigError;
    fn try_from(r: RawSignatureRules) -> Result<Self, ConfigError> {
        Ok(Self::new(r.phases, r.algorithms)?.with_attestation_max_age(r.attestation_max_age))
    }
}

#[cfg(feature = "serde")]
impl From<SignatureRules> for RawSignatureRules {
    fn from(r: SignatureRules) -> Self {
        Self {
            phases: r.phases,
            algorithms: r.algorithms,
            attestation_max_age: r.attestation_max_age,
        }
    }
}

/// Hash schedules per role; a role without one follows the registry status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "kebab-case")
)]
pub struct HashRules {
    /// Transaction ids.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub tx_id: Option<RoleSchedule>,
    /// Merkle trees.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub merkle: Option<RoleSchedule>,
    /// Addresses.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub address: Option<RoleSchedule>,
    /// Block headers.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub header: Option<RoleSchedule>,
}

/// The config table of one role: `[hashes.merkle] schedule = [...]`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RoleSchedule {
    /// The schedule.
    pub schedule: HashSchedule,
}

impl HashRules {
    /// The schedule of `role`, if configured.
    pub fn get(&self, role: HashRole) -> Option<&HashSchedule> {
        match role {
            HashRole::TxId => self.tx_id.as_ref(),
            HashRole::Merkle => self.merkle.as_ref(),
            HashRole::Address => self.address.as_ref(),
            HashRole::Header => self.header.as_ref(),
        }
        .map(|r| &r.schedule)
    }
}

/// A chain's migration policy: signature phases and hash schedules by height.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MigrationPolicy {
    /// Config format version; must be [`MigrationPolicy::VERSION`].
    #[cfg_attr(feature = "serde", serde(deserialize_with = "config::names::version"))]
    pub version: u32,
    /// Signature rules.
    pub signatures: SignatureRules,
    /// Hash schedules.
    #[cfg_attr(feature = "serde", serde(default))]
    pub hashes: HashRules,
}

impl Default for MigrationPolicy {
    /// Classical and hybrid signatures accepted from height 0, no scheme list, and no
    /// hash schedules: every role follows the registry status.
    fn default() -> Self {
        let phases = SigSchedule::new(alloc::vec![PhaseStart {
            phase: SigPhase::ClassicalAccepted,
            from: 0,
        }])
        .expect("one phase from 0 is a valid schedule");
        let signatures = SignatureRules::new(phases, None).expect("no scheme list to check");
        Self::new(signatures, HashRules::default())
    }
}

impl MigrationPolicy {
    /// The config format version this build reads.
    pub const VERSION: u32 = 1;

    /// The commented example config printed by `pqmigrate policy example`.
    pub const EXAMPLE_TOML: &'static str = include_str!("example.toml");

    /// A policy from validated parts.
    pub fn new(signatures: SignatureRules, hashes: HashRules) -> Self {
        Self {
            version: Self::VERSION,
            signatures,
            hashes,
        }
    }

    /// May the block at `height` carry `subject`? The one question a node asks.
    pub fn check(&self, height: u64, subject: Subject<'_>) -> Result<(), PolicyError> {
        match subject {
            Subject::Signature(id) => self.signature(height, id),
            Subject::AttestationSigner(id) => self.attestation_signer(height, id),
            Subject::UpgradeAttestation(att) => {
                self.signed_statement(height, att.old_key().alg().id(), att.height())
            }
            Subject::SignedStatement { signer, signed } => {
                self.signed_statement(height, signer, signed)
            }
            Subject::Hash(role, id) => self.hash(height, role, id),
            Subject::Suite(suite) => self.suite(height, suite),
            Subject::RootTransition(t) => self.root_transition(height, t),
            Subject::DualDigest(role, d) => {
                self.hash(height, role, d.old().alg().id())?;
                self.hash(height, role, d.new_digest().alg().id())
            }
        }
    }

    /// The signature phase in force at `height`.
    pub fn phase_at(&self, height: u64) -> SigPhase {
        self.signatures.phases.at(height).phase
    }

    /// The cheapest family accepted in `role` at `height` whose post-quantum security
    /// ([`crate::hash::HashSecurity::post_quantum`]) is at least `min_pq_bits`.
    ///
    /// `cost` is the caller's measure: measured nanoseconds per hash from a benchmark,
    /// or bytes on chain (`|a| a.output_len() as u64`). Ties go to the earlier family in
    /// registry order. `None` if no family qualifies.
    ///
    /// ```
    /// use pqmigrate::hash::{HashAlg, HashRole};
    /// use pqmigrate::policy::MigrationPolicy;
    ///
    /// // 256-bit post-quantum security needs a 512-bit family.
    /// let policy = MigrationPolicy::default();
    /// let by_size = policy.cheapest_hash(0, HashRole::Merkle, 256, |a| a.output_len() as u64);
    /// assert_eq!(by_size, Some(HashAlg::Sha2_512));
    /// ```
    pub fn cheapest_hash(
        &self,
        height: u64,
        role: HashRole,
        min_pq_bits: u16,
        mut cost: impl FnMut(HashAlg) -> u64,
    ) -> Option<HashAlg> {
        HashAlg::ALL
            .into_iter()
            .filter(|a| self.hash(height, role, a.id()).is_ok())
            .filter(|a| a.info().security.post_quantum() >= min_pq_bits)
            .map(|a| (cost(a), a))
            .min_by_key(|&(c, a)| (c, a))
            .map(|(_, a)| a)
    }

    /// Checks the parts that a deserialized value cannot guarantee by construction.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.version != Self::VERSION {
            return Err(ConfigError::new(
                "version",
                format!(
                    "unsupported version {} (this build reads {})",
                    self.version,
                    Self::VERSION
                ),
            ));
        }
        Ok(())
    }

    fn sig_error(&self, height: u64, id: SigId, rule: Rule) -> PolicyError {
        PolicyError {
            height,
            alg: PolicyAlg::Signature(id),
            phase: Phase::Signature(self.phase_at(height)),
            rule,
        }
    }

    fn is_listed(&self, id: SigId) -> bool {
        self.signatures
            .algorithms
            .as_ref()
            .is_none_or(|algs| algs.contains(&id))
    }

    fn signature(&self, height: u64, id: SigId) -> Result<(), PolicyError> {
        let err = |rule| Err(self.sig_error(height, id, rule));
        let Some(class) = SigClass::of(id) else {
            return err(Rule::UnknownAlgorithm);
        };
        if !self.is_listed(id) {
            return err(Rule::NotAccepted);
        }
        if self.phase_at(height).accepts(class) {
            return Ok(());
        }
        err(match class {
            SigClass::Classical => Rule::ClassicalOnlyRefused,
            _ => Rule::PqOnlyNotYetAllowed {
                from: self.phase_start(SigPhase::PqOnlyAllowed),
            },
        })
    }

    fn attestation_signer(&self, height: u64, id: SigId) -> Result<(), PolicyError> {
        let err = |rule| Err(self.sig_error(height, id, rule));
        match SigClass::of(id) {
            None => err(Rule::UnknownAlgorithm),
            Some(_) if !self.is_listed(id) => err(Rule::NotAccepted),
            Some(SigClass::Classical) if self.phase_at(height) == SigPhase::ClassicalSunset => {
                err(Rule::ClassicalSunset)
            }
            Some(_) => Ok(()),
        }
    }

    fn signed_statement(&self, height: u64, id: SigId, signed: u64) -> Result<(), PolicyError> {
        let max_age = self.signatures.attestation_max_age;
        if !attestation_is_current(signed, height, max_age) {
            return Err(self.sig_error(
                height,
                id,
                Rule::AttestationNotCurrent { signed, max_age },
            ));
        }
        self.attestation_signer(height, id)
    }

    fn suite(&self, height: u64, suite: &HashSuite) -> Result<(), PolicyError> {
        for role in HashRole::ALL {
            self.hash(height, role, suite.get(role).id())?;
        }
        Ok(())
    }

    fn root_transition(&self, height: u64, t: &RootTransition) -> Result<(), PolicyError> {
        let refuse = |alg: HashId, rule| {
            Err(PolicyError {
                height,
                alg: PolicyAlg::Hash(alg),
                phase: Phase::RootTransition,
                rule,
            })
        };
        let new = t.new_digest().alg().id();
        if t.height() != height {
            return refuse(new, Rule::TransitionNotCurrent { signed: t.height() });
        }
        self.hash(height, HashRole::Merkle, new)?;
        // At height 0 there is no history for the old family to have committed.
        let Some(below) = height.checked_sub(1) else {
            return refuse(t.old().alg().id(), Rule::HashRetired { until: 0 });
        };
        self.hash(below, HashRole::Merkle, t.old().alg().id())
    }

    /// May data committed at `height` in `role` use the family `id`?
    fn hash(&self, height: u64, role: HashRole, id: HashId) -> Result<(), PolicyError> {
        let Some(schedule) = self.hashes.get(role) else {
            return registry_status(height, role, id);
        };
        let k = schedule.index_at(height);
        let entries = schedule.steps();
        let current = entries[k];
        let err = |rule| {
            Err(PolicyError {
                height,
                alg: PolicyAlg::Hash(id),
                phase: Phase::HashSchedule {
                    role,
                    current: current.family,
                    from: current.from,
                },
                rule,
            })
        };
        if current.family == id {
            return Ok(());
        }
        match entries.iter().position(|e| e.family == id) {
            Some(i) if i < k => {
                let end = entries[i + 1]
                    .from
                    .max(entries[i].accepted_until.unwrap_or(0));
                if height < end {
                    Ok(()) // overlap
                } else {
                    err(Rule::HashRetired { until: end })
                }
            }
            Some(i) => err(Rule::HashNotYet {
                from: entries[i].from,
            }),
            None if id.info().is_none() => err(Rule::UnknownAlgorithm),
            None => err(Rule::HashNotScheduled {
                current: current.family,
            }),
        }
    }

    fn phase_start(&self, phase: SigPhase) -> Option<u64> {
        self.signatures
            .phases
            .steps()
            .iter()
            .find(|p| p.phase == phase)
            .map(|p| p.from)
    }
}

/// A role without a schedule follows the registry status: recommended and allowed
/// families always, deprecated ones below their height, broken ones never.
fn registry_status(height: u64, role: HashRole, id: HashId) -> Result<(), PolicyError> {
    let err = |rule| {
        Err(PolicyError {
            height,
            alg: PolicyAlg::Hash(id),
            phase: Phase::HashRegistry { role },
            rule,
        })
    };
    let Some(info) = id.info() else {
        return err(Rule::UnknownAlgorithm);
    };
    match info.status {
        Status::Recommended | Status::Allowed => Ok(()),
        Status::Deprecated { from_height } if height < from_height => Ok(()),
        status => err(Rule::RegistryStatus { status }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a schedule the registry status decides: broken families (SHA-1,
    /// Curl-P-27) are refused at every height, history included; sound ones accepted.
    #[test]
    fn registry_status_refuses_broken_families_at_every_height() {
        let p = MigrationPolicy::default();
        for height in [0, 1, u64::MAX] {
            for broken in [HashId::SHA1, HashId::CURL_P_27] {
                let e = p
                    .check(height, Subject::Hash(HashRole::TxId, broken))
                    .unwrap_err();
                assert_eq!(
                    e.rule,
                    Rule::RegistryStatus {
                        status: Status::Broken
                    }
                );
                assert_eq!(
                    e.phase,
                    Phase::HashRegistry {
                        role: HashRole::TxId
                    }
                );
            }
            assert!(
                p.check(height, Subject::Hash(HashRole::TxId, HashId::SHA3_256))
                    .is_ok()
            );
        }
    }

    #[test]
    fn suite_check_names_the_refused_family_and_role() {
        let p = MigrationPolicy::default();
        assert!(p.check(7, Subject::Suite(&HashSuite::KECCAK)).is_ok());
        let mut with_sha1 = HashSuite::SHA3;
        with_sha1.tx_id = HashAlg::Sha1;
        let e = p.check(7, Subject::Suite(&with_sha1)).unwrap_err();
        assert_eq!(
            (e.alg, e.phase),
            (
                PolicyAlg::Hash(HashId::SHA1),
                Phase::HashRegistry {
                    role: HashRole::TxId
                }
            )
        );
    }

    #[test]
    fn cheapest_respects_level_policy_and_cost() {
        let p = MigrationPolicy::default();
        // Made-up costs: blake3 cheapest, then sha2-256, etc.
        let cost = |a: HashAlg| match a {
            HashAlg::Blake3 => 1,
            HashAlg::Sha2_256 => 2,
            HashAlg::Sha2_512 => 3,
            HashAlg::Sha1 => 0,
            _ => 10,
        };
        let role = HashRole::Merkle;
        assert_eq!(p.cheapest_hash(0, role, 128, cost), Some(HashAlg::Blake3));
        assert_eq!(p.cheapest_hash(0, role, 192, cost), Some(HashAlg::Sha2_512));
        assert_eq!(p.cheapest_hash(0, role, 257, cost), None);
        // SHA-1 is cheapest by these costs and claims 80 bits, but it is broken.
        assert_eq!(p.cheapest_hash(0, role, 0, cost), Some(HashAlg::Blake3));
    }
}
