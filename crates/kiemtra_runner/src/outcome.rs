//! The result of an inspection, as data.

use kiemtra_messages::Say;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::num::NonZeroU32;

use chrono::NaiveDate;
use kiemtra_input::Reason;
use kiemtra_rules::{Detail, Month, Note, Period, Rule, Severity};

pub use crate::baseline::{BaselineReport, Change, FindingAt, FindingKey};
use crate::discover::FileError;
use crate::inputs::Inputs;
use crate::waiver::{AsOf, WaiverUse};

/// One finding: a rule's facts placed in its unit, record, file and line, with its severity.
/// Compact (64 bytes): a batch may hold hundreds of thousands; its strings are kept once in
/// [`Outcome::names`] and worded only when a report is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    /// New since the baseline, or still open; `None` without a baseline.
    pub change: Option<Change>,
    /// Its unit, in [`Names::units`].
    pub unit: Ix,
    /// Its record's id in [`Names::records`] when it is not the default `unit/date`; see
    /// [`Outcome::record_of`].
    pub record: Option<Ix>,
    /// Its file, in [`Names::files`]; `None` for a finding about the unit as a whole.
    pub file: Option<Ix>,
    /// JSON pointer of the field at fault (`/session/reason`), in [`Names::pointers`].
    pub pointer: Option<Ix>,
    /// 1-based line where the record starts in its file; in a record spread over several lines
    /// (pretty-printed JSON), the line of the finding's field.
    pub line: Option<NonZeroU32>,
    /// In a record spread over several lines, the 1-based column of the finding's field.
    pub column: Option<NonZeroU32>,
    /// Index in [`Outcome::waivers`] of the waiver that covers the finding: in force for a
    /// finding of [`Outcome::waived`], expired for one of [`Outcome::findings`].
    pub waiver: Option<Ix>,
    /// The meeting's date, for record findings; `None` for a finding about the unit as a whole
    /// (CD601, CD602).
    pub date: Option<NaiveDate>,
    /// The month of the meeting, or the month the unit-level finding is about: see
    /// [`Finding::month`].
    pub(crate) month: MonthCode,
    pub detail: Detail,
}

impl Finding {
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The month of the meeting, or the month the unit-level finding is about.
    pub fn month(&self) -> Month {
        self.month.into()
    }

    /// Whether the verdict rests on a value written but unreadable (see
    /// [`Detail::unverifiable`]).
    pub fn unverifiable(&self) -> bool {
        self.detail.unverifiable()
    }

    /// Whether the finding is about a record (not the unit as a whole).
    pub fn is_about_record(&self) -> bool {
        self.date.is_some()
    }
}

/// A month in 4 bytes: months since January of year 0, in the order of [`Month`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct MonthCode(i32);

impl From<Month> for MonthCode {
    fn from(m: Month) -> MonthCode {
        let month = i32::try_from(m.month).unwrap_or(1) - 1;
        MonthCode(m.year.saturating_mul(12).saturating_add(month))
    }
}

impl From<MonthCode> for Month {
    fn from(c: MonthCode) -> Month {
        Month {
            year: c.0.div_euclid(12),
            month: c.0.rem_euclid(12).unsigned_abs() + 1,
        }
    }
}

/// An index into one of the run's tables, in 4 bytes (`Option<Ix>` too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ix(NonZeroU32);

impl Ix {
    /// `None` past `u32::MAX - 1` entries, far beyond what a run can hold.
    pub fn new(i: usize) -> Option<Ix> {
        u32::try_from(i)
            .ok()
            .and_then(|i| i.checked_add(1))
            .and_then(NonZeroU32::new)
            .map(Ix)
    }

    pub fn get(self) -> usize {
        self.0.get() as usize - 1
    }

    /// The last index there can be: what an index past it becomes (never reached).
    pub const LAST: Ix = Ix(NonZeroU32::MAX);
}

/// The strings findings refer to by [`Ix`], each kept once for the whole run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    /// Unit codes.
    pub units: Vec<String>,
    /// Input files, as named in reports.
    pub files: Vec<String>,
    /// Record ids that are not the default `unit/date`.
    pub records: Vec<Box<str>>,
    /// JSON pointers of fields at fault.
    pub pointers: Vec<Box<str>>,
}

