//! The inspection itself.
//!
//! Files are read in blocks by every worker at once ([`crate::blocks`]), each record is parsed,
//! validated and checked where it lies in its block, and only a compact summary of it is kept
//! ([`Small`], a few dozen bytes): the cross-record rules need no more. Unit codes and names are
//! interned, record ids are kept only when they differ from the default `unit/date`, and
//! violations only when there are some. Then each unit's summaries are ordered and judged, in
//! parallel, and the findings sorted.

use std::borrow::Cow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kiemtra_input::{
    parse, split_json, split_jsonl, Chunk, Encoding, FileProblem, Format, IoProblem, Position,
    Reason, Rejection,
};
use kiemtra_rules::meeting::{SessionSummary, Topics};
use kiemtra_rules::rules::{check_record, check_unit};
use kiemtra_rules::text::TopicId;
use kiemtra_rules::validate::default_id;
use kiemtra_rules::{
    At, FollowUpResult, Meeting, Month, Note, Parameters, Period, Record, Rule, Severity, Violation,
};
use rayon::prelude::*;

use crate::blocks::{block_count, read_block, FileSource, Limits, Line, Source};
use crate::discover::{discover, display, FileError};
use crate::inputs::Inputs;
use crate::outcome::{Finding, MonthState, Outcome, Rejected, Summary, UnitSummary};
use crate::policy::Policy;
use crate::progress::{Progress, Step};

mod beyond;
mod tabular;
mod word;

/// What to inspect and how.
#[derive(Clone, Debug)]
pub struct Options {
    pub policy: Policy,
    /// First month of the audited period; default: each unit's first record.
    pub from: Option<Month>,
    /// Last month of the audited period; default: each unit's last record.
    pub to: Option<Month>,
    /// What files without a byte order mark are written in.
    pub encoding: Encoding,
    /// Told of each file read (a progress bar), when given.
    pub progress: Option<Progress>,
    /// The cell's code for Word minutes that have no `Mã chi bộ` line (`--unit`).
    pub unit: Option<String>,
}

impl Options {
    /// The whole of each unit's records, UTF-8, no progress display.
    pub fn new(policy: Policy) -> Options {
        Options {
            policy,
            from: None,
            to: None,
            encoding: Encoding::default(),
            progress: None,
            unit: None,
        }
    }
}

/// Why a run could not be made at all (exit code 2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    /// A path named on the command line does not exist or cannot be read.
    Path(PathBuf),
    /// `--from` is after `--to`.
    EmptyPeriod { from: Month, to: Month },
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Path(p) => write!(f, "cannot read {}", display(p)),
            RunError::EmptyPeriod { from, to } => write!(f, "--from {from} is after --to {to}"),
        }
    }
}

impl std::error::Error for RunError {}

impl RunError {
    /// What went wrong, in `lang`.
    pub fn message(&self, lang: kiemtra_rules::Lang) -> String {
        match (self, lang) {
            (RunError::Path(p), kiemtra_rules::Lang::Vi) => {
                format!(
                    "không có tệp hoặc thư mục “{}” (hoặc không đọc được)",
                    display(p)
                )
            }
            (RunError::EmptyPeriod { from, to }, kiemtra_rules::Lang::Vi) => {
                format!("--from {from} ở sau --to {to}: kỳ kiểm tra không có tháng nào")
            }
            (e, kiemtra_rules::Lang::En) => e.to_string(),
        }
    }
}

/// Runs an inspection over `paths`.
pub fn run(paths: &[PathBuf], options: &Options) -> Result<Outcome, RunError> {
    run_with(paths, options, &Limits::DEFAULT)
}

/// Runs an inspection over `paths` with the given reading limits.
pub fn run_with(
    paths: &[PathBuf],
    options: &Options,
    limits: &Limits,
) -> Result<Outcome, RunError> {
    if let (Some(from), Some(to)) = (options.from, options.to) {
        if from > to {
            return Err(RunError::EmptyPeriod { from, to });
        }
    }
    let found = discover(paths).map_err(RunError::Path)?;
    let inputs = Input::all(&found);
    // What was read, for the reports to state: each file's SHA-256, hashed beside the checking
    // (a worker takes it while the others read blocks) rather than as a serial pass before it.
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let file_paths: Vec<&PathBuf> = found.files.iter().map(|(p, _)| p).collect();
    let params = *options.policy.parameters();
    let reading = Reading {
        limits,
        mode: Mode::Check(&params),
        encoding: options.encoding,
        progress: options.progress.as_ref(),
        unit: options.unit.as_deref(),
    };
    Progress::report(
        reading.progress,
        Step::Start {
            files: inputs.len(),
        },
    );
    let (digest, collected) = rayon::join(
        || Inputs::of_files(&names, &file_paths),
        || collect(&inputs, &reading),
    );
    Progress::report(reading.progress, Step::Finish);
    Ok(judge(
        collected,
        &inputs,
        found.errors.clone(),
        options,
        digest,
    ))
}

