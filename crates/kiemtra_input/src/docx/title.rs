//! The title of minutes and the month it names: `BIÊN BẢN SINH HOẠT CHI BỘ ĐỊNH KỲ tháng 4 năm
//! 2017`, `BIÊN BẢN / HỌP CHI BỘ THÁNG 5 NĂM 2017`, `SINH HOẠT CHI BỘ THÁNG 5 NĂM 2022.`,
//! `BIÊN BẢN HỌP CHI BỘ` then `Tháng 9/2020` on the next line. A monthly cell meeting is the
//! periodic meeting, whatever the title's words: a title without a kind word is read as one
//! (the title is kept as the place the kind was read from).

use kiemtra_rules::Kind;

use super::labels::{clean, fold_char};

/// What a title says.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Title {
    /// The kind's words as written, when the title has them.
    pub kind: Option<String>,
    /// The month it names (`tháng 8`, `tháng 8 năm 2025`, `tháng 8/2025`), its year if written.
    pub month: Option<(u32, Option<i32>)>,
}

fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// The title after its label (`written`: `Biên bản sinh hoạt chi bộ`, `Họp chi bộ`…); `None`
/// when the words after the label are not a title's (a sentence that starts the same way).
pub(super) fn read(written: &str, rest: &str) -> Option<Title> {
    let rest = clean(rest);
    let rest = rest.trim_end_matches(['.', ':', ' ']);
    let f = fold(rest);
    let words: Vec<&str> = f.split_whitespace().collect();
    // Up to `tháng`, the kind's words; from it, the month.
    let at = words.iter().position(|w| *w == "thang");
    let kind_words = match at {
        Some(i) => &words[..i],
        None => &words[..],
    };
    let mut title = Title {
        kind: None,
        month: None,
    };
    if fold(written).ends_with("chuyen de") {
        // `Biên bản sinh hoạt chuyên đề`: its last two words, as written.
        let words: Vec<&str> = written.split_whitespace().collect();
        title.kind = Some(words[words.len().saturating_sub(2)..].join(" "));
    }
    if !kind_words.is_empty() {
        // As written (the same characters: folding is one character for one).
        let n: usize = kind_words
            .iter()
            .map(|w| w.chars().count() + 1)
            .sum::<usize>()
            - 1;
        let start = f.len() - f.trim_start().len();
        let written_words: String = rest.chars().skip(start).take(n).collect();
        Kind::parse(&written_words)?;
        title.kind = Some(written_words);
    }
    if let Some(i) = at {
        let month_text = words[i..].join(" ");
        match month_alone(&month_text) {
            Some(m) => title.month = Some(m),
            // `tháng …… năm 20……` left as the template has it.
            None if words[i + 1..]
                .iter()
                .all(|w| !w.chars().any(|c| c.is_ascii_digit()) || *w == "20") => {}
            None => return None,
        }
    }
    Some(title)
}

/// A month written alone: `tháng 4 năm 2017`, `Tháng 9/2020`, `tháng 8`, `Tháng 12 năm 2018.`
pub(super) fn month_alone(text: &str) -> Option<(u32, Option<i32>)> {
    let f = fold(&clean(text));
    let f = f.trim().trim_end_matches(['.', ':', ',']);
    let rest = f.strip_prefix("thang")?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let month: u32 = digits.parse().ok().filter(|m| (1..=12).contains(m))?;
    let rest = rest[digits.len()..].trim_start();
    if rest.is_empty() {
        return Some((month, None));
    }
    let year_text = rest
        .strip_prefix("nam")
        .or_else(|| rest.strip_prefix('/'))
        .or_else(|| rest.strip_prefix('-'))?
        .trim();
    let year: i32 = year_text
        .parse()
        .ok()
        .filter(|y| (1930..=2199).contains(y))?;
    Some((month, Some(year)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_with_and_without_a_kind_word() {
        assert_eq!(
            read("Biên bản sinh hoạt chi bộ", "ĐỊNH KỲ tháng 4 năm 2017"),
            Some(Title {
                kind: Some("ĐỊNH KỲ".into()),
                month: Some((4, Some(2017)))
            })
        );
        assert_eq!(
            read("HỌP CHI BỘ", "THÁNG 5 NĂM 2017"),
            Some(Title {
                kind: None,
                month: Some((5, Some(2017)))
            })
        );
        assert_eq!(
            read("Sinh hoạt chi bộ", "tháng 8"),
            Some(Title {
                kind: None,
                month: Some((8, None))
            })
        );
        assert_eq!(
            read("Biên bản họp chi bộ", "BẤT THƯỜNG")
                .unwrap()
                .kind
                .as_deref(),
            Some("BẤT THƯỜNG")
        );
        assert_eq!(
            read("Biên bản sinh hoạt chi bộ", "tháng …… năm 20……"),
            Some(Title {
                kind: None,
                month: None
            })
        );
        assert_eq!(
            read("Sinh hoạt chi bộ", "chuyên đề “Nêu cao trách nhiệm”"),
            None
        );
        assert_eq!(read("Sinh hoạt chi bộ", "đã thống nhất"), None);
        assert_eq!(month_alone("Tháng 9/2020"), Some((9, Some(2020))));
        assert_eq!(month_alone("tháng 4 năm 2017"), Some((4, Some(2017))));
        assert_eq!(month_alone("Tháng 6 năm 2020 các việc"), None);
    }
}
