//! Composes the printed report ([`Page`]) once from an outcome and its roll-ups. What each
//! section says is decided here; how it looks is the serialisers' business (`md.rs`, `html.rs`,
//! `xlsx.rs`).

use std::collections::BTreeMap;

use kiemtra_messages::{m, m::report::section, Phrase, Say};
use kiemtra_rules::docs::doc;
use kiemtra_rules::{Lang, Rule};
use kiemtra_runner::{Finding, Outcome};

use crate::assess;
use crate::document::{self, Document};
use crate::page::{
    columns, plain, with_code, Block, Cell, Figure, Head, MonthPicture, Page, Row, Section,
    Signature, Span, Style, Table,
};
use crate::rollup::{parent_name, Rollup};
use crate::tables::{
    anchor, files, findings_table, overall_table, parents_table, rejected, rules_table,
    units_table, waived,
};
use crate::Context;
use m::report::column as col;

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
    let head = Head {
        lang,
        body: document.body.map(document::body_lines).unwrap_or_default(),
        number: m::report::head::NUMBER.get(lang).to_owned(),
        date_line: document.date_line(lang),
        title: m::report::head::TITLE.get(lang).to_owned(),
        subtitle: m::report::head::SUBTITLE.get(lang).to_owned(),
    };

    // The parts, numbered as they come: some are there only when they have content.
    let has_rejected = !outcome.rejected.is_empty() || !outcome.file_errors.is_empty();
    let has_waived = !outcome.waived.is_empty();
    let mut names: Vec<Phrase> = vec![
        section::SCOPE,
        section::RESULTS,
        section::ASSESSMENT,
        section::RECOMMENDATIONS,
    ];
    names.push(section::DETAILS);
    if has_rejected {
        names.push(section::REJECTED);
    }
    if has_waived {
        names.push(section::WAIVED);
    }
    let numbered = |name: Phrase| -> String {
        let i = names.iter().position(|n| *n == name).unwrap_or(0);
        format!(
            "{}. {}",
            PARTS.get(i).copied().unwrap_or("?"),
            name.get(lang)
        )
    };
    let waived_part = has_waived.then(|| numbered(section::WAIVED));
    let waived_part = waived_part
        .as_deref()
        .and_then(|p| p.split('.').next())
        .unwrap_or("");

    let mut sections = vec![
        Section {
            title: numbered(section::SCOPE),
            blocks: vec![Block::Fields(
                crate::scope::scope(outcome, ctx, document, rollup, waived_part)
                    .into_iter()
                    .map(|(label, text)| (label.to_owned(), with_code(&text)))
                    .collect(),
            )],
            ..Section::default()
        },
        results(outcome, ctx, rollup, &numbered(section::RESULTS)),
        Section {
            title: numbered(section::ASSESSMENT),
            blocks: assess::assessment(outcome, ctx, rollup)
                .into_iter()
                .map(|p| Block::Paragraph(plain(p)))
                .collect(),
            ..Section::default()
        },
        Section {
            title: numbered(section::RECOMMENDATIONS),
            blocks: assess::recommendations(ctx, document, rollup),
            ..Section::default()
        },
        details(ctx, rollup, &numbered(section::DETAILS)),
    ];
    if has_rejected {
        sections.push(Section {
            title: numbered(section::REJECTED),
            blocks: vec![Block::Table(rejected(outcome, lang))],
            ..Section::default()
        });
    }
    if has_waived {
        sections.push(Section {
            title: numbered(section::WAIVED),
            blocks: vec![Block::Table(waived(outcome, ctx))],
            ..Section::default()
        });
    }

    let appendices = vec![
        Section {
            title: section::APPENDIX_RULES.get(lang).to_owned(),
            new_page: true,
            blocks: appendix_rules(ctx),
            ..Section::default()
        },
        Section {
            title: section::APPENDIX_FILES.get(lang).to_owned(),
            blocks: vec![
                Block::Paragraph(vec![
                    Span::Plain(m::report::scope::DIGEST_ALL.get(lang).to_owned()),
                    Span::Code(outcome.inputs.digest.clone()),
                ]),
                Block::Table(files(outcome, lang)),
            ],
            ..Section::default()
        },
    ];

    Page {
        head,
        sections,
        signature: signature(document, lang),
        appendices,
    }
}