/// Runs an inspection over files given as bytes (`(name, format, bytes)`): the same reading,
/// checking and judging as [`run`], without the file system. For tests and fuzzing.
pub fn run_bytes(files: &[(&str, Format, &[u8])], options: &Options, limits: &Limits) -> Outcome {
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|(name, format, bytes)| Input {
            name: (*name).to_owned(),
            format: *format,
            origin: Origin::Bytes(bytes),
        })
        .collect();
    let params = *options.policy.parameters();
    let reading = Reading {
        limits,
        mode: Mode::Check(&params),
        encoding: options.encoding,
        progress: None,
        unit: options.unit.as_deref(),
    };
    let collected = collect(&inputs, &reading);
    judge(collected, &inputs, Vec::new(), options, Inputs::default())
}

/// What reading and parsing alone found (the "parse floor" of a run: no rule is applied).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseCount {
    pub files: usize,
    /// Records read: `parsed + rejected`.
    pub records: u64,
    /// Records that parsed and passed validation.
    pub parsed: u64,
    pub rejected: u64,
    /// Files that could not be read (wholly or partly).
    pub file_errors: usize,
}

/// Reads and parses (and validates) every record under `paths` exactly as [`run`] does, and
/// checks nothing: the floor under the cost of a run.
pub fn parse_only(paths: &[PathBuf], limits: &Limits) -> Result<ParseCount, RunError> {
    let found = discover(paths).map_err(RunError::Path)?;
    let inputs = Input::all(&found);
    let reading = Reading {
        limits,
        mode: Mode::ParseOnly,
        encoding: Encoding::default(),
        progress: None,
        unit: None,
    };
    let c = collect(&inputs, &reading);
    let rejected = c.rejected.len() as u64 + c.not_listed.iter().map(|n| n.1).sum::<u64>();
    Ok(ParseCount {
        files: inputs.len(),
        records: c.parsed + rejected,
        parsed: c.parsed,
        rejected,
        file_errors: c.file_errors.len() + found.errors.len(),
    })
}

/// A file to read.
struct Input<'a> {
    name: String,
    format: Format,
    origin: Origin<'a>,
}

impl<'a> Input<'a> {
    /// The files discovery found, in its order.
    fn all(found: &'a crate::discover::Discovered) -> Vec<Input<'a>> {
        found
            .files
            .iter()
            .map(|(path, format)| Input {
                name: display(path),
                format: *format,
                origin: Origin::Path(path),
            })
            .collect()
    }
}

enum Origin<'a> {
    Path(&'a Path),
    Bytes(&'a [u8]),
}

#[derive(Clone, Copy)]
enum Mode<'p> {
    Check(&'p Parameters),
    ParseOnly,
}

/// How files are read: limits, whether records are checked, the encoding of files without a
/// byte order mark, and who is told of each file done.
#[derive(Clone, Copy)]
struct Reading<'r> {
    limits: &'r Limits,
    mode: Mode<'r>,
    encoding: Encoding,
    progress: Option<&'r Progress>,
    /// `--unit`, for Word minutes without a `Mã chi bộ` line.
    unit: Option<&'r str>,
}

const NONE: u32 = u32::MAX;

/// A checked record, reduced to what the rest of the run needs (56 bytes).
#[derive(Clone, Copy, Debug)]
struct Small {
    /// Line in its file (relative to its block until merged).
    line: u32,
    file: u32,
    date: NaiveDate,
    /// Index into the ids, or `NONE` for the default id `unit/date`.
    id: u32,
    /// Indexes into the labels, or `NONE`.
    name: u32,
    parent: u32,
    /// The record's violations: `violations[viol_start..viol_start + viol_len]`.
    viol_start: u32,
    viol_len: u32,
    meeting: Packed,
}

/// A [`Meeting`] without its date, packed.
#[derive(Clone, Copy, Debug)]
struct Packed {
    /// bit 0 periodic; bit 1 session; bits 2–3 topics (0 none, 1 one, 2 many); bits 4–5
    /// follow-up result (0 none, 1 achieved, 2 in progress, 3 not achieved); bit 6 follow-up
    /// topic.
    flags: u8,
    topic: u64,
    follow_up_topic: u64,
}

impl Packed {
    fn of(m: &Meeting) -> Packed {
        let mut flags = u8::from(m.periodic);
        let (mut topic, mut follow_up_topic) = (0, 0);
        if let Some(s) = &m.session {
            flags |= 2;
            match s.topics {
                Topics::None => {}
                Topics::One(t) => {
                    flags |= 1 << 2;
                    topic = t.0;
                }
                Topics::Many => flags |= 2 << 2,
            }
            flags |= match s.follow_up_result {
                None => 0,
                Some(FollowUpResult::Achieved) => 1 << 4,
                Some(FollowUpResult::InProgress) => 2 << 4,
                Some(FollowUpResult::NotAchieved) => 3 << 4,
            };
            if let Some(t) = s.follow_up_topic {
                flags |= 1 << 6;
                follow_up_topic = t.0;
            }
        }
        Packed {
            flags,
            topic,
            follow_up_topic,
        }
    }

