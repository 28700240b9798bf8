//! CD301: the session records its `reason` (§III.1 step 1).

use super::{text_required, with_written};
use crate::{Detail, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    text_required(Rule::ReasonStated, &session.reason, "/session/reason", out);
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let base = lang.pick(
        "Không nêu lý do chọn chủ đề (vì sao chọn nội dung này)",
        "The reason for choosing the topic is not stated",
    );
    with_written(base.to_owned(), d, lang)
}
