//! CSV files (with the `csv` crate): rows of text cells, each with the line it starts on.
//! The delimiter is `,`, or `;` or a tab when the header row uses that instead (spreadsheet
//! programs in Vietnamese locales often save with `;`).

use crate::table::{Cell, RawRow, TableLimits};
use crate::{Position, Reason, Rejection, RowProblem};

/// The rows of a CSV file given as UTF-8 bytes (see [`crate::decode`]). A cell that is not
/// UTF-8 marks its row as rejected; the other rows are read. A quote that is never closed
/// rejects its row (at the line where it opened) and reading goes on at the next line, instead
/// of the rest of the file being swallowed into one cell. There is at most one such quote in a
/// file: no quote follows it (a later one would have closed it).
pub fn rows(text: &[u8], limits: &TableLimits) -> Vec<RawRow> {
    let delimiter = delimiter(text);
    let mut out = Vec::new();
    let Some(open) = unclosed_quote(text, delimiter) else {
        read_rows(text, delimiter, 0, limits, &mut out);
        return out;
    };
    read_rows(
        text.get(..open.record_start).unwrap_or_default(),
        delimiter,
        0,
        limits,
        &mut out,
    );
    let before = text.get(..open.quote).unwrap_or_default();
    let line = newlines(before).saturating_add(1);
    out.push(RawRow {
        line,
        cells: Vec::new(),
        problem: Some(Rejection {
            at: Position {
                line,
                column: u32::try_from(open.field + 1).unwrap_or(u32::MAX),
            },
            reason: Reason::Row(RowProblem::UnclosedQuote),
        }),
    });
    // Reading resumes on the line after the one where the quote opened.
    if let Some(next) = memchr::memchr(b'\n', text.get(open.quote..).unwrap_or_default()) {
        let rest = text.get(open.quote + next + 1..).unwrap_or_default();
        read_rows(rest, delimiter, line, limits, &mut out);
    }
    out
}

fn newlines(bytes: &[u8]) -> u32 {
    u32::try_from(memchr::memchr_iter(b'\n', bytes).count()).unwrap_or(u32::MAX)
}

/// Reads the rows of `text` (which starts on line `line_base + 1` of the file) into `out`.
fn read_rows(
    text: &[u8],
    delimiter: u8,
    line_base: u32,
    limits: &TableLimits,
    out: &mut Vec<RawRow>,
) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text);
    let mut record = csv::ByteRecord::new();
    // Reading bytes from memory: the csv crate's only errors are I/O errors, which a slice
    // never gives; stop rather than loop if one ever came.
    while let Ok(true) = reader.read_byte_record(&mut record) {
        // The csv crate places a record where it began reading, before the blank lines it
        // skips: move on to the record's own first line.
        let (line, byte) = record.position().map_or((1, 0), |p| (p.line(), p.byte()));
        let skipped = text
            .get(usize::try_from(byte).unwrap_or(usize::MAX)..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .filter(|&&b| b == b'\n')
            .count() as u64;
        let line = u32::try_from(line + skipped)
            .unwrap_or(u32::MAX)
            .saturating_add(line_base);
        out.push(row(&record, line, limits));
    }
}

/// One CSV record as a row, within the limits of one record and of columns.
fn row(record: &csv::ByteRecord, line: u32, limits: &TableLimits) -> RawRow {
    let at = |i: usize| Position {
        line,
        column: u32::try_from(i + 1).unwrap_or(u32::MAX),
    };
    let reject = |at, reason| RawRow {
        line,
        cells: Vec::new(),
        problem: Some(Rejection { at, reason }),
    };
    // The same limit as a JSON Lines record: a longer row is not read.
    if record.as_slice().len() > limits.max_record {
        return reject(
            at(0),
            Reason::TooLong {
                limit: limits.max_record as u64,
            },
        );
    }
    // A row wider than any table kiemtra reads: filled cells out there are an error of the
    // row; blank ones are dropped (a spreadsheet program may save thousands of them). The
    // first columns are kept: a header row so wide still names the columns it can.
    let mut problem = record
        .iter()
        .enumerate()
        .skip(limits.max_columns)
        .find(|(_, c)| !c.iter().all(u8::is_ascii_whitespace))
        .map(|(i, _)| Rejection {
            at: at(i),
            reason: Reason::Row(RowProblem::TooWide {
                column: i + 1,
                limit: limits.max_columns,
            }),
        });
    let cells = record
        .iter()
        .take(limits.max_columns)
        .enumerate()
        .map(|(i, bytes)| match std::str::from_utf8(bytes) {
            Ok(s) => Cell::Text(
                kiemtra_rules::text::nfc(crate::escape::unguard_formula(s).into()).into_owned(),
            ),
            Err(_) => {
                problem.get_or_insert(Rejection {
                    at: at(i),
                    reason: Reason::NotUtf8,
                });
                Cell::Text(String::from_utf8_lossy(bytes).into_owned())
            }
        })
        .collect();
    RawRow {
        line,
        cells,
        problem,
    }
}

