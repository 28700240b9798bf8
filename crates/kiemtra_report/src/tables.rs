//! The report's tables, each built once from the outcome and its roll-ups: the printed report
//! (`build.rs`) and the workbook (`xlsx.rs`) both take them from here.

use std::fmt::Write as _;

use kiemtra_messages::{m, m::report::column as col, Say};
use kiemtra_rules::docs::doc;
use kiemtra_rules::Lang;
use kiemtra_runner::{Finding, Outcome};

use crate::document;
use crate::page::{columns, Cell, Row, Span, Style, Table, Value};
use crate::rollup::{parent_name, Rating, Rollup};
use crate::{dotted, Context};

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

pub(crate) fn overall_table(outcome: &Outcome, rollup: &Rollup<'_>, lang: Lang) -> Table {
    let t = &rollup.total;
    let s = &outcome.summary;
    Table {
        columns: columns(&[
            (col::UNITS.get(lang), 11, 10),
            (col::EXPECTED.get(lang), 11, 10),
            (col::HELD.get(lang), 11, 10),
            (col::COMPLIANT.get(lang), 11, 10),
            (col::RATE.get(lang), 12, 10),
            (col::RATING.get(lang), 12, 12),
            (col::ERRORS.get(lang), 10, 8),
            (col::WARNINGS.get(lang), 12, 10),
            (col::INFOS.get(lang), 10, 8),
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
pub(crate) fn parents_table(rollup: &Rollup<'_>, lang: Lang) -> Table {
    let mut spec = vec![
        (col::PARENT.get(lang), 26, 30),
        (col::UNITS.get(lang), 8, 9),
        (col::EXPECTED.get(lang), 8, 9),
        (col::HELD.get(lang), 8, 9),
        (col::COMPLIANT.get(lang), 7, 9),
        (col::RATE.get(lang), 10, 10),
        (col::RATING.get(lang), 9, 11),
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
        m::report::TOTAL.get(lang),
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
pub(crate) fn units_table(rollup: &Rollup<'_>, lang: Lang) -> Table {
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
    let spec: Vec<(&str, u32, u16)> = [
        col::NUMBER,
        col::CODE,
        col::UNIT,
        col::PARENT,
        col::EXPECTED,
        col::HELD,
        col::COMPLIANT,
        col::RATE,
        col::RATING,
        col::ERRORS,
        col::WARNINGS,
    ]
    .iter()
    .zip(widths)
    .map(|(t, (p, c))| (t.get(lang), p, c))
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

pub(crate) fn rules_table(ctx: &Context<'_>, rollup: &Rollup<'_>) -> Table {
    let lang = ctx.lang;
    Table {
        columns: columns(&[
            (col::CODE.get(lang), 10, 8),
            (col::TITLE.get(lang), 44, 50),
            (col::SEVERITY.get(lang), 11, 10),
            (col::CITES.get(lang), 17, 16),
            (col::FINDINGS.get(lang), 8, 8),
            (col::UNITS.get(lang), 10, 8),
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

/// Where a finding is: `file:line:column`, or in Word minutes the paragraph and its label.
pub(crate) fn place(outcome: &Outcome, f: &Finding, lang: Lang) -> Option<String> {
    if let Some(word) = outcome.word_place_text(f, lang) {
        return Some(word);
    }
    match (outcome.file_of(f), f.line, outcome.column(f)) {
        // Word minutes have no lines: a finding of the whole meeting names the file.
        (Some(file), Some(_), _) if outcome.word.contains_key(file) => Some(file.to_owned()),
        (Some(file), Some(line), Some(col)) => Some(format!("{file}:{line}:{col}")),
        (Some(file), Some(line), None) => Some(format!("{file}:{line}")),
        _ => None,
    }
}

/// When a finding is: its meeting's day, or its month for a finding about the whole month.
fn when(f: &Finding, lang: Lang) -> Cell {
    match f.date {
        Some(d) => Cell::value(Value::Date(d)).styled(Style::Centre),
        None => Cell::value(Value::Month(f.month()))
            .with(Span::Small(
                m::report::cell::WHOLE_MONTH.get(lang).to_owned(),
            ))
            .styled(Style::Centre),
    }
}

pub(crate) fn findings_table(outcome: &Outcome, ctx: &Context<'_>, findings: &[&Finding]) -> Table {
    let lang = ctx.lang;
    Table {
        columns: columns(&[
            (col::WHEN.get(lang), 14, 12),
            (col::RULE.get(lang), 11, 8),
            (col::WHAT.get(lang), 48, 60),
            (col::CITES.get(lang), 12, 14),
            (col::PLACE.get(lang), 15, 30),
        ]),
        rows: findings
            .iter()
            .map(|f| {
                let mut what = Cell::text(ctx.message(outcome, f));
                if let Some(p) = outcome.pointer_of(f) {
                    what = what.with(Span::Code(dotted(p)));
                }
                Row {
                    cells: vec![
                        when(f, lang),
                        Cell::text(f.rule().code())
                            .with(Span::Small(f.severity.label(lang).to_owned()))
                            .styled(Style::Severity(f.severity)),
                        what.with(Span::Hint(
                            m::report::cell::Hint { hint: &ctx.hint(f) }.say(lang),
                        )),
                        Cell::text(ctx.cites(f)).styled(Style::Small),
                        place(outcome, f, lang)
                            .map_or(Cell::value(Value::Empty), Cell::text)
                            .styled(Style::Place),
                    ],
                    ..Row::default()
                }
            })
            .collect(),
    }
}

pub(crate) fn rejected(outcome: &Outcome, lang: Lang) -> Table {
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
            Cell::text(
                m::report::cell::UnreadableFile {
                    reason: &e.message(lang),
                }
                .say(lang),
            ),
        ],
        ..Row::default()
    }));
    Table {
        columns: columns(&[
            (col::FILE.get(lang), 32, 36),
            (col::LINE.get(lang), 8, 8),
            (col::COLUMN.get(lang), 8, 8),
            (col::REASON.get(lang), 52, 70),
        ]),
        rows,
    }
}

pub(crate) fn waived(outcome: &Outcome, ctx: &Context<'_>) -> Table {
    let lang = ctx.lang;
    Table {
        columns: columns(&[
            (col::UNIT.get(lang), 12, 12),
            (col::WHEN.get(lang), 13, 12),
            (col::RULE.get(lang), 10, 8),
            (col::TITLE.get(lang), 37, 60),
            (col::WAIVER.get(lang), 28, 60),
        ]),
        rows: outcome
            .waived
            .iter()
            .map(|f| Row {
                cells: vec![
                    Cell::text(outcome.unit_of(f)).styled(Style::Code),
                    match f.date {
                        Some(d) => Cell::value(Value::Date(d)),
                        None => Cell::value(Value::Month(f.month())),
                    }
                    .styled(Style::Centre),
                    Cell::text(f.rule().code()).styled(Style::Centre),
                    Cell::text(ctx.message(outcome, f)),
                    Cell::text(document::waiver(outcome, f, lang)).styled(Style::Small),
                ],
                ..Row::default()
            })
            .collect(),
    }
}

pub(crate) fn files(outcome: &Outcome, lang: Lang) -> Table {
    Table {
        columns: columns(&[
            (col::FILE.get(lang), 36, 40),
            (col::BYTES.get(lang), 12, 12),
            (col::DIGEST.get(lang), 52, 66),
        ]),
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
