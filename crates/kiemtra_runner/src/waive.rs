//! Applying the waivers to an inspection's findings (the waivers themselves: [`crate::waiver`]).

use chrono::NaiveDate;
use kiemtra_rules::text::topic_key;
use kiemtra_rules::Severity;

use crate::outcome::{Finding, Ix, Outcome};
use crate::waiver::{AsOf, Waiver, WaiverScope, WaiverState, WaiverUse};

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
