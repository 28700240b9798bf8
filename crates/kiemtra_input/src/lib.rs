//! Readers: from the bytes of a file to records the rules can judge, or rejections that say
//! where (line, column) and why. A reader never stops at a bad record: it rejects it and goes on.
//!
//! The reader splits a file into *chunks*, one per record, without parsing them, so that the
//! runner can parse and check chunks in parallel; [`parse`] then reads one chunk.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod convert;
mod csvfile;
pub mod decode;
pub mod docx;
#[cfg(test)]
mod drift;
pub mod escape;
mod fast;
mod json;
pub mod layout;
mod locate;
mod problem;
pub mod side;
mod syntax;
pub mod table;
mod xlsx;
pub mod zipshape;

use std::path::Path;

use kiemtra_messages::{m, Lang, Say};
use kiemtra_rules::{Invalid, Record, RecordDoc};

pub use decode::Encoding;
pub use json::{split_json, split_jsonl};
pub use locate::{pointer_position, Locator, Position};
pub use problem::{irregular, FileProblem, IoProblem, WorkbookProblem};
pub use syntax::JsonProblem;
pub use table::{Columns, Table, TableLimits, TableRecord, UnknownColumn};
#[doc(hidden)]
pub use xlsx::workbook as test_workbook;

/// The formats kiemtra reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// One record object, or an array of records (`.json`).
    Json,
    /// One record per line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// One record per row, columns as in [`layout`] (`.csv`).
    Csv,
    /// An Excel workbook with the same columns (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Word minutes of one meeting, found by their labels (`.docx`; see [`docx`]).
    Docx,
}

impl Format {
    /// The extensions kiemtra reads, each with its format: the one list for reading and for
    /// every message that names them.
    pub const EXTENSIONS: &'static [(&'static str, Format)] = &[
        ("json", Format::Json),
        ("jsonl", Format::JsonLines),
        ("ndjson", Format::JsonLines),
        ("csv", Format::Csv),
        ("xlsx", Format::Xlsx),
        ("xlsm", Format::Xlsx),
        ("docx", Format::Docx),
    ];

    /// The format a file's extension names, if kiemtra reads it.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|&(_, f)| f)
    }

    /// The extensions read, as a message lists them: `.json, .jsonl, …`.
    pub fn extensions_read() -> String {
        Format::EXTENSIONS
            .iter()
            .map(|(e, _)| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The text of one record inside a file, and where it starts.
#[derive(Clone, Copy, Debug)]
pub struct Chunk<'a> {
    pub text: &'a [u8],
    /// 1-based line and column of the record's first byte in the file.
    pub at: Position,
}

/// Why a record was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The text is not valid JSON.
    Syntax(JsonProblem),
    /// The bytes are not valid UTF-8.
    NotUtf8,
    /// A record must be a JSON object; this is an array, a string, a number…
    NotAnObject,
    /// Text after the end of the record.
    TrailingText,
    /// Format v1 rejects the record (missing key field, unknown value…).
    Invalid(Invalid),
    /// A CSV or spreadsheet row that cannot be read as a record.
    Row(RowProblem),
    /// The record is longer than the reader accepts (`limit` bytes); it is not read.
    TooLong { limit: u64 },
    /// Checking the record failed inside kiemtra (a bug): the record is counted as rejected
    /// and the run goes on. Holds what the failure said.
    Internal(String),
    /// The meeting date is a real day but not a plausible one (before 1930 or after 2199):
    /// a typo such as `0017-01-15`, which would otherwise make the unit's audited period
    /// centuries long (one CD601 finding per month).
    DateOutOfRange { date: String },
    /// The meeting date is more than a year after every other meeting of the batch (or after
    /// `--as-of`, when `given`): a typo of the year such as `2071`, which would otherwise
    /// decide the day waivers expire by and stretch its unit's audited period by decades.
    DateBeyondBatch {
        date: String,
        latest: String,
        given: bool,
    },
    /// A field kept for the whole run (`/id`, `/unit/code`, `/unit/name`, `/unit/parent`) is
    /// longer than `limit` bytes: the record is not checked (memory stays bounded whatever the
    /// input).
    FieldTooLong { pointer: &'static str, limit: usize },
    /// A key is written twice in one object, or two keys are the same text once in NFC
    /// (`hoà` / `hoà` in another Unicode form): a JSON value can keep only one of them.
    RepeatedKey { key: String },
    /// Not a record: stands, at the place of the first of them, for `count` more records
    /// rejected in the same file that are counted but not listed one by one (a file of
    /// garbage would otherwise fill memory and the report with millions of lines).
    NotListed { count: u64 },
}

/// What is wrong with a CSV or spreadsheet row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    /// The row has filled cells beyond the last column of the header.
    TooManyCells { cells: usize, columns: usize },
    /// The `_extra` cell is not JSON (`Some`, what is wrong), or JSON but not an object.
    Extra(Option<JsonProblem>),
    /// A filled cell beyond the last column kiemtra reads (`limit`): far more columns than any
    /// table of records has.
    TooWide { column: usize, limit: usize },
    /// A quote opens a cell here and is never closed: the row is not read, and reading goes on
    /// at the next line.
    UnclosedQuote,
}

