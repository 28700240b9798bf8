//! CD201 topic-stated: the session states its topic (§II.2 note).

use super::{list_required, with_written};
use crate::{Detail, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    list_required(Rule::TopicStated, &session.topics, "/session/topics", out);
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let base = lang.pick(
        "Sinh hoạt chuyên đề không ghi chủ đề",
        "The session states no topic",
    );
    with_written(base.to_owned(), d, lang)
}
