//! The HTML inspection report: one self-contained file (no script, no network, no external
//! asset; the charts are inline SVG), laid out like a party document and printable on A4.
//! Every text taken from records or file names is escaped (`html-escape`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use kiemtra_input::escape::visible;
use kiemtra_rules::docs::doc;
use kiemtra_rules::{Lang, Month, Period, Rule, Severity};
use kiemtra_runner::{Finding, MonthState, Outcome, UnitSummary};

use crate::document::{self, Document, Words, PARTY};
use crate::rollup::{month, parent_name, percent, Rating, Rollup};
use crate::{dotted, Context};

/// Text for an HTML element: controls and bidirectional marks shown (see
/// [`kiemtra_input::escape`]), then HTML-escaped.
fn esc(text: &str) -> Cow<'_, str> {
    match visible(text) {
        Cow::Borrowed(t) => html_escape::encode_text(t),
        Cow::Owned(t) => Cow::Owned(html_escape::encode_text(&t).into_owned()),
    }
}

/// Text for a double-quoted HTML attribute, shown and escaped as [`esc`] does.
fn attr(text: &str) -> Cow<'_, str> {
    match visible(text) {
        Cow::Borrowed(t) => html_escape::encode_double_quoted_attribute(t),
        Cow::Owned(t) => Cow::Owned(html_escape::encode_double_quoted_attribute(&t).into_owned()),
    }
}

const CSS: &str = r#"
@page { size: A4; margin: 18mm 15mm 18mm 22mm;
  @bottom-center { content: counter(page) " / " counter(pages); font: 10pt "Times New Roman", "Liberation Serif", serif; } }
