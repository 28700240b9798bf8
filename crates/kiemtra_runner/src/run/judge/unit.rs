//! Judging one unit: its records put in date order, its audited period fixed, then the
//! cross-record rules, the record rules' findings, the cadence grid and the notes.

use kiemtra_rules::{Month, Period, Severity};

use crate::baseline::Recheck;
use crate::outcome::{Ix, UnitSummary};
use crate::run::interner::Interner;
use crate::run::{Options, Small};

use super::cadence::Grid;
use super::cross::cross_findings;
use super::notes::follow_up_notes;
use super::records::{record_findings, UnitContext};
use super::tables::Tables;
use super::Judged;

/// Orders a unit's records, runs the cross-record rules, and places every finding.
pub(super) fn judge_unit(
    code: &str,
    unit: Ix,
    mut records: Vec<Small>,
    options: &Options,
    recheck: &Recheck,
    t: &Tables<'_>,
) -> Judged {
    records.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| t.id(code, a).cmp(&t.id(code, b)))
            .then_with(|| t.file(a).cmp(t.file(b)))
            .then_with(|| a.line.cmp(&b.line))
    });
    let first = records.first().map(|r| Month::of(r.date));
    let last = records.last().map(|r| Month::of(r.date));
    let policy = &options.policy;
    let pack = &policy.pack;
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
    let effective = pack.pack.effective;
    let is_judged = |r: &Small| r.date >= effective && judged_months.contains(Month::of(r.date));

    let mut pointers = Interner::default();
    let cross = cross_findings(
        code,
        unit,
        &records,
        period,
        policy,
        is_judged,
        &mut pointers,
    );
    let mut findings = cross.findings;
    let mut grid = Grid::new(period);
    let cx = UnitContext {
        code,
        unit,
        policy,
        tables: t,
        recheck: recheck.get(code),
    };
    let counts = record_findings(
        &cx,
        &records,
        is_judged,
        &cross.has_error,
        &mut grid,
        &mut findings,
        &mut pointers,
    );

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
    let notes = follow_up_notes(&records, counts.earliest_session, pack.first_month());
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (months_held, months_compliant) = grid.counts();
    let summary = UnitSummary {
        name,
        parent,
        period,
        meetings: counts.meetings,
        months_held,
        months_compliant,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        waived: 0,
        months: grid.into_months(),
        notes,
        code: code.to_owned(),
    };
    Judged {
        findings,
        unit: summary,
        outside: counts.outside,
        before_effective: counts.before_effective,
        pointers: pointers.all,
        judged: counts.judged,
        crashed: cross.crashed,
        first_record: first,
    }
}
