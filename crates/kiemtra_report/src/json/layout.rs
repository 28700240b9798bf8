//! The JSON report's layout: every object it writes, as data. The field names are a contract
//! (programs and `--baseline` read them); the rest may grow.

use kiemtra_rules::Severity;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct Totals {
    pub(super) units: usize,
    pub(super) months_expected: u32,
    pub(super) months_held: u32,
    pub(super) months_compliant: u32,
    pub(super) compliance_rate: f64,
    pub(super) rating: Option<&'static str>,
    pub(super) units_by_rating: ByRating,
}

#[derive(Serialize)]
pub(super) struct ByRating {
    pub(super) good: usize,
    pub(super) fair: usize,
    pub(super) average: usize,
    pub(super) poor: usize,
}

impl ByRating {
    pub(super) fn of(n: [usize; 4]) -> ByRating {
        ByRating {
            good: n[0],
            fair: n[1],
            average: n[2],
            poor: n[3],
        }
    }
}

#[derive(Serialize)]
pub(super) struct Parent<'a> {
    pub(super) parent: Option<&'a str>,
    pub(super) units: Vec<&'a str>,
    pub(super) months_expected: u32,
    pub(super) months_held: u32,
    pub(super) months_compliant: u32,
    pub(super) compliance_rate: f64,
    pub(super) rating: Option<&'static str>,
    pub(super) units_by_rating: ByRating,
    pub(super) error: usize,
    pub(super) warning: usize,
    pub(super) info: usize,
}

#[derive(Serialize)]
pub(super) struct RuleCount {
    pub(super) rule: &'static str,
    pub(super) name: &'static str,
    pub(super) severity: Severity,
    pub(super) findings: usize,
    pub(super) units: usize,
}

#[derive(Serialize)]
pub(super) struct Inputs<'a> {
    pub(super) digest: &'a str,
    pub(super) files: Vec<InputFile<'a>>,
}

#[derive(Serialize)]
pub(super) struct InputFile<'a> {
    pub(super) file: &'a str,
    pub(super) bytes: u64,
    pub(super) sha256: &'a str,
}

#[derive(Serialize)]
pub(super) struct AsOf {
    pub(super) date: String,
    /// `given` (--as-of) or `latest-meeting`.
    pub(super) source: &'static str,
}

#[derive(Serialize)]
pub(super) struct Waiver<'a> {
    pub(super) id: &'a str,
    pub(super) rule: &'a str,
    pub(super) unit: Option<&'a str>,
    pub(super) parent: Option<&'a str>,
    pub(super) from: String,
    pub(super) to: String,
    pub(super) justification: &'a str,
    pub(super) approved_by: &'a str,
    pub(super) expires: String,
    pub(super) origin: &'a str,
    /// `applied`, `expired` or `unused`.
    pub(super) state: &'static str,
    /// Findings it covers (applied) or would have covered (expired).
    pub(super) matched: usize,
}

/// The waiver of a finding: in force (in `waived[]`) or expired (in `findings[]`).
#[derive(Serialize)]
pub(super) struct FindingWaiver<'a> {
    pub(super) id: &'a str,
    pub(super) state: &'static str,
    pub(super) justification: &'a str,
    pub(super) approved_by: &'a str,
    pub(super) expires: String,
}

#[derive(Serialize)]
pub(super) struct Baseline<'a> {
    pub(super) file: &'a str,
    pub(super) new: usize,
    pub(super) open: usize,
    pub(super) resolved: Vec<Past<'a>>,
    pub(super) not_rechecked: Vec<Past<'a>>,
}

#[derive(Serialize)]
pub(super) struct Past<'a> {
    pub(super) rule: &'a str,
    pub(super) unit: &'a str,
    pub(super) record: Option<&'a str>,
    pub(super) month: Option<String>,
    pub(super) pointer: Option<&'a str>,
    pub(super) fingerprint: String,
    pub(super) severity: Option<Severity>,
    pub(super) message: &'a str,
    pub(super) file: Option<&'a str>,
    pub(super) line: Option<u32>,
    pub(super) waived: bool,
    /// Why it was not re-checked (`not_rechecked[]` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) reason: Option<&'static str>,
}

#[derive(Serialize)]
pub(super) struct Tool {
    pub(super) version: &'static str,
    pub(super) format: u32,
    pub(super) lang: kiemtra_rules::Lang,
}

