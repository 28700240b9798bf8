//! `kiemtra check`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use kiemtra_config::Settings;
use kiemtra_report::{Context, Document, Format};
use kiemtra_rules::Lang;
use kiemtra_runner::{Baseline, Options, Progress, Step};

use super::Error;
use crate::cli::{CheckArgs, ReportDate, ReportFormat};

pub fn run(args: &CheckArgs, settings: &Settings) -> Result<ExitCode, Error> {
    if args.parse_only {
        return parse_only(args);
    }
    let lang = settings.lang.value;
    // `--format`, else `format` of kiemtra.toml, else text: the format of standard output.
    let stdout_format: Format = ReportFormat::from_str(&settings.format.value, true)?.into();
    let outputs = outputs(args, stdout_format)?;
    // Refused now, before anything is read: an output over an input, inside an input
    // directory, or in a directory that does not exist.
    let files: Vec<&std::path::Path> = outputs.iter().filter_map(|(p, _)| p.as_deref()).collect();
    let others: Vec<&std::path::Path> = [args.baseline.as_deref(), args.tailor.waivers.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    crate::output::check(&files, &args.paths, &others).map_err(|r| r.message(lang))?;
    let baseline = match &args.baseline {
        Some(path) => {
            let shown = path.to_string_lossy().replace('\\', "/");
            Some(Baseline::read(path, &shown)?)
        }
        None => None,
    };
    let (bar, progress) = progress_bar(lang);
    let options = Options {
        from: args.from,
        to: args.to,
        encoding: args.encoding,
        progress,
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
    let mut outcome = outcome?;
    if let Some(baseline) = &baseline {
        baseline.compare(&mut outcome, &options.policy);
    }
    let ctx = Context {
        lang,
        policy: &options.policy,
    };
    let date = args.date.map(|d| match d {
        ReportDate::Day(d) => d,
        ReportDate::Today => chrono::Local::now().date_naive(),
    });
    let document = Document {
        body: args.body.as_deref(),
        place: args.place.as_deref(),
        date,
    };
    for (path, format) in &outputs {
        if let (Some(path), false) = (path, *format == Format::Text) {
            // Only text carries colour: the other formats are streamed to their file as they
            // are rendered, never held whole in memory.
            let cannot = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
            crate::output::write(path, |out| {
                kiemtra_report::render(*format, &outcome, &ctx, &document, out)
            })
            .map_err(cannot)?;
            continue;
        }
        let mut buffer = Vec::new();
        kiemtra_report::render(*format, &outcome, &ctx, &document, &mut buffer)?;
        match path {
            Some(path) => {
                // A file gets no colour.
                let mut plain = anstream::StripStream::new(Vec::new());
                plain.write_all(&buffer)?;
                let plain = plain.into_inner();
                crate::output::write(path, |out| out.write_all(&plain))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            None => {
                let mut out = anstream::stdout().lock();
                out.write_all(&buffer)?;
                out.flush()?;
            }
        }
    }
    Ok(exit_code(&outcome, settings))
}

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

/// Where the reports go: each `-o` file in the format of its extension, and standard output in
/// `--format` when no file is named, when `-o -` is, or when `--format` is given beside `-o`.
fn outputs(
    args: &CheckArgs,
    stdout_format: Format,
) -> Result<Vec<(Option<PathBuf>, Format)>, Error> {
    let mut out: Vec<(Option<PathBuf>, Format)> = Vec::new();
    for path in &args.outputs {
        if path.as_os_str() == "-" {
            if !out.iter().any(|(p, _)| p.is_none()) {
                out.push((None, stdout_format));
            }
            continue;
        }
        if out.iter().any(|(p, _)| p.as_ref() == Some(path)) {
            return Err(format!("{} is named twice with -o", path.display()).into());
        }
        let format = Format::of_path(path).unwrap_or(stdout_format);
        out.push((Some(path.clone()), format));
    }
    if out.is_empty() || (args.format.is_some() && !out.iter().any(|(p, _)| p.is_none())) {
        out.push((None, stdout_format));
    }
    Ok(out)
}

/// A progress bar on standard error when it is a terminal; nothing otherwise.
fn progress_bar(lang: Lang) -> (Option<indicatif::ProgressBar>, Option<Progress>) {
    if !std::io::stderr().is_terminal() {
        return (None, None);
    }
    let style = indicatif::ProgressStyle::with_template(match lang {
        Lang::Vi => "{spinner} Đang đọc [{bar:32}] {pos}/{len} tệp  {elapsed}",
        Lang::En => "{spinner} Reading [{bar:32}] {pos}/{len} files  {elapsed}",
    })
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
