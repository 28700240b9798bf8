//! Errors that say where: the file, line and column, and what went wrong as data (the
//! command line words them); reading TOML values with their place.

use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;
use kiemtra_rules::pack::PackError;
use kiemtra_rules::{Month, Parameters};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Where a problem is: a file, and the line and column in it when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The file, as named (with `/` between folders).
    pub file: String,
    pub line: Option<usize>,
    /// 1-based, in characters; only with a line.
    pub column: Option<usize>,
}

impl Place {
    pub fn file(file: impl Into<String>) -> Place {
        Place {
            file: file.into(),
            line: None,
            column: None,
        }
    }

    pub fn line(file: impl Into<String>, line: usize) -> Place {
        Place {
            line: Some(line),
            ..Place::file(file)
        }
    }
}

/// `file:line:column`, `file:line` or `file`.
impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// Something wrong in a configuration, pack or waivers file, or on the command line; the run
/// stops with exit code 2. The command line words it in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// `None`: the command line.
    pub place: Option<Place>,
    /// Boxed: the error stays small on the happy path.
    pub problem: Box<Problem>,
}

/// What went wrong, as data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Not TOML: what kind of mistake, and what the TOML reader said.
    NotToml { kind: TomlMistake, detail: String },
    /// A key not allowed in `table` (`kiemtra.toml`, `[parameters]`, `[[waiver]]`, a file).
    UnknownKey {
        key: String,
        table: String,
        hint: Hint,
    },
    /// A value of the wrong kind: `found` is TOML's name of what is written (`string`).
    WrongType {
        key: String,
        expected: Expected,
        found: &'static str,
    },
    /// `pack = ""`, `waivers = ""`.
    EmptyFileName { key: String },
    /// A rule selector that selects nothing; `near` is the closest that does.
    UnknownRule {
        selector: String,
        near: Option<String>,
    },
    /// A value not among those `key` takes.
    BadValue {
        key: String,
        value: String,
        hint: Hint,
    },
    /// Two `[severity]` keys for one rule (its code and its name).
    SameRule { selector: String, other: String },
    /// A waiver id used twice.
    DuplicateWaiver { id: String },
    /// `waiver = …` not written as `[[waiver]]` tables.
    WaiversNotTables,
    /// A CSV header that names no waiver field.
    UnknownColumn { column: String, hint: Hint },
    /// A CSV row with another number of fields than the header.
    CsvRowLength { expected: u64, found: u64 },
    /// A CSV file that cannot be read as CSV otherwise; `detail` is what the CSV reader said.
    Csv { detail: String },
    /// A waiver without a required field.
    WaiverLacks { field: String },
    /// A waiver naming neither or both of `unit` and `parent`.
    WaiverScope,
    /// `from` / `to` of a waiver not a month.
    NotAMonth { field: String, text: String },
    /// A waiver whose `from` is after its `to`.
    FromAfterTo { from: Month, to: Month },
    /// A waiver's `expires` not a plausible day.
    NotAnExpiry { text: String },
    /// A waiver's text field left blank.
    Blank { field: String },
    /// A file that cannot be read.
    CannotRead {
        file: FileRole,
        kind: std::io::ErrorKind,
        /// What the system said.
        detail: String,
        /// Not a regular file, or too large to be a side file: refused before it is read.
        side: Option<kiemtra_input::side::SideFileProblem>,
    },
    /// A pack file that is not a valid pack.
    Pack(PackError),
    /// The pack's parameters (or the configuration's) do not make sense together.
    Parameters(Parameters),
}

/// The mistakes people make writing TOML, told apart by what the TOML reader says, so that
/// they can be said in the reader's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TomlMistake {
    /// `select = ["CD1"` without its `]`.
    UnclosedList,
    /// `[parameters` without its `]`.
    UnclosedTable,
    /// A string without its closing quote.
    UnclosedString,
    /// A key written twice.
    DuplicateKey,
    /// `lang "vi"`: no `=`.
    NoEquals,
    /// `lang = vi`: a word without quotes.
    Unquoted,
    /// `= 3`: no key.
    NoKey,
    /// Something more after a value on its line.
    Trailing,
    /// Anything else: the TOML reader's own words.
    Other,
}

