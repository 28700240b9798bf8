//! Configuration an inspector can trust.
//!
//! - [`file`]: `kiemtra.toml` — which rules, their severities, the pack's parameters, the
//!   failing level, the default language and format;
//! - [`waivers`]: findings accepted for a reason (TOML or CSV);
//! - [`effective`]: defaults, the pack, the file and the command line merged into the
//!   [`Settings`] of a run, each value with where it came from ([`Origin`]), and the
//!   [`kiemtra_runner::Policy`] built from them.
//!
//! Everything is read strictly: an unknown key, rule code or parameter is an error that names
//! it, where it is (file, line, column), and the closest valid name, as data: the command line
//! words it. Nothing is silently ignored.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod effective;
pub mod file;
mod located;
pub mod waivers;

pub use effective::{config_path, resolve, CommandLine, Origin, PackSource, Setting, Settings};
pub use file::ConfigFile;
pub use located::{ConfigError, Expected, FileRole, Hint, Place, Problem, TomlMistake};

/// A path as messages show it, with `/` between folders.
pub fn show(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
