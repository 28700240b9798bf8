//! Text from records and file names, made harmless where people read it: the one place that
//! decides what a report, the terminal or a spreadsheet is shown of such text.
//!
//! - [`visible`]: control characters (C0, DEL, C1), line and paragraph separators and the
//!   bidirectional controls are shown as `\u{1b}`, so that no record can move the cursor, set a
//!   window title, hide text, reorder a line or forge a line of its own.
//! - [`guard_formula`]: a CSV cell that a spreadsheet program would run as a formula (`=`, `+`,
//!   `-`, `@`, a tab or a carriage return first) is written behind a `'`; [`unguard_formula`]
//!   takes it off again when kiemtra reads a CSV file, so that `convert` gives back what it read.

use std::borrow::Cow;
use std::fmt::{self, Write};

/// Whether `c` is shown escaped: it controls a terminal or the layout of text.
fn hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control, line break and bidirectional control shown as `\u{…}`; borrowed
/// when there is none (the usual case).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Shows a string through [`visible`] in `format!` and `write!`.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(self.0))
    }
}

/// Whether a spreadsheet program would read a cell starting with this text as a formula.
/// A plain number (`-40`, `-1.5`) and a lone `-` are not.
pub fn starts_like_formula(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'@' | b'\t' | b'\r') => true,
        Some(b'-') => {
            let rest = text.get(1..).unwrap_or_default();
            let plain_number = rest.bytes().next().is_some_and(|b| b.is_ascii_digit())
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
            !rest.is_empty() && !plain_number
        }
        _ => false,
    }
}

/// A CSV cell as written: behind a `'` when it would start a formula, or when it already
/// starts with `'`s before such text (so that reading takes exactly one off).
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    if starts_like_formula(cell.trim_start_matches('\'')) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV cell as read: without the `'` that [`guard_formula`] put before it.
pub fn unguard_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_like_formula(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

/// A cell of a CSV report: shown through [`visible`], then guarded.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    match visible(text) {
        Cow::Borrowed(t) => guard_formula(t),
        Cow::Owned(t) => Cow::Owned(guard_formula(&t).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_shown() {
        assert_eq!(visible("Chi bộ Hòa"), "Chi bộ Hòa");
        assert!(matches!(visible("Chi bộ"), Cow::Borrowed(_)));
        assert_eq!(visible("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(visible("x\nFAKE.jsonl:1:1"), "x\\u{a}FAKE.jsonl:1:1");
        assert_eq!(
            visible("\u{9b}2J\r\u{0}\u{7f}"),
            "\\u{9b}2J\\u{d}\\u{0}\\u{7f}"
        );
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(visible("\u{2028}\u{2066}"), "\\u{2028}\\u{2066}");
        // NFD Vietnamese (combining marks) is text, not control.
        assert_eq!(visible("Ho\u{300}a"), "Ho\u{300}a");
    }

    #[test]
    fn formulas_are_guarded_and_unguarded() {
        for cell in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "=cmd|' /C calc'!A0",
            "+1+1",
            "-1+1",
            "@SUM(A1)",
            "\t=1+1",
            "\r=1",
            "'=1+1",
            "''+2",
        ] {
            let written = guard_formula(cell);
            assert!(written.starts_with('\''), "{cell}");
            assert_eq!(unguard_formula(&written), cell);
        }
        for cell in [
            "-40",
            "-1.5",
            "-",
            "Chi bộ",
            "'quoted'",
            "",
            "05-03-2017",
            "19h30",
        ] {
            assert_eq!(guard_formula(cell), cell);
            assert_eq!(unguard_formula(cell), cell);
        }
        assert_eq!(csv_cell("\t=1+1"), "\\u{9}=1+1");
        assert_eq!(csv_cell("=1+1\n"), "'=1+1\\u{a}");
    }
}
