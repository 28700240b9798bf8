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

use crate::problem::{FileProblem, WorkbookProblem};
use crate::table::{Cell, RawRow, Table, TableLimits};
use crate::{Position, Reason, Rejection, RowProblem};

/// The table of a workbook and the problems to report beside it; `Err` with the problems when
/// no sheet gives a table.
pub fn read(
    bytes: &[u8],
    limits: &TableLimits,
) -> Result<(Table, Vec<FileProblem>), Vec<FileProblem>> {
    let damaged = check_parts(bytes, limits).map_err(|p| vec![p])?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        // An OLE container, not a zip: what Excel writes for a workbook with a password.
        let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        vec![FileProblem::NotAWorkbook(if ole {
            WorkbookProblem::Protected
        } else {
            WorkbookProblem::of(&e)
        })]
    })?;
    let mut found: Option<Table> = None;
    let mut problems = damaged;
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
/// cannot be decompressed whole (a checksum error: calamine stops reading a sheet at its end
/// tag and would never see it) is returned, to be reported beside what is read from it.
fn check_parts(bytes: &[u8], limits: &TableLimits) -> Result<Vec<FileProblem>, FileProblem> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(Vec::new());
    };
    let mut damaged = Vec::new();
    let mut total = 0u64;
    let all_parts = limits.max_part.saturating_mul(4);
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_owned();
        let mut counted = part.take(limits.max_part.saturating_add(1));
        let (n, error) = count(&mut counted);
        total = total.saturating_add(n);
        if n > limits.max_part || total > all_parts {
            return Err(FileProblem::PartTooLarge {
                part: name,
                limit: limits.max_part,
            });
        }
        if error.is_some() {
            damaged.push(FileProblem::PartDamaged { part: name });
        }
    }
    Ok(damaged)
}

