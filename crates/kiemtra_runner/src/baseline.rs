//! Re-inspection: this inspection's findings compared with a previous one's JSON report.
//!
//! A finding is identified by its rule, its unit, the record it is about (its id) or, for a
//! finding about the unit as a whole, the month, and the field at fault (JSON pointer) — never
//! by file or line, which change when records are exported again. Each finding of this
//! inspection is *new* or *still open*; each finding of the previous one that is gone is
//! *resolved* when this inspection judged the same record (or the same month of the unit) with
//! the same rule on, and *not re-checked* otherwise: a finding is never called resolved only
//! because its record was left out this time.

use std::collections::BTreeMap;

use kiemtra_input::{IoProblem, JsonProblem};
use kiemtra_messages::{Lang, Say};
use kiemtra_rules::{Month, Rule, Severity};
use serde::Deserialize;

use crate::policy::Policy;

/// What a finding is about, besides rule and unit.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingAt {
    /// A record, by id.
    Record(String),
    /// A month of the unit (`YYYY-MM`), for findings about the unit as a whole.
    Month(String),
}

/// What identifies a finding from one inspection to the next.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FindingKey {
    pub rule: String,
    pub unit: String,
    pub at: FindingAt,
    pub pointer: Option<String>,
}

impl FindingKey {
    /// 16 hex digits: FNV-1a (64 bit) of `rule`, `unit`, the record id or `month:YYYY-MM`, and
    /// the pointer, each followed by the byte 0x1F. Stable across versions and machines.
    pub fn fingerprint(&self) -> String {
        let at = match &self.at {
            FindingAt::Record(id) => format!("record:{id}"),
            FindingAt::Month(m) => format!("month:{m}"),
        };
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for part in [
            self.rule.as_str(),
            self.unit.as_str(),
            at.as_str(),
            self.pointer.as_deref().unwrap_or(""),
        ] {
            for &b in part.as_bytes().iter().chain(&[0x1f]) {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }
}

/// Whether a finding of this inspection was in the previous one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    New,
    /// Still open: the previous inspection had it too.
    Open,
}

impl Change {
    pub fn code(self) -> &'static str {
        match self {
            Change::New => "new",
            Change::Open => "open",
        }
    }
}

/// A finding of the previous inspection, as its report gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct PastFinding {
    pub key: FindingKey,
    pub severity: Option<Severity>,
    /// The message, in the language of the previous report.
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u32>,
    /// The month of the finding.
    pub month: Option<Month>,
    /// Whether it was waived then.
    pub waived: bool,
}

/// Why a finding of the previous inspection that is gone cannot be called resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotRechecked {
    /// The rule is off in this inspection (or not in this catalogue).
    RuleOff,
    /// No record of the unit was read this time.
    UnitAbsent,
    /// The record (by id) was not judged this time: absent, outside the period, or rejected.
    RecordAbsent,
    /// The month is outside the unit's audited period this time.
    OutsidePeriod,
    /// The baseline was written under another pack (another id, version or effective date)
    /// or with another value of a parameter the rule uses: its findings were judged by other
    /// measures, so one that is gone may be gone only because the measure changed.
    PackChanged,
}

impl NotRechecked {
    pub fn code(self) -> &'static str {
        match self {
            NotRechecked::RuleOff => "rule-off",
            NotRechecked::UnitAbsent => "unit-absent",
            NotRechecked::RecordAbsent => "record-absent",
            NotRechecked::OutsidePeriod => "outside-period",
            NotRechecked::PackChanged => "pack-changed",
        }
    }
}

/// The previous inspection's report.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    /// The report's file, as named.
    pub file: String,
    /// Its findings and waived findings, in its order.
    pub findings: Vec<PastFinding>,
    /// The pack and parameters it was judged under; `None` in a report that does not say.
    pub pack: Option<PackUsed>,
}

/// The pack a report was judged under, as its `pack` object states it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PackUsed {
    pub id: String,
    pub version: String,
    pub effective: String,
    pub min_minutes: u32,
    pub max_topic_months: u32,
}

impl PackUsed {
    /// The pack and parameters of this inspection.
    pub fn of(policy: &Policy) -> PackUsed {
        let pack = &policy.pack;
        PackUsed {
            id: pack.pack.id.clone(),
            version: pack.pack.version.clone(),
            effective: pack.pack.effective.to_string(),
            min_minutes: policy.parameters().min_minutes,
            max_topic_months: policy.parameters().max_topic_months,
        }
    }

