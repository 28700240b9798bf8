//! CD501 follow-up: the next meeting evaluates the results of the previous session's topic
//! (§III.1 step 3, §III.2).

use kiemtra_messages::m::cd501 as words;
use kiemtra_messages::Say;

use super::{date, Check, Declaration, Hint, UnitContext};
use crate::meeting::with_previous;
use crate::{At, Detail, Lang, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD501",
    name: "follow-up",
    severity: Severity::Error,
    cites: &["§III.1 bước 3", "§III.2"],
    check: Check::Unit(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message,
};

fn check(unit: &UnitContext<'_>, out: &mut Vec<(At, Violation)>) {
    for (i, s, p) in with_previous(unit.meetings, unit.previous) {
        let had_topic = p.session.is_some_and(|ps| ps.topics.stated());
        if had_topic && s.follow_up_result.is_none() {
            out.push((
                At::Meeting(i),
                Violation::new(
                    Rule::FollowUp,
                    "/session/follow_up",
                    Detail::Previous { date: p.date },
                ),
            ));
        }
    }
}

fn message(d: &Detail, lang: Lang) -> String {
    match d {
        Detail::Previous { date: previous } => words::Message {
            previous: &date(lang, *previous),
        }
        .say(lang),
        _ => words::TITLE.get(lang).to_owned(),
    }
}
