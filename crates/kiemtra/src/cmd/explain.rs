//! `kiemtra explain CODE`: a rule's documentation, with the clause quoted from the pack.

use std::io::Write;
use std::process::ExitCode;

use kiemtra_config::Settings;
use kiemtra_messages::{m, Say};
use kiemtra_rules::docs::doc;
use kiemtra_rules::Rule;

use super::Error;

pub fn run(code: &str, settings: &Settings) -> Result<ExitCode, Error> {
    let lang = settings.lang.value;
    let Some(rule) = Rule::find(code) else {
        let near = closest(code);
        return Err(m::cli::explain::NoRule {
            code: &code,
            near: &near,
        }
        .say(lang)
        .into());
    };
    let policy = &settings.policy;
    let entry = policy.pack.rule(rule);
    let d = doc(rule, lang);
    let mut out = anstream::stdout().lock();
    // The doc's head (`# CODE name` and title), then severity, clause and quote, then the body.
    let markdown = d.markdown(policy.parameters());
    let (head, body) = markdown.split_once("\n## ").unwrap_or((&markdown, ""));
    writeln!(out, "{}", head.trim_end())?;
    writeln!(out)?;
    let (sev, cites, quote) = (
        m::cli::explain::DEFAULT_SEVERITY.get(lang),
        m::cli::explain::CITES.get(lang),
        m::cli::explain::QUOTE.get(lang),
    );
    write!(out, "{sev}: {}", entry.severity.label(lang))?;
    if !policy.enabled(rule) {
        write!(out, " {}", m::cli::explain::OFF.get(lang))?;
    } else if policy.is_overridden(rule) {
        let tailored = policy.severity(rule).label(lang);
        write!(
            out,
            " {}",
            m::cli::explain::Configured {
                severity: &tailored
            }
            .in_lang(lang)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{cites}: {}", entry.cites.join(", "))?;
    writeln!(out, "{quote}: “{}”", entry.quote)?;
    writeln!(out)?;
    writeln!(out, "## {}", body.trim_end())?;
    Ok(ExitCode::SUCCESS)
}

/// The rule code or name nearest to what was typed.
fn closest(typed: &str) -> &'static str {
    let typed = typed.to_ascii_lowercase();
    Rule::ALL
        .iter()
        .flat_map(|r| [r.code(), r.name()])
        .min_by_key(|c| strsim::levenshtein(&typed, &c.to_ascii_lowercase()))
        .unwrap_or("CD101")
}
