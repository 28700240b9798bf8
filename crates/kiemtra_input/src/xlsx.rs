//! Excel workbooks (`.xlsx`, read with the `calamine` crate). Dates and times may be Excel's
//! own date cells; numbers and booleans are typed cells. A row's line is its row number and a
//! cell's column its column number, as Excel shows them.
//!
//! The first worksheet with a header row is read. Another worksheet that also has one is
//! reported (as a problem of the file) rather than silently skipped.
//!
//! A workbook is a zip of XML parts, which a small file can make huge: each part is first
//! decompressed into nothing, counting, and a part over [`TableLimits::max_part`] bytes makes
//! the workbook unreadable (so nothing larger is ever held). Sheets are then read cell by cell
//! (calamine's streaming cell reader), keeping only filled cells: a cell far away (`XFD1048576`)
//! costs one cell, not the range up to it. A sheet that breaks (bad XML, a checksum error)
//! keeps the rows read before, and the file reports the real reason.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use crate::problem::FileProblem;
use crate::table::{Cell, RawRow, Table, TableLimits};
use crate::{Position, Reason, Rejection, RowProblem};

/// The table of a workbook and the problems to report beside it; `Err` with the problems when
/// no sheet gives a table.
pub fn read(
    bytes: &[u8],
    limits: &TableLimits,
) -> Result<(Table, Vec<FileProblem>), Vec<FileProblem>> {
    check_parts(bytes, limits).map_err(|p| vec![p])?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        vec![FileProblem::NotAWorkbook {
            detail: e.to_string(),
        }]
    })?;
    let mut found: Option<Table> = None;
    let mut problems = Vec::new();
    for name in book.sheet_names() {
        let (rows, problem) = sheet_rows(&mut book, &name, limits);
        problems.extend(problem);
        match (Table::from_rows(rows), &found) {
            (Some(t), None) => found = Some(t),
            (Some(_), Some(_)) => problems.push(FileProblem::OtherSheetHasRecords { sheet: name }),
            (None, _) => {}
        }
    }
    match found {
        Some(t) => Ok((t, problems)),
        None if problems.is_empty() => Err(vec![FileProblem::NoHeader]),
        None => Err(problems),
    }
}

/// Decompresses every part of the workbook into nothing, counting: the first part over the
/// limit (or all parts together over four times it) is the workbook's problem. A part that
/// cannot be decompressed is left for calamine to report where it is read.
fn check_parts(bytes: &[u8], limits: &TableLimits) -> Result<(), FileProblem> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0u64;
    let all_parts = limits.max_part.saturating_mul(4);
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_owned();
        let mut counted = part.take(limits.max_part.saturating_add(1));
        let n = std::io::copy(&mut counted, &mut std::io::sink()).unwrap_or(0);
        total = total.saturating_add(n);
        if n > limits.max_part || total > all_parts {
            return Err(FileProblem::PartTooLarge {
                part: name,
                limit: limits.max_part,
            });
        }
    }
    Ok(())
}

/// The rows of one sheet, in row order, and why reading it stopped early, if it did.
fn sheet_rows(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    limits: &TableLimits,
) -> (Vec<RawRow>, Option<FileProblem>) {
    let unreadable = |row, e: calamine::XlsxError| FileProblem::SheetUnreadable {
        sheet: name.to_owned(),
        row,
        detail: e.to_string(),
    };
    let mut cells = match book.worksheet_cells_reader(name) {
        Ok(c) => c,
        Err(e) => return (Vec::new(), Some(unreadable(None, e))),
    };
    // Each row with the bytes of its text so far.
    let mut rows: BTreeMap<u32, (RawRow, usize)> = BTreeMap::new();
    let mut filled = 0usize;
    let problem = loop {
        let cell = match cells.next_cell() {
            Ok(Some(c)) => c,
            Ok(None) => break None,
            Err(e) => {
                // The rows read so far are kept; the row being read may be incomplete.
                let row = rows.keys().next_back().copied();
                if let Some(r) = row {
                    rows.remove(&r);
                }
                break Some(unreadable(Some(row.unwrap_or(1)), e));
            }
        };
        let (r, c) = cell.get_position();
        let value = self::cell(cell.get_value());
        if value == Cell::Empty {
            continue;
        }
        filled += 1;
        let line = r.saturating_add(1);
        if filled > limits.max_cells {
            rows.retain(|&l, _| l < line);
            break Some(FileProblem::TooManyCells {
                sheet: name.to_owned(),
                limit: limits.max_cells,
                row: line,
            });
        }
        let (row, bytes) = rows.entry(line).or_insert_with(|| {
            let row = RawRow {
                line,
                cells: Vec::new(),
                problem: None,
            };
            (row, 0)
        });
        place(row, bytes, c as usize, value, limits);
    };
    (rows.into_values().map(|(r, _)| r).collect(), problem)
}

/// Puts a filled cell in its row, within the limits of one record and of columns (a row over
/// them is rejected and its cells dropped).
fn place(row: &mut RawRow, bytes: &mut usize, column: usize, value: Cell, limits: &TableLimits) {
    if row.problem.is_some() {
        return;
    }
    let at = Position {
        line: row.line,
        column: u32::try_from(column + 1).unwrap_or(u32::MAX),
    };
    let reason = if column >= limits.max_columns {
        Some(Reason::Row(RowProblem::TooManyCells {
            cells: column + 1,
            columns: limits.max_columns,
        }))
    } else {
        *bytes = bytes.saturating_add(match &value {
            Cell::Text(s) => s.len(),
            _ => 16,
        });
        (*bytes > limits.max_record).then_some(Reason::TooLong {
            limit: limits.max_record as u64,
        })
    };
    if let Some(reason) = reason {
        row.cells = Vec::new();
        row.problem = Some(Rejection { at, reason });
        return;
    }
    if row.cells.len() <= column {
        row.cells.resize(column + 1, Cell::Empty);
    }
    if let Some(slot) = row.cells.get_mut(column) {
        *slot = value;
    }
}

fn cell(data: &DataRef<'_>) -> Cell {
    let text = |s: &str| Cell::Text(kiemtra_rules::text::nfc(s.into()).into_owned());
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text(s),
        DataRef::SharedString(s) => text(s),
        DataRef::Float(x) => Cell::Number(*x),
        #[allow(clippy::cast_precision_loss)]
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => Cell::DateTime(d),
            _ => Cell::Number(dt.as_f64()),
        },
        DataRef::Error(e) => Cell::Text(e.to_string()),
    }
}
