//! The printed report as one document: a head, then sections holding paragraphs, tables and
//! figures. It is composed once (`compose.rs`) from the outcome and its roll-ups; Markdown, HTML and
//! the workbook are small serialisers of it, so that a section is written in one place. The
//! units' findings tables, the bulk of a district's report, are the exception: the document
//! names them (`Block::Findings`) and a serialiser has each made as it reaches it (`Sink`).
//!
//! Text here is plain text as read from records and the catalogue's words: each
//! serialiser escapes it with its own escaping function.

use chrono::NaiveDate;
use kiemtra_rules::{Lang, Month, Period, Severity};
use kiemtra_runner::MonthState;

use crate::rollup::{month, percent, Rating};

/// The whole report.
#[derive(Debug)]
pub(crate) struct Page {
    pub head: Head,
    /// I. scope … V. waived, then the signature; appendices last.
    pub sections: Vec<Section>,
    pub signature: Signature,
    pub appendices: Vec<Section>,
}

/// The head of a party document.
#[derive(Debug)]
pub(crate) struct Head {
    pub lang: Lang,
    /// The inspecting body, line by line, each with whether it is bold; empty: a line to fill.
    pub body: Vec<(String, bool)>,
    pub number: String,
    pub date_line: String,
    pub title: String,
    pub subtitle: String,
}

/// A section: a heading, its blocks, then its subsections.
#[derive(Debug, Default)]
pub(crate) struct Section {
    pub title: String,
    /// A link target (`unit-HC-CB01`).
    pub id: Option<String>,
    /// Starts a printed page (appendices).
    pub new_page: bool,
    /// A unit's findings (the HTML report marks them `section.unit`).
    pub unit: bool,
    pub blocks: Vec<Block>,
}

#[derive(Debug)]
pub(crate) enum Block {
    Section(Section),
    Paragraph(Text),
    /// Label and text pairs (the scope).
    Fields(Vec<(String, Text)>),
    /// A bulleted or numbered list.
    List {
        numbered: bool,
        items: Vec<Text>,
    },
    Table(Table),
    Figure(Figure),
    /// A unit's findings table, made only as it is written ([`Sink::findings`]): a district
    /// may have hundreds of thousands of findings, never all worded at once.
    Findings {
        unit: String,
        /// The technical appendix's table of where each finding is (file place, field),
        /// rather than the unit's findings as the report states them.
        places: bool,
    },
}

/// Where a printed report is written: its text gathered in a buffer and handed to the output
/// a part at a time, and the findings tables made as they are reached. Dereferences to the
/// buffer, so that the serialisers write into it as into a string.
pub(crate) struct Sink<'w> {
    buf: String,
    /// Text gathered before it is handed on.
    pub(crate) part: usize,
    out: &'w mut dyn std::io::Write,
    /// The first error writing out; the rest of the report is dropped after it.
    error: Option<std::io::Error>,
    /// A unit's findings table, by unit code (`true`: the table of their places).
    pub findings: &'w dyn Fn(&str, bool) -> Option<Table>,
}

impl<'w> Sink<'w> {
    pub fn new(
        out: &'w mut dyn std::io::Write,
        findings: &'w dyn Fn(&str, bool) -> Option<Table>,
    ) -> Sink<'w> {
        Sink {
            buf: String::with_capacity(128 * 1024),
            part: 1 << 20,
            out,
            error: None,
            findings,
        }
    }

    /// Hands the text gathered so far on, once it is large (between two blocks). White space
    /// at its end stays: the end of a report is trimmed.
    pub fn pass_on(&mut self) {
        if self.buf.len() >= self.part {
            let text = self.buf.trim_end().len();
            if self.error.is_none() {
                let written = self
                    .out
                    .write_all(self.buf.get(..text).unwrap_or_default().as_bytes());
                self.error = written.err();
            }
            self.buf.drain(..text);
        }
    }

    /// Writes the rest.
    pub fn finish(self) -> std::io::Result<()> {
        if let Some(e) = self.error {
            return Err(e);
        }
        self.out.write_all(self.buf.as_bytes())
    }
}

impl std::ops::Deref for Sink<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.buf
    }
}

impl std::ops::DerefMut for Sink<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.buf
    }
}

impl std::fmt::Write for Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.buf.push_str(s);
        Ok(())
    }
}

/// Text in runs of one kind.
pub(crate) type Text = Vec<Span>;

#[derive(Debug, Clone)]
pub(crate) enum Span {
    Plain(String),
    /// A field path, a digest, a command: monospace.
    Code(String),
    /// The fix of a finding or the quoted guidance: on its own line, in italics.
    Hint(String),
    /// A smaller second line in a cell.
    Small(String),
    /// A link inside the report.
    Link {
        text: String,
        target: String,
    },
}