/// II. The figures: overall, per committee, per unit, per rule, month by month.
fn results(outcome: &Outcome, ctx: &Context<'_>, rollup: &Rollup<'_>, title: &str) -> Section {
    let lang = ctx.lang;
    let sub = |title: Phrase, blocks: Vec<Block>| {
        Block::Section(Section {
            title: title.get(lang).to_owned(),
            blocks,
            ..Section::default()
        })
    };
    let mut by_rule = Vec::new();
    if rollup.rules.is_empty() {
        by_rule.push(Block::Paragraph(plain(
            m::report::overview::NO_FINDINGS.get(lang),
        )));
    } else {
        by_rule.push(Block::Table(rules_table(ctx, rollup)));
        by_rule.push(Block::Figure(Figure::RuleBars {
            bars: rollup
                .rules
                .iter()
                .map(|r| (r.rule.code().to_owned(), r.findings, r.severity))
                .collect(),
            caption: m::report::figure::RULE_BARS.get(lang).to_owned(),
        }));
    }
    Section {
        title: title.to_owned(),
        blocks: vec![
            sub(
                section::OVERALL,
                vec![
                    Block::Paragraph(plain(document::overview(ctx, rollup))),
                    Block::Table(overall_table(outcome, rollup, lang)),
                ],
            ),
            sub(
                section::BY_PARENT,
                vec![Block::Table(parents_table(rollup, lang))],
            ),
            sub(
                section::BY_UNIT,
                vec![Block::Table(units_table(rollup, lang))],
            ),
            sub(section::BY_RULE, by_rule),
            sub(section::PICTURE, month_pictures(rollup, lang)),
        ],
        ..Section::default()
    }
}

fn month_pictures(rollup: &Rollup<'_>, lang: Lang) -> Vec<Block> {
    let Some(span) = rollup.span else {
        return vec![Block::Paragraph(plain(m::report::NO_RECORDS.get(lang)))];
    };
    let mut blocks = Vec::new();
    let mut number = if rollup.rules.is_empty() { 1 } else { 2 };
    let mut index = 0;
    for p in &rollup.parents {
        let parent = parent_name(p.name, lang);
        for (part, chunk) in p.units.chunks(UNITS_PER_PICTURE).enumerate() {
            let continued = part > 0;
            let caption = if continued {
                m::report::figure::MonthsContinued {
                    number: &number,
                    parent: &parent,
                }
                .say(lang)
            } else {
                m::report::figure::Months {
                    number: &number,
                    parent: &parent,
                }
                .say(lang)
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
                key: {
                    use m::report::legend;
                    [
                        legend::COMPLIANT,
                        legend::FAILING,
                        legend::MISSING,
                        legend::OUTSIDE,
                    ]
                    .map(|p| p.get(lang).to_owned())
                },
                show_key: index == 0,
            })));
            number += 1;
            index += 1;
        }
    }
    blocks
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
        Some(findings_table(self.outcome, self.ctx, findings))
    }
}

/// Each unit's findings, by parent committee.
fn details(ctx: &Context<'_>, rollup: &Rollup<'_>, title: &str) -> Section {
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
                unit_blocks.push(Block::Paragraph(plain(
                    m::report::overview::NO_FINDINGS.get(lang),
                )));
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
fn appendix_rules(ctx: &Context<'_>) -> Vec<Block> {
    let lang = ctx.lang;
    let table = Table {
        columns: columns(&[
            (col::CODE.get(lang), 17, 8),
            (col::TITLE.get(lang), 51, 60),
            (col::SEVERITY.get(lang), 10, 10),
            (col::APPLIED.get(lang), 8, 8),
            (col::CITES.get(lang), 14, 16),
        ]),
        rows: Rule::ALL
            .iter()
            .map(|&rule| {
                let entry = ctx.policy.pack.rule(rule);
                let d = doc(rule, lang);
                let on = ctx.policy.enabled(rule);
                let severity = ctx.policy.severity(rule);
                let mut sev = Cell::text(if on {
                    severity.label(lang)
                } else {
                    m::report::cell::NONE.get(lang)
                })
                .styled(Style::Centre);
                if on && severity != entry.severity {
                    sev = sev.with(Span::Small(
                        m::report::cell::PackSeverity {
                            severity: &entry.severity.label(lang),
                        }
                        .say(lang),
                    ));
                }
                Row {
                    cells: vec![
                        Cell::text(rule.code())
                            .with(Span::Small(rule.name().to_owned()))
                            .styled(Style::Centre),
                        Cell::text(d.title)
                            .with(Span::Hint(
                                m::report::cell::Quote {
                                    quote: &entry.quote,
                                }
                                .say(lang),
                            ))
                            .with(Span::Hint(
                                m::report::cell::Hint {
                                    hint: &d.hint(ctx.policy.parameters()),
                                }
                                .say(lang),
                            )),
                        sev,
                        Cell::text(if on { m::report::YES } else { m::report::NO }.get(lang))
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

fn signature(document: &Document<'_>, lang: Lang) -> Signature {
    use m::report::signature as w;
    let lines = match document.signer_title {
        Some(t) => t
            .split(['|', '\n'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        None => document::signer_lines(document.body, lang),
    };
    Signature {
        recipients_label: w::RECIPIENTS.get(lang).to_owned(),
        recipients: [w::TO_STANDING_BOARD, w::TO_COMMITTEES, w::TO_FILE]
            .iter()
            .map(|s| s.get(lang).to_owned())
            .collect(),
        lines,
        note: w::NOTE.get(lang).to_owned(),
        name: document.signer_name.map(str::to_owned),
    }
}
