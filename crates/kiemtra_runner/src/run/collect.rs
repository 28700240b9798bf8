//! Collecting: every input read, in parallel over blocks, and what the blocks found merged
//! back in file and line order, their strings interned once for the whole run.

use kiemtra_input::{FileProblem, Format, Position, Rejection};
use kiemtra_rules::Violation;
use rayon::prelude::*;

use crate::blocks::{block_count, FileSource, Source};
use crate::digest::{Chain, Spares};
use crate::discover::FileError;
use crate::inputs::FileDigest;
use crate::progress::{Progress, Step};

pub(super) use super::interner::Interner;
use super::part::Part;
use super::read::{looks_like_utf16, needs_transcoding, read_item, Item};
use super::{Input, Origin, Reading, Small, NONE};

/// Everything read, merged, before judging.
#[derive(Debug, Default)]
pub(super) struct Collected {
    pub(super) units: Interner,
    pub(super) per_unit: Vec<Vec<Small>>,
    pub(super) labels: Interner,
    pub(super) ids: Vec<Box<str>>,
    pub(super) violations: Vec<Violation>,
    pub(super) violation_at: Vec<Option<Position>>,
    pub(super) rejected: Vec<(u32, Rejection)>,
    /// Per file, rejections beyond [`LISTED_PER_FILE`]: (file, count, place of the first).
    pub(super) not_listed: Vec<(u32, u64, Position)>,
    /// The file whose rejections are being listed, and how many are.
    pub(super) listing: Option<(u32, usize)>,
    pub(super) file_errors: Vec<FileError>,
    pub(super) parsed: u64,
    /// By file index: the columns of CSV files and worksheets.
    pub(super) columns: Vec<(u32, kiemtra_input::Columns)>,
    /// By file index: where the fields of Word minutes are.
    pub(super) word: Vec<(u32, kiemtra_input::docx::Places)>,
    /// By file index: the size and SHA-256 of each file wholly read (when asked for).
    pub(super) digests: Vec<(u32, FileDigest)>,
}

/// Rejections listed one by one per file; the others are counted.
const LISTED_PER_FILE: usize = 10_000;

/// How many files are open at once.
const FILES_AT_ONCE: usize = 64;

/// Blocks read per worker thread between two merges (more: fewer waits at the end of a group;
/// what a group keeps is only its compact records).
const BLOCKS_PER_THREAD: usize = 16;

/// Reads every input, in parallel over blocks, and merges what the blocks found in order.
pub(super) fn collect(inputs: &[Input<'_>], reading: &Reading<'_>) -> Collected {
    let limits = reading.limits;
    let mut all = Collected::default();
    let spares = Spares::default();
    for (batch_no, batch) in inputs.chunks(FILES_AT_ONCE).enumerate() {
        let first = batch_no * FILES_AT_ONCE;
        // Open the batch's files; a file that cannot be opened is an error of that file.
        let mut sources: Vec<Option<Box<dyn Source + '_>>> = Vec::with_capacity(batch.len());
        for input in batch {
            sources.push(match input.origin {
                Origin::Path(p) => match FileSource::open(p) {
                    Ok(s) => Some(Box::new(s)),
                    Err(problem) => {
                        all.file_errors
                            .push(FileError::new(input.name.clone(), problem));
                        None
                    }
                },
                Origin::Bytes(b) => Some(Box::new(b)),
            });
        }
        let mut items: Vec<(usize, Item)> = Vec::new();
        for (k, (input, src)) in batch.iter().zip(&sources).enumerate() {
            let Some(src) = src else {
                Progress::report(reading.progress, Step::FileDone);
                continue;
            };
            let src = src.as_ref();
            if looks_like_utf16(src) && matches!(input.format, Format::Json | Format::JsonLines) {
                // Its lines are rejected one by one; the file says why they all are.
                all.file_errors.push(FileError::new(
                    input.name.clone(),
                    FileProblem::Utf16WithoutBom,
                ));
            }
            match input.format {
                Format::JsonLines if !needs_transcoding(src, reading.encoding) => {
                    let blocks = block_count(src, limits);
                    if blocks == 0 {
                        Progress::report(reading.progress, Step::FileDone);
                    }
                    items.extend((0..blocks).map(|b| (k, Item::Block(b))));
                }
                _ => items.push((k, Item::Whole)),
            }
        }
        // Each file's SHA-256, made from the blocks as they are read.
        let chains: Vec<Chain<'_>> = batch.iter().map(|_| Chain::new(&spares)).collect();
        // Blocks are read in parallel a group at a time; each group is merged while the next
        // is read, so that what is kept of a block is soon only its compact records, and no
        // worker waits for the merge. Workers take the blocks in file order (`par_bridge`
        // hands them out one by one), so that a file's blocks are hashed as they come.
        let group = rayon::current_num_threads().max(1) * BLOCKS_PER_THREAD;
        let read = |items: &[(usize, Item)]| -> Vec<Part> {
            let mut parts: Vec<(usize, Part)> = items
                .iter()
                .enumerate()
                .par_bridge()
                .map(|(at, &(k, item))| {
                    let file = u32::try_from(first + k).unwrap_or(NONE);
                    let chain = chains.get(k).filter(|_| reading.digest);
                    let part = match (batch.get(k), sources.get(k).and_then(Option::as_ref)) {
                        (Some(input), Some(src)) => {
                            read_item(src.as_ref(), file, input.format, item, reading, chain)
                        }
                        _ => Part::new(file),
                    };
                    (at, part)
                })
                .collect();
            parts.sort_unstable_by_key(|(at, _)| *at);
            parts.into_iter().map(|(_, part)| part).collect()
        };
        let mut cursor = Cursor {
            progress: reading.progress,
            ..Cursor::default()
        };
        let mut pending: Vec<Part> = Vec::new();
        for items in items.chunks(group) {
            let (_, parts) = rayon::join(
                || cursor.merge_all(&mut all, std::mem::take(&mut pending), inputs),
                || read(items),
            );
            pending = parts;
        }
        cursor.merge_all(&mut all, pending, inputs);
        if cursor.current.is_some() {
            Progress::report(reading.progress, Step::FileDone);
        }
        if reading.digest {
            for (k, (chain, src)) in chains.into_iter().zip(&sources).enumerate() {
                let file = u32::try_from(first + k).unwrap_or(NONE);
                if let (Some(_), Some(digest)) = (src, chain.finish()) {
                    all.digests.push((file, digest));
                }
            }
        }
    }
    all
}

/// Where merging stands in the current batch of files.
#[derive(Debug, Default)]
struct Cursor<'p> {
    /// Told when a file is wholly merged.
    progress: Option<&'p Progress>,
    /// Newlines of the current file's blocks merged so far.
    base: u32,
    current: Option<u32>,
    /// The last file whose error was reported (one error per file).
    errored: Option<u32>,
}

