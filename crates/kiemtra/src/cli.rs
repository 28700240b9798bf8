//! Command-line arguments.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use kiemtra_rules::{Lang, Month, Severity};
use kiemtra_runner::Encoding;

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
    /// Check meeting records (.json, .jsonl, .ndjson, .csv, .xlsx files or directories) and
    /// report findings.
    Check(CheckArgs),
    /// Convert meeting records between JSON, JSON Lines and CSV, losing nothing.
    Convert(ConvertArgs),
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

    /// Format of the report on standard output (default: text). With -o, standard output gets
    /// a report only when --format is given.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Write a report to this file, in the format its extension names (.txt, .json, .csv, .md,
    /// .html; another extension takes --format). Repeat for several reports in one run; `-` is
    /// standard output.
    #[arg(short, long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

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

    /// Encoding of files that have no byte order mark: utf-8 (default) or windows-1258 (legacy
    /// files; a file that is valid UTF-8 is still read as UTF-8).
    #[arg(long, value_parser = parse_encoding, default_value = "utf-8")]
    pub encoding: Encoding,

    /// The inspecting body, at the head of the md/html report, e.g. "BAN TUYÊN GIÁO HUYỆN ỦY
    /// HÀM THUẬN BẮC".
    #[arg(long)]
    pub body: Option<String>,

    /// The place in the report's date line, e.g. "Hàm Thuận Bắc".
    #[arg(long)]
    pub place: Option<String>,

    /// The report's date: YYYY-MM-DD, or `today` (the only time kiemtra reads the clock).
    /// Without it the date line is left to fill in by hand.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<ReportDate>,
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// Files or directories of meeting records (.json, .jsonl, .ndjson, .csv, .xlsx).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Format to write (default: from the extension of -o).
    #[arg(long, value_enum)]
    pub to: Option<RecordFormat>,

    /// Write here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,

    /// CSV column names: the dotted paths of format v1 (unit.code) or the Vietnamese labels
    /// (Mã chi bộ).
    #[arg(long, value_enum, default_value_t = HeadersArg::Dotted)]
    pub headers: HeadersArg,

    /// Encoding of files that have no byte order mark: utf-8 (default) or windows-1258.
    #[arg(long, value_parser = parse_encoding, default_value = "utf-8")]
    pub encoding: Encoding,
}

/// The formats of `check` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Csv,
    Md,
    Html,
}

impl From<ReportFormat> for kiemtra_report::Format {
    fn from(f: ReportFormat) -> kiemtra_report::Format {
        match f {
            ReportFormat::Text => kiemtra_report::Format::Text,
            ReportFormat::Json => kiemtra_report::Format::Json,
            ReportFormat::Csv => kiemtra_report::Format::Csv,
            ReportFormat::Md => kiemtra_report::Format::Md,
            ReportFormat::Html => kiemtra_report::Format::Html,
        }
    }
}

/// The formats `convert` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RecordFormat {
    Json,
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HeadersArg {
    Dotted,
    Vi,
}

/// `--date`: a given day, or the clock's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportDate {
    Day(NaiveDate),
    Today,
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

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    Encoding::parse(s).ok_or_else(|| format!("«{s}»: expected utf-8 or windows-1258"))
}

fn parse_date(s: &str) -> Result<ReportDate, String> {
    if s.trim().eq_ignore_ascii_case("today") {
        return Ok(ReportDate::Today);
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map(ReportDate::Day)
        .map_err(|_| format!("«{s}» is not a date YYYY-MM-DD (or `today`)"))
}

fn parse_month(s: &str) -> Result<Month, String> {
    Month::parse(s).ok_or_else(|| format!("«{s}» is not a month YYYY-MM"))
}
