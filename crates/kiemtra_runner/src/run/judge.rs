//! Judging: each unit's records put in date order and put through the cross-record rules,
//! every finding placed at its file and line, the months' states counted, the findings sorted.

use std::borrow::Cow;
use std::num::NonZeroU32;

use chrono::NaiveDate;
use kiemtra_input::{FileProblem, Position, Reason};
use kiemtra_rules::rules::check_unit;
use kiemtra_rules::validate::default_id;
use kiemtra_rules::{At, Meeting, Month, Note, Period, Rule, Severity, Violation};
use rayon::prelude::*;

use crate::discover::FileError;
use crate::inputs::Inputs;
use crate::outcome::{
    Finding, Ix, MonthCode, MonthState, Names, Outcome, Rejected, Summary, UnitSummary,
};

use super::collect::{Collected, Interner};
use super::read::guarded;
use super::{beyond, Input, Options, Small, NONE};

/// The run's tables that findings are placed with.
struct Tables<'t> {
    names: &'t [String],
    ids: &'t [Box<str>],
    labels: &'t [Box<str>],
    violations: &'t [Violation],
    violation_at: &'t [Option<Position>],
}

impl Tables<'_> {
    fn file(&self, r: &Small) -> &str {
        self.names.get(r.file as usize).map_or("", String::as_str)
    }

    fn id<'a>(&'a self, code: &str, r: &Small) -> Cow<'a, str> {
        match self.ids.get(r.id as usize) {
            Some(id) if r.id != NONE => Cow::Borrowed(id),
            _ => Cow::Owned(default_id(code, r.date)),
        }
    }

    fn label(&self, i: u32) -> Option<&str> {
        (i != NONE)
            .then(|| self.labels.get(i as usize))
            .flatten()
            .map(|s| &**s)
    }

    fn violations(&self, r: &Small) -> &[Violation] {
        let start = r.viol_start as usize;
        self.violations
            .get(start..start.saturating_add(r.viol_len as usize))
            .unwrap_or(&[])
    }

    /// Where the `k`th violation of `r` is written, when known apart from the record's line.
    fn violation_at(&self, r: &Small, k: usize) -> Option<Position> {
        self.violation_at
            .get((r.viol_start as usize).saturating_add(k))
            .copied()
            .flatten()
    }
}