/// Where a quote that is never closed opened: the byte of the quote, the byte where its record
/// starts and the (0-based) field it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Unclosed {
    record_start: usize,
    quote: usize,
    field: usize,
}

/// Finds the quote, if any, that the csv crate would read to the end of `text` as one quoted
/// cell. Follows the crate's rules (csv-core with default quoting): a quote opens a cell only
/// at its start; inside, `""` is a quote; a closing quote may be followed by more text; `\r`,
/// `\n` end a record; blank lines are skipped.
fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<Unclosed> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        RecordStart,
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::RecordStart;
    let (mut record_start, mut quote, mut field) = (0, 0, 0);
    let mut i = 0;
    while let Some(&b) = text.get(i) {
        state = match state {
            State::RecordStart | State::FieldStart => {
                if state == State::RecordStart {
                    if b == b'\n' || b == b'\r' {
                        i += 1;
                        continue;
                    }
                    record_start = i;
                    field = 0;
                }
                if b == b'"' {
                    quote = i;
                    State::Quoted
                } else if b == delimiter {
                    field += 1;
                    State::FieldStart
                } else if b == b'\n' || b == b'\r' {
                    State::RecordStart
                } else {
                    State::Unquoted
                }
            }
            State::Unquoted | State::QuoteInQuoted => {
                if b == b'"' && state == State::QuoteInQuoted {
                    State::Quoted
                } else if b == delimiter {
                    field += 1;
                    State::FieldStart
                } else if b == b'\n' || b == b'\r' {
                    State::RecordStart
                } else {
                    State::Unquoted
                }
            }
            State::Quoted => {
                // Jump to the next quote: the bytes between are the cell's.
                match memchr::memchr(b'"', text.get(i..).unwrap_or_default()) {
                    Some(k) => {
                        i += k + 1;
                        state = State::QuoteInQuoted;
                        continue;
                    }
                    None => break,
                }
            }
        };
        i += 1;
    }
    (state == State::Quoted).then_some(Unclosed {
        record_start,
        quote,
        field,
    })
}