impl Reason {
    /// The reason in `lang` (see [`Say`]).
    pub fn message(&self, lang: Lang) -> String {
        self.say(lang)
    }
}

impl Say for Reason {
    fn say_into(&self, lang: Lang, out: &mut String) {
        use m::input::reason as w;
        match self {
            Reason::Syntax(problem) => w::Syntax {
                problem: &problem.in_lang(lang),
            }
            .say_into(lang, out),
            Reason::NotUtf8 => w::NOT_UTF8.say_into(lang, out),
            Reason::NotAnObject => w::NOT_AN_OBJECT.say_into(lang, out),
            Reason::TrailingText => w::TRAILING_TEXT.say_into(lang, out),
            Reason::Invalid(i) => out.push_str(&i.message(lang)),
            Reason::Row(RowProblem::TooManyCells { cells, columns }) => {
                w::TooManyCells { cells, columns }.say_into(lang, out)
            }
            Reason::Row(RowProblem::TooWide { column, limit }) => {
                w::TooWide { column, limit }.say_into(lang, out)
            }
            Reason::Row(RowProblem::UnclosedQuote) => w::UNCLOSED_QUOTE.say_into(lang, out),
            Reason::Row(RowProblem::Extra(Some(problem))) => w::Extra {
                problem: &problem.in_lang(lang),
            }
            .say_into(lang, out),
            Reason::Row(RowProblem::Extra(None)) => w::EXTRA_NOT_AN_OBJECT.say_into(lang, out),
            Reason::TooLong { limit } => w::TooLong { limit }.say_into(lang, out),
            Reason::DateOutOfRange { date } => w::DateOutOfRange { date }.say_into(lang, out),
            Reason::DateBeyondBatch {
                date,
                latest,
                given,
            } => {
                let against = if *given {
                    w::BEYOND_AS_OF
                } else {
                    w::BEYOND_OTHERS
                };
                w::DateBeyondBatch {
                    date,
                    against: &against.get(lang),
                    latest,
                }
                .say_into(lang, out)
            }
            Reason::FieldTooLong { pointer, limit } => {
                w::FieldTooLong { pointer, limit }.say_into(lang, out)
            }
            Reason::RepeatedKey { key } => w::RepeatedKey { key }.say_into(lang, out),
            Reason::NotListed { count } => w::NotListed { count }.say_into(lang, out),
            Reason::Internal(detail) => w::Internal { detail }.say_into(lang, out),
        }
    }
}

/// A record that is not checked, with where it is in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub at: Position,
    pub reason: Reason,
}

