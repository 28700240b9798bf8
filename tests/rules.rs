//! Every rule of catalogue v1 against its fixtures: `fixtures/rules/<CODE>/fires.jsonl` must
//! make it fire, `passes.jsonl` (the near misses and awkward cases) must not. The findings of
//! both are snapshotted, so that any change in what fires, where, or how it reads is seen.

mod common;

use common::{finding_lines, inspect, options};
use kiemtra_rules::{Lang, Rule};

fn fixture(rule: Rule, case: &str) -> String {
    format!("fixtures/rules/{}/{case}.jsonl", rule.code())
}

/// `rule` fires on its `fires.jsonl`, reads no rejected record there, and its findings are as
/// snapshotted.
fn fires(rule: Rule) {
    let outcome = inspect(&[&fixture(rule, "fires")], &options());
    let fired = outcome.findings.iter().filter(|f| f.rule() == rule).count();
    assert!(fired > 0, "{rule} did not fire on its fires.jsonl");
    assert!(
        outcome.rejected.is_empty(),
        "{rule}: fires.jsonl has rejected records: {:?}",
        outcome.rejected
    );
    snapshot(
        &format!("{}_fires", rule.code()),
        finding_lines(&outcome, Lang::Vi),
    );
}

/// `rule` does not fire on its `passes.jsonl` (the near misses and awkward cases).
fn passes(rule: Rule) {
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
    snapshot(
        &format!("{}_passes", rule.code()),
        finding_lines(&outcome, Lang::Vi),
    );
}

/// Snapshots `lines` as `snapshots/rules__<name>.snap`, whichever test module asks.
fn snapshot(name: &str, lines: String) {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(format!("rules__{name}"), lines));
}

/// One module per rule of the list, each with its `fires` and `passes` test, so that every
/// failing rule is named (`cd401_minimum_duration::fires`).
macro_rules! fixture_tests {
    ($($variant:ident $module:ident $code:literal),+ $(,)?) => {
        $(
            mod $module {
                use kiemtra_rules::Rule;

                #[test]
                fn fires() {
                    super::fires(Rule::$variant);
                }

                #[test]
                fn passes() {
                    super::passes(Rule::$variant);
                }
            }
        )+
    };
}

kiemtra_rules::for_each_rule!(fixture_tests);

#[test]
fn messages_read_in_english_too() {
    let outcome = inspect(&["fixtures/samples"], &options());
    insta::assert_snapshot!(finding_lines(&outcome, Lang::En));
}

/// The notes of each unit: `CODE: note` lines.
fn note_lines(outcome: &kiemtra_runner::Outcome) -> Vec<String> {
    outcome
        .units
        .iter()
        .flat_map(|u| {
            u.notes
                .iter()
                .map(move |n| format!("{}: {}", u.code, n.message(Lang::Vi)))
        })
        .collect()
}

#[test]
fn follow_ups_that_cannot_be_judged_are_noted_not_reported() {
    let outcome = inspect(&["fixtures/rules/notes.jsonl"], &options());
    assert_eq!(
        note_lines(&outcome),
        [
            "T-NOTE-A: Chưa xét được CD501–CD505 cho sinh hoạt chuyên đề ngày 11/03/2018: dữ liệu không có kỳ sinh hoạt chuyên đề nào trước đó của chi bộ để đối chiếu",
            "T-NOTE-C: Chưa xét được CD501–CD505 cho sinh hoạt chuyên đề ngày 14/05/2017: dữ liệu không có kỳ sinh hoạt chuyên đề nào trước đó của chi bộ để đối chiếu",
            "T-NOTE-D: Chưa xét được CD501–CD505 cho sinh hoạt chuyên đề ngày 14/01/2018: dữ liệu không có kỳ sinh hoạt chuyên đề nào trước đó của chi bộ để đối chiếu",
        ]
    );
    // The sessions noted get no CD5xx finding; later ones are judged as usual (T-NOTE-C's June
    // session follows up May's).
    let noted = ["2018-03-11", "2017-05-14", "2018-01-14"];
    assert!(outcome.findings.iter().all(|f| {
        !(f.rule().code().starts_with("CD50")
            && f.date
                .is_some_and(|d| noted.contains(&d.to_string().as_str())))
    }));
    // Inspecting February 2018 alone: T-NOTE-D's January session is the previous one.
    let outcome = inspect(
        &["fixtures/rules/notes.jsonl"],
        &common::options_for("2018-02", "2018-03"),
    );
    assert_eq!(
        note_lines(&outcome)
            .iter()
            .map(|l| l.split(':').next().unwrap())
            .collect::<Vec<_>>(),
        ["T-NOTE-A"]
    );
}

