//! What is settled once the whole document is read: the kind a title without a kind word
//! gives, the title's month (its year from the date when not written), the day from the
//! header's dated line when no sentence gives it, tasks given inside the conclusion, the
//! signature table's names, and the meeting's own conclusion when no themed session is shown.

use chrono::Datelike;
use kiemtra_format::values;
use kiemtra_format::word_labels::prose;
use serde_json::{json, Value};

use super::labels::{clean, strip_marker};
use super::prose::occurrences;
use super::{field_mut, Builder, Paragraph};

/// Keys of a session that only a themed session has (a meeting's own conclusion and tasks do
/// not make one).
fn session_only(key: &str) -> bool {
    !matches!(key, "conclusion" | "assignments")
}

impl Builder {
    pub(super) fn finish(&mut self) {
        if field_mut(&mut self.record, "date").is_none() {
            if let Some((n, day)) = self.dated_line.take() {
                self.place("date", n, "");
                self.add("date", &day, n, "");
            }
        }
        // A cell's meeting whose minutes name no kind is its monthly, periodic meeting (the
        // title's words, when it has some, say otherwise).
        let dated = field_mut(&mut self.record, "date").is_some();
        if field_mut(&mut self.record, "kind").is_none() && (self.title.is_some() || dated) {
            if let Some((n, _)) = self.title {
                self.place("kind", n, "");
            }
            self.set_value("kind", json!("định kỳ"));
        }
        self.month();
        self.not_a_session();
        self.tasks_in_sentences();
    }

    /// `month` from the title: `tháng M năm Y`, or `tháng M` in the date's year or the next
    /// or the one before, whichever is nearest the date.
    fn month(&mut self) {
        let Some((m, year, _)) = self.title_month else {
            return;
        };
        let date = match field_mut(&mut self.record, "date") {
            Some(Value::String(d)) => values::date(d),
            _ => None,
        };
        let year = match (year, date) {
            (Some(y), _) => y,
            (None, Some(d)) => {
                let at = |y: i32| (y * 12 + m as i32 - (d.year() * 12 + d.month() as i32)).abs();
                [d.year() - 1, d.year(), d.year() + 1]
                    .into_iter()
                    .min_by_key(|&y| at(y))
                    .unwrap_or(d.year())
            }
            (None, None) => return,
        };
        if field_mut(&mut self.record, "month").is_none() {
            self.set_value("month", json!(format!("{year:04}-{m:02}")));
        }
    }

    /// A conclusion or tasks with no themed session shown are the meeting's own: kept as
    /// written, not a session.
    fn not_a_session(&mut self) {
        if self.session_at.is_some() {
            return;
        }
        let Some(Value::Object(session)) = self.record.get("session") else {
            return;
        };
        if session.keys().any(|k| session_only(k)) {
            return;
        }
        let Some(Value::Object(session)) = self.record.remove("session") else {
            return;
        };
        for (key, value) in session {
            let pointer = format!("/session/{key}");
            let n = self
                .places
                .iter()
                .find(|p| p.pointer.starts_with(&pointer))
                .map_or(0, |p| p.paragraph);
            let text = match value {
                Value::String(s) => s,
                other => other.to_string(),
            };
            let label = self
                .places
                .iter()
                .find(|p| p.pointer == pointer)
                .map(|p| p.label.clone());
            self.keep(n, label.as_deref(), &text);
        }
        self.places.retain(|p| !p.pointer.starts_with("/session"));
        self.task_lines.clear();
    }

    /// The paragraph where the themed session is a part of its own, if it is.
    pub(super) fn session_part(&self) -> Option<u32> {
        self.record.get("session")?;
        self.session_at.or_else(|| {
            self.places
                .iter()
                .filter(|p| p.pointer.starts_with("/session/"))
                .map(|p| p.paragraph)
                .min()
        })
    }

