//! [`MigrationPolicy`]: which signature schemes and hash families a chain accepts at
//! which block height. One place a node asks; loadable from a TOML or JSON genesis
//! config (feature `config`).
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
//! status ([`crate::hash::HashPolicy::DEFAULT`]). A broken family (SHA-1, Curl-P-27)
//! may appear only for history: it can never be the last, open-ended entry.
//!
//! ## Heights
//! Every check takes the height of the block that **carries** the data, which the node
//! supplies — never a height written inside a record by whoever signed or built it. An
//! [`super::UpgradeAttestation`] names the height it was signed for; the policy accepts
//! it only within `attestation-max-age` blocks (default 0) below the including block
//! and judges the phase at the including block, so a key recovered after the classical
//! sunset cannot backdate its way in ([`MigrationPolicy::check_upgrade_attestation`]).
//! A [`crate::merkle::RootTransition`] is valid only in the block at its own height
//! ([`MigrationPolicy::check_root_transition`]); a [`crate::merkle::DualDigest`] has no
//! height and is judged at the including block's ([`MigrationPolicy::check_dual_digest`]).
//!
//! ```
//! use pqmigrate::hash::HashRole;
//! use pqmigrate::id::{HashId, SigId};
//! use pqmigrate::sig::MigrationPolicy;
//!
//! # #[cfg(feature = "config")] {
//! let policy = MigrationPolicy::from_toml_str(MigrationPolicy::EXAMPLE_TOML).unwrap();
//! assert!(policy.check_signature(999, SigId::SECP256K1).is_ok());
//! let refused = policy.check_signature(1000, SigId::SECP256K1).unwrap_err();
//! assert_eq!(refused.phase, "hybrid-required");
//! assert!(policy.check_hash(1999, HashRole::Merkle, HashId::KECCAK_256).is_ok());
//! assert!(policy.check_hash(2000, HashRole::Merkle, HashId::KECCAK_256).is_err());
//! # }
//! ```

use core::fmt;

use alloc::{
    format,
    string::{String, ToString},
    vec::Vec,
};

use super::{SigClass, UpgradeAttestation};
use crate::hash::{HashAlg, HashPolicy, HashRole};
use crate::id::{HashId, SigId, Status};
use crate::merkle::{DualDigest, RootTransition};

/// Is an attestation signed for `signed` current in the block at `inclusion`: not from
/// the future, and at most `max_age` blocks old?
pub fn attestation_is_current(signed: u64, inclusion: u64, max_age: u64) -> bool {
    signed <= inclusion && inclusion - signed <= max_age
}

/// A signature phase. Phases only move forward, in declaration order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub enum SigPhase {
    /// Classical-only and hybrid signatures are accepted.
    ClassicalAccepted,
    /// New signatures must be hybrid; classical keys may only sign upgrade attestations.
    HybridRequired,
    /// Hybrid and PQ-only signatures are accepted.
    PqOnlyAllowed,
    /// Classical keys are refused entirely, upgrade attestations included.
    ClassicalSunset,
}

impl SigPhase {
    /// Every phase, in order.
    pub const ALL: [Self; 4] = [
        Self::ClassicalAccepted,
        Self::HybridRequired,
        Self::PqOnlyAllowed,
        Self::ClassicalSunset,
    ];

    /// The config name (`hybrid-required`).
    pub const fn name(self) -> &'static str {
        match self {
            Self::ClassicalAccepted => "classical-accepted",
            Self::HybridRequired => "hybrid-required",
            Self::PqOnlyAllowed => "pq-only-allowed",
            Self::ClassicalSunset => "classical-sunset",
        }
    }

    /// Does this phase accept a transaction signature of `class`?
    pub const fn accepts(self, class: SigClass) -> bool {
        match class {
            SigClass::Classical => matches!(self, Self::ClassicalAccepted),
            SigClass::Hybrid => true,
            SigClass::PostQuantum => matches!(self, Self::PqOnlyAllowed | Self::ClassicalSunset),
        }
    }
}

impl fmt::Display for SigPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The start of one signature phase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PhaseStart {
    /// The phase.
    pub phase: SigPhase,
    /// First block height of the phase.
    pub from: u64,
}

/// A validated signature phase schedule: starts at height 0, phases in order, heights
/// strictly increasing (no overlaps, no empty phases).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<PhaseStart>", into = "Vec<PhaseStart>")
)]
pub struct SigSchedule(Vec<PhaseStart>);

