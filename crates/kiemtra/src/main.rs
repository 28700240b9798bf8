//! `kiemtra`: audit party-cell meeting records against the themed-session guidance.

mod cli;
mod cli_lang;
mod cmd;
mod format_v1;
mod output;

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli_lang::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    output::on_signal();
    match cmd::run(cli) {
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
