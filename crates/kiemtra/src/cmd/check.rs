//! `kiemtra check`: where the reports go (`run` chooses the outputs), the report's own words,
//! the inspection, and the writing of each report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use kiemtra_config::Settings;
use kiemtra_messages::{m, Say};
use kiemtra_report::{Context, Document, Format, Tailoring};
use kiemtra_rules::Lang;
use kiemtra_runner::{Baseline, Options, Outcome, Progress, Step};

use super::Error;
use crate::cli::{CheckArgs, ReportDate, ReportFormat, SplitBy};

pub fn run(args: &CheckArgs, settings: &Settings) -> Result<ExitCode, Error> {
    if args.parse_only {
        return parse_only(args);
    }
    let lang = settings.lang.value;
    // `--format`, else `format` of kiemtra.toml, else text: the format of standard output.
    let stdout_format: Format = ReportFormat::from_str(&settings.format.value, true)?.into();
    let mut outputs = outputs(args, stdout_format, lang)?;
    let words = ReportWords::read(args, lang)?;
    // Refused now, before anything is read: an output over an input, inside an input
    // directory, or in a directory that does not exist.
    let files: Vec<&std::path::Path> = outputs
        .iter()
        .filter_map(|(p, _, _)| p.as_deref())
        .collect();
    let others: Vec<&std::path::Path> = [args.baseline.as_deref(), args.tailor.waivers.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    crate::output::check(&files, &args.paths, &others).map_err(|r| r.message(lang))?;
    let (outcome, policy) = inspect(args, settings)?;
    let ctx = Context {
        lang,
        policy: &policy,
    };
    let tailoring = super::config::tailoring(settings)?;
    let document = words.document(args, &tailoring, settings);
    if args.split_by == Some(SplitBy::Parent) {
        outputs = split(&outputs, &outcome, lang);
    }
    let written = write_reports(&outputs, &outcome, &ctx, &document)?;
    if !outputs
        .iter()
        .any(|(path, format, _)| path.is_none() && *format == Format::Text)
    {
        say_verdict(&outcome, &written, lang);
    }
    say_submission(&outcome, settings);
    Ok(exit_code(&outcome, settings))
}

/// A secretary checking one meeting's minutes is told plainly whether they can be submitted
/// (on standard error, after the report): they can when the run would succeed.
fn say_submission(outcome: &Outcome, settings: &Settings) {
    if outcome.summary.records != 1 {
        return;
    }
    let words = if outcome.summary.rejected > 0 || !outcome.file_errors.is_empty() {
        m::cli::check::submit::UNREADABLE
    } else if outcome.failed(settings.fail_on.value) {
        m::cli::check::submit::NOT_YET
    } else {
        m::cli::check::submit::READY
    };
    eprintln!("{}", words.get(settings.lang.value));
}

/// The report's own words, from the command line and the recommendations and assessment files, normalised
/// once as they are read, like the records.
struct ReportWords {
    body: Option<String>,
    place: Option<String>,
    signer_title: Option<String>,
    signer_name: Option<String>,
    recommendations: Option<String>,
    assessment: Option<String>,
}

impl ReportWords {
    fn read(args: &CheckArgs, lang: Lang) -> Result<ReportWords, Error> {
        let read_text = |path: &Option<PathBuf>| match path {
            Some(path) => std::fs::read_to_string(path)
                .map(|text| Some(nfc(&text)))
                .map_err(|e| {
                    format!(
                        "{}: {}",
                        super::config::show(path),
                        crate::problems::io_error(&e, lang)
                    )
                }),
            None => Ok(None),
        };
        let recommendations = read_text(&args.recommendations)?;
        let assessment = read_text(&args.assessment)?;
        let [body, place, signer_title, signer_name] = [
            &args.body,
            &args.place,
            &args.signer_title,
            &args.signer_name,
        ]
        .map(|t| t.as_deref().map(nfc));
        Ok(ReportWords {
            body,
            place,
            signer_title,
            signer_name,
            recommendations,
            assessment,
        })
    }

    fn document<'a>(
        &'a self,
        args: &CheckArgs,
        tailoring: &'a Tailoring,
        settings: &Settings,
    ) -> Document<'a> {
        let date = args.date.map(|d| match d {
            ReportDate::Day(d) => d,
            ReportDate::Today => chrono::Local::now().date_naive(),
        });
        Document {
            body: self.body.as_deref(),
            place: self.place.as_deref(),
            date,
            signer_title: self.signer_title.as_deref(),
            signer_name: self.signer_name.as_deref(),
            recommendations: self.recommendations.as_deref(),
            assessment: self.assessment.as_deref(),
            tailoring: Some(tailoring),
            csv_delimiter: Some(settings.csv_delimiter.value),
            plain_text: false,
            district: None,
        }
    }
}

