//! CD306: the session records its `conclusion` (§III.1 step 3).

use super::{text_required, with_written};
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

pub(super) fn message(d: &Detail, w: &Words) -> String {
    with_written(w.get("CD306.message"), d, w)
}
