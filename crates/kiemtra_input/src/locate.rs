//! Line and column arithmetic: from offsets inside a record to places in its file.

/// A 1-based line and column in a file. Columns count characters... of the record's text as
/// bytes decode: for ASCII-only prefixes they are bytes; otherwise they count `char`s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };
}

/// The position of byte `offset` of `text`, which itself starts at `start`.
pub fn position_in(text: &[u8], offset: usize, start: Position) -> Position {
    let before = text.get(..offset).unwrap_or(text);
    let newlines = before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(before.get(line_start..).unwrap_or(&[]))
        .chars()
        .count();
    let col = u32::try_from(col).unwrap_or(u32::MAX).saturating_add(1);
    if newlines == 0 {
        Position {
            line: start.line,
            column: start.column.saturating_add(col - 1),
        }
    } else {
        Position {
            line: start
                .line
                .saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX)),
            column: col,
        }
    }
}

/// Moves a (line, column) reported relative to a record (as serde_json does, 1-based) to the
/// file. serde_json reports line 0 / column 0 when it has no position.
pub fn shift(start: Position, line: usize, column: usize) -> Position {
    let line = u32::try_from(line.max(1)).unwrap_or(u32::MAX);
    let column = u32::try_from(column.max(1)).unwrap_or(u32::MAX);
    if line == 1 {
        Position {
            line: start.line,
            column: start.column.saturating_add(column - 1),
        }
    } else {
        Position {
            line: start.line.saturating_add(line - 1),
            column,
        }
    }
}

/// Where the key `"key":` first appears in the record, a close enough place to point at the
/// field it names.
pub fn key_position(text: &str, key: &str, start: Position) -> Option<Position> {
    let quoted = format!("\"{key}\"");
    let mut from = 0;
    while let Some(found) = text.get(from..)?.find(&quoted) {
        let at = from + found;
        let after = text.get(at + quoted.len()..)?.trim_start();
        if after.starts_with(':') {
            return Some(position_in(text.as_bytes(), at, start));
        }
        from = at + quoted.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_cross_lines() {
        let start = Position {
            line: 10,
            column: 3,
        };
        assert_eq!(
            position_in(b"abc", 1, start),
            Position {
                line: 10,
                column: 4
            }
        );
        assert_eq!(
            position_in(b"a\nbc", 3, start),
            Position {
                line: 11,
                column: 2
            }
        );
        assert_eq!(
            shift(start, 1, 5),
            Position {
                line: 10,
                column: 7
            }
        );
        assert_eq!(
            shift(start, 3, 5),
            Position {
                line: 12,
                column: 5
            }
        );
    }

    #[test]
    fn keys_are_found_as_keys_not_as_text() {
        let t = r#"{"x": "the \"kind\" word", "kind": "meeting"}"#;
        assert_eq!(
            key_position(t, "kind", Position::START).map(|p| p.column),
            Some(28)
        );
    }
}
