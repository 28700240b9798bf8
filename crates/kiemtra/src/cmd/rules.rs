//! `kiemtra rules`: the catalogue as a table.

use std::io::Write;
use std::process::ExitCode;

use kiemtra_rules::docs::doc;
use kiemtra_rules::{Lang, Pack, Rule};

use super::Error;
use crate::cli::{Format, RulesArgs};

pub fn run(args: &RulesArgs, lang: Lang) -> Result<ExitCode, Error> {
    let pack = Pack::embedded();
    let mut out = anstream::stdout().lock();
    match args.format {
        Format::Json => {
            let rows: Vec<serde_json::Value> = Rule::ALL
                .iter()
                .map(|&r| {
                    let entry = pack.rule(r);
                    serde_json::json!({
                        "code": r.code(),
                        "name": r.name(),
                        "severity": entry.severity,
                        "cites": entry.cites,
                        "title": doc(r, lang).title,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Text => {
            let bold = anstyle::Style::new().bold();
            let (h_code, h_name, h_sev, h_cites, h_title) = match lang {
                Lang::Vi => ("Mã", "Tên", "Mức", "Điều khoản", "Nội dung"),
                Lang::En => ("Code", "Name", "Severity", "Cites", "Checks"),
            };
            writeln!(
                out,
                "{bold}{h_code:<6} {h_name:<22} {h_sev:<9} {h_cites:<28} {h_title}{bold:#}"
            )?;
            for &r in Rule::ALL {
                let entry = pack.rule(r);
                writeln!(
                    out,
                    "{:<6} {:<22} {:<9} {:<28} {}",
                    r.code(),
                    r.name(),
                    entry.severity.label(lang),
                    entry.cites.join(", "),
                    doc(r, lang).title
                )?;
            }
            let p = &pack.pack;
            writeln!(out)?;
            writeln!(
                out,
                "{} {} — {}, {}",
                lang.pick("Bộ quy tắc:", "Rule pack:"),
                p.id,
                p.issuer,
                p.date.format("%d/%m/%Y")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
