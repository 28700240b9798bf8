//! CD503 changed-before-result: a topic not yet achieved is kept, not dropped (§III.2).

use kiemtra_messages::m::cd503 as words;
use kiemtra_messages::Say;

use super::{date, Check, Declaration, Hint, UnitContext};
use crate::meeting::with_previous;
use crate::{FollowUpResult, At, Detail, Lang, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD503",
    name: "changed-before-result",
    severity: Severity::Warning,
    cites: &["§III.2"],
    check: Check::Unit(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message,
};

fn check(unit: &UnitContext<'_>, out: &mut Vec<(At, Violation)>) {
    for (i, s, p) in with_previous(unit.meetings, unit.previous) {
        let unfinished = matches!(
            s.follow_up_result,
            Some(FollowUpResult::NotAchieved | FollowUpResult::InProgress)
        );
        let (Some(now), Some(before)) = (s.topics.one(), p.session.and_then(|ps| ps.topics.one()))
        else {
            continue;
        };
        if unfinished && now != before {
            out.push((
                At::Meeting(i),
                Violation::new(
                    Rule::ChangedBeforeResult,
                    "/session/topics",
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