    fn meeting(self, date: NaiveDate) -> Meeting {
        let f = self.flags;
        let session = (f & 2 != 0).then(|| SessionSummary {
            topics: match (f >> 2) & 3 {
                0 => Topics::None,
                1 => Topics::One(TopicId(self.topic)),
                _ => Topics::Many,
            },
            follow_up_result: match (f >> 4) & 3 {
                0 => None,
                1 => Some(FollowUpResult::Achieved),
                2 => Some(FollowUpResult::InProgress),
                _ => Some(FollowUpResult::NotAchieved),
            },
            follow_up_topic: (f & (1 << 6) != 0).then_some(TopicId(self.follow_up_topic)),
        });
        Meeting {
            date,
            periodic: f & 1 != 0,
            session,
        }
    }
}

/// Strings met in one block or in the whole run, each kept once.
#[derive(Debug, Default)]
struct Interner {
    all: Vec<Box<str>>,
    /// foldhash: fast, and seeded at random (no input can make its lookups collide at will).
    index: foldhash::HashMap<Box<str>, u32>,
}

impl Interner {
    fn get(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = u32::try_from(self.all.len()).unwrap_or(NONE - 1);
        self.all.push(s.into());
        self.index.insert(s.into(), i);
        i
    }
}

/// What one block (or one JSON file) gave.
#[derive(Debug, Default)]
struct Part {
    file: u32,
    /// Lines below are relative: add the newlines of the file's earlier blocks.
    newlines: u32,
    units: Interner,
    labels: Interner,
    ids: Vec<Box<str>>,
    violations: Vec<Violation>,
    /// Beside each violation: where its field is written, for a record spread over several
    /// lines (pretty-printed JSON); `None` otherwise (the record's line is the place).
    violation_at: Vec<Option<Position>>,
    /// (unit index in `units`, record).
    records: Vec<(u32, Small)>,
    rejected: Vec<Rejection>,
    parsed: u64,
    /// Problems of the file met while reading this part.
    errors: Vec<FileProblem>,
    /// A block of a JSON Lines file: its errors say after which line they came.
    in_blocks: bool,
    /// For a CSV file or a worksheet: which field each column holds.
    columns: Option<kiemtra_input::Columns>,
    /// For Word minutes: the paragraph and label of each field read.
    word: Option<kiemtra_input::docx::Places>,
}

/// A meeting date that can be real: from the Party's founding (1930) to 2199. Waivers'
/// expiry dates are held to the same years.
pub fn plausible(date: NaiveDate) -> bool {
    use chrono::Datelike;
    (1930..=2199).contains(&date.year())
}

/// The longest id, unit code, unit name or parent kept for the run, in bytes.
const MAX_KEPT_FIELD: usize = 1024;

/// The first field kept for the whole run that is over [`MAX_KEPT_FIELD`].
fn too_long(record: &Record<'_>) -> Option<&'static str> {
    let over = |s: Option<&str>| s.is_some_and(|s| s.len() > MAX_KEPT_FIELD);
    if over(Some(&record.id)) {
        Some("/id")
    } else if over(Some(&record.unit)) {
        Some("/unit/code")
    } else if over(record.unit_name.as_deref()) {
        Some("/unit/name")
    } else if over(record.parent.as_deref()) {
        Some("/unit/parent")
    } else {
        None
    }
}

/// What the run refuses to keep of a record that format v1 accepts: a date outside the
/// plausible years, or an identifying field too long to keep for the whole run.
pub(crate) fn admissible(record: &Record<'_>) -> Result<(), Reason> {
    if !plausible(record.date) {
        return Err(Reason::DateOutOfRange {
            date: record.date.format("%Y-%m-%d").to_string(),
        });
    }
    if let Some(pointer) = too_long(record) {
        return Err(Reason::FieldTooLong {
            pointer,
            limit: MAX_KEPT_FIELD,
        });
    }
    Ok(())
}

/// True when `id` is what validation gives a record without one: `code/YYYY-MM-DD`.
fn is_default_id(id: &str, code: &str, date: NaiveDate) -> bool {
    let Some(rest) = id.strip_prefix(code).and_then(|r| r.strip_prefix('/')) else {
        return false;
    };
    use chrono::Datelike;
    if (0..=9999).contains(&date.year()) && rest.len() == 10 {
        let b = rest.as_bytes();
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            std::str::from_utf8(b.get(r)?).ok()?.parse().ok()
        };
        return b.get(4) == Some(&b'-')
            && b.get(7) == Some(&b'-')
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
            && num(0..4) == u32::try_from(date.year()).ok()
            && num(5..7) == Some(date.month())
            && num(8..10) == Some(date.day());
    }
    rest == date.format("%Y-%m-%d").to_string()
}

/// What a panic said, for an internal-error rejection.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_owned()
    }
}

