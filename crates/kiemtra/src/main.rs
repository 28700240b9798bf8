//! `kiemtra`: audit party-cell meeting records against the themed-session guidance.

mod cli;
mod cli_lang;
mod cmd;
mod format_v1;
mod output;
mod problems;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The configuration is read once, before parsing: it may choose the language of the help.
    let start = cmd::Start::read(&cli_lang::scan(&args));
    let cli = match cli_lang::parse(args, start.lang) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    output::on_signal(start.lang);
    match cmd::run(cli, start) {
        Ok(code) => code,
        Err(e) => {
            let mut err = anstream::stderr();
            let red = anstyle::Style::new()
                .bold()
                .fg_color(Some(anstyle::AnsiColor::Red.into()));
            let _ = std::io::Write::write_fmt(&mut err, format_args!("{red}kiemtra:{red:#} {e}\n"));
            ExitCode::from(2)
        }
    }
}
