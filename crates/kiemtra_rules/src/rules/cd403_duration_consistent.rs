//! CD403 duration-consistent: start, end and minutes agree (§III.2).

use crate::messages::Words;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
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

pub(super) fn message(d: &Detail, w: &Words) -> String {
    let Detail::Inconsistent {
        start,
        end,
        minutes,
        computed,
    } = d
    else {
        return w.get("CD403.title").to_owned();
    };
    let (start, end) = (hh_mm(*start), hh_mm(*end));
    let times: [(&str, &dyn std::fmt::Display); 2] = [("start", &start), ("end", &end)];
    match minutes {
        _ if *computed <= 0 => w.fill("CD403.end_not_after_start", &times),
        Some(m) => w.fill(
            "CD403.minutes_differ",
            &[times[0], times[1], ("minutes", m), ("computed", computed)],
        ),
        None => w.get("CD403.title").to_owned(),
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