    /// Whether a rule judged under `self` judges alike under `now`.
    pub(crate) fn judges_alike(&self, now: &PackUsed, rule: Rule) -> bool {
        let same_pack =
            self.id == now.id && self.version == now.version && self.effective == now.effective;
        same_pack
            && match rule {
                Rule::MinimumDuration => self.min_minutes == now.min_minutes,
                Rule::TopicTooLong => self.max_topic_months == now.max_topic_months,
                _ => true,
            }
    }
}

/// The largest baseline read, in bytes (a report of some 200,000 findings): a larger file is
/// refused before it is read, whatever it holds.
pub const MAX_BASELINE_BYTES: u64 = 128 << 20;

/// The comparison, as the reports show it.
#[derive(Clone, Debug, PartialEq)]
pub struct BaselineReport {
    pub file: String,
    /// Findings (waived or not) new since the baseline, and still open.
    pub new: usize,
    pub open: usize,
    /// Findings of the baseline that are gone, the same scope having been judged again.
    pub resolved: Vec<PastFinding>,
    /// Findings of the baseline that are gone but whose scope was not judged this time.
    pub not_rechecked: Vec<(PastFinding, NotRechecked)>,
}

#[derive(Deserialize)]
struct ReportFile {
    kiemtra: Tool,
    #[serde(default)]
    pack: Option<PackUsed>,
    findings: Vec<RawFinding>,
    #[serde(default)]
    waived: Vec<RawFinding>,
}

#[derive(Deserialize)]
struct Tool {
    format: u32,
}

#[derive(Deserialize)]
struct RawFinding {
    rule: String,
    unit: String,
    record: Option<String>,
    month: String,
    #[serde(default)]
    pointer: Option<String>,
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default)]
    message: String,
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    line: Option<u32>,
}

/// Record ids by unit code: the records a baseline's findings are about.
pub(crate) type Recheck = BTreeMap<String, std::collections::BTreeSet<String>>;

/// Why a baseline (the JSON report of a previous inspection) cannot be used; `file` is the file
/// as the command line named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaselineError {
    /// The file cannot be opened or read.
    Unreadable { file: String, io: IoProblem },
    /// Larger than [`MAX_BASELINE_BYTES`]: refused unread.
    TooLarge { file: String, limit: u64 },
    /// The bytes are not UTF-8 from byte `offset` on.
    NotUtf8 { file: String, offset: usize },
    /// Not a JSON report of `kiemtra check --format json`, at `line` and `column`.
    NotAReport {
        file: String,
        line: usize,
        column: usize,
        problem: JsonProblem,
    },
    /// A report of another format than [`crate::REPORT_FORMAT`].
    Format {
        file: String,
        found: u32,
        known: u32,
    },
    /// A finding's month is not `YYYY-MM`.
    BadMonth {
        file: String,
        rule: String,
        unit: String,
        month: String,
    },
}

impl Say for BaselineError {
    fn say_into(&self, lang: Lang, out: &mut String) {
        use kiemtra_messages::m::runner::baseline as w;
        match self {
            BaselineError::Unreadable { file, io } => w::Unreadable {
                file,
                io: &io.in_lang(lang),
            }
            .say_into(lang, out),
            BaselineError::TooLarge { file, limit } => {
                w::TooLarge { file, limit }.say_into(lang, out)
            }
            BaselineError::NotUtf8 { file, offset } => {
                w::NotUtf8 { file, offset }.say_into(lang, out)
            }
            BaselineError::NotAReport {
                file,
                line,
                column,
                problem,
            } => w::NotAReport {
                file,
                line,
                column,
                problem: &problem.in_lang(lang),
            }
            .say_into(lang, out),
            BaselineError::Format { file, found, known } => {
                w::Format { file, found, known }.say_into(lang, out)
            }
            BaselineError::BadMonth {
                file,
                rule,
                unit,
                month,
            } => w::BadMonth {
                file,
                rule,
                unit,
                month,
            }
            .say_into(lang, out),
        }
    }
}

