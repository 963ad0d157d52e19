//! [`Schedule`]: a validated list of steps by height — signature phases or a role's hash
//! families — written once for both.

use core::fmt;

use alloc::{format, string::ToString, vec::Vec};

use super::ConfigError;
use crate::id::{HashId, Status};

/// One step of a [`Schedule`]: where it starts, and the rules it has about its place in
/// the list beyond the common ones (non-empty, first at height 0, heights increasing).
pub trait Step: Copy + fmt::Debug {
    /// Config key of the list (`phases`, `schedule`).
    const LIST: &'static str;
    /// What one step is called in messages (`phase`, `entry`).
    const NOUN: &'static str;

    /// The first height at which the step is in force.
    fn from(&self) -> u64;

    /// The step's name in messages (`hybrid-required`, `sha3-256`).
    fn name(&self) -> alloc::string::String;

    /// Checks `steps[i]` against the rest of the list (called for every `i`, before the
    /// common height check of `steps[i - 1]` and `steps[i]`).
    fn check(steps: &[Self], i: usize) -> Result<(), ConfigError>;
}

/// A validated schedule: at least one step, the first at height 0, heights strictly
/// increasing, plus the step type's own rules. Exactly one step is in force at every
/// height.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule<T>(Vec<T>);

impl<T: Step> Schedule<T> {
    /// Validates `steps`.
    pub fn new(steps: Vec<T>) -> Result<Self, ConfigError> {
        let Some(first) = steps.first() else {
            return Err(ConfigError::new(
                T::LIST,
                format!("at least one {} is required", T::NOUN),
            ));
        };
        if first.from() != 0 {
            return Err(ConfigError::new(
                format!("{}[0].from", T::LIST),
                format!(
                    "the first {} must start at height 0, not {}",
                    T::NOUN,
                    first.from()
                ),
            ));
        }
        for i in 0..steps.len() {
            T::check(&steps, i)?;
            if let Some(prev) = i.checked_sub(1).map(|p| steps[p]) {
                let next = steps[i];
                if next.from() <= prev.from() {
                    return Err(ConfigError::new(
                        format!("{}[{i}].from", T::LIST),
                        format!(
                            "heights must increase: {} from {} overlaps {} from {}",
                            next.name(),
                            next.from(),
                            prev.name(),
                            prev.from()
                        ),
                    ));
                }
            }
        }
        Ok(Self(steps))
    }

    /// Index of the step in force at `height`.
    pub fn index_at(&self, height: u64) -> usize {
        // Non-empty and starts at 0, so some step always applies.
        self.0.iter().rposition(|s| s.from() <= height).unwrap_or(0)
    }

    /// The step in force at `height`.
    pub fn at(&self, height: u64) -> T {
        self.0[self.index_at(height)]
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[T] {
        &self.0
    }
}

impl<T: Step> TryFrom<Vec<T>> for Schedule<T> {
    type Error = ConfigError;
    fn try_from(v: Vec<T>) -> Result<Self, ConfigError> {
        Self::new(v)
    }
}

impl<T> From<Schedule<T>> for Vec<T> {
    fn from(s: Schedule<T>) -> Self {
        s.0
    }
}

#[cfg(feature = "serde")]
impl<T: serde::Serialize> serde::Serialize for Schedule<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de, T: Step + serde::Deserialize<'de>> serde::Deserialize<'de> for Schedule<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::new(Vec::<T>::deserialize(d)?).map_err(serde::de::Error::custom)
    }
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
    pub const fn accepts(self, class: crate::sig::SigClass) -> bool {
        use crate::sig::SigClass;
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
    /// First height at which it is in force.
    pub from: u64,
}

impl Step for PhaseStart {
    const LIST: &'static str = "phases";
    const NOUN: &'static str = "phase";

    fn from(&self) -> u64 {
        self.from
    }

    fn name(&self) -> alloc::string::String {
        self.phase.name().into()
    }

    /// Phases come in their declared order (a chain may skip some).
    fn check(steps: &[Self], i: usize) -> Result<(), ConfigError> {
        let Some(prev) = i.checked_sub(1).map(|p| steps[p]) else {
            return Ok(());
        };
        let next = steps[i];
        if next.phase <= prev.phase {
            return Err(ConfigError::new(
                format!("phases[{i}]"),
                format!(
                    "{} cannot follow {} (order: classical-accepted, hybrid-required, \
                     pq-only-allowed, classical-sunset)",
                    next.phase, prev.phase
                ),
            ));
        }
        Ok(())
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
    #[cfg_attr(feature = "serde", serde(with = "super::config::names::hash"))]
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

impl Step for HashEntry {
    const LIST: &'static str = "schedule";
    const NOUN: &'static str = "entry";

    fn from(&self) -> u64 {
        self.from
    }

    fn name(&self) -> alloc::string::String {
        self.family.to_string()
    }

    /// Each family once and registered; overlaps only past the switch; a broken family
    /// only as history (never accepted past its switch, never the open-ended last entry).
    fn check(steps: &[Self], i: usize) -> Result<(), ConfigError> {
        let e = steps[i];
        let key = format!("schedule[{i}]");
        let Some(info) = e.family.info() else {
            return Err(ConfigError::new(
                key + ".family",
                format!("unknown hash family id {:#x}", e.family.0),
            ));
        };
        if steps[..i].iter().any(|p| p.family == e.family) {
            return Err(ConfigError::new(
                key + ".family",
                format!("{} is scheduled twice", info.name),
            ));
        }
        let broken = info.status == Status::Broken;
        match (steps.get(i + 1), e.accepted_until) {
            (Some(next), Some(_)) if broken => Err(ConfigError::new(
                key + ".accepted-until",
                format!(
                    "{} is broken: it may not stay accepted past the switch to {} at {} \
                     (rule: broken families are verify-only history; drop accepted-until)",
                    info.name, next.family, next.from
                ),
            )),
            (Some(next), Some(until)) if until <= next.from => Err(ConfigError::new(
                key + ".accepted-until",
                format!(
                    "{until} must be above {}, where {} takes over (it extends acceptance \
                     past the switch)",
                    next.from, next.family
                ),
            )),
            (None, Some(_)) => Err(ConfigError::new(
                key + ".accepted-until",
                "the last entry has no successor to overlap with",
            )),
            (None, None) if broken => Err(ConfigError::new(
                key + ".family",
                format!(
                    "{} is broken: it may only be scheduled for history, so a later entry \
                     must replace it",
                    info.name
                ),
            )),
            _ => Ok(()),
        }
    }
}
