//! `kiemtra rules`: the catalogue as a table.

use std::io::Write;
use std::process::ExitCode;

use kiemtra_config::Settings;
use kiemtra_messages::m;
use kiemtra_rules::docs::doc;
use kiemtra_rules::{Lang, Rule};

use super::Error;
use crate::cli::{ListingFormat, RulesArgs};

/// The catalogue as the effective configuration applies it: the pack's clauses, each rule's
/// severity (tailored where kiemtra.toml says so), and whether it is on.
pub fn run(args: &RulesArgs, settings: &Settings) -> Result<ExitCode, Error> {
    let lang = settings.lang.value;
    let policy = &settings.policy;
    let pack = &policy.pack;
    let mut out = anstream::stdout().lock();
    match args.format {
        ListingFormat::Json => {
            let rows: Vec<serde_json::Value> = Rule::ALL
                .iter()
                .map(|&r| {
                    let entry = pack.rule(r);
                    serde_json::json!({
                        "code": r.code(),
                        "name": r.name(),
                        "enabled": policy.enabled(r),
                        "severity": policy.severity(r),
                        "cites": entry.cites,
                        "title": doc(r, lang).title,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        ListingFormat::Text => {
            let bold = anstyle::Style::new().bold();
            use m::cli::rules as w;
            let [h_code, h_name, h_sev, h_cites, h_title] =
                [w::CODE, w::NAME, w::SEVERITY, w::CITES, w::TITLE].map(|p| p.get(lang));
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
                    severity_cell(settings, r, lang),
                    entry.cites.join(", "),
                    doc(r, lang).title
                )?;
            }
            let p = &pack.pack;
            writeln!(out)?;
            writeln!(
                out,
                "{} {} ({} v{}) — {}, {}",
                w::PACK.get(lang),
                p.id,
                w::CATALOGUE.get(lang),
                p.catalogue,
                p.issuer,
                p.date.format("%d/%m/%Y")
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The severity, or "off" for a rule that is not run.
fn severity_cell(settings: &Settings, rule: Rule, lang: Lang) -> &'static str {
    if settings.policy.enabled(rule) {
        settings.policy.severity(rule).label(lang)
    } else {
        m::cli::rules::OFF.get(lang)
    }
}
