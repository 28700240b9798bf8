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
pub fn hidden(c: char) -> bool {
    // `may_hide` must stay true for the UTF-8 of each of these (a test checks every one).
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` may hold a [`hidden`] character, by its bytes alone: a C0 control or DEL, or
/// the first byte of U+0080–U+00BF (C1), U+0600–U+063F (U+061C) or U+2000–U+2FFF (line
/// separators, bidi). Most text has none of these bytes, and is then passed through untouched
/// without decoding a character.
fn may_hide(text: &str) -> bool {
    text.bytes()
        .any(|b| b < 0x20 || matches!(b, 0x7f | 0xc2 | 0xd8 | 0xe2))
}

/// `text` with every control, line break and bidirectional control shown as `\u{…}`; borrowed
/// when there is none (the usual case).
pub fn visible(text: &str) -> Cow<'_, str> {
    if !may_hide(text) || !text.chars().any(hidden) {
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

/// Pretty JSON in which every character [`hidden`] shows is written as a `\uXXXX` escape: the
/// same data to a JSON reader, nothing a terminal or viewer acts on (serde_json escapes only
/// C0 controls; C1 controls such as U+009B and bidirectional controls would stay raw).
/// Indented as serde_json's `PrettyFormatter` (two spaces a level), from any depth: a value
/// written apart comes out as it would inside its parents.
#[derive(Clone, Debug, Default)]
pub struct JsonFormatter {
    depth: usize,
    has_value: bool,
}

impl JsonFormatter {
    pub fn pretty() -> JsonFormatter {
        JsonFormatter::default()
    }

    /// For a value `depth` levels down in its document.
    pub fn pretty_at(depth: usize) -> JsonFormatter {
        JsonFormatter {
            depth,
            has_value: false,
        }
    }

    fn open<W: ?Sized + std::io::Write>(&mut self, w: &mut W, c: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(c)
    }

    fn close<W: ?Sized + std::io::Write>(&mut self, w: &mut W, c: &[u8]) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.new_line(w)?;
        }
        w.write_all(c)
    }

    fn new_line<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        w.write_all(b"\n")?;
        let mut left = self.depth * 2;
        while left > 0 {
            let n = left.min(SPACES.len());
            w.write_all(SPACES.get(..n).unwrap_or_default())?;
            left -= n;
        }
        Ok(())
    }

    fn next<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.new_line(w)
    }
}

impl serde_json::ser::Formatter for JsonFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !may_hide(fragment) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| hidden(c)) {
            writer.write_all(rest.get(..i).unwrap_or_default().as_bytes())?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = rest.get(i + c.len_utf8()..).unwrap_or_default();
        }
        writer.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
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
    fn json_keeps_the_data_and_escapes_what_a_terminal_acts_on() {
        use serde::Serialize;
        let value = serde_json::json!({"name": "Hòa\u{9b}2J\u{202e}x\u{1b}", "n": [1, 2]});
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, JsonFormatter::pretty());
        value.serialize(&mut ser).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Hòa\\u009b2J\\u202ex\\u001b"), "{text}");
        assert!(!text.chars().any(|c| hidden(c) && c != '\n'), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        assert_eq!(
            text,
            serde_json::to_string_pretty(&value)
                .unwrap()
                .replace('\u{9b}', "\\u009b")
                .replace('\u{202e}', "\\u202e")
        );
    }

    /// Indented as serde_json indents, at the top and from any depth: empty and nested arrays
    /// and objects, scalars, deep nesting.
    #[test]
    fn json_is_indented_as_serde_json_indents() {
        use serde::Serialize;
        let value = serde_json::json!({
            "a": [], "b": {}, "c": [1, [2, []], {"d": null}], "e": "x",
            "f": [[[[[[[[[[[[1]]]]]]]]]]]],
            "g": {"h": {"i": {"j": true}}}
        });
        let write = |v: &serde_json::Value, f: JsonFormatter| {
            let mut out = Vec::new();
            v.serialize(&mut serde_json::Serializer::with_formatter(&mut out, f))
                .unwrap();
            String::from_utf8(out).unwrap()
        };
        let whole = write(&value, JsonFormatter::pretty());
        assert_eq!(whole, serde_json::to_string_pretty(&value).unwrap());
        // `c` written apart, one level down, is the text it has in the whole.
        let part = write(&value["c"], JsonFormatter::pretty_at(1));
        assert!(whole.contains(&format!("\"c\": {part},")), "{part}");
        // Deeper than one run of spaces.
        let deep = write(&serde_json::json!([1]), JsonFormatter::pretty_at(40));
        assert_eq!(deep, format!("[\n{}1\n{}]", " ".repeat(82), " ".repeat(80)));
        let part = write(&value["g"], JsonFormatter::pretty_at(1));
        assert!(whole.contains(&format!("\"g\": {part}\n}}")), "{part}");
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

    #[test]
    fn the_byte_filter_never_misses_a_hidden_character() {
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            if hidden(c) {
                assert!(may_hide(c.encode_utf8(&mut [0; 4])), "{:x}", u32::from(c));
            }
        }
        // Vietnamese text (its letters are outside those first bytes) is passed through.
        assert!(!may_hide(
            "Chi bộ thôn 1, Đảng bộ xã Hàm Chính: phê bình và tự phê bình"
        ));
    }
}
