//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use kiemtra_rules::{Lang, Month, Severity};

/// Kiểm tra sinh hoạt chuyên đề "Học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
/// trong biên bản sinh hoạt chi bộ. / Audit party-cell meeting records against the
/// themed-session guidance.
#[derive(Debug, Parser)]
#[command(name = "kiemtra", version, about, max_term_width = 100)]
pub struct Cli {
    /// Language of everything a person reads: vi (default) or en.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check meeting records (.json, .jsonl, .ndjson files or directories) and report findings.
    Check(CheckArgs),
    /// List the rules of the catalogue with their severity and the clause they cite.
    Rules(RulesArgs),
    /// Explain one rule: what it checks, why, the clause quoted, how to fix, an example.
    Explain {
        /// A rule code (CD401) or name (minimum-duration).
        rule: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories of meeting records.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Write the report to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,

    /// First month of the audited period (YYYY-MM); default: each unit's first record.
    #[arg(long, value_parser = parse_month)]
    pub from: Option<Month>,

    /// Last month of the audited period (YYYY-MM); default: each unit's last record.
    #[arg(long, value_parser = parse_month)]
    pub to: Option<Month>,

    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,

    /// Benchmarking: only read and parse (and validate) the records, check nothing, and print
    /// the counts. The floor under the cost of a check.
    #[arg(long, hide = true)]
    pub parse_only: bool,

    /// Benchmarking: bytes read at once by a worker, in KiB (default 8192).
    #[arg(long, hide = true)]
    pub block_kib: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Severity {
        match f {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

fn parse_month(s: &str) -> Result<Month, String> {
    Month::parse(s).ok_or_else(|| format!("«{s}» is not a month YYYY-MM"))
}
