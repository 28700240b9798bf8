//! Builds the printed report ([`Page`]) once from an outcome and its roll-ups. What each section
//! says is decided here; how it looks is the serialisers' business (`md.rs`, `html.rs`,
//! `xlsx.rs`).

use std::collections::BTreeMap;

use kiemtra_rules::docs::doc;
use kiemtra_rules::{Lang, Rule};
use kiemtra_runner::{Finding, Outcome};

use crate::assess;
use crate::document::{self, Document, Words};
use crate::page::{
    columns, plain, with_code, Block, Cell, Figure, Head, MonthPicture, Page, Row, Section,
    Signature, Span, Style, Table, Value,
};
use crate::rollup::{parent_name, Rating, Rollup};
use crate::{dotted, Context};

/// Units in one month picture: about a printed page.
const UNITS_PER_PICTURE: usize = 40;

/// Roman numerals of the report's parts.
const PARTS: [&str; 8] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"];

pub(crate) fn page(
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
    rollup: &Rollup<'_>,
) -> Page {
    let lang = ctx.lang;
    let w = document::words(lang);
    let (title, subtitle) = document::title(lang);
    let head = Head {
        lang,
        body: document.body.map(document::body_lines).unwrap_or_default(),
        number: w.number.to_owned(),
        date_line: document.date_line(lang),
        title: title.to_owned(),
        subtitle: subtitle.to_owned(),
    };

    // The parts, numbered as they come: some are there only when they have content.
    let has_rejected = !outcome.rejected.is_empty() || !outcome.file_errors.is_empty();
    let has_waived = !outcome.waived.is_empty();
    let mut names: Vec<&str> = vec![w.scope, w.results, w.assessment, w.recommendations];
    names.push(w.details);
    if has_rejected {
        names.push(w.rejected);
    }
    if has_waived {
        names.push(w.waived);
    }
    let numbered = |name: &str| -> String {
        let i = names.iter().position(|n| *n == name).unwrap_or(0);
        format!("{}. {name}", PARTS.get(i).copied().unwrap_or("?"))
    };
    let waived_part = has_waived.then(|| numbered(w.waived));
    let waived_part = waived_part
        .as_deref()
        .and_then(|p| p.split('.').next())
        .unwrap_or("");

    let mut sections = vec![
        Section {
            title: numbered(w.scope),
            blocks: vec![Block::Fields(
                crate::scope::scope(outcome, ctx, document, rollup, waived_part)
                    .into_iter()
                    .map(|(label, text)| (label.to_owned(), with_code(&text)))
                    .collect(),
            )],
            ..Section::default()
        },
        results(outcome, ctx, rollup, &w, &numbered(w.results)),
        Section {
            title: numbered(w.assessment),
            blocks: assess::assessment(outcome, ctx, rollup)
                .into_iter()
                .map(|p| Block::Paragraph(plain(p)))
                .collect(),
            ..Section::default()
        },
        Section {
            title: numbered(w.recommendations),
            blocks: assess::recommendations(ctx, document, rollup),
            ..Section::default()
        },
        details(outcome, ctx, rollup, &w, &numbered(w.details)),
    ];
    if has_rejected {
        sections.push(Section {
            title: numbered(w.rejected),
            blocks: vec![Block::Table(rejected(outcome, &w, lang))],
            ..Section::default()
        });
    }
    if has_waived {
        sections.push(Section {
            title: numbered(w.waived),
            blocks: vec![Block::Table(waived(outcome, ctx, &w))],
            ..Section::default()
        });
    }

    let appendices = vec![
        Section {
            title: w.appendix_rules.to_owned(),
            new_page: true,
            blocks: appendix_rules(ctx, &w),
            ..Section::default()
        },
        Section {
            title: w.appendix_files.to_owned(),
            blocks: vec![
                Block::Paragraph(vec![
                    Span::Plain(
                        lang.pick(
                            "Dấu kiểm chung (SHA-256): ",
                            "Digest over all files (SHA-256): ",
                        )
                        .to_owned(),
                    ),
                    Span::Code(outcome.inputs.digest.clone()),
                ]),
                Block::Table(files(outcome, &w)),
            ],
            ..Section::default()
        },
    ];

    Page {
        head,
        sections,
        signature: signature(document, &w),
        appendices,
    }
}

