//! The HTML inspection report: a serialiser of the report document (`page.rs`) into one
//! self-contained file (no script, no network, no external asset; the charts are inline SVG),
//! laid out like a party document and printable on A4. Every text taken from records or file
//! names is escaped (`html-escape`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

use kiemtra_input::escape::visible;
use kiemtra_messages::m;
use kiemtra_rules::{Lang, Month, Period, Severity};
use kiemtra_runner::MonthState;

use crate::page::{
    Block, Cell, Figure, MonthPicture, Page, Section, Sink, Span, Style, Table, Text, Value,
};
use crate::rollup::month;

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
dl.scope dd { margin: 0 0 1.5mm 44mm; text-align: left; }
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
.sign .space { height: 24mm; }
.sign .name { text-align: center; font-weight: bold; }
ol, ul { margin: 1mm 0 2mm; padding-left: 8mm; }
li { margin-bottom: 1mm; text-align: justify; }
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

/// Writes the report document.
pub(crate) fn write(page: &Page, mut h: Sink<'_>) -> io::Result<()> {
    let head = &page.head;
    let lang = head.lang;
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"kiemtra {}\">\n<title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>",
        lang.code(),
        env!("CARGO_PKG_VERSION"),
        esc(&head.title),
        esc(&head.subtitle),
    );
    // The header of a party document.
    let body: String = if head.body.is_empty() {
        "<div class=\"body\">……………………………</div>".into()
    } else {
        head.body
            .iter()
            .map(|(line, bold)| {
                format!(
                    "<div class=\"{}\">{}</div>",
                    if *bold { "body" } else { "above" },
                    esc(line)
                )
            })
            .collect()
    };
    let _ = writeln!(
        h,
        "<table class=\"head\"><tr>\
         <td>{body}<div class=\"star\">*</div><div>{}</div></td>\
         <td><div class=\"party\"><span>{}</span></div><div class=\"dateline\">{}</div></td>\
         </tr></table>",
        esc(&head.number),
        m::report::head::PARTY.get(lang),
        esc(&head.date_line),
    );
    let _ = writeln!(
        h,
        "<h1>{}</h1>\n<p class=\"subtitle\">{}</p>",
        esc(&head.title),
        esc(&head.subtitle)
    );
    for s in &page.sections {
        section(&mut h, s, 1, lang);
    }
    signature(&mut h, page);
    for s in &page.appendices {
        section(&mut h, s, 1, lang);
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h.finish()
}

fn section(h: &mut Sink<'_>, s: &Section, depth: usize, lang: Lang) {
    let mut classes = Vec::new();
    if s.unit {
        classes.push("unit");
    }
    if s.new_page {
        classes.push("appendix");
    }
    h.push_str("<section");
    if !classes.is_empty() {
        let _ = write!(h, " class=\"{}\"", classes.join(" "));
    }
    if let Some(id) = &s.id {
        let _ = write!(h, " id=\"{}\"", attr(id));
    }
    let level = (depth + 1).min(6);
    let _ = writeln!(h, "><h{level}>{}</h{level}>", esc(&s.title));
    for b in &s.blocks {
        match b {
            Block::Section(sub) => section(h, sub, depth + 1, lang),
            Block::Paragraph(t) => {
                let class = if s.unit && h.ends_with(&format!("</h{level}>\n")) {
                    " class=\"stats\""
                } else {
                    ""
                };
                let _ = writeln!(h, "<p{class}>{}</p>", text(t));
            }
            Block::Fields(fields) => {
                h.push_str("<dl class=\"scope\">\n");
                for (label, t) in fields {
                    let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", esc(label), text(t));
                }
                h.push_str("</dl>\n");
            }
            Block::List { numbered, items } => {
                let tag = if *numbered { "ol" } else { "ul" };
                let _ = write!(h, "<{tag}>");
                for t in items {
                    let _ = write!(h, "<li>{}</li>", text(t));
                }
                let _ = writeln!(h, "</{tag}>");
            }
            Block::Table(t) => table(h, t, lang),
            Block::Findings { unit } => {
                if let Some(t) = (h.findings)(unit) {
                    table(h, &t, lang);
                }
            }
            Block::Figure(f @ Figure::RuleBars { .. }) => rules_chart(h, f, lang),
            Block::Figure(Figure::Months(p)) => month_picture(h, p),
        }
        h.pass_on();
    }
    h.push_str("</section>\n");
}

/// Text with its runs marked up, escaped.
fn text(t: &Text) -> String {
    let mut out = String::new();
    for span in t {
        match span {
            Span::Plain(s) => out.push_str(&esc(s)),
            Span::Code(s) if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) => {
                let _ = write!(out, "<span class=\"digest\">{}</span>", esc(s));
            }
            Span::Code(s) => {
                // Parted from the text before it, unless the text already has a space.
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                let _ = write!(out, "<code>{}</code>", esc(s));
            }
            Span::Hint(s) => {
                let _ = write!(out, "<span class=\"hint\">{}</span>", esc(s));
            }
            Span::Small(s) => {
                let _ = write!(out, "<br><span class=\"small\">{}</span>", esc(s));
            }
            Span::Link { text, target } => {
                let _ = write!(out, "<a href=\"#{}\">{}</a>", attr(target), esc(text));
            }
        }
    }
    out
}

fn class(c: &Cell) -> String {
    let mut classes: Vec<String> = Vec::new();
    if c.value.is_number() {
        classes.push("n".into());
    }
    match c.style {
        Style::Text => {}
        Style::Centre => classes.push("c".into()),
        Style::Code => classes.push("code".into()),
        Style::Small => classes.push("small".into()),
        Style::Place => classes.push("place".into()),
        Style::Digest => classes.push("digest".into()),
        Style::Severity(s) => classes.push(format!("c sev-{}", s.code())),
        Style::Rating(r) => classes.push(format!("c rating-{}", r.code())),
    }
    if classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", classes.join(" "))
    }
}