    /// The signature table (`THƯ KÝ | CHỦ TRÌ` with the names under them): who recorded and
    /// who chaired, when the text has not said it. `false` when the table is something else.
    pub(super) fn signature_table(&mut self, rows: &[Vec<Vec<Paragraph>>]) -> bool {
        let lines = |cell: &[Paragraph]| -> Vec<(u32, String)> {
            cell.iter()
                .flat_map(|p| p.text.split('\n').map(move |l| (p.number, clean(l))))
                .filter(|(_, l)| !l.is_empty())
                .collect()
        };
        let Some(head) = rows.first() else {
            return false;
        };
        let roles: Vec<Option<&'static str>> = head
            .iter()
            .map(|cell| {
                let first = lines(cell).into_iter().next()?.1;
                let first = strip_marker(&first).trim_end_matches(':').to_owned();
                prose::SIGNATURES.iter().find_map(|(words, field)| {
                    occurrences(&first, words)
                        .first()
                        .filter(|&&(s, e)| s == 0 && e == first.len())
                        .map(|_| *field)
                })
            })
            .collect();
        if roles.iter().all(Option::is_none) {
            return false;
        }
        for (col, role) in roles.iter().enumerate() {
            let Some(field) = role else { continue };
            // The name: the last line of the column that is not a direction in brackets.
            let column: Vec<(u32, String)> = rows
                .iter()
                .enumerate()
                .flat_map(|(r, row)| {
                    row.get(col)
                        .map(|c| lines(c))
                        .unwrap_or_default()
                        .into_iter()
                        .skip(usize::from(r == 0))
                })
                .collect();
            let name = column
                .into_iter()
                .rev()
                .find(|(_, l)| !l.starts_with('(') && l.chars().any(char::is_alphabetic));
            if let Some((n, name)) = name {
                if field_mut(&mut self.record, field).is_none() {
                    self.place(field, n, "");
                    self.add(field, &name, n, "");
                }
            }
        }
        true
    }

    /// `Tài liệu sinh hoạt: bài viết của Bác “Dân vận”`: the kind of material before the quote,
    /// the title inside it. `false` when the text is not of that form.
    pub(super) fn source_with_kind(&mut self, text: &str, n: u32, label: &str) -> bool {
        let Some(open) = text.find(['“', '"', '«']) else {
            return false;
        };
        let before = clean(text[..open].trim_end_matches([':', ',', ' ']));
        if before.is_empty() || kiemtra_rules::SourceKind::parse(&before).is_none() {
            return false;
        }
        if field_mut(&mut self.record, "session.source.kind").is_some() {
            return false;
        }
        let title: String = text[open..]
            .chars()
            .filter(|c| !matches!(c, '“' | '”' | '"' | '«' | '»'))
            .collect();
        let title = clean(title.trim_end_matches(['.', ' ']));
        self.place("session.source.kind", n, label);
        self.set_value("session.source.kind", json!(before));
        self.set_value("session.source.title", json!(title));
        true
    }
}

/// “Không có ý kiến”, alone or after who said it (`Đồng chí Yến: không có ý kiến khác.`).
pub(super) fn is_no_opinion(text: &str) -> bool {
    let said = match text.split_once(':') {
        Some((_, said)) => said,
        None => text,
    };
    let said = clean(strip_marker(said));
    let said = said.trim_end_matches(['.', '!', ';', ' ']);
    prose::NO_OPINION.iter().any(|w| {
        occurrences(said, w)
            .first()
            .is_some_and(|&(s, e)| s == 0 && e == said.len())
    })
}

/// A line of a list of opinions: a bullet, or a sentence that names its speaker.
pub(super) fn is_opinion_line(text: &str) -> bool {
    let t = text.trim_start();
    strip_marker(t).len() != t.len()
        || prose::COMRADE
            .iter()
            .any(|c| occurrences(t, c).first().is_some_and(|&(s, _)| s == 0))
}

/// `- Đồng chí Sáu: cần họp dân …`: a member named, then what was said.
pub(super) fn is_speaker_line(text: &str) -> bool {
    let t = strip_marker(text);
    let named = prose::COMRADE
        .iter()
        .any(|c| occurrences(t, c).first().is_some_and(|&(s, _)| s == 0));
    named
        && t.find(':').is_some_and(|i| {
            t[..i].split_whitespace().count() <= 6 && !clean(&t[i + 1..]).is_empty()
        })
}

/// A value that runs into another label on the same line (`Lê Văn Hải; thư ký: Phạm Thị Mai`,
/// `Trịnh Văn Khải        Thư ký: Lương Thị Thu`): the value, and the rest from that label.
pub(super) fn split_at_label(rest: &str) -> (&str, Option<&str>) {
    let mut from = 0;
    while let Some(i) = rest[from..].find([';', '.', ' ', '\t']).map(|i| from + i) {
        let sep = rest[i..].chars().next().map_or(1, char::len_utf8);
        let double_space = rest[i..].starts_with("  ") || rest[i..].starts_with('\t');
        let after = rest[i + sep..].trim_start();
        if (rest[i..].starts_with([';', '.']) || double_space) && !after.is_empty() {
            if let Some(l) = super::labels::find(after) {
                if l.colon && !matches!(l.label.reads, kiemtra_format::word_labels::Reads::Heading)
                {
                    return (&rest[..i], Some(after));
                }
            }
        }
        from = i + sep;
    }
    (rest, None)
}

/// Whether the text after a session's label holds a quoted topic or a span (read already).
pub(super) fn quotes_or_span(text: &str) -> bool {
    text.contains(['“', '"', '«']) || !occurrences(text, "từ").is_empty()
}
