//! Finding a label at the start of a paragraph: in any case, with or without diacritics, old or
//! new tone placement, after a bullet or a number, before a colon or dotted placeholders.

use std::sync::OnceLock;

use kiemtra_format::word_labels::{
    AssignmentColumn, Reads, WordLabel, ASSIGNMENT_COLUMNS, WORD_LABELS,
};
use unicode_normalization::UnicodeNormalization;

/// A character without its diacritics, lower case; `đ` is `d`. One character for one, so that
/// a place in the folded text is the same place in the text.
pub fn fold_char(c: char) -> char {
    let base = c.nfd().next().unwrap_or(c);
    let lower = base.to_lowercase().next().unwrap_or(base);
    match lower {
        'đ' => 'd',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

fn folded(text: &str) -> Vec<char> {
    text.chars().map(fold_char).collect()
}

/// Text with its fill-in blanks taken out, trimmed. A blank is a run of dots, underscores and
/// `…` (each `…` counting three) that is long (four or more: `....`, `……`, `____`) or stands
/// alone (two or three, with a space, a colon or the line's end on each side: `Chủ trì: ..`).
/// Anything shorter, or attached to a word, is text and kept: `xem mục 2..3`, `v.v...`,
/// `tổ 1, tổ 2…`.
pub fn clean(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    // Runs of spaces collapse to one.
    let mut space = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '.' | '_' | '…') {
            let end = chars[i..]
                .iter()
                .position(|c| !matches!(c, '.' | '_' | '…'))
                .map_or(chars.len(), |n| i + n);
            let weight: usize = chars[i..end]
                .iter()
                .map(|&c| if c == '…' { 3 } else { 1 })
                .sum();
            let apart = |c: Option<&char>| c.is_none_or(|&c| c.is_whitespace() || c == ':');
            let alone = apart(i.checked_sub(1).and_then(|j| chars.get(j))) && apart(chars.get(end));
            if weight >= 4 || (weight >= 2 && alone) {
                i = end;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        match c {
            ' ' | '\u{a0}' => space = true,
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
        i += 1;
    }
    let trimmed = out.trim_matches(|c: char| c.is_whitespace());
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_owned()
    }
}

/// The text after a leading bullet or number (`- `, `• `, `1. `, `a) `, `II. `, `1.2. `).
pub fn strip_marker(text: &str) -> &str {
    let mut t = text.trim_start();
    loop {
        let before = t;
        if let Some(rest) = t.strip_prefix([
            '-', '+', '•', '*', '–', '—', '·', '\u{f0a7}', '\u{f0b7}', '▪', '○', '●',
        ]) {
            t = rest.trim_start();
        }
        // `1.`, `1)`, `1.2.`, `a)`, `b.`, `IV.`: digits and dots, one letter or a Roman
        // numeral, ending in `.` or `)`, then a space.
        let word_end = t.find(char::is_whitespace).unwrap_or(t.len());
        let word = &t[..word_end];
        // `1-`, `2–`: a number and a dash.
        if let Some(body) = word.strip_suffix(['-', '–']) {
            if !body.is_empty() && body.chars().all(|c| c.is_ascii_digit()) {
                t = t[word_end..].trim_start();
                continue;
            }
        }
        // `Phần 2:`, `Phần II.`: a part of the agenda.
        if matches!(word, "Phần" | "PHẦN" | "phần") {
            let after = t[word_end..].trim_start();
            let n_end = after
                .find(|c: char| !(c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X')))
                .unwrap_or(after.len());
            if n_end > 0 && after[n_end..].starts_with([':', '.', '-', '–']) {
                t = after[n_end + 1..].trim_start();
                continue;
            }
        }
        if let Some(body) = word.strip_suffix(['.', ')']) {
            let numbered = !body.is_empty()
                && (body.chars().all(|c| c.is_ascii_digit() || c == '.')
                    || (body.chars().count() == 1 && body.chars().all(char::is_alphabetic))
                    || body.chars().all(|c| matches!(c, 'I' | 'V' | 'X')));
            if numbered {
                t = t[word_end..].trim_start();
            }
        }
        if t.len() == before.len() {
            return t;
        }
    }
}

/// Every label variant, folded, longest first.
fn index() -> &'static [(Vec<char>, &'static str, &'static WordLabel)] {
    static INDEX: OnceLock<Vec<(Vec<char>, &'static str, &'static WordLabel)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut all: Vec<_> = WORD_LABELS
            .iter()
            .flat_map(|l| {
                std::iter::once(l.label)
                    .chain(l.variants.iter().copied())
                    .map(move |v| (folded(v), v, l))
            })
            .collect();
        all.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(b.1)));
        all
    })
}

/// How many characters of `text` the folded `label` takes at its start (runs of white space
/// match one space), if it is there and ends at a word's end.
fn prefix(text: &[char], label: &[char]) -> Option<usize> {
    let (mut i, mut j) = (0, 0);
    while j < label.len() {
        let t = *text.get(i)?;
        if label[j] == ' ' {
            if t != ' ' {
                return None;
            }
            while text.get(i) == Some(&' ') {
                i += 1;
            }
            j += 1;
        } else if t == label[j] {
            i += 1;
            j += 1;
        } else {
            return None;
        }
    }
    match text.get(i) {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(i),
    }
}