/// II. The figures: overall, per committee, per unit, per rule, month by month.
fn results(
    outcome: &Outcome,
    ctx: &Context<'_>,
    rollup: &Rollup<'_>,
    w: &Words,
    title: &str,
) -> Section {
    let lang = ctx.lang;
    let sub = |title: &str, blocks: Vec<Block>| {
        Block::Section(Section {
            title: title.to_owned(),
            blocks,
            ..Section::default()
        })
    };
    let mut by_rule = Vec::new();
    if rollup.rules.is_empty() {
        by_rule.push(Block::Paragraph(plain(w.no_findings)));
    } else {
        by_rule.push(Block::Table(rules_table(ctx, rollup, w)));
        by_rule.push(Block::Figure(Figure::RuleBars {
            bars: rollup
                .rules
                .iter()
                .map(|r| (r.rule.code().to_owned(), r.findings, r.severity))
                .collect(),
            caption: lang
                .pick(
                    "Hình 1. Số lần vi phạm theo quy tắc (đỏ: lỗi, vàng: cảnh báo, xanh: lưu ý)",
                    "Figure 1. Findings per rule (red: error, amber: warning, blue: info)",
                )
                .to_owned(),
        }));
    }
    Section {
        title: title.to_owned(),
        blocks: vec![
            sub(
                w.overall,
                vec![
                    Block::Paragraph(plain(document::overview(ctx, rollup))),
                    Block::Table(overall_table(outcome, rollup, w, lang)),
                ],
            ),
            sub(
                w.by_parent,
                vec![Block::Table(parents_table(rollup, w, lang))],
            ),
            sub(w.by_unit, vec![Block::Table(units_table(rollup, w, lang))]),
            sub(w.by_rule, by_rule),
            sub(w.picture, month_pictures(rollup, w, lang)),
        ],
        ..Section::default()
    }
}

pub(crate) fn overall_table(
    outcome: &Outcome,
    rollup: &Rollup<'_>,
    w: &Words,
    lang: Lang,
) -> Table {
    let t = &rollup.total;
    let s = &outcome.summary;
    Table {
        columns: columns(&[
            (w.units, 11, 10),
            (w.expected, 11, 10),
            (w.held, 11, 10),
            (w.compliant, 11, 10),
            (w.rate, 12, 10),
            (w.rating, 12, 12),
            (w.errors, 10, 8),
            (w.warnings, 12, 10),
            (w.infos, 10, 8),
        ]),
        rows: vec![Row {
            cells: vec![
                Cell::number(t.units),
                Cell::number(t.expected),
                Cell::number(t.held),
                Cell::number(t.compliant),
                Cell::rate(t.rate()),
                Cell::rating(rollup.rating, lang),
                Cell::number(s.errors),
                Cell::number(s.warnings),
                Cell::number(s.infos),
            ],
            ..Row::default()
        }],
    }
}

/// Per parent committee, and the total.
pub(crate) fn parents_table(rollup: &Rollup<'_>, w: &Words, lang: Lang) -> Table {
    let mut spec = vec![
        (w.parent, 26, 30),
        (w.units, 8, 9),
        (w.expected, 8, 9),
        (w.held, 8, 9),
        (w.compliant, 7, 9),
        (w.rate, 10, 10),
        (w.rating, 9, 11),
    ];
    spec.extend(Rating::ALL.iter().map(|r| (r.label(lang), 6, 10)));
    let row = |name: &str, c: &crate::rollup::Counts, rating, by: &[usize; 4], total| {
        let mut cells = vec![
            Cell::text(name),
            Cell::number(c.units),
            Cell::number(c.expected),
            Cell::number(c.held),
            Cell::number(c.compliant),
            Cell::rate(c.rate()),
            Cell::rating(rating, lang),
        ];
        cells.extend(by.iter().map(|&n| Cell::number(n)));
        Row {
            cells,
            total,
            id: None,
        }
    };
    let mut rows: Vec<Row> = rollup
        .parents
        .iter()
        .map(|p| {
            row(
                parent_name(p.name, lang),
                &p.counts,
                p.rating,
                &p.by_rating,
                false,
            )
        })
        .collect();
    rows.push(row(
        lang.pick("Tổng cộng", "Total"),
        &rollup.total,
        rollup.rating,
        &rollup.by_rating,
        true,
    ));
    Table {
        columns: columns(&spec),
        rows,
    }
}

