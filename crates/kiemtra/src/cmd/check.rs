//! `kiemtra check`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use kiemtra_config::{Origin, PackSource, Settings};
use kiemtra_messages::Say;
use kiemtra_report::{
    Context, Document, Format, ParameterChange, RuleOff, SeverityChange, Tailoring, WaiversFile,
};
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
    let outputs = outputs(args, stdout_format, lang)?;
    let recommendations = match &args.recommendations {
        Some(path) => Some(nfc(&std::fs::read_to_string(path).map_err(|e| {
            format!(
                "{}: {}",
                super::config::show(path),
                kiemtra_config::io_error(&e, lang)
            )
        })?)),
        None => None,
    };
    // The report's own words, normalised once as they are read, like the records.
    let [body, place, signer_title, signer_name] = [
        &args.body,
        &args.place,
        &args.signer_title,
        &args.signer_name,
    ]
    .map(|t| t.as_deref().map(nfc));
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
    let ctx = Context {
        lang,
        policy: &options.policy,
    };
    let date = args.date.map(|d| match d {
        ReportDate::Day(d) => d,
        ReportDate::Today => chrono::Local::now().date_naive(),
    });
    let tailoring = tailoring(settings)?;
    let document = Document {
        body: body.as_deref(),
        place: place.as_deref(),
        date,
        signer_title: signer_title.as_deref(),
        signer_name: signer_name.as_deref(),
        recommendations: recommendations.as_deref(),
        tailoring: Some(&tailoring),
        csv_delimiter: Some(settings.csv_delimiter.value),
        plain_text: false,
        district: None,
    };
    let mut outputs = outputs;
    if args.split_by == Some(SplitBy::Parent) {
        outputs = split(&outputs, &outcome, lang);
    }
    let mut written = Vec::new();
    for (path, format, parent) in &outputs {
        let part;
        let (outcome, document) = match parent {
            Some(parent) => {
                part = kiemtra_report::split::of_parent(&outcome, parent.as_deref());
                let document = Document {
                    district: Some(&outcome.summary),
                    ..document
                };
                (&part, document)
            }
            None => (&outcome, document),
        };
        // Every report is streamed to where it goes as it is rendered, never held whole. Only
        // text carries colour: none is written for a file, and on standard output anstream
        // strips it when it is not a terminal or NO_COLOR is set.
        match path {
            Some(path) => {
                let document = Document {
                    plain_text: true,
                    ..document
                };
                crate::output::write(path, |out| {
                    kiemtra_report::render(*format, outcome, &ctx, &document, out)
                })
                .map_err(|e| cannot_write(path, &e, lang))?;
                written.push(path.clone());
            }
            // Only text carries styles for anstream to keep or strip; the other formats go to
            // standard output as they are.
            None if *format == Format::Text => {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, anstream::stdout().lock());
                kiemtra_report::render(*format, outcome, &ctx, &document, &mut out)?;
                out.flush()?;
            }
            None => {
                let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
                kiemtra_report::render(*format, outcome, &ctx, &document, &mut out)?;
                out.flush()?;
            }
        }
    }
    if !outputs
        .iter()
        .any(|(path, format, _)| path.is_none() && *format == Format::Text)
    {
        // The text report ends with the verdict; without it on screen, the verdict goes to
        // standard error, with the files written, so that every run ends in plain words.
        let verdict = kiemtra_report::verdict::verdict(&outcome, lang);
        if written.is_empty() {
            eprintln!("{verdict}");
        } else {
            let files: Vec<String> = written.iter().map(|p| super::config::show(p)).collect();
            let label = lang.pick("đã ghi", "written");
            eprintln!("{verdict} — {label}: {}", files.join(", "));
        }
    }
    Ok(exit_code(&outcome, settings))
}

