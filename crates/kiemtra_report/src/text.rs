//! The terminal format: linter-style lines grouped by unit, then a summary. Colour is added
//! as ANSI styles; the caller's stream strips them when it is not a terminal or `NO_COLOR` is set.

use std::io::{self, Write};

use kiemtra_messages::{m, m::report::text as w, Say};
use kiemtra_rules::Lang;
use kiemtra_runner::{Finding, Outcome};

use kiemtra_input::escape::Shown;

use crate::rollup::{parent_name, percent, Rating};
use crate::Context;

pub use crate::styles::Styles;

/// The text report with terminal styles.
pub fn render(outcome: &Outcome, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    render_with(outcome, ctx, Styles::TERMINAL, out)
}

/// The text report with `st` styles.
pub fn render_with(
    outcome: &Outcome,
    ctx: &Context<'_>,
    st: Styles,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = ctx.lang;
    let Styles { dim, bold, .. } = st;
    // Per unit: its findings, then (against a baseline) those resolved since.
    let resolved = outcome
        .baseline
        .as_ref()
        .map_or(&[][..], |b| &b.resolved[..]);
    // Grouped in one pass (not one scan of all findings per unit: linear in findings + units).
    #[derive(Default)]
    struct Group<'o> {
        findings: Vec<&'o Finding>,
        resolved: Vec<&'o kiemtra_runner::PastFinding>,
        notes: &'o [kiemtra_rules::violation::Note],
    }
    let mut units: std::collections::BTreeMap<&str, Group<'_>> = Default::default();
    for f in &outcome.findings {
        units
            .entry(outcome.unit_of(f))
            .or_default()
            .findings
            .push(f);
    }
    for p in resolved {
        units
            .entry(p.key.unit.as_str())
            .or_default()
            .resolved
            .push(p);
    }
    for u in outcome.units.iter().filter(|u| !u.notes.is_empty()) {
        units.entry(u.code.as_str()).or_default().notes = &u.notes;
    }
    // Each unit's part worded in parallel, written in order (a unit has a few dozen findings at
    // most: 256 units are a few MiB of text).
    let units: Vec<(&str, Group<'_>)> = units.into_iter().collect();
    let part = |(unit, group): &(&str, Group<'_>), _first: bool, out: &mut Vec<u8>| {
        unit_heading(outcome, unit, st, out)?;
        for f in &group.findings {
            finding(f, outcome, ctx, st, out)?;
        }
        // What could not be checked (catalogue v1.1): a note, not a finding.
        for n in group.notes {
            let label = w::NOTE.get(lang);
            writeln!(out, "  {dim}{label}:{dim:#} {}", n.message(lang))?;
        }
        for p in &group.resolved {
            crate::review::resolved(p, lang, st, out)?;
        }
        writeln!(out)
    };
    crate::ordered::write_in_order(&units, 256, part, out)?;
    let write_finding = |f: &Finding, line: &mut Vec<u8>| finding(f, outcome, ctx, st, line);
    crate::review::sections(outcome, lang, st, &write_finding, out)?;
    crate::place::unknown_columns(outcome, lang, out)?;

    if !outcome.rejected.is_empty() {
        writeln!(out, "{bold}{}{bold:#}", w::REJECTED_HEADING.get(lang))?;
        let label = w::REJECTED.get(lang);
        let red = st.error;
        for r in &outcome.rejected {
            // Word minutes have paragraphs, not lines.
            let place = if outcome.word.contains_key(&r.file) {
                w::Paragraph {
                    file: &r.file,
                    paragraph: &r.line,
                }
                .say(lang)
            } else {
                format!("{}:{}:{}", r.file, r.line, r.column)
            };
            writeln!(
                out,
                "  {}  {red}{label}{red:#}  {}",
                Shown(&place),
                Shown(&r.reason.message(lang))
            )?;
        }
        writeln!(out)?;
    }
    if !outcome.file_errors.is_empty() {
        writeln!(out, "{bold}{}{bold:#}", w::UNREADABLE_HEADING.get(lang))?;
        for e in &outcome.file_errors {
            writeln!(out, "  {}  {}", Shown(&e.file), Shown(&e.message(lang)))?;
        }
        writeln!(out)?;
    }
    rollup(outcome, ctx, st, out)?;
    summary(outcome, ctx, st, out)?;
    writeln!(
        out,
        "{bold}{}{bold:#}",
        crate::verdict::verdict(outcome, lang)
    )
}

