//! An inspection run: find the files, read and check every record in parallel, apply the
//! cross-record rules per unit, and return the findings in a stable order.
//!
//! The result is data ([`Outcome`]); printing it is the report crate's job.

mod discover;
mod inputs;
mod outcome;
mod policy;
mod progress;
mod run;

pub use discover::{discover, Discovered, FileError};
pub use inputs::{InputFile, Inputs};
pub use kiemtra_input::Encoding;
pub use outcome::{Finding, MonthState, Outcome, Rejected, Summary, UnitSummary};
pub use policy::Policy;
pub use progress::{Progress, Step};
pub use run::{run, Options, RunError};
