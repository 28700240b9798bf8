//! Reading: one work item (a block of a JSON Lines file, or a whole file) parsed, validated
//! and checked record by record into a [`Part`](super::part::Part), which keeps only each record's summary.

use kiemtra_input::{
    split_json, split_jsonl, Chunk, Encoding, FileProblem, Format, IoProblem, Position, Reason,
    Rejection,
};

use crate::blocks::{read_block_hashed, Limits, Line, OwnBytes, Source};
use crate::digest::Chain;

use super::part::Part;
use super::{tabular, word, Reading};

/// A work item: a block of a JSON Lines file, or a whole file (JSON, CSV, a workbook, or a JSON
/// Lines file that must be transcoded first).
#[derive(Clone, Copy, Debug)]
pub(super) enum Item {
    Block(u64),
    Whole,
}

/// Reads one work item.
pub(super) fn read_item(
    src: &dyn Source,
    file: u32,
    format: Format,
    item: Item,
    reading: &Reading<'_>,
    chain: Option<&Chain<'_>>,
) -> Part {
    let (limits, mode) = (reading.limits, reading.mode);
    let mut part = Part::new(file);
    match (format, item) {
        (Format::JsonLines, Item::Block(block)) => {
            part.in_blocks = true;
            let to = chain.map(|c| c as &dyn OwnBytes);
            let end = read_block_hashed(src, block, limits, to, &mut |line| match line {
                Line::Text { text, local_line } => {
                    let chunk = Chunk {
                        text,
                        at: Position {
                            line: local_line.saturating_add(1),
                            column: 1,
                        },
                    };
                    part.record(&chunk, mode);
                }
                Line::TooLong { local_line } => part.rejected.push(Rejection {
                    at: Position {
                        line: local_line.saturating_add(1),
                        column: 1,
                    },
                    reason: Reason::TooLong {
                        limit: limits.max_record as u64,
                    },
                }),
            });
            part.newlines = end.newlines;
            if let Some((offset, e)) = end.error {
                part.errors.push(FileProblem::Read {
                    offset: Some(offset),
                    io: e,
                });
            } else if let Some(at) = end.shrank_at {
                part.errors.push(FileProblem::Changed {
                    ended_at: at,
                    len: src.len(),
                });
            }
        }
        (_, _) => {
            let Some(bytes) = read_whole(src, format, limits, &mut part) else {
                if let Some(chain) = chain {
                    if src.len() > limits.max_record.saturating_mul(64) as u64 {
                        chain.stream(src);
                    } else {
                        chain.lost(0);
                    }
                }
                return part;
            };
            if let Some(chain) = chain {
                chain.whole(&bytes);
            }
            // UTF-16 and Windows-1258 files are transcoded to UTF-8 (and NFC) first.
            let bytes = match format {
                Format::Csv | Format::Xlsx => {
                    tabular::read(&mut part, &bytes, format, reading);
                    return part;
                }
                Format::Docx => {
                    word::read(&mut part, &bytes, reading);
                    return part;
                }
                Format::Json | Format::JsonLines => {
                    kiemtra_input::decode::transcode(&bytes, reading.encoding).unwrap_or(bytes)
                }
            };
            let (chunks, rejected) = match format {
                Format::JsonLines => (split_jsonl(&bytes).collect(), Vec::new()),
                _ => split_json(&bytes),
            };
            part.rejected = rejected;
            for chunk in &chunks {
                if chunk.text.len() > limits.max_record {
                    part.rejected.push(Rejection {
                        at: chunk.at,
                        reason: Reason::TooLong {
                            limit: limits.max_record as u64,
                        },
                    });
                } else {
                    part.record(chunk, mode);
                }
            }
        }
    }
    part
}

/// Reads a whole file, within the limit for one document; `None` (with the file's error set)
/// when it cannot be read.
fn read_whole(
    src: &dyn Source,
    format: Format,
    limits: &Limits,
    part: &mut Part,
) -> Option<Vec<u8>> {
    let len = usize::try_from(src.len()).unwrap_or(usize::MAX);
    let complete = limits.max_record.saturating_mul(64);
    if len > complete {
        part.errors.push(FileProblem::TooLarge {
            bytes: len as u64,
            limit: complete as u64,
            json: format == Format::Json,
        });
        return None;
    }
    let mut bytes = Vec::new();
    match crate::blocks::read_all(src, &mut bytes) {
        Ok(true) => {}
        Ok(false) => {
            part.errors.push(FileProblem::Changed {
                ended_at: bytes.len() as u64,
                len: src.len(),
            });
        }
        Err(e) => {
            part.errors.push(FileProblem::Read {
                offset: None,
                io: IoProblem::of(&e),
            });
            return None;
        }
    }
    Some(bytes)
}

/// Whether a JSON Lines file must be read whole to be transcoded: a UTF-16 byte order mark, or
/// a legacy encoding asked for (only files that are not UTF-8 are transcoded).
pub(super) fn needs_transcoding(src: &dyn Source, encoding: Encoding) -> bool {
    let mut head = [0u8; 2];
    let n = src.read_at(&mut head, 0).unwrap_or(0);
    let bom16 = n == 2 && (head == [0xFF, 0xFE] || head == [0xFE, 0xFF]);
    bom16 || encoding != Encoding::default()
}

/// Whether a file starts like UTF-16 text whose byte order mark was lost.
pub(super) fn looks_like_utf16(src: &dyn Source) -> bool {
    let mut head = [0u8; 1024];
    let n = src.read_at(&mut head, 0).unwrap_or(0);
    kiemtra_input::decode::looks_like_utf16(head.get(..n).unwrap_or_default())
}
