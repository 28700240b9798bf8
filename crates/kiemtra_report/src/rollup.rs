//! Roll-ups of an outcome, shared by every renderer: totals, per parent committee, per unit
//! (worst first), per rule (most broken first), the span of months for the compliance picture,
//! and the four-level rating of the province (thresholds from the rule pack).

use std::collections::{BTreeMap, BTreeSet};

use kiemtra_messages::{m, Say};
use kiemtra_rules::pack::Rating as Thresholds;
use kiemtra_rules::{Lang, Month, Period, Rule, Severity};
use kiemtra_runner::{Outcome, UnitSummary};

/// The four-level scale: tốt, khá, trung bình, kém.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rating {
    Good,
    Fair,
    Average,
    Poor,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Good, Rating::Fair, Rating::Average, Rating::Poor];

    /// The rating of `compliant` months out of `expected`; none when nothing was expected.
    /// Compared in whole numbers: `compliant / expected ≥ good %` exactly.
    pub fn of(compliant: u32, expected: u32, t: &Thresholds) -> Option<Rating> {
        if expected == 0 {
            return None;
        }
        let pct = u64::from(compliant) * 100;
        let at_least = |threshold: u32| pct >= u64::from(threshold) * u64::from(expected);
        Some(if at_least(t.good) {
            Rating::Good
        } else if at_least(t.fair) {
            Rating::Fair
        } else if at_least(t.average) {
            Rating::Average
        } else {
            Rating::Poor
        })
    }

    /// Stable code for programs: `good`, `fair`, `average`, `poor`.
    pub fn code(self) -> &'static str {
        match self {
            Rating::Good => "good",
            Rating::Fair => "fair",
            Rating::Average => "average",
            Rating::Poor => "poor",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        use m::report::rating;
        match self {
            Rating::Good => rating::GOOD,
            Rating::Fair => rating::FAIR,
            Rating::Average => rating::AVERAGE,
            Rating::Poor => rating::POOR,
        }
        .get(lang)
    }

    /// The rule of the scale, for legends: `tốt ≥ 90 %`, `khá 70–<90 %`, …
    pub fn scale(t: &Thresholds, lang: Lang) -> String {
        m::report::rating::Scale {
            good: &t.good,
            fair: &t.fair,
            average: &t.average,
        }
        .say(lang)
    }
}

/// Months and findings added up over some units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub units: usize,
    /// Records inside the audited period.
    pub meetings: usize,
    /// Months of the period: one periodic meeting is expected in each.
    pub expected: u32,
    /// Months with a periodic meeting.
    pub held: u32,
    /// Months with a periodic meeting whose session has no error.
    pub compliant: u32,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    fn add(&mut self, u: &UnitSummary) {
        self.units += 1;
        self.meetings += u.meetings;
        self.expected += u.months_expected();
        self.held += u.months_held;
        self.compliant += u.months_compliant;
        self.errors += u.errors;
        self.warnings += u.warnings;
        self.infos += u.infos;
    }

    /// Compliant over expected months, 0 when nothing was expected.
    pub fn rate(&self) -> f64 {
        if self.expected == 0 {
            0.0
        } else {
            f64::from(self.compliant) / f64::from(self.expected)
        }
    }
}

/// One unit, rated.
#[derive(Clone, Copy, Debug)]
pub struct UnitRow<'o> {
    pub unit: &'o UnitSummary,
    pub rating: Option<Rating>,
}

/// One parent committee and its units.
#[derive(Clone, Debug)]
pub struct ParentRow<'o> {
    /// `None` for units whose records name no parent.
    pub name: Option<&'o str>,
    /// Its units, by code.
    pub units: Vec<UnitRow<'o>>,
    pub counts: Counts,
    pub rating: Option<Rating>,
    /// Units rated tốt, khá, trung bình, kém.
    pub by_rating: [usize; 4],
}

/// One rule and how often it was broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleRow {
    pub rule: Rule,
    pub severity: Severity,
    pub findings: usize,
    /// Units with at least one finding of the rule.
    pub units: usize,
}

/// Everything the summaries of a report show.
#[derive(Clone, Debug)]
pub struct Rollup<'o> {
    pub total: Counts,
    pub rating: Option<Rating>,
    pub by_rating: [usize; 4],
    /// By name; units without a parent last.
    pub parents: Vec<ParentRow<'o>>,
    /// Worst first: lowest compliance rate, then most errors, then code.
    pub worst_first: Vec<UnitRow<'o>>,
    /// Most broken first: most findings, then code. Rules without a finding are left out.
    pub rules: Vec<RuleRow>,
    /// The months audited: from the first to the last month of any unit's audited period.
    pub span: Option<Period>,
}