impl SigSchedule {
    /// Validates `phases`.
    pub fn new(phases: Vec<PhaseStart>) -> Result<Self, ConfigError> {
        let Some(first) = phases.first() else {
            return Err(ConfigError::new("phases", "at least one phase is required"));
        };
        if first.from != 0 {
            return Err(ConfigError::new(
                "phases[0].from",
                format!("the first phase must start at height 0, not {}", first.from),
            ));
        }
        for (i, w) in phases.windows(2).enumerate() {
            let (prev, next) = (w[0], w[1]);
            let key = format!("phases[{}]", i + 1);
            if next.phase <= prev.phase {
                return Err(ConfigError::new(
                    key,
                    format!(
                        "{} cannot follow {} (order: classical-accepted, hybrid-required, \
                         pq-only-allowed, classical-sunset)",
                        next.phase, prev.phase
                    ),
                ));
            }
            if next.from <= prev.from {
                return Err(ConfigError::new(
                    key + ".from",
                    format!(
                        "heights must increase: {} from {} overlaps {} from {}",
                        next.phase, next.from, prev.phase, prev.from
                    ),
                ));
            }
        }
        Ok(Self(phases))
    }

    /// The phase in force at `height`.
    pub fn at(&self, height: u64) -> PhaseStart {
        // Non-empty and starts at 0, so some entry always applies.
        *self
            .0
            .iter()
            .rev()
            .find(|p| p.from <= height)
            .unwrap_or(&self.0[0])
    }

    /// The phases, in order.
    pub fn phases(&self) -> &[PhaseStart] {
        &self.0
    }
}

impl TryFrom<Vec<PhaseStart>> for SigSchedule {
    type Error = ConfigError;
    fn try_from(v: Vec<PhaseStart>) -> Result<Self, ConfigError> {
        Self::new(v)
    }
}

impl From<SigSchedule> for Vec<PhaseStart> {
    fn from(s: SigSchedule) -> Self {
        s.0
    }
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
            for p in phases.phases() {
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
        with = "names::sig_opt"
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

/// One entry of a hash schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "kebab-case")
)]
pub struct HashEntry {
    /// The family (config: its registry name).
    #[cfg_attr(feature = "serde", serde(with = "names::hash"))]
    pub family: HashId,
    /// First height at which it is the current family.
    pub from: u64,
    /// Still accepted, after the next entry takes over, below this height (overlap).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub accepted_until: Option<u64>,
}

/// A validated hash schedule for one role: starts at 0, heights strictly increasing,
/// each family once, overlaps only past the switch, no broken family left open-ended.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "Vec<HashEntry>", into = "Vec<HashEntry>")
)]
pub struct HashSchedule(Vec<HashEntry>);

impl HashSchedule {
    /// Validates `entries`.
    pub fn new(entries: Vec<HashEntry>) -> Result<Self, ConfigError> {
        let Some(first) = entries.first() else {
            return Err(ConfigError::new(
                "schedule",
                "at least one entry is required",
            ));
        };
        if first.from != 0 {
            return Err(ConfigError::new(
                "schedule[0].from",
                format!("the first entry must start at height 0, not {}", first.from),
            ));
        }
        for (i, e) in entries.iter().enumerate() {
            let key = format!("schedule[{i}]");
            let Some(info) = e.family.info() else {
                return Err(ConfigError::new(
                    key + ".family",
                    format!("unknown hash family id {:#x}", e.family.0),
                ));
            };
            if entries[..i].iter().any(|p| p.family == e.family) {
                return Err(ConfigError::new(
                    key + ".family",
                    format!("{} is scheduled twice", info.name),
                ));
            }
            match entries.get(i + 1) {
                Some(next) => {
                    if next.from <= e.from {
                        return Err(ConfigError::new(
                            format!("schedule[{}].from", i + 1),
                            format!(
                                "heights must increase: {} from {} overlaps {} from {}",
                                next.family, next.from, e.family, e.from
                            ),
                        ));
                    }
                    if info.status == Status::Broken && e.accepted_until.is_some() {
                        return Err(ConfigError::new(
                            key + ".accepted-until",
                            format!(
                                "{} is broken: it may not stay accepted past the switch to {} \
                                 at {} (rule: broken families are verify-only history; drop \
                                 accepted-until)",
                                info.name, next.family, next.from
                            ),
                        ));
                    }
                    if let Some(until) = e.accepted_until
                        && until <= next.from
                    {
                        return Err(ConfigError::new(
                            key + ".accepted-until",
                            format!(
                                "{until} must be above {}, where {} takes over (it extends \
                                 acceptance past the switch)",
                                next.from, next.family
                            ),
                        ));
                    }
                }
                None => {
                    if e.accepted_until.is_some() {
                        return Err(ConfigError::new(
                            key + ".accepted-until",
                            "the last entry has no successor to overlap with",
                        ));
                    }
                    if info.status == Status::Broken {
                        return Err(ConfigError::new(
                            key + ".family",
                            format!(
                                "{} is broken: it may only be scheduled for history, so a \
                                 later entry must replace it",
                                info.name
                            ),
                        ));
                    }
                }
            }
        }
        Ok(Self(entries))
    }

