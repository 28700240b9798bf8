//! Đánh giá chung (the overall assessment): strengths, shortcomings as the minutes show them,
//! and the causes the department writes; Kiến nghị (recommendations): the inspector's own text,
//! or measures for the grassroots committees, the weightiest first.

use kiemtra_messages::{m, Phrase, Say};
use kiemtra_rules::{Lang, Month, Rule, Severity};
use kiemtra_runner::{MonthState, Outcome, UnitSummary};

use crate::document::Document;
use crate::page::{plain, Block, Section};
use crate::rollup::{month, percent, Rating, Rollup, RuleRow};
use crate::Context;

/// Shortcomings named in the assessment, of each severity.
const TOP_RULES: usize = 3;

/// Measures in the generated recommendations.
const MEASURES: usize = 6;

/// Consecutive months without a meeting from which a unit is named.
pub(crate) const MISSING_RUN: usize = 2;

/// The longest run of months without a periodic meeting among a unit's months (in order): its
/// length, first and last month.
pub(crate) fn longest_gap(months: &[(Month, MonthState)]) -> Option<(usize, Month, Month)> {
    let mut best: Option<(usize, Month, Month)> = None;
    let mut run: Option<(usize, Month, Month)> = None;
    for &(m, state) in months {
        if state == MonthState::Missing {
            run = Some(match run {
                Some((n, first, _)) => (n + 1, first, m),
                None => (1, m, m),
            });
            if let Some(r) = run {
                if best.is_none_or(|b| r.0 > b.0) {
                    best = Some(r);
                }
            }
        } else {
            run = None;
        }
    }
    best
}

/// Units named in the strengths before "and N other units".
const NAMED_UNITS: usize = 12;

/// A shortcoming as the minutes show it, for the lists of frequent ones.
fn shortcoming(rule: Rule) -> Option<Phrase> {
    use m::report::shortcoming;
    Some(match rule.code() {
        "CD101" => shortcoming::CD101,
        "CD102" => shortcoming::CD102,
        "CD201" => shortcoming::CD201,
        "CD202" => shortcoming::CD202,
        "CD203" => shortcoming::CD203,
        "CD204" => shortcoming::CD204,
        "CD301" => shortcoming::CD301,
        "CD302" => shortcoming::CD302,
        "CD303" => shortcoming::CD303,
        "CD304" => shortcoming::CD304,
        "CD305" => shortcoming::CD305,
        "CD306" => shortcoming::CD306,
        "CD307" => shortcoming::CD307,
        "CD308" => shortcoming::CD308,
        "CD309" => shortcoming::CD309,
        "CD310" => shortcoming::CD310,
        "CD401" => shortcoming::CD401,
        "CD402" => shortcoming::CD402,
        "CD403" => shortcoming::CD403,
        "CD501" => shortcoming::CD501,
        "CD502" => shortcoming::CD502,
        "CD503" => shortcoming::CD503,
        "CD504" => shortcoming::CD504,
        "CD505" => shortcoming::CD505,
        "CD601" => shortcoming::CD601,
        "CD602" => shortcoming::CD602,
        _ => return None,
    })
}

/// The measure recommended to the committees for a rule.
fn measure(rule: Rule) -> Option<Phrase> {
    use m::report::measure;
    Some(match rule.code() {
        "CD101" => measure::CD101,
        "CD102" => measure::CD102,
        "CD201" => measure::CD201,
        "CD202" => measure::CD202,
        "CD203" => measure::CD203,
        "CD204" => measure::CD204,
        "CD301" => measure::CD301,
        "CD302" => measure::CD302,
        "CD303" => measure::CD303,
        "CD304" => measure::CD304,
        "CD305" => measure::CD305,
        "CD306" => measure::CD306,
        "CD307" => measure::CD307,
        "CD308" => measure::CD308,
        "CD309" => measure::CD309,
        "CD310" => measure::CD310,
        "CD401" => measure::CD401,
        "CD402" => measure::CD402,
        "CD403" => measure::CD403,
        "CD501" => measure::CD501,
        "CD502" => measure::CD502,
        "CD503" => measure::CD503,
        "CD504" => measure::CD504,
        "CD505" => measure::CD505,
        "CD601" => measure::CD601,
        "CD602" => measure::CD602,
        _ => return None,
    })
}

