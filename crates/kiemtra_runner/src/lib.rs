//! An inspection run: find the files, read and check every record in parallel, apply the
//! cross-record rules per unit, and return the findings in a stable order.
//!
//! The result is data ([`Outcome`]); printing it is the report crate's job.

mod baseline;
pub mod blocks;
mod digest;
mod discover;
mod inputs;
mod outcome;
mod policy;
mod progress;
mod reinspect;
mod run;
mod shown;
mod waive;
mod waiver;

pub use baseline::{
    Baseline, BaselineError, BaselineReport, Change, FindingAt, FindingKey, NotRechecked, PackUsed,
    PastFinding, MAX_BASELINE_BYTES,
};
pub use blocks::Limits;
pub use discover::{discover, Discovered, FileError};
pub use inputs::{InputFile, Inputs};
pub use kiemtra_input::Encoding;
pub use outcome::{
    Finding, Ix, MonthState, Names, Outcome, Rejected, Summary, UnitSummary, WordPlace,
};
pub use policy::{Policy, Selection, UnknownSelector, SELECT_ALL};
pub use progress::{Progress, Step};
pub use waiver::{AsOf, Waiver, WaiverScope, WaiverState, WaiverUse};

/// Version of the JSON report layout (`kiemtra.format`), which a baseline must have.
pub const REPORT_FORMAT: u32 = 1;
pub use run::{
    parse_only, plausible as plausible_date, run, run_bytes, run_with, Options, ParseCount,
    RunError,
};
