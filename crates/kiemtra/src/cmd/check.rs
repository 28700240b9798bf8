//! `kiemtra check`: where the reports go (`run` chooses the outputs), the report's own words,
//! the inspection, and the writing of each report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use kiemtra_config::PackSource;
use kiemtra_config::Settings;
use kiemtra_messages::{m, m::hostile, Say};
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
    // Refused now, before anything is read: an output over an input or a side file, inside an
    // input directory, or in a directory that does not exist.
    let files: Vec<&std::path::Path> = outputs
        .iter()
        .filter_map(|(p, _, _)| p.as_deref())
        .collect();
    let others = side_files(args, settings);
    let others: Vec<&std::path::Path> = others.iter().map(PathBuf::as_path).collect();
    crate::output::check(&files, &args.paths, &others).map_err(|r| r.message(lang))?;
    say_leftovers(&files, lang);
    let (outcome, policy) = inspect(args, settings)?;
    let ctx = Context {
        lang,
        policy: &policy,
    };
    let tailoring = super::config::tailoring(settings)?;
    let document = words.document(args, &tailoring, settings);
    let mut failed: Vec<(PathBuf, String)> = Vec::new();
    let mut committees: Vec<(PathBuf, String)> = Vec::new();
    if args.split_by == Some(SplitBy::Parent) {
        let read =
            |file: &std::path::Path| crate::output::check(&[file], &args.paths, &others).is_err();
        let (split, refused) = split(&outputs, &outcome, lang, &read);
        // A committee's report is checked against every file read, as the named outputs were.
        for (path, format, parent) in split {
            let Some(file) = path.clone() else { continue };
            match crate::output::check(&[&file], &args.paths, &others) {
                Ok(()) => {
                    let name = kiemtra_report::rollup::parent_name(
                        parent.as_ref().and_then(Option::as_deref),
                        lang,
                    );
                    committees.push((file, name.to_owned()));
                    outputs.push((path, format, parent));
                }
                Err(r) => failed.push((file, r.message(lang))),
            }
        }
        failed.extend(refused);
    }
    let written = write_reports(&outputs, &outcome, &ctx, &document, &mut failed)?;
    say_committees(&committees, &written, lang);
    if !outputs
        .iter()
        .any(|(path, format, _)| path.is_none() && *format == Format::Text)
    {
        say_verdict(&outcome, &written, lang);
    }
    say_submission(&outcome, settings);
    if !failed.is_empty() {
        for (_, why) in &failed {
            eprintln!("kiemtra: {why}");
        }
        let count = u64::try_from(failed.len()).unwrap_or(u64::MAX);
        eprintln!("kiemtra: {}", hostile::OutputsFailed { count }.say(lang));
        return Ok(ExitCode::from(2));
    }
    Ok(exit_code(&outcome, settings))
}

/// What killed runs left beside these outputs, said before this run writes its own.
fn say_leftovers(files: &[&std::path::Path], lang: Lang) {
    for left in crate::output::leftovers(files) {
        let (file, bytes) = (&super::config::show(&left.path), &left.bytes);
        let said = if left.removed {
            hostile::LeftoverRemoved { file, bytes }.say(lang)
        } else {
            hostile::LeftoverFound { file, bytes }.say(lang)
        };
        eprintln!("kiemtra: {said}");
    }
}

