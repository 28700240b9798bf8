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

/// Where the field at a JSON `pointer` (`/session/assignments/0/due`) is written in a record's
/// text: the first byte of its key (of the item, inside a list). A field the record does not
/// have is placed at the nearest enclosing one that it does; `None` when not even the first step
/// is there, or the text is not JSON the scan can follow.
pub fn pointer_position(text: &[u8], pointer: &str, start: Position) -> Option<Position> {
    Locator::new(text, start).pointer_position(pointer)
}

/// Places many pointers in one record's text, each in time independent of the record's size:
/// the lines' starts and each list's items are found once, on first use (a record with forty
/// thousand findings is not read forty thousand times).
#[derive(Debug)]
pub struct Locator<'t> {
    text: &'t [u8],
    start: Position,
    /// Offsets of the newlines of `text`.
    newlines: std::cell::OnceCell<Vec<usize>>,
    /// For each list found (by the offset of its `[`), where its items start.
    lists: std::cell::RefCell<std::collections::HashMap<usize, Vec<usize>>>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t [u8], start: Position) -> Locator<'t> {
        Locator {
            text,
            start,
            newlines: std::cell::OnceCell::new(),
            lists: std::cell::RefCell::default(),
        }
    }

    /// See [`pointer_position`].
    pub fn pointer_position(&self, pointer: &str) -> Option<Position> {
        let text = self.text;
        let mut at = skip_ws(text, 0);
        let mut found = None;
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            let step = match text.get(at) {
                Some(b'{') => member(text, at, &token),
                Some(b'[') => token.parse().ok().and_then(|n| self.item(at, n)),
                _ => None,
            };
            let Some((place, value)) = step else {
                break;
            };
            found = Some(place);
            at = value;
        }
        found.map(|offset| self.position(offset))
    }

    /// Item `n` of the list at `i`, through the list's index (made on first use).
    fn item(&self, i: usize, n: usize) -> Option<(usize, usize)> {
        let mut lists = self.lists.borrow_mut();
        let items = lists.entry(i).or_insert_with(|| items(self.text, i));
        items.get(n).map(|&j| (j, j))
    }

    /// The position of byte `offset`, from the line it is on.
    fn position(&self, offset: usize) -> Position {
        let newlines = self
            .newlines
            .get_or_init(|| memchr::memchr_iter(b'\n', self.text).collect());
        let before = newlines.partition_point(|&n| n < offset);
        let line_start = match before {
            0 => 0,
            k => newlines[k - 1] + 1,
        };
        let at_line = Position {
            line: self
                .start
                .line
                .saturating_add(u32::try_from(before).unwrap_or(u32::MAX)),
            column: if before == 0 { self.start.column } else { 1 },
        };
        let line = self.text.get(line_start..).unwrap_or(&[]);
        position_in(line, offset - line_start, at_line)
    }
}

/// Where each item of the list at `i` starts.
fn items(text: &[u8], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut j = skip_ws(text, i + 1);
    if matches!(text.get(j), None | Some(b']')) {
        return out;
    }
    loop {
        out.push(j);
        let Some(end) = value_end(text, j) else {
            return out;
        };
        let next = skip_ws(text, end);
        if text.get(next) != Some(&b',') {
            return out;
        }
        j = skip_ws(text, next + 1);
        if matches!(text.get(j), None | Some(b']')) {
            return out;
        }
    }
}

fn skip_ws(text: &[u8], mut i: usize) -> usize {
    while text.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The end (one past the closing quote) of the string starting at `i`.
fn string_end(text: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match text.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The end of the value starting at `i`.
fn value_end(text: &[u8], i: usize) -> Option<usize> {
    match text.get(i)? {
        b'"' => string_end(text, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match text.get(j)? {
                    b'"' => {
                        j = string_end(text, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while text
                .get(j)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                j += 1;
            }
            Some(j)
        }
    }
}

/// In the object at `i`: where the member `key` starts and where its value starts.
fn member(text: &[u8], i: usize, key: &str) -> Option<(usize, usize)> {
    let mut j = skip_ws(text, i + 1);
    while text.get(j)? == &b'"' {
        let end = string_end(text, j)?;
        let raw = text.get(j..end)?;
        let name: std::borrow::Cow<'_, str> = if raw.contains(&b'\\') {
            serde_json::from_slice::<String>(raw).ok()?.into()
        } else {
            String::from_utf8_lossy(raw.get(1..raw.len() - 1)?)
        };
        let colon = skip_ws(text, end);
        if text.get(colon)? != &b':' {
            return None;
        }
        let value = skip_ws(text, colon + 1);
        if name == key {
            return Some((j, value));
        }
        let next = skip_ws(text, value_end(text, value)?);
        if text.get(next)? != &b',' {
            return None;
        }
        j = skip_ws(text, next + 1);
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
    fn a_pointer_is_placed_at_its_field() {
        let t = r#"{
  "id": "a \"session\" {[",
  "session": {
    "topics": ["Một", "Hai"],
    "assignments": [
      {"assignee": "Chi ủy", "due": "tháng 5"},
      { "task": "x",  "due": "2017-13-01" }
    ]
  }
}"#
        .as_bytes();
        let at = |p: &str| {
            pointer_position(
                t,
                p,
                Position {
                    line: 10,
                    column: 1,
                },
            )
        };
        assert_eq!(
            at("/session"),
            Some(Position {
                line: 12,
                column: 3
            })
        );
        assert_eq!(
            at("/session/topics/1"),
            Some(Position {
                line: 13,
                column: 23
            })
        );
        assert_eq!(
            at("/session/assignments/1/due"),
            Some(Position {
                line: 16,
                column: 23
            })
        );
        // A field not written: its nearest enclosing field.
        assert_eq!(
            at("/session/conclusion"),
            Some(Position {
                line: 12,
                column: 3
            })
        );
        assert_eq!(at("/minutes_book/recorded"), None);
        assert_eq!(pointer_position(b"not json", "/a", Position::START), None);
    }

    #[test]
    fn keys_are_found_as_keys_not_as_text() {
        let t = r#"{"x": "the \"kind\" word", "kind": "meeting"}"#;
        assert_eq!(
            key_position(t, "kind", Position::START).map(|p| p.column),
            Some(28)
        );
    }

    #[test]
    fn one_locator_places_every_item_of_a_long_list_as_a_scan_does() {
        let items: Vec<String> = (0..300)
            .map(|i| format!("    {{\"task\": \"việc {i}\", \"due\": \"khi xong\"}}"))
            .collect();
        let text = format!(
            "{{\n  \"session\": {{\n  \"assignments\": [\n{}\n  ]\n  }}\n}}",
            items.join(",\n")
        );
        let start = Position { line: 7, column: 1 };
        let locator = Locator::new(text.as_bytes(), start);
        for i in 0..300 {
            let pointer = format!("/session/assignments/{i}/due");
            let at = locator.pointer_position(&pointer).unwrap();
            assert_eq!(at.line, 7 + 3 + i, "{pointer}");
            // Byte offset of the key, as the whole-text scan finds it.
            let offset = text
                .match_indices("\"due\"")
                .nth(i as usize)
                .map(|(o, _)| o)
                .unwrap();
            assert_eq!(at, position_in(text.as_bytes(), offset, start));
        }
        assert_eq!(
            locator.pointer_position("/session/assignments/300/due"),
            locator.pointer_position("/session/assignments")
        );
    }
}
