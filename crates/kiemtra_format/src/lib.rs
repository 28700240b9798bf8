//! Record format v1.x, declared once.
//!
//! - [`format_v1!`]: the declaration — every field with its type, whether it is required, its
//!   labels, guidance and header aliases, and every enumeration with its codes and names — as a
//!   macro that hands it to the caller's macro, so that code (the fast reader's dispatch, the
//!   unreadable-value walk) is generated from it where the model types live.
//! - [`table`]: the same declaration as data, for documents and the table layout.
//! - [`values`]: the readers of the accepted forms of values (dates, times, durations, yes/no,
//!   deadlines, enumeration words), used by every input route.
//!
//! A new field is one entry in `v1.rs`; then the committed artefacts made from it are
//! regenerated: `cargo run -- schema > schema/record-v1.schema.json`,
//! `KIEMTRA_WRITE_FUZZ_DICT=1 cargo test -p kiemtra_input fuzz_dictionary`, and the template
//! snapshots (`INSTA_UPDATE=always cargo test --test schema`, read before accepting). The drift
//! test of `kiemtra_input` (`src/drift.rs`) covers the field with no edit.
//!
//! This crate sits at the bottom of the graph: it does no I/O and never reads the clock.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod v1;

pub mod table;
pub mod values;
pub mod word_labels;

pub use table::{fields, EnumValue, Enumeration, Field, FieldAt, Object, Ty, Words};
