//! CD203 topic-area: the session names the shortcoming it addresses (§II.1).

use kiemtra_messages::m::cd203 as words;

use super::{absence, Check, Declaration, Hint, SessionContext};
use crate::{Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD203",
    name: "topic-area",
    severity: Severity::Warning,
    cites: &["§II.1"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    if c.session.area.value().is_none() {
        out.push(Violation::new(
            Rule::TopicArea,
            "/session/area",
            absence(&c.session.area),
        ));
    }
}
