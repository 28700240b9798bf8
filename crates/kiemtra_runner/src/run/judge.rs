//! Judging: each unit judged apart, in parallel ([`unit`]: its cross-record rules, record
//! findings, cadence grid and notes, one file each), then the run's findings gathered and
//! sorted, the rejections counted, the waivers applied and the baseline compared.

use std::num::NonZeroU32;

use chrono::NaiveDate;
use kiemtra_rules::{Month, Severity};
use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::discover::FileError;
use crate::inputs::Inputs;
use crate::outcome::{Finding, Ix, MonthCode, Names, Outcome, UnitSummary};

use super::collect::Collected;
use super::interner::Interner;
use super::{Input, Options, Small};

mod cadence;
mod cross;
mod notes;
mod records;
mod rejections;
mod tables;
mod unit;

use tables::Tables;
use unit::judge_unit;

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
    file_errors.append(&mut c.file_errors);
    let (mut rejected, mut summary) = rejections::count(&mut c, &names, options);

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

    let recheck = options
        .baseline
        .as_ref()
        .map(Baseline::records)
        .unwrap_or_default();
    let unit_codes: Vec<String> = units.iter().map(|(code, _)| (*code).to_owned()).collect();
    let per_unit: Vec<Judged> = units
        .into_par_iter()
        .enumerate()
        .map(|(i, (code, records))| {
            let unit = Ix::new(i).unwrap_or(Ix::LAST);
            judge_unit(code, unit, records, options, &recheck, &tables)
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
    crate::waive::apply(&mut outcome, policy.waivers(), policy.as_of());
    if let Some(baseline) = &options.baseline {
        baseline.compare(&mut outcome, policy);
    }
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
    /// Ids of the records judged that the baseline's findings are about.
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