/// A run that read no record and could read every file it found: why, in the reader's words
/// (exit code 2). Files that could not be read are reported with the run instead.
pub(super) fn nothing_read(outcome: &kiemtra_runner::Outcome, lang: Lang) -> String {
    let read = kiemtra_input::Format::extensions_read();
    match (outcome.summary.files, lang) {
        (0, Lang::Vi) => {
            format!("không có biên bản nào để kiểm tra: không thấy tệp biên bản nào ({read})")
        }
        (0, Lang::En) => format!("no record to check: no file of records ({read}) was found"),
        (n, Lang::Vi) => format!(
            "không có biên bản nào để kiểm tra: {n} tệp đã đọc không có dòng biên bản nào \
             (chỉ có dòng tiêu đề, hoặc tệp trống)"
        ),
        (n, Lang::En) => format!(
            "no record to check: {} read, none holds a record (a header row only, or empty)",
            kiemtra_report::verdict::count(n, "file", "files")
        ),
    }
}

/// How the settings differ from the pack, with the origins `kiemtra config` shows.
pub(super) fn tailoring(settings: &Settings) -> Result<Tailoring, Error> {
    use kiemtra_rules::{Pack, Parameters, Rule};
    let policy = &settings.policy;
    let origin = |o: &Origin| super::config::origin(settings, o);
    // The pack's own values, before kiemtra.toml changed them.
    let pack = match &settings.pack.value {
        PackSource::BuiltIn => Pack::embedded(),
        PackSource::File(path) => Pack::parse(&std::fs::read_to_string(path)?)?,
    };
    let parameters = settings
        .parameters
        .iter()
        .filter_map(|(name, s)| {
            let own = pack.parameters.get(name)?;
            (own != s.value).then(|| ParameterChange {
                name,
                value: s.value,
                pack: own,
                origin: origin(&s.origin),
            })
        })
        .collect();
    let rules_off = Rule::ALL
        .iter()
        .filter(|&&r| !policy.enabled(r))
        .map(|&r| {
            let (_, by, from) = super::config::selection(settings, r);
            RuleOff {
                rule: r.code(),
                by,
                origin: origin(&from),
            }
        })
        .collect();
    let severities = Rule::ALL
        .iter()
        .filter(|&&r| policy.enabled(r) && policy.is_overridden(r))
        .filter_map(|&r| {
            let (by, from) = super::config::severity_origin(settings, r);
            Some(SeverityChange {
                rule: r.code(),
                severity: policy.severity(r),
                pack: policy.pack.rule(r).severity,
                by: by?,
                origin: origin(&from),
            })
        })
        .collect();
    let _ = Parameters::NAMES;
    Ok(Tailoring {
        rules_off,
        parameters,
        severities,
        waivers: settings.waivers.as_ref().map(|w| WaiversFile {
            file: super::config::show(&w.value),
            origin: origin(&w.origin),
            waivers: policy.waivers().len(),
        }),
    })
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
            return Err(match lang {
                Lang::Vi => format!("tệp {} được ghi hai lần với -o", path.display()),
                Lang::En => format!("{} is named twice with -o", path.display()),
            }
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
        return Err(lang
            .pick(
                "--split-by cần ít nhất một tệp -o (mỗi đảng bộ một tệp)",
                "--split-by needs at least one -o file (one file per committee)",
            )
            .into());
    }
    Ok(out)
}

fn cannot_write(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "không ghi được {}: {}",
            path.display(),
            kiemtra_config::io_error(e, lang)
        ),
        Lang::En => format!("cannot write {}: {e}", path.display()),
    }
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
        return match lang {
            Lang::Vi => format!(
                "{shown}: kiemtra không ghi PDF; hãy ghi báo cáo HTML (-o bao-cao.html) rồi mở bằng \
                 trình duyệt và In → Lưu dưới dạng PDF (khổ A4)"
            ),
            Lang::En => format!(
                "{shown}: kiemtra does not write PDF; write the HTML report (-o report.html), open \
                 it in a browser and Print → Save as PDF (A4)"
            ),
        };
    }
    match lang {
        Lang::Vi => format!(
            "{shown}: kiemtra không ghi được loại tệp này; các đuôi tệp được hỗ trợ: {known}"
        ),
        Lang::En => {
            format!("{shown}: kiemtra does not write this kind of file; known extensions: {known}")
        }
    }
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
