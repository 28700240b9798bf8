//! The result of an inspection, as data.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use kiemtra_input::Reason;
use kiemtra_rules::{Month, Note, Period, Rule, Severity, Violation};

pub use crate::baseline::{BaselineReport, Change, FindingAt, FindingKey};
use crate::discover::FileError;
use crate::inputs::Inputs;
use crate::waiver::{AsOf, WaiverUse};

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
    /// 1-based line where the record starts in its file; in a record spread over several lines
    /// (pretty-printed JSON), the line of the finding's field.
    pub line: Option<u32>,
    /// In a record spread over several lines, the 1-based column of the finding's field.
    pub column: Option<u32>,
    /// Index in [`Outcome::waivers`] of the waiver that covers the finding: in force for a
    /// finding of [`Outcome::waived`], expired for one of [`Outcome::findings`].
    pub waiver: Option<usize>,
    /// New since the baseline, or still open; `None` without a baseline.
    pub change: Option<Change>,
}

impl Finding {
    pub fn rule(&self) -> Rule {
        self.violation.rule
    }

    /// What identifies the finding from one inspection to the next.
    pub fn key(&self) -> FindingKey {
        FindingKey {
            rule: self.rule().code().to_owned(),
            unit: self.unit.clone(),
            at: match &self.record {
                Some(id) => FindingAt::Record(id.clone()),
                None => FindingAt::Month(self.month.to_string()),
            },
            pointer: self.violation.pointer.clone(),
        }
    }

    /// The stable fingerprint of [`Finding::key`] (see [`FindingKey::fingerprint`]).
    pub fn fingerprint(&self) -> String {
        self.key().fingerprint()
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
    /// Findings by severity: error, warning, info (waived ones not included).
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Waived findings.
    pub waived: usize,
    /// Months of the period with their state, in order.
    pub months: Vec<(Month, MonthState)>,
    /// What could not be checked for the unit (catalogue v1.1).
    pub notes: Vec<Note>,
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
    /// Checked records dated before the first month the pack judges (its effective date):
    /// read as context, not judged.
    pub before_effective: usize,
    pub units: usize,
    /// Findings by severity, waived ones not included.
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings covered by a waiver in force.
    pub waived: usize,
}

/// Where a finding is in Word minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordPlace {
    /// The field's paragraph ("đoạn N") and its label as the document writes it.
    Found { paragraph: u32, label: String },
    /// No paragraph has the field's label: the label looked for.
    Missing { label: &'static str },
}

impl WordPlace {
    /// `đoạn 14 “Kết luận”`, `không thấy mục “Kết luận”`.
    pub fn describe(&self, lang: kiemtra_rules::Lang) -> String {
        use kiemtra_rules::Lang::{En, Vi};
        match (self, lang) {
            (WordPlace::Found { paragraph, label }, Vi) if label.is_empty() => {
                format!("đoạn {paragraph}")
            }
            (WordPlace::Found { paragraph, label }, En) if label.is_empty() => {
                format!("paragraph {paragraph}")
            }
            (WordPlace::Found { paragraph, label }, Vi) => format!("đoạn {paragraph} “{label}”"),
            (WordPlace::Found { paragraph, label }, En) => {
                format!("paragraph {paragraph} “{label}”")
            }
            (WordPlace::Missing { label }, Vi) => format!("không thấy mục “{label}”"),
            (WordPlace::Missing { label }, En) => format!("no “{label}” part found"),
        }
    }
}

/// Everything an inspection found.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub summary: Summary,
    /// `--from` / `--to`, when given; `from` as audited: never before the pack's first full
    /// month.
    pub from: Option<Month>,
    /// The start asked for (`--from`, else the earliest unit's first record) when it is before
    /// the pack's first full month, where the audited period starts instead.
    pub asked_from: Option<Month>,
    pub to: Option<Month>,
    /// The findings that count: not waived.
    pub findings: Vec<Finding>,
    pub rejected: Vec<Rejected>,
    pub file_errors: Vec<FileError>,
    pub units: Vec<UnitSummary>,
    /// The files read, with their SHA-256, and the digest over them.
    pub inputs: Inputs,
    /// Per CSV file or workbook: which field each column holds (for the column of a finding).
    pub columns: std::collections::BTreeMap<String, kiemtra_input::Columns>,
    /// Per Word minutes file: the paragraph and label of each field read.
    pub word: std::collections::BTreeMap<String, kiemtra_input::docx::Places>,
    /// The first month the rule pack judges (from its effective date).
    pub first_month: Month,
    /// The latest meeting date among the checked records.
    pub latest_meeting: Option<NaiveDate>,
    /// Findings covered by a waiver in force: listed apart, not failing the run.
    pub waived: Vec<Finding>,
    /// Every waiver of the policy, with what became of it.
    pub waivers: Vec<WaiverUse>,
    /// The day waivers' expiry was judged on.
    pub as_of: Option<AsOf>,
    /// `(unit, record id)` of the records judged (in their unit's period, on or after the pack's
    /// first month) among those [`crate::Options::recheck`] asks about: what a re-inspection can
    /// say is resolved.
    pub judged: BTreeSet<(String, String)>,
    /// The comparison with a previous inspection, when one was given.
    pub baseline: Option<BaselineReport>,
}

