//! The inspection itself.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use kiemtra_input::{parse, split_json, split_jsonl, Chunk, Encoding, Format, Rejection};
use kiemtra_rules::rules::{check_record, check_unit};
use kiemtra_rules::{At, Meeting, Month, Period, Severity, Violation};
use rayon::prelude::*;

use crate::discover::{discover, display, FileError};
use crate::inputs::Inputs;
use crate::outcome::{Finding, MonthState, Outcome, Rejected, Summary, UnitSummary};
use crate::policy::Policy;
use crate::progress::{Progress, Step};

mod tabular;

/// What to inspect and how.
#[derive(Clone, Debug)]
pub struct Options {
    pub policy: Policy,
    /// First month of the audited period; default: each unit's first record.
    pub from: Option<Month>,
    /// Last month of the audited period; default: each unit's last record.
    pub to: Option<Month>,
    /// What files without a byte order mark are written in.
    pub encoding: Encoding,
    /// Told of each file read (a progress bar), when given.
    pub progress: Option<Progress>,
}

impl Options {
    /// The whole of each unit's records, UTF-8, no progress display.
    pub fn new(policy: Policy) -> Options {
        Options {
            policy,
            from: None,
            to: None,
            encoding: Encoding::default(),
            progress: None,
        }
    }
}

/// Why a run could not be made at all (exit code 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    /// A path named on the command line does not exist or cannot be read.
    Path(PathBuf),
    /// `--from` is after `--to`.
    EmptyPeriod { from: Month, to: Month },
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Path(p) => write!(f, "cannot read {}", display(p)),
            RunError::EmptyPeriod { from, to } => write!(f, "--from {from} is after --to {to}"),
        }
    }
}

impl std::error::Error for RunError {}

/// A checked record, reduced to what the rest of the run needs.
#[derive(Debug)]
struct Checked {
    file: usize,
    line: u32,
    id: String,
    unit: String,
    name: Option<String>,
    parent: Option<String>,
    date: NaiveDate,
    meeting: Meeting,
    violations: Vec<Violation>,
}

/// What one file gave.
#[derive(Debug, Default)]
struct FileResult {
    checked: Vec<Checked>,
    rejected: Vec<Rejection>,
    error: Option<String>,
    /// For a CSV file or a worksheet: which field each column holds.
    columns: Option<kiemtra_input::Columns>,
}

/// Runs an inspection over `paths`.
pub fn run(paths: &[PathBuf], options: &Options) -> Result<Outcome, RunError> {
    if let (Some(from), Some(to)) = (options.from, options.to) {
        if from > to {
            return Err(RunError::EmptyPeriod { from, to });
        }
    }
    let found = discover(paths).map_err(RunError::Path)?;
    let params = *options.policy.parameters();
    let names: Vec<String> = found.files.iter().map(|(p, _)| display(p)).collect();

    // What was read, for the reports to state: each file's SHA-256 (a pass of its own).
    let paths: Vec<&PathBuf> = found.files.iter().map(|(p, _)| p).collect();
    let inputs = Inputs::of_files(&names, &paths);
    let progress = options.progress.as_ref();
    Progress::report(
        progress,
        Step::Start {
            files: found.files.len(),
        },
    );
    let results: Vec<FileResult> = found
        .files
        .par_iter()
        .enumerate()
        .map(|(index, (path, format))| {
            let result = read_file(index, path, *format, &params, options.encoding);
            Progress::report(progress, Step::FileDone);
            result
        })
        .collect();
    Progress::report(progress, Step::Finish);

    let mut file_errors = found.errors;
    let mut rejected = Vec::new();
    let mut by_unit: BTreeMap<String, Vec<Checked>> = BTreeMap::new();
    let mut summary = Summary {
        files: names.len(),
        ..Summary::default()
    };
    let mut columns = BTreeMap::new();
    for (index, result) in results.into_iter().enumerate() {
        let file = names.get(index).cloned().unwrap_or_default();
        if let Some(c) = result.columns {
            columns.insert(file.clone(), c);
        }
        if let Some(reason) = result.error {
            file_errors.push(FileError {
                file: file.clone(),
                reason,
            });
        }
        for r in result.rejected {
            rejected.push(Rejected {
                file: file.clone(),
                line: r.at.line,
                column: r.at.column,
                reason: r.reason,
            });
        }
        summary.checked += result.checked.len();
        for c in result.checked {
            by_unit.entry(c.unit.clone()).or_default().push(c);
        }
    }
    summary.rejected = rejected.len();
    summary.records = summary.checked + summary.rejected;
    summary.units = by_unit.len();
    let latest_meeting = by_unit.values().flatten().map(|c| c.date).max();

    let per_unit: Vec<Judged> = by_unit
        .into_par_iter()
        .map(|(code, records)| judge_unit(code, records, options, &names))
        .collect();

    let mut findings = Vec::new();
    let mut units = Vec::with_capacity(per_unit.len());
    let mut judged = std::collections::BTreeSet::new();
    for j in per_unit {
        findings.extend(j.findings);
        judged.extend(j.judged.into_iter().map(|id| (j.unit.code.clone(), id)));
        units.push(j.unit);
        summary.outside_period += j.outside;
        summary.before_effective += j.before_effective;
    }
    findings.par_sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    rejected.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    file_errors.sort_by(|a, b| a.file.cmp(&b.file));
    for f in &findings {
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    let mut outcome = Outcome {
        summary,
        from: options.from,
        to: options.to,
        findings,
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
        inputs,
        columns,
    };
    let policy = &options.policy;
    crate::waiver::apply(&mut outcome, policy.waivers(), policy.as_of());
    Ok(outcome)
}

type SortKey<'f> = (
    &'f str,
    Month,
    Option<NaiveDate>,
    Option<&'f str>,
    Option<u32>,
    &'static str,
    Option<&'f str>,
);

