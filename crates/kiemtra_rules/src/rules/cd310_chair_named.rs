//! CD310 chair-named: the record of a session names its chair, who concludes and assigns
//! (§III.1 step 3).

use super::absence;
use crate::messages::Words;
use crate::model::filled;
use crate::{Detail, Record, Rule, Violation};

pub(super) fn check(record: &Record<'_>, out: &mut Vec<Violation>) {
    if filled(&record.doc.chair).is_none() {
        out.push(Violation::new(
            Rule::ChairNamed,
            "/chair",
            absence(&record.doc.chair),
        ));
    }
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD310.message").to_owned()
}
