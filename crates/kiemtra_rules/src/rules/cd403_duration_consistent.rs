//! CD403 duration-consistent: start, end and minutes agree (§III.2).

use kiemtra_messages::m::cd403 as words;
use kiemtra_messages::Say;

use super::{Check, Declaration, Hint, SessionContext};
use crate::{Detail, Lang, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD403",
    name: "duration-consistent",
    severity: Severity::Error,
    cites: &["§III.2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message,
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let session = c.session;
    let (Some(start), Some(end)) = (session.start.value(), session.end.value()) else {
        return;
    };
    let computed = end.minutes() - start.minutes();
    let minutes = session.minutes.value().map(|m| m.0);
    let pointer = if computed <= 0 {
        "/session/end"
    } else if minutes.is_some_and(|m| (i64::from(m) - computed).abs() > 1) {
        "/session/minutes"
    } else {
        return;
    };
    out.push(Violation::new(
        Rule::DurationConsistent,
        pointer,
        Detail::Inconsistent {
            start: minute_of_day(start.0),
            end: minute_of_day(end.0),
            minutes,
            computed: i32::try_from(computed).unwrap_or(i32::MIN),
        },
    ));
}

fn message(d: &Detail, lang: Lang) -> String {
    let Detail::Inconsistent {
        start,
        end,
        minutes,
        computed,
    } = d
    else {
        return words::TITLE.get(lang).to_owned();
    };
    let (start, end) = (hh_mm(*start), hh_mm(*end));
    match minutes {
        _ if *computed <= 0 => words::EndNotAfterStart {
            start: &start,
            end: &end,
        }
        .say(lang),
        Some(m) => words::MinutesDiffer {
            start: &start,
            end: &end,
            minutes: m,
            computed,
        }
        .say(lang),
        None => words::TITLE.get(lang).to_owned(),
    }
}

/// Minutes after midnight: what a finding keeps of a clock time (`19:30` → 1170).
fn minute_of_day(t: chrono::NaiveTime) -> u16 {
    use chrono::Timelike;
    u16::try_from(t.hour() * 60 + t.minute()).unwrap_or(0)
}

/// `19:30`, as the message shows a time.
fn hh_mm(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}
