//! CD101 session-held: a periodic meeting holds a themed session (§I, §IV.1).

use kiemtra_messages::m::cd101 as words;

use super::{absence, Check, Declaration, Hint};
use crate::{Kind, Record, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD101",
    name: "session-held",
    severity: Severity::Error,
    cites: &["§I", "§IV.1"],
    check: Check::Record(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(record: &Record<'_>, out: &mut Vec<Violation>) {
    if record.kind == Kind::Periodic && record.session().is_none() {
        out.push(Violation::new(
            Rule::SessionHeld,
            "/session",
            absence(&record.doc.session),
        ));
    }
}