/// Characters of a paragraph searched for its label (the longest label has under 90).
const LABEL_WITHIN: usize = 240;

/// A label found at the start of a paragraph.
#[derive(Clone, Debug)]
pub struct Labelled<'t> {
    pub label: &'static WordLabel,
    /// The label as the paragraph writes it.
    pub written: &'t str,
    /// The text after it (and after its colon), placeholders still in.
    pub rest: &'t str,
    pub colon: bool,
}

/// The label at the start of `text`, if any. A label is followed by a colon, or is the whole
/// paragraph (its value in the paragraphs below), or opens a sentence of its own kind
/// (`Có mặt 17/19 đồng chí`), or starts a header line in capitals.
pub fn find(text: &str) -> Option<Labelled<'_>> {
    let t = strip_marker(text);
    // A label is within the first characters: a long paragraph is not folded whole.
    let head: Vec<(usize, char)> = t.char_indices().take(LABEL_WITHIN).collect();
    let f: Vec<char> = head.iter().map(|&(_, c)| fold_char(c)).collect();
    let end = head.last().map_or(0, |&(i, c)| i + c.len_utf8());
    let offsets: Vec<usize> = head
        .iter()
        .map(|&(i, _)| i)
        .chain(std::iter::once(end))
        .collect();
    let capitals = t.chars().any(char::is_alphabetic)
        && !t.chars().any(|c| c.is_lowercase() && c.is_alphabetic());
    for (label_chars, _, label) in index() {
        let Some(n) = prefix(&f, label_chars) else {
            continue;
        };
        let written = &t[..offsets[n]];
        let after = &t[offsets[n]..];
        let skipped = after.trim_start_matches(|c: char| c.is_whitespace() || c == '…' || c == '.');
        let colon = skipped.starts_with(':');
        let rest = if colon { &skipped[1..] } else { after };
        let blank = clean(rest).is_empty();
        let header = matches!(label.reads, Reads::Header(_));
        if colon || blank || label.opens_sentence || (header && capitals) {
            return Some(Labelled {
                label,
                written: written.trim_end(),
                rest,
                colon,
            });
        }
    }
    // A label with a few words of its own before the colon (`Lý do chọn chủ đề sinh hoạt:`,
    // `Kết luận của hội nghị:`), for the parts whose value is free text or a heading.
    for (label_chars, _, label) in index() {
        let opinions = matches!(label.reads, Reads::Field(p) if p == "session.discussion.opinions");
        if !extends(label.reads) && !opinions {
            continue;
        }
        let Some(n) = prefix(&f, label_chars) else {
            continue;
        };
        let after = &t[offsets[n]..];
        let Some(at) = after.find(':') else {
            continue;
        };
        let between = &after[..at];
        let words = between.split_whitespace().count();
        // `Các ý kiến thảo luận đều tập trung vào …:`: a heading whose items are below.
        let heads_list = opinions && clean(&after[at + 1..]).is_empty();
        if heads_list && words > 0 && !between.contains(['“', '"']) {
            return Some(Labelled {
                label,
                written: t[..offsets[n] + at].trim_end(),
                rest: &after[at + 1..],
                colon: true,
            });
        }
        if opinions
            || words == 0
            || words > EXTRA_WORDS
            || between.contains(['.', ',', ';', '!', '?', '(', ')', '"', '“', '…'])
        {
            continue;
        }
        return Some(Labelled {
            label,
            written: t[..offsets[n] + at].trim_end(),
            rest: &after[at + 1..],
            colon: true,
        });
    }
    None
}

/// Words a label may have of its own before its colon.
const EXTRA_WORDS: usize = 5;

/// Whether a label may have words of its own before its colon: not the short fields, lists
/// and enumerations, where a sentence (`Chủ trì nhấn mạnh: …`, `Ý kiến của đồng chí Hùng: …`)
/// would be misread.
fn extends(reads: Reads) -> bool {
    match reads {
        // Long free text, and the material's title (which may carry its own words).
        Reads::Field(path) => super::is_long(path) || path == "session.source.title",
        Reads::MeetingTime | Reads::Kept | Reads::Heading | Reads::Assignments => true,
        _ => false,
    }
}

/// The assignment field a table's header cell names (`Nhiệm vụ`, `Thời hạn`…).
pub fn assignment_column(text: &str) -> Option<&'static AssignmentColumn> {
    let f = folded(&clean(strip_marker(text)).replace(':', ""));
    let f: String = f.iter().collect::<String>();
    let f = f.split_whitespace().collect::<Vec<_>>().join(" ");
    ASSIGNMENT_COLUMNS.iter().find(|c| {
        std::iter::once(c.label)
            .chain(c.variants.iter().copied())
            .any(|v| folded(v).iter().collect::<String>() == f)
    })
}