/// Which file is which committee: their names alone may not say (two committees whose names
/// differ only in tone marks, a long name cut).
fn say_committees(committees: &[(PathBuf, String)], written: &[PathBuf], lang: Lang) {
    for (file, committee) in committees {
        if written.contains(file) {
            let said = hostile::SplitFile {
                file: &super::config::show(file),
                committee: &kiemtra_input::escape::Shown(committee),
            };
            eprintln!("{}", said.say(lang));
        }
    }
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
            Some(path) => kiemtra_input::side::read_text(path, kiemtra_input::side::MAX_SIDE_BYTES)
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
/// written. Each file report is rendered into a hidden temporary file first, and all are put
/// in place together at the end; one that cannot be written is added to `failed` and does not
/// stop the others.
fn write_reports(
    outputs: &[Output],
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
    failed: &mut Vec<(PathBuf, String)>,
) -> Result<Vec<PathBuf>, Error> {
    let lang = ctx.lang;
    let mut staged = crate::output::Staged::default();
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
                if let Err(e) = staged.stage(path, |out| {
                    kiemtra_report::render(*format, outcome, ctx, &document, out)
                }) {
                    failed.push((path.clone(), cannot_write(path, &e, lang)));
                }
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
    let (written, not_renamed) = staged.commit();
    for (path, e) in not_renamed {
        failed.push((path.clone(), cannot_write(&path, &e, lang)));
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
pub(super) fn nothing_read(outcome: &kiemtra_runner::Outcome, lang: Lang) -> String {
    let read = kiemtra_input::Format::extensions_read();
    match outcome.summary.files {
        0 => m::cli::check::NoFileFound { extensions: &read }.say(lang),
        n => m::cli::check::NoRecordInFiles { count: n as u64 }.say(lang),
    }
}

/// Each file output again for every parent committee, named after it (distinct names, see
/// [`kiemtra_report::split::file_names`]); and the committee reports that cannot be named.
fn split(
    outputs: &[Output],
    outcome: &Outcome,
    lang: Lang,
    read: &dyn Fn(&std::path::Path) -> bool,
) -> (Vec<Output>, Vec<(PathBuf, String)>) {
    let mut parents: Vec<Option<String>> = outcome.units.iter().map(|u| u.parent.clone()).collect();
    parents.sort_by(|a, b| (a.is_none(), a).cmp(&(b.is_none(), b)));
    parents.dedup();
    let names: Vec<&str> = parents
        .iter()
        .map(|p| kiemtra_report::rollup::parent_name(p.as_deref(), lang))
        .collect();
    let mut out = Vec::new();
    let mut refused = Vec::new();
    let files: Vec<&std::path::Path> = outputs
        .iter()
        .filter_map(|(p, _, _)| p.as_deref())
        .collect();
    for path in &files {
        let Some(format) = outputs
            .iter()
            .find(|(p, _, _)| p.as_deref() == Some(*path))
            .map(|(_, f, _)| *f)
        else {
            continue;
        };
        // The name as the system has it (not UTF-8 on some systems): the committee's part is
        // added to it, never to a name made up instead.
        let stem = path.file_stem().unwrap_or_default();
        let ext = path.extension().unwrap_or_default();
        let name_of = |slug: &str| {
            let mut file = stem.to_os_string();
            file.push("-");
            file.push(slug);
            if !ext.is_empty() {
                file.push(".");
                file.push(ext);
            }
            file
        };
        // A name another output of the run has, or a file the run reads, is taken: a
        // committee's report never replaces a report named with -o, nor an input.
        let taken = |slug: &str| {
            let file = path.with_file_name(name_of(slug));
            files.iter().any(|f| crate::output::same_path(f, &file)) || read(&file)
        };
        for (parent, slug) in parents
            .iter()
            .zip(kiemtra_report::split::file_names(&names, taken))
        {
            let file = path.with_file_name(name_of(&slug));
            if files.iter().any(|f| crate::output::same_path(f, &file))
                || out.iter().any(|(p, _, _): &Output| {
                    p.as_deref()
                        .is_some_and(|p| crate::output::same_path(p, &file))
                })
            {
                let said = hostile::SplitCollides {
                    file: &super::config::show(&file),
                };
                refused.push((file.clone(), said.say(lang)));
                continue;
            }
            out.push((Some(file), format, Some(parent.clone())));
        }
    }
    (out, refused)
}

/// The files a check reads besides its records: none of them is ever written over. The
/// configuration and pack, the waivers (named on the command line or in kiemtra.toml), the
/// baseline, the recommendations and the assessment.
fn side_files(args: &CheckArgs, settings: &Settings) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = [
        args.baseline.clone(),
        args.tailor.waivers.clone(),
        args.recommendations.clone(),
        args.assessment.clone(),
        settings.config.clone(),
        settings.waivers.as_ref().map(|w| w.value.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let PackSource::File(pack) = &settings.pack.value {
        files.push(pack.clone());
    }
    files
}

/// Text given on the command line or in a file, in Unicode NFC.
pub(super) fn nfc(text: &str) -> String {
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

fn cannot_write(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    hostile::CannotWrite {
        file: &super::config::show(path),
        reason: &write_error_reason(e, lang),
    }
    .say(lang)
}

/// Why a report could not be written, in the reader's words.
pub(super) fn write_error_reason(e: &std::io::Error, lang: Lang) -> String {
    match e
        .get_ref()
        .and_then(|i| i.downcast_ref::<kiemtra_report::xlsx::NoTempDir>())
    {
        Some(t) => t.message(lang),
        None => crate::problems::io_error(e, lang),
    }
}
