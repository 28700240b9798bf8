//! The terminal format: linter-style lines grouped by unit, then a summary. Colour is added
//! as ANSI styles; the caller's stream strips them when it is not a terminal or `NO_COLOR` is set.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use kiemtra_rules::{Lang, Severity};
use kiemtra_runner::{Finding, Outcome};

use kiemtra_input::escape::Shown;

use crate::rollup::{parent_name, percent, Rating};
use crate::{dotted, Context};

const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();
const CODE: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));

fn severity_style(s: Severity) -> Style {
    let color = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Blue,
    };
    Style::new()
        .bold()
        .fg_color(Some(anstyle::Color::Ansi(color)))
}

pub fn render(outcome: &Outcome, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    let lang = ctx.lang;
    // Per unit: its findings, then (against a baseline) those resolved since.
    let resolved = outcome
        .baseline
        .as_ref()
        .map_or(&[][..], |b| &b.resolved[..]);
    let units: std::collections::BTreeSet<&str> = outcome
        .findings
        .iter()
        .map(|f| f.unit.as_str())
        .chain(resolved.iter().map(|p| p.key.unit.as_str()))
        .collect();
    for unit in &units {
        unit_heading(outcome, unit, out)?;
        for f in outcome.findings.iter().filter(|f| f.unit == *unit) {
            finding(f, outcome, ctx, out)?;
        }
        for p in resolved.iter().filter(|p| p.key.unit == *unit) {
            crate::review::resolved(p, lang, out)?;
        }
        writeln!(out)?;
    }
    crate::review::sections(outcome, ctx, out)?;

    if !outcome.rejected.is_empty() {
        writeln!(
            out,
            "{BOLD}{}{BOLD:#}",
            lang.pick(
                "Bản ghi bị loại (không kiểm tra được):",
                "Rejected records (not checked):"
            )
        )?;
        let label = lang.pick("bị loại", "rejected");
        let red = severity_style(Severity::Error);
        for r in &outcome.rejected {
            writeln!(
                out,
                "  {}:{}:{}  {red}{label}{red:#}  {}",
                Shown(&r.file),
                r.line,
                r.column,
                Shown(&r.reason.message(lang))
            )?;
        }
        writeln!(out)?;
    }
    if !outcome.file_errors.is_empty() {
        writeln!(
            out,
            "{BOLD}{}{BOLD:#}",
            lang.pick("Tệp không đọc được:", "Files that could not be read:")
        )?;
        for e in &outcome.file_errors {
            writeln!(out, "  {}  {}", Shown(&e.file), Shown(&e.message(lang)))?;
        }
        writeln!(out)?;
    }
    rollup(outcome, ctx, out)?;
    summary(outcome, lang, out)
}

/// Per parent committee: units, months expected / held / compliant, rate and rating.
fn rollup(outcome: &Outcome, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    let lang = ctx.lang;
    let r = ctx.rollup(outcome);
    if r.parents.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{BOLD}{}{BOLD:#} {DIM}({}){DIM:#}",
        lang.pick("Theo đảng bộ:", "By parent committee:"),
        Rating::scale(&ctx.policy.parameters().rating, lang)
    )?;
    let name = |p: Option<&str>| parent_name(p, lang).to_owned();
    let width = r
        .parents
        .iter()
        .map(|p| name(p.name).chars().count())
        .max()
        .unwrap_or(0);
    let (units, expected, held, compliant) = match lang {
        Lang::Vi => ("chi bộ", "phải họp", "có họp", "đạt"),
        Lang::En => ("units", "expected", "held", "compliant"),
    };
    for p in &r.parents {
        let n = name(p.name);
        let pad = width - n.chars().count();
        let n = Shown(&n);
        let c = &p.counts;
        writeln!(
            out,
            "  {n}{:pad$}  {:>3} {units}  {expected} {:>4}  {held} {:>4}  {compliant} {:>4}  {:>8}  {}",
            "",
            c.units,
            c.expected,
            c.held,
            c.compliant,
            percent(c.rate(), lang),
            p.rating.map_or("—", |x| x.label(lang)),
        )?;
    }
    writeln!(out)
}

fn unit_heading(outcome: &Outcome, code: &str, out: &mut dyn Write) -> io::Result<()> {
    let unit = outcome.units.iter().find(|u| u.code == code);
    write!(out, "{BOLD}{}{BOLD:#}", Shown(code))?;
    if let Some(name) = unit.and_then(|u| u.name.as_deref()) {
        write!(out, "  {}", Shown(name))?;
    }
    if let Some(parent) = unit.and_then(|u| u.parent.as_deref()) {
        write!(out, " {DIM}— {}{DIM:#}", Shown(parent))?;
    }
    writeln!(out)
}

pub(crate) fn finding(
    f: &Finding,
    outcome: &Outcome,
    ctx: &Context<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = ctx.lang;
    let place = match (&f.file, f.line) {
        (Some(file), Some(line)) => format!("{}:{line}", Shown(file)),
        _ => match lang {
            Lang::Vi => format!("(chi bộ, tháng {:02}/{})", f.month.month, f.month.year),
            Lang::En => format!("(unit, {})", f.month),
        },
    };
    let sev = severity_style(f.severity);
    let change = crate::review::change_tag(f, lang);
    writeln!(
        out,
        "  {place}  {CODE}{}{CODE:#}  {sev}{}{sev:#}  {change}{}  {DIM}[{}]{DIM:#}",
        f.rule().code(),
        f.severity.label(lang),
        Shown(&ctx.message(f)),
        ctx.cites(f),
    )?;
    crate::review::waiver_line(f, outcome, lang, out)?;
    let field = f.violation.pointer.as_deref().map(dotted);
    let hint = ctx.hint(f);
    match field {
        Some(field) => writeln!(out, "      {DIM}↳ {}:{DIM:#} {hint}", Shown(&field)),
        None => writeln!(out, "      {DIM}↳{DIM:#} {hint}"),
    }
}

fn summary(outcome: &Outcome, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let s = &outcome.summary;
    let vi = lang == Lang::Vi;
    let [head, read, records, files, checked, rejected] = if vi {
        [
            "Tổng kết:",
            "đọc",
            "bản ghi từ",
            "tệp —",
            "đã kiểm tra",
            "bị loại",
        ]
    } else {
        [
            "Summary:",
            "read",
            "records from",
            "files —",
            "checked",
            "rejected",
        ]
    };
    write!(
        out,
        "{BOLD}{head}{BOLD:#} {read} {} {records} {} {files} {} {checked}, {} {rejected}",
        s.records, s.files, s.checked, s.rejected,
    )?;
    if s.outside_period > 0 {
        let what = lang.pick("ngoài kỳ kiểm tra", "outside the audited period");
        write!(out, " ({} {what})", s.outside_period)?;
    }
    if s.before_effective > 0 {
        let what = lang.pick(
            "trước khi hướng dẫn có hiệu lực, không xét",
            "before the guidance took effect, not judged",
        );
        write!(out, " ({} {what})", s.before_effective)?;
    }
    let [units, errors, warnings, infos] = if vi {
        ["chi bộ", "lỗi", "cảnh báo", "lưu ý"]
    } else {
        ["units", "errors", "warnings", "info"]
    };
    write!(
        out,
        "; {} {units}; {} {errors}, {} {warnings}, {} {infos}",
        s.units, s.errors, s.warnings, s.infos
    )?;
    if s.waived > 0 {
        write!(
            out,
            "; {} {}",
            s.waived,
            lang.pick("được miễn trừ", "waived")
        )?;
    }
    writeln!(out, ".")?;
    crate::review::summary(outcome, lang, out)
}