pub(crate) fn plain(s: impl Into<String>) -> Text {
    vec![Span::Plain(s.into())]
}

/// Text whose `backticked` parts are code.
pub(crate) fn with_code(s: &str) -> Text {
    s.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| {
            if i % 2 == 1 {
                Span::Code(part.to_owned())
            } else {
                Span::Plain(part.to_owned())
            }
        })
        .collect()
}

/// A table: its columns, its rows.
#[derive(Debug, Default)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub(crate) struct Column {
    pub title: String,
    /// Share of the printed width, in percent.
    pub width: u32,
    /// Width in a worksheet, in characters.
    pub chars: u16,
}

pub(crate) fn columns(spec: &[(&str, u32, u16)]) -> Vec<Column> {
    spec.iter()
        .map(|&(title, width, chars)| Column {
            title: title.to_owned(),
            width,
            chars,
        })
        .collect()
}

#[derive(Debug, Default)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    /// A total line, in bold.
    pub total: bool,
    pub id: Option<String>,
}

/// A cell: a typed value, followed by more text (a field, a hint) for the printed report.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub value: Value,
    pub more: Text,
    pub style: Style,
}

/// How a cell is set: the HTML report's classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Text,
    /// Centred.
    Centre,
    /// A code, never broken.
    Code,
    Small,
    /// A place in a file, in small type.
    Place,
    /// A digest.
    Digest,
    Severity(Severity),
    Rating(Rating),
}

/// What a cell holds, typed for the workbook.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Empty,
    Text(String),
    Number(u64),
    /// A share, 0 to 1.
    Rate(f64),
    Date(NaiveDate),
    Month(Month),
}

impl Value {
    /// As the printed report shows it.
    pub fn show(&self, lang: Lang) -> String {
        match self {
            Value::Empty => "—".to_owned(),
            Value::Text(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Rate(r) => percent(*r, lang),
            Value::Date(d) => d.format("%d/%m/%Y").to_string(),
            Value::Month(m) => month(*m),
        }
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Value::Number(_) | Value::Rate(_))
    }
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            value: Value::Text(s.into()),
            more: Vec::new(),
            style: Style::Text,
        }
    }
    pub fn number(n: impl TryInto<u64>) -> Cell {
        Cell {
            value: Value::Number(n.try_into().unwrap_or(u64::MAX)),
            more: Vec::new(),
            style: Style::Text,
        }
    }
    pub fn rate(r: f64) -> Cell {
        Cell {
            value: Value::Rate(r),
            more: Vec::new(),
            style: Style::Text,
        }
    }
    pub fn value(value: Value) -> Cell {
        Cell {
            value,
            more: Vec::new(),
            style: Style::Text,
        }
    }
    pub fn rating(r: Option<Rating>, lang: Lang) -> Cell {
        match r {
            Some(r) => Cell::text(r.label(lang)).styled(Style::Rating(r)),
            None => Cell::value(Value::Empty).styled(Style::Centre),
        }
    }
    pub fn styled(mut self, style: Style) -> Cell {
        self.style = style;
        self
    }
    pub fn with(mut self, span: Span) -> Cell {
        self.more.push(span);
        self
    }
}

/// A figure: drawn as SVG in HTML, as symbols in Markdown.
#[derive(Debug)]
pub(crate) enum Figure {
    /// Findings per rule, most first.
    RuleBars {
        bars: Vec<(String, usize, Severity)>,
        caption: String,
    },
    /// The units of one parent committee × the audited months.
    Months(MonthPicture),
}

/// The units of one parent committee × the audited months.
#[derive(Debug)]
pub(crate) struct MonthPicture {
    /// Its place among the month pictures (for SVG ids).
    pub index: usize,
    pub parent: String,
    pub span: Period,
    pub units: Vec<(String, Vec<(Month, MonthState)>)>,
    pub caption: String,
    /// The words of the key: compliant, failing, missing, outside the period.
    pub key: [String; 4],
    /// Whether the key is shown before this picture (the first one).
    pub show_key: bool,
}

/// The signature block: recipients on the left, the signer on the right.
#[derive(Debug)]
pub(crate) struct Signature {
    pub recipients_label: String,
    pub recipients: Vec<String>,
    /// `T/M BAN TUYÊN GIÁO`, `TRƯỞNG BAN` …
    pub lines: Vec<String>,
    pub note: String,
    /// The signer's name, under the space for the signature.
    pub name: Option<String>,
}