#[derive(Serialize)]
pub(super) struct Pack<'a> {
    pub(super) id: &'a str,
    pub(super) version: &'a str,
    /// The rule catalogue the pack encodes (`1.1`).
    pub(super) catalogue: &'a str,
    pub(super) title: &'a str,
    pub(super) issuer: &'a str,
    pub(super) source: Option<&'a str>,
    pub(super) date: String,
    pub(super) effective: String,
    /// The first month the pack judges.
    pub(super) first_month: String,
    pub(super) min_minutes: u32,
    pub(super) max_topic_months: u32,
}

#[derive(Serialize)]
pub(super) struct Period {
    /// As asked (`--from`, `--to`).
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    /// As audited: from the first to the last month of any unit's audited period.
    pub(super) audited_from: Option<String>,
    pub(super) audited_to: Option<String>,
    /// Why the audited period starts later than asked, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) reason: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Summary {
    pub(super) files: usize,
    pub(super) records: usize,
    pub(super) checked: usize,
    pub(super) rejected: usize,
    pub(super) outside_period: usize,
    pub(super) before_effective: usize,
    pub(super) units: usize,
    pub(super) findings: usize,
    pub(super) error: usize,
    pub(super) warning: usize,
    pub(super) info: usize,
    pub(super) waived: usize,
}

#[derive(Serialize)]
pub(super) struct Finding<'a> {
    pub(super) rule: &'static str,
    pub(super) name: &'static str,
    pub(super) severity: Severity,
    pub(super) unit: &'a str,
    pub(super) record: Option<std::borrow::Cow<'a, str>>,
    pub(super) month: String,
    pub(super) date: Option<String>,
    pub(super) file: Option<&'a str>,
    pub(super) line: Option<u32>,
    /// For a CSV file or a worksheet: the column of the field at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) column: Option<u32>,
    /// For Word minutes: the field's paragraph and label, or the label not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) word: Option<Word>,
    pub(super) pointer: Option<&'a str>,
    pub(super) message: String,
    /// A value written but unreadable (catalogue v1.1): not a proven breach, at most a warning.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) unverifiable: bool,
    pub(super) cites: &'a [String],
    pub(super) hint: String,
    /// Stable across inspections: rule, unit, record id (or month) and pointer.
    pub(super) fingerprint: String,
    /// `new` or `open` against the baseline; absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) baseline: Option<&'static str>,
    pub(super) waiver: Option<FindingWaiver<'a>>,
}

#[derive(Serialize)]
pub(super) struct Rejected<'a> {
    pub(super) file: &'a str,
    pub(super) line: u32,
    pub(super) column: u32,
    pub(super) reason: String,
}

#[derive(Serialize)]
pub(super) struct FileError<'a> {
    pub(super) file: &'a str,
    pub(super) reason: String,
}

#[derive(Serialize)]
pub(super) struct UnknownColumn<'a> {
    pub(super) file: &'a str,
    pub(super) column: u32,
    /// Excel's letter for the column.
    pub(super) letter: String,
    pub(super) header: &'a str,
    /// The closest label kiemtra knows, if one is close.
    pub(super) closest: Option<&'static str>,
}

#[derive(Serialize)]
pub(super) struct Unit<'a> {
    pub(super) unit: &'a str,
    pub(super) name: Option<&'a str>,
    pub(super) parent: Option<&'a str>,
    pub(super) from: String,
    pub(super) to: String,
    pub(super) meetings: usize,
    pub(super) months_expected: u32,
    pub(super) months_held: u32,
    pub(super) months_compliant: u32,
    pub(super) compliance_rate: f64,
    pub(super) rating: Option<&'static str>,
    pub(super) error: usize,
    pub(super) warning: usize,
    pub(super) info: usize,
    pub(super) waived: usize,
    /// Against the baseline: findings new, still open, resolved; absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) new: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) open: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) resolved: Option<usize>,
    /// What could not be checked for the unit (catalogue v1.1).
    pub(super) notes: Vec<Note>,
}

#[derive(Serialize)]
pub(super) struct Note {
    pub(super) code: &'static str,
    pub(super) message: String,
}

/// Where a finding is in Word minutes.
#[derive(Serialize)]
pub(super) struct Word {
    /// The paragraph ("đoạn N") of the field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) paragraph: Option<u32>,
    /// The field's label as the document writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) label: Option<String>,
    /// The label looked for and not found in the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) missing: Option<&'static str>,
}
