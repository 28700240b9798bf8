//! Tables — CSV files and spreadsheets: a header row naming the columns (see [`crate::layout`]),
//! then one record per row. A row becomes a JSON value and goes through the same validation as
//! a JSON record; its place is the row's first line and, for a rejection, the column of the
//! field at fault.

use chrono::{NaiveDateTime, Timelike};
use serde::Deserialize;
use serde_json::{Map, Value};

use kiemtra_rules::{Record, RecordDoc};

use crate::layout::{self, Column, Kind};
use crate::{Position, Reason, Rejection, RowProblem};

/// A cell as the file gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A spreadsheet date, time or date-time cell.
    DateTime(NaiveDateTime),
}

impl Cell {
    /// The cell's text, as the layout reads it for a column of `kind`.
    pub fn text(&self, kind: Kind) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Bool(b) => b.to_string(),
            Cell::Number(x) => number(*x),
            Cell::DateTime(dt) => {
                let time_only =
                    dt.date() <= chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
                let whole_minute = dt.second() == 0;
                match kind {
                    Kind::Date => dt.format("%Y-%m-%d").to_string(),
                    Kind::Time if whole_minute => dt.format("%H:%M").to_string(),
                    Kind::Time => dt.format("%H:%M:%S").to_string(),
                    _ if dt.time() == chrono::NaiveTime::MIN => dt.format("%Y-%m-%d").to_string(),
                    _ if time_only && whole_minute => dt.format("%H:%M").to_string(),
                    _ => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
                }
            }
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// A whole number without a decimal point; any other number as Rust prints it (shortest form).
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        #[allow(clippy::cast_possible_truncation)]
        let i = x as i64;
        i.to_string()
    } else {
        x.to_string()
    }
}

/// One row of a table file.
#[derive(Clone, Debug)]
pub struct RawRow {
    /// 1-based line (CSV: the row's first line; spreadsheet: the row number).
    pub line: u32,
    pub cells: Vec<Cell>,
    /// A problem found while reading the row's bytes (a cell that is not UTF-8).
    pub problem: Option<Rejection>,
}

impl RawRow {
    fn is_blank(&self) -> bool {
        self.problem.is_none() && self.cells.iter().all(Cell::is_blank)
    }
}

