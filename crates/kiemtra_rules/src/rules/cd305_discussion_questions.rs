//! CD305 discussion-questions: the session records `questions` (§II.2).

use kiemtra_messages::m::cd305 as words;

use super::{list_required, Check, Declaration, Hint, SessionContext};
use crate::{Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD305",
    name: "discussion-questions",
    severity: Severity::Warning,
    cites: &["§II.2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    list_required(
        Rule::DiscussionQuestions,
        &c.session.questions,
        "/session/questions",
        out,
    );
}
