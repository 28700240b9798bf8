//! Hostile input, round two (issue 9): each case that once crashed a run, lost records
//! silently or hung, with the behaviour it has now.

use std::path::Path;
use std::time::Duration;

use kiemtra_input::{FileProblem, Format, Reason, RowProblem};
use kiemtra_rules::{Lang, Rule};
use kiemtra_runner::{run, run_bytes, Limits};

mod common;

use common::{assert_counts, options, record_on as record, timed};

fn csv_of(rows: &[&str]) -> String {
    let mut text = "unit.code,date,kind,session.topics\n".to_owned();
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    text
}

#[test]
fn an_unclosed_quote_in_a_csv_rejects_one_row_and_the_rows_after_are_read() {
    let mut rows = vec!["U1,2017-01-05,periodic,\"oops".to_owned()];
    for i in 0..2000 {
        rows.push(format!(
            "U{},2017-{:02}-05,periodic,Chủ đề",
            i % 50,
            i % 12 + 1
        ));
    }
    let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
    let text = csv_of(&refs);
    let o = run_bytes(
        &[("f.csv", Format::Csv, text.as_bytes())],
        &options(),
        &Limits::DEFAULT,
    );
    assert_counts(&o);
    assert_eq!(o.summary.records, 2001);
    let unclosed: Vec<_> = o
        .rejected
        .iter()
        .filter(|r| r.reason == Reason::Row(RowProblem::UnclosedQuote))
        .map(|r| (r.line, r.column))
        .collect();
    assert_eq!(unclosed, [(2, 4)]);
    assert!(o.summary.checked >= 1990, "{:?}", o.summary);
}

#[test]
fn a_workbook_with_a_cell_at_xfd1048576_is_read_in_bounded_time() {
    let cell = |at: &str, t: &str| format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{t}</t></is></c>");
    let sheet = format!(
        "<row r=\"1\">{}{}{}</row><row r=\"2\">{}{}{}</row><row r=\"1048576\">{}</row>",
        cell("A1", "unit.code"),
        cell("B1", "date"),
        cell("C1", "kind"),
        cell("A2", "HC-01"),
        cell("B2", "2017-01-05"),
        cell("C2", "periodic"),
        cell("XFD1048576", "x"),
    );
    let book = kiemtra_input::test_workbook(&[("Sheet1", &sheet)], None);
    let o = timed(Duration::from_secs(10), || {
        run_bytes(
            &[("far.xlsx", Format::Xlsx, &book)],
            &options(),
            &Limits::DEFAULT,
        )
    });
    assert_counts(&o);
    assert_eq!((o.summary.checked, o.summary.rejected), (1, 1));
    assert_eq!(
        (o.rejected[0].line, o.rejected[0].column),
        (1_048_576, 16_384)
    );
    assert!(o.file_errors.is_empty(), "{:?}", o.file_errors);
}

#[test]
fn a_broken_sheet_is_a_file_error_with_its_reason_and_keeps_the_rows_before() {
    let cell = |at: &str, t: &str| format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{t}</t></is></c>");
    let mut sheet = format!(
        "<row r=\"1\">{}{}{}</row>",
        cell("A1", "unit.code"),
        cell("B1", "date"),
        cell("C1", "kind")
    );
    for r in 2..6 {
        sheet += &format!(
            "<row r=\"{r}\">{}{}{}</row>",
            cell(&format!("A{r}"), "HC-01"),
            cell(&format!("B{r}"), &format!("2017-0{r}-05")),
            cell(&format!("C{r}"), "periodic")
        );
    }
    sheet += "<row r=\"6\"><c r=\"A6\"><v>1</c></row>";
    let book = kiemtra_input::test_workbook(&[("Sheet1", &sheet)], None);
    let o = run_bytes(
        &[("bad.xlsx", Format::Xlsx, &book)],
        &options(),
        &Limits::DEFAULT,
    );
    assert_counts(&o);
    // Rows 2–4 are read; row 5, the last read before the break, may be the one being read when
    // it came (calamine does not say where a row ends): it is left out, and the error says so.
    assert_eq!(o.summary.checked, 3);
    assert_eq!(o.file_errors.len(), 1, "{:?}", o.file_errors);
    let e = &o.file_errors[0];
    assert!(
        matches!(&e.reason, FileProblem::SheetUnreadable { row: Some(5), .. }),
        "{e:?}"
    );
    assert_eq!(e.after_line, None);
    let vi = e.message(Lang::Vi);
    assert!(
        vi.starts_with("trang tính “Sheet1” hỏng: từ dòng 5 trở đi không được đọc"),
        "{vi}"
    );
    assert!(!vi.contains("after line"), "{vi}");
}

#[test]
fn a_huge_cell_is_over_the_record_limit_in_every_format() {
    let big = "x".repeat(2 << 20);
    let limits = Limits {
        max_record: 1 << 20,
        ..Limits::DEFAULT
    };
    let text = csv_of(&[
        &format!("U1,2017-01-05,periodic,{big}"),
        "U1,2017-02-05,periodic,x",
    ]);
    let o = run_bytes(
        &[("f.csv", Format::Csv, text.as_bytes())],
        &options(),
        &limits,
    );
    assert_counts(&o);
    assert_eq!(o.rejected[0].reason, Reason::TooLong { limit: 1 << 20 });
    assert_eq!(o.summary.checked, 1);
}

