//! The inspector's workbook (`-o report.xlsx`): the report's tables as worksheets — Tổng hợp
//! (overall and per committee), Chi bộ (per unit), Vi phạm (one finding per row), Bị loại
//! (rejected records, unreadable files), Miễn trừ (waived) — with real numbers, dates and
//! percentages, a frozen header row, filters and widths. The tables are those of the printed
//! report (`build.rs`), except the findings, which get one flat row each.

use std::io::{self, Write};

use kiemtra_messages::m::report::{column as col, sheet};
use kiemtra_messages::{m, Phrase};
use kiemtra_rules::Lang;
use kiemtra_runner::{Finding, Outcome};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::document::Document;
use crate::page::{columns, Cell, Column, Row, Span, Table, Value};
use crate::rollup::parent_name;
use crate::tables;
use crate::{dotted, Context};

/// The sheets, in order.
pub const SHEETS: [Phrase; 5] = [
    sheet::SUMMARY,
    sheet::UNITS,
    sheet::FINDINGS,
    sheet::REJECTED,
    sheet::WAIVED,
];

/// The place of the findings in [`SHEETS`].
const FINDINGS_SHEET: usize = 2;

pub fn render(
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let bytes = workbook(outcome, ctx, document).map_err(io::Error::other)?;
    out.write_all(&bytes)
}

fn workbook(
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
) -> Result<Vec<u8>, XlsxError> {
    let lang = ctx.lang;
    let rollup = ctx.rollup(outcome);
    // The findings, the bulk of a large workbook, are made into rows one at a time as they are
    // written (never a table of them all).
    let findings = Table {
        columns: finding_columns(lang),
        rows: Vec::new(),
    };
    let tables = [
        tables::parents_table(&rollup, lang),
        tables::units_table(&rollup, lang),
        findings,
        tables::rejected(outcome, lang),
        tables::waived(outcome, ctx),
    ];
    let mut book = Workbook::new();
    // The same input gives the same bytes: the workbook's date is the report's, or a fixed one.
    let (y, m, d) = match document.date {
        Some(day) => day_parts(day),
        None => (
            u16::try_from(outcome.first_month.year).unwrap_or(2016),
            u8::try_from(outcome.first_month.month).unwrap_or(1),
            1,
        ),
    };
    let when = ExcelDateTime::from_ymd(y, m, d)?;
    let (title, subtitle) = (
        m::report::head::TITLE.get(lang),
        m::report::head::SUBTITLE.get(lang),
    );
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("{title} — {subtitle}"))
            .set_author(document.body.unwrap_or("kiemtra"))
            .set_creation_datetime(&when),
    );
    let formats = Formats::new();
    for (i, (name, table)) in SHEETS.iter().zip(&tables).enumerate() {
        // Rows go to a temporary file (unnamed: gone even if kiemtra is killed) as soon as the
        // next row starts, so that a sheet of 200,000 findings does not sit in memory.
        let sheet = book.add_worksheet_with_low_memory();
        sheet.set_name(name.get(lang))?;
        write_header(sheet, &table.columns, &formats)?;
        let rows = if i == FINDINGS_SHEET {
            for (r, f) in outcome.findings.iter().enumerate() {
                write_row(sheet, r + 1, &finding_row(outcome, ctx, f), &formats)?;
            }
            outcome.findings.len()
        } else {
            for (r, row) in table.rows.iter().enumerate() {
                write_row(sheet, r + 1, row, &formats)?;
            }
            table.rows.len()
        };
        finish(sheet, rows, table.columns.len())?;
    }
    book.save_to_buffer()
}

fn day_parts(d: chrono::NaiveDate) -> (u16, u8, u8) {
    use chrono::Datelike;
    (
        u16::try_from(d.year()).unwrap_or(1900),
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    )
}

/// The cell formats of every sheet.
struct Formats {
    header: Format,
    bold: Format,
    date: Format,
    month: Format,
    rate: Format,
    rate_bold: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_text_wrap(),
            bold: Format::new().set_bold(),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            month: Format::new().set_num_format("mm/yyyy"),
            rate: Format::new().set_num_format("0.0%"),
            rate_bold: Format::new().set_num_format("0.0%").set_bold(),
        }
    }
}

fn write_header(sheet: &mut Worksheet, columns: &[Column], f: &Formats) -> Result<(), XlsxError> {
    for (c, col) in columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, c, &col.title, &f.header)?;
        sheet.set_column_width(c, f64::from(col.chars))?;
    }
    Ok(())
}

