//! CD402 duration-recorded: the record says how long the session lasted (§III.2).

use crate::messages::Words;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let span = session.start.value().is_some() && session.end.value().is_some();
    if span || session.minutes.value().is_some() {
        return;
    }
    // Point at what was written but could not be read, if anything; else at `minutes`.
    let unreadable = [
        ("/session/minutes", session.minutes.unreadable()),
        ("/session/start", session.start.unreadable()),
        ("/session/end", session.end.unreadable()),
    ]
    .into_iter()
    .find_map(|(p, v)| v.filter(|v| !crate::text::is_blank(v)).map(|v| (p, v)));
    let v = match unreadable {
        Some((pointer, value)) => Violation::new(
            Rule::DurationRecorded,
            pointer,
            Detail::Unreadable {
                value: value.into(),
            },
        ),
        None => Violation::new(Rule::DurationRecorded, "/session/minutes", Detail::Missing),
    };
    out.push(v);
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD402.message").to_owned()
}
