//! The subcommands.

mod check;
mod convert;
mod explain;
mod rules;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// An error that ends the run with exit code 2.
pub type Error = Box<dyn std::error::Error>;

pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let lang = cli.lang.into();
    match cli.command {
        Command::Check(args) => check::run(&args, lang),
        Command::Convert(args) => convert::run(&args, lang),
        Command::Rules(args) => rules::run(&args, lang),
        Command::Explain { rule } => explain::run(&rule, lang),
    }
}