#[test]
fn dates_years_beyond_the_batch_never_decide_as_of_nor_the_period() {
    let mut text = String::new();
    for m in 1..=12 {
        text += &record("HC-01", &format!("2017-{m:02}-05"));
        text.push('\n');
        text += &record("HC-02", &format!("2017-{m:02}-07"));
        text.push('\n');
    }
    // One mistyped year.
    text += &record("HC-02", "2071-03-05");
    text.push('\n');
    let o = run_bytes(
        &[("y.jsonl", Format::JsonLines, text.as_bytes())],
        &options(),
        &Limits::DEFAULT,
    );
    assert_counts(&o);
    assert_eq!(o.summary.rejected, 1);
    let r = &o.rejected[0];
    assert_eq!(r.line, 25);
    assert_eq!(
        r.reason,
        Reason::DateBeyondBatch {
            date: "2071-03-05".into(),
            latest: "2017-12-07".into(),
            given: false
        }
    );
    assert_eq!(
        o.latest_meeting.map(|d| d.to_string()).as_deref(),
        Some("2017-12-07")
    );
    let cadence = o
        .findings
        .iter()
        .filter(|f| f.rule() == Rule::MonthlyCadence)
        .count();
    assert_eq!(cadence, 0);
    // Two records that agree keep each other; a date within a year of the rest is kept.
    let mut text2 = text.clone();
    text2 += &record("HC-01", "2071-03-05");
    text2.push('\n');
    text2 += &record("HC-03", "2018-06-05");
    text2.push('\n');
    let o = run_bytes(
        &[("y.jsonl", Format::JsonLines, text2.as_bytes())],
        &options(),
        &Limits::DEFAULT,
    );
    assert_eq!(o.summary.rejected, 0);
    // After --as-of by more than a year.
    let mut opts = options();
    opts.policy = opts
        .policy
        .with_waivers(Vec::new(), chrono::NaiveDate::from_ymd_opt(2017, 12, 31));
    let o = run_bytes(
        &[("y.jsonl", Format::JsonLines, text2.as_bytes())],
        &opts,
        &Limits::DEFAULT,
    );
    assert_eq!(o.summary.rejected, 2);
    assert!(o.rejected.iter().all(|r| matches!(
        &r.reason,
        Reason::DateBeyondBatch { date, given: true, .. } if date == "2071-03-05"
    )));
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_to_dev_zero_is_a_file_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.jsonl"),
        record("F-1", "2017-01-05") + "\n",
    )
    .unwrap();
    let fifo = dir.path().join("pipe.jsonl");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()));
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.jsonl")).unwrap();
    let o = timed(Duration::from_secs(10), || {
        run(&[dir.path().to_path_buf()], &options()).unwrap()
    });
    assert_counts(&o);
    assert_eq!(o.summary.checked, 1);
    let errors: Vec<(String, FileProblem)> = o
        .file_errors
        .iter()
        .map(|e| {
            (
                Path::new(&e.file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                e.reason.clone(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (
                "pipe.jsonl".into(),
                FileProblem::NotRegular { kind: "fifo" }
            ),
            (
                "zero.jsonl".into(),
                FileProblem::NotRegular { kind: "device" }
            ),
        ]
    );
    // Named on the command line too.
    let o = timed(Duration::from_secs(10), || {
        run(std::slice::from_ref(&fifo), &options()).unwrap()
    });
    assert_eq!(o.file_errors.len(), 1);
    assert_eq!(o.inputs.files.len(), 0);
}

#[cfg(unix)]
#[test]
fn a_directory_that_cannot_be_entered_is_a_file_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("khoa");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a.jsonl"), record("D-1", "2017-01-05") + "\n").unwrap();
    // Listed but not entered (no search permission), and neither listed nor entered.
    let listed = dir.path().join("listed");
    std::fs::create_dir(&listed).unwrap();
    std::fs::create_dir(listed.join("inner")).unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(&listed, std::fs::Permissions::from_mode(0o400)).unwrap();
    if std::fs::read_dir(&sub).is_ok() {
        // Running as root: permissions do not apply.
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::set_permissions(&listed, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let o = run(&[dir.path().to_path_buf()], &options()).unwrap();
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&listed, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        o.file_errors.iter().any(|e| e.file.ends_with("khoa")),
        "{:?}",
        o.file_errors
    );
    assert!(
        o.file_errors.iter().any(|e| e.file.ends_with("inner")),
        "{:?}",
        o.file_errors
    );
}

#[test]
fn utf16_without_a_byte_order_mark_gets_a_hint() {
    let text: Vec<u8> = csv_of(&["U1,2017-01-05,periodic,x"])
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let o = run_bytes(
        &[("u.csv", Format::Csv, &text)],
        &options(),
        &Limits::DEFAULT,
    );
    assert_eq!(o.file_errors.len(), 1);
    assert_eq!(o.file_errors[0].reason, FileProblem::Utf16WithoutBom);
    let lines: Vec<u8> = (record("U-1", "2017-01-05") + "\n")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let o = run_bytes(
        &[("u.jsonl", Format::JsonLines, &lines)],
        &options(),
        &Limits::DEFAULT,
    );
    assert_counts(&o);
    assert_eq!(o.file_errors.len(), 1);
    assert_eq!(o.file_errors[0].reason, FileProblem::Utf16WithoutBom);
}

#[test]
fn file_problems_are_worded_in_the_report_language() {
    let o = run_bytes(
        &[("x.xlsx", Format::Xlsx, b"not a zip")],
        &options(),
        &Limits::DEFAULT,
    );
    let e = &o.file_errors[0];
    assert!(
        e.message(Lang::Vi)
            .starts_with("không phải sổ tính .xlsx đọc được"),
        "{e:?}"
    );
    assert!(
        e.message(Lang::En)
            .starts_with("not a readable .xlsx workbook"),
        "{e:?}"
    );
}