    /// Index of the entry current at `height`.
    fn current_index(&self, height: u64) -> usize {
        self.0.iter().rposition(|e| e.from <= height).unwrap_or(0)
    }

    /// The family current at `height`.
    pub fn current(&self, height: u64) -> HashEntry {
        self.0[self.current_index(height)]
    }

    /// The entries, in order.
    pub fn entries(&self) -> &[HashEntry] {
        &self.0
    }
}

impl TryFrom<Vec<HashEntry>> for HashSchedule {
    type Error = ConfigError;
    fn try_from(v: Vec<HashEntry>) -> Result<Self, ConfigError> {
        Self::new(v)
    }
}

impl From<HashSchedule> for Vec<HashEntry> {
    fn from(s: HashSchedule) -> Self {
        s.0
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
    #[cfg_attr(feature = "serde", serde(deserialize_with = "names::version"))]
    pub version: u32,
    /// Signature rules.
    pub signatures: SignatureRules,
    /// Hash schedules.
    #[cfg_attr(feature = "serde", serde(default))]
    pub hashes: HashRules,
}

impl MigrationPolicy {
    /// The config format version this build reads.
    pub const VERSION: u32 = 1;

    /// The commented example config printed by `pqmigrate policy example`.
    pub const EXAMPLE_TOML: &'static str = include_str!("policy_example.toml");

    /// A policy from validated parts.
    pub fn new(signatures: SignatureRules, hashes: HashRules) -> Self {
        Self {
            version: Self::VERSION,
            signatures,
            hashes,
        }
    }

    /// The signature phase in force at `height`.
    pub fn phase_at(&self, height: u64) -> SigPhase {
        self.signatures.phases.at(height).phase
    }

    /// May a transaction in the block at `height` carry a signature of scheme `id`?
    pub fn check_signature(&self, height: u64, id: SigId) -> Result<(), PolicyError> {
        let phase = self.signatures.phases.at(height);
        let err = |rule| Err(PolicyError::sig(height, id, phase, rule));
        let Some(class) = SigClass::of(id) else {
            return err(Rule::UnknownAlgorithm);
        };
        if let Some(algs) = &self.signatures.algorithms
            && !algs.contains(&id)
        {
            return err(Rule::NotAccepted);
        }
        if phase.phase.accepts(class) {
            return Ok(());
        }
        err(match class {
            SigClass::Classical => Rule::ClassicalOnlyRefused,
            _ => Rule::PqOnlyNotYetAllowed {
                from: self.phase_start(SigPhase::PqOnlyAllowed),
            },
        })
    }

    /// May a key of scheme `id` sign a key-upgrade attestation that a block at
    /// `inclusion_height` includes? Classical keys may until the classical sunset; other
    /// keys always may (if accepted at all).
    ///
    /// The height must be the including block's, supplied by the node, never the height
    /// written inside the attestation (its signer chose that one). To judge an
    /// attestation, use [`Self::check_upgrade_attestation`], which also checks the
    /// attestation's own height against the inclusion height.
    pub fn check_attestation_signer(
        &self,
        inclusion_height: u64,
        id: SigId,
    ) -> Result<(), PolicyError> {
        let phase = self.signatures.phases.at(inclusion_height);
        let err = |rule| Err(PolicyError::sig(inclusion_height, id, phase, rule));
        match SigClass::of(id) {
            None => err(Rule::UnknownAlgorithm),
            Some(_)
                if self
                    .signatures
                    .algorithms
                    .as_ref()
                    .is_some_and(|a| !a.contains(&id)) =>
            {
                err(Rule::NotAccepted)
            }
            Some(SigClass::Classical) if phase.phase == SigPhase::ClassicalSunset => {
                err(Rule::ClassicalSunset)
            }
            Some(_) => Ok(()),
        }
    }

