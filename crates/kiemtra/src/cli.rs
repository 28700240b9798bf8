//! Command-line arguments. Their help is in the catalogue (`cli.arg.*`, `cli.about.*`),
//! put on the parser by [`crate::cli_lang`].

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use kiemtra_rules::{Lang, Month, Severity};
use kiemtra_runner::Encoding;

use kiemtra_messages::{m, Say};

/// The command line of `kiemtra`.
#[derive(Debug, Parser)]
#[command(name = "kiemtra", version, about, max_term_width = 100)]
pub struct Cli {
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,

    #[arg(long, global = true, value_name = "FILE")]
    pub pack: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    Check(Box<CheckArgs>),
    Convert(ConvertArgs),
    Rules(RulesArgs),
    Explain {
        rule: String,
    },
    Config(ConfigArgs),
    Schema,
    Template(TemplateArgs),
    /// Show what was read from Word minutes (.docx): every value with the paragraph it came
    /// from, and the text that gave none.
    Read(crate::cmd::read::ReadArgs),
    /// Serve the self-check page on this computer: drop minutes, see what to add; make the
    /// district's report from a folder.
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The port (default: 8017; 0: any free port).
    #[arg(long, default_value_t = 8017, value_name = "PORT")]
    pub port: u16,

    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,

    /// Listen on this address instead of this computer only (127.0.0.1), e.g. 0.0.0.0 for
    /// every network; every request then needs the access token printed at start.
    #[arg(long, value_name = "ADDRESS")]
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
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,

    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Option<Vec<String>>,

    #[arg(long, value_enum, ignore_case = true)]
    pub fail_on: Option<FailOn>,

    #[arg(long, value_name = "FILE")]
    pub waivers: Option<PathBuf>,

    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    #[arg(long, value_enum, default_value_t = ListingFormat::Text)]
    pub format: ListingFormat,

    #[command(flatten)]
    pub tailor: TailorArgs,
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    #[arg(long)]
    pub unit: Option<String>,

    #[arg(long, value_parser = parse_month)]
    pub month: Option<Month>,

    #[arg(long, value_enum, default_value_t = TemplateFormat::Json)]
    pub format: TemplateFormat,

    #[arg(long, value_enum, default_value_t = HeadersArg::Vi)]
    pub headers: HeadersArg,

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
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    #[arg(short, long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

    #[arg(long, value_parser = parse_month)]
    pub from: Option<Month>,

    #[arg(long, value_parser = parse_month)]
    pub to: Option<Month>,

    #[arg(long, short = 'j')]
    pub threads: Option<usize>,

    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    #[command(flatten)]
    pub tailor: TailorArgs,

    #[arg(long, value_parser = parse_encoding, default_value = "utf-8")]
    pub encoding: Encoding,

    #[arg(long)]
    pub body: Option<String>,

    #[arg(long)]
    pub place: Option<String>,

    #[arg(long, value_parser = parse_report_date)]
    pub date: Option<ReportDate>,

    #[arg(long, value_name = "TITLE")]
    pub signer_title: Option<String>,

    #[arg(long, value_name = "NAME")]
    pub signer_name: Option<String>,

    #[arg(long, value_name = "FILE")]
    pub recommendations: Option<PathBuf>,

    #[arg(long, value_name = "FILE")]
    pub assessment: Option<PathBuf>,

    #[arg(long, value_parser = parse_delimiter, value_name = "CHAR")]
    pub csv_delimiter: Option<u8>,

    #[arg(long, value_enum, value_name = "BY")]
    pub split_by: Option<SplitBy>,

    #[arg(long, value_name = "CODE")]
    pub unit: Option<String>,

    /// Benchmarking: only read and parse (and validate) the records, check nothing, and print
    /// the counts. The floor under the cost of a check.
    #[arg(long, hide = true)]
    pub parse_only: bool,

    /// Benchmarking: bytes read at once by a worker, in KiB (default 2048).
    #[arg(long, hide = true)]
    pub block_kib: Option<usize>,
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,

    #[arg(long, value_enum)]
    pub to: Option<RecordFormat>,

    #[arg(short, long)]
    pub output: Option<PathBuf>,

    #[arg(long, value_enum, default_value_t = HeadersArg::Dotted)]
    pub headers: HeadersArg,

    #[arg(long, value_parser = parse_encoding, default_value = "utf-8")]
    pub encoding: Encoding,

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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitBy {
    /// One report per parent committee (`unit.parent`).
    Parent,
}

/// By hand for the value's help, which is in the catalogue: clap lists it in its own (English)
/// help; the Vietnamese help lists the values without it.
impl ValueEnum for SplitBy {
    fn value_variants<'a>() -> &'a [Self] {
        &[SplitBy::Parent]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        match self {
            SplitBy::Parent => Some(
                clap::builder::PossibleValue::new("parent")
                    .help(m::cli::value::SPLIT_BY_PARENT.get(Lang::En)),
            ),
        }
    }
}

fn parse_delimiter(s: &str) -> Result<u8, ArgValueError> {
    kiemtra_config::file::parse_delimiter(s).ok_or_else(|| ArgValueError::Delimiter(s.to_owned()))
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
    #[arg(long, value_enum, default_value_t = ListingFormat::Text)]
    pub format: ListingFormat,
}

/// The formats of what `rules` and `config` print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListingFormat {
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

/// `--fail-on`: a severity by its code or, as kiemtra.toml reads it, by a Vietnamese word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

/// By hand for the Vietnamese words, accepted as aliases (clap lists only the codes).
impl ValueEnum for FailOn {
    fn value_variants<'a>() -> &'a [Self] {
        &[FailOn::Error, FailOn::Warning, FailOn::Info]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let severity = Severity::from(*self);
        let words = kiemtra_config::file::SEVERITY_WORDS
            .iter()
            .find(|(s, _)| *s == severity)
            .map_or(&[][..], |(_, words)| *words);
        Some(clap::builder::PossibleValue::new(severity.code()).aliases(words.iter().copied()))
    }
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

fn parse_encoding(s: &str) -> Result<Encoding, ArgValueError> {
    Encoding::parse(s).ok_or(ArgValueError::Encoding)
}

fn parse_report_date(s: &str) -> Result<ReportDate, ArgValueError> {
    if s.trim().eq_ignore_ascii_case("today") {
        return Ok(ReportDate::Today);
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map(ReportDate::Day)
        .map_err(|_| ArgValueError::ReportDate)
}

fn parse_month(s: &str) -> Result<Month, ArgValueError> {
    Month::parse(s).ok_or(ArgValueError::Month)
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, ArgValueError> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| ArgValueError::Date)
}

/// Why an option's value is refused; worded by [`crate::cli_lang`] in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgValueError {
    Encoding,
    ReportDate,
    Month,
    Date,
    /// The delimiter as given.
    Delimiter(String),
}

impl ArgValueError {
    pub fn say(&self, lang: Lang) -> String {
        use m::cli::arg_value as v;
        match self {
            ArgValueError::Encoding => v::ENCODING.get(lang).to_owned(),
            ArgValueError::ReportDate => v::REPORT_DATE.get(lang).to_owned(),
            ArgValueError::Month => v::MONTH.get(lang).to_owned(),
            ArgValueError::Date => v::DATE.get(lang).to_owned(),
            ArgValueError::Delimiter(given) => v::Delimiter {
                value: given,
                valid: &kiemtra_config::file::DELIMITERS.join(" "),
            }
            .say(lang),
        }
    }
}

/// clap prints a refused value itself when the reader reads English.
impl std::fmt::Display for ArgValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl std::error::Error for ArgValueError {}

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