fn sort_key(f: &Finding) -> SortKey<'_> {
    (
        &f.unit,
        f.month,
        f.date,
        f.file.as_deref(),
        f.line,
        f.violation.rule.code(),
        f.violation.pointer.as_deref(),
    )
}

fn read_file(
    index: usize,
    path: &std::path::Path,
    format: Format,
    params: &kiemtra_rules::Parameters,
    encoding: Encoding,
) -> FileResult {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return FileResult {
                error: Some(e.to_string()),
                ..FileResult::default()
            }
        }
    };
    // UTF-16 and Windows-1258 JSON is transcoded to UTF-8 first; tables are read elsewhere.
    let bytes = match format {
        Format::Csv | Format::Xlsx => {
            return tabular::read(index, &bytes, format, encoding, params)
        }
        Format::Json | Format::JsonLines => {
            kiemtra_input::decode::transcode(&bytes, encoding).unwrap_or(bytes)
        }
    };
    let (chunks, mut rejected): (Vec<Chunk<'_>>, Vec<Rejection>) = match format {
        Format::JsonLines => (split_jsonl(&bytes).collect(), Vec::new()),
        Format::Json => split_json(&bytes),
        Format::Csv | Format::Xlsx => (Vec::new(), Vec::new()),
    };
    let results: Vec<Result<Checked, Rejection>> = chunks
        .par_iter()
        .map(|chunk| {
            let record = parse(chunk)?;
            let mut violations = Vec::new();
            check_record(&record, params, &mut violations);
            Ok(Checked {
                file: index,
                line: chunk.at.line,
                id: record.id.clone().into_owned(),
                unit: record.unit.clone().into_owned(),
                name: record.unit_name.as_ref().map(|s| s.clone().into_owned()),
                parent: record.parent.as_ref().map(|s| s.clone().into_owned()),
                date: record.date,
                meeting: Meeting::of(&record),
                violations,
            })
        })
        .collect();
    let mut checked = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(c) => checked.push(c),
            Err(e) => rejected.push(e),
        }
    }
    FileResult {
        checked,
        rejected,
        error: None,
        columns: None,
    }
}

/// What judging one unit gave.
struct Judged {
    findings: Vec<Finding>,
    unit: UnitSummary,
    /// Records outside the audited period, and before the pack's first month.
    outside: usize,
    before_effective: usize,
    /// Ids of the records judged.
    judged: Vec<String>,
}

