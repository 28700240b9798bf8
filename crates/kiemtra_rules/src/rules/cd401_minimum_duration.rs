//! CD401 minimum-duration: at least `min_minutes` (30) for the session (§III.2).

use super::duration::known_minutes;
use crate::messages::Words;
use crate::{Detail, Parameters, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, params: &Parameters, out: &mut Vec<Violation>) {
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

pub(super) fn message(d: &Detail, w: &Words) -> String {
    match d {
        Detail::TooShort { minutes, min } => w.fill(
            "CD401.message",
            &[("minutes", minutes), ("min_minutes", min)],
        ),
        _ => w.get("CD401.title").to_owned(),
    }
}
