//! CD301: the session records its `reason` (§III.1 step 1).

use super::text_required;
use crate::messages::Words;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    text_required(Rule::ReasonStated, &session.reason, "/session/reason", out);
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD301.message").to_owned()
}
