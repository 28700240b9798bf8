//! CD401 minimum-duration: at least `min_minutes` (30) for the session (§III.2).

use kiemtra_messages::m::cd401 as words;
use kiemtra_messages::Say;

use super::duration::known_minutes;
use super::{Check, Declaration, Hint, SessionContext};
use crate::{Detail, Lang, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD401",
    name: "minimum-duration",
    severity: Severity::Error,
    cites: &["§III.2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::WithParameters(|params, lang| {
        words::Hint {
            min_minutes: &params.min_minutes,
        }
        .say(lang)
    }),
    message,
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let (session, params) = (c.session, c.params);
    let Some(minutes) = known_minutes(session) else {
        return;
    };
    if minutes < i64::from(params.min_minutes) {
        let pointer = if session.minutes.value().is_some() {
            "/session/minutes"
        } else {
            "/session/end"
        };
        out.push(Violation::new(
            Rule::MinimumDuration,
            pointer,
            Detail::TooShort {
                minutes,
                min: params.min_minutes,
            },
        ));
    }
}

fn message(d: &Detail, lang: Lang) -> String {
    match d {
        Detail::TooShort { minutes, min } => words::Message {
            minutes,
            min_minutes: min,
        }
        .say(lang),
        _ => words::TITLE.get(lang).to_owned(),
    }
}
