//! Readers of the accepted forms of values (record format 1.1, *Accepted forms*): pure
//! functions, no I/O, no clock, used by every input route (JSON, JSONL, CSV, workbooks) so that
//! a value is read the same way wherever it was written.
//!
//! A reader gives `None` for anything it cannot read without guessing: an impossible day
//! (`31/02/2017`), an impossible time (`25:00`), an approximate duration (`khoảng nửa tiếng`).
//! Whether a value that was read is plausible (a meeting in 1890) is the caller's to judge.

mod assignment;
mod clock;
mod date;
mod deadline;
pub mod fold;
pub mod words;

pub use assignment::{assignment, kind_of_assignee, split_due, AssignmentText};
pub use clock::{minutes, time_of_day};
pub use date::date;
pub use deadline::{deadline, Deadline, Period};
pub use words::{yes_no, Spellings, Words};

#[cfg(test)]
mod properties;
