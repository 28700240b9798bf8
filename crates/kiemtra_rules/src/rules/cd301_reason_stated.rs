//! CD301 reason-stated: the session records its `reason` (§III.1 step 1).

use kiemtra_messages::m::cd301 as words;

use super::{text_required, Check, Declaration, Hint, SessionContext};
use crate::{Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD301",
    name: "reason-stated",
    severity: Severity::Error,
    cites: &["§III.1 bước 1", "§II.2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    text_required(Rule::ReasonStated, &c.session.reason, "/session/reason", out);
}
