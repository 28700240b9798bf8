//! Record format v1.x, declared once.
//!
//! - [`values`]: the readers of the accepted forms of values (dates, times, durations, yes/no,
//!   deadlines, enumeration words), used by every input route.
//!
//! This crate sits at the bottom of the graph: it does no I/O and never reads the clock.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod values;
pub mod word_labels;
