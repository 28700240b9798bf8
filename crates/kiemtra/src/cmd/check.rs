//! `kiemtra check`.

use std::io::Write;
use std::process::ExitCode;

use clap::ValueEnum;
use kiemtra_config::Settings;
use kiemtra_report::Context;
use kiemtra_runner::{Baseline, Options};

use super::Error;
use crate::cli::{CheckArgs, Format};

pub fn run(args: &CheckArgs, settings: &Settings) -> Result<ExitCode, Error> {
    let lang = settings.lang.value;
    let format = Format::from_str(&settings.format.value, true)?;
    let baseline = match &args.baseline {
        Some(path) => {
            let shown = path.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(path).map_err(|e| format!("{shown}: {e}"))?;
            Some(Baseline::parse(&text, &shown)?)
        }
        None => None,
    };
    let options = Options {
        policy: settings.policy.clone(),
        from: args.from,
        to: args.to,
    };
    let mut outcome = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build()?
            .install(|| kiemtra_runner::run(&args.paths, &options))?,
        None => kiemtra_runner::run(&args.paths, &options)?,
    };
    if let Some(baseline) = &baseline {
        baseline.compare(&mut outcome, &options.policy);
    }
    let ctx = Context {
        lang,
        policy: &options.policy,
    };
    let mut buffer = Vec::new();
    match format {
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
    Ok(if outcome.failed(settings.fail_on.value) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