* { box-sizing: border-box; }
html { font-family: "Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif", serif;
  font-size: 13pt; line-height: 1.35; color: #000; }
body { margin: 0; }
main { max-width: 175mm; margin: 0 auto; }
@media screen {
  html { background: #e8e8e8; }
  main { background: #fff; padding: 18mm 15mm 18mm 22mm; margin: 8mm auto; box-shadow: 0 0 4px #999; max-width: 212mm; }
}
.head { width: 100%; border-collapse: collapse; margin-bottom: 6mm; }
.head td { width: 50%; vertical-align: top; text-align: center; padding: 0; border: 0; }
.head .above { text-transform: uppercase; font-size: 13pt; }
.head .body { font-weight: bold; text-transform: uppercase; font-size: 13pt; }
.head .star { margin: 1mm 0; }
.head .party { font-weight: bold; font-size: 13pt; }
.head .party span { border-bottom: 1px solid #000; padding-bottom: 1px; }
.head .dateline { font-style: italic; margin-top: 5mm; }
h1 { text-align: center; font-size: 15pt; margin: 6mm 0 1mm; }
.subtitle { text-align: center; font-weight: bold; margin: 0 8mm 6mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 13pt; font-style: italic; margin: 4mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 12pt; margin: 4mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p { margin: 1mm 0 2mm; text-align: justify; }
dl.scope { margin: 0; }
dl.scope dt { font-weight: bold; float: left; clear: left; width: 42mm; }
dl.scope dd { margin: 0 0 1.5mm 44mm; text-align: justify; }
table.data { width: 100%; border-collapse: collapse; font-size: 11pt; margin: 1mm 0 3mm; table-layout: fixed; }
table.data td { overflow-wrap: anywhere; }
table.data td.code { white-space: nowrap; overflow-wrap: normal; }
table.data th, table.data td { border: 0.6pt solid #000; padding: 1mm 1.5mm; vertical-align: top; }
table.data th { background: #eee; font-weight: bold; text-align: center; }
table.data td.n { text-align: right; white-space: nowrap; }
table.data td.c { text-align: center; }
table.data td.place { font-size: 9pt; }
table.data tr.total td { font-weight: bold; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
.small { font-size: 10pt; }
.hint { font-style: italic; font-size: 10pt; display: block; margin-top: 0.5mm; }
.field, code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 9pt; }
.digest { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 9pt; word-break: break-all; }
.sev-error { font-weight: bold; }
.sev-warning { font-style: italic; }
.rating-poor, .rating-average { font-weight: bold; }
.unit { margin-top: 3mm; }
.unit .stats { font-size: 11pt; margin-bottom: 1mm; }
figure { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 10pt; font-style: italic; text-align: center; margin-top: 1mm; }
.legend { font-size: 10pt; text-align: center; margin: 1mm 0 3mm; }
.legend svg { width: 3.4mm; height: 3.4mm; vertical-align: -0.5mm; margin: 0 1mm 0 3mm; }
.sign { width: 100%; border-collapse: collapse; margin-top: 10mm; break-inside: avoid; page-break-inside: avoid; }
.sign td { width: 50%; vertical-align: top; border: 0; padding: 0; }
.sign .to { font-size: 11pt; }
.sign .to .label { font-style: italic; font-weight: bold; }
.sign .who { text-align: center; font-weight: bold; }
.sign .who .note { font-weight: normal; font-style: italic; font-size: 11pt; }
.sign .space { height: 28mm; }
.appendix { break-before: page; page-break-before: always; }
a { color: inherit; text-decoration: none; }
@media print { main { max-width: none; } }
"#;

/// Colours of the month picture: distinct in grey too (compliant dark, failing light and
/// hatched, missing mid-grey with a cross).
const C_COMPLIANT: &str = "#2e7d32";
const C_FAILING: &str = "#f2b134";
const C_MISSING: &str = "#c62828";
const C_OUTSIDE: &str = "#ffffff";

pub fn render(
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut h = String::with_capacity(64 * 1024 + outcome.findings.len() * 600);
    let lang = ctx.lang;
    let w = document::words(lang);
    let rollup = ctx.rollup(outcome);
    let (title, subtitle) = document::title(lang);

    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"kiemtra {}\">\n<title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>",
        lang.pick("vi", "en"),
        env!("CARGO_PKG_VERSION"),
        esc(title),
        esc(subtitle),
    );

    // The header of a party document.
    let body: String = match document.body {
        Some(b) => document::body_lines(b)
            .iter()
            .map(|(line, bold)| {
                format!(
                    "<div class=\"{}\">{}</div>",
                    if *bold { "body" } else { "above" },
                    esc(line)
                )
            })
            .collect(),
        None => "<div class=\"body\">……………………………</div>".into(),
    };
    let _ = writeln!(
        h,
        "<table class=\"head\"><tr>\
         <td>{body}<div class=\"star\">*</div><div>{}</div></td>\
         <td><div class=\"party\"><span>{PARTY}</span></div><div class=\"dateline\">{}</div></td>\
         </tr></table>",
        esc(w.number),
        esc(&document.date_line(lang)),
    );
    let _ = writeln!(
        h,
        "<h1>{}</h1>\n<p class=\"subtitle\">{}</p>",
        esc(title),
        esc(subtitle)
    );

    // I. Scope.
    let _ = writeln!(h, "<h2>{}</h2>\n<dl class=\"scope\">", esc(w.scope));
    for (label, text) in document::scope(outcome, ctx, &rollup) {
        let text = if text.starts_with("SHA-256 ") {
            let (hash, rest) = text
                .strip_prefix("SHA-256 ")
                .and_then(|t| t.split_once(' '))
                .unwrap_or(("", &text));
            format!(
                "SHA-256 <span class=\"digest\">{}</span> {}",
                esc(hash),
                code_spans(&esc(rest))
            )
        } else {
            code_spans(&esc(&text))
        };
        let _ = writeln!(h, "<dt>{}</dt><dd>{text}</dd>", esc(label));
    }
    h.push_str("</dl>\n");

    // II. Results.
    let _ = writeln!(
        h,
        "<h2>{}</h2>\n<h3>{}</h3>",
        esc(w.results),
        esc(w.overall)
    );
    let _ = writeln!(
        h,
        "<p>{}</p>",
        esc(&document::overview(outcome, ctx, &rollup))
    );
    overall_table(&mut h, outcome, &rollup, &w, lang);

    let _ = writeln!(h, "<h3>{}</h3>", esc(w.by_parent));
    parents_table(&mut h, &rollup, &w, lang);

    let _ = writeln!(h, "<h3>{}</h3>", esc(w.by_unit));
    units_table(&mut h, &rollup, &w, lang);

    let _ = writeln!(h, "<h3>{}</h3>", esc(w.by_rule));
    if rollup.rules.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", esc(w.no_findings));
    } else {
        rules_table(&mut h, ctx, &rollup, &w);
        rules_chart(&mut h, &rollup, lang);
    }

    let _ = writeln!(h, "<h3>{}</h3>", esc(w.picture));
    if let Some(span) = rollup.span {
        legend(&mut h, &w);
        // One picture per parent committee, of at most a page's worth of units each.
        let mut figure = if rollup.rules.is_empty() { 1 } else { 2 };
        let mut index = 0;
        for p in &rollup.parents {
            let units: Vec<&UnitSummary> = p.units.iter().map(|u| u.unit).collect();
            for (part, chunk) in units.chunks(UNITS_PER_PICTURE).enumerate() {
                let picture = Picture {
                    index,
                    figure,
                    parent: parent_name(p.name, lang),
                    continued: part > 0,
                };
                month_picture(&mut h, &picture, chunk, span, &w, lang);
                figure += 1;
                index += 1;
            }
        }
    }

    // III. Per unit.
    let _ = writeln!(h, "<h2>{}</h2>", esc(w.details));
    let mut by_unit: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &outcome.findings {
        by_unit.entry(&f.unit).or_default().push(f);
    }
    for p in &rollup.parents {
        let _ = writeln!(h, "<h3>{}</h3>", esc(parent_name(p.name, lang)));
        for u in &p.units {
            let findings = by_unit
                .get(u.unit.code.as_str())
                .map_or(&[][..], Vec::as_slice);
            unit_detail(&mut h, outcome, ctx, u.unit, u.rating, findings, &w);
        }
    }

    // IV. Rejected records and unreadable files.
    if !outcome.rejected.is_empty() || !outcome.file_errors.is_empty() {
        let _ = writeln!(h, "<h2>{}</h2>", esc(w.rejected));
        rejected_table(&mut h, outcome, &w, lang);
    }

    // V. Waived findings: listed apart, with the waiver that covers each.
    if !outcome.waived.is_empty() {
        let _ = writeln!(h, "<h2>{}</h2>", esc(w.waived));
        open_table(
            &mut h,
            &[12, 13, 10, 37, 28],
            &[w.unit, w.when, w.rule, w.title, w.waiver],
        );
        for f in &outcome.waived {
            let when = f
                .date
                .map_or_else(|| month(f.month), |d| d.format("%d/%m/%Y").to_string());
            let _ = writeln!(
                h,
                "<tr><td class=\"code\">{}</td><td class=\"c\">{}</td><td class=\"c\">{}</td><td>{}</td><td class=\"small\">{}</td></tr>",
                esc(&f.unit),
                esc(&when),
                f.rule().code(),
                esc(&ctx.message(f)),
                esc(&document::waiver(outcome, f, lang)),
            );
        }
        h.push_str("</tbody></table>\n");
    }

    signature(&mut h, &w);

    // Appendices.
    let _ = writeln!(
        h,
        "<section class=\"appendix\">\n<h2>{}</h2>",
        esc(w.appendix_rules)
    );
    rules_appendix(&mut h, ctx, &w);
    let _ = writeln!(
        h,
        "</section>\n<section>\n<h2>{}</h2>",
        esc(w.appendix_files)
    );
    files_appendix(&mut h, outcome, &w, lang);
    h.push_str("</section>\n</main>\n</body>\n</html>\n");
    out.write_all(h.as_bytes())
}

/// Opens a data table with fixed column widths (percent) and its header cells.
fn open_table(h: &mut String, widths: &[u32], headers: &[&str]) {
    h.push_str("<table class=\"data\"><colgroup>");
    for w in widths {
        let _ = write!(h, "<col style=\"width:{w}%\">");
    }
    h.push_str("</colgroup><thead><tr>");
    for t in headers {
        let _ = write!(h, "<th>{}</th>", esc(t));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
}

/// Text in `backticks` (already escaped) as `<code>`.
fn code_spans(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len());
    for (i, part) in escaped.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

fn rating_cell(r: Option<Rating>, lang: Lang) -> String {
    match r {
        Some(r) => format!(
            "<td class=\"c rating-{}\">{}</td>",
            r.code(),
            esc(r.label(lang))
        ),
        None => "<td class=\"c\">—</td>".into(),
    }
}

fn overall_table(h: &mut String, outcome: &Outcome, rollup: &Rollup<'_>, w: &Words, lang: Lang) {
    let t = &rollup.total;
    open_table(
        h,
        &[11, 11, 11, 11, 12, 12, 10, 12, 10],
        &[
            w.units,
            w.expected,
            w.held,
            w.compliant,
            w.rate,
            w.rating,
            w.errors,
            w.warnings,
            w.infos,
        ],
    );
    let _ = writeln!(
        h,
        "<tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{}<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr></tbody></table>",
        t.units,
        t.expected,
        t.held,
        t.compliant,
        esc(&percent(t.rate(), lang)),
        rating_cell(rollup.rating, lang),
        outcome.summary.errors,
        outcome.summary.warnings,
        outcome.summary.infos,
    );
}

fn parents_table(h: &mut String, rollup: &Rollup<'_>, w: &Words, lang: Lang) {
    let mut headers = vec![
        w.parent,
        w.units,
        w.expected,
        w.held,
        w.compliant,
        w.rate,
        w.rating,
    ];
    headers.extend(Rating::ALL.iter().map(|r| r.label(lang)));
    open_table(h, &[26, 8, 8, 8, 7, 10, 9, 6, 6, 6, 6], &headers);
    let mut row = |name: &str, c: &crate::rollup::Counts, rating, by: &[usize; 4], class| {
        let _ = write!(
            h,
            "<tr{class}><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{}",
            esc(name),
            c.units,
            c.expected,
            c.held,
            c.compliant,
            esc(&percent(c.rate(), lang)),
            rating_cell(rating, lang),
        );
        for n in by {
            let _ = write!(h, "<td class=\"n\">{n}</td>");
        }
        h.push_str("</tr>\n");
    };
    for p in &rollup.parents {
        row(
            parent_name(p.name, lang),
            &p.counts,
            p.rating,
            &p.by_rating,
            "",
        );
    }
    row(
        lang.pick("Tổng cộng", "Total"),
        &rollup.total,
        rollup.rating,
        &rollup.by_rating,
        " class=\"total\"",
    );
    h.push_str("</tbody></table>\n");
}

fn units_table(h: &mut String, rollup: &Rollup<'_>, w: &Words, lang: Lang) {
    open_table(
        h,
        &[5, 11, 15, 17, 7, 7, 6, 10, 11, 5, 7],
        &w.unit_columns(),
    );
    for (i, u) in rollup.worst_first.iter().enumerate() {
        let s = u.unit;
        let _ = writeln!(
            h,
            "<tr><td class=\"n\">{}</td><td class=\"code\"><a href=\"#{}\">{}</a></td><td>{}</td><td class=\"small\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>{}<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            i + 1,
            attr(&anchor(&s.code)),
            esc(&s.code),
            esc(s.name.as_deref().unwrap_or("")),
            esc(parent_name(s.parent.as_deref(), lang)),
            s.months_expected(),
            s.months_held,
            s.months_compliant,
            esc(&percent(s.compliance_rate(), lang)),
            rating_cell(u.rating, lang),
            s.errors,
            s.warnings,
        );
    }
    h.push_str("</tbody></table>\n");
}

fn rules_table(h: &mut String, ctx: &Context<'_>, rollup: &Rollup<'_>, w: &Words) {
    let lang = ctx.lang;
    open_table(
        h,
        &[10, 44, 11, 17, 8, 10],
        &[w.code, w.title, w.severity, w.cites, w.findings, w.units],
    );
    for r in &rollup.rules {
        let _ = writeln!(
            h,
            "<tr><td class=\"c\"><a href=\"#rule-{code}\">{code}</a></td><td>{}</td><td class=\"c sev-{}\">{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(doc(r.rule, lang).title),
            r.severity.code(),
            esc(r.severity.label(lang)),
            esc(&ctx.rule_cites(r.rule)),
            r.findings,
            r.units,
            code = r.rule.code(),
        );
    }
    h.push_str("</tbody></table>\n");
}

fn severity_colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "#b71c1c",
        Severity::Warning => "#e0a000",
        Severity::Info => "#1565c0",
    }
}

/// A horizontal bar per rule broken, longest first.
fn rules_chart(h: &mut String, rollup: &Rollup<'_>, lang: Lang) {
    let max = rollup
        .rules
        .iter()
        .map(|r| r.findings)
        .max()
        .unwrap_or(1)
        .max(1);
    let (label_w, bar_w, row_h) = (56.0, 520.0, 16.0);
    let height = row_h * rollup.rules.len() as f64 + 8.0;
    let width = label_w + bar_w + 60.0;
    let _ = writeln!(
        h,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\" font-family=\"Liberation Sans, Arial, sans-serif\" font-size=\"10\">",
        attr(lang.pick("Số lần vi phạm theo quy tắc", "Findings per rule")),
    );
    for (i, r) in rollup.rules.iter().enumerate() {
        let y = 4.0 + row_h * i as f64;
        #[allow(clippy::cast_precision_loss)]
        let len = (bar_w * r.findings as f64 / max as f64).max(1.0);
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{:.1}\" width=\"{len:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{} — {}</title></rect><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            label_w - 6.0,
            y + 11.0,
            r.rule.code(),
            y + 2.0,
            row_h - 4.0,
            severity_colour(r.severity),
            r.rule.code(),
            r.findings,
            label_w + len + 4.0,
            y + 11.0,
            r.findings,
        );
    }
    let _ = writeln!(
        h,
        "</svg><figcaption>{}</figcaption></figure>",
        esc(lang.pick(
            "Hình 1. Số lần vi phạm theo quy tắc (đỏ: lỗi, vàng: cảnh báo, xanh: lưu ý)",
            "Figure 1. Findings per rule (red: error, amber: warning, blue: info)"
        ))
    );
}

/// The key of the month picture, drawn with the picture's own swatches.
fn legend(h: &mut String, w: &Words) {
    let swatch = |inner: &str| {
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 12 12\" aria-hidden=\"true\">{inner}</svg>")
    };
    let hatch = format!(
        "<rect width=\"12\" height=\"12\" fill=\"{C_FAILING}\"/><path d=\"M-1 3L3 -1M-1 9L9 -1M3 13L13 3M9 13L13 9\" stroke=\"#8a5a00\" stroke-width=\"1\"/>"
    );
    let _ = writeln!(
        h,
        "<div class=\"legend\">{}{}{}{}{}{}{}{}</div>",
        swatch(&format!("<rect width=\"12\" height=\"12\" fill=\"{C_COMPLIANT}\"/>")),
        esc(w.legend_compliant),
        swatch(&hatch),
        esc(w.legend_failing),
        swatch(&format!("<rect width=\"12\" height=\"12\" fill=\"{C_MISSING}\"/><path d=\"M3 3L9 9M9 3L3 9\" stroke=\"#fff\" stroke-width=\"1.4\"/>")),
        esc(w.legend_missing),
        swatch(&format!("<rect x=\"0.5\" y=\"0.5\" width=\"11\" height=\"11\" fill=\"{C_OUTSIDE}\" stroke=\"#999\"/>")),
        esc(w.legend_outside),
    );
}

/// Units in one month picture: about a printed page.
const UNITS_PER_PICTURE: usize = 40;

/// Which month picture: its place among them, its figure number, its parent committee, and
/// whether it continues the previous one.
struct Picture<'a> {
    index: usize,
    figure: usize,
    parent: &'a str,
    continued: bool,
}

/// Units of one parent committee × the months of the report.
fn month_picture(
    h: &mut String,
    picture: &Picture<'_>,
    units: &[&UnitSummary],
    span: Period,
    w: &Words,
    lang: Lang,
) {
    let months: Vec<Month> = span.months().collect();
    let n = months.len().max(1);
    let label_w = 78.0;
    #[allow(clippy::cast_precision_loss)]
    let cell = (560.0 / n as f64).clamp(4.0, 24.0);
    let row_h = 15.0;
    let top = 26.0;
    #[allow(clippy::cast_precision_loss)]
    let width = label_w + cell * n as f64 + 4.0;
    #[allow(clippy::cast_precision_loss)]
    let height = top + row_h * units.len() as f64 + 4.0;
    let (parent, figure) = (picture.parent, picture.figure);
    let id = format!("p{}", picture.index);
    let _ = writeln!(
        h,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.1} {height:.1}\" role=\"img\" aria-label=\"{}\" font-family=\"Liberation Sans, Arial, sans-serif\" font-size=\"9\">\n\
         <defs><pattern id=\"{id}-hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"4\" fill=\"{C_FAILING}\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#8a5a00\" stroke-width=\"1\"/></pattern></defs>",
        attr(parent),
    );
    // Year and month labels.
    for (i, m) in months.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let x = label_w + cell * i as f64;
        if i == 0 || m.month == 1 {
            let _ = write!(
                h,
                "<text x=\"{x:.1}\" y=\"10\" font-weight=\"bold\">{}</text>",
                m.year
            );
            if i > 0 {
                let _ = write!(
                    h,
                    "<line x1=\"{x:.1}\" y1=\"2\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#000\" stroke-width=\"0.8\"/>",
                    height - 2.0
                );
            }
        }
        if cell >= 12.0 || m.month % 3 == 1 {
            let _ = write!(
                h,
                "<text x=\"{:.1}\" y=\"22\" text-anchor=\"middle\" font-size=\"8\">{}</text>",
                x + cell / 2.0,
                m.month
            );
        }
    }
    h.push('\n');
    for (r, u) in units.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y = top + row_h * r as f64;
        let _ = write!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            label_w - 4.0,
            y + 10.5,
            esc(&u.code)
        );
        let states: BTreeMap<Month, MonthState> = u.months.iter().copied().collect();
        for (i, m) in months.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let x = label_w + cell * i as f64;
            let (fill, label) = match states.get(m) {
                Some(MonthState::Compliant) => (C_COMPLIANT.to_owned(), w.legend_compliant),
                Some(MonthState::Failing) => (format!("url(#{id}-hatch)"), w.legend_failing),
                Some(MonthState::Missing) => (C_MISSING.to_owned(), w.legend_missing),
                None => (C_OUTSIDE.to_owned(), w.legend_outside),
            };
            let _ = write!(
                h,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"0.6\"><title>{} {}: {}</title></rect>",
                x,
                y + 1.0,
                cell,
                row_h - 2.0,
                esc(&u.code),
                month(*m),
                esc(label),
            );
            if states.get(m) == Some(&MonthState::Missing) && cell >= 8.0 {
                let (x0, y0, x1, y1) = (x + 2.5, y + 3.5, x + cell - 2.5, y + row_h - 3.5);
                let _ = write!(
                    h,
                    "<path d=\"M{x0:.1} {y0:.1}L{x1:.1} {y1:.1}M{x1:.1} {y0:.1}L{x0:.1} {y1:.1}\" stroke=\"#fff\" stroke-width=\"1.2\"/>"
                );
            }
            if !states.contains_key(m) {
                let _ = write!(
                    h,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"none\" stroke=\"#ccc\" stroke-width=\"0.5\"/>",
                    x + 0.5,
                    y + 1.5,
                    cell - 1.0,
                    row_h - 3.0
                );
            }
        }
        h.push('\n');
    }
    let _ = writeln!(
        h,
        "</svg><figcaption>{}</figcaption></figure>",
        esc(&match lang {
            Lang::Vi => format!(
                "Hình {figure}. {parent}: sinh hoạt chuyên đề từng tháng của mỗi chi bộ{}",
                if picture.continued { " (tiếp)" } else { "" }
            ),
            Lang::En => format!(
                "Figure {figure}. {parent}: each unit's themed session, month by month{}",
                if picture.continued {
                    " (continued)"
                } else {
                    ""
                }
            ),
        })
    );
}

