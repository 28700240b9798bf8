//! CD401 minimum-duration: at least `min_minutes` (30) for the session (§III.2).

use super::duration::known_minutes;
use crate::{Detail, Lang, Parameters, Rule, Session, Violation};

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

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    match (d, lang) {
        (Detail::TooShort { minutes, min }, Lang::Vi) => {
            format!("Sinh hoạt chuyên đề chỉ {minutes} phút, dưới mức tối thiểu {min} phút")
        }
        (Detail::TooShort { minutes, min }, Lang::En) => {
            format!("The session lasted {minutes} minutes, below the minimum of {min}")
        }
        _ => lang
            .pick("Thời gian sinh hoạt quá ngắn", "The session is too short")
            .to_owned(),
    }
}
