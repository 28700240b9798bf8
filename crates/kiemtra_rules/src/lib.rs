//! The themed-session guidance of 30/12/2016 as code.
//!
//! - [`model`]: record format v1, read leniently ([`Field`]) and normalised to NFC as it is read;
//! - [`validate`]: what rejects a record, and the [`Record`] the rules judge;
//! - [`text`]: blank text and topic matching;
//! - [`rules`]: one file per rule, each declaring its rule once; [`registry`]: selecting rules;
//! - [`pack`]: parameters, severities and citations, from `rules/*.toml`;
//! - [`meeting`]: the summary of a meeting that cross-record rules read.
//!
//! This crate does no I/O, never reads the clock, and does not panic on any record.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// The one list of rules (`for_each_rule!`, written by build.rs from the files of `src/rules/`),
// before the modules so that each of them can use it.
include!(concat!(env!("OUT_DIR"), "/rule_list.rs"));

pub mod docs;
pub mod field;
pub mod lang;
pub mod meeting;
pub mod model;
pub mod month;
pub mod pack;
pub mod registry;
pub mod rules;
pub mod suggest;
pub mod text;
pub mod unreadable;
pub mod validate;
pub mod violation;

pub use field::{Field, Text};
pub use lang::Lang;
pub use meeting::Meeting;
pub use model::{Area, AssigneeKind, FollowUpResult, Kind, RecordDoc, Session, SourceKind};
pub use month::{Month, Period};
pub use pack::{Pack, Parameters};
pub use registry::{Rule, Scope, Severity};
pub use validate::{validate, Invalid, Record};
pub use violation::{At, Detail, Note, Violation};