/// How much a shortcoming weighs, lightest last: a month without minutes or a meeting without a
/// themed session before how long it lasted, before the details of its minutes.
fn weight(rule: Rule) -> u8 {
    match rule.code() {
        "CD601" => 0,
        "CD101" => 1,
        "CD401" | "CD102" => 2,
        "CD201" | "CD202" | "CD203" | "CD204" => 3,
        "CD501" | "CD503" | "CD505" => 4,
        "CD301" | "CD302" | "CD303" | "CD306" | "CD307" => 5,
        "CD304" | "CD305" | "CD308" | "CD502" | "CD504" => 6,
        _ => 7,
    }
}

/// Whether a rule's findings count among the shortcomings and drive a recommendation: not a
/// note (`info`), and never CD309, which asks more than the guidance (catalogue v1.2).
fn counts(r: &RuleRow) -> bool {
    r.severity != Severity::Info && r.rule.code() != "CD309"
}

/// A unit as a reader tells it apart: its name and its committee (two cells may share a name).
pub(crate) fn unit_label(u: &UnitSummary, lang: Lang) -> String {
    match (&u.name, &u.parent) {
        (Some(name), Some(parent)) => m::report::UnitLabel { name, parent }.say(lang),
        (Some(name), None) => name.clone(),
        (None, _) => u.code.clone(),
    }
}