impl Outcome {
    /// The column of a finding's field: in a CSV file or a worksheet, the column holding it; in
    /// a pretty-printed JSON record, where its key is written.
    pub fn column(&self, f: &Finding) -> Option<u32> {
        match self.columns.get(f.file.as_deref()?) {
            Some(columns) => columns.of(f.violation.pointer.as_deref()?),
            None => f.column,
        }
    }

    /// The header, as its file writes it, of the column holding a finding's field.
    pub fn header(&self, f: &Finding) -> Option<&str> {
        let columns = self.columns.get(f.file.as_deref()?)?;
        let column = columns.of(f.violation.pointer.as_deref()?)?;
        let header = columns
            .headers
            .get(usize::try_from(column).ok()?.checked_sub(1)?)?;
        Some(header.trim()).filter(|h| !h.is_empty())
    }

    /// Where a finding's field is in Word minutes: its paragraph and label, or the label
    /// kiemtra looked for and did not find. `None` for a finding outside Word minutes.
    pub fn word_place(&self, f: &Finding) -> Option<WordPlace> {
        let places = self.word.get(f.file.as_deref()?)?;
        let pointer = f.violation.pointer.as_deref()?;
        Some(match places.of(pointer) {
            Some(p) => WordPlace::Found {
                paragraph: p.paragraph,
                label: p.label.clone(),
            },
            None => {
                let dotted = pointer.trim_start_matches('/').replace('/', ".");
                WordPlace::Missing {
                    label: kiemtra_input::docx::label_of(&dotted)?,
                }
            }
        })
    }

    /// A finding's place as a person reads it, for Word minutes: `biên-bản.docx, đoạn 14
    /// “Kết luận”` or `biên-bản.docx, không thấy mục “Kết luận”`. `None` outside Word minutes.
    pub fn word_place_text(&self, f: &Finding, lang: kiemtra_rules::Lang) -> Option<String> {
        let place = self.word_place(f)?;
        Some(format!("{}, {}", f.file.as_deref()?, place.describe(lang)))
    }

    /// Findings new since the baseline, still open, and resolved, for one unit (waived
    /// findings included in the first two).
    pub fn baseline_counts(&self, unit: &str) -> (usize, usize, usize) {
        let (mut new, mut open) = (0, 0);
        for f in self.findings.iter().chain(&self.waived) {
            if f.unit == unit {
                match f.change {
                    Some(Change::New) => new += 1,
                    Some(Change::Open) => open += 1,
                    None => {}
                }
            }
        }
        let resolved = self.baseline.as_ref().map_or(0, |b| {
            b.resolved.iter().filter(|p| p.key.unit == unit).count()
        });
        (new, open, resolved)
    }

    /// Exit status of `check`: 1 when a finding is at or above `fail_on`, or a record was
    /// rejected, or a file could not be read; else 0. Waived findings do not count.
    pub fn failed(&self, fail_on: Severity) -> bool {
        !self.rejected.is_empty()
            || !self.file_errors.is_empty()
            || self.findings.iter().any(|f| f.severity >= fail_on)
    }
}