/// Orders each unit's records, runs the cross-record rules, places every finding, sorts.
pub(super) fn judge(
    mut c: Collected,
    inputs: &[Input<'_>],
    discover_errors: Vec<FileError>,
    options: &Options,
    digest: Inputs,
) -> Outcome {
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let mut file_errors = discover_errors;
    file_errors.extend(c.file_errors);
    let mut rejected: Vec<Rejected> = c
        .rejected
        .into_iter()
        .map(|(file, r)| Rejected {
            file: names.get(file as usize).cloned().unwrap_or_default(),
            line: r.at.line,
            column: r.at.column,
            reason: r.reason,
        })
        .collect();
    let mut summary = Summary {
        files: names.len(),
        ..Summary::default()
    };
    for (file, r, latest) in beyond::beyond_batch(&mut c.per_unit, options.policy.as_of()) {
        rejected.push(Rejected {
            file: names.get(file as usize).cloned().unwrap_or_default(),
            line: r.line,
            column: 1,
            reason: Reason::DateBeyondBatch {
                date: r.date.to_string(),
                latest: latest.to_string(),
                given: options.policy.as_of().is_some(),
            },
        });
    }
    summary.checked = c.per_unit.iter().map(Vec::len).sum();
    summary.rejected = rejected.len();
    for (file, count, at) in c.not_listed {
        summary.rejected += usize::try_from(count).unwrap_or(usize::MAX);
        rejected.push(Rejected {
            file: names.get(file as usize).cloned().unwrap_or_default(),
            line: at.line,
            column: at.column,
            reason: Reason::NotListed { count },
        });
    }
    summary.records = summary.checked + summary.rejected;

    let latest_meeting = c.per_unit.iter().flatten().map(|r| r.date).max();
    let columns: std::collections::BTreeMap<String, kiemtra_input::Columns> = c
        .columns
        .into_iter()
        .filter_map(|(file, cols)| Some((names.get(file as usize)?.clone(), cols)))
        .collect();
    let word: std::collections::BTreeMap<String, kiemtra_input::docx::Places> = c
        .word
        .into_iter()
        .filter_map(|(file, places)| Some((names.get(file as usize)?.clone(), places)))
        .collect();
    let tables = Tables {
        names: &names,
        ids: &c.ids,
        labels: &c.labels.all,
        violations: &c.violations,
        violation_at: &c.violation_at,
    };
    // Units in code order (as a BTreeMap keyed by code would give).
    let mut units: Vec<(&str, Vec<Small>)> = c
        .units
        .all
        .iter()
        .map(|u| &**u)
        .zip(c.per_unit)
        .filter(|(_, records)| !records.is_empty())
        .collect();
    units.sort_unstable_by(|a, b| a.0.cmp(b.0));
    summary.units = units.len();

    let unit_codes: Vec<String> = units.iter().map(|(code, _)| (*code).to_owned()).collect();
    let per_unit: Vec<Judged> = units
        .into_par_iter()
        .enumerate()
        .map(|(i, (code, records))| {
            let unit = Ix::new(i).unwrap_or(Ix::LAST);
            judge_unit(code, unit, records, options, &tables)
        })
        .collect();

    let mut findings = Vec::with_capacity(per_unit.iter().map(|j| j.findings.len()).sum());
    let mut units = Vec::with_capacity(per_unit.len());
    let mut judged = std::collections::BTreeSet::new();
    // JSON pointers kept once: each unit's, then the run's.
    let mut pointers = Interner::default();
    let earliest_record = per_unit.iter().filter_map(|j| j.first_record).min();
    for j in per_unit {
        // For each of the unit's pointers, its index in the run's.
        let global: Vec<Option<Ix>> = j
            .pointers
            .iter()
            .map(|p| Ix::new(pointers.get(p) as usize))
            .collect();
        findings.extend(j.findings.into_iter().map(|mut f| {
            f.pointer = f
                .pointer
                .and_then(|p| global.get(p.get()).copied().flatten());
            f
        }));
        judged.extend(j.judged.into_iter().map(|id| (j.unit.code.clone(), id)));
        units.push(j.unit);
        summary.outside_period += j.outside;
        summary.before_effective += j.before_effective;
        file_errors.extend(j.crashed);
    }
    let names = Names {
        units: unit_codes,
        files: names,
        records: std::mem::take(&mut c.ids),
        pointers: pointers.all,
    };
    // Unstable: no copy of the findings. The order stays the same from run to run: the findings
    // arrive in the same order (units in code order), the sort draws nothing at random, and
    // two findings only tie at the same place, rule and field.
    findings.par_sort_unstable_by(|a, b| sort_key(a, &names).cmp(&sort_key(b, &names)));
    rejected.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    file_errors.sort_by(|a, b| a.file.cmp(&b.file));
    for f in &findings {
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    let first_month = options.policy.pack.first_month();
    let asked_from = options
        .from
        .or(earliest_record)
        .filter(|&m| m < first_month);
    let mut outcome = Outcome {
        summary,
        from: options.from.map(|f| f.max(first_month)),
        asked_from,
        to: options.to,
        findings,
        names,
        rejected,
        file_errors,
        units,
        first_month: options.policy.pack.first_month(),
        latest_meeting,
        waived: Vec::new(),
        waivers: Vec::new(),
        as_of: None,
        judged,
        baseline: None,
        inputs: digest,
        columns,
        word,
    };
    let policy = &options.policy;
    crate::waiver::apply(&mut outcome, policy.waivers(), policy.as_of());
    outcome
}

/// What judging one unit gave.
struct Judged {
    findings: Vec<Finding>,
    unit: UnitSummary,
    /// Records outside the audited period, and before the pack's effective date.
    outside: usize,
    before_effective: usize,
    /// The JSON pointers of its findings, which their [`Finding::pointer`] index for now.
    pointers: Vec<Box<str>>,
    /// Ids of the records judged that [`Options::recheck`] asks about.
    judged: Vec<String>,
    /// A failure inside the cross-record rules (a bug), reported beside the file errors.
    crashed: Option<FileError>,
    /// The month of the unit's first record.
    first_record: Option<Month>,
}

type SortKey<'f> = (
    Ix,
    MonthCode,
    Option<NaiveDate>,
    Option<&'f str>,
    Option<NonZeroU32>,
    &'static str,
    Option<&'f str>,
    Option<NonZeroU32>,
);

/// Findings in unit (code) order, then month, day, file, line, rule, field and column.
fn sort_key<'f>(f: &Finding, names: &'f Names) -> SortKey<'f> {
    (
        f.unit,
        f.month,
        f.date,
        f.file
            .and_then(|i| names.files.get(i.get()))
            .map(String::as_str),
        f.line,
        f.rule.code(),
        f.pointer
            .and_then(|i| names.pointers.get(i.get()))
            .map(|p| &**p),
        f.column,
    )
}

