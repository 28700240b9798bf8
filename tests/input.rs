//! Bad input is never lost: every record read is checked or rejected, with its place.

mod common;

use common::{inspect, options};

#[test]
fn a_file_of_bad_lines_is_all_rejected_and_counted() {
    let outcome = inspect(&["fixtures/bad/all-bad.jsonl"], &options());
    let text = std::fs::read(common::root().join("fixtures/bad/all-bad.jsonl")).unwrap();
    let non_blank = text
        .split(|&b| b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    let s = &outcome.summary;
    assert_eq!(s.checked, 0, "{:#?}", outcome.findings);
    assert_eq!(s.rejected, non_blank);
    assert_eq!(s.records, s.checked + s.rejected);
    for r in &outcome.rejected {
        assert!(r.line >= 1 && r.column >= 1, "{r:?}");
    }
    insta::assert_snapshot!(common::finding_lines(&outcome, kiemtra_rules::Lang::Vi));
}

#[test]
fn bad_lines_do_not_stop_the_good_ones() {
    let outcome = inspect(&["fixtures/bad/mixed.jsonl"], &options());
    let s = &outcome.summary;
    // The line with area “giáo dục” is checked: an area outside the list is `other` (v1.2).
    assert_eq!((s.checked, s.rejected), (7, 3));
    assert_eq!(s.records, s.checked + s.rejected);
}

#[test]
fn read_equals_checked_plus_rejected_on_everything_bundled() {
    let outcome = inspect(&["fixtures"], &options());
    let s = &outcome.summary;
    assert_eq!(s.records, s.checked + s.rejected);
    assert!(s.rejected > 0 && s.checked > 0);
}

#[test]
fn output_does_not_depend_on_threads_or_the_order_of_paths() {
    let paths = [
        "fixtures/samples/xa-ham-chinh.jsonl",
        "fixtures/samples/thi-tran.json",
        "fixtures/samples/loi.jsonl",
        "fixtures/rules",
    ];
    let reversed: Vec<&str> = paths.iter().rev().copied().collect();
    let render = |outcome: &kiemtra_runner::Outcome| {
        let policy = kiemtra_runner::Policy::new(kiemtra_rules::Pack::embedded());
        let ctx = kiemtra_report::Context {
            lang: kiemtra_rules::Lang::Vi,
            policy: &policy,
        };
        let mut out = Vec::new();
        kiemtra_report::json::render(outcome, &ctx, &mut out).unwrap();
        out
    };
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let one = pool(1).install(|| render(&inspect(&paths, &options())));
    let two = pool(2).install(|| render(&inspect(&reversed, &options())));
    let four = pool(4).install(|| render(&inspect(&paths, &options())));
    assert!(one == two, "1 thread vs 2 threads with paths reversed");
    assert!(one == four);
}

#[test]
fn shuffled_records_give_the_same_findings() {
    // The records of the sample file, in reverse and split over two files: the findings are
    // the same apart from where the records now are.
    let src = std::fs::read_to_string(common::root().join("fixtures/samples/xa-ham-chinh.jsonl"))
        .unwrap();
    let mut lines: Vec<&str> = src.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.reverse();
    let dir = std::env::temp_dir().join(format!("kiemtra-shuffle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let half = lines.len() / 2;
    std::fs::write(dir.join("b.jsonl"), lines[..half].join("\n")).unwrap();
    std::fs::write(dir.join("a.jsonl"), lines[half..].join("\n")).unwrap();
    let key = |o: &kiemtra_runner::Outcome| {
        o.findings
            .iter()
            .map(|f| common::finding_facts(o, f))
            .collect::<Vec<_>>()
    };
    let original = inspect(&["fixtures/samples/xa-ham-chinh.jsonl"], &options());
    let shuffled = inspect(&[dir.to_str().unwrap()], &options());
    assert_eq!(key(&original), key(&shuffled));
    std::fs::remove_dir_all(&dir).ok();
}
