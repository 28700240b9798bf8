//! What is wrong with a JSON text, by kind: serde_json's errors sorted by what a person does
//! about them, so that reports word them in the reader's language instead of passing the
//! library's English sentence through.

use kiemtra_messages::{m, Lang, Say};

/// What is wrong with a JSON text; where it is goes with it (a [`crate::Rejection`]'s place).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonProblem {
    /// The text ends inside a string: a closing quote is missing, or the file was cut short.
    EndInString,
    /// The text ends before an object or list is closed.
    EndInside,
    /// A value is expected here (nothing, or a word that is not `true`, `false`, `null`).
    ExpectedValue,
    /// A comma between two items, or the closing `}` / `]`, is missing.
    ExpectedComma,
    /// A colon is missing after a key.
    ExpectedColon,
    /// A comma stands before a closing `}` or `]`.
    TrailingComma,
    /// A key not written in double quotes.
    KeyNotString,
    /// A backslash in a string that is not a JSON escape (or a bad `\u` escape).
    BadEscape,
    /// A control character (a line break, a tab) written as is inside a string.
    ControlCharacter,
    /// A number that is malformed or too large.
    BadNumber,
    /// Objects and lists nested deeper than the reader follows.
    TooDeep,
    /// A file holding a list of records `[…]` whose list is never closed.
    ListNotClosed,
    /// A value of another kind than the record needs where it stands (a list for a text…).
    WrongKind,
}

impl JsonProblem {
    /// The kind of a serde_json error. serde_json names its kinds only in its messages, so
    /// they are told apart by the message's start.
    pub fn of(e: &serde_json::Error) -> JsonProblem {
        use serde_json::error::Category;
        let text = e.to_string();
        let starts = |s: &str| text.starts_with(s);
        match e.classify() {
            Category::Eof if starts("EOF while parsing a string") => JsonProblem::EndInString,
            Category::Eof => JsonProblem::EndInside,
            Category::Data | Category::Io => JsonProblem::WrongKind,
            Category::Syntax if starts("expected `:`") => JsonProblem::ExpectedColon,
            Category::Syntax if starts("expected `,`") => JsonProblem::ExpectedComma,
            Category::Syntax if starts("trailing comma") => JsonProblem::TrailingComma,
            Category::Syntax if starts("key must be") || starts("float key") => {
                JsonProblem::KeyNotString
            }
            Category::Syntax
                if starts("invalid escape")
                    || starts("invalid unicode")
                    || starts("lone leading surrogate")
                    || starts("unexpected end of hex escape") =>
            {
                JsonProblem::BadEscape
            }
            Category::Syntax if starts("control character") => JsonProblem::ControlCharacter,
            Category::Syntax if starts("invalid number") || starts("number out of range") => {
                JsonProblem::BadNumber
            }
            Category::Syntax if starts("recursion limit") => JsonProblem::TooDeep,
            Category::Syntax => JsonProblem::ExpectedValue,
        }
    }

    /// The kind of error of a text that does not start a JSON value.
    pub(crate) fn of_start(text: &str) -> JsonProblem {
        match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(e) => JsonProblem::of(&e),
            Ok(_) => JsonProblem::ExpectedValue,
        }
    }
}

impl Say for JsonProblem {
    fn say_into(&self, lang: Lang, out: &mut String) {
        use m::input::json as w;
        let phrase = match self {
            JsonProblem::EndInString => w::END_IN_STRING,
            JsonProblem::EndInside => w::END_INSIDE,
            JsonProblem::ExpectedValue => w::EXPECTED_VALUE,
            JsonProblem::ExpectedComma => w::EXPECTED_COMMA,
            JsonProblem::ExpectedColon => w::EXPECTED_COLON,
            JsonProblem::TrailingComma => w::TRAILING_COMMA,
            JsonProblem::KeyNotString => w::KEY_NOT_STRING,
            JsonProblem::BadEscape => w::BAD_ESCAPE,
            JsonProblem::ControlCharacter => w::CONTROL_CHARACTER,
            JsonProblem::BadNumber => w::BAD_NUMBER,
            JsonProblem::TooDeep => w::TOO_DEEP,
            JsonProblem::ListNotClosed => w::LIST_NOT_CLOSED,
            JsonProblem::WrongKind => w::WRONG_KIND,
        };
        out.push_str(phrase.get(lang));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> JsonProblem {
        JsonProblem::of(&serde_json::from_str::<serde_json::Value>(text).unwrap_err())
    }

    #[test]
    fn serde_json_errors_are_sorted_by_what_a_person_does_about_them() {
        assert_eq!(kind(r#"{"a": "b"#), JsonProblem::EndInString);
        assert_eq!(kind(r#"{"a": ["b""#), JsonProblem::EndInside);
        assert_eq!(kind(r#"{"a" "b"}"#), JsonProblem::ExpectedColon);
        assert_eq!(kind(r#"{"a": 1 "b": 2}"#), JsonProblem::ExpectedComma);
        assert_eq!(kind(r#"{"a": 1,}"#), JsonProblem::TrailingComma);
        assert_eq!(kind(r#"{a: 1}"#), JsonProblem::KeyNotString);
        assert_eq!(kind(r#"{"a": "\q"}"#), JsonProblem::BadEscape);
        assert_eq!(kind("{\"a\": \"x\ny\"}"), JsonProblem::ControlCharacter);
        assert_eq!(kind(r#"{"a": 1e999}"#), JsonProblem::BadNumber);
        assert_eq!(kind(r#"{"a": xyz}"#), JsonProblem::ExpectedValue);
        assert_eq!(kind(&"[".repeat(200)), JsonProblem::TooDeep);
    }

    #[test]
    fn no_library_english_reaches_the_vietnamese_words() {
        let text = JsonProblem::of_start("{\"a\": \"b").say(Lang::Vi);
        assert!(!text.contains("EOF") && !text.contains("parsing"), "{text}");
    }
}