/// An `id` for a unit's section, different for every code: letters, digits and `-` as they
/// are, any other character as `_` and its hex code point and `_` (the code still shows as
/// written; this is only the link target).
fn anchor(code: &str) -> String {
    let mut id = String::from("unit-");
    for c in code.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            id.push(c);
        } else {
            let _ = write!(id, "_{:x}_", u32::from(c));
        }
    }
    id
}

fn unit_detail(
    h: &mut String,
    outcome: &Outcome,
    ctx: &Context<'_>,
    u: &UnitSummary,
    rating: Option<Rating>,
    findings: &[&Finding],
    w: &Words,
) {
    let lang = ctx.lang;
    let _ = writeln!(
        h,
        "<section class=\"unit\" id=\"{}\"><h4>{}{}</h4>",
        attr(&anchor(&u.code)),
        esc(&u.code),
        u.name
            .as_deref()
            .map(|n| format!(" — {}", esc(n)))
            .unwrap_or_default(),
    );
    let stats = crate::rollup::unit_stats(u, rating, lang);
    let _ = writeln!(h, "<p class=\"stats\">{}</p>", esc(&stats));
    if findings.is_empty() {
        let _ = writeln!(h, "<p>{}</p></section>", esc(w.no_findings));
        return;
    }
    open_table(
        h,
        &[14, 11, 48, 12, 15],
        &[w.when, w.rule, w.what, w.cites, w.place],
    );
    for f in findings {
        let when = match f.date {
            Some(d) => esc(&d.format("%d/%m/%Y").to_string()).into_owned(),
            None => format!(
                "{}<br><span class=\"small\">({})</span>",
                esc(&month(f.month)),
                esc(w.whole_unit)
            ),
        };
        let field = f
            .violation
            .pointer
            .as_deref()
            .map(|p| format!(" <span class=\"field\">{}</span>", esc(&dotted(p))))
            .unwrap_or_default();
        let place = match (&f.file, f.line, outcome.column(f)) {
            (Some(file), Some(line), Some(col)) => format!("{}:{line}:{col}", esc(file)),
            (Some(file), Some(line), None) => format!("{}:{line}", esc(file)),
            _ => "—".into(),
        };
        let _ = writeln!(
            h,
            "<tr><td class=\"c\">{when}</td><td class=\"c sev-{}\">{}<br><span class=\"small\">{}</span></td><td>{}{field}<span class=\"hint\">→ {}</span></td><td class=\"small\">{}</td><td class=\"place\">{place}</td></tr>",
            f.severity.code(),
            f.rule().code(),
            esc(f.severity.label(lang)),
            esc(&ctx.message(f)),
            esc(ctx.hint(f)),
            esc(&ctx.cites(f)),
        );
    }
    h.push_str("</tbody></table></section>\n");
}

