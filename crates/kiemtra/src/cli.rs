//! Command-line arguments.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use kiemtra_rules::{Lang, Month, Severity};
use kiemtra_runner::Encoding;

use crate::cli_lang::pick;

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

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check meeting records (.json, .jsonl, .ndjson, .csv, .xlsx, .docx files or directories) and
    /// report findings.
    Check(Box<CheckArgs>),
    /// Convert meeting records between JSON, JSON Lines and CSV, losing nothing.
    Convert(ConvertArgs),
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
    /// Serve the self-check page on this computer: drop minutes, see what to add; make the
    /// district's report from a folder.
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The port (default: 8017; 0: any free port).
    #[arg(long, default_value_t = 8017)]
    pub port: u16,

    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,

    /// Listen on this address instead of this computer only (127.0.0.1), e.g. 0.0.0.0 for
    /// every network; every request then needs the access token printed at start.
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<std::net::IpAddr>,

    /// Tests: the most MiB one request may send (default 256).
    #[arg(long, hide = true)]
    pub max_upload_mib: Option<u64>,

    /// Tests: seconds a client may send nothing while its request is read (default 30).
    #[arg(long, hide = true)]
    pub stall_seconds: Option<u64>,
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
    /// The cell's code (unit.code); required for json and csv, written into the docx
    /// template's "Mã chi bộ" line when given.
    #[arg(long)]
    pub unit: Option<String>,

    /// The month of the meeting (YYYY-MM); required for json and csv, written into the docx
    /// template's title when given.
    #[arg(long, value_parser = parse_month)]
    pub month: Option<Month>,

    /// json: a record with a `_huong_dan` object of guidance; csv: the header row and one row
    /// to fill in; xlsx: a workbook to fill in, with drop-down lists and a sheet of guidance;
    /// docx: Word minutes to fill in, with guidance under each label.
    #[arg(long, value_enum, default_value_t = TemplateFormat::Json)]
    pub format: TemplateFormat,

    /// Column names of the csv and xlsx templates: the Vietnamese labels (vi, default) or the
    /// dotted paths of format v1 (dotted).
    #[arg(long, value_enum, default_value_t = HeadersArg::Vi)]
    pub headers: HeadersArg,

    /// Write the template to this file instead of standard output (needed for xlsx and docx
    /// on a terminal).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    Json,
    Csv,
    Xlsx,
    Docx,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories of meeting records.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    /// Format of the report on standard output (default: text, or `format` of kiemtra.toml).
    /// With -o, standard output gets a report only when --format is given.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Write a report to this file, in the format its extension names (.txt, .json, .csv, .md,
    /// .html, .xlsx; any other extension is refused). Repeat for several reports in one run;
    /// `-` is standard output.
    #[arg(short, long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

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
    #[arg(long, value_parser = parse_report_date)]
    pub date: Option<ReportDate>,

    /// The signer's title in the signature block, lines parted by `|`, e.g. "K/T TRƯỞNG
    /// BAN|PHÓ TRƯỞNG BAN"; default: what follows from --body.
    #[arg(long, value_name = "TITLE")]
    pub signer_title: Option<String>,

    /// The signer's full name, under the signature.
    #[arg(long, value_name = "NAME")]
    pub signer_name: Option<String>,

    /// A text file of the inspector's recommendations (Kiến nghị): paragraphs parted by blank
    /// lines, items starting with `-`. Default: drawn from the rules broken most.
    #[arg(long, value_name = "FILE")]
    pub recommendations: Option<PathBuf>,

    /// The delimiter of CSV reports: `,` (default, for programs), `;` (Excel with Vietnamese
    /// regional settings), `tab` or `|` (or `csv_delimiter` of kiemtra.toml).
    #[arg(long, value_parser = parse_delimiter, value_name = "CHAR")]
    pub csv_delimiter: Option<u8>,

    /// With -o: also write one report per parent committee (đảng bộ), each file named after
    /// it (`report-dang-bo-xa-ham-chinh.html`), beside the district's.
    #[arg(long, value_enum, value_name = "BY")]
    pub split_by: Option<SplitBy>,

    /// The cell's code for Word minutes (.docx) that have no "Mã chi bộ" line.
    #[arg(long, value_name = "CODE")]
    pub unit: Option<String>,

    /// Benchmarking: only read and parse (and validate) the records, check nothing, and print
    /// the counts. The floor under the cost of a check.
    #[arg(long, hide = true)]
    pub parse_only: bool,

    /// Benchmarking: bytes read at once by a worker, in KiB (default 8192).
    #[arg(long, hide = true)]
    pub block_kib: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// Files or directories of meeting records (.json, .jsonl, .ndjson, .csv, .xlsx, .docx).
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

    /// The cell's code for Word minutes (.docx) that have no "Mã chi bộ" line.
    #[arg(long, value_name = "CODE")]
    pub unit: Option<String>,
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

/// How `--split-by` parts a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SplitBy {
    /// One report per parent committee (`unit.parent`).
    Parent,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    kiemtra_config::file::parse_delimiter(s).ok_or_else(|| {
        format!(
            "«{s}»: expected one of {}",
            kiemtra_config::file::DELIMITERS.join(" ")
        )
    })
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
    Encoding::parse(s).ok_or_else(|| {
        pick(
            "chấp nhận utf-8 hoặc windows-1258",
            "expected utf-8 or windows-1258",
        )
        .to_owned()
    })
}

fn parse_report_date(s: &str) -> Result<ReportDate, String> {
    if s.trim().eq_ignore_ascii_case("today") {
        return Ok(ReportDate::Today);
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map(ReportDate::Day)
        .map_err(|_| {
            pick(
                "không phải ngày dạng YYYY-MM-DD (hoặc `today`)",
                "not a date YYYY-MM-DD (or `today`)",
            )
            .to_owned()
        })
}

fn parse_month(s: &str) -> Result<Month, String> {
    Month::parse(s)
        .ok_or_else(|| pick("không phải tháng dạng YYYY-MM", "not a month YYYY-MM").to_owned())
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| pick("không phải ngày dạng YYYY-MM-DD", "not a date YYYY-MM-DD").to_owned())
}

impl ReportFormat {
    /// The names `check --format` (and `format` of kiemtra.toml) accept, the default first.
    pub fn names() -> Vec<String> {
        ReportFormat::value_variants()
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
