//! CD308 assignment-deadline: each assignment has a time limit, not before the meeting
//! (§II.2 note: "trong một thời hạn nhất định").

use kiemtra_messages::m::cd308 as words;
use kiemtra_messages::Say;

use super::{date as day, Check, Declaration, Hint, SessionContext};
use crate::{Detail, Field, Lang, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD308",
    name: "assignment-deadline",
    severity: Severity::Warning,
    cites: &["§II.2 lưu ý"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message,
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let (session, date) = (c.session, c.record.date);
    for (index, a) in session
        .assignments
        .value()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(a) = a.value() else { continue };
        let pointer = || format!("/session/assignments/{index}/due");
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let detail = match &a.due {
            // A deadline relative to the meeting (`cuối quý`) becomes a day here, where the
            // meeting's date is known; `thường xuyên` is read, and sets no time limit.
            Field::Value(due) => match due.day(date) {
                Some(due) if due >= date => continue,
                Some(due) => Detail::DueBefore { index, due, date },
                None => Detail::NoDue {
                    index,
                    unreadable: None,
                },
            },
            Field::Unreadable(v) | Field::Invalid(v) if !crate::text::is_blank(v) => {
                Detail::NoDue {
                    index,
                    unreadable: Some(v.as_str().into()),
                }
            }
            _ => Detail::NoDue {
                index,
                unreadable: None,
            },
        };
        // The pointer is written only here: nearly every deadline is met.
        out.push(Violation::new(Rule::AssignmentDeadline, pointer(), detail));
    }
}

fn message(d: &Detail, lang: Lang) -> String {
    match d {
        Detail::DueBefore { index, due, date } => words::DueBefore {
            number: &(index + 1),
            due: &day(lang, *due),
            date: &day(lang, *date),
        }
        .say(lang),
        Detail::NoDue { index, .. } => words::NoDue {
            number: &(index + 1),
        }
        .say(lang),
        _ => words::TITLE.get(lang).to_owned(),
    }
}
