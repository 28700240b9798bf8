//! Re-inspection: an inspection's findings compared with a previous one's (the baseline):
//! each finding new or still open, and what was found then and not now resolved or not
//! re-checked.

use std::collections::BTreeMap;

use kiemtra_rules::{Month, Rule};

use crate::baseline::{
    Baseline, BaselineReport, Change, FindingAt, FindingKey, NotRechecked, PackUsed, PastFinding,
};
use crate::outcome::Outcome;
use crate::policy::Policy;

impl Baseline {
    /// Marks each finding of `outcome` new or open, and lists what is resolved. The run must
    /// have remembered [`Baseline::records`] while judging.
    pub(crate) fn compare(&self, outcome: &mut Outcome, policy: &Policy) {
        let mut left: BTreeMap<&FindingKey, usize> = BTreeMap::new();
        for p in &self.findings {
            *left.entry(&p.key).or_default() += 1;
        }
        let (mut new, mut open) = (0, 0);
        let keys: Vec<FindingKey> = outcome
            .findings
            .iter()
            .chain(&outcome.waived)
            .map(|f| outcome.key(f))
            .collect();
        let findings = outcome.findings.iter_mut().chain(outcome.waived.iter_mut());
        for (f, key) in findings.zip(keys) {
            let change = match left.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    open += 1;
                    Change::Open
                }
                _ => {
                    new += 1;
                    Change::New
                }
            };
            f.change = Some(change);
        }
        let mut resolved = Vec::new();
        let mut not_rechecked = Vec::new();
        let now = PackUsed::of(policy);
        for p in &self.findings {
            match left.get_mut(&p.key) {
                Some(n) if *n > 0 => *n -= 1,
                _ => continue,
            }
            let alike = Rule::find(&p.key.rule).is_some_and(|rule| {
                self.pack
                    .as_ref()
                    .is_some_and(|then| then.judges_alike(&now, rule))
            });
            let why = why_not_rechecked(p, outcome, policy);
            let why = match why {
                None if !alike => Some(NotRechecked::PackChanged),
                why => why,
            };
            match why {
                None => resolved.push(p.clone()),
                Some(why) => not_rechecked.push((p.clone(), why)),
            }
        }
        outcome.baseline = Some(BaselineReport {
            file: self.file.clone(),
            new,
            open,
            resolved,
            not_rechecked,
        });
    }
}

/// `None` when this inspection judged the finding's scope again with its rule on.
fn why_not_rechecked(p: &PastFinding, outcome: &Outcome, policy: &Policy) -> Option<NotRechecked> {
    let on = Rule::find(&p.key.rule)
        .filter(|r| r.code() == p.key.rule)
        .is_some_and(|r| policy.enabled(r));
    if !on {
        return Some(NotRechecked::RuleOff);
    }
    let Some(unit) = outcome.units.iter().find(|u| u.code == p.key.unit) else {
        return Some(NotRechecked::UnitAbsent);
    };
    match &p.key.at {
        FindingAt::Record(id) => {
            let judged = outcome.judged.contains(&(p.key.unit.clone(), id.clone()));
            (!judged).then_some(NotRechecked::RecordAbsent)
        }
        FindingAt::Month(m) => {
            let inside = Month::parse(m).is_some_and(|m| unit.period.contains(m));
            (!inside).then_some(NotRechecked::OutsidePeriod)
        }
    }
}
