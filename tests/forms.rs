//! The accepted forms of record format 1.1: every form, written in JSON, CSV and a workbook
//! (`fixtures/forms/`, made by `scripts/make-forms-fixtures.py`), is read as the same value by
//! every input route; and a cell secretary's own file gets no finding for her notation.

mod common;

use std::fmt::Write as _;

use common::{finding_lines, inspect, options, root};
use kiemtra_input::{Encoding, Format};
use kiemtra_rules::{Field, Lang, Record};

/// What kiemtra read of a record's values that have accepted forms, one line.
fn describe(r: &Record<'_>) -> String {
    fn field<T: std::fmt::Debug>(f: &Field<T>) -> String {
        match f {
            Field::Absent => "-".into(),
            Field::Value(v) => format!("{v:?}"),
            Field::Unreadable(v) => format!("UNREADABLE({v})"),
            Field::Invalid(v) => format!("INVALID({v})"),
        }
    }
    let mut s = format!("{} {} {:?}", r.unit, r.date, r.kind);
    let recorded = r.doc.minutes_book.value().map(|m| field(&m.recorded));
    let _ = write!(s, " recorded={}", recorded.unwrap_or_else(|| "-".into()));
    if let Some(x) = r.session() {
        let _ = write!(
            s,
            " start={} end={} minutes={} area={}",
            field(&x.start),
            field(&x.end),
            field(&x.minutes),
            field(&x.area)
        );
        if let Some(src) = x.source.value() {
            let _ = write!(s, " source={}", field(&src.kind));
        }
        for a in x.assignments.value().into_iter().flatten() {
            if let Some(a) = a.value() {
                // A deadline relative to the meeting, as CD308 resolves it.
                let day = match a.due.value().map(|d| d.day(r.date)) {
                    Some(Some(day)) => format!(" → {day}"),
                    Some(None) => " → no limit".into(),
                    None => String::new(),
                };
                let _ = write!(
                    s,
                    " [{} due={}{day} remedy={}]",
                    field(&a.kind),
                    field(&a.due),
                    field(&a.remedy)
                );
            }
        }
        if let Some(f) = x.follow_up.value() {
            let _ = write!(s, " result={}", field(&f.result));
        }
    }
    s
}

/// Every record of a file as read by kiemtra's readers (the runner's own route: the fast JSON
/// reader, the table reader), described in order.
fn read(path: &str) -> Vec<String> {
    let p = root().join(path);
    let bytes = std::fs::read(&p).unwrap();
    let mut out = Vec::new();
    match Format::of(&p).unwrap() {
        Format::JsonLines => {
            for chunk in kiemtra_input::split_jsonl(&bytes) {
                kiemtra_input::check_readers_agree(&chunk);
                let r = kiemtra_input::parse(&chunk).unwrap_or_else(|e| panic!("{e:?}"));
                out.push(describe(&r));
            }
        }
        format => {
            let (table, problem) = kiemtra_input::read_table(
                &bytes,
                format,
                Encoding::Utf8,
                &kiemtra_input::TableLimits::DEFAULT,
            )
            .unwrap();
            assert!(problem.is_empty(), "{problem:?}");
            for row in &table.rows {
                let rec = table.record(row).unwrap();
                let r = table.parse(&rec).unwrap_or_else(|e| panic!("{e:?}"));
                out.push(describe(&r));
            }
        }
    }
    out
}

#[test]
fn every_accepted_form_reads_alike_in_json_csv_and_a_workbook() {
    let json = read("fixtures/forms/forms.jsonl");
    let csv = read("fixtures/forms/forms.csv");
    let xlsx = read("fixtures/forms/forms.xlsx");
    assert!(json.len() > 200, "{}", json.len());
    for (i, ((j, c), x)) in json.iter().zip(&csv).zip(&xlsx).enumerate() {
        assert_eq!(j, c, "row {} of the CSV", i + 2);
        assert_eq!(j, x, "row {} of the workbook", i + 2);
    }
    assert_eq!((json.len(), csv.len()), (xlsx.len(), xlsx.len()));
    // Nothing written in an accepted form is unreadable.
    let unreadable: Vec<&String> = json.iter().filter(|l| l.contains("UNREADABLE")).collect();
    assert!(unreadable.is_empty(), "{unreadable:#?}");
    insta::assert_snapshot!(json.join("\n"));
}

#[test]
fn accepted_forms_cause_no_finding_in_any_format() {
    for file in ["forms.jsonl", "forms.csv", "forms.xlsx"] {
        let outcome = inspect(&[&format!("fixtures/forms/{file}")], &options());
        assert!(
            outcome.rejected.is_empty(),
            "{file}: {:?}",
            outcome.rejected
        );
        // Only the deadlines that say there is none: `thường xuyên`, `lâu dài` (CD308, plainly).
        let units: Vec<&str> = outcome
            .findings
            .iter()
            .map(|f| outcome.unit_of(f))
            .collect();
        assert_eq!(
            units,
            ["F-DUE-NO-LIMIT-1", "F-DUE-NO-LIMIT-2", "F-DUE-NO-LIMIT-3"],
            "{file}: {}",
            finding_lines(&outcome, Lang::Vi)
        );
        assert!(outcome.findings.iter().all(|f| f.rule().code() == "CD308"));
    }
}

#[test]
fn a_secretary_s_own_file_gets_no_finding_for_her_notation() {
    // `;` between cells, Vietnamese headers (one unknown), `05-03-2017`, `Định kỳ`, `Đã ghi`,
    // `19h30`, `40 phút`, `phê bình và tự phê bình`, `bài viết của Bác`, a deadline
    // `tháng 5/2017` and `cuối quý`, a result `Cơ bản đạt`.
    let outcome = inspect(&["fixtures/forms/secretary.csv"], &options());
    assert_eq!((outcome.summary.checked, outcome.summary.rejected), (3, 0));
    assert_eq!(finding_lines(&outcome, Lang::Vi), "");
    insta::assert_snapshot!(read("fixtures/forms/secretary.csv").join("\n"));
}