fn rating_index(r: Rating) -> usize {
    match r {
        Rating::Good => 0,
        Rating::Fair => 1,
        Rating::Average => 2,
        Rating::Poor => 3,
    }
}

/// Adds up an outcome.
pub fn rollup<'o>(outcome: &'o Outcome, thresholds: &Thresholds) -> Rollup<'o> {
    let rate_of = |c: u32, e: u32| Rating::of(c, e, thresholds);
    let mut total = Counts::default();
    let mut by_rating = [0; 4];
    let mut parents: BTreeMap<(bool, Option<&str>), ParentRow<'o>> = BTreeMap::new();
    for u in &outcome.units {
        let row = UnitRow {
            unit: u,
            rating: rate_of(u.months_compliant, u.months_expected()),
        };
        total.add(u);
        let parent = parents
            .entry((u.parent.is_none(), u.parent.as_deref()))
            .or_insert_with(|| ParentRow {
                name: u.parent.as_deref(),
                units: Vec::new(),
                counts: Counts::default(),
                rating: None,
                by_rating: [0; 4],
            });
        parent.counts.add(u);
        if let Some(r) = row.rating {
            by_rating[rating_index(r)] += 1;
            parent.by_rating[rating_index(r)] += 1;
        }
        parent.units.push(row);
    }
    let parents: Vec<ParentRow<'o>> = parents
        .into_values()
        .map(|mut p| {
            p.rating = rate_of(p.counts.compliant, p.counts.expected);
            p.units.sort_by(|a, b| a.unit.code.cmp(&b.unit.code));
            p
        })
        .collect();

    let mut worst_first: Vec<UnitRow<'o>> = parents.iter().flat_map(|p| p.units.clone()).collect();
    worst_first.sort_by(|a, b| {
        // a.rate < b.rate, in whole numbers.
        let ra = u64::from(a.unit.months_compliant) * u64::from(b.unit.months_expected());
        let rb = u64::from(b.unit.months_compliant) * u64::from(a.unit.months_expected());
        ra.cmp(&rb)
            .then(b.unit.errors.cmp(&a.unit.errors))
            .then(a.unit.code.cmp(&b.unit.code))
    });

    let mut per_rule: BTreeMap<Rule, (Severity, usize, BTreeSet<&str>)> = BTreeMap::new();
    for f in &outcome.findings {
        let e = per_rule
            .entry(f.rule())
            .or_insert((f.severity, 0, BTreeSet::new()));
        e.0 = e.0.max(f.severity);
        e.1 += 1;
        e.2.insert(outcome.unit_of(f));
    }
    let mut rules: Vec<RuleRow> = per_rule
        .into_iter()
        .map(|(rule, (severity, findings, units))| RuleRow {
            rule,
            severity,
            findings,
            units: units.len(),
        })
        .collect();
    rules.sort_by(|a, b| b.findings.cmp(&a.findings).then(a.rule.cmp(&b.rule)));

    // The months audited: every unit's period (each starts no earlier than the pack's first
    // month, whatever `--from` asked); with no unit, what was asked, from that month on.
    let first = outcome.units.iter().map(|u| u.period.from).min();
    let last = outcome.units.iter().map(|u| u.period.to).max();
    let span = match (first, last) {
        (Some(from), Some(to)) if from <= to => Some(Period { from, to }),
        _ => match (outcome.from, outcome.to) {
            (Some(from), Some(to)) if from.max(outcome.first_month) <= to => Some(Period {
                from: from.max(outcome.first_month),
                to,
            }),
            _ => None,
        },
    };

    Rollup {
        rating: rate_of(total.compliant, total.expected),
        total,
        by_rating,
        parents,
        worst_first,
        rules,
        span,
    }
}