impl Cursor<'_> {
    /// Merges parts in order: each block's lines shifted by the newlines before it.
    fn merge_all(&mut self, all: &mut Collected, parts: Vec<Part>, inputs: &[Input<'_>]) {
        for mut part in parts {
            if self.current != Some(part.file) {
                if self.current.is_some() {
                    Progress::report(self.progress, Step::FileDone);
                }
                self.current = Some(part.file);
                self.base = 0;
            }
            if !part.errors.is_empty() && self.errored != Some(part.file) {
                self.errored = Some(part.file);
                let name = inputs.get(part.file as usize).map(|i| i.name.clone());
                for reason in std::mem::take(&mut part.errors) {
                    all.file_errors.push(FileError {
                        file: name.clone().unwrap_or_default(),
                        after_line: (part.in_blocks && self.base > 0).then_some(self.base),
                        reason,
                    });
                }
            }
            let newlines = part.newlines;
            all.merge(part, self.base);
            self.base = self.base.saturating_add(newlines);
        }
    }
}

impl Collected {
    /// Adds a part: its lines shifted by `base`, its strings re-indexed into the run's.
    fn merge(&mut self, part: Part, base: u32) {
        let shift = |p: Position| Position {
            line: p.line.saturating_add(base),
            column: p.column,
        };
        self.parsed += part.parsed;
        if let Some(c) = part.columns {
            self.columns.push((part.file, c));
        }
        if let Some(w) = part.word {
            self.word.push((part.file, w));
        }
        for r in part.rejected {
            let at = shift(r.at);
            let listed = match &mut self.listing {
                Some((file, n)) if *file == part.file => n,
                other => &mut other.insert((part.file, 0)).1,
            };
            if *listed < LISTED_PER_FILE {
                *listed += 1;
                self.rejected.push((
                    part.file,
                    Rejection {
                        at,
                        reason: r.reason,
                    },
                ));
            } else {
                match self.not_listed.last_mut() {
                    Some((file, count, _)) if *file == part.file => *count += 1,
                    _ => self.not_listed.push((part.file, 1, at)),
                }
            }
        }
        if part.records.is_empty() {
            return;
        }
        let units: Vec<u32> = part.units.all.iter().map(|u| self.units.get(u)).collect();
        let labels: Vec<u32> = part.labels.all.iter().map(|l| self.labels.get(l)).collect();
        if self.per_unit.len() < self.units.all.len() {
            self.per_unit.resize_with(self.units.all.len(), Vec::new);
        }
        let ids_base = u32::try_from(self.ids.len()).unwrap_or(NONE);
        let viol_base = u32::try_from(self.violations.len()).unwrap_or(NONE);
        self.ids.extend(part.ids);
        self.violations.extend(part.violations);
        self.violation_at
            .extend(part.violation_at.into_iter().map(|at| at.map(shift)));
        let label = |i: u32| labels.get(i as usize).copied().unwrap_or(NONE);
        for (unit, mut r) in part.records {
            r.line = r.line.saturating_add(base);
            if r.id != NONE {
                r.id = r.id.saturating_add(ids_base);
            }
            r.name = if r.name == NONE { NONE } else { label(r.name) };
            r.parent = if r.parent == NONE {
                NONE
            } else {
                label(r.parent)
            };
            r.viol_start = r.viol_start.saturating_add(viol_base);
            let u = units.get(unit as usize).copied().unwrap_or(0);
            if let Some(list) = self.per_unit.get_mut(u as usize) {
                list.push(r);
            }
        }
    }
}
