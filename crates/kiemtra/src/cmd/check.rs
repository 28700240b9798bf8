//! `kiemtra check`.

use std::io::Write;
use std::process::ExitCode;

use kiemtra_report::Context;
use kiemtra_rules::{Lang, Pack};
use kiemtra_runner::{Options, Policy};

use super::Error;
use crate::cli::{CheckArgs, Format};

pub fn run(args: &CheckArgs, lang: Lang) -> Result<ExitCode, Error> {
    if args.parse_only {
        return parse_only(args);
    }
    let options = Options {
        policy: Policy::new(Pack::embedded()),
        from: args.from,
        to: args.to,
    };
    let limits = limits(args);
    let outcome = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()?
            .install(|| kiemtra_runner::run_with(&args.paths, &options, &limits))?,
        None => kiemtra_runner::run_with(&args.paths, &options, &limits)?,
    };
    let ctx = Context {
        lang,
        policy: &options.policy,
    };
    if let (Format::Json, Some(path)) = (args.format, &args.output) {
        // JSON holds no colour (control characters in it are escaped): streamed to the file as
        // it is rendered, never held whole in memory.
        let cannot = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
        let file = std::fs::File::create(path).map_err(cannot)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        kiemtra_report::json::render(&outcome, &ctx, &mut out).map_err(cannot)?;
        out.flush().map_err(cannot)?;
        return Ok(exit_code(&outcome, args));
    }
    let mut buffer = Vec::new();
    match args.format {
        Format::Text => kiemtra_report::text::render(&outcome, &ctx, &mut buffer)?,
        Format::Json => kiemtra_report::json::render(&outcome, &ctx, &mut buffer)?,
    }
    match &args.output {
        Some(path) => {
            // A file gets no colour.
            let mut plain = anstream::StripStream::new(Vec::new());
            plain.write_all(&buffer)?;
            std::fs::write(path, plain.into_inner())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        None => {
            let mut out = anstream::stdout().lock();
            out.write_all(&buffer)?;
            out.flush()?;
        }
    }
    Ok(exit_code(&outcome, args))
}

fn exit_code(outcome: &kiemtra_runner::Outcome, args: &CheckArgs) -> ExitCode {
    if outcome.failed(args.fail_on.into()) {
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