/// Per parent committee: units, months expected / held / compliant, rate and rating.
fn rollup(outcome: &Outcome, ctx: &Context<'_>, st: Styles, out: &mut dyn Write) -> io::Result<()> {
    let Styles { dim, bold, .. } = st;
    let lang = ctx.lang;
    let r = ctx.rollup(outcome);
    if r.parents.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{bold}{}{bold:#} {dim}({}){dim:#}",
        w::BY_PARENT.get(lang),
        Rating::scale(&ctx.policy.parameters().rating, lang)
    )?;
    let name = |p: Option<&str>| parent_name(p, lang).to_owned();
    let width = r
        .parents
        .iter()
        .map(|p| name(p.name).chars().count())
        .max()
        .unwrap_or(0);
    let (expected, held, compliant) = (
        w::EXPECTED.get(lang),
        w::HELD.get(lang),
        w::COMPLIANT.get(lang),
    );
    for p in &r.parents {
        let n = name(p.name);
        let pad = width - n.chars().count();
        let n = Shown(&n);
        let c = &p.counts;
        let units = w::Units {
            count: c.units as u64,
        }
        .say(lang);
        writeln!(
            out,
            "  {n}{:pad$}  {:>3} {units}  {expected} {:>4}  {held} {:>4}  {compliant} {:>4}  {:>8}  {}",
            "",
            c.units,
            c.expected,
            c.held,
            c.compliant,
            percent(c.rate(), lang),
            p.rating.map_or(w::NO_RATING.get(lang), |x| x.label(lang)),
        )?;
    }
    writeln!(out)
}

fn unit_heading(outcome: &Outcome, code: &str, st: Styles, out: &mut dyn Write) -> io::Result<()> {
    let Styles { dim, bold, .. } = st;
    let unit = outcome.units.iter().find(|u| u.code == code);
    write!(out, "{bold}{}{bold:#}", Shown(code))?;
    if let Some(name) = unit.and_then(|u| u.name.as_deref()) {
        write!(out, "  {}", Shown(name))?;
    }
    if let Some(parent) = unit.and_then(|u| u.parent.as_deref()) {
        write!(out, " {dim}— {}{dim:#}", Shown(parent))?;
    }
    writeln!(out)
}

pub(crate) fn finding(
    f: &Finding,
    outcome: &Outcome,
    ctx: &Context<'_>,
    st: Styles,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Styles { dim, code, .. } = st;
    let lang = ctx.lang;
    let table = crate::place::table_place(outcome, f, lang);
    let place = match (outcome.file_of(f), f.line) {
        _ if outcome.word_place(f).is_some() => {
            outcome.word_place_text(f, lang).unwrap_or_default()
        }
        // Word minutes have no lines: a finding of the whole meeting names the file.
        (Some(file), Some(_)) if outcome.word.contains_key(file) => file.to_owned(),
        (Some(file), Some(_)) if table.is_some() => {
            format!("{file}, {}", table.unwrap_or_default())
        }
        (Some(file), Some(line)) => match f.column {
            Some(column) => format!("{file}:{line}:{column}"),
            None => format!("{file}:{line}"),
        },
        _ => crate::review::unit_month(f.month(), lang),
    };
    let sev = st.severity(f.severity);
    let change = crate::review::change_tag(f, lang, st);
    // The file name and the header come from the input: shown, never sent raw.
    let place = Shown(&place);
    writeln!(
        out,
        "  {place}  {code}{}{code:#}  {sev}{}{sev:#}  {change}{}  {dim}[{}]{dim:#}",
        f.rule().code(),
        f.severity.label(lang),
        Shown(&ctx.message(outcome, f)),
        ctx.cites(f),
    )?;
    crate::review::waiver_line(f, outcome, lang, st, out)?;
    let field = crate::place::field_label(outcome, f);
    let hint = ctx.hint(f);
    match field {
        Some(field) => writeln!(out, "      {dim}↳ {}:{dim:#} {hint}", Shown(&field)),
        None => writeln!(out, "      {dim}↳{dim:#} {hint}"),
    }
}

fn summary(
    outcome: &Outcome,
    ctx: &Context<'_>,
    st: Styles,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Styles { dim, bold, .. } = st;
    let lang = ctx.lang;
    let (head, body) = summary_parts(outcome, lang);
    writeln!(out, "{bold}{head}{bold:#} {body}")?;
    if let Some(asked) = outcome.asked_from {
        let pack = &ctx.policy.pack;
        writeln!(out, "{dim}({}){dim:#}", pack.period_reason(asked, lang))?;
    }
    crate::review::summary(outcome, lang, out)
}

fn summary_parts(outcome: &Outcome, lang: Lang) -> (&'static str, String) {
    use m::report::count;
    let s = &outcome.summary;
    let mut out = w::Read {
        records: &count::RecordsRead {
            count: s.records as u64,
        }
        .in_lang(lang),
        files: &count::Files {
            count: s.files as u64,
        }
        .in_lang(lang),
        checked: &s.checked,
        rejected: &s.rejected,
    }
    .say(lang);
    if s.outside_period > 0 {
        w::OutsidePeriod {
            count: &s.outside_period,
        }
        .say_into(lang, &mut out);
    }
    if s.before_effective > 0 {
        w::BeforeEffective {
            count: &s.before_effective,
        }
        .say_into(lang, &mut out);
    }
    w::Counts {
        units: &count::Units {
            count: s.units as u64,
        }
        .in_lang(lang),
        errors: &count::Errors {
            count: s.errors as u64,
        }
        .in_lang(lang),
        warnings: &count::Warnings {
            count: s.warnings as u64,
        }
        .in_lang(lang),
        infos: &s.infos,
    }
    .say_into(lang, &mut out);
    if s.waived > 0 {
        w::Waived { count: &s.waived }.say_into(lang, &mut out);
    }
    out.push('.');
    (w::SUMMARY.get(lang), out)
}
