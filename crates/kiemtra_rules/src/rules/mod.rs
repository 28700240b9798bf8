//! The rules of the catalogue, one file each. A rule's file declares it once, as a
//! [`Declaration`] named `RULE`: code, name, default severity, citations, its check (which says
//! whether it judges a record or a unit), title, hint and message, the words named through
//! `kiemtra_messages::m`. The list of rules is the list of those files (`build.rs` makes it):
//! the [`Rule`] enum, the dispatch ([`check_record`], [`check_unit`]), [`message_of`], the docs
//! index and the per-rule tests are derived from it. A rule's documentation (what, why, how to
//! fix, example) is `docs/<CODE>.<lang>.md`, which `kiemtra explain` prints.

use kiemtra_messages::{m, Phrase, Say};

use crate::field::Field;
use crate::lang::Lang;
use crate::meeting::Meeting;
use crate::model::Session;
use crate::month::Period;
use crate::pack::Parameters;
pub use crate::registry::Rule;
use crate::registry::{Scope, Severity};
use crate::text::is_blank;
use crate::validate::Record;
use crate::violation::{At, Detail, Violation};

pub(crate) mod duration;

/// A rule, declared once in its file.
#[derive(Clone, Copy, Debug)]
pub struct Declaration {
    /// `CD401`: stable, named by reports, configuration and waivers.
    pub code: &'static str,
    /// `minimum-duration`: stable kebab-case name.
    pub name: &'static str,
    /// The severity a pack gives it unless it says otherwise (the embedded pack agrees: tested).
    pub severity: Severity,
    /// The clauses of the guidance it rests on, as the guidance numbers them (`§III.1 bước 3`).
    pub cites: &'static [&'static str],
    /// What it judges, and how.
    pub check: Check,
    /// The requirement, as printed in tables.
    pub title: Phrase,
    /// What to write or do, in one sentence, shown beside findings.
    pub hint: Hint,
    /// A finding's message, from its facts.
    pub message: fn(&Detail, Lang) -> String,
}

/// What a rule judges: every record, a record with a themed session, or a unit's meetings.
#[derive(Clone, Copy, Debug)]
pub enum Check {
    /// Every record (CD101: whether a periodic meeting held a session at all).
    Record(fn(&Record<'_>, &mut Vec<Violation>)),
    /// A record with a themed session; records without one are CD101's.
    Session(fn(&SessionContext<'_, '_>, &mut Vec<Violation>)),
    /// A unit's meetings in date order.
    Unit(fn(&UnitContext<'_>, &mut Vec<(At, Violation)>)),
}

/// A rule's hint: a sentence, or one that speaks of the pack's parameters in effect.
#[derive(Clone, Copy, Debug)]
pub enum Hint {
    Text(Phrase),
    WithParameters(fn(&Parameters, Lang) -> String),
}

impl Hint {
    /// The hint in `lang`, speaking of `params`.
    pub fn say(self, params: &Parameters, lang: Lang) -> String {
        match self {
            Hint::Text(text) => text.get(lang).to_owned(),
            Hint::WithParameters(say) => say(params, lang),
        }
    }
}

/// What a session rule reads: the record, its session, the pack's parameters.
#[derive(Clone, Copy, Debug)]
pub struct SessionContext<'a, 'r> {
    pub record: &'a Record<'r>,
    pub session: &'a Session<'r>,
    pub params: &'a Parameters,
}

/// What a unit rule reads: the unit's meetings in date order (ties in a fixed order), each
/// meeting's previous session, the audited period, the pack's parameters.
#[derive(Clone, Copy, Debug)]
pub struct UnitContext<'a> {
    pub meetings: &'a [Meeting],
    pub previous: &'a [Option<usize>],
    pub period: Period,
    pub params: &'a Parameters,
}

impl Declaration {
    /// Whether it looks at one record or at a unit's meetings.
    pub const fn scope(&self) -> Scope {
        match self.check {
            Check::Record(_) | Check::Session(_) => Scope::Record,
            Check::Unit(_) => Scope::Unit,
        }
    }
}

/// Declares every rule of the list: its module, its declaration, the dispatch, the docs (the
/// `Rule` enum itself is declared in `registry.rs`).
macro_rules! declare_rules {
    ($($variant:ident $module:ident $code:literal),+ $(,)?) => {
        $(mod $module;)+

        impl Rule {
            /// The rule as its file declares it.
            pub fn declaration(self) -> &'static Declaration {
                match self { $(Rule::$variant => &$module::RULE),+ }
            }

            /// The module name of its file (`cd401_minimum_duration`), for the tests.
            #[cfg(test)]
            pub(crate) fn module(self) -> &'static str {
                match self { $(Rule::$variant => stringify!($module)),+ }
            }
        }

        /// The rule's documentation file in `lang`: `docs/<CODE>.<lang>.md`.
        pub(crate) fn doc_source(rule: Rule, lang: Lang) -> &'static str {
            match (rule, lang) {
                $(
                    (Rule::$variant, Lang::Vi) =>
                        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/", $code, ".vi.md")),
                    (Rule::$variant, Lang::En) =>
                        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/", $code, ".en.md")),
                )+
            }
        }

        /// Runs every record rule on one record, in code order.
        pub fn check_record(record: &Record<'_>, params: &Parameters, out: &mut Vec<Violation>) {
            month_stated(record, out);
            let session = record.session();
            $(
                match $module::RULE.check {
                    Check::Record(check) => check(record, out),
                    Check::Session(check) => {
                        if let Some(session) = session {
                            check(&SessionContext { record, session, params }, out);
                        }
                    }
                    Check::Unit(_) => {}
                }
            )+
        }

        /// Runs every cross-record rule on one unit's meetings, which must be in date order
        /// (ties in a fixed order). `period` is the unit's audited period.
        pub fn check_unit(
            meetings: &[Meeting],
            period: Period,
            params: &Parameters,
            out: &mut Vec<(At, Violation)>,
        ) {
            let previous = crate::meeting::previous_sessions(meetings);
            let unit = UnitContext { meetings, previous: &previous, period, params };
            $(
                if let Check::Unit(check) = $module::RULE.check {
                    check(&unit, out);
                }
            )+
        }
    };
}

