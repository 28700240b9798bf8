//! CD302 assessment: the unit's situation is assessed, strengths and weaknesses
//! (§III.1 step 1, §II.2).

use super::{parts_message, parts_required};
use crate::messages::Words;
use crate::model::filled;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let a = session.assessment.value();
    let parts = [
        ("strengths", a.and_then(|a| filled(&a.strengths))),
        ("weaknesses", a.and_then(|a| filled(&a.weaknesses))),
    ];
    parts_required(Rule::Assessment, "/session/assessment", parts, out);
}

pub(super) fn message(d: &Detail, w: &Words) -> String {
    parts_message(d, w, "CD302")
}
