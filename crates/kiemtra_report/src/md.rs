//! The inspection report in Markdown: the same content as the HTML report, in plain form. The
//! month picture is a grid of symbols in a code block. Text from records is escaped so that it
//! can neither break a table nor become markup.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use kiemtra_rules::docs::doc;
use kiemtra_rules::{Lang, Month, Rule};
use kiemtra_runner::{Finding, MonthState, Outcome};

use crate::document::{self, Document, PARTY};
use crate::rollup::{month, parent_name, percent, Rating};
use crate::{dotted, Context};

/// Text as a table cell or paragraph: no line breaks or controls, and nothing that Markdown or HTML would
/// read as markup. `<` and `&` are escaped only where they could start a tag or an entity, so
/// that `70–<90 %` stays readable as plain text.
fn md(text: &str) -> String {
    // Controls, line breaks and bidirectional marks shown first (see kiemtra_input::escape).
    let text = kiemtra_input::escape::visible(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' if next.is_some_and(|n| n.is_alphabetic() || matches!(n, '/' | '!' | '?')) => {
                out.push_str("&lt;");
            }
            '&' if next.is_some_and(|n| n.is_alphanumeric() || n == '#') => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code span for a field path or digest (these hold no backtick).
fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

fn table(out: &mut String, header: &[&str], rows: &[Vec<String>], right: &[usize]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = (0..header.len())
        .map(|i| if right.contains(&i) { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for r in rows {
        let _ = writeln!(out, "| {} |", r.join(" | "));
    }
    out.push('\n');
}

fn rating(r: Option<Rating>, lang: Lang) -> String {
    r.map_or_else(|| "—".to_owned(), |r| r.label(lang).to_owned())
}

pub fn render(
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = ctx.lang;
    let w = document::words(lang);
    let rollup = ctx.rollup(outcome);
    let (title, subtitle) = document::title(lang);
    let mut s = String::with_capacity(32 * 1024 + outcome.findings.len() * 300);

    let _ = writeln!(
        s,
        "{}  \n\\*  \n{}\n",
        md(document.body.unwrap_or("……………………………")),
        md(w.number)
    );
    let _ = writeln!(s, "**{PARTY}**  \n*{}*\n", md(&document.date_line(lang)));
    let _ = writeln!(s, "# {title}\n\n**{}**\n", md(subtitle));

    let _ = writeln!(s, "## {}\n", w.scope);
    for (label, text) in document::scope(outcome, ctx, &rollup) {
        // The scope's own text marks commands with backticks: keep those as code spans.
        let text: String = text
            .split('`')
            .enumerate()
            .map(|(i, part)| if i % 2 == 1 { code(part) } else { md(part) })
            .collect();
        let _ = writeln!(s, "- **{}**: {text}", md(label));
    }
    s.push('\n');

    let _ = writeln!(s, "## {}\n\n### {}\n", w.results, w.overall);
    let _ = writeln!(s, "{}\n", md(&document::overview(outcome, ctx, &rollup)));
    let t = &rollup.total;
    table(
        &mut s,
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
        &[vec![
            t.units.to_string(),
            t.expected.to_string(),
            t.held.to_string(),
            t.compliant.to_string(),
            percent(t.rate(), lang),
            rating(rollup.rating, lang),
            outcome.summary.errors.to_string(),
            outcome.summary.warnings.to_string(),
            outcome.summary.infos.to_string(),
        ]],
        &[0, 1, 2, 3, 4, 6, 7, 8],
    );

    let _ = writeln!(s, "### {}\n", w.by_parent);
    let mut header = vec![
        w.parent,
        w.units,
        w.expected,
        w.held,
        w.compliant,
        w.rate,
        w.rating,
    ];
    header.extend(Rating::ALL.iter().map(|r| r.label(lang)));
    let counts_row = |name: &str, c: &crate::rollup::Counts, r, by: &[usize; 4], bold: bool| {
        let mut row = vec![
            if bold {
                format!("**{}**", md(name))
            } else {
                md(name)
            },
            c.units.to_string(),
            c.expected.to_string(),
            c.held.to_string(),
            c.compliant.to_string(),
            percent(c.rate(), lang),
            rating(r, lang),
        ];
        row.extend(by.iter().map(ToString::to_string));
        row
    };
    let mut rows: Vec<Vec<String>> = rollup
        .parents
        .iter()
        .map(|p| {
            counts_row(
                parent_name(p.name, lang),
                &p.counts,
                p.rating,
                &p.by_rating,
                false,
            )
        })
        .collect();
    rows.push(counts_row(
        lang.pick("Tổng cộng", "Total"),
        &rollup.total,
        rollup.rating,
        &rollup.by_rating,
        true,
    ));
    table(&mut s, &header, &rows, &[1, 2, 3, 4, 5, 7, 8, 9, 10]);

    let _ = writeln!(s, "### {}\n", w.by_unit);
    let rows: Vec<Vec<String>> = rollup
        .worst_first
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let x = u.unit;
            vec![
                (i + 1).to_string(),
                md(&x.code),
                md(x.name.as_deref().unwrap_or("")),
                md(parent_name(x.parent.as_deref(), lang)),
                x.months_expected().to_string(),
                x.months_held.to_string(),
                x.months_compliant.to_string(),
                percent(x.compliance_rate(), lang),
                rating(u.rating, lang),
                x.errors.to_string(),
                x.warnings.to_string(),
            ]
        })
        .collect();
    table(&mut s, &w.unit_columns(), &rows, &[0, 4, 5, 6, 7, 9, 10]);

    let _ = writeln!(s, "### {}\n", w.by_rule);
    if rollup.rules.is_empty() {
        let _ = writeln!(s, "{}\n", w.no_findings);
    } else {
        let rows: Vec<Vec<String>> = rollup
            .rules
            .iter()
            .map(|r| {
                vec![
                    r.rule.code().to_owned(),
                    md(doc(r.rule, lang).title),
                    r.severity.label(lang).to_owned(),
                    md(&ctx.rule_cites(r.rule)),
                    r.findings.to_string(),
                    r.units.to_string(),
                ]
            })
            .collect();
        table(
            &mut s,
            &[w.code, w.title, w.severity, w.cites, w.findings, w.units],
            &rows,
            &[4, 5],
        );
    }

    let _ = writeln!(s, "### {}\n", w.picture);
    if let Some(span) = rollup.span {
        let _ = writeln!(
            s,
            "{}: `●` {}, `◐` {}, `○` {}, `·` {}.\n",
            lang.pick("Ký hiệu", "Key"),
            w.legend_compliant,
            w.legend_failing,
            w.legend_missing,
            w.legend_outside
        );
        let months: Vec<Month> = span.months().collect();
        let width = outcome
            .units
            .iter()
            .map(|u| u.code.chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        s.push_str("```text\n");
        // Year line, then one line per unit; a space between years.
        let mut years = format!("{:width$}  ", "");
        for (i, m) in months.iter().enumerate() {
            if i > 0 && m.month == 1 {
                years.push(' ');
            }
            if i == 0 || m.month == 1 {
                let y = m.year.to_string();
                years.push_str(&y);
                let left = (13 - m.month as usize).min(months.len() - i);
                years.push_str(&" ".repeat(left.saturating_sub(y.len())));
            }
        }
        let _ = writeln!(s, "{}", years.trim_end());
        for p in &rollup.parents {
            let _ = writeln!(s, "{}", parent_name(p.name, lang).replace('`', "'"));
            for u in &p.units {
                let states: BTreeMap<Month, MonthState> = u.unit.months.iter().copied().collect();
                let mut line = format!("{:width$}  ", u.unit.code.replace('`', "'"));
                for (i, m) in months.iter().enumerate() {
                    if i > 0 && m.month == 1 {
                        line.push(' ');
                    }
                    line.push(match states.get(m) {
                        Some(MonthState::Compliant) => '●',
                        Some(MonthState::Failing) => '◐',
                        Some(MonthState::Missing) => '○',
                        None => '·',
                    });
                }
                let _ = writeln!(s, "{line}");
            }
        }
        s.push_str("```\n\n");
    }

    let _ = writeln!(s, "## {}\n", w.details);
    let mut by_unit: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &outcome.findings {
        by_unit.entry(&f.unit).or_default().push(f);
    }
    for p in &rollup.parents {
        let _ = writeln!(s, "### {}\n", md(parent_name(p.name, lang)));
        for u in &p.units {
            let x = u.unit;
            let _ = writeln!(
                s,
                "#### {}{}\n",
                md(&x.code),
                x.name
                    .as_deref()
                    .map(|n| format!(" — {}", md(n)))
                    .unwrap_or_default()
            );
            let _ = writeln!(s, "{}\n", md(&crate::rollup::unit_stats(x, u.rating, lang)));
            let findings = by_unit.get(x.code.as_str()).map_or(&[][..], Vec::as_slice);
            if findings.is_empty() {
                let _ = writeln!(s, "{}\n", w.no_findings);
                continue;
            }
            let rows: Vec<Vec<String>> = findings
                .iter()
                .map(|f| {
                    let when = match f.date {
                        Some(d) => d.format("%d/%m/%Y").to_string(),
                        None => format!("{} ({})", month(f.month), w.whole_unit),
                    };
                    let field = f
                        .violation
                        .pointer
                        .as_deref()
                        .map(|p| format!(" {}", code(&dotted(p))))
                        .unwrap_or_default();
                    let place = match (&f.file, f.line, outcome.column(f)) {
                        (Some(file), Some(line), Some(col)) => md(&format!("{file}:{line}:{col}")),
                        (Some(file), Some(line), None) => md(&format!("{file}:{line}")),
                        _ => "—".into(),
                    };
                    vec![
                        when,
                        format!("{} {}", f.rule().code(), f.severity.label(lang)),
                        format!("{}{field} → *{}*", md(&ctx.message(f)), md(ctx.hint(f))),
                        md(&ctx.cites(f)),
                        place,
                    ]
                })
                .collect();
            table(
                &mut s,
                &[w.when, w.rule, w.what, w.cites, w.place],
                &rows,
                &[],
            );
        }
    }

    if !outcome.rejected.is_empty() || !outcome.file_errors.is_empty() {
        let _ = writeln!(s, "## {}\n", w.rejected);
        let mut rows: Vec<Vec<String>> = outcome
            .rejected
            .iter()
            .map(|r| {
                vec![
                    md(&r.file),
                    r.line.to_string(),
                    r.column.to_string(),
                    md(&r.reason.message(lang)),
                ]
            })
            .collect();
        rows.extend(outcome.file_errors.iter().map(|e| {
            vec![
                md(&e.file),
                "—".into(),
                "—".into(),
                md(&format!(
                    "{}: {}",
                    lang.pick("không đọc được tệp", "the file could not be read"),
                    e.message(lang)
                )),
            ]
        }));
        table(
            &mut s,
            &[w.file, w.line, w.column, w.reason],
            &rows,
            &[1, 2],
        );
    }

    if !outcome.waived.is_empty() {
        let _ = writeln!(s, "## {}\n", w.waived);
        let rows: Vec<Vec<String>> = outcome
            .waived
            .iter()
            .map(|f| {
                let when = f
                    .date
                    .map_or_else(|| month(f.month), |d| d.format("%d/%m/%Y").to_string());
                vec![
                    md(&f.unit),
                    when,
                    f.rule().code().to_owned(),
                    md(&ctx.message(f)),
                    md(&document::waiver(outcome, f, lang)),
                ]
            })
            .collect();
        table(
            &mut s,
            &[w.unit, w.when, w.rule, w.title, w.waiver],
            &rows,
            &[],
        );
    }

    let _ = writeln!(
        s,
        "**{}**  \n{}\n\n**{}**  \n**{}**  \n*{}*\n",
        w.recipients,
        w.recipients_list.join("  \n"),
        w.signer[0],
        w.signer[1],
        w.signer[2]
    );

    let _ = writeln!(s, "## {}\n", w.appendix_rules);
    let rows: Vec<Vec<String>> = Rule::ALL
        .iter()
        .map(|&r| {
            let entry = ctx.policy.pack.rule(r);
            let d = doc(r, lang);
            vec![
                r.code().to_owned(),
                md(r.name()),
                format!("{} — {}: “{}”", md(d.title), w.quote, md(&entry.quote)),
                entry.severity.label(lang).to_owned(),
                md(&ctx.rule_cites(r)),
            ]
        })
        .collect();
    table(
        &mut s,
        &[
            w.code,
            lang.pick("Tên", "Name"),
            w.title,
            w.severity,
            w.cites,
        ],
        &rows,
        &[],
    );

    let _ = writeln!(s, "## {}\n", w.appendix_files);
    let _ = writeln!(
        s,
        "{} {}\n",
        lang.pick(
            "Dấu kiểm chung (SHA-256):",
            "Digest over all files (SHA-256):"
        ),
        code(&outcome.inputs.digest)
    );
    let rows: Vec<Vec<String>> = outcome
        .inputs
        .files
        .iter()
        .map(|f| vec![md(&f.file), f.bytes.to_string(), code(&f.sha256)])
        .collect();
    table(&mut s, &[w.file, w.bytes, "SHA-256"], &rows, &[1]);
    out.write_all(s.trim_end().as_bytes())?;
    out.write_all(b"\n")
}
