//! CD306: the session records its `conclusion` (§III.1 step 3).

use super::{text_required, with_written};
use crate::{Detail, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    text_required(
        Rule::Conclusion,
        &session.conclusion,
        "/session/conclusion",
        out,
    );
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let base = lang.pick(
        "Không ghi kết luận của đồng chí chủ trì",
        "The chair's conclusion is not recorded",
    );
    with_written(base.to_owned(), d, lang)
}