fn table(h: &mut String, t: &Table, lang: Lang) {
    h.push_str("<table class=\"data\"><colgroup>");
    for c in &t.columns {
        let _ = write!(h, "<col style=\"width:{}%\">", c.width);
    }
    h.push_str("</colgroup><thead><tr>");
    for c in &t.columns {
        let _ = write!(h, "<th>{}</th>", esc(&c.title));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        h.push_str("<tr");
        if r.total {
            h.push_str(" class=\"total\"");
        }
        if let Some(id) = &r.id {
            let _ = write!(h, " id=\"{}\"", attr(id));
        }
        h.push('>');
        for c in &r.cells {
            let value = match &c.value {
                Value::Empty if !c.more.is_empty() => String::new(),
                v => esc(&v.show(lang)).into_owned(),
            };
            let more = text(&c.more);
            let gap = if !value.is_empty() && more.starts_with("<code>") {
                " "
            } else {
                ""
            };
            let _ = write!(h, "<td{}>{value}{gap}{more}</td>", class(c));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table>\n");
}

fn signature(h: &mut String, page: &Page) {
    let sig = &page.signature;
    let name = sig
        .name
        .as_deref()
        .map(|n| format!("<div class=\"name\">{}</div>", esc(n)))
        .unwrap_or_default();
    let _ = writeln!(
        h,
        "<table class=\"sign\"><tr><td class=\"to\"><span class=\"label\">{}</span><br>{}</td><td class=\"who\">{}<br><span class=\"note\">{}</span><div class=\"space\"></div>{name}</td></tr></table>",
        esc(&sig.recipients_label),
        sig.recipients
            .iter()
            .map(|l| esc(l).into_owned())
            .collect::<Vec<_>>()
            .join("<br>"),
        sig.lines
            .iter()
            .map(|l| esc(l).into_owned())
            .collect::<Vec<_>>()
            .join("<br>"),
        esc(&sig.note),
    );
}

fn severity_colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "#b71c1c",
        Severity::Warning => "#e0a000",
        Severity::Info => "#1565c0",
    }
}

/// A horizontal bar per rule broken, longest first.
fn rules_chart(h: &mut String, figure: &Figure, lang: Lang) {
    let Figure::RuleBars { bars, caption, .. } = figure else {
        return;
    };
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1);
    let (label_w, bar_w, row_h) = (56.0, 520.0, 16.0);
    #[allow(clippy::cast_precision_loss)]
    let height = row_h * bars.len() as f64 + 8.0;
    let width = label_w + bar_w + 60.0;
    let _ = writeln!(
        h,
        "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\" font-family=\"Liberation Sans, Arial, sans-serif\" font-size=\"10\">",
        attr(m::report::figure::RULE_BARS_LABEL.get(lang)),
    );
    for (i, (code, findings, severity)) in bars.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y = 4.0 + row_h * i as f64;
        #[allow(clippy::cast_precision_loss)]
        let len = (bar_w * *findings as f64 / max as f64).max(1.0);
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{:.1}\" width=\"{len:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{} — {}</title></rect><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            label_w - 6.0,
            y + 11.0,
            esc(code),
            y + 2.0,
            row_h - 4.0,
            severity_colour(*severity),
            esc(code),
            findings,
            label_w + len + 4.0,
            y + 11.0,
            findings,
        );
    }
    let _ = writeln!(
        h,
        "</svg><figcaption>{}</figcaption></figure>",
        esc(caption)
    );
}

/// The key of the month picture, drawn with the picture's own swatches.
fn legend(h: &mut String, key: &[String; 4]) {
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
        esc(&key[0]),
        swatch(&hatch),
        esc(&key[1]),
        swatch(&format!("<rect width=\"12\" height=\"12\" fill=\"{C_MISSING}\"/><path d=\"M3 3L9 9M9 3L3 9\" stroke=\"#fff\" stroke-width=\"1.4\"/>")),
        esc(&key[2]),
        swatch(&format!("<rect x=\"0.5\" y=\"0.5\" width=\"11\" height=\"11\" fill=\"{C_OUTSIDE}\" stroke=\"#999\"/>")),
        esc(&key[3]),
    );
}

/// Units of one parent committee × the months of the report.
fn month_picture(h: &mut String, picture: &MonthPicture) {
    let MonthPicture {
        index,
        parent,
        span,
        units,
        caption,
        key,
        show_key,
    } = picture;
    if *show_key {
        legend(h, key);
    }
    let span: Period = *span;
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
    let id = format!("p{index}");
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
    for (r, (code, states)) in units.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y = top + row_h * r as f64;
        let _ = write!(
            h,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            label_w - 4.0,
            y + 10.5,
            esc(code)
        );
        let states: BTreeMap<Month, MonthState> = states.iter().copied().collect();
        for (i, m) in months.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let x = label_w + cell * i as f64;
            let (fill, label) = match states.get(m) {
                Some(MonthState::Compliant) => (C_COMPLIANT.to_owned(), &key[0]),
                Some(MonthState::Failing) => (format!("url(#{id}-hatch)"), &key[1]),
                Some(MonthState::Missing) => (C_MISSING.to_owned(), &key[2]),
                None => (C_OUTSIDE.to_owned(), &key[3]),
            };
            let _ = write!(
                h,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"0.6\"><title>{} {}: {}</title></rect>",
                x,
                y + 1.0,
                cell,
                row_h - 2.0,
                esc(code),
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
        esc(caption)
    );
}
