//! CD310 chair-named: the record of a session names its chair, who concludes and assigns
//! (§III.1 step 3).

use kiemtra_messages::m::cd310 as words;

use super::{absence, Check, Declaration, Hint, SessionContext};
use crate::model::filled;
use crate::{Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD310",
    name: "chair-named",
    severity: Severity::Warning,
    cites: &["§III.1 bước 3"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let chair = &c.record.doc.chair;
    if filled(chair).is_none() {
        out.push(Violation::new(Rule::ChairNamed, "/chair", absence(chair)));
    }
}
