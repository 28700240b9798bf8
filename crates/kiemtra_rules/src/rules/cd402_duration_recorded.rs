//! CD402 duration-recorded: the record says how long the session lasted (§III.2).

use kiemtra_messages::m::cd402 as words;

use super::{Check, Declaration, Hint, SessionContext};
use crate::{Detail, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD402",
    name: "duration-recorded",
    severity: Severity::Error,
    cites: &["§III.2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let session = c.session;
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