impl TomlMistake {
    /// The kind of the mistake the TOML reader describes.
    pub fn of(message: &str) -> TomlMistake {
        let head = message.split(", expected").next().unwrap_or(message).trim();
        match head {
            "unclosed array" => TomlMistake::UnclosedList,
            "unclosed table" => TomlMistake::UnclosedTable,
            "invalid basic string" | "invalid literal string" => TomlMistake::UnclosedString,
            "duplicate key" => TomlMistake::DuplicateKey,
            "key with no value" => TomlMistake::NoEquals,
            "string values must be quoted" => TomlMistake::Unquoted,
            "unquoted keys cannot be empty" => TomlMistake::NoKey,
            "unexpected key or value" => TomlMistake::Trailing,
            _ => TomlMistake::Other,
        }
    }
}

/// What to add to an unknown name: the closest valid one, or the list of valid ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    Near(String),
    /// At most 12 names, then `more` says whether there are others.
    Valid {
        names: Vec<String>,
        more: bool,
    },
}

/// The kind of value a key takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    Text,
    /// A list of texts, as `key = ["CD203"]`.
    TextList {
        key: String,
    },
    WholeNumber,
    Table,
}

/// Which file could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRole {
    Configuration,
    Pack,
    Waivers,
}

impl ConfigError {
    pub fn new(place: Option<Place>, problem: Problem) -> ConfigError {
        ConfigError {
            place,
            problem: Box::new(problem),
        }
    }

    pub(crate) fn cannot_read(file: FileRole, path: &str, e: &std::io::Error) -> ConfigError {
        ConfigError::new(
            Some(Place::file(path)),
            Problem::CannotRead {
                file,
                kind: e.kind(),
                detail: e.to_string(),
                side: kiemtra_input::side::problem(e).cloned(),
            },
        )
    }
}

/// The closest of `valid` to `typed`, else the list of what is valid.
pub(crate) fn hint<'c>(typed: &str, valid: impl IntoIterator<Item = &'c str> + Clone) -> Hint {
    match kiemtra_rules::suggest::closest(typed, valid.clone()) {
        Some(near) => Hint::Near(near.to_owned()),
        None => {
            let all: Vec<&str> = valid.into_iter().collect();
            Hint::Valid {
                names: all.iter().take(12).map(|s| (*s).to_owned()).collect(),
                more: all.len() > 12,
            }
        }
    }
}

/// A rule selector that selects nothing, with the closest that does.
pub(crate) fn unknown_rule(selector: &str) -> Problem {
    Problem::UnknownRule {
        selector: selector.to_owned(),
        near: kiemtra_rules::suggest::closest(selector, kiemtra_rules::Rule::selector_names())
            .map(str::to_owned),
    }
}

/// Where each line of a text starts, to place many offsets in it without scanning the text
/// again for each (a file of 20,000 waivers has some 200,000 places).
#[derive(Clone, Debug)]
pub(crate) struct LineIndex<'a> {
    doc: Doc<'a>,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(doc: Doc<'a>) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(doc.text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { doc, starts }
    }

    /// 1-based line and column (in characters) of a byte offset, as [`Doc::line_col`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.doc.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .doc
            .text
            .get(start..offset)
            .unwrap_or("")
            .chars()
            .count()
            + 1;
        (line, col)
    }

    /// `file:line:column` of a span, as [`Doc::place`].
    pub fn place(&self, span: &Range<usize>) -> Place {
        let (line, col) = self.line_col(span.start);
        Place {
            file: self.doc.path.to_owned(),
            line: Some(line),
            column: Some(col),
        }
    }
}

/// A text file being read, to place errors in it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Doc<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

