//! The one place where severities are decided: which rules are on (select / ignore), the
//! severity of each (the pack's default, or an override), the parameters, and the waivers.
//!
//! Configuration files and the command line are read elsewhere (`kiemtra_config`); whatever
//! they say reaches the inspection only through a [`Policy`].

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kiemtra_rules::{Pack, Parameters, Rule, Severity};

use crate::waiver::Waiver;

/// What the inspection applies.
#[derive(Clone, Debug)]
pub struct Policy {
    /// The rule pack, with its parameters as tailored.
    pub pack: Pack,
    /// Severities that differ from the pack's, with the selector that set each.
    overrides: BTreeMap<Rule, (Severity, String)>,
    select: Vec<String>,
    ignore: Vec<String>,
    /// Per rule, the selector that decided whether it is on, and whether it is on.
    decisions: BTreeMap<Rule, Selection>,
    waivers: Vec<Waiver>,
    as_of: Option<NaiveDate>,
}

/// Why a rule is on or off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    pub enabled: bool,
    /// The selector that decided it (`CD3`, `CD401`, `minimum-duration`); `None` when no
    /// `select` entry names the rule at all (it is then off).
    pub by: Option<String>,
}

/// The selectors used when none are given: every rule on.
pub const SELECT_ALL: &str = "CD";

/// A rule selector (`select`, `ignore`, a severity's key) that names no rule, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownSelector(pub String);

impl Policy {
    /// The pack as it is: every rule on, with the pack's severities, no waiver.
    pub fn new(pack: Pack) -> Policy {
        let mut policy = Policy {
            pack,
            overrides: BTreeMap::new(),
            select: Vec::new(),
            ignore: Vec::new(),
            decisions: BTreeMap::new(),
            waivers: Vec::new(),
            as_of: None,
        };
        // Cannot fail: the default selector names every rule.
        let _ = policy.select(&[SELECT_ALL.to_owned()], &[]);
        policy
    }

    /// Chooses the rules, Ruff-style: for each rule the most specific selector that names it
    /// decides (a code or name beats `CD40`, which beats `CD4`, which beats `CD`); between a
    /// `select` and an `ignore` entry of the same specificity, `ignore` wins; a rule that no
    /// `select` entry names is off. A selector that names no rule is returned as the error.
    pub fn select(&mut self, select: &[String], ignore: &[String]) -> Result<(), UnknownSelector> {
        for s in select.iter().chain(ignore) {
            if Rule::selected_by(s).is_empty() {
                return Err(UnknownSelector(s.clone()));
            }
        }
        let mut decisions = BTreeMap::new();
        for &rule in Rule::ALL {
            let mut best: Option<(usize, bool, &String)> = None;
            let candidates = select
                .iter()
                .map(|s| (s, true))
                .chain(ignore.iter().map(|s| (s, false)));
            for (s, on) in candidates {
                if !Rule::selected_by(s).contains(&rule) {
                    continue;
                }
                let k = specificity(s);
                let better = match best {
                    None => true,
                    Some((bk, bon, _)) => k > bk || (k == bk && bon && !on),
                };
                if better {
                    best = Some((k, on, s));
                }
            }
            let selection = match best {
                Some((_, enabled, by)) => Selection {
                    enabled,
                    by: Some(by.clone()),
                },
                None => Selection {
                    enabled: false,
                    by: None,
                },
            };
            decisions.insert(rule, selection);
        }
        self.select = select.to_vec();
        self.ignore = ignore.to_vec();
        self.decisions = decisions;
        Ok(())
    }

    /// Sets a rule's severity, whatever the pack says.
    pub fn set_severity(&mut self, rule: Rule, severity: Severity) {
        self.overrides
            .insert(rule, (severity, rule.code().to_owned()));
    }

    /// Sets severities by selector (`CD3 = warning`, `CD301 = error`): for each rule the most
    /// specific selector that names it decides, as for [`Policy::select`]. A selector that
    /// names no rule is returned as the error.
    pub fn set_severities(
        &mut self,
        entries: &[(String, Severity)],
    ) -> Result<(), UnknownSelector> {
        for (s, _) in entries {
            if Rule::selected_by(s).is_empty() {
                return Err(UnknownSelector(s.clone()));
            }
        }
        for &rule in Rule::ALL {
            let mut best: Option<(usize, &(String, Severity))> = None;
            for entry in entries {
                if Rule::selected_by(&entry.0).contains(&rule) {
                    let k = specificity(&entry.0);
                    if best.is_none_or(|(bk, _)| k >= bk) {
                        best = Some((k, entry));
                    }
                }
            }
            if let Some((_, (selector, severity))) = best {
                self.overrides.insert(rule, (*severity, selector.clone()));
            }
        }
        Ok(())
    }

    /// The selector that set the severity of `rule`, when it is not the pack's default.
    pub fn severity_set_by(&self, rule: Rule) -> Option<&str> {
        self.overrides.get(&rule).map(|(_, by)| by.as_str())
    }