/// Per unit, worst first, each linked to its findings.
pub(crate) fn units_table(rollup: &Rollup<'_>, w: &Words, lang: Lang) -> Table {
    let widths = [
        (5, 5),
        (11, 12),
        (15, 28),
        (17, 28),
        (7, 9),
        (7, 9),
        (6, 9),
        (10, 10),
        (11, 11),
        (5, 7),
        (7, 9),
    ];
    let spec: Vec<(&str, u32, u16)> = w
        .unit_columns()
        .iter()
        .zip(widths)
        .map(|(t, (p, c))| (*t, p, c))
        .collect();
    let rows = rollup
        .worst_first
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let x = u.unit;
            Row {
                cells: vec![
                    Cell::number(i + 1),
                    Cell::value(Value::Empty)
                        .with(Span::Link {
                            text: x.code.clone(),
                            target: anchor(&x.code),
                        })
                        .styled(Style::Code),
                    Cell::text(x.name.as_deref().unwrap_or("")),
                    Cell::text(parent_name(x.parent.as_deref(), lang)).styled(Style::Small),
                    Cell::number(x.months_expected()),
                    Cell::number(x.months_held),
                    Cell::number(x.months_compliant),
                    Cell::rate(x.compliance_rate()),
                    Cell::rating(u.rating, lang),
                    Cell::number(x.errors),
                    Cell::number(x.warnings),
                ],
                ..Row::default()
            }
        })
        .collect();
    Table {
        columns: columns(&spec),
        rows,
    }
}

fn rules_table(ctx: &Context<'_>, rollup: &Rollup<'_>, w: &Words) -> Table {
    let lang = ctx.lang;
    Table {
        columns: columns(&[
            (w.code, 10, 8),
            (w.title, 44, 50),
            (w.severity, 11, 10),
            (w.cites, 17, 16),
            (w.findings, 8, 8),
            (w.units, 10, 8),
        ]),
        rows: rollup
            .rules
            .iter()
            .map(|r| Row {
                cells: vec![
                    Cell::value(Value::Empty)
                        .with(Span::Link {
                            text: r.rule.code().to_owned(),
                            target: format!("rule-{}", r.rule.code()),
                        })
                        .styled(Style::Centre),
                    Cell::text(doc(r.rule, lang).title),
                    Cell::text(r.severity.label(lang)).styled(Style::Severity(r.severity)),
                    Cell::text(ctx.rule_cites(r.rule)),
                    Cell::number(r.findings),
                    Cell::number(r.units),
                ],
                ..Row::default()
            })
            .collect(),
    }
}

fn month_pictures(rollup: &Rollup<'_>, w: &Words, lang: Lang) -> Vec<Block> {
    let Some(span) = rollup.span else {
        return vec![Block::Paragraph(plain(
            lang.pick("(không có biên bản)", "(no records)"),
        ))];
    };
    let mut blocks = Vec::new();
    let mut number = if rollup.rules.is_empty() { 1 } else { 2 };
    let mut index = 0;
    for p in &rollup.parents {
        let parent = parent_name(p.name, lang);
        for (part, chunk) in p.units.chunks(UNITS_PER_PICTURE).enumerate() {
            let continued = part > 0;
            let caption = match lang {
                Lang::Vi => format!(
                    "Hình {number}. {parent}: sinh hoạt chuyên đề từng tháng của mỗi chi bộ{}",
                    if continued { " (tiếp)" } else { "" }
                ),
                Lang::En => format!(
                    "Figure {number}. {parent}: each unit's themed session, month by month{}",
                    if continued { " (continued)" } else { "" }
                ),
            };
            blocks.push(Block::Figure(Figure::Months(MonthPicture {
                index,
                parent: parent.to_owned(),
                span,
                units: chunk
                    .iter()
                    .map(|u| {
                        let months = u
                            .unit
                            .months
                            .iter()
                            .copied()
                            .filter(|(m, _)| span.contains(*m))
                            .collect();
                        (u.unit.code.clone(), months)
                    })
                    .collect(),
                caption,
                key: [
                    w.legend_compliant,
                    w.legend_failing,
                    w.legend_missing,
                    w.legend_outside,
                ]
                .map(str::to_owned),
                show_key: index == 0,
            })));
            number += 1;
            index += 1;
        }
    }
    blocks
}