fn rejected_table(h: &mut String, outcome: &Outcome, w: &Words, lang: Lang) {
    open_table(h, &[32, 8, 8, 52], &[w.file, w.line, w.column, w.reason]);
    for r in &outcome.rejected {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&r.file),
            r.line,
            r.column,
            esc(&r.reason.message(lang)),
        );
    }
    for e in &outcome.file_errors {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"c\">—</td><td class=\"c\">—</td><td>{}: {}</td></tr>",
            esc(&e.file),
            esc(lang.pick("không đọc được tệp", "the file could not be read")),
            esc(&e.message(lang)),
        );
    }
    h.push_str("</tbody></table>\n");
}

fn signature(h: &mut String, w: &Words) {
    let _ = writeln!(
        h,
        "<table class=\"sign\"><tr><td class=\"to\"><span class=\"label\">{}</span><br>{}</td><td class=\"who\">{}<br>{}<br><span class=\"note\">{}</span><div class=\"space\"></div></td></tr></table>",
        esc(w.recipients),
        w.recipients_list
            .iter()
            .map(|l| esc(l).into_owned())
            .collect::<Vec<_>>()
            .join("<br>"),
        esc(w.signer[0]),
        esc(w.signer[1]),
        esc(w.signer[2]),
    );
}

fn rules_appendix(h: &mut String, ctx: &Context<'_>, w: &Words) {
    let lang = ctx.lang;
    open_table(
        h,
        &[17, 59, 10, 14],
        &[w.code, w.title, w.severity, w.cites],
    );
    for &rule in Rule::ALL {
        let entry = ctx.policy.pack.rule(rule);
        let d = doc(rule, lang);
        let _ = writeln!(
            h,
            "<tr id=\"rule-{code}\"><td class=\"c\">{code}<br><span class=\"small\">{}</span></td><td>{}<span class=\"hint\">{}: “{}”</span><span class=\"hint\">→ {}</span></td><td class=\"c\">{}</td><td class=\"small\">{}</td></tr>",
            rule.name(),
            esc(d.title),
            esc(w.quote),
            esc(&entry.quote),
            esc(d.hint()),
            esc(entry.severity.label(lang)),
            esc(&ctx.rule_cites(rule)),
            code = rule.code(),
        );
    }
    h.push_str("</tbody></table>\n");
}

