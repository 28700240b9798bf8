//! CD305: the session records `questions` (§II.2).

use super::list_required;
use crate::messages::Words;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    list_required(
        Rule::DiscussionQuestions,
        &session.questions,
        "/session/questions",
        out,
    );
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD305.message").to_owned()
}
