//! The 26 rules of catalogue v1.1, one file each. A rule file holds the rule's logic and the
//! wording of its message; its documentation (what, why, how to fix, example) is
//! `docs/<CODE>.<lang>.md`, which `kiemtra explain` prints.

use crate::field::Field;
use crate::lang::Lang;
use crate::meeting::Meeting;
use crate::messages::{words, Words};
use crate::month::Period;
use crate::pack::Parameters;
use crate::registry::Rule;
use crate::text::is_blank;
use crate::validate::Record;
use crate::violation::{At, Detail, Violation};

mod cd101_session_held;
mod cd102_minutes_book;
mod cd201_topic_stated;
mod cd202_single_topic;
mod cd203_topic_area;
mod cd204_source_material;
mod cd301_reason_stated;
mod cd302_assessment;
mod cd303_causes_and_measures;
mod cd304_member_opinions;
mod cd305_discussion_questions;
mod cd306_conclusion;
mod cd307_assignments;
mod cd308_assignment_deadline;
mod cd309_remedy_assigned;
mod cd310_chair_named;
mod cd401_minimum_duration;
mod cd402_duration_recorded;
mod cd403_duration_consistent;
mod cd501_follow_up;
mod cd502_follow_up_topic;
mod cd503_changed_before_result;
mod cd504_kept_after_result;
mod cd505_topic_too_long;
mod cd601_monthly_cadence;
mod cd602_duplicate_meeting;
pub(crate) mod duration;

/// Runs every record rule on one record.
pub fn check_record(record: &Record<'_>, params: &Parameters, out: &mut Vec<Violation>) {
    // A `month` that cannot be read, or is more than a month from the date: the cadence rules
    // count the date's month, and say so (catalogue v1.2).
    if let Err(written) = crate::meeting::stated_month(record) {
        out.push(Violation::new(
            Rule::DuplicateMeeting,
            "/month",
            Detail::Unreadable {
                value: written.into(),
            },
        ));
    }
    let Some(session) = record.session() else {
        // Without a session only CD101 can apply; the session rules have nothing to judge.
        cd101_session_held::check(record, out);
        return;
    };
    cd102_minutes_book::check(record, out);
    cd201_topic_stated::check(session, out);
    cd202_single_topic::check(session, out);
    cd203_topic_area::check(session, out);
    cd204_source_material::check(session, out);
    cd301_reason_stated::check(session, out);
    cd302_assessment::check(session, out);
    cd303_causes_and_measures::check(session, out);
    cd304_member_opinions::check(session, out);
    cd305_discussion_questions::check(session, out);
    cd306_conclusion::check(session, out);
    cd307_assignments::check(session, out);
    cd308_assignment_deadline::check(session, record.date, out);
    cd309_remedy_assigned::check(session, out);
    cd310_chair_named::check(record, out);
    cd401_minimum_duration::check(session, params, out);
    cd402_duration_recorded::check(session, out);
    cd403_duration_consistent::check(session, out);
}

/// Runs every cross-record rule on one unit's meetings, which must be in date order (ties in
/// a fixed order). `period` is the unit's audited period.
pub fn check_unit(
    meetings: &[Meeting],
    period: Period,
    params: &Parameters,
    out: &mut Vec<(At, Violation)>,
) {
    let previous = crate::meeting::previous_sessions(meetings);
    cd501_follow_up::check(meetings, &previous, out);
    cd502_follow_up_topic::check(meetings, &previous, out);
    cd503_changed_before_result::check(meetings, &previous, out);
    cd504_kept_after_result::check(meetings, &previous, out);
    cd505_topic_too_long::check(meetings, &previous, params, out);
    cd601_monthly_cadence::check(meetings, period, out);
    cd602_duplicate_meeting::check(meetings, period, out);
}

/// The message of a violation, in the reader's language.
pub fn message(v: &Violation, lang: Lang) -> String {
    message_of(v.rule, v.pointer.as_deref(), &v.detail, lang)
}