/// `,` unless one of the first lines has more `;` or tabs (outside quotes) than commas.
fn delimiter(text: &[u8]) -> u8 {
    let mut best = (0usize, b',');
    for line in text.split(|&b| b == b'\n').take(10) {
        for d in [b',', b';', b'\t'] {
            let mut quoted = false;
            let n = line
                .iter()
                .filter(|&&b| {
                    if b == b'"' {
                        quoted = !quoted;
                    }
                    !quoted && b == d
                })
                .count();
            if n > best.0 {
                best = (n, d);
            }
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::TableLimits;

    #[test]
    fn rows_keep_their_first_line() {
        let text = b"a,b\n1,\"two\nlines\"\n\n3,x\xff\n";
        let rows = rows(text, &TableLimits::DEFAULT);
        let lines: Vec<u32> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 5]);
        assert_eq!(rows[1].cells[1], Cell::Text("two\nlines".into()));
        assert_eq!(
            rows[2].problem.as_ref().map(|p| p.at),
            Some(Position { line: 5, column: 2 })
        );
    }

    fn lines_and_problems(text: &[u8]) -> Vec<(u32, Option<(Position, Reason)>)> {
        rows(text, &TableLimits::DEFAULT)
            .iter()
            .map(|r| (r.line, r.problem.clone().map(|p| (p.at, p.reason))))
            .collect()
    }

    #[test]
    fn an_unclosed_quote_rejects_its_row_and_reading_goes_on() {
        let mut text = b"unit.code,date,kind,topic\nU1,2017-01-05,periodic,\"oops\n".to_vec();
        for i in 0..1000 {
            text.extend(format!("U{i},2017-02-05,periodic,x\n").bytes());
        }
        let read = lines_and_problems(&text);
        assert_eq!(read.len(), 1002, "header, the rejected row, 1000 rows");
        let unclosed = Some((
            Position { line: 2, column: 4 },
            Reason::Row(RowProblem::UnclosedQuote),
        ));
        assert_eq!(read[1], (2, unclosed));
        assert_eq!(read[2], (3, None));
        assert_eq!(read[1001], (1002, None));
    }

    #[test]
    fn an_unclosed_quote_after_a_multiline_cell_is_placed_where_it_opened() {
        // Row 2 holds a cell of two lines; row 4 opens a quote on its second line (CRLF).
        let text = b"a,b\r\n1,\"two\r\nlines\"\r\n\r\n3,\"x\"\"y\"z,\"open\r\n4,ok\r\n5,\"\"\r\n";
        let read = lines_and_problems(text);
        let lines: Vec<u32> = read.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 5, 6, 7]);
        assert_eq!(
            read[2].1,
            Some((
                Position { line: 5, column: 3 },
                Reason::Row(RowProblem::UnclosedQuote)
            ))
        );
        // A later quote closes an earlier one (standard CSV): the cell spans the lines between.
        let read = lines_and_problems(b"a,b\n\"x\n1,2\n3,\"y\n4,5\n");
        let lines: Vec<_> = read.iter().map(|r| (r.0, r.1.is_some())).collect();
        assert_eq!(lines, [(1, false), (2, false), (5, false)]);
    }

    #[test]
    fn closed_quotes_are_not_unclosed() {
        for text in [
            &b"a,\"b\"\"\"\n"[..],
            b"a,\"\"\n",
            b"a,b\"c\n",
            b"\"a\"b,c\n",
            b"a;\"b;c\";d\n",
        ] {
            assert_eq!(unclosed_quote(text, delimiter(text)), None, "{text:?}");
        }
    }

    #[test]
    fn rows_over_the_limits_are_rejected_not_held() {
        let limits = TableLimits {
            max_record: 64,
            max_columns: 4,
            ..TableLimits::DEFAULT
        };
        let long = format!("a,b\n1,{}\n2,3\n", "x".repeat(100));
        let read = rows(long.as_bytes(), &limits);
        assert!(read[1].cells.is_empty());
        assert_eq!(
            read[1].problem.as_ref().unwrap().reason,
            Reason::TooLong { limit: 64 }
        );
        assert_eq!(read[2].cells.len(), 2);
        // A million blank columns are dropped; a filled one beyond the limit rejects its row.
        let wide = format!("a,b{}\n1,2,,,,,9\n", ",".repeat(1_000_000));
        let named = format!("unit.code,date{}\nU,2017-01-05\n", ",x".repeat(1_000_000));
        let wide_limits = TableLimits {
            max_columns: 4,
            ..TableLimits::DEFAULT
        };
        let read = rows(named.as_bytes(), &wide_limits);
        assert_eq!(read[0].cells.len(), 4, "the header keeps its first columns");
        assert!(matches!(
            read[0].problem.as_ref().map(|p| &p.reason),
            Some(Reason::Row(RowProblem::TooWide {
                column: 5,
                limit: 4
            }))
        ));
        assert!(crate::Table::from_rows(read).is_some_and(|t| t.rows.len() == 1));
        let read = rows(wide.as_bytes(), &limits);
        assert_eq!(read[0].cells.len(), 4);
        assert!(read[0].problem.is_none());
        assert_eq!(
            read[1].problem.as_ref().unwrap().at,
            Position { line: 2, column: 7 }
        );
    }

    #[test]
    fn a_guarded_formula_cell_is_read_as_written_before_guarding() {
        let rows = rows(b"a,b\n'=1+1,'-1+1\n'x,-40\n", &TableLimits::DEFAULT);
        assert_eq!(
            rows[1].cells,
            [Cell::Text("=1+1".into()), Cell::Text("-1+1".into())]
        );
        assert_eq!(
            rows[2].cells,
            [Cell::Text("'x".into()), Cell::Text("-40".into())]
        );
    }

    #[test]
    fn semicolons_and_tabs() {
        assert_eq!(delimiter(b"a;b;c\n1;2;3"), b';');
        assert_eq!(delimiter(b"a\tb\n"), b'\t');
        assert_eq!(delimiter(b"\"a;b\",c,d\n"), b',');
        assert_eq!(delimiter(b"title\n"), b',');
    }
}
