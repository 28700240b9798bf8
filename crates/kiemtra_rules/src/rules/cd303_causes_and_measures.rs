//! CD303 causes-and-measures: the discussion identifies causes and agrees on measures
//! (§III.1 step 2).

use super::{parts_message, parts_required};
use crate::messages::Words;
use crate::model::filled;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let d = session.discussion.value();
    let parts = [
        ("causes", d.and_then(|d| filled(&d.causes))),
        ("measures", d.and_then(|d| filled(&d.measures))),
    ];
    parts_required(Rule::CausesAndMeasures, "/session/discussion", parts, out);
}

pub(super) fn message(d: &Detail, w: &Words) -> String {
    parts_message(d, w, "CD303")
}