/// What a header cell names.
#[derive(Clone, Debug)]
enum Target {
    Column(&'static Column),
    /// A column outside the layout: kept in the record under its name.
    Other {
        key: Vec<String>,
    },
}

/// A table read: the header's columns and the rows below it. Each row becomes a record with
/// [`Table::record`], independently of the others (so rows can be read in parallel).
#[derive(Clone, Debug)]
pub struct Table {
    targets: Vec<Target>,
    /// Each column's header as written.
    headers: Vec<String>,
    /// The header row's line.
    pub header_line: u32,
    /// The rows below the header, blank rows left out.
    pub rows: Vec<RawRow>,
}

/// One row read as a record, not yet validated.
#[derive(Clone, Debug)]
pub struct TableRecord {
    pub value: Value,
    /// The row's first line, column 1.
    pub at: Position,
}

/// The columns of a table file: which field each column holds, the headers as the file
/// writes them, and the columns the layout does not know. Reports use it to place a finding's
/// field in a CSV file or a worksheet by its row, column letter and the secretary's own header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// The layout's fields, with the 1-based column holding each.
    pub fields: Vec<(&'static str, u32)>,
    /// Each column's header as written (index: column − 1).
    pub headers: Vec<String>,
    /// Headers the layout does not know: their cells are kept under the header's own name.
    pub unknown: Vec<UnknownColumn>,
}

/// The letters Excel shows for a 1-based column: `A`, …, `Z`, `AA`, ….
pub fn column_letter(column: u32) -> String {
    let mut n = column;
    let mut out = Vec::new();
    while n > 0 {
        let r = u8::try_from((n - 1) % 26).unwrap_or(0);
        out.push(char::from(b'A' + r));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A header the layout does not know, with the closest label it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownColumn {
    /// 1-based.
    pub column: u32,
    pub header: String,
    /// The standard label of the column the header most resembles (its dotted path when the
    /// header is written as a path), if one is close enough to suggest.
    pub closest: Option<&'static str>,
}

impl Columns {
    /// The column holding the field at `pointer` (`/session/assignments/0/due` is in the
    /// `session.assignments` column), if the table has one.
    pub fn of(&self, pointer: &str) -> Option<u32> {
        let dotted = pointer.trim_start_matches('/').replace('/', ".");
        self.fields
            .iter()
            .find(|(path, _)| {
                dotted == *path
                    || dotted
                        .strip_prefix(path)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
            .map(|(_, c)| *c)
    }
}

/// Sizes that bound the memory and time a table file can take, whatever it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableLimits {
    /// The most bytes of text in one row (the record limit of every format).
    pub max_record: usize,
    /// The most columns read; a row with filled cells beyond is rejected.
    pub max_columns: usize,
    /// Workbooks: the most filled cells of a sheet.
    pub max_cells: usize,
    /// Workbooks: the most bytes one part (a sheet, the shared strings) decompresses to.
    pub max_part: u64,
}

impl TableLimits {
    /// Rows of up to 16 MiB, 1,024 columns, 4 Mi filled cells, parts of up to 256 MiB.
    pub const DEFAULT: TableLimits = TableLimits {
        max_record: 16 << 20,
        max_columns: 1024,
        max_cells: 4 << 20,
        max_part: 256 << 20,
    };

    /// The default limits with another record limit (the run's).
    pub fn with_record_limit(max_record: usize) -> TableLimits {
        TableLimits {
            max_record,
            ..TableLimits::DEFAULT
        }
    }
}

/// How many non-blank rows are searched for the header (rows above it are a title).
const HEADER_SEARCH: usize = 10;

impl Table {
    /// Finds the header among the first rows and reads every row below it. `None` when no row
    /// names at least two columns of the layout.
    pub fn from_rows(rows: Vec<RawRow>) -> Option<Table> {
        let names_columns = |r: &RawRow| {
            r.cells
                .iter()
                .filter(|c| layout::column_named(&c.text(Kind::Text)).is_some())
                .count()
                >= 2
        };
        let (header_at, _) = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.is_blank())
            .take(HEADER_SEARCH)
            .find(|(_, r)| names_columns(r))?;
        let header = rows.get(header_at)?;
        let targets = targets(header);
        let headers = header.cells.iter().map(|c| c.text(Kind::Text)).collect();
        let header_line = header.line;
        let rows = rows
            .into_iter()
            .skip(header_at + 1)
            .filter(|r| !r.is_blank())
            .collect();
        Some(Table {
            targets,
            headers,
            header_line,
            rows,
        })
    }

    /// A row as a record (a JSON value), or why it cannot be one.
    pub fn record(&self, row: &RawRow) -> Result<TableRecord, Rejection> {
        self.value(row).map(|value| TableRecord {
            value,
            at: Position {
                line: row.line,
                column: 1,
            },
        })
    }

    fn value(&self, row: &RawRow) -> Result<Value, Rejection> {
        if let Some(p) = &row.problem {
            return Err(p.clone());
        }
        let at = |column: usize| Position {
            line: row.line,
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        };
        if let Some(i) = row
            .cells
            .iter()
            .enumerate()
            .skip(self.targets.len())
            .find(|(_, c)| !c.is_blank())
            .map(|(i, _)| i)
        {
            return Err(Rejection {
                at: at(i),
                reason: Reason::Row(RowProblem::TooManyCells {
                    cells: row.cells.len(),
                    columns: self.targets.len(),
                }),
            });
        }
        let mut record = Map::new();
        let mut extra = None;
        for (i, (cell, target)) in row.cells.iter().zip(&self.targets).enumerate() {
            match target {
                Target::Column(c) if c.kind == Kind::Extra => {
                    let text = cell.text(Kind::Extra);
                    if text.trim().is_empty() {
                        continue;
                    }
                    match serde_json::from_str::<Value>(&text) {
                        Ok(Value::Object(m)) => extra = Some(m),
                        Ok(_) => {
                            return Err(Rejection {
                                at: at(i),
                                reason: Reason::Row(RowProblem::Extra(None)),
                            })
                        }
                        Err(e) => {
                            return Err(Rejection {
                                at: at(i),
                                reason: Reason::Row(RowProblem::Extra(Some(
                                    crate::JsonProblem::of(&e),
                                ))),
                            })
                        }
                    }
                }
                Target::Column(c) => {
                    if let Some(v) = layout::decode(c.kind, &cell.text(c.kind)) {
                        let path: Vec<&str> = c.path.split('.').collect();
                        if let Err(v) = layout::set(&mut record, &path, v) {
                            record.insert(c.path.to_owned(), v);
                        }
                    }
                }
                Target::Other { key } => {
                    if let Some(v) = layout::decode(Kind::Text, &cell.text(Kind::Text)) {
                        let path: Vec<&str> = key.iter().map(String::as_str).collect();
                        if let Err(v) = layout::set(&mut record, &path, v) {
                            record.insert(key.join("."), v);
                        }
                    }
                }
            }
        }
        if let Some(extra) = extra {
            layout::overlay(&mut record, extra);
        }
        Ok(Value::Object(record))
    }

    /// The 1-based column holding the field at `pointer` (`/session/minutes`), or 1.
    pub fn column_of(&self, pointer: &str) -> u32 {
        Columns {
            fields: self.columns(),
            ..Columns::default()
        }
        .of(pointer)
        .unwrap_or(1)
    }

    /// The table's columns: fields, headers as written, and the headers not recognised.
    pub fn columns_read(&self) -> Columns {
        Columns {
            fields: self.columns(),
            headers: self.headers.clone(),
            unknown: self
                .targets
                .iter()
                .zip(&self.headers)
                .enumerate()
                .filter_map(|(i, (t, header))| match t {
                    Target::Other { .. }
                        if !header.trim().is_empty() && layout::column_named(header).is_none() =>
                    {
                        Some(UnknownColumn {
                            column: u32::try_from(i + 1).unwrap_or(u32::MAX),
                            header: header.trim().to_owned(),
                            closest: closest_label(header),
                        })
                    }
                    _ => None,
                })
                .collect(),
        }
    }

    /// The layout's fields this table has a column for, with the column's 1-based number.
    pub fn columns(&self) -> Vec<(&'static str, u32)> {
        self.targets
            .iter()
            .enumerate()
            .filter_map(|(i, t)| match t {
                Target::Column(c) if c.kind != Kind::Extra => {
                    Some((c.path, u32::try_from(i + 1).unwrap_or(u32::MAX)))
                }
                _ => None,
            })
            .collect()
    }

    /// Validates one row's record, as [`crate::parse`] does a JSON chunk.
    pub fn parse<'v>(&self, row: &'v TableRecord) -> Result<Record<'v>, Rejection> {
        let doc = RecordDoc::deserialize(&row.value).map_err(|e| Rejection {
            at: row.at,
            reason: Reason::Syntax(crate::JsonProblem::of(&e)),
        })?;
        kiemtra_rules::validate(doc).map_err(|invalid| Rejection {
            at: Position {
                line: row.at.line,
                column: self.column_of(invalid.pointer()),
            },
            reason: Reason::Invalid(invalid),
        })
    }
}

/// The label of the layout's column a header most resembles: compared without case or
/// diacritics with every label and alias, a header containing a label (or contained in one)
/// counting as close. A dotted header gets a dotted path, any other the Vietnamese label.
fn closest_label(header: &str) -> Option<&'static str> {
    let fold = |s: &str| kiemtra_rules::model::fold_word(s.trim().trim_end_matches([':', '*']));
    let h = fold(header);
    if h.is_empty() {
        return None;
    }
    let dotted = header.contains('.') && !header.contains(' ');
    // Vietnamese puts the head noun first: “Kết luận của chủ trì” is a conclusion, so a label
    // the header starts with is closer than one it contains further on.
    let score = |label: &str| {
        let l = fold(label);
        let near = strsim::normalized_levenshtein(&h, &l);
        let holds = |a: &str, b: &str| {
            b.chars().count() >= 4 && format!(" {a} ").contains(&format!(" {b} "))
        };
        let contained = if holds(&h, &l) && h.starts_with(&l) {
            0.9
        } else if holds(&l, &h) && 2 * h.chars().count() >= l.chars().count() {
            // The header is most of a label (“Chủ đề sinh hoạt” in “Chủ đề sinh hoạt chuyên
            // đề”), not just a word of it (“Ghi chú” in “Ghi chú đánh giá”).
            0.8
        } else if holds(&h, &l) {
            0.7
        } else {
            0.0
        };
        near.max(contained)
    };
    layout::COLUMNS
        .iter()
        .filter(|c| c.kind != Kind::Extra)
        .flat_map(|c| {
            [c.path, c.vi]
                .into_iter()
                .chain(c.aliases.iter().copied())
                .map(move |label| (score(label), c))
        })
        .filter(|(s, _)| *s >= 0.6)
        // The best score; on a tie, the first column of the layout.
        .fold(None, |best: Option<(f64, &Column)>, (s, c)| match best {
            Some((b, _)) if b >= s => best,
            _ => Some((s, c)),
        })
        .map(|(_, c)| if dotted { c.path } else { c.vi })
}

