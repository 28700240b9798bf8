//! `kiemtra config`: the effective configuration, and where each value came from.

use std::io::Write;
use std::process::ExitCode;

use kiemtra_config::{Origin, PackSource, Settings};
use kiemtra_messages::{m, Say};
use kiemtra_rules::{Lang, Rule};
use kiemtra_runner::WaiverScope;
use serde_json::json;

use kiemtra_report::{ParameterChange, RuleOff, SeverityChange, Tailoring, WaiversFile};

use super::Error;
use crate::cli::{ConfigArgs, ListingFormat};

pub fn run(args: &ConfigArgs, settings: &Settings) -> Result<ExitCode, Error> {
    let mut out = anstream::stdout().lock();
    match args.format {
        ListingFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &as_json(settings))?;
            writeln!(out)?;
        }
        ListingFormat::Text => text(settings, &mut out)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn show(path: &std::path::Path) -> String {
    kiemtra_config::show(path)
}

/// The origin as a reader reads it.
pub(crate) fn origin(settings: &Settings, o: &Origin) -> String {
    use m::cli::origin as w;
    let lang = settings.lang.value;
    let pack = &settings.policy.pack.pack;
    match o {
        Origin::Default => w::DEFAULT.get(lang).to_owned(),
        Origin::Pack => match &settings.pack.value {
            PackSource::BuiltIn => w::BuiltInPack { pack: &pack.id }.say(lang),
            PackSource::File(path) => w::PackFile { file: &show(path) }.say(lang),
        },
        Origin::File { path, line } => format!("{path}:{line}"),
        Origin::CommandLine => w::COMMAND_LINE.get(lang).to_owned(),
    }
}

/// Why a rule is on or off: the selector, which list it is in, and where that list is written.
pub(crate) fn selection(settings: &Settings, rule: Rule) -> (bool, Option<String>, Origin) {
    let s = settings.policy.selection(rule);
    let (list, from) = if s.enabled {
        ("select", &settings.select)
    } else {
        ("ignore", &settings.ignore)
    };
    match s.by {
        // Off because no `select` entry names it.
        None => (false, None, settings.select.origin.clone()),
        Some(by) if s.enabled => (true, Some(format!("{list} {by}")), from.origin.clone()),
        Some(by) => (false, Some(format!("{list} {by}")), from.origin.clone()),
    }
}

/// Where a rule's severity comes from: the pack, or a `[severity]` entry.
pub(crate) fn severity_origin(settings: &Settings, rule: Rule) -> (Option<String>, Origin) {
    match settings.policy.severity_set_by(rule) {
        Some(by) => (Some(by.to_owned()), settings.severity_origin(by)),
        None => (None, Origin::Pack),
    }
}

fn pack_value(settings: &Settings) -> String {
    let p = &settings.policy.pack.pack;
    match &settings.pack.value {
        PackSource::BuiltIn => format!("{} {}", p.id, p.version),
        PackSource::File(path) => format!("{} {} ({})", p.id, p.version, show(path)),
    }
}