#[test]
fn an_unreadable_value_is_unverifiable_at_most_a_warning_and_fails_no_month() {
    let outcome = inspect(&["fixtures/rules/unverifiable.jsonl"], &options());
    let unit = |code: &str| outcome.units.iter().find(|u| u.code == code).unwrap();
    let finding = |code: &str, rule: &str| {
        outcome
            .findings
            .iter()
            .find(|f| outcome.unit_of(f) == code && f.rule().code() == rule)
            .unwrap()
    };
    let a = finding("T-UNV-A", "CD402");
    assert!(a.unverifiable());
    assert_eq!(a.severity, kiemtra_rules::Severity::Warning);
    assert_eq!(unit("T-UNV-A").months_compliant, 1);
    let b = finding("T-UNV-B", "CD402");
    assert!(!b.unverifiable());
    assert_eq!(b.severity, kiemtra_rules::Severity::Error);
    assert_eq!(unit("T-UNV-B").months_compliant, 0);
    assert!(finding("T-UNV-C", "CD306").unverifiable());
    assert_eq!(unit("T-UNV-C").months_compliant, 1);
    insta::assert_snapshot!(format!(
        "{}\n{}",
        finding_lines(&outcome, Lang::Vi),
        finding_lines(&outcome, Lang::En)
    ));
}

#[test]
fn the_audited_period_starts_at_the_packs_first_full_month() {
    // T-CD601-OK-H met on 31/12/2016 (after the effective date 30/12/2016), then in January
    // and February: December is outside the cadence grid, yet its record is judged.
    let outcome = inspect(&["fixtures/rules/CD601/passes.jsonl"], &options());
    let unit = outcome
        .units
        .iter()
        .find(|u| u.code == "T-CD601-OK-H")
        .unwrap();
    assert_eq!(unit.period.from.to_string(), "2017-01");
    assert_eq!((unit.months_expected(), unit.months_held), (2, 2));
    assert!(outcome.findings.iter().any(
        |f| outcome.unit_of(f) == "T-CD601-OK-H" && f.date.unwrap().to_string() == "2016-12-31"
    ));
    assert_eq!(
        outcome.asked_from.map(|m| m.to_string()).as_deref(),
        Some("2016-12")
    );
    // Asked from December 2016: audited from January 2017, and the outcome says so.
    let outcome = inspect(
        &["fixtures/rules/CD601/passes.jsonl"],
        &common::options_for("2016-12", "2017-02"),
    );
    assert_eq!(
        outcome.from.map(|m| m.to_string()).as_deref(),
        Some("2017-01")
    );
    assert_eq!(
        outcome.asked_from.map(|m| m.to_string()).as_deref(),
        Some("2016-12")
    );
    let policy = kiemtra_runner::Policy::new(kiemtra_rules::Pack::embedded());
    assert_eq!(
        policy.pack.period_reason(outcome.asked_from.unwrap(), Lang::Vi),
        "kỳ kiểm tra bắt đầu từ tháng 01/2017, tháng trọn vẹn đầu tiên kể từ ngày hướng dẫn có hiệu lực 30/12/2016, không từ tháng 12/2016"
    );
}
