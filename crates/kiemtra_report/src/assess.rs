//! Đánh giá chung (the overall assessment) in plain sentences drawn from the figures, and Kiến
//! nghị (recommendations): the inspector's own text, or a list drawn from the "how to fix" of
//! the rules broken most.

use kiemtra_messages::{m, Say};
use kiemtra_rules::docs::doc;
use kiemtra_rules::Month;
use kiemtra_runner::{MonthState, Outcome, UnitSummary};

use crate::document::Document;
use crate::page::{plain, Block};
use crate::rollup::{month, percent, Rating, Rollup};
use crate::Context;

/// Rules named in the assessment and the generated recommendations.
const TOP_RULES: usize = 3;

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

/// Paragraphs of the overall assessment.
pub(crate) fn assessment(outcome: &Outcome, ctx: &Context<'_>, rollup: &Rollup<'_>) -> Vec<String> {
    use m::report::assessment as w;
    let lang = ctx.lang;
    let mut out = Vec::new();
    let rated: usize = rollup.by_rating.iter().sum();
    if rated == 0 {
        out.push(w::NONE_RATED.get(lang).to_owned());
        return out;
    }
    #[allow(clippy::cast_precision_loss)]
    let share = |n: usize| percent(n as f64 / rated as f64, lang);
    let parts: Vec<String> = Rating::ALL
        .iter()
        .zip(rollup.by_rating)
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| {
            w::RatedPart {
                count: &n,
                rating: &r.label(lang),
                share: &share(n),
            }
            .say(lang)
        })
        .collect();
    out.push(
        w::Rated {
            rated: &rated,
            parts: &parts.join(", "),
        }
        .say(lang),
    );

    if rollup.rules.is_empty() {
        out.push(w::NO_FINDINGS.get(lang).to_owned());
    } else {
        let top: Vec<String> = rollup
            .rules
            .iter()
            .take(TOP_RULES)
            .map(|r| {
                w::TopRule {
                    title: &doc(r.rule, lang).title,
                    code: &r.rule.code(),
                    findings: &r.findings,
                    units: &r.units,
                    rated: &rated,
                }
                .say(lang)
            })
            .collect();
        out.push(
            w::MostFrequent {
                rules: &top.join("; "),
            }
            .say(lang),
        );
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
                    unit: &u.code,
                    months: n,
                    first: &month(*a),
                    last: &month(*b),
                }
                .say(lang)
            })
            .collect();
        out.push(
            w::Gaps {
                run: &MISSING_RUN,
                count: &gaps.len(),
                units: &list.join(", "),
            }
            .say(lang),
        );
    }

    if let Some(b) = &outcome.baseline {
        out.push(
            w::Baseline {
                file: &b.file,
                resolved: &b.resolved.len(),
                open: &b.open,
                new: &b.new,
                not_rechecked: &b.not_rechecked.len(),
            }
            .say(lang),
        );
    }
    out
}

/// The recommendations: the inspector's text (`--recommendations FILE`), a paragraph per
/// block of lines and a list item per line starting `-`; else one item per rule broken most,
/// with its fix.
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
    if rollup.rules.is_empty() {
        return vec![Block::Paragraph(plain(w::KEEP_GOING.get(lang)))];
    }
    let items = rollup
        .rules
        .iter()
        .take(TOP_RULES)
        .map(|r| {
            let d = doc(r.rule, lang);
            plain(
                w::Item {
                    title: &d.title,
                    code: &r.rule.code(),
                    units: &r.units,
                    hint: &d.hint(ctx.policy.parameters()),
                }
                .say(lang),
            )
        })
        .collect();
    vec![
        Block::Paragraph(plain(w::INTRO.get(lang))),
        Block::List {
            numbered: true,
            items,
        },
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