/// The bytes a reader gives before its end or its first error, and that error.
fn count(reader: &mut impl Read) -> (u64, Option<std::io::Error>) {
    let mut buffer = [0u8; 64 << 10];
    let mut n = 0u64;
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => return (n, None),
            Ok(k) => n += k as u64,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return (n, Some(e)),
        }
    }
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
        problem: WorkbookProblem::of(&e),
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
                // The rows read so far are kept, but the last one: it may be the row being read,
                // incomplete (calamine does not say where a row ends).
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
        Some(Reason::Row(RowProblem::TooWide {
            column: column + 1,
            limit: limits.max_columns,
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
        // A row too long is dropped (memory); a row too wide keeps its first columns, so that
        // a header row so wide still names the columns it can.
        if matches!(reason, Reason::TooLong { .. }) {
            row.cells = Vec::new();
        }
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
        // An ISO 8601 date cell (`t="d"`) is a date cell like any other.
        DataRef::DateTimeIso(s) => iso_date_time(s).map_or_else(|| text(s), Cell::DateTime),
        DataRef::String(s) | DataRef::DurationIso(s) => text(s),
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

/// A workbook of the given sheets (name, the XML inside `<sheetData>`) and shared strings (the
/// `<si>` elements), deflated. For tests and fuzzing: kiemtra never writes workbooks.
#[doc(hidden)]
pub fn workbook(sheets: &[(&str, &str)], shared_strings: Option<&str>) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, text: &str| {
        // Writing to memory cannot fail.
        let _ = zip.start_file(name, options);
        let _ = zip.write_all(text.as_bytes());
    };
    let ns = "http://schemas.openxmlformats.org";
    put(
        "[Content_Types].xml",
        &format!(
            "<?xml version=\"1.0\"?><Types xmlns=\"{ns}/package/2006/content-types\">\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"
        ),
    );
    put(
        "_rels/.rels",
        &format!(
            "<?xml version=\"1.0\"?><Relationships xmlns=\"{ns}/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"{ns}/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
        ),
    );
    let mut book = format!(
        "<?xml version=\"1.0\"?><workbook xmlns=\"{ns}/spreadsheetml/2006/main\" \
         xmlns:r=\"{ns}/officeDocument/2006/relationships\"><sheets>"
    );
    let mut rels =
        format!("<?xml version=\"1.0\"?><Relationships xmlns=\"{ns}/package/2006/relationships\">");
    for (i, (name, _)) in sheets.iter().enumerate() {
        let n = i + 1;
        book.push_str(&format!(
            "<sheet name=\"{name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>"
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rId{n}\" Type=\"{ns}/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        ));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    put("xl/workbook.xml", &book);
    put("xl/_rels/workbook.xml.rels", &rels);
    if let Some(si) = shared_strings {
        put(
            "xl/sharedStrings.xml",
            &format!(
                "<?xml version=\"1.0\"?><sst xmlns=\"{ns}/spreadsheetml/2006/main\">{si}</sst>"
            ),
        );
    }
    for (i, (_, data)) in sheets.iter().enumerate() {
        put(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            &format!(
                "<?xml version=\"1.0\"?><worksheet xmlns=\"{ns}/spreadsheetml/2006/main\"><sheetData>{data}</sheetData></worksheet>"
            ),
        );
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
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

    /// An inline-string cell.
    fn s(at: &str, text: &str) -> String {
        format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
    }

    fn header_and_record() -> String {
        format!(
            "<row r=\"1\">{}{}{}</row><row r=\"2\">{}{}{}</row>",
            s("A1", "unit.code"),
            s("B1", "date"),
            s("C1", "kind"),
            s("A2", "HC-01"),
            s("B2", "2017-01-05"),
            s("C2", "periodic")
        )
    }

    #[test]
    fn a_far_away_cell_costs_one_cell() {
        // A cell at XFD1048576 made calamine allocate the whole range (512 GiB).
        let data =
            header_and_record() + &format!("<row r=\"1048576\">{}</row>", s("XFD1048576", "x"));
        let book = workbook(&[("Sheet1", &data)], None);
        let (table, problems) = read(&book, &TableLimits::DEFAULT).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(table.rows.len(), 2);
        let far = &table.rows[1];
        assert_eq!(far.line, 1_048_576);
        assert!(far.cells.is_empty(), "the far cell is not placed");
        assert_eq!(
            far.problem.as_ref().map(|p| (p.at, p.reason.clone())),
            Some((
                Position {
                    line: 1_048_576,
                    column: 16_384
                },
                Reason::Row(RowProblem::TooWide {
                    column: 16_384,
                    limit: 1024
                })
            ))
        );
    }

    #[test]
    fn broken_xml_keeps_the_rows_before_and_says_why() {
        let data = header_and_record()
            + &format!("<row r=\"3\">{}</row>", s("A3", "HC-02"))
            + "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"B4\"></row>";
        let book = workbook(&[("Sổ 1", &data)], None);
        let (table, problems) = read(&book, &TableLimits::DEFAULT).unwrap();
        let lines: Vec<u32> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3]);
        assert!(
            matches!(&problems[..], [FileProblem::SheetUnreadable { sheet, row: Some(4), .. }] if sheet == "Sổ 1"),
            "{problems:?}"
        );
    }

    /// The workbook with every part stored uncompressed, so that its bytes can be altered.
    fn stored(book: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipArchive::new(Cursor::new(book)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let mut text = Vec::new();
            part.read_to_end(&mut text).unwrap();
            out.start_file(part.name(), options).unwrap();
            out.write_all(&text).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_checksum_error_is_reported_beside_the_rows_read() {
        let mut data = header_and_record();
        for r in 3..40 {
            data += &format!(
                "<row r=\"{r}\">{}{}{}</row>",
                s(&format!("A{r}"), "HC-02"),
                s(&format!("B{r}"), "2017-02-05"),
                s(&format!("C{r}"), "periodic")
            );
        }
        data += &format!("<row r=\"40\">{}</row>", s("A40", "ZZ-99"));
        let mut book = stored(&workbook(&[("Sheet1", &data)], None));
        // One byte of the sheet changed: its CRC no longer matches.
        let at = book.windows(5).position(|w| w == b"ZZ-99").unwrap();
        book[at] = b'Y';
        // calamine stops at the sheet's end tag, before the checksum is compared: every row is
        // read, and the workbook says which part is damaged.
        let (table, problems) = read(&book, &TableLimits::DEFAULT).unwrap();
        assert_eq!(table.rows.len(), 39);
        match &problems[..] {
            [FileProblem::PartDamaged { part }] => {
                assert_eq!(part, "xl/worksheets/sheet1.xml");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_part_that_decompresses_too_far_is_not_read() {
        // 1 MiB of one cell compresses to a few KiB.
        let big = "x".repeat(1 << 20);
        let data = header_and_record() + &format!("<row r=\"3\">{}</row>", s("A3", &big));
        let book = workbook(&[("Sheet1", &data)], None);
        assert!(book.len() < 64 << 10, "{}", book.len());
        let limits = TableLimits {
            max_part: 512 << 10,
            ..TableLimits::DEFAULT
        };
        let e = read(&book, &limits).unwrap_err();
        assert_eq!(
            e,
            [FileProblem::PartTooLarge {
                part: "xl/worksheets/sheet1.xml".into(),
                limit: 512 << 10
            }]
        );
        // Under the part limit, the cell is over the record limit: its row is rejected.
        let limits = TableLimits {
            max_record: 4096,
            ..TableLimits::DEFAULT
        };
        let (table, _) = read(&book, &limits).unwrap();
        assert_eq!(
            table.rows[1].problem.as_ref().map(|p| p.reason.clone()),
            Some(Reason::TooLong { limit: 4096 })
        );
    }

    #[test]
    fn too_many_cells_stop_the_sheet_with_a_reason() {
        let mut data = header_and_record();
        for r in 3..50 {
            data += &format!(
                "<row r=\"{r}\">{}{}</row>",
                s(&format!("A{r}"), "X"),
                s(&format!("B{r}"), "2017-02-01")
            );
        }
        let limits = TableLimits {
            max_cells: 20,
            ..TableLimits::DEFAULT
        };
        let book = workbook(&[("Sheet1", &data)], None);
        let (table, problems) = read(&book, &limits).unwrap();
        assert_eq!(table.rows.last().map(|r| r.line), Some(9));
        assert_eq!(
            problems,
            [FileProblem::TooManyCells {
                sheet: "Sheet1".into(),
                limit: 20,
                row: 10
            }]
        );
    }

    #[test]
    fn shared_strings_and_a_second_sheet() {
        let si = "<si><t>Mã chi bộ</t></si><si><t>Ngày họp</t></si><si><t>HC-01</t></si>";
        let data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>\
                    <row r=\"2\"><c r=\"A2\" t=\"s\"><v>2</v></c><c r=\"B2\"><v>42740</v></c></row>";
        let book = workbook(&[("A", data), ("B", data)], Some(si));
        let (table, problems) = read(&book, &TableLimits::DEFAULT).unwrap();
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].cells[0], Cell::Text("HC-01".into()));
        assert_eq!(
            problems,
            [FileProblem::OtherSheetHasRecords { sheet: "B".into() }]
        );
    }

    #[test]
    fn iso_cells_are_date_cells() {
        let day = chrono::NaiveDate::from_ymd_opt(2017, 3, 5).unwrap();
        assert_eq!(
            cell(&DataRef::DateTimeIso("2017-03-05".into())),
            Cell::DateTime(day.and_hms_opt(0, 0, 0).unwrap())
        );
        assert_eq!(
            cell(&DataRef::DateTimeIso("2017-03-05T19:30:00".into())),
            Cell::DateTime(day.and_hms_opt(19, 30, 0).unwrap())
        );
        let Cell::DateTime(t) = cell(&DataRef::DateTimeIso("19:30:00".into())) else {
            panic!("a time cell")
        };
        assert_eq!(Cell::DateTime(t).text(crate::layout::Kind::Time), "19:30");
        assert_eq!(
            cell(&DataRef::DateTimeIso("ngày mai".into())),
            Cell::Text("ngày mai".into())
        );
    }
}
