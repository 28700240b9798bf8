//! The sentences Word minutes lay out their own way, split into their fields: the meeting's
//! time and day, the attendance, the themed session's span. Values stay as written.

use super::labels::{self, clean};
use super::Builder;

impl Builder {
    /// `19 giờ 30 phút, ngày 09 tháng 4 năm 2017, tại …`: the day is `date`; the rest (the
    /// hour, the place) has no field and is kept.
    pub(super) fn meeting_time(&mut self, n: u32, written: &str, rest: &str) {
        self.place("date", n, written);
        let (date, others) = split_date(rest);
        match date {
            Some(d) if !d.is_empty() => self.add("date", &d, n, written),
            _ => {}
        }
        let others =
            clean(others.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace()));
        if !is_unfilled(&others) {
            self.keep(n, Some(written), &others);
        }
    }

    /// `17/19 đồng chí`, `17 đồng chí`.
    pub(super) fn attendance(&mut self, n: u32, written: &str, rest: &str) {
        self.place("attendance.present", n, written);
        self.place("attendance.total", n, written);
        let rest = rest.trim_start_matches(':').trim();
        let digits = |s: &str| -> (String, usize) {
            let d: String = s.chars().take_while(char::is_ascii_digit).collect();
            let len = d.len();
            (d, len)
        };
        let (present, used) = digits(rest);
        if present.is_empty() {
            if !is_unfilled(rest) {
                self.keep(n, Some(written), rest);
            }
            return;
        }
        self.add("attendance.present", &present, n, written);
        let mut after = &rest[used..];
        if let Some(t) = after.trim_start().strip_prefix('/') {
            let (total, used) = digits(t.trim_start());
            if !total.is_empty() {
                self.add("attendance.total", &total, n, written);
            }
            // `17/…… đồng chí`: the total left as dots is no text of its own.
            after = &t.trim_start()[used..];
        }
        // Anything beyond the counts and the words for them (who was absent…) is kept.
        let mut tail = after.trim().to_owned();
        // Folded words (one character for one, so their length is the written one's).
        for word in ["dong chi", "dang vien", "d/c"] {
            if labels::find_word(&tail, word) == Some(0) {
                tail = tail[labels::byte_at(&tail, word.chars().count())..].to_owned();
                break;
            }
        }
        let tail = clean(
            tail.trim_matches(|c: char| c == ',' || c == ';' || c == '.' || c.is_whitespace()),
        );
        if !tail.is_empty() {
            self.keep(n, Some(written), &tail);
        }
    }
}

/// A template's value left as it was: only placeholders, the words around them (`…… giờ ……
/// phút, ngày …… tháng …… năm ……`, `……/…… đồng chí`) and punctuation.
pub(super) fn is_unfilled(text: &str) -> bool {
    let folded: String = clean(text)
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                labels::fold_char(c)
            } else {
                ' '
            }
        })
        .collect();
    folded.split_whitespace().all(|w| {
        matches!(
            w,
            "gio" | "phut" | "ngay" | "thang" | "nam" | "dong" | "chi" | "tu" | "den" | "h"
        )
    })
}

/// The parts of a sentence left after a value was taken out of it, comma-separated.
fn joined(text: &str) -> String {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The day in `19 giờ 30 phút, ngày 09 tháng 4 năm 2017, tại …`: from `ngày` to the year after
/// `năm` (or to the next comma), or a `dd/mm/yyyy` word; and the text around it.
fn split_date(text: &str) -> (Option<String>, String) {
    if let Some(at) = labels::find_word(text, "ngay") {
        let start = labels::byte_at(text, at);
        let after = &text[start..];
        let end = match labels::find_word(after, "nam") {
            Some(y) => {
                let year_from = labels::byte_at(after, y + 3);
                let digits = after[year_from..]
                    .char_indices()
                    .skip_while(|(_, c)| c.is_whitespace())
                    .take_while(|(_, c)| c.is_ascii_digit())
                    .last()
                    .map(|(i, c)| year_from + i + c.len_utf8());
                digits.unwrap_or(after.len())
            }
            None => after.find([',', ';']).unwrap_or(after.len()),
        };
        let date = clean(after[..end].trim_end_matches(['.', ',', ';', ' ']));
        let others = format!("{},{}", &text[..start], &after[end..]);
        return (Some(date), joined(&others));
    }
    for word in text.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let parts: Vec<&str> = word.split(['/', '-', '.']).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let others = text.replacen(word, ",", 1);
            return (Some(word.to_owned()), joined(&others));
        }
    }
    (None, text.to_owned())
}