fn files_appendix(h: &mut String, outcome: &Outcome, w: &Words, lang: Lang) {
    let _ = writeln!(
        h,
        "<p>{} <span class=\"digest\">{}</span></p>",
        esc(lang.pick(
            "Dấu kiểm chung (SHA-256):",
            "Digest over all files (SHA-256):"
        )),
        esc(&outcome.inputs.digest),
    );
    open_table(h, &[36, 12, 52], &[w.file, w.bytes, "SHA-256"]);
    for f in &outcome.inputs.files {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"digest\">{}</td></tr>",
            esc(&f.file),
            f.bytes,
            esc(&f.sha256),
        );
    }
    h.push_str("</tbody></table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_of_different_units_differ() {
        let codes = [
            "=1+1", "+1+1", "Hòa", "Hóa", "A_1", "A 1", "A_5f_1", "a.b", "a-b",
        ];
        let ids: std::collections::BTreeSet<String> = codes.iter().map(|c| anchor(c)).collect();
        assert_eq!(ids.len(), codes.len(), "{ids:?}");
        assert!(ids.iter().all(|i| i
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')));
    }

    #[test]
    fn record_text_is_shown_and_escaped() {
        assert_eq!(esc("a\u{1b}[2J<b>"), "a\\u{1b}[2J&lt;b&gt;");
        assert_eq!(attr("x\"\u{0}"), "x&quot;\\u{0}");
    }
}