fn text(settings: &Settings, out: &mut dyn Write) -> Result<(), Error> {
    use m::cli::config as w;
    let lang = settings.lang.value;
    let bold = anstyle::Style::new().bold();
    let pack = &settings.policy.pack;
    let none = "—";
    match &settings.config {
        Some(path) => writeln!(out, "{bold}{}{bold:#} {}", w::FILE.get(lang), show(path))?,
        None => writeln!(
            out,
            "{bold}{}{bold:#} {}",
            w::FILE.get(lang),
            w::NO_FILE.get(lang)
        )?,
    }
    writeln!(
        out,
        "{} {} — {}, {}; {} {:02}/{}",
        w::PACK.get(lang),
        pack.pack.id,
        pack.pack.issuer,
        pack.pack.date.format("%d/%m/%Y"),
        w::APPLIES_FROM.get(lang),
        pack.first_month().month,
        pack.first_month().year,
    )?;
    writeln!(out)?;

    let [h_key, h_value, h_from] = [w::SETTING, w::VALUE, w::SOURCE].map(|p| p.get(lang));
    writeln!(out, "{bold}{h_key:<18} {h_value:<30} {h_from}{bold:#}")?;
    let mut row = |key: &str, value: String, from: String| -> std::io::Result<()> {
        writeln!(out, "{key:<18} {value:<30} {from}")
    };
    row(
        "pack",
        pack_value(settings),
        origin(settings, &settings.pack.origin),
    )?;
    row(
        "lang",
        format!("{:?}", settings.lang.value).to_lowercase(),
        origin(settings, &settings.lang.origin),
    )?;
    row(
        "format",
        settings.format.value.clone(),
        origin(settings, &settings.format.origin),
    )?;
    row(
        "fail_on",
        settings.fail_on.value.code().to_owned(),
        origin(settings, &settings.fail_on.origin),
    )?;
    row(
        "select",
        settings.select.value.join(", "),
        origin(settings, &settings.select.origin),
    )?;
    let ignore = if settings.ignore.value.is_empty() {
        none.to_owned()
    } else {
        settings.ignore.value.join(", ")
    };
    row("ignore", ignore, origin(settings, &settings.ignore.origin))?;
    for (name, s) in &settings.parameters {
        row(name, s.value.to_string(), origin(settings, &s.origin))?;
    }
    match &settings.waivers {
        Some(w) => row(
            "waivers",
            format!("{} ({})", show(&w.value), settings.policy.waivers().len()),
            origin(settings, &w.origin),
        )?,
        None => row(
            "waivers",
            none.to_owned(),
            origin(settings, &Origin::Default),
        )?,
    }
    row(
        "csv_delimiter",
        delimiter(settings.csv_delimiter.value),
        origin(settings, &settings.csv_delimiter.origin),
    )?;
    match &settings.as_of {
        Some(d) => row("as_of", d.value.to_string(), origin(settings, &d.origin))?,
        None => row(
            "as_of",
            w::LATEST_MEETING.get(lang).to_owned(),
            origin(settings, &Origin::Default),
        )?,
    }
    writeln!(out)?;

    let [h_rule, h_state, h_sev, h_why] =
        [w::RULE, w::RUNS, w::SEVERITY, w::SOURCE].map(|p| p.get(lang));
    writeln!(
        out,
        "{bold}{h_rule:<28} {h_state:<5} {h_sev:<9} {h_why}{bold:#}"
    )?;
    for &rule in Rule::ALL {
        let (on, by, by_origin) = selection(settings, rule);
        let (sev_by, sev_origin) = severity_origin(settings, rule);
        let mut why = Vec::new();
        if !on || by.as_deref() != Some("select CD") {
            let what = by.unwrap_or_else(|| w::NOT_IN_SELECT.get(lang).to_owned());
            why.push(format!("{what} ({})", origin(settings, &by_origin)));
        }
        if on {
            match sev_by {
                Some(key) => why.push(format!(
                    "[severity] {key} ({})",
                    origin(settings, &sev_origin)
                )),
                None => why.push(origin(settings, &sev_origin)),
            }
        }
        writeln!(
            out,
            "{:<28} {:<5} {:<9} {}",
            format!("{} {}", rule.code(), rule.name()),
            if on { w::YES } else { w::NO }.get(lang),
            if on {
                settings.policy.severity(rule).label(lang)
            } else {
                none
            },
            why.join("; ")
        )?;
    }

    let waivers = settings.policy.waivers();
    if !waivers.is_empty() {
        writeln!(out)?;
        writeln!(out, "{bold}{}{bold:#}", w::WAIVERS.get(lang))?;
        for w in waivers {
            writeln!(
                out,
                "{:<12} {:<6} {:<28} {}..{}  {} {}  ({})",
                w.id,
                w.rule,
                scope(&w.scope, lang),
                w.from,
                w.to,
                w::EXPIRES.get(lang),
                w.expires,
                w.origin
            )?;
        }
    }
    Ok(())
}

/// How the settings differ from the pack, with the origins `kiemtra config` shows.
pub(crate) fn tailoring(settings: &Settings) -> Result<Tailoring, Error> {
    use kiemtra_rules::{Pack, Parameters, Rule};
    let policy = &settings.policy;
    let origin = |o: &Origin| origin(settings, o);
    // The pack's own values, before kiemtra.toml changed them.
    let pack = match &settings.pack.value {
        PackSource::BuiltIn => Pack::embedded(),
        PackSource::File(path) => Pack::parse(&kiemtra_input::side::read_text(
            path,
            kiemtra_input::side::MAX_SIDE_BYTES,
        )?)?,
    };
    let parameters = settings
        .parameters
        .iter()
        .filter_map(|(name, s)| {
            let own = pack.parameters.get(name)?;
            (own != s.value).then(|| ParameterChange {
                name,
                value: s.value,
                pack: own,
                origin: origin(&s.origin),
            })
        })
        .collect();
    let rules_off = Rule::ALL
        .iter()
        .filter(|&&r| !policy.enabled(r))
        .map(|&r| {
            let (_, by, from) = selection(settings, r);
            RuleOff {
                rule: r.code(),
                by,
                origin: origin(&from),
            }
        })
        .collect();
    let severities = Rule::ALL
        .iter()
        .filter(|&&r| policy.enabled(r) && policy.is_overridden(r))
        .filter_map(|&r| {
            let (by, from) = severity_origin(settings, r);
            Some(SeverityChange {
                rule: r.code(),
                severity: policy.severity(r),
                pack: policy.pack.rule(r).severity,
                by: by?,
                origin: origin(&from),
            })
        })
        .collect();
    let _ = Parameters::NAMES;
    Ok(Tailoring {
        rules_off,
        parameters,
        severities,
        waivers: settings.waivers.as_ref().map(|w| WaiversFile {
            file: show(&w.value),
            origin: origin(&w.origin),
            waivers: policy.waivers().len(),
        }),
    })
}

