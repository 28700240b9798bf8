//! Waivers: findings accepted for a reason, by someone, for a while.
//!
//! A waiver names a rule (code, name or prefix), a unit or a whole parent committee, and a
//! period of months; it carries a justification, who approved it, and an expiry date. A finding
//! it covers is *waived*: listed apart with the reason, counted, and not failing the run. An
//! expired waiver covers nothing, and the findings it would have covered say so; a waiver that
//! covers nothing is reported as unused. Waivers change the verdict, not the facts: compliance
//! rates are computed from the findings whether waived or not.

use chrono::NaiveDate;
use kiemtra_rules::{Month, Rule};

/// Which units a waiver covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WaiverScope {
    /// One cell, by `unit.code`.
    Unit(String),
    /// Every cell whose `unit.parent` is this grassroots committee (compared like topics:
    /// case, Unicode form and old/new tone placement do not matter).
    Parent(String),
}

/// One waiver as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiver {
    /// The waiver's id (`id` in the file), or its place in the file when it has none.
    pub id: String,
    /// The rule selector as written (`CD401`, `CD4`, `minimum-duration`).
    pub rule: String,
    /// The rules it names.
    pub rules: Vec<Rule>,
    pub scope: WaiverScope,
    /// First and last month covered, both included.
    pub from: Month,
    pub to: Month,
    pub justification: String,
    pub approved_by: String,
    /// Last day on which the waiver applies.
    pub expires: NaiveDate,
    /// Where it is written: `waivers.toml:12`.
    pub origin: String,
}

impl Waiver {
    /// Whether the waiver has expired on `day`.
    pub fn expired_on(&self, day: NaiveDate) -> bool {
        day > self.expires
    }
}

/// What became of a waiver in this inspection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaiverState {
    /// It covers `matched` findings.
    Applied,
    /// It has expired; `matched` findings it would have covered stay failing.
    Expired,
    /// In force, but no finding falls under it.
    Unused,
}

impl WaiverState {
    pub fn code(self) -> &'static str {
        match self {
            WaiverState::Applied => "applied",
            WaiverState::Expired => "expired",
            WaiverState::Unused => "unused",
        }
    }
}

/// A waiver and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaiverUse {
    pub waiver: Waiver,
    pub state: WaiverState,
    /// Findings it covers (applied) or would have covered (expired).
    pub matched: usize,
}

/// The day on which expiry was judged, and where it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AsOf {
    pub date: NaiveDate,
    /// `true` for `--as-of`; `false` when it is the latest meeting date in the input.
    pub given: bool,
}
