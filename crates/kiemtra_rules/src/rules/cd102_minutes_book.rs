//! CD102 minutes-book: the session is shown in the minutes book (§IV.2); on a record read from
//! the minutes themselves, shown as a distinct part of them (catalogue v1.2).

use crate::messages::Words;
use crate::{Detail, Field, Record, Rule, Violation};

pub(super) fn check(record: &Record<'_>, out: &mut Vec<Violation>) {
    // The minutes themselves (catalogue v1.2): the document is the minutes book, and the
    // session is shown in it when it is a part of its own.
    if record.minutes_document == Some(true) {
        return;
    }
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

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD102.message").to_owned()
}
