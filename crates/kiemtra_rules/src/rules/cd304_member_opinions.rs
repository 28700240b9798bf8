//! CD304 member-opinions: the session records `opinions` (§III.1 step 2).

use kiemtra_messages::m::cd304 as words;

use super::{absence, list_required, Check, Declaration, Hint, SessionContext};
use crate::{Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD304",
    name: "member-opinions",
    severity: Severity::Warning,
    cites: &["§III.1 bước 2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    const POINTER: &str = "/session/discussion/opinions";
    let Some(d) = c.session.discussion.value() else {
        out.push(Violation::new(
            Rule::MemberOpinions,
            POINTER,
            absence(&c.session.discussion),
        ));
        return;
    };
    list_required(Rule::MemberOpinions, &d.opinions, POINTER, out);
}
