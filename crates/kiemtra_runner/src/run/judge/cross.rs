//! The cross-record rules of one unit (cadence, follow-up chains, topics over months): run on
//! its date-ordered meetings, guarded, and their violations placed as findings.

use kiemtra_input::{FileProblem, Position, Reason};
use kiemtra_rules::rules::check_unit;
use kiemtra_rules::{At, Meeting, Period, Severity};

use crate::discover::FileError;
use crate::outcome::{Finding, Ix};
use crate::policy::Policy;
use crate::run::interner::Interner;
use crate::run::part::guarded;
use crate::run::Small;

use super::tables::place;

/// What the cross-record rules gave for a unit.
pub(super) struct CrossFindings {
    pub(super) findings: Vec<Finding>,
    /// Per record (date order): whether a cross-record error was placed on it.
    pub(super) has_error: Vec<bool>,
    /// A failure inside the rules (a bug): reported, the unit's record findings still stand.
    pub(super) crashed: Option<FileError>,
}

/// Runs the cross-record rules over `records` (date-ordered) in `period` and places what they
/// find; `is_judged` tells the records whose own findings count.
pub(super) fn cross_findings(
    code: &str,
    unit: Ix,
    records: &[Small],
    period: Period,
    policy: &Policy,
    is_judged: impl Fn(&Small) -> bool,
    pointers: &mut Interner,
) -> CrossFindings {
    let meetings: Vec<Meeting> = records.iter().map(|r| r.meeting.meeting(r.date)).collect();
    let mut violations = Vec::new();
    let crashed = guarded(Position::START, || {
        check_unit(&meetings, period, policy.parameters(), &mut violations);
        Ok(())
    })
    .err()
    .map(|r| {
        violations.clear();
        let detail = match r.reason {
            Reason::Internal(e) => e,
            other => format!("{other:?}"),
        };
        FileError::new(
            String::new(),
            FileProblem::UnitRulesFailed {
                unit: code.to_owned(),
                detail,
            },
        )
    });
    drop(meetings);

    let mut findings = Vec::new();
    let mut has_error = vec![false; records.len()];
    for (at, v) in violations {
        // Whether the rule is on, and its severity: the policy decides.
        let Some(severity) = policy.decide_violation(&v) else {
            continue;
        };
        match at {
            At::Meeting(i) => {
                if let Some(r) = records.get(i) {
                    if is_judged(r) {
                        let f = place(pointers, unit, r, &v, severity, None);
                        if f.severity == Severity::Error {
                            if let Some(h) = has_error.get_mut(i) {
                                *h = true;
                            }
                        }
                        findings.push(f);
                    }
                }
            }
            At::Month(month) => findings.push(Finding {
                rule: v.rule,
                severity,
                change: None,
                unit,
                record: None,
                file: None,
                pointer: v
                    .pointer
                    .as_deref()
                    .and_then(|p| Ix::new(pointers.get(p) as usize)),
                line: None,
                column: None,
                waiver: None,
                date: None,
                month: month.into(),
                detail: v.detail,
            }),
        }
    }
    CrossFindings {
        findings,
        has_error,
        crashed,
    }
}