for_each_rule!(declare_rules);

/// The message of a violation, in the reader's language.
pub fn message(v: &Violation, lang: Lang) -> String {
    message_of(v.rule, v.pointer.as_deref(), &v.detail, lang)
}

/// The message of a rule's finding at `pointer` with its facts, in the reader's language.
pub fn message_of(rule: Rule, pointer: Option<&str>, d: &Detail, lang: Lang) -> String {
    let message = (rule.declaration().message)(d, lang);
    let Some(written) = d.written() else {
        return message;
    };
    m::unverifiable::Written {
        message: &message,
        value: &written,
        forms: &form_of(pointer).get(lang),
    }
    .say(lang)
}

/// A `month` that cannot be read, or is more than a month from the date: the cadence rules
/// count the date's month, and CD602 (a data-quality rule) says so, unverifiable (v1.2).
fn month_stated(record: &Record<'_>, out: &mut Vec<Violation>) {
    if let Err(crate::meeting::UnreadableMonth(written)) = crate::meeting::stated_month(record) {
        out.push(Violation::new(
            Rule::DuplicateMeeting,
            "/month",
            Detail::Unreadable {
                value: written.into(),
            },
        ));
    }
}

/// Which accepted forms to name for a value written at `pointer` that cannot be read.
fn form_of(pointer: Option<&str>) -> Phrase {
    use m::forms;
    let mut parts = pointer
        .unwrap_or("")
        .rsplit('/')
        .filter(|p| !p.is_empty() && !p.bytes().all(|b| b.is_ascii_digit()));
    match (parts.next(), parts.next()) {
        (Some("minutes"), _) => forms::MINUTES,
        (Some("start" | "end"), _) => forms::TIME,
        (Some("recorded" | "remedy"), _) => forms::YES_NO,
        (Some("due"), _) => forms::DUE,
        (Some("date"), _) => forms::DATE,
        (Some("month"), None) => forms::MONTH,
        (Some("area"), _) => forms::AREA,
        (Some("kind"), Some("source")) => forms::SOURCE_KIND,
        (Some("assignments"), _) => forms::ASSIGNMENTS,
        (Some("topics" | "questions" | "opinions"), _) => forms::LIST,
        (
            Some("session" | "assessment" | "discussion" | "source" | "follow_up" | "minutes_book"),
            _,
        ) => forms::SECTION,
        _ => forms::TEXT,
    }
}

/// `Missing`, or `Unreadable` with the value as written when something that is not blank was
/// given but could not be read.
fn absence<T>(field: &Field<T>) -> Detail {
    match field {
        // A list or object where a text was expected is kept as `[…]` / `{…}`: written, and
        // unreadable.
        Field::Unreadable(v) | Field::Invalid(v) if !is_blank(v) || v == "[…]" || v == "{…}" => {
            Detail::Unreadable {
                value: v.as_str().into(),
            }
        }
        _ => Detail::Missing,
    }
}