impl Baseline {
    /// Reads a report file (see [`Baseline::parse`]), refusing one over [`MAX_BASELINE_BYTES`].
    pub fn read(path: &std::path::Path, file: &str) -> Result<Baseline, BaselineError> {
        use std::io::Read;
        let io = |e: std::io::Error| BaselineError::Unreadable {
            file: file.to_owned(),
            io: IoProblem::of(&e),
        };
        let f = std::fs::File::open(path).map_err(io)?;
        // Refused on its size before a byte is read; the read itself stops at the limit too
        // (a file that grows, or a device that reports no size).
        let stated = f.metadata().map_or(0, |m| m.len());
        let mut bytes = Vec::new();
        if stated <= MAX_BASELINE_BYTES {
            f.take(MAX_BASELINE_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(io)?;
        }
        if stated > MAX_BASELINE_BYTES || bytes.len() as u64 > MAX_BASELINE_BYTES {
            return Err(BaselineError::TooLarge {
                file: file.to_owned(),
                limit: MAX_BASELINE_BYTES,
            });
        }
        let text = String::from_utf8(bytes).map_err(|e| BaselineError::NotUtf8 {
            file: file.to_owned(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        Baseline::parse(&text, file)
    }

    /// Reads a report written by `kiemtra check --format json` (format 1).
    pub fn parse(text: &str, file: &str) -> Result<Baseline, BaselineError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let report: ReportFile =
            serde_json::from_str(text).map_err(|e| BaselineError::NotAReport {
                file: file.to_owned(),
                line: e.line(),
                column: e.column(),
                problem: JsonProblem::of(&e),
            })?;
        if report.kiemtra.format != crate::REPORT_FORMAT {
            return Err(BaselineError::Format {
                file: file.to_owned(),
                found: report.kiemtra.format,
                known: crate::REPORT_FORMAT,
            });
        }
        let mut findings = Vec::new();
        for (raw, waived) in report
            .findings
            .into_iter()
            .map(|f| (f, false))
            .chain(report.waived.into_iter().map(|f| (f, true)))
        {
            let month = Month::parse(&raw.month);
            if month.is_none() {
                return Err(BaselineError::BadMonth {
                    file: file.to_owned(),
                    rule: raw.rule,
                    unit: raw.unit,
                    month: raw.month,
                });
            }
            findings.push(PastFinding {
                key: FindingKey {
                    rule: raw.rule,
                    unit: raw.unit,
                    at: match raw.record {
                        Some(id) => FindingAt::Record(id),
                        None => FindingAt::Month(raw.month),
                    },
                    pointer: raw.pointer,
                },
                severity: raw.severity,
                message: raw.message,
                file: raw.file,
                line: raw.line,
                month,
                waived,
            });
        }
        Ok(Baseline {
            file: file.to_owned(),
            findings,
            pack: report.pack,
        })
    }

    /// The records its findings are about, by unit: what the run remembers having judged for
    /// [`Baseline::compare`] to tell resolved from not re-checked.
    pub(crate) fn records(&self) -> Recheck {
        let mut records = Recheck::new();
        for p in &self.findings {
            if let FindingAt::Record(id) = &p.key.at {
                records
                    .entry(p.key.unit.clone())
                    .or_default()
                    .insert(id.clone());
            }
        }
        records
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        let key = FindingKey {
            rule: "CD401".into(),
            unit: "HC-CB01".into(),
            at: FindingAt::Record("HC-CB01/2017-06-05".into()),
            pointer: Some("/session/minutes".into()),
        };
        // Pinned (computed independently): reports of every version must agree.
        assert_eq!(key.fingerprint(), "c6ceb1a58444a589");
        let month = FindingKey {
            at: FindingAt::Month("2017-06".into()),
            pointer: None,
            ..key.clone()
        };
        assert_ne!(key.fingerprint(), month.fingerprint());
    }

    #[test]
    fn a_baseline_over_the_size_limit_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(MAX_BASELINE_BYTES + 1).unwrap();
        let e = Baseline::read(&path, "big.json").unwrap_err();
        assert_eq!(
            e,
            BaselineError::TooLarge {
                file: "big.json".into(),
                limit: MAX_BASELINE_BYTES
            }
        );
        assert!(e.say(Lang::En).contains("at most 134217728 bytes"));
        std::fs::write(&path, r#"{"kiemtra": {"format": 1}, "findings": []}"#).unwrap();
        assert!(Baseline::read(&path, "big.json").is_ok());
    }

    #[test]
    fn a_file_that_is_not_a_report_is_refused() {
        assert!(matches!(
            Baseline::parse("{}", "x.json"),
            Err(BaselineError::NotAReport { file, .. }) if file == "x.json"
        ));
        let future = r#"{"kiemtra": {"format": 9}, "findings": []}"#;
        assert!(Baseline::parse(future, "x.json")
            .unwrap_err()
            .say(Lang::En)
            .contains("format 9"));
        let ok = r#"{"kiemtra": {"format": 1}, "findings": [
            {"rule": "CD601", "unit": "U", "record": null, "month": "2017-02", "pointer": null}
        ]}"#;
        let b = Baseline::parse(ok, "x.json").unwrap();
        assert_eq!(b.findings[0].key.at, FindingAt::Month("2017-02".into()));
    }
}