impl Doc<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = self.text.get(..offset.min(self.text.len())).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, col)
    }

    pub fn line(&self, span: &Range<usize>) -> usize {
        self.line_col(span.start).0
    }

    pub fn place(&self, span: &Range<usize>) -> Place {
        let (line, col) = self.line_col(span.start);
        Place {
            file: self.path.to_owned(),
            line: Some(line),
            column: Some(col),
        }
    }

    pub fn err(&self, span: &Range<usize>, problem: Problem) -> ConfigError {
        ConfigError::new(Some(self.place(span)), problem)
    }

    /// Parses TOML, placing a syntax error.
    pub fn parse_toml(&self) -> Result<Spanned<DeTable<'_>>, ConfigError> {
        DeTable::parse(self.text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let detail = e.message().trim().to_owned();
            self.err(
                &span,
                Problem::NotToml {
                    kind: TomlMistake::of(&detail),
                    detail,
                },
            )
        })
    }

    /// Refuses any key of `table` not in `allowed`, naming the closest valid one. `context`
    /// names the table (`[parameters]`).
    pub fn check_keys(
        &self,
        table: &DeTable<'_>,
        allowed: &[&str],
        context: &str,
    ) -> Result<(), ConfigError> {
        for key in table.keys() {
            let name: &str = key.get_ref();
            if !allowed.contains(&name) {
                return Err(self.err(
                    &key.span(),
                    Problem::UnknownKey {
                        key: name.to_owned(),
                        table: context.to_owned(),
                        hint: hint(name, allowed.iter().copied()),
                    },
                ));
            }
        }
        Ok(())
    }

    fn type_error(
        &self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        expected: Expected,
    ) -> ConfigError {
        self.err(
            &value.span(),
            Problem::WrongType {
                key: key.to_owned(),
                expected,
                found: value.get_ref().type_str(),
            },
        )
    }

    pub fn string(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<String, ConfigError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            _ => Err(self.type_error(value, key, Expected::Text)),
        }
    }

    /// A list of strings; a single string is refused with the fix shown.
    pub fn strings(
        &self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
    ) -> Result<Vec<Spanned<String>>, ConfigError> {
        let expected = || Expected::TextList {
            key: key.to_owned(),
        };
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.type_error(value, key, expected()));
        };
        items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => Ok(Spanned::new(item.span(), s.to_string())),
                _ => Err(self.type_error(item, key, expected())),
            })
            .collect()
    }

    pub fn uint(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<u32, ConfigError> {
        match value.get_ref() {
            DeValue::Integer(i) => u32::from_str_radix(i.as_str(), i.radix())
                .map_err(|_| self.type_error(value, key, Expected::WholeNumber)),
            _ => Err(self.type_error(value, key, Expected::WholeNumber)),
        }
    }

    pub fn table<'v, 'i>(
        &self,
        value: &'v Spanned<DeValue<'i>>,
        key: &str,
    ) -> Result<&'v DeTable<'i>, ConfigError> {
        match value.get_ref() {
            DeValue::Table(t) => Ok(t),
            _ => Err(self.type_error(value, key, Expected::Table)),
        }
    }
}

/// `YYYY-MM-DD` or `DD/MM/YYYY`, as records write dates.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    kiemtra_rules::model::Date::parse(text).map(|d| d.0)
}

#[cfg(test)]
mod line_index_tests {
    use super::*;

    #[test]
    fn a_toml_mistake_is_told_by_its_kind() {
        let kind = |text: &str| match (Doc { path: "f", text }).parse_toml() {
            Err(e) => match *e.problem {
                Problem::NotToml { kind, .. } => kind,
                other => panic!("{other:?}"),
            },
            Ok(_) => panic!("{text} is TOML"),
        };
        assert_eq!(kind("select = ["), TomlMistake::UnclosedList);
        assert_eq!(kind("[parameters"), TomlMistake::UnclosedTable);
        assert_eq!(kind("a = \"x"), TomlMistake::UnclosedString);
        assert_eq!(kind("a = 1\na = 2"), TomlMistake::DuplicateKey);
        assert_eq!(kind("lang \"vi\""), TomlMistake::NoEquals);
        assert_eq!(kind("lang = vi"), TomlMistake::Unquoted);
        assert_eq!(kind("= 3"), TomlMistake::NoKey);
        assert_eq!(kind("lang = \"vi\" x"), TomlMistake::Trailing);
    }

    #[test]
    fn the_index_places_offsets_as_a_scan_does() {
        let text = "a\nbộ x\n\nz";
        let doc = Doc { path: "f", text };
        let index = LineIndex::new(doc);
        for offset in 0..=text.len() + 2 {
            if text.is_char_boundary(offset.min(text.len())) {
                assert_eq!(index.line_col(offset), doc.line_col(offset), "{offset}");
            }
        }
    }
}
