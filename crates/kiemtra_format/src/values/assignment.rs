//! One assignment written as free text (record format 1.2, *assignments*): a line of Word
//! minutes, a cell of a CSV file or a workbook, read alike in every route.
//!
//! - `Chi ủy: theo dõi việc …, thời hạn cuối tháng 5/2017`: the assignee before the first `:`;
//! - `Đ/c Nam - vận động hộ dân - 30/4/2017`: before the first ` - ` (or ` – `), the deadline
//!   last;
//! - `Tổ đảng số 1 (tập thể) …, hạn 31/5/2017`: the kind from `(tập thể)` / `(cá nhân)`, or
//!   from the assignee's own words (`Chi ủy`, `Tổ …` are a collective; `Đồng chí …`, `Đ/c …` one
//!   person);
//! - the deadline after `thời hạn`, `hạn`, `hoàn thành trước` or `trước` (`trước` only when what
//!   follows reads as a deadline: `trước khi …` is part of the task).
//!
//! Nothing is guessed: a part that is not written is left out.

use unicode_normalization::UnicodeNormalization;

use super::deadline::deadline;

/// The parts of an assignment written as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssignmentText {
    pub assignee: Option<String>,
    /// `tập thể` or `cá nhân`, as format v1 accepts them.
    pub kind: Option<&'static str>,
    pub task: Option<String>,
    pub due: Option<String>,
}

/// Words that name who is given a task as a collective (`Chi ủy`, `Tổ đảng số 1`) or one person
/// (`Đồng chí Nam`, `Đ/c Lan`), at the start of the assignee.
const COLLECTIVE: &[&str] = &[
    "chi ủy",
    "chi bộ",
    "tổ",
    "ban",
    "bộ phận",
    "các",
    "chi đoàn",
    "hội",
    "đoàn",
];
const INDIVIDUAL: &[&str] = &["đồng chí", "đ/c", "đc"];

/// Words after which a deadline is written, strongest first.
const DUE_WORDS: &[(&str, bool)] = &[
    // (words, whether what follows is the deadline even when it cannot be read)
    ("thời hạn", true),
    ("hoàn thành trước", false),
    ("hoàn thành trong", false),
    ("hạn", true),
    ("trước", false),
];

/// A character without its diacritics, lower case (`đ` is `d`).
fn fold_char(c: char) -> char {
    let base = c.nfd().next().unwrap_or(c);
    let lower = base.to_lowercase().next().unwrap_or(base);
    if lower == 'đ' {
        'd'
    } else {
        lower
    }
}

/// Byte ranges of the whole-word occurrences of `phrase` in `text` (folded), in order.
fn occurrences(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    super::fold::whole_word_occurrences(text, phrase, fold_char)
}

/// The last whole-word occurrence of `phrase` in `text`.
fn find_last(text: &str, phrase: &str) -> Option<(usize, usize)> {
    occurrences(text, phrase).pop()
}

fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '.' | ':' | '(' | ')' | '-' | '–')
    })
}

fn some(text: &str) -> Option<String> {
    let t = trim(text);
    (!t.is_empty()).then(|| t.to_owned())
}

/// The deadline written in `text` and the text before it: `(text without it, deadline)`.
pub fn split_due(text: &str) -> (&str, Option<String>) {
    for (words, always) in DUE_WORDS {
        let Some((at, end)) = find_last(text, words) else {
            continue;
        };
        // `hạn` inside `thời hạn` was found above; `trước` of `hoàn thành trước` too.
        let due = trim(&text[end..]);
        if due.is_empty() {
            continue;
        }
        if *always || deadline(due).is_some() {
            let before = text[..at].trim_end();
            // `…, hoàn thành trước …` / `… (thời hạn …)`: the words before the deadline.
            let before = before
                .strip_suffix(|c: char| matches!(c, ',' | ';' | '('))
                .unwrap_or(before);
            return (before, Some(due.to_owned()));
        }
    }
    (text, None)
}

/// The kind an assignee's words show, if they show one.
pub fn kind_of_assignee(assignee: &str) -> Option<&'static str> {
    let starts = |list: &[&str]| {
        list.iter().any(|w| {
            occurrences(assignee, w)
                .first()
                .is_some_and(|&(at, _)| at == 0)
        })
    };
    if starts(INDIVIDUAL) {
        Some("cá nhân")
    } else if starts(COLLECTIVE) {
        Some("tập thể")
    } else {
        None
    }
}

