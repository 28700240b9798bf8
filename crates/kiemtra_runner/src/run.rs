//! The inspection itself.
//!
//! Files are read in blocks by every worker at once ([`crate::blocks`]), each record is parsed,
//! validated and checked where it lies in its block, and only a compact summary of it is kept
//! ([`Small`], a few dozen bytes): the cross-record rules need no more. Unit codes and names are
//! interned, record ids are kept only when they differ from the default `unit/date`, and
//! violations only when there are some. Then each unit's summaries are ordered and judged, in
//! parallel, and the findings sorted.
//!
//! This module holds the entry points and the run's flow; the steps are its submodules:
//! [`read`] (one work item into a [`part::Part`]), [`collect`] (the parts merged in order),
//! [`judge`] (the cross-record rules and the findings' order), and [`packed`] (a meeting in a
//! few bytes).

use kiemtra_messages::{m, Say};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kiemtra_input::{Encoding, Format};
use kiemtra_rules::{Month, Parameters};

use crate::baseline::Baseline;
use crate::blocks::Limits;
use crate::discover::{discover, display};
use crate::inputs::Inputs;
use crate::outcome::Outcome;
use crate::policy::Policy;
use crate::progress::{Progress, Step};

use collect::collect;
use judge::judge;
use packed::Packed;
pub use part::plausible;

mod beyond;
mod collect;
mod interner;
mod judge;
mod packed;
mod part;
mod read;
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
    /// The report of a previous inspection to compare with (re-inspection): each finding is
    /// marked new or still open and what was found then and not now is listed as resolved or
    /// not re-checked ([`Outcome::baseline`]), after the waivers are applied. Only the records
    /// its findings are about are remembered while judging ([`Outcome::judged`]): remembering
    /// every record would cost ~150 bytes a record, for nothing without a baseline.
    pub baseline: Option<Baseline>,
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
            baseline: None,
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

/// In English, for `?` where no language is at hand; reports word it with [`Say`].
impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(kiemtra_messages::Lang::En))
    }
}

impl std::error::Error for RunError {}

impl RunError {
    /// What went wrong, in `lang` (see [`Say`]).
    pub fn message(&self, lang: kiemtra_messages::Lang) -> String {
        self.say(lang)
    }
}

impl Say for RunError {
    fn say_into(&self, lang: kiemtra_messages::Lang, out: &mut String) {
        match self {
            RunError::Path(p) => m::runner::PathMissing { path: &display(p) }.say_into(lang, out),
            RunError::EmptyPeriod { from, to } => {
                m::runner::EmptyPeriod { from, to }.say_into(lang, out)
            }
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
    let params = *options.policy.parameters();
    let reading = Reading {
        limits,
        mode: Mode::Check(&params),
        encoding: options.encoding,
        progress: options.progress.as_ref(),
        unit: options.unit.as_deref(),
        digest: true,
    };
    Progress::report(
        reading.progress,
        Step::Start {
            files: inputs.len(),
        },
    );
    let mut collected = collect(&inputs, &reading);
    // What was read, for the reports to state: each file's SHA-256, made from the bytes the
    // readers read (crate::digest).
    let digest = Inputs::of_read(
        std::mem::take(&mut collected.digests)
            .into_iter()
            .filter_map(|(file, d)| {
                let (path, _) = found.files.get(file as usize)?;
                let name = inputs.get(file as usize)?.name.clone();
                Some((name, path.as_path(), d))
            }),
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
        digest: false,
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
        digest: false,
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
    /// Whether each file's SHA-256 is made as it is read (not for the parse floor, nor for
    /// bytes given without files).
    digest: bool,
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

impl Small {
    /// The month the meeting counts for (its `month` when stated and readable, else its date's).
    pub(super) fn month(&self) -> Month {
        self.meeting.meeting(self.date).month
    }
}