/// Reads and checks the records (the runner compares the baseline's findings), a progress bar
/// on a terminal; the outcome and the policy applied.
fn inspect(
    args: &CheckArgs,
    settings: &Settings,
) -> Result<(Outcome, kiemtra_runner::Policy), Error> {
    let lang = settings.lang.value;
    let baseline = match &args.baseline {
        Some(path) => {
            let shown = path.to_string_lossy().replace('\\', "/");
            Some(Baseline::read(path, &shown).map_err(|e| e.say(lang))?)
        }
        None => None,
    };
    let (bar, progress) = progress_bar(lang);
    let options = Options {
        from: args.from,
        to: args.to,
        encoding: args.encoding,
        progress,
        unit: args.unit.clone(),
        baseline,
        ..Options::new(settings.policy.clone())
    };
    let limits = limits(args);
    let outcome = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()?
            .install(|| kiemtra_runner::run_with(&args.paths, &options, &limits)),
        None => kiemtra_runner::run_with(&args.paths, &options, &limits),
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let outcome = outcome.map_err(|e| e.message(lang))?;
    // Files that could not be read are reported as such (exit 1), below.
    if outcome.summary.records == 0 && outcome.file_errors.is_empty() {
        return Err(nothing_read(&outcome, lang).into());
    }
    Ok((outcome, options.policy))
}

/// Every report, streamed to where it goes as it is rendered, never held whole; the files
/// written.
fn write_reports(
    outputs: &[Output],
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
) -> Result<Vec<PathBuf>, Error> {
    let lang = ctx.lang;
    let mut written = Vec::new();
    for (path, format, parent) in outputs {
        let part;
        let (outcome, document) = match parent {
            Some(parent) => {
                part = kiemtra_report::split::of_parent(outcome, parent.as_deref());
                let document = Document {
                    district: Some(&outcome.summary),
                    ..*document
                };
                (&part, document)
            }
            None => (outcome, *document),
        };
        // Only text carries colour: none is written for a file, and on standard output
        // anstream strips it when it is not a terminal or NO_COLOR is set.
        match path {
            Some(path) => {
                let document = Document {
                    plain_text: true,
                    ..document
                };
                crate::output::write(path, |out| {
                    kiemtra_report::render(*format, outcome, ctx, &document, out)
                })
                .map_err(|e| crate::problems::cannot_write(path, &e, lang))?;
                written.push(path.clone());
            }
            // Only text carries styles for anstream to keep or strip; the other formats go to
            // standard output as they are.
            None if *format == Format::Text => {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, anstream::stdout().lock());
                kiemtra_report::render(*format, outcome, ctx, &document, &mut out)?;
                out.flush()?;
            }
            None => {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                kiemtra_report::render(*format, outcome, ctx, &document, &mut out)?;
                out.flush()?;
            }
        }
    }
    Ok(written)
}

/// The text report ends with the verdict; without it on screen, the verdict goes to standard
/// error, with the files written, so that every run ends in plain words.
fn say_verdict(outcome: &Outcome, written: &[PathBuf], lang: Lang) {
    let verdict = kiemtra_report::verdict::verdict(outcome, lang);
    if written.is_empty() {
        eprintln!("{verdict}");
    } else {
        let files: Vec<String> = written.iter().map(|p| super::config::show(p)).collect();
        let label = m::cli::check::WRITTEN.get(lang);
        eprintln!("{verdict} — {label}: {}", files.join(", "));
    }
}

/// A run that read no record and could read every file it found: why, in the reader's words
/// (exit code 2). Files that could not be read are reported with the run instead.
fn nothing_read(outcome: &kiemtra_runner::Outcome, lang: Lang) -> String {
    let read = kiemtra_input::Format::extensions_read();
    match outcome.summary.files {
        0 => m::cli::check::NoFileFound { extensions: &read }.say(lang),
        n => m::cli::check::NoRecordInFiles { count: n as u64 }.say(lang),
    }
}

/// Each file output again for every parent committee, named after it.
fn split(outputs: &[Output], outcome: &Outcome, lang: Lang) -> Vec<Output> {
    let mut parents: Vec<Option<String>> = outcome.units.iter().map(|u| u.parent.clone()).collect();
    parents.sort_by(|a, b| (a.is_none(), a).cmp(&(b.is_none(), b)));
    parents.dedup();
    let mut out = outputs.to_vec();
    for (path, format, _) in outputs {
        let Some(path) = path else { continue };
        for parent in &parents {
            let name = kiemtra_report::rollup::parent_name(parent.as_deref(), lang);
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("report");
            let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("");
            let file = format!("{stem}-{}.{ext}", kiemtra_report::split::slug(name));
            out.push((
                Some(path.with_file_name(file)),
                *format,
                Some(parent.clone()),
            ));
        }
    }
    out
}

