//! CD102 minutes-book: the session is shown in the minutes book (§IV.2).

use super::with_written;
use crate::{Detail, Field, Lang, Record, Rule, Violation};

pub(super) fn check(record: &Record<'_>, out: &mut Vec<Violation>) {
    let recorded = match &record.doc.minutes_book {
        Field::Value(book) => &book.recorded,
        _ => &Field::Absent,
    };
    let detail = match recorded {
        Field::Value(true) => return,
        Field::Value(false) => Detail::Missing,
        other => super::absence(other),
    };
    out.push(Violation::new(
        Rule::MinutesBook,
        "/minutes_book/recorded",
        detail,
    ));
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let base = lang.pick(
        "Không thể hiện việc ghi sinh hoạt chuyên đề vào sổ ghi biên bản (minutes_book.recorded không phải true)",
        "The session is not shown as written in the minutes book (minutes_book.recorded is not true)",
    );
    with_written(base.to_owned(), d, lang)
}
