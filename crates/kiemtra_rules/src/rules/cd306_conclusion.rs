//! CD306: the session records its `conclusion` (§III.1 step 3).

use super::text_required;
use crate::messages::Words;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    text_required(
        Rule::Conclusion,
        &session.conclusion,
        "/session/conclusion",
        out,
    );
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD306.message").to_owned()
}