    /// The waivers, and the day on which their expiry is judged (`None`: the latest meeting
    /// date in the input).
    pub fn with_waivers(mut self, waivers: Vec<Waiver>, as_of: Option<NaiveDate>) -> Policy {
        self.waivers = waivers;
        self.as_of = as_of;
        self
    }

    /// Whether `rule` runs (asked once per violation: no allocation).
    pub fn enabled(&self, rule: Rule) -> bool {
        self.decisions.get(&rule).is_none_or(|s| s.enabled)
    }

    pub fn selection(&self, rule: Rule) -> Selection {
        self.decisions.get(&rule).cloned().unwrap_or(Selection {
            enabled: true,
            by: None,
        })
    }

    /// The severity of a rule's findings.
    pub fn severity(&self, rule: Rule) -> Severity {
        self.overrides
            .get(&rule)
            .map_or(self.pack.rule(rule).severity, |(s, _)| *s)
    }

    /// The severity a finding of `rule` gets, or `None` when the rule is off.
    pub fn decide(&self, rule: Rule) -> Option<Severity> {
        self.enabled(rule).then(|| self.severity(rule))
    }

    /// Whether a violation is reported, and how severe: as [`Policy::decide`] says for its
    /// rule, and at most a warning when it is unverifiable (catalogue v1.1).
    pub fn decide_violation(&self, v: &kiemtra_rules::Violation) -> Option<Severity> {
        let severity = self.decide(v.rule)?;
        Some(if v.unverifiable() {
            severity.min(Severity::Warning)
        } else {
            severity
        })
    }

    /// Whether the severity of `rule` differs from the pack's.
    pub fn is_overridden(&self, rule: Rule) -> bool {
        self.severity(rule) != self.pack.rule(rule).severity
    }

    pub fn selectors(&self) -> (&[String], &[String]) {
        (&self.select, &self.ignore)
    }

    pub fn parameters(&self) -> &Parameters {
        &self.pack.parameters
    }

    pub fn cites(&self, rule: Rule) -> &[String] {
        &self.pack.rule(rule).cites
    }

    pub fn waivers(&self) -> &[Waiver] {
        &self.waivers
    }

    /// `--as-of`, when given.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }
}

/// How specific a selector is: a code or a name counts as a whole code.
fn specificity(selector: &str) -> usize {
    match Rule::find(selector) {
        Some(rule) => rule.code().len(),
        None => selector.trim().len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_most_specific_selector_decides() {
        let mut p = Policy::new(Pack::embedded());
        assert!(Rule::ALL.iter().all(|&r| p.enabled(r)));
        p.select(&v(&["CD", "CD501"]), &v(&["CD5", "CD203"]))
            .unwrap();
        assert!(p.enabled(Rule::FollowUp), "CD501 beats CD5");
        assert!(!p.enabled(Rule::FollowUpTopic));
        assert!(!p.enabled(Rule::TopicArea));
        assert!(p.enabled(Rule::SessionHeld));
        assert_eq!(p.selection(Rule::FollowUpTopic).by.as_deref(), Some("CD5"));
        // Same specificity: ignore wins.
        p.select(&v(&["CD4"]), &v(&["CD4"])).unwrap();
        assert!(!p.enabled(Rule::MinimumDuration));
        // Only what is selected is on.
        p.select(&v(&["minimum-duration"]), &[]).unwrap();
        assert_eq!(
            Rule::ALL
                .iter()
                .filter(|&&r| p.enabled(r))
                .collect::<Vec<_>>(),
            [&Rule::MinimumDuration]
        );
        assert_eq!(p.selection(Rule::SessionHeld).by, None);
        assert_eq!(
            p.select(&v(&["CD9"]), &[]),
            Err(UnknownSelector("CD9".to_owned()))
        );
    }

    #[test]
    fn overrides_and_decisions() {
        let mut p = Policy::new(Pack::embedded());
        p.set_severity(Rule::TopicArea, Severity::Error);
        assert_eq!(p.decide(Rule::TopicArea), Some(Severity::Error));
        assert!(p.is_overridden(Rule::TopicArea));
        p.set_severity(Rule::TopicArea, Severity::Warning);
        assert!(!p.is_overridden(Rule::TopicArea), "back to the pack's");
        p.set_severities(&[
            ("CD3".into(), Severity::Info),
            ("reason-stated".into(), Severity::Warning),
        ])
        .unwrap();
        assert_eq!(p.severity(Rule::ReasonStated), Severity::Warning);
        assert_eq!(p.severity_set_by(Rule::ReasonStated), Some("reason-stated"));
        assert_eq!(p.severity(Rule::Conclusion), Severity::Info);
        assert_eq!(p.severity_set_by(Rule::Conclusion), Some("CD3"));
        assert_eq!(p.severity_set_by(Rule::SessionHeld), None);
        p.select(&v(&["CD"]), &v(&["CD203"])).unwrap();
        assert_eq!(p.decide(Rule::TopicArea), None);
    }
}
