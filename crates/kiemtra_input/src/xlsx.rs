//! Excel workbooks (`.xlsx`, read with the `calamine` crate). Dates and times may be Excel's
//! own date cells; numbers and booleans are typed cells. A row's line is its row number and a
//! cell's column its column number, as Excel shows them.
//!
//! The first worksheet with a header row is read. Another worksheet that also has one is
//! reported (as a problem of the file) rather than silently skipped.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

use crate::table::{Cell, RawRow, Table};

/// The table of a workbook and, when other sheets also hold records, a problem to report.
pub fn read(bytes: &[u8]) -> Result<(Table, Option<String>), String> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("not a readable .xlsx workbook: {e}"))?;
    let mut found: Option<Table> = None;
    let mut others = Vec::new();
    for name in book.sheet_names() {
        let range = match book.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                others.push(format!("sheet «{name}» cannot be read: {e}"));
                continue;
            }
        };
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let rows: Vec<RawRow> = range
            .rows()
            .enumerate()
            .map(|(i, cells)| RawRow {
                line: row0
                    .saturating_add(u32::try_from(i).unwrap_or(u32::MAX))
                    .saturating_add(1),
                cells: std::iter::repeat_n(Cell::Empty, col0 as usize)
                    .chain(cells.iter().map(cell))
                    .collect(),
                problem: None,
            })
            .collect();
        match (Table::from_rows(rows), &found) {
            (Some(t), None) => found = Some(t),
            (Some(_), Some(_)) => others.push(format!(
                "sheet «{name}» also holds records and was not read (kiemtra reads the first \
                 sheet with a header row; save each sheet as its own file)"
            )),
            (None, _) => {}
        }
    }
    let table = found.ok_or_else(crate::table::no_header_message)?;
    let problem = (!others.is_empty()).then(|| others.join("; "));
    Ok((table, problem))
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            Cell::Text(kiemtra_rules::text::nfc(s.as_str().into()).into_owned())
        }
        Data::Float(x) => Cell::Number(*x),
        #[allow(clippy::cast_precision_loss)]
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => Cell::DateTime(d),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}