/// Parses and validates one chunk.
// Never inlined: one place for profilers to find the reader (it gains nothing from inlining).
#[inline(never)]
pub fn parse<'a>(chunk: &Chunk<'a>) -> Result<Record<'a>, Rejection> {
    let reject = |at: Position, reason| Rejection { at, reason };
    // SIMD validation first (most text is valid); std's, for the place of the first bad byte.
    let text = simdutf8::basic::from_utf8(chunk.text)
        .or_else(|_| std::str::from_utf8(chunk.text))
        .map_err(|e| {
            let at = locate::position_in(chunk.text, e.valid_up_to(), chunk.at);
            reject(at, Reason::NotUtf8)
        })?;
    let first = text.trim_start();
    if !first.starts_with('{') {
        let offset = text.len() - first.len();
        let reason = if first.starts_with(['[', '"', '-', 't', 'f', 'n'])
            || first.starts_with(|c: char| c.is_ascii_digit())
        {
            Reason::NotAnObject
        } else {
            Reason::Syntax(JsonProblem::of_start(text))
        };
        return Err(reject(
            locate::position_in(chunk.text, offset, chunk.at),
            reason,
        ));
    }
    let mut doc = RecordDoc::default();
    if !fast::read_into(text, &mut doc) {
        doc = slow_doc(text, chunk.at)?;
    }
    kiemtra_rules::validate(doc).map_err(|invalid| {
        let at = locate::key_position(text, invalid.key(), chunk.at).unwrap_or(chunk.at);
        reject(at, Reason::Invalid(invalid))
    })
}

/// Reads a record with serde_json: the reader of last resort, which words every error.
fn slow_doc(text: &str, start: Position) -> Result<RecordDoc<'_>, Rejection> {
    let reject = |at: Position, reason| Rejection { at, reason };
    serde_json::from_str(text).map_err(|e| {
        let at = locate::shift(start, e.line(), e.column());
        let reason = if e.classify() == serde_json::error::Category::Syntax
            && e.to_string().starts_with("trailing characters")
        {
            Reason::TrailingText
        } else {
            Reason::Syntax(JsonProblem::of(&e))
        };
        reject(at, reason)
    })
}

/// Reads a CSV file or a workbook: its records (not yet validated; see [`Table::parse`]) and
/// rejected rows, and the problems of the file to report beside them (another sheet holding
/// records, a sheet that breaks after some rows). `Err` when the file gives no table at all.
pub fn read_table(
    bytes: &[u8],
    format: Format,
    encoding: Encoding,
    limits: &TableLimits,
) -> Result<(Table, Vec<FileProblem>), Vec<FileProblem>> {
    match format {
        Format::Xlsx => xlsx::read(bytes, limits),
        _ => {
            let (text, _) = decode::to_utf8(bytes, encoding);
            let rows = csvfile::rows(&text, limits);
            let not_utf8 = rows.iter().any(|r| {
                r.problem
                    .as_ref()
                    .is_some_and(|p| p.reason == Reason::NotUtf8)
            });
            match Table::from_rows(rows) {
                Some(t) => Ok((t, Vec::new())),
                None if decode::looks_like_utf16(bytes) => Err(vec![FileProblem::Utf16WithoutBom]),
                None if not_utf8 => Err(vec![FileProblem::NoHeaderNotUtf8]),
                None => Err(vec![FileProblem::NoHeader]),
            }
        }
    }
}

/// The fast reader alone (no UTF-8 validation, no record validation): for benchmarks.
#[doc(hidden)]
pub fn fast_doc(text: &str) -> Option<RecordDoc<'_>> {
    fast::parse_doc(text)
}

/// Reads a chunk with both readers and panics if the fast one read it and the two disagree.
/// For tests and fuzzing.
#[doc(hidden)]
#[allow(clippy::panic)]
pub fn check_readers_agree(chunk: &Chunk<'_>) {
    let Ok(text) = std::str::from_utf8(chunk.text) else {
        return;
    };
    if !text.trim_start().starts_with('{') {
        return;
    }
    if let Some(fast) = fast::parse_doc(text) {
        match slow_doc(text, chunk.at) {
            Ok(slow) => {
                let (f, s) = (format!("{fast:?}"), format!("{slow:?}"));
                if f != s {
                    panic!("the readers disagree on {text:?}:\nfast {f}\nslow {s}");
                }
            }
            Err(e) => panic!("the fast reader read {text:?}, serde_json rejects it: {e:?}"),
        }
    }
}