/// The message of a rule's finding at `pointer` with its facts, in the reader's language.
pub fn message_of(rule: Rule, pointer: Option<&str>, d: &Detail, lang: Lang) -> String {
    let w = words(lang);
    let message = match rule {
        Rule::SessionHeld => cd101_session_held::message(d, w),
        Rule::MinutesBook => cd102_minutes_book::message(d, w),
        Rule::TopicStated => cd201_topic_stated::message(d, w),
        Rule::SingleTopic => cd202_single_topic::message(d, w),
        Rule::TopicArea => cd203_topic_area::message(d, w),
        Rule::SourceMaterial => cd204_source_material::message(d, w),
        Rule::ReasonStated => cd301_reason_stated::message(d, w),
        Rule::Assessment => cd302_assessment::message(d, w),
        Rule::CausesAndMeasures => cd303_causes_and_measures::message(d, w),
        Rule::MemberOpinions => cd304_member_opinions::message(d, w),
        Rule::DiscussionQuestions => cd305_discussion_questions::message(d, w),
        Rule::Conclusion => cd306_conclusion::message(d, w),
        Rule::Assignments => cd307_assignments::message(d, w),
        Rule::AssignmentDeadline => cd308_assignment_deadline::message(d, w),
        Rule::RemedyAssigned => cd309_remedy_assigned::message(d, w),
        Rule::ChairNamed => cd310_chair_named::message(d, w),
        Rule::MinimumDuration => cd401_minimum_duration::message(d, w),
        Rule::DurationRecorded => cd402_duration_recorded::message(d, w),
        Rule::DurationConsistent => cd403_duration_consistent::message(d, w),
        Rule::FollowUp => cd501_follow_up::message(d, w),
        Rule::FollowUpTopic => cd502_follow_up_topic::message(d, w),
        Rule::ChangedBeforeResult => cd503_changed_before_result::message(d, w),
        Rule::KeptAfterResult => cd504_kept_after_result::message(d, w),
        Rule::TopicTooLong => cd505_topic_too_long::message(d, w),
        Rule::MonthlyCadence => cd601_monthly_cadence::message(d, w),
        Rule::DuplicateMeeting => cd602_duplicate_meeting::message(d, w),
    };
    let Some(written) = d.written() else {
        return message;
    };
    let forms = w.get(&format!("forms.{}", form_of(pointer)));
    w.fill(
        "unverifiable.written",
        &[
            ("message", &message),
            ("value", &written),
            ("forms", &forms),
        ],
    )
}

/// Which accepted forms to name for a value written at `pointer` that cannot be read: a key of
/// the catalogue's `forms` table.
fn form_of(pointer: Option<&str>) -> &'static str {
    let mut parts = pointer
        .unwrap_or("")
        .rsplit('/')
        .filter(|p| !p.is_empty() && !p.bytes().all(|b| b.is_ascii_digit()));
    match (parts.next(), parts.next()) {
        (Some("minutes"), _) => "minutes",
        (Some("start" | "end"), _) => "time",
        (Some("recorded" | "remedy"), _) => "yes_no",
        (Some("due"), _) => "due",
        (Some("date"), _) => "date",
        (Some("month"), None) => "month",
        (Some("area"), _) => "area",
        (Some("kind"), Some("source")) => "source_kind",
        (Some("assignments"), _) => "assignments",
        (Some("topics" | "questions" | "opinions"), _) => "list",
        (
            Some("session" | "assessment" | "discussion" | "source" | "follow_up" | "minutes_book"),
            _,
        ) => "section",
        _ => "text",
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

/// The message of a rule comparing a session with the unit's previous one (CD501–CD504).
fn previous_message(d: &Detail, w: &Words, code: &str) -> String {
    match d {
        Detail::Previous { date } => {
            w.fill(&format!("{code}.message"), &[("previous", &w.date(*date))])
        }
        _ => w.get(&format!("{code}.title")).to_owned(),
    }
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

/// The message of a [`parts_required`] violation: the parts' names, joined, in the rule's
/// message.
fn parts_message(d: &Detail, w: &Words, code: &str) -> String {
    let parts: &[&str] = match d {
        Detail::Parts { parts } => parts,
        _ => &[],
    };
    let names: Vec<&str> = parts
        .iter()
        .map(|p| w.get(&format!("{code}.{p}")))
        .collect();
    let joined = names.join(w.get(&format!("{code}.separator")));
    w.fill(&format!("{code}.message"), &[("parts", &joined)])
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
        assert!(hint.contains("at most 4 months"), "{hint}");
    }
}
