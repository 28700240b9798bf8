//! The one place where severities are decided: the pack's default for each rule.

use kiemtra_rules::{Pack, Parameters, Rule, Severity};

/// What the inspection applies: the pack and its parameters.
#[derive(Clone, Debug)]
pub struct Policy {
    pub pack: Pack,
}

impl Policy {
    pub fn new(pack: Pack) -> Policy {
        Policy { pack }
    }

    pub fn severity(&self, rule: Rule) -> Severity {
        self.pack.rule(rule).severity
    }

    pub fn parameters(&self) -> &Parameters {
        &self.pack.parameters
    }

    pub fn cites(&self, rule: Rule) -> &[String] {
        &self.pack.rule(rule).cites
    }
}