/// Runs `f` on a record, turning a panic into a rejection of that record with its place: a
/// bug in one rule never stops the batch.
pub(crate) fn guarded<'a, T>(
    at: Position,
    f: impl FnOnce() -> Result<T, Rejection> + 'a,
) -> Result<T, Rejection> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(Rejection {
            at,
            reason: Reason::Internal(panic_message(payload.as_ref())),
        }),
    }
}

impl Part {
    fn new(file: u32) -> Part {
        Part {
            file,
            ..Part::default()
        }
    }

    /// Parses, validates and checks one record, and keeps its summary or its rejection.
    fn record(&mut self, chunk: &Chunk<'_>, mode: Mode<'_>) {
        let params = match mode {
            Mode::ParseOnly => {
                match parse(chunk) {
                    Ok(_) => self.parsed += 1,
                    Err(r) => self.rejected.push(r),
                }
                return;
            }
            Mode::Check(params) => params,
        };
        // Everything happens inside the guard, so that the record is never moved out of it.
        let checked = guarded(chunk.at, || {
            let record = parse(chunk)?;
            let reject = |reason| Rejection {
                at: chunk.at,
                reason,
            };
            admissible(&record).map_err(reject)?;
            let mut violations = Vec::new();
            check_record(&record, params, &mut violations);
            let meeting = Meeting::of(&record);
            let first = self.violations.len();
            self.keep(chunk.at.line, &record, violations, &meeting);
            if memchr::memchr(b'\n', chunk.text).is_some() {
                // Pretty-printed: each finding points at its field's own line and column.
                for (v, at) in self.violations[first..]
                    .iter()
                    .zip(&mut self.violation_at[first..])
                {
                    *at = v
                        .pointer
                        .as_deref()
                        .and_then(|p| kiemtra_input::pointer_position(chunk.text, p, chunk.at));
                }
            }
            Ok(())
        });
        if let Err(r) = checked {
            self.rejected.push(r);
        }
    }

    fn keep(
        &mut self,
        line: u32,
        record: &Record<'_>,
        violations: Vec<Violation>,
        meeting: &Meeting,
    ) {
        let unit = self.units.get(&record.unit);
        let id = if is_default_id(&record.id, &record.unit, record.date) {
            NONE
        } else {
            self.ids.push(record.id.as_ref().into());
            u32::try_from(self.ids.len() - 1).unwrap_or(NONE - 1)
        };
        let name = record
            .unit_name
            .as_deref()
            .map_or(NONE, |n| self.labels.get(n));
        let parent = record
            .parent
            .as_deref()
            .map_or(NONE, |n| self.labels.get(n));
        let viol_start = u32::try_from(self.violations.len()).unwrap_or(NONE);
        let viol_len = u32::try_from(violations.len()).unwrap_or(NONE);
        self.violations.extend(violations);
        self.violation_at.resize(self.violations.len(), None);
        self.records.push((
            unit,
            Small {
                line,
                file: self.file,
                date: record.date,
                id,
                name,
                parent,
                viol_start,
                viol_len,
                meeting: Packed::of(meeting),
            },
        ));
    }
}

/// A work item: a block of a JSON Lines file, or a whole file (JSON, CSV, a workbook, or a JSON
/// Lines file that must be transcoded first).
#[derive(Clone, Copy, Debug)]
enum Item {
    Block(u64),
    Whole,
}

