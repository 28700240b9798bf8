//! CD201 topic-stated: the session states its topic (§II.2 note).

use kiemtra_messages::m::cd201 as words;

use super::{list_required, Check, Declaration, Hint, SessionContext};
use crate::{Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD201",
    name: "topic-stated",
    severity: Severity::Error,
    cites: &["§II.2 lưu ý"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    list_required(Rule::TopicStated, &c.session.topics, "/session/topics", out);
}
