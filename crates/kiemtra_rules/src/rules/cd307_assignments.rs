//! CD307 assignments: the conclusion assigns responsibility to someone for something
//! (§III.1 step 3, §II.2).

use super::absence;
use crate::messages::Words;
use crate::model::filled;
use crate::{Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let assigned = session
        .assignments
        .value()
        .into_iter()
        .flatten()
        .filter_map(|a| a.value())
        .any(|a| filled(&a.assignee).is_some() && filled(&a.task).is_some());
    if !assigned {
        out.push(Violation::new(
            Rule::Assignments,
            "/session/assignments",
            absence(&session.assignments),
        ));
    }
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD307.message").to_owned()
}