/// Reads one work item.
fn read_item(
    src: &dyn Source,
    file: u32,
    format: Format,
    item: Item,
    reading: &Reading<'_>,
) -> Part {
    let (limits, mode) = (reading.limits, reading.mode);
    let mut part = Part::new(file);
    match (format, item) {
        (Format::JsonLines, Item::Block(block)) => {
            part.in_blocks = true;
            let end = read_block(src, block, limits, &mut |line| match line {
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
                return part;
            };
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
fn needs_transcoding(src: &dyn Source, encoding: Encoding) -> bool {
    let mut head = [0u8; 2];
    let n = src.read_at(&mut head, 0).unwrap_or(0);
    let bom16 = n == 2 && (head == [0xFF, 0xFE] || head == [0xFE, 0xFF]);
    bom16 || encoding != Encoding::default()
}

/// Whether a file starts like UTF-16 text whose byte order mark was lost.
fn looks_like_utf16(src: &dyn Source) -> bool {
    let mut head = [0u8; 1024];
    let n = src.read_at(&mut head, 0).unwrap_or(0);
    kiemtra_input::decode::looks_like_utf16(head.get(..n).unwrap_or_default())
}

/// Everything read, merged, before judging.
#[derive(Debug, Default)]
struct Collected {
    units: Interner,
    per_unit: Vec<Vec<Small>>,
    labels: Interner,
    ids: Vec<Box<str>>,
    violations: Vec<Violation>,
    violation_at: Vec<Option<Position>>,
    rejected: Vec<(u32, Rejection)>,
    /// Per file, rejections beyond [`LISTED_PER_FILE`]: (file, count, place of the first).
    not_listed: Vec<(u32, u64, Position)>,
    /// The file whose rejections are being listed, and how many are.
    listing: Option<(u32, usize)>,
    file_errors: Vec<FileError>,
    parsed: u64,
    /// By file index: the columns of CSV files and worksheets.
    columns: Vec<(u32, kiemtra_input::Columns)>,
    /// By file index: where the fields of Word minutes are.
    word: Vec<(u32, kiemtra_input::docx::Places)>,
}

/// Rejections listed one by one per file; the others are counted.
const LISTED_PER_FILE: usize = 10_000;

/// How many files are open at once.
const FILES_AT_ONCE: usize = 64;

/// Blocks read per worker thread between two merges.
const BLOCKS_PER_THREAD: usize = 4;

/// Reads every input, in parallel over blocks, and merges what the blocks found in order.
fn collect(inputs: &[Input<'_>], reading: &Reading<'_>) -> Collected {
    let limits = reading.limits;
    let mut all = Collected::default();
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
        // Blocks are read in parallel a group at a time; each group is merged while the next
        // is read, so that what is kept of a block is soon only its compact records, and no
        // worker waits for the merge.
        let group = rayon::current_num_threads().max(1) * BLOCKS_PER_THREAD;
        let read = |items: &[(usize, Item)]| -> Vec<Part> {
            items
                .par_iter()
                .map(|&(k, item)| {
                    let file = u32::try_from(first + k).unwrap_or(NONE);
                    match (batch.get(k), sources.get(k).and_then(Option::as_ref)) {
                        (Some(input), Some(src)) => {
                            read_item(src.as_ref(), file, input.format, item, reading)
                        }
                        _ => Part::new(file),
                    }
                })
                .collect()
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

/// The run's tables that findings are placed with.
struct Tables<'t> {
    names: &'t [String],
    ids: &'t [Box<str>],
    labels: &'t [Box<str>],
    violations: &'t [Violation],
    violation_at: &'t [Option<Position>],
}

impl Tables<'_> {
    fn file(&self, r: &Small) -> &str {
        self.names.get(r.file as usize).map_or("", String::as_str)
    }

    fn id<'a>(&'a self, code: &str, r: &Small) -> Cow<'a, str> {
        match self.ids.get(r.id as usize) {
            Some(id) if r.id != NONE => Cow::Borrowed(id),
            _ => Cow::Owned(default_id(code, r.date)),
        }
    }

    fn label(&self, i: u32) -> Option<&str> {
        (i != NONE)
            .then(|| self.labels.get(i as usize))
            .flatten()
            .map(|s| &**s)
    }

    fn violations(&self, r: &Small) -> &[Violation] {
        let start = r.viol_start as usize;
        self.violations
            .get(start..start.saturating_add(r.viol_len as usize))
            .unwrap_or(&[])
    }

    /// Where the `k`th violation of `r` is written, when known apart from the record's line.
    fn violation_at(&self, r: &Small, k: usize) -> Option<Position> {
        self.violation_at
            .get((r.viol_start as usize).saturating_add(k))
            .copied()
            .flatten()
    }
}

/// Orders each unit's records, runs the cross-record rules, places every finding, sorts.
fn judge(
    mut c: Collected,
    inputs: &[Input<'_>],
    discover_errors: Vec<FileError>,
    options: &Options,
    digest: Inputs,
) -> Outcome {
    let names: Vec<String> = inputs.iter().map(|i| i.name.clone()).collect();
    let mut file_errors = discover_errors;
    file_errors.extend(c.file_errors);
    let mut rejected: Vec<Rejected> = c
        .rejected
        .into_iter()
        .map(|(file, r)| Rejected {
            file: names.get(file as usize).cloned().unwrap_or_default(),
            line: r.at.line,
            column: r.at.column,
            reason: r.reason,
        })
        .collect();
    let mut summary = Summary {
        files: names.len(),
        ..Summary::default()
    };
    for (file, r, latest) in beyond::beyond_batch(&mut c.per_unit, options.policy.as_of()) {
        rejected.push(Rejected {
            file: names.get(file as usize).cloned().unwrap_or_default(),
            line: r.line,
            column: 1,
            reason: Reason::DateBeyondBatch {
                date: r.date.to_string(),
                latest: latest.to_string(),
                given: options.policy.as_of().is_some(),
            },
        });
    }
    summary.checked = c.per_unit.iter().map(Vec::len).sum();
    summary.rejected = rejected.len();
    for (file, count, at) in c.not_listed {
        summary.rejected += usize::try_from(count).unwrap_or(usize::MAX);
        rejected.push(Rejected {
            file: names.get(file as usize).cloned().unwrap_or_default(),
            line: at.line,
            column: at.column,
            reason: Reason::NotListed { count },
        });
    }
    summary.records = summary.checked + summary.rejected;

    let latest_meeting = c.per_unit.iter().flatten().map(|r| r.date).max();
    let columns: std::collections::BTreeMap<String, kiemtra_input::Columns> = c
        .columns
        .into_iter()
        .filter_map(|(file, cols)| Some((names.get(file as usize)?.clone(), cols)))
        .collect();
    let word: std::collections::BTreeMap<String, kiemtra_input::docx::Places> = c
        .word
        .into_iter()
        .filter_map(|(file, places)| Some((names.get(file as usize)?.clone(), places)))
        .collect();
    let tables = Tables {
        names: &names,
        ids: &c.ids,
        labels: &c.labels.all,
        violations: &c.violations,
        violation_at: &c.violation_at,
    };
    // Units in code order (as a BTreeMap keyed by code would give).
    let mut units: Vec<(&str, Vec<Small>)> = c
        .units
        .all
        .iter()
        .map(|u| &**u)
        .zip(c.per_unit)
        .filter(|(_, records)| !records.is_empty())
        .collect();
    units.sort_unstable_by(|a, b| a.0.cmp(b.0));
    summary.units = units.len();

    let per_unit: Vec<Judged> = units
        .into_par_iter()
        .map(|(code, records)| judge_unit(code, records, options, &tables))
        .collect();

    let mut findings = Vec::with_capacity(per_unit.iter().map(|j| j.findings.len()).sum());
    let mut units = Vec::with_capacity(per_unit.len());
    let mut judged = std::collections::BTreeSet::new();
    let earliest_record = per_unit.iter().filter_map(|j| j.first_record).min();
    for j in per_unit {
        findings.extend(j.findings);
        judged.extend(j.judged.into_iter().map(|id| (j.unit.code.clone(), id)));
        units.push(j.unit);
        summary.outside_period += j.outside;
        summary.before_effective += j.before_effective;
        file_errors.extend(j.crashed);
    }
    findings.par_sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    rejected.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    file_errors.sort_by(|a, b| a.file.cmp(&b.file));
    for f in &findings {
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
    let first_month = options.policy.pack.first_month();
    let asked_from = options
        .from
        .or(earliest_record)
        .filter(|&m| m < first_month);
    let mut outcome = Outcome {
        summary,
        from: options.from.map(|f| f.max(first_month)),
        asked_from,
        to: options.to,
        findings,
        rejected,
        file_errors,
        units,
        first_month: options.policy.pack.first_month(),
        latest_meeting,
        waived: Vec::new(),
        waivers: Vec::new(),
        as_of: None,
        judged,
        baseline: None,
        inputs: digest,
        columns,
        word,
    };
    let policy = &options.policy;
    crate::waiver::apply(&mut outcome, policy.waivers(), policy.as_of());
    outcome
}

/// What judging one unit gave.
struct Judged {
    findings: Vec<Finding>,
    unit: UnitSummary,
    /// Records outside the audited period, and before the pack's effective date.
    outside: usize,
    before_effective: usize,
    /// Ids of the records judged.
    judged: Vec<String>,
    /// A failure inside the cross-record rules (a bug), reported beside the file errors.
    crashed: Option<FileError>,
    /// The month of the unit's first record.
    first_record: Option<Month>,
}

type SortKey<'f> = (
    &'f str,
    Month,
    Option<NaiveDate>,
    Option<&'f str>,
    Option<u32>,
    &'static str,
    Option<&'f str>,
);

fn sort_key(f: &Finding) -> SortKey<'_> {
    (
        &f.unit,
        f.month,
        f.date,
        f.file.as_deref(),
        f.line,
        f.violation.rule.code(),
        f.violation.pointer.as_deref(),
    )
}

/// Orders a unit's records, runs the cross-record rules, and places every finding.
fn judge_unit(code: &str, mut records: Vec<Small>, options: &Options, t: &Tables<'_>) -> Judged {
    records.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| t.id(code, a).cmp(&t.id(code, b)))
            .then_with(|| t.file(a).cmp(t.file(b)))
            .then_with(|| a.line.cmp(&b.line))
    });
    let first = records.first().map(|r| Month::of(r.date));
    let last = records.last().map(|r| Month::of(r.date));
    let pack = &options.policy.pack;
    let asked_from = options
        .from
        .or(first)
        .unwrap_or(Month { year: 1, month: 1 });
    let to = options.to.or(last).unwrap_or(Month { year: 1, month: 1 });
    // The cadence grid never starts before the pack's first full month; a record between the
    // effective date and that month is judged by the record rules, outside the grid.
    let period = Period {
        from: asked_from.max(pack.first_month()),
        to,
    };
    let judged_months = Period {
        from: asked_from.max(pack.effective_month()),
        to,
    };

    let meetings: Vec<Meeting> = records.iter().map(|r| r.meeting.meeting(r.date)).collect();
    let mut unit_violations = Vec::new();
    let crashed = guarded(Position::START, || {
        check_unit(
            &meetings,
            period,
            options.policy.parameters(),
            &mut unit_violations,
        );
        Ok(())
    })
    .err()
    .map(|r| {
        // A bug in a cross-record rule: reported; the unit's record findings still stand.
        unit_violations.clear();
        let detail = match r.reason {
            Reason::Internal(e) => e,
            other => format!("{other:?}"),
        };
        FileError::new(
            String::new(),
            FileProblem::UnitRulesFailed {
                unit: code.to_owned(),
                detail,
            },
        )
    });
    drop(meetings);

    let policy = &options.policy;
    let effective = policy.pack.pack.effective;
    let is_judged = |r: &Small| r.date >= effective && judged_months.contains(Month::of(r.date));
    let mut findings = Vec::new();
    let place = |r: &Small, v: Violation, severity: Severity, at: Option<Position>| Finding {
        severity,
        violation: v,
        unit: code.to_owned(),
        record: Some(t.id(code, r).into_owned()),
        month: Month::of(r.date),
        date: Some(r.date),
        file: Some(t.file(r).to_owned()),
        line: Some(at.map_or(r.line, |p| p.line)),
        column: at.map(|p| p.column),
        waiver: None,
        change: None,
    };
    let mut has_error = vec![false; records.len()];
    for (at, v) in unit_violations {
        // Whether the rule is on, and its severity: the policy decides.
        let Some(severity) = policy.decide_violation(&v) else {
            continue;
        };
        match at {
            At::Meeting(i) => {
                if let Some(r) = records.get(i) {
                    if is_judged(r) {
                        let f = place(r, v, severity, None);
                        if f.severity == Severity::Error {
                            if let Some(h) = has_error.get_mut(i) {
                                *h = true;
                            }
                        }
                        findings.push(f);
                    }
                }
            }
            At::Month(month) => findings.push(Finding {
                severity,
                violation: v,
                unit: code.to_owned(),
                record: None,
                month,
                date: None,
                file: None,
                line: None,
                column: None,
                waiver: None,
                change: None,
            }),
        }
    }

    let mut outside = 0;
    let mut before_effective = 0;
    let mut judged = Vec::new();
    let mut month_state: Vec<(Month, MonthState)> =
        period.months().map(|m| (m, MonthState::Missing)).collect();
    let mut meetings_in_period = 0;
    let mut earliest_judged_session = None;
    for (i, r) in records.iter().enumerate() {
        let month = Month::of(r.date);
        if r.date < effective {
            before_effective += 1;
            continue;
        }
        if !is_judged(r) {
            outside += 1;
            continue;
        }
        meetings_in_period += 1;
        judged.push(t.id(code, r).into_owned());
        let mut error = has_error.get(i).copied().unwrap_or(false);
        // A session written but unreadable (CD101 unverifiable) does not fail the month by
        // itself.
        let mut session_unverifiable = false;
        for (k, v) in t.violations(r).iter().enumerate() {
            let Some(severity) = policy.decide_violation(v) else {
                continue;
            };
            session_unverifiable |= v.rule == Rule::SessionHeld && v.unverifiable();
            let f = place(r, v.clone(), severity, t.violation_at(r, k));
            error |= f.severity == Severity::Error;
            findings.push(f);
        }
        let meeting = r.meeting.meeting(r.date);
        if meeting.session.is_some() && earliest_judged_session.is_none() {
            earliest_judged_session = Some(i);
        }
        if meeting.periodic && period.contains(month) {
            let state = if (meeting.session.is_some() || session_unverifiable) && !error {
                MonthState::Compliant
            } else {
                MonthState::Failing
            };
            let k = period.from.count_through(month).saturating_sub(1) as usize;
            if let Some((_, s)) = month_state.get_mut(k) {
                *s = (*s).max_state(state);
            }
        }
    }

    // Name and parent: from the latest record that gives them.
    let name = records
        .iter()
        .rev()
        .find_map(|r| t.label(r.name))
        .map(str::to_owned);
    let parent = records
        .iter()
        .rev()
        .find_map(|r| t.label(r.parent))
        .map(str::to_owned);
    let notes = follow_up_notes(&records, earliest_judged_session, pack.first_month());
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let summary = UnitSummary {
        name,
        parent,
        period,
        meetings: meetings_in_period,
        months_held: month_state
            .iter()
            .filter(|(_, s)| *s != MonthState::Missing)
            .count() as u32,
        months_compliant: month_state
            .iter()
            .filter(|(_, s)| *s == MonthState::Compliant)
            .count() as u32,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        waived: 0,
        months: month_state,
        notes,
        code: code.to_owned(),
    };
    Judged {
        findings,
        unit: summary,
        outside,
        before_effective,
        judged,
        crashed,
        first_record: first,
    }
}

