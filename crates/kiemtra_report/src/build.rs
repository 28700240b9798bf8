//! Builds the printed report ([`Page`]) once from an outcome and its roll-ups. What each section
//! says is decided here; how it looks is the serialisers' business (`md.rs`, `html.rs`,
//! `xlsx.rs`).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use kiemtra_rules::docs::doc;
use kiemtra_rules::{Lang, Rule};
use kiemtra_runner::{Finding, Outcome};

use crate::assess;
use crate::document::{self, Document, Words};
use crate::page::{
    columns, plain, with_code, Block, Cell, Figure, Head, MonthPicture, Page, Row, Section,
    Signature, Span, Style, Table,
};
use crate::rollup::{parent_name, Rollup};
use crate::tables::{
    files, findings_table, overall_table, parents_table, rejected, rules_table, units_table, waived,
};
use crate::Context;

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
        details(ctx, rollup, &w, &numbered(w.details)),
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

/// The link target of a unit's findings (the code still shows as written).
pub(crate) fn anchor(code: &str) -> String {
    // Letters, digits and `-` as they are, any other character as `_` and its hex code point
    // and `_`: different codes (`=1+1`, `+1+1`; `Hòa`, `Hóa`) never share an anchor.
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

/// Each unit's findings table, made when the report is written ([`Block::Findings`]).
pub(crate) struct FindingTables<'o> {
    outcome: &'o Outcome,
    ctx: &'o Context<'o>,
    by_unit: BTreeMap<&'o str, Vec<&'o Finding>>,
}

impl<'o> FindingTables<'o> {
    pub(crate) fn new(outcome: &'o Outcome, ctx: &'o Context<'o>) -> FindingTables<'o> {
        let mut by_unit: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for f in &outcome.findings {
            by_unit.entry(outcome.unit_of(f)).or_default().push(f);
        }
        FindingTables {
            outcome,
            ctx,
            by_unit,
        }
    }

    pub(crate) fn of(&self, unit: &str) -> Option<Table> {
        let findings = self.by_unit.get(unit)?;
        let w = document::words(self.ctx.lang);
        Some(findings_table(self.outcome, self.ctx, findings, &w))
    }
}

/// Each unit's findings, by parent committee.
fn details(ctx: &Context<'_>, rollup: &Rollup<'_>, w: &Words, title: &str) -> Section {
    let lang = ctx.lang;
    let mut blocks = Vec::new();
    for p in &rollup.parents {
        let mut units = Vec::new();
        for u in &p.units {
            let x = u.unit;
            let mut unit_blocks = vec![Block::Paragraph(plain(crate::rollup::unit_stats(
                x, u.rating, lang,
            )))];
            // Where the follow-ups that could not be checked and other notes on a unit go.
            // The unit's counts are those of its findings (waived ones apart).
            if x.errors + x.warnings + x.infos > 0 {
                unit_blocks.push(Block::Findings {
                    unit: x.code.clone(),
                });
            } else {
                unit_blocks.push(Block::Paragraph(plain(w.no_findings)));
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
                            .with(Span::Hint(format!("→ {}", d.hint(ctx.policy.parameters())))),
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
