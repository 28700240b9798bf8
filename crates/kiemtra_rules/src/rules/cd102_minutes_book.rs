//! CD102 minutes-book: the session is shown in the minutes book (§IV.2).

use kiemtra_messages::m::cd102 as words;

use super::{Check, Declaration, Hint, SessionContext};
use crate::{Detail, Field, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD102",
    name: "minutes-book",
    severity: Severity::Error,
    cites: &["§IV.2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let recorded = match &c.record.doc.minutes_book {
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
