//! Waivers: findings accepted for a reason, by someone, for a while.
//!
//! A waiver names a rule (code, name or prefix), a unit or a whole parent committee, and a
//! period of months; it carries a justification, who approved it, and an expiry date. A finding
//! it covers is *waived*: listed apart with the reason, counted, and not failing the run. An
//! expired waiver covers nothing, and the findings it would have covered say so; a waiver that
//! covers nothing is reported as unused. Waivers change the verdict, not the facts: compliance
//! rates are computed from the findings whether waived or not.

use chrono::NaiveDate;
use kiemtra_rules::text::topic_key;
use kiemtra_rules::{Month, Rule, Severity};

use crate::outcome::{Finding, Ix, Outcome};

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
    /// Whether the waiver's scope covers a finding of `unit`, whose parent is `parent`, ignoring
    /// expiry.
    pub fn covers(&self, finding: &Finding, unit: &str, parent: Option<&str>) -> bool {
        if !self.rules.contains(&finding.rule()) {
            return false;
        }
        if finding.month() < self.from || finding.month() > self.to {
            return false;
        }
        match &self.scope {
            WaiverScope::Unit(code) => code == unit,
            WaiverScope::Parent(name) => parent.is_some_and(|p| topic_key(p) == topic_key(name)),
        }
    }

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

/// Applies the waivers to an outcome whose findings are final: moves the waived findings to
/// `outcome.waived`, marks findings whose waiver expired, and recounts.
pub(crate) fn apply(outcome: &mut Outcome, waivers: &[Waiver], as_of: Option<NaiveDate>) {
    let as_of = match as_of {
        Some(date) => Some(AsOf { date, given: true }),
        None => outcome
            .latest_meeting
            .map(|date| AsOf { date, given: false }),
    };
    outcome.as_of = as_of;
    if waivers.is_empty() {
        return;
    }
    let mut uses: Vec<WaiverUse> = waivers
        .iter()
        .map(|w| WaiverUse {
            waiver: w.clone(),
            state: WaiverState::Unused,
            matched: 0,
        })
        .collect();
    let parents: std::collections::BTreeMap<&str, Option<&str>> = outcome
        .units
        .iter()
        .map(|u| (u.code.as_str(), u.parent.as_deref()))
        .collect();
    let mut kept = Vec::with_capacity(outcome.findings.len());
    let mut waived = Vec::new();
    for mut f in std::mem::take(&mut outcome.findings) {
        let unit = outcome.unit_of(&f);
        let parent = parents.get(unit).copied().flatten();
        let mut in_force = None;
        let mut expired = None;
        for (i, w) in waivers.iter().enumerate() {
            if !w.covers(&f, unit, parent) {
                continue;
            }
            // Without a day to judge expiry by there is no input, hence no finding: unreachable
            // in practice; treat the waiver as in force.
            if as_of.is_some_and(|a| w.expired_on(a.date)) {
                expired.get_or_insert(i);
            } else {
                in_force = Some(i);
                break;
            }
        }
        if let Some(i) = in_force {
            if let Some(u) = uses.get_mut(i) {
                u.matched += 1;
            }
            f.waiver = Ix::new(i);
            waived.push(f);
        } else {
            if let Some(i) = expired {
                if let Some(u) = uses.get_mut(i) {
                    u.matched += 1;
                }
                f.waiver = Ix::new(i);
            }
            kept.push(f);
        }
    }
    for u in &mut uses {
        let expired = as_of.is_some_and(|a| u.waiver.expired_on(a.date));
        u.state = match (expired, u.matched) {
            (true, _) => WaiverState::Expired,
            (false, 0) => WaiverState::Unused,
            (false, _) => WaiverState::Applied,
        };
    }
    outcome.findings = kept;
    outcome.waived = waived;
    outcome.waivers = uses;
    recount(outcome);
}

/// Counts by severity, in the summary and per unit, of the findings that are not waived.
fn recount(outcome: &mut Outcome) {
    let index: std::collections::BTreeMap<&str, usize> = outcome
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.code.as_str(), i))
        .collect();
    // By the findings' unit index: the unit's place in `outcome.units` (the same, unless the
    // outcome is a part of a larger one).
    let place: Vec<Option<usize>> = outcome
        .names
        .units
        .iter()
        .map(|code| index.get(code.as_str()).copied())
        .collect();
    let s = &mut outcome.summary;
    (s.errors, s.warnings, s.infos) = (0, 0, 0);
    s.waived = outcome.waived.len();
    for u in &mut outcome.units {
        (u.errors, u.warnings, u.infos, u.waived) = (0, 0, 0, 0);
    }
    for f in &outcome.findings {
        let unit = place.get(f.unit.get()).copied().flatten();
        let unit = unit.and_then(|i| outcome.units.get_mut(i));
        let (total, of_unit) = match f.severity {
            Severity::Error => (&mut s.errors, unit.map(|u| &mut u.errors)),
            Severity::Warning => (&mut s.warnings, unit.map(|u| &mut u.warnings)),
            Severity::Info => (&mut s.infos, unit.map(|u| &mut u.infos)),
        };
        *total += 1;
        if let Some(n) = of_unit {
            *n += 1;
        }
    }
    for f in &outcome.waived {
        let unit = place.get(f.unit.get()).copied().flatten();
        if let Some(u) = unit.and_then(|i| outcome.units.get_mut(i)) {
            u.waived += 1;
        }
    }
}