/// The link target of a unit's findings: its code with anything but letters, digits, `-` and
/// `_` replaced (the code still shows as written).
pub(crate) fn anchor(code: &str) -> String {
    let safe: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("unit-{safe}")
}

/// Each unit's findings, by parent committee.
fn details(
    outcome: &Outcome,
    ctx: &Context<'_>,
    rollup: &Rollup<'_>,
    w: &Words,
    title: &str,
) -> Section {
    let lang = ctx.lang;
    let mut by_unit: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &outcome.findings {
        by_unit.entry(&f.unit).or_default().push(f);
    }
    let mut blocks = Vec::new();
    for p in &rollup.parents {
        let mut units = Vec::new();
        for u in &p.units {
            let x = u.unit;
            let mut unit_blocks = vec![Block::Paragraph(plain(crate::rollup::unit_stats(
                x, u.rating, lang,
            )))];
            // Where the follow-ups that could not be checked and other notes on a unit go.
            let findings = by_unit.get(x.code.as_str()).map_or(&[][..], Vec::as_slice);
            if findings.is_empty() {
                unit_blocks.push(Block::Paragraph(plain(w.no_findings)));
            } else {
                unit_blocks.push(Block::Table(findings_table(outcome, ctx, findings, w)));
            }
            units.push(Block::Section(Section {
                title: match &x.name {
                    Some(n) => format!("{} — {n}", x.code),
                    None => x.code.clone(),
                },
                id: Some(anchor(&x.code)),
                unit: true,
                blocks: unit_blocks,
                ..Section::default()
            }));
        }
        blocks.push(Block::Section(Section {
            title: parent_name(p.name, lang).to_owned(),
            blocks: units,
            ..Section::default()
        }));
    }
    Section {
        title: title.to_owned(),
        blocks,
        ..Section::default()
    }
}

/// Where a finding is: `file:line:column`.
pub(crate) fn place(outcome: &Outcome, f: &Finding) -> Option<String> {
    match (&f.file, f.line, outcome.column(f)) {
        (Some(file), Some(line), Some(col)) => Some(format!("{file}:{line}:{col}")),
        (Some(file), Some(line), None) => Some(format!("{file}:{line}")),
        _ => None,
    }
}

/// When a finding is: its meeting's day, or its month for a finding about the whole month.
fn when(f: &Finding, w: &Words) -> Cell {
    match f.date {
        Some(d) => Cell::value(Value::Date(d)).styled(Style::Centre),
        None => Cell::value(Value::Month(f.month))
            .with(Span::Small(format!("({})", w.whole_unit)))
            .styled(Style::Centre),
    }
}

fn findings_table(outcome: &Outcome, ctx: &Context<'_>, findings: &[&Finding], w: &Words) -> Table {
    let lang = ctx.lang;
    Table {
        columns: columns(&[
            (w.when, 14, 12),
            (w.rule, 11, 8),
            (w.what, 48, 60),
            (w.cites, 12, 14),
            (w.place, 15, 30),
        ]),
        rows: findings
            .iter()
            .map(|f| {
                let mut what = Cell::text(ctx.message(f));
                if let Some(p) = f.violation.pointer.as_deref() {
                    what = what.with(Span::Code(dotted(p)));
                }
                Row {
                    cells: vec![
                        when(f, w),
                        Cell::text(f.rule().code())
                            .with(Span::Small(f.severity.label(lang).to_owned()))
                            .styled(Style::Severity(f.severity)),
                        what.with(Span::Hint(format!("→ {}", ctx.hint(f)))),
                        Cell::text(ctx.cites(f)).styled(Style::Small),
                        place(outcome, f)
                            .map_or(Cell::value(Value::Empty), Cell::text)
                            .styled(Style::Place),
                    ],
                    ..Row::default()
                }
            })
            .collect(),
    }
}

pub(crate) fn rejected(outcome: &Outcome, w: &Words, lang: Lang) -> Table {
    let mut rows: Vec<Row> = outcome
        .rejected
        .iter()
        .map(|r| Row {
            cells: vec![
                Cell::text(&r.file),
                Cell::number(r.line),
                Cell::number(r.column),
                Cell::text(r.reason.message(lang)),
            ],
            ..Row::default()
        })
        .collect();
    rows.extend(outcome.file_errors.iter().map(|e| Row {
        cells: vec![
            Cell::text(&e.file),
            Cell::value(Value::Empty).styled(Style::Centre),
            Cell::value(Value::Empty).styled(Style::Centre),
            Cell::text(format!(
                "{}: {}",
                lang.pick("không đọc được tệp", "the file could not be read"),
                e.reason
            )),
        ],
        ..Row::default()
    }));
    Table {
        columns: columns(&[
            (w.file, 32, 36),
            (w.line, 8, 8),
            (w.column, 8, 8),
            (w.reason, 52, 70),
        ]),
        rows,
    }
}