/// The overall assessment: strengths, shortcomings, then causes (the department's own text, or
/// a placeholder: the figures do not know causes).
pub(crate) fn assessment(
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
    rollup: &Rollup<'_>,
) -> Vec<Block> {
    use m::report::assessment as w;
    let lang = ctx.lang;
    let part = |title: Phrase, number: usize, blocks: Vec<Block>| {
        Block::Section(Section {
            title: format!("{number}. {}", title.get(lang)),
            blocks,
            ..Section::default()
        })
    };
    let para = |s: String| Block::Paragraph(plain(s));
    let judged: Vec<&UnitSummary> = outcome
        .units
        .iter()
        .filter(|u| u.months_expected() > 0)
        .collect();
    let causes = match document.assessment {
        Some(text) => given(text),
        None => vec![para(w::CAUSES_PLACEHOLDER.get(lang).to_owned())],
    };
    if judged.is_empty() {
        return vec![
            para(w::NONE_RATED.get(lang).to_owned()),
            part(w::CAUSES_HEADING, 1, causes),
        ];
    }

    // Strengths: the units whose every month is carried out, by name; the months; the levels.
    let mut strengths = Vec::new();
    let full: Vec<&UnitSummary> = judged
        .iter()
        .copied()
        .filter(|u| u.months_compliant == u.months_expected())
        .collect();
    if full.is_empty() {
        strengths.push(para(w::NONE_FULL.get(lang).to_owned()));
    } else {
        let named: Vec<String> = full
            .iter()
            .take(NAMED_UNITS)
            .map(|u| unit_label(u, lang))
            .collect();
        let mut units = named.join(", ");
        if full.len() > NAMED_UNITS {
            units = w::FullMore {
                units: &units,
                count: &(full.len() - NAMED_UNITS),
            }
            .say(lang);
        }
        strengths.push(para(
            w::Full {
                count: &full.len(),
                rated: &judged.len(),
                units: &units,
            }
            .say(lang),
        ));
    }
    let t = &rollup.total;
    strengths.push(para(
        w::Months {
            compliant: &t.compliant,
            expected: &t.expected,
            rate: &percent(t.rate(), lang),
        }
        .say(lang),
    ));
    let rated: usize = rollup.by_rating.iter().sum();
    if rated > 0 {
        #[allow(clippy::cast_precision_loss)]
        let share = |n: usize| percent(n as f64 / rated as f64, lang);
        let parts: Vec<String> = Rating::ALL
            .iter()
            .zip(rollup.by_rating)
            .filter(|(_, n)| *n > 0)
            .map(|(r, n)| {
                w::LevelPart {
                    count: &n,
                    level: &r.label(lang),
                    share: &share(n),
                }
                .say(lang)
            })
            .collect();
        strengths.push(para(
            w::Levels {
                parts: &parts.join(", "),
            }
            .say(lang),
        ));
    }

    // Shortcomings: the most frequent, as the minutes show them, with how many units; the runs
    // of months without minutes; against the previous inspection.
    let mut shortcomings = Vec::new();
    let frequent = |severity: Severity| -> Vec<String> {
        let mut rows: Vec<&RuleRow> = rollup
            .rules
            .iter()
            .filter(|r| counts(r) && r.severity == severity)
            .collect();
        rows.sort_by(|a, b| {
            b.units
                .cmp(&a.units)
                .then(b.findings.cmp(&a.findings))
                .then(a.rule.cmp(&b.rule))
        });
        rows.iter()
            .take(TOP_RULES)
            .filter_map(|r| {
                let what = shortcoming(r.rule)?;
                Some(
                    w::FrequentItem {
                        what: &what.get(lang),
                        units: &r.units,
                        findings: &r.findings,
                    }
                    .say(lang),
                )
            })
            .collect()
    };
    let (errors, warnings) = (frequent(Severity::Error), frequent(Severity::Warning));
    if errors.is_empty() && warnings.is_empty() {
        shortcomings.push(para(w::NO_SHORTCOMINGS.get(lang).to_owned()));
    }
    if !errors.is_empty() {
        shortcomings.push(para(
            w::FrequentErrors {
                list: &errors.join("; "),
            }
            .say(lang),
        ));
    }
    if !warnings.is_empty() {
        shortcomings.push(para(
            w::FrequentWarnings {
                list: &warnings.join("; "),
            }
            .say(lang),
        ));
    }
    let mut gaps: Vec<(&UnitSummary, usize, Month, Month)> = outcome
        .units
        .iter()
        .filter_map(|u| longest_gap(&u.months).map(|(n, a, b)| (u, n, a, b)))
        .filter(|(_, n, _, _)| *n >= MISSING_RUN)
        .collect();
    gaps.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code.cmp(&b.0.code)));
    if !gaps.is_empty() {
        let list: Vec<String> = gaps
            .iter()
            .map(|(u, n, a, b)| {
                w::Gap {
                    unit: &unit_label(u, lang),
                    months: n,
                    first: &month(*a),
                    last: &month(*b),
                }
                .say(lang)
            })
            .collect();
        shortcomings.push(para(
            w::Gaps {
                count: gaps.len() as u64,
                run: &MISSING_RUN,
                units: &list.join("; "),
            }
            .say(lang),
        ));
    }
    if let Some(b) = &outcome.baseline {
        shortcomings.push(para(
            w::Baseline {
                resolved: &b.resolved.len(),
                open: &b.open,
                new: &b.new,
                not_rechecked: &b.not_rechecked.len(),
            }
            .say(lang),
        ));
    }
    vec![
        part(w::STRENGTHS_HEADING, 1, strengths),
        part(w::SHORTCOMINGS_HEADING, 2, shortcomings),
        part(w::CAUSES_HEADING, 3, causes),
    ]
}

