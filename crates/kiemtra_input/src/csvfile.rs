//! CSV files (with the `csv` crate): rows of text cells, each with the line it starts on.
//! The delimiter is `,`, or `;` or a tab when the header row uses that instead (spreadsheet
//! programs in Vietnamese locales often save with `;`).

use crate::table::{Cell, RawRow};
use crate::{Position, Reason, Rejection};

/// The rows of a CSV file given as UTF-8 bytes (see [`crate::decode`]). A cell that is not
/// UTF-8 marks its row as rejected; the other rows are read.
pub fn rows(text: &[u8]) -> Result<Vec<RawRow>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text);
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(e.to_string()),
        }
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
        let line = u32::try_from(line + skipped).unwrap_or(u32::MAX);
        let mut problem = None;
        let cells = record
            .iter()
            .enumerate()
            .map(|(i, bytes)| match std::str::from_utf8(bytes) {
                Ok(s) => Cell::Text(kiemtra_rules::text::nfc(s.into()).into_owned()),
                Err(_) => {
                    problem.get_or_insert(Rejection {
                        at: Position {
                            line,
                            column: u32::try_from(i + 1).unwrap_or(u32::MAX),
                        },
                        reason: Reason::NotUtf8,
                    });
                    Cell::Text(String::from_utf8_lossy(bytes).into_owned())
                }
            })
            .collect();
        out.push(RawRow {
            line,
            cells,
            problem,
        });
    }
    Ok(out)
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

    #[test]
    fn rows_keep_their_first_line() {
        let text = b"a,b\n1,\"two\nlines\"\n\n3,x\xff\n";
        let rows = rows(text).unwrap();
        let lines: Vec<u32> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 5]);
        assert_eq!(rows[1].cells[1], Cell::Text("two\nlines".into()));
        assert_eq!(
            rows[2].problem.as_ref().map(|p| p.at),
            Some(Position { line: 5, column: 2 })
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