fn targets(header: &RawRow) -> Vec<Target> {
    let mut taken = std::collections::BTreeSet::new();
    header
        .cells
        .iter()
        .enumerate()
        .map(|(i, cell)| {
            let name = cell.text(Kind::Text).trim().to_owned();
            match layout::column_named(&name) {
                Some(c) if taken.insert(c.path) => Target::Column(c),
                found => {
                    // A column outside the layout (or a second column for the same field): its
                    // cells are kept under the header's name, never dropped.
                    let name = if name.is_empty() {
                        format!("column {}", i + 1)
                    } else {
                        name
                    };
                    let key = if found.is_some() {
                        vec![format!("{name} #{}", i + 1)]
                    } else if name.contains('.')
                        && name.split('.').all(|p| {
                            !p.is_empty()
                                && p.bytes()
                                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                        })
                    {
                        name.split('.').map(str::to_owned).collect()
                    } else {
                        vec![name]
                    };
                    Target::Other { key }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(line: u32, cells: &[&str]) -> RawRow {
        RawRow {
            line,
            cells: cells.iter().map(|c| Cell::Text((*c).to_owned())).collect(),
            problem: None,
        }
    }

    #[test]
    fn a_title_row_above_the_header_is_skipped() {
        let rows = vec![
            row(1, &["DANH SÁCH BIÊN BẢN", "", ""]),
            row(2, &["", "", ""]),
            row(3, &["Mã chi bộ", "Ngay hop", "Loại sinh hoạt", "Ghi chú"]),
            row(4, &["HC-01", "05/01/2017", "định kỳ", "x"]),
            row(5, &["", " ", ""]),
            row(6, &["HC-01", "2017-02-05", "periodic", "", "", "surplus"]),
        ];
        let t = Table::from_rows(rows).unwrap();
        assert_eq!(t.header_line, 3);
        let read: Vec<_> = t.rows.iter().map(|r| t.record(r)).collect();
        assert_eq!(read.len(), 2);
        let first = read[0].as_ref().unwrap();
        assert_eq!(
            first.value,
            json!({"unit": {"code": "HC-01"}, "date": "05/01/2017", "kind": "định kỳ", "Ghi chú": "x"})
        );
        assert_eq!(first.at.line, 4);
        assert_eq!(
            read[1].as_ref().unwrap_err().at,
            Position { line: 6, column: 6 }
        );
    }

    #[test]
    fn rejections_point_at_the_column() {
        let rows = vec![
            row(1, &["date", "kind", "unit.code", "session.area"]),
            row(2, &["2017-01-05", "periodic", "", ""]),
            row(3, &["2017-01-05", "periodic", "X", "thể thao"]),
        ];
        let t = Table::from_rows(rows).unwrap();
        let errs: Vec<Position> = t
            .rows
            .iter()
            .map(|r| t.parse(&t.record(r).unwrap()).unwrap_err().at)
            .collect();
        assert_eq!(
            errs,
            [
                Position { line: 2, column: 3 },
                Position { line: 3, column: 4 }
            ]
        );
    }

    #[test]
    fn spreadsheet_cells_read_by_column_kind() {
        let dt = chrono::NaiveDate::from_ymd_opt(2017, 3, 5)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let t = chrono::NaiveDate::from_ymd_opt(1899, 12, 31)
            .unwrap()
            .and_hms_opt(19, 30, 0)
            .unwrap();
        assert_eq!(Cell::DateTime(dt).text(Kind::Date), "2017-03-05");
        assert_eq!(Cell::DateTime(t).text(Kind::Time), "19:30");
        assert_eq!(Cell::Number(40.0).text(Kind::Integer), "40");
        assert_eq!(Cell::Number(40.5).text(Kind::Integer), "40.5");
    }

    #[test]
    fn unknown_headers_are_reported_with_the_closest_label_and_kept() {
        let rows = vec![
            row(
                1,
                &[
                    "Mã chi bộ",
                    "Ngày họp",
                    "Chủ đề của kỳ này",
                    "Ket luan cua chu tri",
                    "session.conclusoin",
                    "Ghi chú riêng",
                    "",
                ],
            ),
            row(2, &["A", "2017-04-05", "Tự phê bình", "Xong", "x", "y", ""]),
        ];
        let t = Table::from_rows(rows).unwrap();
        let c = t.columns_read();
        let seen: Vec<(u32, &str, Option<&str>)> = c
            .unknown
            .iter()
            .map(|u| (u.column, u.header.as_str(), u.closest))
            .collect();
        // What the layout knows is not reported; a header in NFD is the same header.
        assert_eq!(
            seen[..2],
            [
                (3, "Chủ đề của kỳ này", Some("Chủ đề")),
                (4, "Ket luan cua chu tri", Some("Kết luận")),
            ]
        );
        assert_eq!(
            seen[2],
            (5, "session.conclusoin", Some("session.conclusion"))
        );
        assert_eq!(seen[3].0, 6);
        assert_eq!(seen.len(), 4, "a blank header is not a column to report");
        assert_eq!(c.headers[2], "Chủ đề của kỳ này");
        // Their cells are kept under the header's own name.
        let v = t.record(&t.rows[0]).unwrap().value;
        assert_eq!(v["Chủ đề của kỳ này"], "Tự phê bình");
        assert_eq!(v["Ghi chú riêng"], "y");
    }

    #[test]
    fn column_letters_are_excels() {
        assert_eq!(column_letter(1), "A");
        assert_eq!(column_letter(26), "Z");
        assert_eq!(column_letter(27), "AA");
        assert_eq!(column_letter(28), "AB");
        assert_eq!(column_letter(702), "ZZ");
        assert_eq!(column_letter(703), "AAA");
    }

    #[test]
    fn no_header_no_table() {
        assert!(Table::from_rows(vec![row(1, &["a", "b"]), row(2, &["1", "2"])]).is_none());
    }
}