/// Orders a unit's records, runs the cross-record rules, and places every finding.
fn judge_unit(
    code: &str,
    unit: Ix,
    mut records: Vec<Small>,
    options: &Options,
    t: &Tables<'_>,
) -> Judged {
    records.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| t.id(code, a).cmp(&t.id(code, b)))
            .then_with(|| t.file(a).cmp(t.file(b)))
            .then_with(|| a.line.cmp(&b.line))
    });
    // The month each meeting counts for (its `month`, catalogue v1.2), not only its date's.
    let first = records.iter().map(Small::month).min();
    let last = records.iter().map(Small::month).max();
    let pack = &options.policy.pack;
    let asked_from = options
        .from
        .or(first)
        .unwrap_or(Month { year: 1, month: 1 });
    let to = options.to.or(last).unwrap_or(Month { year: 1, month: 1 });
    // The cadence grid never starts before the pack's first full month; a record between the
    // effective date and that month is judged by the record rules, outside the grid.
    let period = Period {
        from: asked_from.max(pack.first_month()),
        to,
    };
    let judged_months = Period {
        from: asked_from.max(pack.effective_month()),
        to,
    };

    let meetings: Vec<Meeting> = records.iter().map(|r| r.meeting.meeting(r.date)).collect();
    let mut unit_violations = Vec::new();
    let crashed = guarded(Position::START, || {
        check_unit(
            &meetings,
            period,
            options.policy.parameters(),
            &mut unit_violations,
        );
        Ok(())
    })
    .err()
    .map(|r| {
        // A bug in a cross-record rule: reported; the unit's record findings still stand.
        unit_violations.clear();
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

    let policy = &options.policy;
    let effective = policy.pack.pack.effective;
    let is_judged = |r: &Small| r.date >= effective && judged_months.contains(r.month());
    let mut findings = Vec::new();
    let mut pointers = Interner::default();
    let place = |pointers: &mut Interner,
                 r: &Small,
                 v: &Violation,
                 severity: Severity,
                 at: Option<Position>| Finding {
        rule: v.rule,
        severity,
        change: None,
        unit,
        record: (r.id != NONE).then(|| Ix::new(r.id as usize)).flatten(),
        file: Ix::new(r.file as usize),
        pointer: v
            .pointer
            .as_deref()
            .and_then(|p| Ix::new(pointers.get(p) as usize)),
        line: NonZeroU32::new(at.map_or(r.line, |p| p.line)),
        column: at.and_then(|p| NonZeroU32::new(p.column)),
        waiver: None,
        date: Some(r.date),
        month: r.month().into(),
        detail: v.detail.clone(),
    };
    let mut has_error = vec![false; records.len()];
    for (at, v) in unit_violations {
        // Whether the rule is on, and its severity: the policy decides.
        let Some(severity) = policy.decide_violation(&v) else {
            continue;
        };
        match at {
            At::Meeting(i) => {
                if let Some(r) = records.get(i) {
                    if is_judged(r) {
                        let f = place(&mut pointers, r, &v, severity, None);
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

    let mut outside = 0;
    let mut before_effective = 0;
    let mut judged = Vec::new();
    let mut month_state: Vec<(Month, MonthState)> =
        period.months().map(|m| (m, MonthState::Missing)).collect();
    let mut meetings_in_period = 0;
    let mut earliest_judged_session = None;
    for (i, r) in records.iter().enumerate() {
        let month = r.month();
        if r.date < effective {
            before_effective += 1;
            continue;
        }
        if !is_judged(r) {
            outside += 1;
            continue;
        }
        meetings_in_period += 1;
        if let Some(ids) = options.recheck.get(code) {
            let id = t.id(code, r);
            if ids.contains(&*id) {
                judged.push(id.into_owned());
            }
        }
        let mut error = has_error.get(i).copied().unwrap_or(false);
        // A session written but unreadable (CD101 unverifiable) does not fail the month by
        // itself.
        let mut session_unverifiable = false;
        for (k, v) in t.violations(r).iter().enumerate() {
            let Some(severity) = policy.decide_violation(v) else {
                continue;
            };
            session_unverifiable |= v.rule == Rule::SessionHeld && v.unverifiable();
            let f = place(&mut pointers, r, v, severity, t.violation_at(r, k));
            error |= f.severity == Severity::Error;
            findings.push(f);
        }
        let meeting = r.meeting.meeting(r.date);
        if meeting.session.is_some() && earliest_judged_session.is_none() {
            earliest_judged_session = Some(i);
        }
        if meeting.periodic && period.contains(month) {
            let state = if (meeting.session.is_some() || session_unverifiable) && !error {
                MonthState::Compliant
            } else {
                MonthState::Failing
            };
            let k = period.from.count_through(month).saturating_sub(1) as usize;
            if let Some((_, s)) = month_state.get_mut(k) {
                *s = (*s).max_state(state);
            }
        }
    }

    // Name and parent: from the latest record that gives them.
    let name = records
        .iter()
        .rev()
        .find_map(|r| t.label(r.name))
        .map(str::to_owned);
    let parent = records
        .iter()
        .rev()
        .find_map(|r| t.label(r.parent))
        .map(str::to_owned);
    let notes = follow_up_notes(&records, earliest_judged_session, pack.first_month());
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let summary = UnitSummary {
        name,
        parent,
        period,
        meetings: meetings_in_period,
        months_held: month_state
            .iter()
            .filter(|(_, s)| *s != MonthState::Missing)
            .count() as u32,
        months_compliant: month_state
            .iter()
            .filter(|(_, s)| *s == MonthState::Compliant)
            .count() as u32,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        waived: 0,
        months: month_state,
        notes,
        code: code.to_owned(),
    };
    Judged {
        findings,
        unit: summary,
        outside,
        before_effective,
        pointers: pointers.all,
        judged,
        crashed,
        first_record: first,
    }
}

/// The notes of what could not be checked for a unit (catalogue v1.1): when its earliest judged
/// session (index `earliest` of the date-ordered `records`) has no earlier session in the input
/// and falls after the pack's first full month, CD501–CD505 cannot be judged for it. In the first
/// full month, or between the effective date and it, no earlier session is expected.
fn follow_up_notes(records: &[Small], earliest: Option<usize>, first_month: Month) -> Vec<Note> {
    let Some(r) = earliest.and_then(|i| records.get(i)) else {
        return Vec::new();
    };
    let earlier_session = records
        .iter()
        .take_while(|e| e.date < r.date)
        .any(|e| e.meeting.meeting(e.date).session.is_some());
    if earlier_session || r.month() <= first_month {
        return Vec::new();
    }
    vec![Note::FollowUpNotJudged { date: r.date }]
}

impl MonthState {
    /// The better of two states of one month.
    fn max_state(self, other: MonthState) -> MonthState {
        let rank = |s: MonthState| match s {
            MonthState::Missing => 0,
            MonthState::Failing => 1,
            MonthState::Compliant => 2,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}
