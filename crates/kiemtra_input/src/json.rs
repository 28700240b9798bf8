//! Splitting JSON and JSON Lines files into one chunk per record.

use crate::locate::{position_in, Position};
use crate::{Chunk, Reason, Rejection};

/// Strips a UTF-8 byte order mark.
fn without_bom(bytes: &[u8]) -> (&[u8], usize) {
    match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    }
}

/// One chunk per non-blank line.
pub fn split_jsonl(bytes: &[u8]) -> impl Iterator<Item = Chunk<'_>> {
    let (bytes, _) = without_bom(bytes);
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter_map(|(i, line)| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.iter().all(u8::is_ascii_whitespace) {
                return None;
            }
            let at = Position {
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                column: 1,
            };
            Some(Chunk { text: line, at })
        })
}

/// One chunk per element of a top-level array, or one chunk for a single top-level object.
/// What cannot be split (an unclosed array, text after the end) is rejected, with its place;
/// the elements before it are still returned.
pub fn split_json(bytes: &[u8]) -> (Vec<Chunk<'_>>, Vec<Rejection>) {
    let (bytes, _) = without_bom(bytes);
    let mut chunks = Vec::new();
    let mut rejections = Vec::new();
    let mut lines = LineCounter::default();
    let skip_ws = |i: &mut usize| {
        while bytes.get(*i).is_some_and(u8::is_ascii_whitespace) {
            *i += 1;
        }
    };
    let mut i = 0;
    skip_ws(&mut i);
    match bytes.get(i) {
        None => {}
        Some(b'[') => {
            i += 1;
            loop {
                skip_ws(&mut i);
                match bytes.get(i) {
                    Some(b']') => {
                        i += 1;
                        break;
                    }
                    Some(b',') => {
                        i += 1;
                        continue;
                    }
                    None if chunks.last().is_some_and(|c: &Chunk<'_>| {
                        c.text.as_ptr_range().end == bytes.as_ptr_range().end
                    }) =>
                    {
                        // The last element ran to the end of the file: its own rejection says so.
                        return (chunks, rejections);
                    }
                    None => {
                        rejections.push(Rejection {
                            at: lines.position(bytes, i),
                            reason: Reason::Syntax(crate::JsonProblem::ListNotClosed),
                        });
                        return (chunks, rejections);
                    }
                    Some(_) => {
                        let end = value_end(bytes, i);
                        let at = lines.position(bytes, i);
                        chunks.push(Chunk {
                            text: bytes.get(i..end).unwrap_or(&[]),
                            at,
                        });
                        i = end;
                    }
                }
            }
            skip_ws(&mut i);
            if i < bytes.len() {
                rejections.push(Rejection {
                    at: lines.position(bytes, i),
                    reason: Reason::TrailingText,
                });
            }
        }
        Some(_) => {
            // A single record: the whole file (serde_json rejects text after it).
            chunks.push(Chunk {
                text: bytes.get(i..).unwrap_or(&[]),
                at: lines.position(bytes, i),
            });
        }
    }
    (chunks, rejections)
}

/// The end (exclusive) of the JSON value starting at `start`: where its brackets close, or, for
/// a scalar or broken text, the next `,` or `]` at depth 0.
fn value_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                b',' | b']' if depth == 0 => return i,
                _ => {}
            }
        }
        i += 1;
    }
    i
}

/// Counts lines forward through a file, so that positions of successive elements cost the
/// bytes between them only.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    line: u32,
    line_start: usize,
}

impl LineCounter {
    fn position(&mut self, bytes: &[u8], offset: usize) -> Position {
        if self.line == 0 {
            self.line = 1;
        }
        let span = bytes.get(self.offset..offset).unwrap_or(&[]);
        for (k, &b) in span.iter().enumerate() {
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.line_start = self.offset + k + 1;
            }
        }
        self.offset = offset.max(self.offset);
        let start = Position {
            line: self.line,
            column: 1,
        };
        position_in(
            bytes.get(self.line_start..).unwrap_or(&[]),
            offset.saturating_sub(self.line_start),
            start,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_elements_carry_the_line_of_their_opening_brace() {
        let text = b"[\n  {\"a\": \"x]\"},\n  {\n    \"b\": 1\n  }\n]\n";
        let (chunks, rejected) = split_json(text);
        assert!(rejected.is_empty());
        let lines: Vec<u32> = chunks.iter().map(|c| c.at.line).collect();
        assert_eq!(lines, [2, 3]);
        assert_eq!(chunks[0].text, b"{\"a\": \"x]\"}");
        assert_eq!(chunks[0].at.column, 3);
    }

    #[test]
    fn unclosed_array_keeps_what_came_before() {
        let (chunks, rejected) = split_json(b"[{\"a\":1}, {\"b\":");
        assert_eq!(chunks.len(), 2);
        assert!(
            rejected.is_empty(),
            "the broken element is rejected when parsed"
        );
        let (chunks, rejected) = split_json(b"[{\"a\":1}\n");
        assert_eq!(chunks.len(), 1);
        assert_eq!(rejected.len(), 1);
        assert_eq!(rejected[0].at.line, 2);
    }

    #[test]
    fn jsonl_skips_blank_lines_and_bom() {
        let text = b"\xEF\xBB\xBF{\"a\":1}\r\n\n   \n{\"b\":2}";
        let lines: Vec<u32> = split_jsonl(text).map(|c| c.at.line).collect();
        assert_eq!(lines, [1, 4]);
    }
}
