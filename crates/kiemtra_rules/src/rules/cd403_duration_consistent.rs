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
            start: start.0.format("%H:%M").to_string(),
            end: end.0.format("%H:%M").to_string(),
            minutes,
            computed,
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
    let times: [(&str, &dyn std::fmt::Display); 2] = [("start", start), ("end", end)];
    match minutes {
        _ if *computed <= 0 => w.fill("CD403.end_not_after_start", &times),
        Some(m) => w.fill(
            "CD403.minutes_differ",
            &[times[0], times[1], ("minutes", m), ("computed", computed)],
        ),
        None => w.get("CD403.title").to_owned(),
    }
}
