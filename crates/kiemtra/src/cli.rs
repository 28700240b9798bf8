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
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    /// Configuration file (default: kiemtra.toml in the current directory, if there is one).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Read no configuration file.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,

    /// Rule pack file to use instead of the built-in one (same schema as rules/btghu-2016.toml).
    #[arg(long, global = true, value_name = "FILE")]
    pub pack: Option<PathBuf>,

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
    /// Print the effective configuration and where each value came from.
    Config(ConfigArgs),
    /// Print the JSON Schema of record format v1.
    Schema,
    /// Print a blank record to fill in, with short guidance for every field.
    Template(TemplateArgs),
}

/// Tailoring given on the command line; it overrides kiemtra.toml.
#[derive(Debug, Default, clap::Args)]
pub struct TailorArgs {
    /// Rules to run: codes, names or prefixes, comma-separated (replaces `select` of kiemtra.toml).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,

    /// Rules not to run: codes, names or prefixes (replaces `ignore` of kiemtra.toml).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Option<Vec<String>>,

    /// Exit with 1 when a finding is at or above this severity (default: error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Waivers file (.toml or .csv).
    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,

    /// The day waivers' expiry is judged on (YYYY-MM-DD); default: the latest meeting date in
    /// the input, never the clock.
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    #[command(flatten)]
    pub tailor: TailorArgs,
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// The cell's code (unit.code).
    #[arg(long)]
    pub unit: String,

    /// The month of the meeting (YYYY-MM).
    #[arg(long, value_parser = parse_month)]
    pub month: Month,

    /// json: a record with a `_huong_dan` object of guidance; csv: the header row and one
    /// example row.
    #[arg(long, value_enum, default_value_t = TemplateFormat::Json)]
    pub format: TemplateFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    Json,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories of meeting records.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Output format (default: text, or `format` of kiemtra.toml).
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Write the report to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,

    /// First month of the audited period (YYYY-MM); default: each unit's first record.
    #[arg(long, value_parser = parse_month)]
    pub from: Option<Month>,

    /// Last month of the audited period (YYYY-MM); default: each unit's last record.
    #[arg(long, value_parser = parse_month)]
    pub to: Option<Month>,

    /// Worker threads (default: one per core).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,

    /// A previous JSON report (`kiemtra check --format json`): mark findings new or still
    /// open, and list those resolved.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    #[command(flatten)]
    pub tailor: TailorArgs,
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

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("«{s}» is not a date YYYY-MM-DD"))
}

impl Format {
    /// The names `--format` accepts, the default first.
    pub fn names() -> Vec<String> {
        Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|p| p.get_name().to_owned())
            .collect()
    }

    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|p| p.get_name().to_owned())
            .unwrap_or_default()
    }
}
