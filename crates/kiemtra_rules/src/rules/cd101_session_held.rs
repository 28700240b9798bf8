//! CD101 session-held: a periodic meeting holds a themed session (§I, §IV.1).

use super::absence;
use crate::messages::Words;
use crate::{Detail, Kind, Record, Rule, Violation};

pub(super) fn check(record: &Record<'_>, out: &mut Vec<Violation>) {
    if record.kind == Kind::Periodic && record.session().is_none() {
        out.push(Violation::new(
            Rule::SessionHeld,
            "/session",
            absence(&record.doc.session),
        ));
    }
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD101.message").to_owned()
}
