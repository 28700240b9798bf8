//! CD203 topic-area: the session names the shortcoming it addresses (§II.1).

use super::{absence, with_written};
use crate::{Detail, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    if session.area.value().is_none() {
        out.push(Violation::new(
            Rule::TopicArea,
            "/session/area",
            absence(&session.area),
        ));
    }
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let base = lang.pick(
        "Không ghi vấn đề còn hạn chế mà chủ đề nhằm khắc phục (area)",
        "The session does not state which shortcoming it addresses (area)",
    );
    with_written(base.to_owned(), d, lang)
}
