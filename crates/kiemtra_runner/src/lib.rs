//! An inspection run: find the files, read and check every record in parallel, apply the
//! cross-record rules per unit, and return the findings in a stable order.
//!
//! The result is data ([`Outcome`]); printing it is the report crate's job.

pub mod blocks;
mod discover;
mod outcome;
mod policy;
mod run;

pub use blocks::Limits;
pub use discover::{discover, Discovered, FileError};
pub use outcome::{Finding, MonthState, Outcome, Rejected, Summary, UnitSummary};
pub use policy::Policy;
pub use run::{parse_only, run, run_bytes, run_with, Options, ParseCount, RunError};