/// A delimiter as written in kiemtra.toml.
fn delimiter(d: u8) -> String {
    match d {
        b'\t' => "tab".to_owned(),
        d => char::from(d).to_string(),
    }
}

fn scope(s: &WaiverScope, lang: Lang) -> String {
    match s {
        WaiverScope::Unit(u) => u.clone(),
        WaiverScope::Parent(parent) => m::cli::config::WholeParent { parent }.say(lang),
    }
}

fn origin_json(settings: &Settings, o: &Origin) -> serde_json::Value {
    let mut v = json!({ "kind": o.code(), "text": origin(settings, o) });
    if let Origin::File { path, line } = o {
        v["file"] = json!(path);
        v["line"] = json!(line);
    }
    v
}

fn as_json(settings: &Settings) -> serde_json::Value {
    let s = |value: serde_json::Value, o: &Origin| json!({ "value": value, "source": origin_json(settings, o) });
    let pack = &settings.policy.pack;
    let parameters: serde_json::Map<String, serde_json::Value> = settings
        .parameters
        .iter()
        .map(|(name, p)| (name.to_string(), s(json!(p.value), &p.origin)))
        .collect();
    let rules: Vec<serde_json::Value> = Rule::ALL
        .iter()
        .map(|&rule| {
            let (on, by, by_origin) = selection(settings, rule);
            let (sev_by, sev_origin) = severity_origin(settings, rule);
            json!({
                "code": rule.code(),
                "name": rule.name(),
                "enabled": on,
                "selected_by": by,
                "selection_source": origin_json(settings, &by_origin),
                "severity": settings.policy.severity(rule),
                "severity_key": sev_by,
                "severity_source": origin_json(settings, &sev_origin),
            })
        })
        .collect();
    let waivers: Vec<serde_json::Value> = settings
        .policy
        .waivers()
        .iter()
        .map(|w| {
            let (unit, parent) = match &w.scope {
                WaiverScope::Unit(u) => (Some(u), None),
                WaiverScope::Parent(p) => (None, Some(p)),
            };
            json!({
                "id": w.id, "rule": w.rule, "unit": unit, "parent": parent,
                "from": w.from.to_string(), "to": w.to.to_string(),
                "justification": w.justification, "approved_by": w.approved_by,
                "expires": w.expires.to_string(), "origin": w.origin,
            })
        })
        .collect();
    json!({
        "config": settings.config.as_deref().map(show),
        "pack": {
            "id": pack.pack.id,
            "version": pack.pack.version,
            "file": match &settings.pack.value {
                PackSource::BuiltIn => None,
                PackSource::File(p) => Some(show(p)),
            },
            "effective": pack.pack.effective.to_string(),
            "first_month": pack.first_month().to_string(),
            "source": origin_json(settings, &settings.pack.origin),
        },
        "lang": s(json!(settings.lang.value), &settings.lang.origin),
        "format": s(json!(settings.format.value), &settings.format.origin),
        "fail_on": s(json!(settings.fail_on.value), &settings.fail_on.origin),
        "select": s(json!(settings.select.value), &settings.select.origin),
        "ignore": s(json!(settings.ignore.value), &settings.ignore.origin),
        "parameters": parameters,
        "waivers_file": settings.waivers.as_ref().map(|w| s(json!(show(&w.value)), &w.origin)),
        "csv_delimiter": s(json!(delimiter(settings.csv_delimiter.value)), &settings.csv_delimiter.origin),
        "as_of": settings.as_of.as_ref().map(|d| s(json!(d.value.to_string()), &d.origin)),
        "rules": rules,
        "waivers": waivers,
    })
}