    /// May the block at `inclusion_height` include `att`? The attestation's own height
    /// must lie in `[inclusion_height - attestation-max-age, inclusion_height]`
    /// ([`Rule::AttestationNotCurrent`] otherwise), and its old key must be allowed to
    /// sign upgrades **at the inclusion height** ([`Self::check_attestation_signer`]).
    /// So an attestation backdated to a height before the classical sunset is refused
    /// once the sunset has passed. The signature itself is checked by
    /// [`UpgradeAttestation::verify`]; a node needs both.
    pub fn check_upgrade_attestation(
        &self,
        inclusion_height: u64,
        att: &UpgradeAttestation,
    ) -> Result<(), PolicyError> {
        let id = att.old_key().alg().id();
        let max_age = self.signatures.attestation_max_age;
        if !attestation_is_current(att.height(), inclusion_height, max_age) {
            let phase = self.signatures.phases.at(inclusion_height);
            return Err(PolicyError::sig(
                inclusion_height,
                id,
                phase,
                Rule::AttestationNotCurrent {
                    signed: att.height(),
                    max_age,
                },
            ));
        }
        self.check_attestation_signer(inclusion_height, id)
    }

    /// May the block at `inclusion_height` carry the root transition `t`? Its height
    /// must be the inclusion height (a transition takes effect in the block that
    /// carries it), its new family must be the Merkle family current there (a broken one
    /// never is: [`RootTransition`] cannot even hold it), and its old family must have
    /// been accepted for the block below. The roots themselves are checked by
    /// [`RootTransition::verify`].
    pub fn check_root_transition(
        &self,
        inclusion_height: u64,
        t: &RootTransition,
    ) -> Result<(), PolicyError> {
        let new = t.new_digest().alg().id();
        let refuse = |alg: HashId, rule| {
            Err(PolicyError {
                height: inclusion_height,
                alg: alg.to_string(),
                phase: "merkle: root transition".into(),
                rule,
            })
        };
        if t.height() != inclusion_height {
            return refuse(new, Rule::TransitionNotCurrent { signed: t.height() });
        }
        self.check_hash(inclusion_height, HashRole::Merkle, new)?;
        // At height 0 there is no history for the old family to have committed.
        let Some(below) = inclusion_height.checked_sub(1) else {
            return refuse(t.old().alg().id(), Rule::HashRetired { until: 0 });
        };
        self.check_hash(below, HashRole::Merkle, t.old().alg().id())
    }

    /// May the block at `inclusion_height` commit `d` in `role`? Both families must be
    /// accepted there (the overlap of a schedule with `accepted-until`). A dual digest
    /// carries no height, so the height is always the including block's.
    pub fn check_dual_digest(
        &self,
        inclusion_height: u64,
        role: HashRole,
        d: &DualDigest,
    ) -> Result<(), PolicyError> {
        self.check_hash(inclusion_height, role, d.old().alg().id())?;
        self.check_hash(inclusion_height, role, d.new_digest().alg().id())
    }

