//! CD304: the session records `opinions` (§III.1 step 2).

use super::list_required;
use crate::messages::Words;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let Some(d) = session.discussion.value() else {
        out.push(Violation::new(
            Rule::MemberOpinions,
            "/session/discussion/opinions",
            super::absence(&session.discussion),
        ));
        return;
    };
    list_required(
        Rule::MemberOpinions,
        &d.opinions,
        "/session/discussion/opinions",
        out,
    );
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD304.message").to_owned()
}
