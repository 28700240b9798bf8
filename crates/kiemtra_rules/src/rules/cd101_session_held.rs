//! CD101 session-held: a periodic meeting holds a themed session (§I, §IV.1).

use super::{absence, with_written};
use crate::{Detail, Kind, Lang, Record, Rule, Violation};

pub(super) fn check(record: &Record<'_>, out: &mut Vec<Violation>) {
    if record.kind == Kind::Periodic && record.session().is_none() {
        out.push(Violation::new(
            Rule::SessionHeld,
            "/session",
            absence(&record.doc.session),
        ));
    }
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let base = lang.pick(
        "Cuộc họp định kỳ không có sinh hoạt chuyên đề",
        "The periodic meeting held no themed session",
    );
    with_written(base.to_owned(), d, lang)
}
