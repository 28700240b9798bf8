//! CD308 assignment-deadline: each assignment has a time limit, not before the meeting
//! (§II.2 note: "trong một thời hạn nhất định").

use chrono::NaiveDate;

use crate::messages::Words;
use crate::{Detail, Field, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, date: NaiveDate, out: &mut Vec<Violation>) {
    for (index, a) in session
        .assignments
        .value()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(a) = a.value() else { continue };
        let pointer = format!("/session/assignments/{index}/due");
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
        out.push(Violation::new(Rule::AssignmentDeadline, pointer, detail));
    }
}

pub(super) fn message(d: &Detail, w: &Words) -> String {
    match d {
        Detail::DueBefore { index, due, date } => w.fill(
            "CD308.due_before",
            &[
                ("number", &(index + 1)),
                ("due", &w.date(*due)),
                ("date", &w.date(*date)),
            ],
        ),
        Detail::NoDue { index, .. } => w.fill("CD308.no_due", &[("number", &(index + 1))]),
        _ => w.get("CD308.title").to_owned(),
    }
}
