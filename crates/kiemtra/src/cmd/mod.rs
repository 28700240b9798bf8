//! The subcommands.

mod check;
mod config;
mod convert;
mod explain;
mod rules;
mod schema;
mod serve;
mod template;
mod template_xlsx;

use std::process::ExitCode;

use kiemtra_config::{CommandLine, Settings};
use kiemtra_rules::Lang;

use crate::cli::{Cli, Command, ReportFormat, TailorArgs};

/// An error that ends the run with exit code 2.
pub type Error = Box<dyn std::error::Error>;

pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let base = CommandLine {
        config: cli.config.clone(),
        no_config: cli.no_config,
        pack: cli.pack.clone(),
        lang: cli.lang.map(Lang::from),
        ..CommandLine::default()
    };
    match cli.command {
        Command::Check(args) => {
            let mut line = tailored(base, &args.tailor);
            line.format = args.format.map(ReportFormat::name);
            line.csv_delimiter = args.csv_delimiter;
            check::run(&args, &settings(&line)?)
        }
        Command::Convert(args) => convert::run(&args, settings(&base)?.lang.value),
        Command::Rules(args) => rules::run(&args, &settings(&base)?),
        Command::Explain { rule } => explain::run(&rule, &settings(&base)?),
        Command::Config(args) => config::run(&args, &settings(&tailored(base, &args.tailor))?),
        Command::Schema => schema::run(),
        Command::Template(args) => template::run(&args, &settings(&base)?),
        Command::Serve(args) => serve::run(&args, settings(&base)?),
    }
}

/// The command line's tailoring added to the global options.
fn tailored(base: CommandLine, t: &TailorArgs) -> CommandLine {
    CommandLine {
        select: t.select.clone(),
        ignore: t.ignore.clone(),
        fail_on: t.fail_on.map(Into::into),
        waivers: t.waivers.clone(),
        as_of: t.as_of,
        ..base
    }
}

/// Defaults, pack, kiemtra.toml and command line, merged.
fn settings(line: &CommandLine) -> Result<Settings, Error> {
    let names = ReportFormat::names();
    let formats: Vec<&str> = names.iter().map(String::as_str).collect();
    Ok(kiemtra_config::resolve(line, &formats)?)
}