/// A rate (0–1) in tenths of a percent, truncated, never rounded up: 224 of 249 months
/// (89.96 %) is 899, so that no printed rate reads as reaching a rating threshold it does not
/// reach. Every format shows rates through this.
pub fn per_mille(rate: f64) -> u32 {
    // The margin absorbs the float error of an exact k/1000 (0.7 × 1000 = 700.0000000000001 or
    // 699.9999999999999); a real rate is never that close below a boundary without reaching it.
    let scaled = (rate * 1000.0 + 1e-9).floor();
    if scaled.is_finite() && scaled > 0.0 {
        scaled.min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

/// A rate as people read it, truncated to one decimal: `83,3 %` in Vietnamese, `83.3%` in
/// English.
pub fn percent(rate: f64, lang: Lang) -> String {
    let tenths = per_mille(rate);
    m::report::rate::Percent {
        whole: &(tenths / 10),
        tenth: &(tenths % 10),
    }
    .say(lang)
}

/// One unit's figures in a sentence, as the Markdown and HTML reports state them under its
/// heading (plain text: each renderer escapes it).
pub fn unit_stats(u: &UnitSummary, rating: Option<Rating>, lang: Lang) -> String {
    let rated = rating
        .map(|r| {
            m::report::overview::UnitRated {
                rating: &r.label(lang),
            }
            .say(lang)
        })
        .unwrap_or_default();
    let (from, to) = (month(u.period.from), month(u.period.to));
    let (expected, held, compliant) = (u.months_expected(), u.months_held, u.months_compliant);
    let rate = percent(u.compliance_rate(), lang);
    let (errors, warnings, infos) = (u.errors, u.warnings, u.infos);
    let mut stats = m::report::overview::Unit {
        from: &from,
        to: &to,
        expected: &expected,
        held: &held,
        compliant: &compliant,
        rate: &rate,
        rated: &rated,
        errors: &errors,
        warnings: &warnings,
        infos: &infos,
    }
    .say(lang);
    // What could not be checked for the unit (catalogue v1.1), after its figures.
    for note in &u.notes {
        stats.push(' ');
        stats.push_str(&note.message(lang));
        stats.push('.');
    }
    stats
}

/// A month as people read it: `03/2017`.
pub fn month(m: Month) -> String {
    format!("{:02}/{}", m.month, m.year)
}

/// The name of a parent committee, or what stands for a missing one.
pub fn parent_name(name: Option<&str>, lang: Lang) -> &str {
    name.unwrap_or(m::report::NO_PARENT.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provincial_scale() {
        let t = Thresholds {
            good: 90,
            fair: 70,
            average: 50,
        };
        let r = |c, e| Rating::of(c, e, &t);
        assert_eq!(r(9, 10), Some(Rating::Good));
        assert_eq!(r(8, 10), Some(Rating::Fair));
        assert_eq!(r(7, 10), Some(Rating::Fair));
        assert_eq!(r(69, 100), Some(Rating::Average));
        assert_eq!(r(1, 2), Some(Rating::Average));
        assert_eq!(r(49, 100), Some(Rating::Poor));
        assert_eq!(r(0, 0), None);
        // 21.6/24 = 90 % exactly is tốt; 21/24 = 87.5 % is khá.
        assert_eq!(r(27, 30), Some(Rating::Good));
        assert_eq!(r(21, 24), Some(Rating::Fair));
        assert_eq!(
            Rating::scale(&t, Lang::Vi),
            "tốt ≥ 90 %, khá 70–<90 %, trung bình 50–<70 %, kém < 50 %"
        );
        assert_eq!(percent(0.8333, Lang::Vi), "83,3 %");
        assert_eq!(percent(0.8333, Lang::En), "83.3%");
    }

    #[test]
    fn rates_are_truncated_never_rounded_across_a_threshold() {
        let rate = |c: u32, e: u32| f64::from(c) / f64::from(e);
        assert_eq!(percent(rate(224, 249), Lang::Vi), "89,9 %");
        assert_eq!(percent(rate(224, 249), Lang::En), "89.9%");
        assert_eq!(percent(rate(9, 10), Lang::Vi), "90,0 %");
        assert_eq!(percent(rate(7, 10), Lang::Vi), "70,0 %");
        assert_eq!(percent(rate(1, 3), Lang::Vi), "33,3 %");
        assert_eq!(percent(rate(2, 3), Lang::Vi), "66,6 %");
        assert_eq!(percent(1.0, Lang::Vi), "100,0 %");
        assert_eq!(percent(0.0, Lang::Vi), "0,0 %");
        // Exact thousandths stay what they are, for every count of months up to 1200.
        for e in 1..=1200u32 {
            for c in 0..=e {
                let exact = u64::from(c) * 1000 / u64::from(e);
                assert_eq!(u64::from(per_mille(rate(c, e))), exact, "{c}/{e}");
            }
        }
    }
}
