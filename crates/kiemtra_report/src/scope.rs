//! What an inspection checked, said exactly: the audited period (with the reason when it is
//! not the one asked), the data read, and the rules and parameters in force — those that differ
//! from the rule pack with where they were set, as `kiemtra config` shows it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kiemtra_messages::{m, Say};
use kiemtra_rules::{Lang, Pack, Parameters, Rule, Severity};
use kiemtra_runner::Outcome;
use serde::Serialize;

use crate::document::Document;
use crate::rollup::{month, parent_name, Rating, Rollup};
use crate::Context;

/// How the run's settings differ from the rule pack, and where each difference was set. Built
/// by the caller from the effective configuration (the origins `kiemtra config` shows); the
/// rules on and their severities themselves are read from the policy.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Tailoring {
    /// Rules not applied, with the selector that turned each off and where it is written.
    pub rules_off: Vec<RuleOff>,
    /// Parameters whose value is not the pack's.
    pub parameters: Vec<ParameterChange>,
    /// Rules whose severity is not the pack's.
    pub severities: Vec<SeverityChange>,
    /// The waivers file.
    pub waivers: Option<WaiversFile>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RuleOff {
    pub rule: &'static str,
    /// `ignore CD5`; `None` when no `select` entry names the rule.
    pub by: Option<String>,
    pub origin: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ParameterChange {
    pub name: &'static str,
    pub value: u32,
    pub pack: u32,
    pub origin: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SeverityChange {
    pub rule: &'static str,
    pub severity: Severity,
    pub pack: Severity,
    /// The `[severity]` key that set it.
    pub by: String,
    pub origin: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct WaiversFile {
    pub file: String,
    pub origin: String,
    pub waivers: usize,
}

/// The audited period in words, with the reason when it is not the one asked.
pub(crate) fn period(outcome: &Outcome, rollup: &Rollup<'_>, pack: &Pack, lang: Lang) -> String {
    let given = outcome.from.is_some() || outcome.to.is_some();
    let Some(p) = rollup.span else {
        return m::report::NO_RECORDS.get(lang).to_owned();
    };
    let mut s = m::report::scope::Period {
        from: &month(p.from),
        to: &month(p.to),
    }
    .say(lang);
    if let Some(asked) = outcome.asked_from {
        s.push_str(&format!(" ({})", pack.period_reason(asked, lang)));
    }
    if !given {
        s.push(' ');
        s.push_str(m::report::scope::EACH_UNIT_OWN_SPAN.get(lang));
    }
    s
}

/// Codes that share a reason, each reason once: `CD501, CD502 (ignore CD5, kiemtra.toml:3)`.
fn grouped(items: Vec<(&'static str, String)>) -> String {
    let mut groups: Vec<(Vec<&str>, String)> = Vec::new();
    for (code, why) in items {
        match groups.iter_mut().find(|(_, w)| *w == why) {
            Some((codes, _)) => codes.push(code),
            None => groups.push((vec![code], why)),
        }
    }
    groups
        .iter()
        .map(|(codes, why)| format!("{} {why}", codes.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The rule pack, the rules not applied and why, the parameters, and what differs from the
/// pack and where it was set: label and text pairs of the scope.
pub(crate) fn rules(
    ctx: &Context<'_>,
    tailoring: Option<&Tailoring>,
) -> Vec<(&'static str, String)> {
    use m::report::scope as w;
    let lang = ctx.lang;
    let pack = &ctx.policy.pack;
    let p = &pack.pack;
    let on: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|&r| ctx.policy.enabled(r))
        .collect();
    let params = ctx.policy.parameters();
    let mut out = vec![(
        w::PACK.get(lang),
        w::PackText {
            id: &p.id,
            version: &p.version,
            source: &p.source.as_deref().unwrap_or(w::NO_SOURCE.get(lang)),
            on: &on.len(),
            all: &Rule::ALL.len(),
        }
        .say(lang),
    )];
    let off: Vec<(&'static str, String)> = Rule::ALL
        .iter()
        .filter(|&&r| !ctx.policy.enabled(r))
        .map(|&r| {
            let found = tailoring.and_then(|t| t.rules_off.iter().find(|o| o.rule == r.code()));
            let why = match found {
                Some(o) => {
                    let by =
                        o.by.clone()
                            .unwrap_or_else(|| w::NOT_IN_SELECT.get(lang).to_owned());
                    format!("({by}, {})", o.origin)
                }
                None => String::new(),
            };
            (r.code(), why)
        })
        .collect();
    if !off.is_empty() {
        out.push((w::RULES_OFF.get(lang), grouped(off)));
    }
    let mut values = w::ParametersText {
        min_minutes: &params.min_minutes,
        max_topic_months: &params.max_topic_months,
        scale: &Rating::scale(&params.rating, lang),
    }
    .say(lang);
    let changed: Vec<String> = tailoring
        .map(|t| t.parameters.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|c| {
            w::ParameterChanged {
                name: &c.name,
                value: &c.value,
                pack: &c.pack,
                origin: &c.origin,
            }
            .say(lang)
        })
        .collect();
    if !changed.is_empty() {
        w::ParametersDiffer {
            changes: &changed.join("; "),
        }
        .say_into(lang, &mut values);
    }
    out.push((w::PARAMETERS.get(lang), values));
    let severities: Vec<(&'static str, String)> = on
        .iter()
        .filter(|&&r| ctx.policy.is_overridden(r))
        .map(|&r| {
            let pack_sev = pack.rule(r).severity.label(lang);
            let sev = ctx.policy.severity(r).label(lang);
            let set = tailoring
                .and_then(|t| t.severities.iter().find(|c| c.rule == r.code()))
                .map(|c| {
                    w::SeveritySet {
                        by: &c.by,
                        origin: &c.origin,
                    }
                    .say(lang)
                })
                .unwrap_or_default();
            let why = w::SeverityChanged {
                severity: &sev,
                pack: &pack_sev,
                set: &set,
            }
            .say(lang);
            (r.code(), why)
        })
        .collect();
    if !severities.is_empty() {
        out.push((w::SEVERITIES.get(lang), grouped(severities)));
    }
    out
}

/// The scope of the inspection, as label and text pairs. `waived_part` is the numeral of the
/// part that lists waived findings.
pub(crate) fn scope(
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
    rollup: &Rollup<'_>,
    waived_part: &str,
) -> Vec<(&'static str, String)> {
    use m::report::scope as w;
    let lang = ctx.lang;
    let p = &ctx.policy.pack.pack;
    let s = &outcome.summary;
    let date = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let mut basis = w::BasisText {
        title: &p.title,
        issuer: &p.issuer,
        date: &date(p.date),
    }
    .say(lang);
    if let Some(r) = &p.replaces {
        w::Replaces {
            number: &r.number,
            date: &date(r.date),
        }
        .say_into(lang, &mut basis);
    }
    if !p.basis.is_empty() {
        w::Implementing {
            basis: &p.basis.join("; "),
        }
        .say_into(lang, &mut basis);
    }
    let parents: Vec<String> = rollup
        .parents
        .iter()
        .map(|pr| {
            w::ParentUnits {
                parent: &parent_name(pr.name, lang),
                count: &pr.units.len(),
            }
            .say(lang)
        })
        .collect();
    let units = w::UnitsText {
        units: &s.units,
        parents: &rollup.parents.len(),
        list: &parents.join("; "),
    }
    .say(lang);
    let mut data = match document.district {
        None => w::DataText {
            files: &s.files,
            records: &s.records,
            checked: &s.checked,
            rejected: &s.rejected,
        }
        .say(lang),
        Some(d) => w::DataOfDistrict {
            checked: &s.checked,
            files: &d.files,
            records: &d.records,
            district_checked: &d.checked,
            rejected: &d.rejected,
        }
        .say(lang),
    };
    if s.outside_period > 0 {
        w::OutsidePeriod {
            count: &s.outside_period,
        }
        .say_into(lang, &mut data);
    }
    if s.before_effective > 0 {
        w::BeforeEffective {
            count: &s.before_effective,
        }
        .say_into(lang, &mut data);
    }
    if s.waived > 0 {
        w::Waived {
            count: &s.waived,
            part: &waived_part,
        }
        .say_into(lang, &mut data);
    }
    if !outcome.file_errors.is_empty() {
        w::FilesUnreadable {
            count: &outcome.file_errors.len(),
        }
        .say_into(lang, &mut data);
    }
    let digest = w::DigestText {
        digest: &outcome.inputs.digest,
    }
    .say(lang);
    let mut out = vec![
        (w::BASIS.get(lang), basis),
        (w::UNITS.get(lang), units),
        (
            w::PERIOD_LABEL.get(lang),
            period(outcome, rollup, &ctx.policy.pack, lang),
        ),
        (w::DATA.get(lang), data),
    ];
    out.extend(rules(ctx, document.tailoring));
    let waivers = document.tailoring.and_then(|t| t.waivers.as_ref());
    if let Some(wf) = waivers {
        out.push((
            w::WAIVERS.get(lang),
            w::WaiversText {
                file: &wf.file,
                count: &wf.waivers,
                origin: &wf.origin,
            }
            .say(lang),
        ));
    }
    out.push((w::DIGEST.get(lang), digest));
    out.push((
        w::TOOL.get(lang),
        format!("kiemtra {}", env!("CARGO_PKG_VERSION")),
    ));
    out
}

/// What the inspection applied: the rules on and off, and how the settings differ from the
/// pack, with where each was set.
#[derive(Serialize)]
pub(crate) struct Json<'a> {
    rules_applied: Vec<&'static str>,
    rules_not_applied: Vec<NotApplied>,
    /// Every parameter in force.
    parameters: BTreeMap<&'static str, u32>,
    /// Parameters whose value is not the pack's.
    parameters_changed: Vec<ParameterChange>,
    /// Rules whose severity is not the pack's.
    severities_changed: Vec<SeverityChanged>,
    waivers_file: Option<&'a WaiversFile>,
}

#[derive(Serialize)]
struct NotApplied {
    rule: &'static str,
    by: Option<String>,
    origin: Option<String>,
}

#[derive(Serialize)]
struct SeverityChanged {
    rule: &'static str,
    severity: Severity,
    pack: Severity,
    by: Option<String>,
    origin: Option<String>,
}

/// The scope as the JSON report states it.
pub(crate) fn json<'a>(ctx: &Context<'_>, document: &Document<'a>) -> Json<'a> {
    let policy = ctx.policy;
    let tailoring = document.tailoring;
    let params = policy.parameters();
    Json {
        rules_applied: Rule::ALL
            .iter()
            .filter(|&&r| policy.enabled(r))
            .map(|r| r.code())
            .collect(),
        rules_not_applied: Rule::ALL
            .iter()
            .filter(|&&r| !policy.enabled(r))
            .map(|&r| {
                let off = tailoring.and_then(|t| t.rules_off.iter().find(|o| o.rule == r.code()));
                NotApplied {
                    rule: r.code(),
                    by: off.and_then(|o| o.by.clone()),
                    origin: off.map(|o| o.origin.clone()),
                }
            })
            .collect(),
        parameters: Parameters::NAMES
            .iter()
            .filter_map(|&n| params.get(n).map(|v| (n, v)))
            .collect(),
        parameters_changed: tailoring.map(|t| t.parameters.clone()).unwrap_or_default(),
        severities_changed: Rule::ALL
            .iter()
            .filter(|&&r| policy.enabled(r) && policy.is_overridden(r))
            .map(|&r| {
                let set = tailoring.and_then(|t| t.severities.iter().find(|c| c.rule == r.code()));
                SeverityChanged {
                    rule: r.code(),
                    severity: policy.severity(r),
                    pack: policy.pack.rule(r).severity,
                    by: set.map(|c| c.by.clone()),
                    origin: set.map(|c| c.origin.clone()),
                }
            })
            .collect(),
        waivers_file: tailoring.and_then(|t| t.waivers.as_ref()),
    }
}
