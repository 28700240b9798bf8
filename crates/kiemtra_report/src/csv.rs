//! The CSV format: the findings table, one row per finding, for spreadsheets. UTF-8 with a
//! byte order mark so that spreadsheet programs show Vietnamese correctly. Rejected records
//! and files that could not be read follow as rows of their own (severity `bị loại` /
//! `rejected`, `không đọc được` / `unreadable`), so that nothing read is missing from the table.

use std::io::{self, Write};

use kiemtra_messages::{m::report::csv as w, Phrase};
use kiemtra_runner::Outcome;

use crate::{dotted, Context};

/// The columns, in order.
const HEADERS: [Phrase; 16] = [
    w::PARENT,
    w::UNIT,
    w::UNIT_NAME,
    w::RECORD,
    w::MONTH,
    w::DATE,
    w::RULE,
    w::NAME,
    w::SEVERITY,
    w::MESSAGE,
    w::FIELD,
    w::CITES,
    w::HINT,
    w::FILE,
    w::LINE,
    w::COLUMN,
];

/// A row's cells as written: each through the one escaping of record text for spreadsheets
/// (controls shown, a formula behind a `'`).
fn cells(row: &[String]) -> impl Iterator<Item = String> + '_ {
    row.iter()
        .map(|c| kiemtra_input::escape::csv_cell(c).into_owned())
}

pub fn render(outcome: &Outcome, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    render_with(outcome, ctx, b',', out)
}

/// The findings table with another delimiter (`;` for a spreadsheet program whose list
/// separator is `;`, as in Vietnamese regional settings).
pub fn render_with(
    outcome: &Outcome,
    ctx: &Context<'_>,
    delimiter: u8,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = ctx.lang;
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    let err = io::Error::other;
    w.write_record(HEADERS.map(|h| h.get(lang))).map_err(err)?;
    for f in &outcome.findings {
        let unit = crate::unit(outcome, outcome.unit_of(f));
        let row: [String; 16] = [
            unit.and_then(|u| u.parent.clone()).unwrap_or_default(),
            outcome.unit_of(f).to_owned(),
            unit.and_then(|u| u.name.clone()).unwrap_or_default(),
            outcome
                .record_of(f)
                .map(|id| id.into_owned())
                .unwrap_or_default(),
            f.month().to_string(),
            f.date.map(|d| d.to_string()).unwrap_or_default(),
            f.rule().code().to_owned(),
            f.rule().name().to_owned(),
            f.severity.label(lang).to_owned(),
            ctx.message(outcome, f),
            outcome.pointer_of(f).map(dotted).unwrap_or_default(),
            ctx.cites(f),
            ctx.hint(f),
            outcome.file_of(f).unwrap_or_default().to_owned(),
            f.line.map(|l| l.to_string()).unwrap_or_default(),
            outcome.column(f).map(|c| c.to_string()).unwrap_or_default(),
        ];
        w.write_record(cells(&row)).map_err(err)?;
    }
    for r in &outcome.rejected {
        let mut row: [String; 16] = Default::default();
        row[8] = w::REJECTED.get(lang).to_owned();
        row[9] = r.reason.message(lang);
        row[13] = r.file.clone();
        row[14] = r.line.to_string();
        row[15] = r.column.to_string();
        w.write_record(cells(&row)).map_err(err)?;
    }
    for e in &outcome.file_errors {
        let mut row: [String; 16] = Default::default();
        row[8] = w::UNREADABLE.get(lang).to_owned();
        row[9] = e.message(lang);
        row[13] = e.file.clone();
        w.write_record(cells(&row)).map_err(err)?;
    }
    w.flush()
}