    /// May data committed at `height` in `role` use the family `id`?
    pub fn check_hash(&self, height: u64, role: HashRole, id: HashId) -> Result<(), PolicyError> {
        let Some(schedule) = self.hashes.get(role) else {
            return self.check_hash_registry(height, role, id);
        };
        let k = schedule.current_index(height);
        let entries = schedule.entries();
        let current = entries[k];
        let phase = format!("{role}: {} current from {}", current.family, current.from);
        let err = |rule| {
            Err(PolicyError {
                height,
                alg: id.to_string(),
                phase: phase.clone(),
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

    fn check_hash_registry(
        &self,
        height: u64,
        role: HashRole,
        id: HashId,
    ) -> Result<(), PolicyError> {
        let err = |rule| {
            Err(PolicyError {
                height,
                alg: id.to_string(),
                phase: format!("{role}: no schedule, registry status applies"),
                rule,
            })
        };
        let Some(info) = id.info() else {
            return err(Rule::UnknownAlgorithm);
        };
        let ok = match HashAlg::from_id(id) {
            Ok(alg) => HashPolicy::DEFAULT.check_new(alg, height).is_ok(),
            Err(_) => false, // registered but not byte-oriented: Curl-P-27, broken
        };
        if ok {
            Ok(())
        } else {
            err(Rule::RegistryStatus {
                status: info.status,
            })
        }
    }

    fn phase_start(&self, phase: SigPhase) -> Option<u64> {
        self.signatures
            .phases
            .phases()
            .iter()
            .find(|p| p.phase == phase)
            .map(|p| p.from)
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
}

/// The rule behind a refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// The id is not in the registry.
    UnknownAlgorithm,
    /// The chain's `algorithms` list does not include the scheme.
    NotAccepted,
    /// Classical-only signatures are refused from `hybrid-required` on.
    ClassicalOnlyRefused,
    /// PQ-only signatures are refused before `pq-only-allowed` (starting at `from`, if
    /// the schedule has that phase).
    PqOnlyNotYetAllowed {
        /// Start of `pq-only-allowed`, if scheduled.
        from: Option<u64>,
    },
    /// After the classical sunset, classical keys cannot sign even upgrade attestations.
    ClassicalSunset,
    /// An upgrade attestation signed for height `signed` is not current at the
    /// inclusion height: from a later height, or more than `max_age` blocks old.
    AttestationNotCurrent {
        /// The height written in the attestation by its signer.
        signed: u64,
        /// The policy's `attestation-max-age`.
        max_age: u64,
    },
    /// A root transition for height `signed` carried by a block at another height.
    TransitionNotCurrent {
        /// The height written in the transition record.
        signed: u64,
    },
    /// The family is not in the role's schedule.
    HashNotScheduled {
        /// The family current at the height.
        current: HashId,
    },
    /// The family was retired: accepted only for data committed below `until`.
    HashRetired {
        /// End of its acceptance (exclusive).
        until: u64,
    },
    /// The family is scheduled but not current yet.
    HashNotYet {
        /// Where it becomes current.
        from: u64,
    },
    /// No schedule for the role, and the registry status refuses the family.
    RegistryStatus {
        /// The family's registry status.
        status: Status,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownAlgorithm => f.write_str("unknown algorithm"),
            Self::NotAccepted => f.write_str("not in the chain's accepted algorithms"),
            Self::ClassicalOnlyRefused => f.write_str(
                "classical-only signatures are refused; sign with a hybrid key (a classical \
                 key may still sign its upgrade attestation)",
            ),
            Self::PqOnlyNotYetAllowed { from: Some(h) } => {
                write!(
                    f,
                    "PQ-only signatures are accepted from height {h}; use a hybrid key"
                )
            }
            Self::PqOnlyNotYetAllowed { from: None } => {
                f.write_str("PQ-only signatures are not scheduled; use a hybrid key")
            }
            Self::ClassicalSunset => f.write_str(
                "classical sunset: classical keys are refused entirely, upgrade attestations \
                 included",
            ),
            Self::AttestationNotCurrent { signed, max_age } => write!(
                f,
                "the attestation is for height {signed}; it must be included at most \
                 {max_age} block(s) after that height and never before it"
            ),
            Self::TransitionNotCurrent { signed } => write!(
                f,
                "the root transition is for height {signed}; it must be carried by the block \
                 at that height"
            ),
            Self::HashNotScheduled { current } => {
                write!(f, "not scheduled for this role; use {current}")
            }
            Self::HashRetired { until } => {
                write!(f, "retired: accepted only for history below height {until}")
            }
            Self::HashNotYet { from } => write!(f, "not current until height {from}"),
            Self::RegistryStatus { status } => {
                write!(f, "registry status {status} refuses it for new commitments")
            }
        }
    }
}

/// A policy refusal: the algorithm, the height, the phase and the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// Block height of the decision.
    pub height: u64,
    /// The refused algorithm (registry name, or hex id if unknown).
    pub alg: String,
    /// The phase in force (`hybrid-required`, or `merkle: sha3-256 current from 2000`).
    pub phase: String,
    /// Why.
    pub rule: Rule,
}

impl PolicyError {
    fn sig(height: u64, id: SigId, phase: PhaseStart, rule: Rule) -> Self {
        Self {
            height,
            alg: id.to_string(),
            phase: phase.phase.name().into(),
            rule,
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "policy refuses {} at height {} (phase {}): {}",
            self.alg, self.height, self.phase, self.rule
        )
    }
}

impl core::error::Error for PolicyError {}

/// A configuration that makes no sense: the key, and the line when loaded from text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// Dotted key path (`signatures.phases[2].from`), as far as known.
    pub key: String,
    /// 1-based line in the config text, when loaded from text.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl ConfigError {
    fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            line: None,
            message: message.into(),
        }
    }
}

