//! Every rule of catalogue v1 against its fixtures: `fixtures/rules/<CODE>/fires.jsonl` must
//! make it fire, `passes.jsonl` (the near misses and awkward cases) must not. The findings of
//! both are snapshotted, so that any change in what fires, where, or how it reads is seen.

mod common;

use common::{finding_lines, inspect, options};
use kiemtra_rules::{Lang, Rule};

fn fixture(rule: Rule, case: &str) -> String {
    format!("fixtures/rules/{}/{case}.jsonl", rule.code())
}

#[test]
fn every_rule_fires_on_its_fixture() {
    for &rule in Rule::ALL {
        let outcome = inspect(&[&fixture(rule, "fires")], &options());
        let fired = outcome.findings.iter().filter(|f| f.rule() == rule).count();
        assert!(fired > 0, "{rule} did not fire on its fires.jsonl");
        assert!(
            outcome.rejected.is_empty(),
            "{rule}: fires.jsonl has rejected records: {:?}",
            outcome.rejected
        );
        insta::assert_snapshot!(
            format!("{}_fires", rule.code()),
            finding_lines(&outcome, Lang::Vi)
        );
    }
}

#[test]
fn no_rule_fires_on_its_near_misses() {
    for &rule in Rule::ALL {
        let outcome = inspect(&[&fixture(rule, "passes")], &options());
        let wrong: Vec<_> = outcome
            .findings
            .iter()
            .filter(|f| f.rule() == rule)
            .collect();
        assert!(wrong.is_empty(), "{rule} fired on passes.jsonl: {wrong:#?}");
        assert!(
            outcome.rejected.is_empty(),
            "{rule}: passes.jsonl has rejected records: {:?}",
            outcome.rejected
        );
        insta::assert_snapshot!(
            format!("{}_passes", rule.code()),
            finding_lines(&outcome, Lang::Vi)
        );
    }
}

#[test]
fn messages_read_in_english_too() {
    let outcome = inspect(&["fixtures/samples"], &options());
    insta::assert_snapshot!(finding_lines(&outcome, Lang::En));
}