/// Whether a folded word sequence `word` starts at char `at` of `f` (at a word boundary).
pub fn word_at(f: &[char], at: usize, word: &str) -> bool {
    let w: Vec<char> = word.chars().collect();
    let starts = at == 0 || !f.get(at - 1).is_some_and(|c| c.is_alphanumeric());
    starts
        && f.get(at..at + w.len()) == Some(&w[..])
        && !f.get(at + w.len()).is_some_and(|c| c.is_alphanumeric())
}

/// Whether `text`, without placeholders, is the folded words `words` and nothing else.
pub fn is_word(text: &str, words: &str) -> bool {
    let f: String = folded(&clean(text)).into_iter().collect();
    f.split_whitespace().collect::<Vec<_>>().join(" ") == words
}

/// The char index of the first `word` (folded) in `text`, at a word boundary.
pub fn find_word(text: &str, word: &str) -> Option<usize> {
    let f = folded(text);
    (0..f.len()).find(|&i| word_at(&f, i, word))
}

/// The byte offset of char `n` of `text`.
pub fn byte_at(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiemtra_format::word_labels::Reads;

    fn reads(text: &str) -> Option<(Reads, String, String)> {
        find(text).map(|l| (l.label.reads, l.written.to_owned(), clean(l.rest)))
    }

    #[test]
    fn labels_in_any_case_with_or_without_diacritics() {
        for text in [
            "Chủ trì: Nguyễn Văn An",
            "CHỦ TRÌ: Nguyễn Văn An",
            "Chu tri: Nguyễn Văn An",
            "- Chủ tọa : Nguyễn Văn An",
            "2. Chủ toạ:……… Nguyễn Văn An",
            "•  Chủ   trì:Nguyễn Văn An",
        ] {
            let (r, _, v) = reads(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(r, Reads::Field("chair"), "{text}");
            assert_eq!(v, "Nguyễn Văn An", "{text}");
        }
        // Old and new tone placement (text is NFC by then: the body reader normalises it).
        assert_eq!(reads("Chủ toạ: An").unwrap().0, Reads::Field("chair"));
        assert_eq!(reads("Chủ tọa: An").unwrap().0, Reads::Field("chair"));
    }

    #[test]
    fn the_longest_label_wins_and_text_is_not_a_label() {
        assert_eq!(
            reads("Đồng chí chủ trì kết luận: thống nhất").unwrap().0,
            Reads::Field("session.conclusion")
        );
        assert_eq!(
            reads("Có mặt 17/19 đồng chí").unwrap(),
            (Reads::Attendance, "Có mặt".into(), "17/19 đồng chí".into())
        );
        // A sentence that starts with a label's words, without a colon, is not labelled.
        assert!(find("Chủ trì cuộc họp là đồng chí Bí thư").is_none());
        assert!(find("Chi bộ đã triển khai kế hoạch").is_none());
        assert!(find("Chủ trìa: x").is_none());
        assert_eq!(
            reads("ĐẢNG BỘ XÃ HÀM CHÍNH").unwrap().0,
            Reads::Header("unit.parent")
        );
        assert_eq!(reads("Kết luận").unwrap().2, "");
    }

    #[test]
    fn a_label_with_words_of_its_own_before_the_colon() {
        assert_eq!(
            reads("Lý do chọn chủ đề sinh hoạt: Còn nể nang").unwrap(),
            (
                Reads::Field("session.reason"),
                "Lý do chọn chủ đề sinh hoạt".into(),
                "Còn nể nang".into()
            )
        );
        assert_eq!(
            reads("Kết luận của hội nghị: Thống nhất").unwrap().0,
            Reads::Field("session.conclusion")
        );
        assert_eq!(
            reads("Thời gian bắt đầu: 19h30, 09/4/2017").unwrap().0,
            Reads::MeetingTime
        );
        // Not for short fields, lists and enumerations, nor past a sentence's punctuation.
        assert!(find("Chủ trì nhấn mạnh: cần góp ý thẳng thắn").is_none());
        assert!(find("Ý kiến của đồng chí Hùng: đồng ý").is_none());
        assert!(find("Kết quả thực hiện nghị quyết năm nay: tốt").is_none());
        assert!(find("Kết luận, chi bộ thống nhất: giao chi ủy").is_none());
        assert!(find("Nguyên nhân là do nhiều đảng viên đi làm xa: họ vắng").is_none());
    }

    #[test]
    fn placeholders_and_markers() {
        assert_eq!(clean("…………"), "");
        assert_eq!(clean(" .... 12 ___ "), "12");
        assert_eq!(clean("Sửa đổi lối làm việc."), "Sửa đổi lối làm việc.");
        assert_eq!(strip_marker("II. NỘI DUNG"), "NỘI DUNG");
        assert_eq!(strip_marker("a) Lý do"), "Lý do");
        assert_eq!(strip_marker("1.2. - Lý do"), "Lý do");
        assert_eq!(strip_marker("17/19"), "17/19");
    }

    #[test]
    fn assignment_columns() {
        assert_eq!(assignment_column("Thời hạn").unwrap().key, "due");
        assert_eq!(assignment_column("NHIEM VU").unwrap().key, "task");
        assert!(assignment_column("STT").is_none());
    }
}