pub(crate) fn waived(outcome: &Outcome, ctx: &Context<'_>, w: &Words) -> Table {
    let lang = ctx.lang;
    Table {
        columns: columns(&[
            (w.unit, 12, 12),
            (w.when, 13, 12),
            (w.rule, 10, 8),
            (w.title, 37, 60),
            (w.waiver, 28, 60),
        ]),
        rows: outcome
            .waived
            .iter()
            .map(|f| Row {
                cells: vec![
                    Cell::text(&f.unit).styled(Style::Code),
                    match f.date {
                        Some(d) => Cell::value(Value::Date(d)),
                        None => Cell::value(Value::Month(f.month)),
                    }
                    .styled(Style::Centre),
                    Cell::text(f.rule().code()).styled(Style::Centre),
                    Cell::text(ctx.message(f)),
                    Cell::text(document::waiver(outcome, f, lang)).styled(Style::Small),
                ],
                ..Row::default()
            })
            .collect(),
    }
}

/// Appendix 1: every rule of the pack, whether it was applied, the guidance quoted.
fn appendix_rules(ctx: &Context<'_>, w: &Words) -> Vec<Block> {
    let lang = ctx.lang;
    let table = Table {
        columns: columns(&[
            (w.code, 17, 8),
            (w.title, 51, 60),
            (w.severity, 10, 10),
            (w.applied, 8, 8),
            (w.cites, 14, 16),
        ]),
        rows: Rule::ALL
            .iter()
            .map(|&rule| {
                let entry = ctx.policy.pack.rule(rule);
                let d = doc(rule, lang);
                let on = ctx.policy.enabled(rule);
                let severity = ctx.policy.severity(rule);
                let mut sev =
                    Cell::text(if on { severity.label(lang) } else { "—" }).styled(Style::Centre);
                if on && severity != entry.severity {
                    sev = sev.with(Span::Small(match lang {
                        Lang::Vi => format!("(bộ quy tắc: {})", entry.severity.label(lang)),
                        Lang::En => format!("(pack: {})", entry.severity.label(lang)),
                    }));
                }
                Row {
                    cells: vec![
                        Cell::text(rule.code())
                            .with(Span::Small(rule.name().to_owned()))
                            .styled(Style::Centre),
                        Cell::text(d.title)
                            .with(Span::Hint(format!("{}: “{}”", w.quote, entry.quote)))
                            .with(Span::Hint(format!("→ {}", d.hint()))),
                        sev,
                        Cell::text(if on {
                            lang.pick("có", "yes")
                        } else {
                            lang.pick("không", "no")
                        })
                        .styled(Style::Centre),
                        Cell::text(ctx.rule_cites(rule)).styled(Style::Small),
                    ],
                    id: Some(format!("rule-{}", rule.code())),
                    ..Row::default()
                }
            })
            .collect(),
    };
    vec![Block::Table(table)]
}

fn files(outcome: &Outcome, w: &Words) -> Table {
    Table {
        columns: columns(&[(w.file, 36, 40), (w.bytes, 12, 12), ("SHA-256", 52, 66)]),
        rows: outcome
            .inputs
            .files
            .iter()
            .map(|f| Row {
                cells: vec![
                    Cell::text(&f.file),
                    Cell::number(f.bytes),
                    Cell::text(&f.sha256).styled(Style::Digest),
                ],
                ..Row::default()
            })
            .collect(),
    }
}

fn signature(document: &Document<'_>, w: &Words) -> Signature {
    let lines = match document.signer_title {
        Some(t) => t
            .split(['|', '\n'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        None => document::signer_lines(document.body, w),
    };
    Signature {
        recipients_label: w.recipients.to_owned(),
        recipients: w.recipients_list.iter().map(|s| (*s).to_owned()).collect(),
        lines,
        note: w.sign_note.to_owned(),
        name: document.signer_name.map(str::to_owned),
    }
}
