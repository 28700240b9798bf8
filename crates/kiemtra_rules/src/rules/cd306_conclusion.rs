//! CD306 conclusion: the session records its `conclusion` (§III.1 step 3).

use kiemtra_messages::m::cd306 as words;

use super::{text_required, Check, Declaration, Hint, SessionContext};
use crate::{Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD306",
    name: "conclusion",
    severity: Severity::Error,
    cites: &["§III.1 bước 3"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    text_required(Rule::Conclusion, &c.session.conclusion, "/session/conclusion", out);
}
