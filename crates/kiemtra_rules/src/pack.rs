//! The rule pack: which guidance the rules encode, its parameters, and per rule the severity
//! and the clause cited. The code implements the logic; the pack decides these.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::month::Month;
use crate::registry::{Rule, Severity};

/// The pack of the district guidance of 30/12/2016, built into the binary.
pub const EMBEDDED: &str = include_str!("../../../rules/btghu-2016.toml");

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub pack: Identity,
    pub parameters: Parameters,
    /// By rule code.
    pub rules: BTreeMap<String, RuleEntry>,
}

/// Which document the pack encodes.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// Short stable identifier (`btghu-2016`).
    pub id: String,
    /// Version of the pack file itself.
    pub version: String,
    /// The rule catalogue whose codes and conditions the pack encodes: `1.1`.
    pub catalogue: String,
    pub title: String,
    pub issuer: String,
    /// The document's number; the 2016 guidance as published carries none.
    #[serde(default)]
    pub number: Option<String>,
    /// Date of issue.
    pub date: NaiveDate,
    /// Records dated before this are not judged by the pack.
    pub effective: NaiveDate,
    #[serde(default)]
    pub replaces: Option<Replaced>,
    /// The documents it implements.
    #[serde(default)]
    pub basis: Vec<String>,
    /// Where the text of the guidance is kept.
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replaced {
    pub number: String,
    pub date: NaiveDate,
}

/// Numbers the rules use.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Parameters {
    /// CD401: the least minutes a session may last.
    pub min_minutes: u32,
    /// CD505: the most consecutive meetings one topic may be kept.
    pub max_topic_months: u32,
    /// Rating of a unit's compliance rate, in percent.
    pub rating: Rating,
}

/// The four-level scale: tốt ≥ good, khá ≥ fair, trung bình ≥ average, else kém.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub good: u32,
    pub fair: u32,
    pub average: u32,
}

impl Parameters {
    /// The names of the parameters, as a pack or a configuration writes them.
    pub const NAMES: &'static [&'static str] = &[
        "min_minutes",
        "max_topic_months",
        "rating.good",
        "rating.fair",
        "rating.average",
    ];

    /// Checks that the numbers make sense together; the error says which does not.
    pub fn validate(&self) -> Result<(), String> {
        self.problem(crate::Lang::En).map_or(Ok(()), Err)
    }

    /// What does not make sense in the numbers, in `lang`; `None` when they do.
    pub fn problem(&self, lang: crate::Lang) -> Option<String> {
        if self.min_minutes == 0 || self.max_topic_months == 0 {
            return Some(
                lang.pick(
                    "min_minutes và max_topic_months phải từ 1 trở lên",
                    "min_minutes and max_topic_months must be at least 1",
                )
                .into(),
            );
        }
        let r = self.rating;
        if !(r.good <= 100 && r.fair <= r.good && r.average <= r.fair) {
            let (good, fair, average) = (r.good, r.fair, r.average);
            return Some(match lang {
                crate::Lang::Vi => format!(
                    "ngưỡng xếp loại phải thỏa 100 ≥ good ≥ fair ≥ average (good = {good}, fair = {fair}, average = {average})"
                ),
                crate::Lang::En => format!(
                    "rating thresholds must satisfy 100 ≥ good ≥ fair ≥ average (good = {good}, fair = {fair}, average = {average})"
                ),
            });
        }
        None
    }

    /// A parameter by its name in [`Parameters::NAMES`].
    pub fn get_mut(&mut self, name: &str) -> Option<&mut u32> {
        match name {
            "min_minutes" => Some(&mut self.min_minutes),
            "max_topic_months" => Some(&mut self.max_topic_months),
            "rating.good" => Some(&mut self.rating.good),
            "rating.fair" => Some(&mut self.rating.fair),
            "rating.average" => Some(&mut self.rating.average),
            _ => None,
        }
    }

    /// A parameter by its name in [`Parameters::NAMES`].
    pub fn get(&self, name: &str) -> Option<u32> {
        let mut copy = *self;
        copy.get_mut(name).map(|v| *v)
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleEntry {
    pub severity: Severity,
    /// Clause marks, as the guidance numbers them (`§III.1 bước 3`).
    pub cites: Vec<String>,
    /// A sentence of the guidance, quoted.
    pub quote: String,
}

/// What is wrong with a pack file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackError {
    /// Not valid TOML, or not the pack schema.
    Syntax(String),
    /// A rule code the catalogue does not have, with the closest code there is.
    UnknownRule(String),
    /// A rule of the catalogue the pack leaves out.
    MissingRule(&'static str),
    /// A parameter out of range.
    Parameter(String),
}

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackError::Syntax(e) => write!(f, "{e}"),
            PackError::UnknownRule(c) => {
                write!(f, "unknown rule code {c} in [rules]")?;
                match crate::suggest::closest(c, Rule::ALL.iter().map(|r| r.code())) {
                    Some(near) => write!(f, "; did you mean {near}?"),
                    None => Ok(()),
                }
            }
            PackError::MissingRule(c) => write!(f, "rule {c} is missing from [rules]"),
            PackError::Parameter(p) => write!(f, "{p}"),
        }
    }
}