/// The notes of what could not be checked for a unit (catalogue v1.1): when its earliest judged
/// session (index `earliest` of the date-ordered `records`) has no earlier session in the input
/// and falls after the pack's first full month, CD501–CD505 cannot be judged for it. In the first
/// full month, or between the effective date and it, no earlier session is expected.
fn follow_up_notes(records: &[Small], earliest: Option<usize>, first_month: Month) -> Vec<Note> {
    let Some(r) = earliest.and_then(|i| records.get(i)) else {
        return Vec::new();
    };
    let earlier_session = records
        .iter()
        .take_while(|e| e.date < r.date)
        .any(|e| e.meeting.meeting(e.date).session.is_some());
    if earlier_session || Month::of(r.date) <= first_month {
        return Vec::new();
    }
    vec![Note::FollowUpNotJudged { date: r.date }]
}

impl MonthState {
    /// The better of two states of one month.
    fn max_state(self, other: MonthState) -> MonthState {
        let rank = |s: MonthState| match s {
            MonthState::Missing => 0,
            MonthState::Failing => 1,
            MonthState::Compliant => 2,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_checking_is_a_rejection_with_its_place() {
        let at = Position { line: 7, column: 1 };
        let r: Result<(), Rejection> = guarded(at, || panic!("rule bug"));
        let r = r.unwrap_err();
        assert_eq!(r.at, at);
        assert_eq!(r.reason, Reason::Internal("rule bug".into()));
    }

    #[test]
    fn default_ids_are_recognised() {
        let d = NaiveDate::from_ymd_opt(2017, 3, 5).unwrap();
        assert!(is_default_id("HC-CB01/2017-03-05", "HC-CB01", d));
        assert!(!is_default_id("HC-CB01/2017-03-06", "HC-CB01", d));
        assert!(!is_default_id("HC-CB01/2017-3-05", "HC-CB01", d));
        assert!(!is_default_id("HC-CB0/2017-03-05", "HC-CB01", d));
        assert!(!is_default_id("HC-CB01/2017-03-05 ", "HC-CB01", d));
        assert_eq!(default_id("X", d), "X/2017-03-05");
    }
}