/// Reads one assignment written as text.
pub fn assignment(text: &str) -> AssignmentText {
    let mut out = AssignmentText::default();
    let mut text = text.trim().to_owned();
    for (words, kind) in [("(tập thể)", "tập thể"), ("(cá nhân)", "cá nhân")] {
        if let Some((at, end)) = find_last(&text, words.trim_matches(['(', ')'])) {
            let open = text[..at].trim_end().ends_with('(');
            let close = text[end..].trim_start().starts_with(')');
            if open && close {
                let from = text[..at].rfind('(').unwrap_or(at);
                let to = end + text[end..].find(')').map_or(0, |i| i + 1);
                text.replace_range(from..to, " ");
                out.kind = Some(kind);
            }
        }
    }
    let (main, due) = split_due(&text);
    out.due = due;
    let main = main.to_owned();
    let colon = main
        .find(':')
        .filter(|&i| main[..i].split_whitespace().count() <= 8);
    let dash = [" - ", " – "]
        .iter()
        .filter_map(|d| main.find(d).map(|i| (i, d.len())))
        .min();
    let (who, what) = match (colon, dash) {
        (Some(c), Some((d, _))) if d < c => (Some(&main[..d]), &main[d + 3..]),
        (Some(c), _) => (Some(&main[..c]), &main[c + 1..]),
        (None, Some((d, len))) => (Some(&main[..d]), &main[d + len..]),
        (None, None) => (None, &main[..]),
    };
    // `… - 30/4/2017`: a last part after a dash that is a deadline.
    let mut what = what.to_owned();
    if out.due.is_none() {
        for d in [" - ", " – "] {
            if let Some(i) = what.rfind(d) {
                let last = trim(&what[i + d.len()..]);
                if deadline(last).is_some() {
                    out.due = Some(last.to_owned());
                    what.truncate(i);
                    break;
                }
            }
        }
    }
    out.assignee = who.and_then(some);
    out.task = some(&what);
    if out.kind.is_none() {
        out.kind = out.assignee.as_deref().and_then(kind_of_assignee);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (Option<String>, Option<&str>, Option<String>, Option<String>) {
        let a = assignment(text);
        (a.assignee, a.kind, a.task, a.due)
    }

    fn s(t: &str) -> Option<String> {
        Some(t.to_owned())
    }

    #[test]
    fn the_forms_of_record_format_1_2() {
        assert_eq!(
            parts("Chi ủy: tiếp tục theo dõi việc phụ trách hộ, thời hạn cuối tháng 5/2017"),
            (
                s("Chi ủy"),
                Some("tập thể"),
                s("tiếp tục theo dõi việc phụ trách hộ"),
                s("cuối tháng 5/2017")
            )
        );
        assert_eq!(
            parts("Đ/c Nam - vận động hộ dân - 30/4/2017"),
            (
                s("Đ/c Nam"),
                Some("cá nhân"),
                s("vận động hộ dân"),
                s("30/4/2017")
            )
        );
        assert_eq!(
            parts("Tổ đảng số 1 (tập thể): nhắc đảng viên, hạn 31/5/2017"),
            (
                s("Tổ đảng số 1"),
                Some("tập thể"),
                s("nhắc đảng viên"),
                s("31/5/2017")
            )
        );
        assert_eq!(
            parts("Tổ khối trưởng: kiểm tra giáo án hằng tuần, hạn 31/5/2022."),
            (
                s("Tổ khối trưởng"),
                Some("tập thể"),
                s("kiểm tra giáo án hằng tuần"),
                s("31/5/2022")
            )
        );
        // `trước khi …` is the task's own words, not a deadline.
        assert_eq!(
            parts("Chi ủy: họp dân trước khi làm đường"),
            (
                s("Chi ủy"),
                Some("tập thể"),
                s("họp dân trước khi làm đường"),
                None
            )
        );
        // A deadline that cannot be read is kept as written (the rule says it is unreadable).
        assert_eq!(
            parts("Đảng viên phụ trách cụm hộ: báo cáo hằng tuần, thời hạn đến khi hết dịch").3,
            s("đến khi hết dịch")
        );
        // Without diacritics.
        assert_eq!(parts("Chi uy: theo doi, han 31/12/2017").3, s("31/12/2017"));
        // Only a task.
        assert_eq!(
            parts("Lập danh sách hộ nghèo"),
            (None, None, s("Lập danh sách hộ nghèo"), None)
        );
    }
}