impl std::error::Error for PackError {}

impl Pack {
    /// The pack built into kiemtra.
    pub fn embedded() -> Pack {
        #[allow(clippy::expect_used)]
        Pack::parse(EMBEDDED).expect("the embedded pack is valid (tested)")
    }

    /// Reads and validates a pack file's text, strictly.
    pub fn parse(text: &str) -> Result<Pack, PackError> {
        let pack: Pack = toml::from_str(text).map_err(|e| PackError::Syntax(e.to_string()))?;
        for code in pack.rules.keys() {
            if Rule::find(code).is_none_or(|r| r.code() != code) {
                return Err(PackError::UnknownRule(code.clone()));
            }
        }
        for rule in Rule::ALL {
            if !pack.rules.contains_key(rule.code()) {
                return Err(PackError::MissingRule(rule.code()));
            }
        }
        pack.parameters.validate().map_err(PackError::Parameter)?;
        Ok(pack)
    }

    /// The pack's first full month: the first calendar month whose first day is on or after
    /// the effective date (January 2017 for a guidance in force from 30/12/2016). Audited
    /// periods never start before it; a meeting between the effective date and this month is
    /// judged by the record rules, outside the cadence grid.
    pub fn first_month(&self) -> Month {
        let effective = self.pack.effective;
        let month = Month::of(effective);
        if chrono::Datelike::day(&effective) == 1 {
            month
        } else {
            month.next()
        }
    }

    /// Why an audited period starts later than `asked`: at the pack's first full month.
    pub fn period_reason(&self, asked: Month, lang: crate::Lang) -> String {
        use kiemtra_messages::{m, Say};
        let month = |m: Month| kiemtra_messages::month(lang, m.year, m.month);
        m::period::FromFirstFullMonth {
            first: &month(self.first_month()),
            effective: &kiemtra_messages::date(lang, self.pack.effective),
            asked: &month(asked),
        }
        .say(lang)
    }

    /// The month of the effective date: the first a record can be judged in.
    pub fn effective_month(&self) -> Month {
        Month::of(self.pack.effective)
    }

    pub fn rule(&self, rule: Rule) -> &RuleEntry {
        #[allow(clippy::expect_used)]
        self.rules
            .get(rule.code())
            .expect("every rule is in a validated pack")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_pack_is_valid_and_complete() {
        let pack = Pack::parse(EMBEDDED).unwrap();
        assert_eq!(pack.rules.len(), Rule::ALL.len());
        assert_eq!(pack.parameters.min_minutes, 30);
        assert_eq!(pack.parameters.max_topic_months, 3);
        assert_eq!(pack.pack.date.to_string(), "2016-12-30");
        assert_eq!(pack.rule(Rule::MinutesBook).cites, ["§IV.2"]);
    }

    #[test]
    fn unknown_and_missing_rules_are_errors() {
        let bad = EMBEDDED.replace("[rules.CD101]", "[rules.CD109]");
        assert_eq!(
            Pack::parse(&bad).unwrap_err(),
            PackError::UnknownRule("CD109".into())
        );
        let missing = EMBEDDED.replace("[rules.CD101]", "[rules.cd101]");
        assert!(Pack::parse(&missing).is_err());
        assert_eq!(
            Pack::parse(&bad).unwrap_err().to_string(),
            "unknown rule code CD109 in [rules]; did you mean CD101?"
        );
    }

    #[test]
    fn a_pack_judges_whole_months_from_its_first_full_month() {
        let pack = Pack::embedded();
        assert_eq!(pack.first_month().to_string(), "2017-01");
        assert_eq!(pack.effective_month().to_string(), "2016-12");
        assert_eq!(pack.pack.catalogue, "1.1");
        let first_of_month =
            EMBEDDED.replace("effective = \"2016-12-30\"", "effective = \"2017-03-01\"");
        assert_eq!(
            Pack::parse(&first_of_month)
                .unwrap()
                .first_month()
                .to_string(),
            "2017-03"
        );
    }

    #[test]
    fn parameters_by_name() {
        let mut p = Pack::embedded().parameters;
        for name in Parameters::NAMES {
            assert!(p.get(name).is_some(), "{name}");
        }
        *p.get_mut("rating.fair").unwrap() = 95;
        assert!(p.validate().unwrap_err().contains("fair = 95"));
    }
}
