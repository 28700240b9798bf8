//! CD305: the session records `questions` (§II.2).

use super::{list_required, with_written};
use crate::{Detail, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    list_required(
        Rule::DiscussionQuestions,
        &session.questions,
        "/session/questions",
        out,
    );
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let base = lang.pick(
        "Không có câu hỏi gợi ý thảo luận",
        "No suggested discussion question is recorded",
    );
    with_written(base.to_owned(), d, lang)
}