impl Names {
    fn get<T: AsRef<str>>(table: &[T], ix: Option<Ix>) -> Option<&str> {
        table.get(ix?.get()).map(AsRef::as_ref)
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
    /// `đoạn 14 “Kết luận”`, `không thấy mục “Kết luận”` (see [`Say`]).
    pub fn describe(&self, lang: kiemtra_messages::Lang) -> String {
        self.say(lang)
    }
}

impl Say for WordPlace {
    fn say_into(&self, lang: kiemtra_messages::Lang, out: &mut String) {
        use kiemtra_messages::m::runner as w;
        match self {
            WordPlace::Found { paragraph, label } if label.is_empty() => {
                w::WordParagraph { paragraph }.say_into(lang, out)
            }
            WordPlace::Found { paragraph, label } => {
                w::WordParagraphLabel { paragraph, label }.say_into(lang, out)
            }
            WordPlace::Missing { label } => w::WordMissing { label }.say_into(lang, out),
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
    /// The strings findings refer to.
    pub names: Names,
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
    /// first month) among those [`crate::Options::baseline`] has findings about: what a re-inspection can
    /// say is resolved.
    pub judged: BTreeSet<(String, String)>,
    /// The comparison with a previous inspection, when one was given.
    pub baseline: Option<BaselineReport>,
}

impl Outcome {
    /// A finding's unit code.
    pub fn unit_of(&self, f: &Finding) -> &str {
        Names::get(&self.names.units, Some(f.unit)).unwrap_or_default()
    }

    /// A finding's file, as named in reports; `None` for a finding about the unit as a whole.
    pub fn file_of(&self, f: &Finding) -> Option<&str> {
        Names::get(&self.names.files, f.file)
    }

    /// The id of a finding's record (given, or the default `unit/date`); `None` for a finding
    /// about the unit as a whole.
    pub fn record_of(&self, f: &Finding) -> Option<Cow<'_, str>> {
        let date = f.date?;
        Some(match Names::get(&self.names.records, f.record) {
            Some(id) => Cow::Borrowed(id),
            None => Cow::Owned(kiemtra_rules::validate::default_id(self.unit_of(f), date)),
        })
    }

    /// The JSON pointer of a finding's field (`/session/reason`), when it has one.
    pub fn pointer_of(&self, f: &Finding) -> Option<&str> {
        Names::get(&self.names.pointers, f.pointer)
    }

    /// The waiver that covers a finding (in force for a waived one, expired otherwise).
    pub fn waiver_of(&self, f: &Finding) -> Option<&WaiverUse> {
        self.waivers.get(f.waiver?.get())
    }

    /// What identifies a finding from one inspection to the next.
    pub fn key(&self, f: &Finding) -> FindingKey {
        FindingKey {
            rule: f.rule.code().to_owned(),
            unit: self.unit_of(f).to_owned(),
            at: match self.record_of(f) {
                Some(id) => FindingAt::Record(id.into_owned()),
                None => FindingAt::Month(f.month().to_string()),
            },
            pointer: self.pointer_of(f).map(str::to_owned),
        }
    }

    /// The stable fingerprint of [`Outcome::key`] (see [`FindingKey::fingerprint`]).
    pub fn fingerprint(&self, f: &Finding) -> String {
        self.key(f).fingerprint()
    }

    /// The column of a finding's field: in a CSV file or a worksheet, the column holding it; in
    /// a pretty-printed JSON record, where its key is written.
    pub fn column(&self, f: &Finding) -> Option<u32> {
        match self.columns.get(self.file_of(f)?) {
            Some(columns) => columns.of(self.pointer_of(f)?),
            None => f.column.map(NonZeroU32::get),
        }
    }

    /// The header, as its file writes it, of the column holding a finding's field.
    pub fn header(&self, f: &Finding) -> Option<&str> {
        let columns = self.columns.get(self.file_of(f)?)?;
        let column = columns.of(self.pointer_of(f)?)?;
        let header = columns
            .headers
            .get(usize::try_from(column).ok()?.checked_sub(1)?)?;
        Some(header.trim()).filter(|h| !h.is_empty())
    }

    /// Where a finding's field is in Word minutes: its paragraph and label, or the label
    /// kiemtra looked for and did not find. `None` for a finding outside Word minutes.
    pub fn word_place(&self, f: &Finding) -> Option<WordPlace> {
        let places = self.word.get(self.file_of(f)?)?;
        let pointer = self.pointer_of(f)?;
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
        Some(format!("{}, {}", self.file_of(f)?, place.describe(lang)))
    }

    /// Findings new since the baseline, still open, and resolved, for one unit (waived
    /// findings included in the first two).
    pub fn baseline_counts(&self, unit: &str) -> (usize, usize, usize) {
        let (mut new, mut open) = (0, 0);
        for f in self.findings.iter().chain(&self.waived) {
            if self.unit_of(f) == unit {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A batch holds hundreds of thousands of findings: each stays small.
    #[test]
    fn a_finding_is_compact() {
        assert!(std::mem::size_of::<Finding>() <= 64);
        assert_eq!(std::mem::size_of::<Option<Ix>>(), 4);
    }

    #[test]
    fn months_round_trip_in_order() {
        let months: Vec<Month> = [(-1, 12), (0, 1), (1, 1), (2016, 12), (2017, 1), (9999, 12)]
            .map(|(year, month)| Month { year, month })
            .into();
        for w in months.windows(2) {
            let (a, b) = (MonthCode::from(w[0]), MonthCode::from(w[1]));
            assert!(a < b, "{:?} {:?}", w[0], w[1]);
            assert_eq!(Month::from(a), w[0]);
            assert_eq!(Month::from(b), w[1]);
        }
    }

    #[test]
    fn indexes_round_trip() {
        for i in [0, 1, 41, u32::MAX as usize - 1] {
            assert_eq!(Ix::new(i).map(Ix::get), Some(i));
        }
        assert_eq!(Ix::new(u32::MAX as usize), None);
    }
}