/// The recommendations: the inspector's text (`--recommendations FILE`), a paragraph per
/// block of lines and a list item per line starting `-`; else, to the grassroots committees, a
/// measure for each shortcoming found, the weightiest first.
pub(crate) fn recommendations(
    ctx: &Context<'_>,
    document: &Document<'_>,
    rollup: &Rollup<'_>,
) -> Vec<Block> {
    use m::report::recommendations as w;
    let lang = ctx.lang;
    if let Some(text) = document.recommendations {
        return given(text);
    }
    let mut rows: Vec<&RuleRow> = rollup.rules.iter().filter(|r| counts(r)).collect();
    if rows.is_empty() {
        return vec![Block::Paragraph(plain(w::KEEP_GOING.get(lang)))];
    }
    rows.sort_by(|a, b| {
        weight(a.rule)
            .cmp(&weight(b.rule))
            .then(b.units.cmp(&a.units))
            .then(a.rule.cmp(&b.rule))
    });
    let items = rows
        .iter()
        .take(MEASURES)
        .filter_map(|r| {
            let measure = measure(r.rule)?;
            Some(plain(
                w::Item {
                    count: r.units as u64,
                    measure: &measure.get(lang),
                }
                .say(lang),
            ))
        })
        .collect();
    vec![
        Block::Paragraph(plain(w::INTRO.get(lang))),
        Block::List {
            numbered: true,
            items,
        },
        Block::Paragraph(plain(w::CELLS.get(lang))),
    ]
}

/// The inspector's own recommendations, as written: blank lines part paragraphs, lines
/// starting with `-` or `•` are list items.
fn given(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut items = Vec::new();
    let flush_para = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(plain(para.join(" "))));
            para.clear();
        }
    };
    let flush_items = |items: &mut Vec<_>, blocks: &mut Vec<Block>| {
        if !items.is_empty() {
            blocks.push(Block::List {
                numbered: false,
                items: std::mem::take(items),
            });
        }
    };
    for line in text.lines().map(str::trim) {
        if let Some(item) = line.strip_prefix('-').or_else(|| line.strip_prefix('•')) {
            flush_para(&mut para, &mut blocks);
            items.push(plain(item.trim()));
        } else if line.is_empty() {
            flush_para(&mut para, &mut blocks);
            flush_items(&mut items, &mut blocks);
        } else {
            flush_items(&mut items, &mut blocks);
            para.push(line);
        }
    }
    flush_para(&mut para, &mut blocks);
    flush_items(&mut items, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Span, Text};

    /// A text as one line, for a heading or a cell that must not break.
    fn flat(text: &Text) -> String {
        text.iter()
            .map(|s| match s {
                Span::Plain(t) | Span::Code(t) | Span::Hint(t) | Span::Small(t) => t.as_str(),
                Span::Link { text, .. } => text.as_str(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_longest_run_of_months_without_a_meeting() {
        use MonthState::{Compliant as C, Failing as F, Missing as M};
        let months = |states: &[MonthState]| -> Vec<(Month, MonthState)> {
            let mut m = Month {
                year: 2017,
                month: 11,
            };
            states
                .iter()
                .map(|&s| {
                    let here = m;
                    m = m.next();
                    (here, s)
                })
                .collect()
        };
        let at = |year, month| Month { year, month };
        assert_eq!(longest_gap(&months(&[C, F, C])), None);
        // Across the turn of the year, the longer of two runs.
        assert_eq!(
            longest_gap(&months(&[M, C, M, M, M, F, M])),
            Some((3, at(2018, 1), at(2018, 3)))
        );
        assert_eq!(
            longest_gap(&months(&[C, M])),
            Some((1, at(2017, 12), at(2017, 12)))
        );
    }

    #[test]
    fn the_inspectors_text_keeps_its_paragraphs_and_items() {
        let blocks = given("Đề nghị:\n- Đảng ủy xã Hàm Chính chỉ đạo …\n• Chi bộ thôn 2 bổ sung\n\nĐoạn hai\ntiếp.\n");
        let kinds: Vec<String> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(t) => format!("p:{}", flat(t)),
                Block::List { items, .. } => format!("list:{}", items.len()),
                _ => "other".into(),
            })
            .collect();
        assert_eq!(kinds, ["p:Đề nghị:", "list:2", "p:Đoạn hai tiếp."]);
    }
}