/// Text given on the command line or in a file, in Unicode NFC.
fn nfc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect()
}

/// A writer that drops ANSI styles on their way through (a text report going to a file).
fn exit_code(outcome: &kiemtra_runner::Outcome, settings: &Settings) -> ExitCode {
    if outcome.failed(settings.fail_on.value) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--parse-only`: the same reading and parsing as a check, and nothing else.
fn parse_only(args: &CheckArgs) -> Result<ExitCode, Error> {
    let limits = limits(args);
    let count = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()?
            .install(|| kiemtra_runner::parse_only(&args.paths, &limits))?,
        None => kiemtra_runner::parse_only(&args.paths, &limits)?,
    };
    println!(
        "files {} records {} parsed {} rejected {} file_errors {}",
        count.files, count.records, count.parsed, count.rejected, count.file_errors
    );
    Ok(ExitCode::SUCCESS)
}

fn limits(args: &CheckArgs) -> kiemtra_runner::Limits {
    let mut limits = kiemtra_runner::Limits::default();
    if let Some(kib) = args.block_kib {
        limits.block = kib.max(1) << 10;
    }
    limits
}

/// A report to write: the file (`None`: standard output), its format, and the parent
/// committee it is restricted to (`Some(None)`: the units that name none).
type Output = (Option<PathBuf>, Format, Option<Option<String>>);

/// Where the reports go: each `-o` file in the format of its extension, and standard output in
/// `--format` when no file is named, when `-o -` is, or when `--format` is given beside `-o`.
/// An extension kiemtra does not write is refused before anything is read.
fn outputs(args: &CheckArgs, stdout_format: Format, lang: Lang) -> Result<Vec<Output>, Error> {
    let mut out: Vec<Output> = Vec::new();
    for path in &args.outputs {
        if path.as_os_str() == "-" {
            if !out.iter().any(|(p, _, _)| p.is_none()) {
                out.push((None, stdout_format, None));
            }
            continue;
        }
        if out.iter().any(|(p, _, _)| p.as_ref() == Some(path)) {
            return Err(m::cli::check::NamedTwice {
                file: &path.display(),
            }
            .say(lang)
            .into());
        }
        let Some(format) = Format::of_path(path) else {
            return Err(unknown_extension(path, lang).into());
        };
        out.push((Some(path.clone()), format, None));
    }
    if out.is_empty() || (args.format.is_some() && !out.iter().any(|(p, _, _)| p.is_none())) {
        out.push((None, stdout_format, None));
    }
    if args.split_by.is_some() && !out.iter().any(|(p, _, _)| p.is_some()) {
        return Err(m::cli::check::SPLIT_NEEDS_OUTPUT.get(lang).into());
    }
    Ok(out)
}

/// Why `-o FILE` is refused: the extensions kiemtra writes, and for `.pdf` how to get one.
fn unknown_extension(path: &std::path::Path, lang: Lang) -> String {
    let shown = super::config::show(path);
    let known = Format::EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ");
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if ext.as_deref() == Some("pdf") {
        return m::cli::check::NoPdf { file: &shown }.say(lang);
    }
    m::cli::check::UnknownExtension {
        file: &shown,
        known: &known,
    }
    .say(lang)
}

/// A progress bar on standard error when it is a terminal; nothing otherwise.
fn progress_bar(lang: Lang) -> (Option<indicatif::ProgressBar>, Option<Progress>) {
    if !std::io::stderr().is_terminal() {
        return (None, None);
    }
    // indicatif's own fields, left for it to fill.
    let template = m::cli::check::Progress {
        spinner: &"{spinner}",
        pos: &"{pos}",
        len: &"{len}",
        elapsed: &"{elapsed}",
    }
    .say(lang);
    let style = indicatif::ProgressStyle::with_template(&template)
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    let bar = indicatif::ProgressBar::hidden().with_style(style);
    let b = bar.clone();
    let progress = Progress::new(move |step| match step {
        Step::Start { files } => {
            b.set_length(files as u64);
            // A batch gets a bar; one or two files are over before it would show.
            if files > 2 {
                b.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
        }
        Step::FileDone => b.inc(1),
        Step::Finish => b.finish_and_clear(),
    });
    (Some(bar), Some(progress))
}
