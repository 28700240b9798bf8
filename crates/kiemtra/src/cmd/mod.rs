//! The subcommands.

mod check;
mod config;
mod convert;
mod explain;
pub mod read;
mod rules;
mod schema;
mod serve;
mod template;
mod template_fields;
mod template_xlsx;

use std::process::ExitCode;

use kiemtra_config::{CommandLine, ConfigError, ConfigFile, Settings};
use kiemtra_rules::Lang;

use crate::cli::{Cli, Command, ReportFormat, TailorArgs};
use crate::cli_lang::Asked;

/// An error that ends the run with exit code 2.
pub type Error = Box<dyn std::error::Error>;

/// The configuration file of a run, read once before the arguments are parsed, and the
/// language the arguments and the file ask for.
pub struct Start {
    /// `None`: no configuration file.
    config: Option<Result<ConfigFile, ConfigError>>,
    /// `--lang`, else `lang` of the configuration, else Vietnamese.
    pub lang: Lang,
}

impl Start {
    pub fn read(asked: &Asked) -> Start {
        let config = kiemtra_config::config_path(asked.config.as_deref(), asked.no_config)
            .map(|path| ConfigFile::read(&path, &as_strs(&formats())));
        let configured = config
            .as_ref()
            .and_then(|c| c.as_ref().ok())
            .and_then(|c| c.lang.as_ref())
            .map(|l| l.value);
        Start {
            lang: asked.lang.or(configured).unwrap_or_default(),
            config,
        }
    }
}

pub fn run(cli: Cli, start: Start) -> Result<ExitCode, Error> {
    let base = CommandLine {
        pack: cli.pack.clone(),
        lang: cli.lang.map(Lang::from),
        ..CommandLine::default()
    };
    let Start { config, lang } = start;
    let config = match config.transpose() {
        Ok(config) => config,
        // Worded in the language asked for on the command line: the file's was not read.
        Err(e) => {
            return Err(crate::problems::config_error(&e, base.lang.unwrap_or_default()).into())
        }
    };
    let settings = |line: &CommandLine| -> Result<Settings, Error> {
        kiemtra_config::resolve(line, config.as_ref(), &as_strs(&formats()))
            .map_err(|e| crate::problems::config_error(&e, lang).into())
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
        Command::Read(args) => read::run(&args, settings(&base)?.lang.value),
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

/// The formats of `kiemtra check` (and `format` of kiemtra.toml), the default first.
fn formats() -> Vec<String> {
    ReportFormat::names()
}

fn as_strs(names: &[String]) -> Vec<&str> {
    names.iter().map(String::as_str).collect()
}