/// Orders a unit's records, runs the cross-record rules, and places every finding.
fn judge_unit(
    code: String,
    mut records: Vec<Checked>,
    options: &Options,
    names: &[String],
) -> Judged {
    let file_name = |i: usize| names.get(i).map(String::as_str).unwrap_or("");
    records.sort_by(|a, b| {
        (a.date, &a.id, file_name(a.file), a.line).cmp(&(b.date, &b.id, file_name(b.file), b.line))
    });
    let first = records.first().map(|r| Month::of(r.date));
    let last = records.last().map(|r| Month::of(r.date));
    // The pack judges nothing before its first month.
    let first_month = options.policy.pack.first_month();
    let period = Period {
        from: options
            .from
            .or(first)
            .unwrap_or(Month { year: 1, month: 1 })
            .max(first_month),
        to: options.to.or(last).unwrap_or(Month { year: 1, month: 1 }),
    };

    let meetings: Vec<Meeting> = records.iter().map(|r| r.meeting).collect();
    let mut unit_violations = Vec::new();
    check_unit(
        &meetings,
        period,
        options.policy.parameters(),
        &mut unit_violations,
    );

    let policy = &options.policy;
    let mut findings = Vec::new();
    let place = |r: &Checked, v: Violation, severity: Severity| Finding {
        severity,
        violation: v,
        unit: code.clone(),
        record: Some(r.id.clone()),
        month: Month::of(r.date),
        date: Some(r.date),
        file: Some(file_name(r.file).to_owned()),
        line: Some(r.line),
        waiver: None,
        change: None,
    };
    let mut has_error = vec![false; records.len()];
    for (at, v) in unit_violations {
        // Whether the rule is on, and its severity: the policy decides.
        let Some(severity) = policy.decide(v.rule) else {
            continue;
        };
        match at {
            At::Meeting(i) => {
                if let Some(r) = records.get(i) {
                    if period.contains(Month::of(r.date)) {
                        let f = place(r, v, severity);
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
                severity,
                violation: v,
                unit: code.clone(),
                record: None,
                month,
                date: None,
                file: None,
                line: None,
                waiver: None,
                change: None,
            }),
        }
    }

    let mut outside = 0;
    let mut before_effective = 0;
    let mut judged = Vec::new();
    let mut month_state: BTreeMap<Month, MonthState> =
        period.months().map(|m| (m, MonthState::Missing)).collect();
    let mut meetings_in_period = 0;
    for (i, r) in records.iter_mut().enumerate() {
        let month = Month::of(r.date);
        if r.date < options.policy.pack.pack.effective {
            before_effective += 1;
            continue;
        }
        if !period.contains(month) {
            outside += 1;
            continue;
        }
        meetings_in_period += 1;
        judged.push(r.id.clone());
        let mut error = has_error.get(i).copied().unwrap_or(false);
        for v in std::mem::take(&mut r.violations) {
            let Some(severity) = policy.decide(v.rule) else {
                continue;
            };
            let f = place(r, v, severity);
            error |= f.severity == Severity::Error;
            findings.push(f);
        }
        if r.meeting.periodic {
            let state = if r.meeting.session.is_some() && !error {
                MonthState::Compliant
            } else {
                MonthState::Failing
            };
            if let Some(s) = month_state.get_mut(&month) {
                *s = (*s).max_state(state);
            }
        }
    }

    // Name and parent: from the latest record that gives them.
    let name = records.iter().rev().find_map(|r| r.name.clone());
    let parent = records.iter().rev().find_map(|r| r.parent.clone());
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let months: Vec<(Month, MonthState)> = month_state.into_iter().collect();
    let summary = UnitSummary {
        name,
        parent,
        period,
        meetings: meetings_in_period,
        months_held: months
            .iter()
            .filter(|(_, s)| *s != MonthState::Missing)
            .count() as u32,
        months_compliant: months
            .iter()
            .filter(|(_, s)| *s == MonthState::Compliant)
            .count() as u32,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        waived: 0,
        months,
        code,
    };
    Judged {
        findings,
        unit: summary,
        outside,
        before_effective,
        judged,
    }
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
