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

use kiemtra_rules::{Lang, Month, Rule, Severity};
use serde::Deserialize;

use crate::outcome::Outcome;
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
}

impl NotRechecked {
    pub fn code(self) -> &'static str {
        match self {
            NotRechecked::RuleOff => "rule-off",
            NotRechecked::UnitAbsent => "unit-absent",
            NotRechecked::RecordAbsent => "record-absent",
            NotRechecked::OutsidePeriod => "outside-period",
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
}

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

impl Baseline {
    /// Reads a report written by `kiemtra check --format json` (format 1); what is wrong with
    /// it is said in `lang`.
    pub fn parse(text: &str, file: &str, lang: Lang) -> Result<Baseline, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let report: ReportFile = serde_json::from_str(text).map_err(|e| match lang {
            Lang::Vi => format!(
                "{file}: không phải báo cáo JSON của `kiemtra check --format json` (dòng {}, cột {})",
                e.line(),
                e.column()
            ),
            Lang::En => format!("{file}: not a JSON report of `kiemtra check --format json`: {e}"),
        })?;
        if report.kiemtra.format != crate::REPORT_FORMAT {
            let (found, known) = (report.kiemtra.format, crate::REPORT_FORMAT);
            return Err(match lang {
                Lang::Vi => format!(
                    "{file}: báo cáo định dạng {found}, kiemtra này chỉ đọc định dạng {known}"
                ),
                Lang::En => format!(
                    "{file}: report format {found} is not supported (this kiemtra reads format {known})"
                ),
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
                return Err(match lang {
                    Lang::Vi => format!(
                        "{file}: lỗi {} của {} có tháng “{}”, không phải dạng YYYY-MM",
                        raw.rule, raw.unit, raw.month
                    ),
                    Lang::En => format!(
                        "{file}: finding {} of {} has month «{}», not YYYY-MM",
                        raw.rule, raw.unit, raw.month
                    ),
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
        })
    }

    /// Marks each finding of `outcome` new or open, and lists what is resolved.
    pub fn compare(&self, outcome: &mut Outcome, policy: &Policy) {
        let mut left: BTreeMap<&FindingKey, usize> = BTreeMap::new();
        for p in &self.findings {
            *left.entry(&p.key).or_default() += 1;
        }
        let (mut new, mut open) = (0, 0);
        for f in outcome.findings.iter_mut().chain(outcome.waived.iter_mut()) {
            let key = f.key();
            let change = match left.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    open += 1;
                    Change::Open
                }
                _ => {
                    new += 1;
                    Change::New
                }
            };
            f.change = Some(change);
        }
        let mut resolved = Vec::new();
        let mut not_rechecked = Vec::new();
        for p in &self.findings {
            match left.get_mut(&p.key) {
                Some(n) if *n > 0 => *n -= 1,
                _ => continue,
            }
            match why_not_rechecked(p, outcome, policy) {
                None => resolved.push(p.clone()),
                Some(why) => not_rechecked.push((p.clone(), why)),
            }
        }
        outcome.baseline = Some(BaselineReport {
            file: self.file.clone(),
            new,
            open,
            resolved,
            not_rechecked,
        });
    }
}

/// `None` when this inspection judged the finding's scope again with its rule on.
fn why_not_rechecked(p: &PastFinding, outcome: &Outcome, policy: &Policy) -> Option<NotRechecked> {
    let on = Rule::find(&p.key.rule)
        .filter(|r| r.code() == p.key.rule)
        .is_some_and(|r| policy.enabled(r));
    if !on {
        return Some(NotRechecked::RuleOff);
    }
    let Some(unit) = outcome.units.iter().find(|u| u.code == p.key.unit) else {
        return Some(NotRechecked::UnitAbsent);
    };
    match &p.key.at {
        FindingAt::Record(id) => {
            let judged = outcome.judged.contains(&(p.key.unit.clone(), id.clone()));
            (!judged).then_some(NotRechecked::RecordAbsent)
        }
        FindingAt::Month(m) => {
            let inside = Month::parse(m).is_some_and(|m| unit.period.contains(m));
            (!inside).then_some(NotRechecked::OutsidePeriod)
        }
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
    fn a_file_that_is_not_a_report_is_refused() {
        assert!(Baseline::parse("{}", "x.json", Lang::En)
            .unwrap_err()
            .contains("x.json"));
        let future = r#"{"kiemtra": {"format": 9}, "findings": []}"#;
        assert!(Baseline::parse(future, "x.json", Lang::En)
            .unwrap_err()
            .contains("format 9"));
        let ok = r#"{"kiemtra": {"format": 1}, "findings": [
            {"rule": "CD601", "unit": "U", "record": null, "month": "2017-02", "pointer": null}
        ]}"#;
        let b = Baseline::parse(ok, "x.json", Lang::Vi).unwrap();
        assert_eq!(b.findings[0].key.at, FindingAt::Month("2017-02".into()));
    }
}