/// Row `r` (1-based under the header) of a sheet.
fn write_row(sheet: &mut Worksheet, r: usize, row: &Row, f: &Formats) -> Result<(), XlsxError> {
    let r = u32::try_from(r).unwrap_or(u32::MAX);
    for (c, cell) in row.cells.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        match &cell.value {
            Value::Number(n) => {
                #[allow(clippy::cast_precision_loss)]
                let n = *n as f64;
                if row.total {
                    sheet.write_number_with_format(r, c, n, &f.bold)?;
                } else {
                    sheet.write_number(r, c, n)?;
                }
            }
            Value::Rate(x) => {
                let format = if row.total { &f.rate_bold } else { &f.rate };
                sheet.write_number_with_format(r, c, shown_rate(*x), format)?;
            }
            Value::Date(d) => {
                let (y, m, dd) = day_parts(*d);
                let day = ExcelDateTime::from_ymd(y, m, dd)?;
                sheet.write_datetime_with_format(r, c, &day, &f.date)?;
            }
            Value::Month(m) => {
                let y = u16::try_from(m.year).unwrap_or(1900);
                let mm = u8::try_from(m.month).unwrap_or(1);
                let first = ExcelDateTime::from_ymd(y, mm, 1)?;
                sheet.write_datetime_with_format(r, c, &first, &f.month)?;
            }
            Value::Text(s) if row.total => {
                sheet.write_string_with_format(r, c, s, &f.bold)?;
            }
            Value::Text(s) => {
                sheet.write_string(r, c, s)?;
            }
            Value::Empty => {
                // A link's text (a unit's or a rule's code); else a blank cell.
                let text = link_text(cell);
                if !text.is_empty() {
                    sheet.write_string(r, c, &text)?;
                }
            }
        }
    }
    Ok(())
}

/// The header frozen and filtered over the sheet's `rows` rows and `columns` columns.
fn finish(sheet: &mut Worksheet, rows: usize, columns: usize) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(rows).unwrap_or(u32::MAX);
    let last_col = u16::try_from(columns.saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// A rate as a cell holds it: cut to the tenth of a percent that reports show (never rounded
/// up across a rating threshold), so that the workbook shows the same figure. A rate is a
/// ratio of whole months, never within 1e-9 of a cut without being on it.
fn shown_rate(rate: f64) -> f64 {
    (rate * 1000.0 + 1e-9).floor() / 1000.0
}

fn link_text(cell: &Cell) -> String {
    cell.more
        .iter()
        .filter_map(|s| match s {
            Span::Link { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// One finding, each fact in its own column.
fn finding_row(outcome: &Outcome, ctx: &Context<'_>, f: &Finding) -> Row {
    let lang = ctx.lang;
    let text_or_empty = |s: Option<String>| s.map_or(Cell::value(Value::Empty), Cell::text);
    let unit = crate::unit(outcome, outcome.unit_of(f));
    Row {
        cells: vec![
            Cell::text(parent_name(unit.and_then(|u| u.parent.as_deref()), lang)),
            Cell::text(outcome.unit_of(f)),
            text_or_empty(unit.and_then(|u| u.name.clone())),
            Cell::value(Value::Month(f.month())),
            f.date
                .map_or(Cell::value(Value::Empty), |d| Cell::value(Value::Date(d))),
            text_or_empty(outcome.file_of(f).map(str::to_owned)),
            f.line
                .map_or(Cell::value(Value::Empty), |l| Cell::number(l.get())),
            outcome
                .column(f)
                .map_or(Cell::value(Value::Empty), Cell::number),
            Cell::text(f.rule().code()),
            Cell::text(f.severity.label(lang)),
            Cell::text(ctx.message(outcome, f)),
            text_or_empty(outcome.pointer_of(f).map(dotted)),
            Cell::text(ctx.cites(f)),
            Cell::text(ctx.hint(f)),
        ],
        ..Row::default()
    }
}

/// The findings sheet's columns.
fn finding_columns(lang: Lang) -> Vec<Column> {
    let spec = [
        (col::PARENT, 28),
        (col::CODE, 12),
        (col::UNIT, 24),
        (col::MONTH, 10),
        (col::DATE, 11),
        (col::FILE, 32),
        (col::LINE, 7),
        (col::COLUMN, 7),
        (col::RULE, 8),
        (col::SEVERITY, 10),
        (col::MESSAGE, 60),
        (col::FIELD, 26),
        (col::CITES, 14),
        (col::HINT, 60),
    ];
    columns(&spec.map(|(title, chars)| (title.get(lang), 0, chars)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn rates_are_cut_not_rounded() {
        // 89.96 % is not 90 %: it stays under the threshold of "tốt".
        assert_eq!(super::shown_rate(0.8996), 0.899);
        assert_eq!(super::shown_rate(0.29), 0.29);
        assert_eq!(super::shown_rate(27.0 / 30.0), 0.9);
        assert_eq!(super::shown_rate(2.0 / 3.0), 0.666);
    }
}