/// Escapes control characters, so text quoted from a config (a key holding a newline,
/// say) can never break the one-line error.
fn one_line(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let esc: alloc::vec::Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                alloc::vec![c]
            };
            esc
        })
        .collect()
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if self.key.is_empty() {
            f.write_str(&one_line(&self.message))
        } else {
            write!(f, "{}: {}", one_line(&self.key), one_line(&self.message))
        }
    }
}

impl core::error::Error for ConfigError {}

#[cfg(feature = "config")]
impl MigrationPolicy {
    /// Parses and validates a TOML config. Errors name the key and the line.
    pub fn from_toml_str(text: &str) -> Result<Self, ConfigError> {
        let de = toml::Deserializer::parse(text).map_err(|e| toml_error(text, &e, ""))?;
        let policy: Self = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            toml_error(text, e.inner(), &path)
        })?;
        policy.validate()?;
        Ok(policy)
    }

    /// Parses and validates a JSON config. Errors name the key and the line.
    pub fn from_json_str(text: &str) -> Result<Self, ConfigError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let policy: Self = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let key = e.path().to_string();
            let inner = e.into_inner();
            let line = (inner.line() > 0).then_some(inner.line());
            let mut message = inner.to_string();
            // serde_json appends " at line L column C"; the line is reported separately.
            if let Some(i) = message.rfind(" at line ") {
                message.truncate(i);
            }
            ConfigError {
                key: if key == "." { String::new() } else { key },
                line,
                message,
            }
        })?;
        de.end().map_err(|e| ConfigError {
            key: String::new(),
            line: Some(e.line()),
            message: "trailing characters after the JSON value".into(),
        })?;
        policy.validate()?;
        Ok(policy)
    }

    /// Parses a config file's text, choosing JSON if it starts with `{`, else TOML.
    pub fn from_config_str(text: &str) -> Result<Self, ConfigError> {
        if text.trim_start().starts_with('{') {
            Self::from_json_str(text)
        } else {
            Self::from_toml_str(text)
        }
    }

    /// The policy as TOML (without the comments of [`MigrationPolicy::EXAMPLE_TOML`]).
    pub fn to_toml_string(&self) -> String {
        toml::to_string(self).expect("policy types serialize to TOML")
    }
}

#[cfg(feature = "config")]
fn toml_error(text: &str, e: &toml::de::Error, path: &str) -> ConfigError {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
    ConfigError {
        key: if path == "." {
            String::new()
        } else {
            path.into()
        },
        line,
        message: e.message().trim_end().into(),
    }
}

/// Serde helpers: algorithms by registry name in configs.
#[cfg(feature = "serde")]
mod names {
    use alloc::{format, string::String, vec::Vec};

    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    use crate::id::{HashId, SigId};

    pub(super) fn version<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        let v = u32::deserialize(d)?;
        if v != super::MigrationPolicy::VERSION {
            return Err(D::Error::custom(format!(
                "unsupported version {v} (this build reads {})",
                super::MigrationPolicy::VERSION
            )));
        }
        Ok(v)
    }

    pub(super) mod hash {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(id: &HashId, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(id)
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<HashId, D::Error> {
            let name = String::deserialize(d)?;
            HashId::from_name(&name)
                .ok_or_else(|| D::Error::custom(format!("unknown hash family {name:?}")))
        }
    }

    pub(super) mod sig_opt {
        use super::*;

        pub(crate) fn serialize<S: Serializer>(
            ids: &Option<Vec<SigId>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match ids {
                Some(ids) => s.collect_seq(ids.iter().map(alloc::string::ToString::to_string)),
                None => s.serialize_none(),
            }
        }

        pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<Vec<SigId>>, D::Error> {
            let names = Vec::<String>::deserialize(d)?;
            names
                .iter()
                .map(|n| {
                    SigId::from_name(n).ok_or_else(|| {
                        D::Error::custom(format!("unknown signature algorithm {n:?}"))
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some)
        }
    }
}
