//! CD203 topic-area: the session names the shortcoming it addresses (§II.1).

use super::absence;
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

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD203.message").to_owned()
}
