//! The record rules' findings of one unit, placed, and what each record adds to the unit's
//! counts and cadence grid.

use std::collections::BTreeSet;

use kiemtra_rules::{Month, Rule, Severity};

use crate::outcome::{Finding, Ix};
use crate::policy::Policy;
use crate::run::interner::Interner;
use crate::run::Small;

use super::cadence::Grid;
use super::tables::{place, Tables};

/// What a unit's records gave beside their findings.
#[derive(Default)]
pub(super) struct RecordCounts {
    /// Records outside the audited period, and before the pack's effective date.
    pub(super) outside: usize,
    pub(super) before_effective: usize,
    /// Records judged.
    pub(super) meetings: usize,
    /// Ids of the records judged among those asked about (`recheck`).
    pub(super) judged: Vec<String>,
    /// Index of the earliest judged record with a themed session.
    pub(super) earliest_session: Option<usize>,
}

/// The unit being judged, and what its judging reads.
pub(super) struct UnitContext<'a, 't> {
    pub(super) code: &'a str,
    pub(super) unit: Ix,
    pub(super) policy: &'a Policy,
    pub(super) tables: &'a Tables<'t>,
    /// Ids of this unit's records a baseline asks about.
    pub(super) recheck: Option<&'a BTreeSet<String>>,
}

/// Places the record rules' findings of each judged record of `records` (date-ordered) into
/// `findings`, and marks each periodic meeting's month in `grid`; `has_error` tells the records
/// a cross-record error was placed on.
pub(super) fn record_findings(
    cx: &UnitContext<'_, '_>,
    records: &[Small],
    is_judged: impl Fn(&Small) -> bool,
    has_error: &[bool],
    grid: &mut Grid,
    findings: &mut Vec<Finding>,
    pointers: &mut Interner,
) -> RecordCounts {
    let effective = cx.policy.pack.pack.effective;
    let t = cx.tables;
    let mut counts = RecordCounts::default();
    for (i, r) in records.iter().enumerate() {
        if r.date < effective {
            counts.before_effective += 1;
            continue;
        }
        if !is_judged(r) {
            counts.outside += 1;
            continue;
        }
        counts.meetings += 1;
        if let Some(ids) = cx.recheck {
            let id = t.id(cx.code, r);
            if ids.contains(&*id) {
                counts.judged.push(id.into_owned());
            }
        }
        let mut error = has_error.get(i).copied().unwrap_or(false);
        // A session written but unreadable (CD101 unverifiable) does not fail the month by
        // itself.
        let mut session_unverifiable = false;
        for (k, v) in t.violations(r).iter().enumerate() {
            let Some(severity) = cx.policy.decide_violation(v) else {
                continue;
            };
            session_unverifiable |= v.rule == Rule::SessionHeld && v.unverifiable();
            let f = place(pointers, cx.unit, r, v, severity, t.violation_at(r, k));
            error |= f.severity == Severity::Error;
            findings.push(f);
        }
        let meeting = r.meeting.meeting(r.date);
        if meeting.session.is_some() && counts.earliest_session.is_none() {
            counts.earliest_session = Some(i);
        }
        if meeting.periodic {
            let compliant = (meeting.session.is_some() || session_unverifiable) && !error;
            grid.periodic(Month::of(r.date), compliant);
        }
    }
    counts
}
