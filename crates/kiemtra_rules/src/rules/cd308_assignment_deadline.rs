//! CD308 assignment-deadline: each assignment has a time limit, not before the meeting
//! (§II.2 note: "trong một thời hạn nhất định").

use chrono::NaiveDate;

use super::day;
use crate::{Detail, Field, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, date: NaiveDate, out: &mut Vec<Violation>) {
    for (index, a) in session
        .assignments
        .value()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(a) = a.value() else { continue };
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
                    unreadable: Some(v.clone()),
                }
            }
            _ => Detail::NoDue {
                index,
                unreadable: None,
            },
        };
        let pointer = format!("/session/assignments/{index}/due");
        out.push(Violation::new(Rule::AssignmentDeadline, pointer, detail));
    }
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    match (d, lang) {
        (Detail::DueBefore { index, due, date }, Lang::Vi) => format!(
            "Phân công thứ {} có thời hạn {} trước ngày họp {}",
            index + 1,
            day(*due, lang),
            day(*date, lang)
        ),
        (Detail::DueBefore { index, due, date }, Lang::En) => format!(
            "Assignment {} is due {}, before the meeting of {}",
            index + 1,
            day(*due, lang),
            day(*date, lang)
        ),
        (Detail::NoDue { index, unreadable }, Lang::Vi) => {
            let mut s = format!("Phân công thứ {} không có thời hạn hoàn thành", index + 1);
            if let Some(v) = unreadable {
                s.push_str(&format!(" (đã ghi «{v}», không đọc được thành ngày)"));
            }
            s
        }
        (Detail::NoDue { index, unreadable }, Lang::En) => {
            let mut s = format!("Assignment {} has no due date", index + 1);
            if let Some(v) = unreadable {
                s.push_str(&format!(" (written «{v}», which is not a date)"));
            }
            s
        }
        _ => lang
            .pick(
                "Phân công không có thời hạn",
                "An assignment has no due date",
            )
            .to_owned(),
    }
}
