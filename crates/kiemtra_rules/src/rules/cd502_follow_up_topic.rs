//! CD502 follow-up-topic: the follow-up evaluates the previous session's topic, not another
//! (§III.1 step 3).

use kiemtra_messages::m::cd502 as words;
use kiemtra_messages::Say;

use super::{date, Check, Declaration, Hint, UnitContext};
use crate::meeting::with_previous;
use crate::{At, Detail, Lang, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD502",
    name: "follow-up-topic",
    severity: Severity::Warning,
    cites: &["§III.1 bước 3"],
    check: Check::Unit(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message,
};

fn check(unit: &UnitContext<'_>, out: &mut Vec<(At, Violation)>) {
    for (i, s, p) in with_previous(unit.meetings, unit.previous) {
        let (Some(followed), Some(prev)) =
            (s.follow_up_topic, p.session.and_then(|ps| ps.topics.one()))
        else {
            continue;
        };
        if followed != prev {
            out.push((
                At::Meeting(i),
                Violation::new(
                    Rule::FollowUpTopic,
                    "/session/follow_up/topic",
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
