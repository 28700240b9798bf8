//! CD203 topic-area: the session names the shortcoming it addresses (§II.1).

use super::{absence, with_written};
use crate::messages::Words;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    if session.area.value().is_none() {
        out.push(Violation::new(
            Rule::TopicArea,
            "/session/area",
            absence(&session.area),
        ));
    }
}

pub(super) fn message(d: &Detail, w: &Words) -> String {
    with_written(w.get("CD203.message"), d, w)
}
