//! CD307 assignments: the conclusion assigns responsibility to someone for something
//! (§III.1 step 3, §II.2).

use kiemtra_messages::m::cd307 as words;

use super::{absence, Check, Declaration, Hint, SessionContext};
use crate::model::filled;
use crate::{Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD307",
    name: "assignments",
    severity: Severity::Error,
    cites: &["§III.1 bước 3", "§II.2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let assignments = &c.session.assignments;
    let assigned = assignments
        .value()
        .into_iter()
        .flatten()
        .filter_map(|a| a.value())
        .any(|a| filled(&a.assignee).is_some() && filled(&a.task).is_some());
    if !assigned {
        out.push(Violation::new(
            Rule::Assignments,
            "/session/assignments",
            absence(assignments),
        ));
    }
}
