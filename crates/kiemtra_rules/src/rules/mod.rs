//! The 24 rules of catalogue v1, one file each. A rule file holds the rule's logic and the
//! wording of its message; its documentation (what, why, how to fix, example) is
//! `docs/<CODE>.<lang>.md`, which `kiemtra explain` prints.

use crate::field::Field;
use crate::lang::Lang;
use crate::meeting::Meeting;
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
    let d = &v.detail;
    match v.rule {
        Rule::SessionHeld => cd101_session_held::message(d, lang),
        Rule::MinutesBook => cd102_minutes_book::message(d, lang),
        Rule::TopicStated => cd201_topic_stated::message(d, lang),
        Rule::SingleTopic => cd202_single_topic::message(d, lang),
        Rule::TopicArea => cd203_topic_area::message(d, lang),
        Rule::SourceMaterial => cd204_source_material::message(d, lang),
        Rule::ReasonStated => cd301_reason_stated::message(d, lang),
        Rule::Assessment => cd302_assessment::message(d, lang),
        Rule::CausesAndMeasures => cd303_causes_and_measures::message(d, lang),
        Rule::MemberOpinions => cd304_member_opinions::message(d, lang),
        Rule::DiscussionQuestions => cd305_discussion_questions::message(d, lang),
        Rule::Conclusion => cd306_conclusion::message(d, lang),
        Rule::Assignments => cd307_assignments::message(d, lang),
        Rule::AssignmentDeadline => cd308_assignment_deadline::message(d, lang),
        Rule::MinimumDuration => cd401_minimum_duration::message(d, lang),
        Rule::DurationRecorded => cd402_duration_recorded::message(d, lang),
        Rule::DurationConsistent => cd403_duration_consistent::message(d, lang),
        Rule::FollowUp => cd501_follow_up::message(d, lang),
        Rule::FollowUpTopic => cd502_follow_up_topic::message(d, lang),
        Rule::ChangedBeforeResult => cd503_changed_before_result::message(d, lang),
        Rule::KeptAfterResult => cd504_kept_after_result::message(d, lang),
        Rule::TopicTooLong => cd505_topic_too_long::message(d, lang),
        Rule::MonthlyCadence => cd601_monthly_cadence::message(d, lang),
        Rule::DuplicateMeeting => cd602_duplicate_meeting::message(d, lang),
    }
}

/// `Missing`, or `Unreadable` with the value as written when something that is not blank was
/// given but could not be read.
fn absence<T>(field: &Field<T>) -> Detail {
    match field {
        Field::Unreadable(v) | Field::Invalid(v) if !is_blank(v) => {
            Detail::Unreadable { value: v.clone() }
        }
        _ => Detail::Missing,
    }
}

/// Appends what was written, when it could not be read.
fn with_written(mut text: String, d: &Detail, lang: Lang) -> String {
    if let Detail::Unreadable { value } = d {
        text.push_str(&match lang {
            Lang::Vi => format!(" (đã ghi «{value}», không đọc được)"),
            Lang::En => format!(" (written «{value}», which cannot be read)"),
        });
    }
    text
}

/// Formats a date the way the reader writes dates.
fn day(date: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => date.format("%d/%m/%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
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
            Detail::Parts { parts: blank },
        ));
    }
}

/// The message of a [`parts_required`] violation: `lead` then the parts' names joined.
fn parts_message(
    d: &Detail,
    lang: Lang,
    lead: &str,
    name: impl Fn(&str) -> &'static str,
) -> String {
    let parts: &[&str] = match d {
        Detail::Parts { parts } => parts,
        _ => &[],
    };
    let names: Vec<&str> = parts.iter().map(|p| name(p)).collect();
    let joiner = lang.pick(" và ", " and no ");
    format!("{lead}{}", names.join(joiner))
}
