//! CD304: the session records `opinions` (§III.1 step 2).

use super::{list_required, with_written};
use crate::{Detail, Lang, Rule, Session, Violation};

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

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let base = lang.pick(
        "Không ghi ý kiến góp ý, thảo luận của đảng viên",
        "No member's opinion is recorded in the discussion",
    );
    with_written(base.to_owned(), d, lang)
}
