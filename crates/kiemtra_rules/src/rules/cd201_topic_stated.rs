//! CD201 topic-stated: the session states its topic (§II.2 note).

use super::list_required;
use crate::messages::Words;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    list_required(Rule::TopicStated, &session.topics, "/session/topics", out);
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD201.message").to_owned()
}
