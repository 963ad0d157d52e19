//! The two ways a policy says no: [`PolicyError`] (a decision: this algorithm, at this
//! height, in this phase, by this rule) and [`ConfigError`] (a configuration that makes
//! no sense: this key, on this line).

use core::fmt;

use alloc::string::String;

use super::schedule::SigPhase;
use crate::hash::HashRole;
use crate::id::{HashId, SigId, Status};

/// The algorithm a decision is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyAlg {
    /// A signature scheme (registered or not).
    Signature(SigId),
    /// A hash family (registered or not).
    Hash(HashId),
}

impl fmt::Display for PolicyAlg {
    /// The registry name, or the hex id if unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Signature(id) => id.fmt(f),
            Self::Hash(id) => id.fmt(f),
        }
    }
}

/// The part of the policy in force where a decision was taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// A signature phase.
    Signature(SigPhase),
    /// A role's hash schedule, with the entry current at the height.
    HashSchedule {
        /// The role.
        role: HashRole,
        /// The family current at the height.
        current: HashId,
        /// Where that entry starts.
        from: u64,
    },
    /// A role without a schedule: the registry status applies.
    HashRegistry {
        /// The role.
        role: HashRole,
    },
    /// The rule for Merkle root transitions.
    RootTransition,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Signature(p) => p.fmt(f),
            Self::HashSchedule {
                role,
                current,
                from,
            } => write!(f, "{role}: {current} current from {from}"),
            Self::HashRegistry { role } => {
                write!(f, "{role}: no schedule, registry status applies")
            }
            Self::RootTransition => f.write_str("merkle: root transition"),
        }
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyError {
    /// Block height of the decision.
    pub height: u64,
    /// The refused algorithm.
    pub alg: PolicyAlg,
    /// The phase in force.
    pub phase: Phase,
    /// Why.
    pub rule: Rule,
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
    pub(crate) fn new(key: impl Into<String>, message: impl Into<String>) -> Self {
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
