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
        // An ISO 8601 date cell (`t="d"`) is a date cell like any other.
        Data::DateTimeIso(s) => iso_date_time(s).map_or_else(
            || Cell::Text(kiemtra_rules::text::nfc(s.as_str().into()).into_owned()),
            Cell::DateTime,
        ),
        Data::String(s) | Data::DurationIso(s) => {
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

/// An ISO 8601 date, date-time or time of a `t="d"` cell; a time alone is put on Excel's day
/// zero, as a time cell is.
fn iso_date_time(s: &str) -> Option<chrono::NaiveDateTime> {
    use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
    let s = s.trim().trim_end_matches('Z');
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .or_else(|| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok())
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
        .or_else(|| {
            let t = NaiveTime::parse_from_str(s, "%H:%M:%S%.f")
                .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
                .ok()?;
            Some(NaiveDate::from_ymd_opt(1899, 12, 31)?.and_time(t))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_cells_are_date_cells() {
        let day = chrono::NaiveDate::from_ymd_opt(2017, 3, 5).unwrap();
        assert_eq!(
            cell(&Data::DateTimeIso("2017-03-05".into())),
            Cell::DateTime(day.and_hms_opt(0, 0, 0).unwrap())
        );
        assert_eq!(
            cell(&Data::DateTimeIso("2017-03-05T19:30:00".into())),
            Cell::DateTime(day.and_hms_opt(19, 30, 0).unwrap())
        );
        let Cell::DateTime(t) = cell(&Data::DateTimeIso("19:30:00".into())) else {
            panic!("a time cell")
        };
        assert_eq!(Cell::DateTime(t).text(crate::layout::Kind::Time), "19:30");
        assert_eq!(
            cell(&Data::DateTimeIso("ngày mai".into())),
            Cell::Text("ngày mai".into())
        );
    }
}
