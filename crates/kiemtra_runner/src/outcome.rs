//! The result of an inspection, as data.

use chrono::NaiveDate;
use kiemtra_input::Reason;
use kiemtra_rules::{Month, Period, Rule, Severity, Violation};

use crate::discover::FileError;
use crate::inputs::Inputs;

/// One finding: a violation placed in its unit, record, file and line, with its severity.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub violation: Violation,
    pub severity: Severity,
    pub unit: String,
    /// The record's id; `None` for a finding about the unit as a whole (CD601, CD602).
    pub record: Option<String>,
    /// The month of the meeting, or the month the unit-level finding is about.
    pub month: Month,
    /// The meeting's date, for record findings.
    pub date: Option<NaiveDate>,
    pub file: Option<String>,
    /// 1-based line where the record starts in its file.
    pub line: Option<u32>,
}

impl Finding {
    pub fn rule(&self) -> Rule {
        self.violation.rule
    }
}

/// A record that was not checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub reason: Reason,
}

/// Per unit: what was expected in the period and what was done.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitSummary {
    pub code: String,
    pub name: Option<String>,
    pub parent: Option<String>,
    pub period: Period,
    /// Records of the unit inside the period.
    pub meetings: usize,
    /// Months of the period with at least one periodic meeting.
    pub months_held: u32,
    /// Months of the period with a periodic meeting whose session has no error.
    pub months_compliant: u32,
    /// Findings by severity: error, warning, info.
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Months of the period with their state, in order.
    pub months: Vec<(Month, MonthState)>,
}

/// How a unit did in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MonthState {
    /// No periodic meeting.
    Missing,
    /// Periodic meetings, none without an error.
    Failing,
    /// A periodic meeting with a session and no error.
    Compliant,
}

impl UnitSummary {
    pub fn months_expected(&self) -> u32 {
        self.period.len()
    }

    /// Compliant months over expected months, 0 when nothing was expected.
    pub fn compliance_rate(&self) -> f64 {
        match self.months_expected() {
            0 => 0.0,
            n => f64::from(self.months_compliant) / f64::from(n),
        }
    }
}

/// Counts for the whole run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    /// Records read: `checked + rejected`.
    pub records: usize,
    pub checked: usize,
    pub rejected: usize,
    /// Checked records dated outside `--from`/`--to`: read as context, not judged.
    pub outside_period: usize,
    pub units: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// Everything an inspection found.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub summary: Summary,
    /// `--from` / `--to`, when given.
    pub from: Option<Month>,
    pub to: Option<Month>,
    pub findings: Vec<Finding>,
    pub rejected: Vec<Rejected>,
    pub file_errors: Vec<FileError>,
    pub units: Vec<UnitSummary>,
    /// The files read, with their SHA-256, and the digest over them.
    pub inputs: Inputs,
}

impl Outcome {
    /// Exit status of `check`: 1 when a finding is at or above `fail_on`, or a record was
    /// rejected, or a file could not be read; else 0.
    pub fn failed(&self, fail_on: Severity) -> bool {
        !self.rejected.is_empty()
            || !self.file_errors.is_empty()
            || self.findings.iter().any(|f| f.severity >= fail_on)
    }
}