/// A date as the reader writes dates.
fn date(lang: Lang, d: chrono::NaiveDate) -> String {
    kiemtra_messages::date(lang, d)
}

/// A text field rule: fires with the field's pointer when the text is absent or blank.
fn text_required(
    rule: Rule,
    field: &Field<crate::field::Text<'_>>,
    pointer: &'static str,
    out: &mut Vec<Violation>,
) {
    if crate::model::filled(field).is_none() {
        out.push(Violation::new(rule, pointer, absence(field)));
    }
}

/// A list rule: fires when the list has no non-blank entry.
fn list_required(
    rule: Rule,
    field: &Field<Vec<Field<crate::field::Text<'_>>>>,
    pointer: &'static str,
    out: &mut Vec<Violation>,
) {
    if crate::model::non_blank(field).next().is_none() {
        out.push(Violation::new(rule, pointer, absence(field)));
    }
}

/// A rule over a field of two texts (`assessment`: strengths and weaknesses; `discussion`:
/// causes and measures): one violation naming the blank parts, pointing at the first.
fn parts_required(
    rule: Rule,
    pointer_base: &str,
    parts: [(&'static str, Option<&str>); 2],
    out: &mut Vec<Violation>,
) {
    let blank: Vec<&'static str> = parts
        .into_iter()
        .filter(|(_, text)| text.is_none())
        .map(|(part, _)| part)
        .collect();
    if let Some(first) = blank.first() {
        let pointer = format!("{pointer_base}/{first}");
        out.push(Violation::new(
            rule,
            pointer,
            Detail::Parts {
                parts: blank.into(),
            },
        ));
    }
}

/// The names of a [`parts_required`] violation's parts in `lang`, each named by `name`,
/// joined by `separator`.
fn parts_named(
    d: &Detail,
    lang: Lang,
    name: fn(&str) -> Option<Phrase>,
    separator: Phrase,
) -> String {
    let parts: &[&str] = match d {
        Detail::Parts { parts } => parts,
        _ => &[],
    };
    parts
        .iter()
        .filter_map(|p| name(p))
        .map(|p| p.get(lang))
        .collect::<Vec<_>>()
        .join(separator.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// Every message of every rule, for each kind of fact it reports, comes out of both
    /// catalogues whole: not empty, every placeholder filled.
    #[test]
    fn every_message_is_in_both_catalogues_with_its_arguments() {
        let date = NaiveDate::from_ymd_opt(2017, 3, 5).unwrap();
        let month = crate::Month {
            year: 2017,
            month: 3,
        };
        let details = |rule: Rule| -> Vec<(&'static str, Detail)> {
            let unreadable = Detail::Unreadable {
                value: "cuối tháng sau".into(),
            };
            match rule {
                Rule::Assessment => vec![(
                    "/session/assessment/strengths",
                    Detail::Parts {
                        parts: ["strengths", "weaknesses"].into(),
                    },
                )],
                Rule::CausesAndMeasures => vec![(
                    "/session/discussion/causes",
                    Detail::Parts {
                        parts: ["causes", "measures"].into(),
                    },
                )],
                Rule::SingleTopic => vec![(
                    "/session/topics",
                    Detail::Topics {
                        topics: ["“Dân vận”.".into(), "Dân chủ".into()].into(),
                    },
                )],
                Rule::AssignmentDeadline => vec![
                    (
                        "/session/assignments/0/due",
                        Detail::DueBefore {
                            index: 0,
                            due: date,
                            date,
                        },
                    ),
                    (
                        "/session/assignments/0/due",
                        Detail::NoDue {
                            index: 0,
                            unreadable: Some("lâu dài".into()),
                        },
                    ),
                ],
                Rule::MinimumDuration => vec![(
                    "/session/minutes",
                    Detail::TooShort {
                        minutes: 20,
                        min: 45,
                    },
                )],
                Rule::DurationConsistent => vec![
                    (
                        "/session/end",
                        Detail::Inconsistent {
                            start: 20 * 60,
                            end: 19 * 60 + 30,
                            minutes: None,
                            computed: -30,
                        },
                    ),
                    (
                        "/session/minutes",
                        Detail::Inconsistent {
                            start: 19 * 60 + 30,
                            end: 20 * 60 + 10,
                            minutes: Some(60),
                            computed: 40,
                        },
                    ),
                ],
                Rule::FollowUp
                | Rule::FollowUpTopic
                | Rule::ChangedBeforeResult
                | Rule::KeptAfterResult => {
                    vec![("/session/follow_up", Detail::Previous { date })]
                }
                Rule::TopicTooLong => vec![("/session/topics", Detail::Run { length: 4, max: 3 })],
                Rule::MonthlyCadence => vec![("", Detail::NoMeeting { month })],
                Rule::DuplicateMeeting => vec![("", Detail::Meetings { month, count: 2 })],
                _ => vec![
                    ("/session/start", Detail::Missing),
                    ("/session/start", unreadable),
                ],
            }
        };
        for &rule in Rule::ALL {
            for (pointer, detail) in details(rule) {
                let v = Violation::new(rule, pointer, detail);
                let (vi, en) = (message(&v, Lang::Vi), message(&v, Lang::En));
                for m in [&vi, &en] {
                    assert!(m.len() > 10 && !m.contains('{'), "{rule}: {m:?}");
                }
                assert_ne!(vi, en, "{rule}");
                // A secretary reads the Vietnamese: her columns' names, never the format's keys
                // (`follow_up.result`, `(remedy)`), nor `true`.
                assert!(!names_a_format_key(&vi), "{rule}: {vi:?}");
                if v.unverifiable() {
                    assert!(
                        vi.contains("không kiểm tra được") && vi.contains("“"),
                        "{vi}"
                    );
                }
            }
        }
    }

    /// A rule's file is named for the code and name it declares: the list of rules is the list
    /// of files, and each file says which rule it is.
    #[test]
    fn each_rule_file_is_named_for_the_rule_it_declares() {
        for &rule in Rule::ALL {
            let d = rule.declaration();
            let file = format!(
                "{}_{}",
                d.code.to_ascii_lowercase(),
                d.name.replace('-', "_")
            );
            assert_eq!(rule.module(), file, "{rule}");
            assert_eq!(Rule::find(d.code), Some(rule));
            assert!(!d.cites.is_empty(), "{rule}");
        }
        let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(codes, sorted, "in code order, each once");
    }

    /// The pack built in names every rule and no other, with the severity and clauses each
    /// rule declares as its defaults.
    #[test]
    fn the_embedded_pack_names_every_rule_with_its_declared_defaults() {
        let pack = crate::Pack::embedded();
        let in_pack: Vec<&str> = pack.rules.keys().map(String::as_str).collect();
        let declared: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(in_pack, declared);
        for &rule in Rule::ALL {
            let (entry, d) = (pack.rule(rule), rule.declaration());
            assert_eq!(entry.severity, d.severity, "{rule}");
            assert_eq!(entry.cites, d.cites, "{rule}");
        }
    }

    /// Whether a message names a key of the record format (`minutes_book.recorded`,
    /// `(remedy)`) or the JSON value `true`.
    fn names_a_format_key(message: &str) -> bool {
        let key = |w: &str| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.')
                && (w.contains('_') || w.contains('.') || w == "true")
        };
        let words = message.split(|c: char| c.is_whitespace() || "()“”,:;".contains(c));
        let bracketed = message.split('(').skip(1).filter_map(|r| r.split_once(')'));
        words.clone().any(|w| key(w.trim_end_matches('.')))
            || bracketed.into_iter().any(|(inside, _)| {
                !inside.is_empty() && inside.bytes().all(|b| b.is_ascii_lowercase())
            })
    }

    #[test]
    fn format_keys_are_told_apart() {
        assert!(names_a_format_key("chưa ghi follow_up.result"));
        assert!(names_a_format_key("là biện pháp khắc phục (remedy)"));
        assert!(names_a_format_key(
            "(minutes_book.recorded không phải true)"
        ));
        assert!(!names_a_format_key("chưa ghi “Kết quả kỳ trước”"));
        assert!(!names_a_format_key("(13/08/2017): chưa ghi"));
        assert!(!names_a_format_key(
            "Phân công thứ 2 có thời hạn 31/03/2017."
        ));
    }

    #[test]
    fn hints_speak_of_the_parameters_in_effect() {
        let mut params = crate::Pack::embedded().parameters;
        params.min_minutes = 45;
        params.max_topic_months = 4;
        let hint = crate::docs::doc(Rule::MinimumDuration, Lang::Vi).hint(&params);
        assert!(hint.contains("ít nhất 45 phút"), "{hint}");
        assert!(!hint.contains("30"), "{hint}");
        let hint = crate::docs::doc(Rule::TopicTooLong, Lang::En).hint(&params);
        assert!(hint.contains("past 4 months"), "{hint}");
    }
}
