//! The `kiemtra` binary, end to end: output formats, languages and exit codes.

mod common;

use common::{kiemtra, stdout};

use std::process::Command;

#[test]
fn check_samples_as_text() {
    let o = kiemtra(&["check", "fixtures/samples"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "findings and rejections fail the run"
    );
    let out = stdout(&o);
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal");
    insta::assert_snapshot!(out);
}

#[test]
fn check_samples_as_text_in_english() {
    let o = kiemtra(&["check", "--lang", "en", "fixtures/samples"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn check_samples_as_json() {
    let o = kiemtra(&["check", "--format", "json", "fixtures/samples"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    // The contract of spec/reports.md.
    let s = &v["summary"];
    assert_eq!(
        s["records"],
        s["checked"].as_u64().unwrap() + s["rejected"].as_u64().unwrap()
    );
    for key in [
        "rule", "name", "severity", "unit", "record", "month", "file", "line", "pointer",
        "message", "cites",
    ] {
        assert!(v["findings"][0].get(key).is_some(), "findings[].{key}");
    }
    for key in ["file", "line", "column", "reason"] {
        assert!(v["rejected"][0].get(key).is_some(), "rejected[].{key}");
    }
    for key in ["months_expected", "months_compliant", "compliance_rate"] {
        assert!(v["units"][0].get(key).is_some(), "units[].{key}");
    }
    let unit_level = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "CD601")
        .unwrap();
    assert!(unit_level["record"].is_null() && unit_level["file"].is_null());
    insta::assert_snapshot!(out);
}

#[test]
fn period_limits_the_audit() {
    let o = kiemtra(&[
        "check",
        "--format",
        "json",
        "--from",
        "2017-03",
        "--to",
        "2017-04",
        "fixtures/samples/xa-ham-chinh.jsonl",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["summary"]["outside_period"].as_u64().unwrap() > 0);
    for f in v["findings"].as_array().unwrap() {
        let m = f["month"].as_str().unwrap();
        assert!(("2017-03"..="2017-04").contains(&m), "{m}");
    }
    for u in v["units"].as_array().unwrap() {
        assert_eq!(u["months_expected"], 2);
    }
}

#[test]
fn exit_codes() {
    // Clean records: 0.
    let o = kiemtra(&[
        "check",
        "fixtures/rules/CD101/passes.jsonl",
        "--fail-on",
        "error",
    ]);
    let has_error = !stdout(&o).contains("; 0 thiếu sót,");
    assert_eq!(o.status.code(), Some(if has_error { 1 } else { 0 }));
    // Warnings fail only when asked.
    let o = kiemtra(&["check", "fixtures/rules/CD305/fires.jsonl"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = kiemtra(&[
        "check",
        "fixtures/rules/CD305/fires.jsonl",
        "--fail-on",
        "warning",
    ]);
    assert_eq!(o.status.code(), Some(1));
    // A rejected record fails the run.
    let o = kiemtra(&["check", "fixtures/bad/mixed.jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    // The run itself fails: 2.
    assert_eq!(kiemtra(&["check", "no/such/path"]).status.code(), Some(2));
    assert_eq!(
        kiemtra(&["check", "--from", "2017-13", "fixtures"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        kiemtra(&["check", "--from", "2017-05", "--to", "2017-01", "fixtures"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(kiemtra(&["explain", "CD999"]).status.code(), Some(2));
    assert_eq!(kiemtra(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn rules_table() {
    let o = kiemtra(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn explain_a_rule() {
    let o = kiemtra(&["explain", "CD401"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&o));
    let o = kiemtra(&["--lang", "en", "explain", "minimum-duration"]);
    insta::assert_snapshot!("explain_a_rule_en", stdout(&o));
}

#[test]
fn explain_suggests_the_closest_rule() {
    let o = kiemtra(&["explain", "CD40"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("CD40"), "{err}");
}

#[test]
fn report_to_a_file_has_no_colour() {
    let dir = std::env::temp_dir().join(format!("kiemtra-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.txt");
    let o = Command::new(env!("CARGO_BIN_EXE_kiemtra"))
        .args(["check", "fixtures/samples", "-o", file.to_str().unwrap()])
        .current_dir(common::root())
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains('\u{1b}'));
    assert!(text.contains("CD401"));
    // Streamed through the stripping writer: exactly the report standard output gets.
    assert_eq!(text, stdout(&kiemtra(&["check", "fixtures/samples"])));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_output_over_or_inside_an_input_is_refused_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("audit");
    std::fs::create_dir(&audit).unwrap();
    let recs = audit.join("recs.jsonl");
    std::fs::copy(
        common::root().join("fixtures/samples/xa-ham-chinh.jsonl"),
        &recs,
    )
    .unwrap();
    let before = std::fs::read(&recs).unwrap();
    let r = recs.to_str().unwrap();
    for args in [
        vec!["check", r, "-o", r],
        vec!["check", audit.to_str().unwrap(), "-o", "audit/findings.csv"],
        vec!["check", r, "-o", "no/such/dir/report.json"],
        vec!["convert", r, "-o", r],
    ] {
        let o = common::kiemtra_in(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        // Refused as an input, or (`check -o recs.jsonl`) as a kind of file reports are not.
        assert!(
            err.starts_with("kiemtra: không ghi") || err.contains("không ghi được loại tệp này"),
            "{err}"
        );
    }
    assert_eq!(
        std::fs::read(&recs).unwrap(),
        before,
        "the input is untouched"
    );
    assert_eq!(std::fs::read_dir(&audit).unwrap().count(), 1);
    // A report outside the input directory is written whole, through a temporary file.
    let o = common::kiemtra_in(dir.path(), &["check", "audit", "-o", "report.json"]);
    assert_eq!(o.status.code(), Some(1));
    let report = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    assert!(report.ends_with("}\n"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn record_text_never_reaches_a_terminal_or_a_report_raw() {
    let dir = tempfile::tempdir().unwrap();
    let line = std::fs::read_to_string(common::root().join("fixtures/samples/xa-ham-chinh.jsonl"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let mut record: serde_json::Value = serde_json::from_str(&line).unwrap();
    record["unit"]["name"] =
        "Chi bộ\u{1b}]0;pwned\u{7}\nFAKE.jsonl:1:1  lỗi\u{9b}2J\u{202e}".into();
    record["unit"]["code"] = "=HYPERLINK(\"http://x\",\"y\")".into();
    record["session"]["minutes"] = 5.into();
    std::fs::write(dir.path().join("evil.jsonl"), format!("{record}\n")).unwrap();
    let raw = |text: &str| {
        text.chars()
            .filter(|&c| c != '\n' && c != '\r' && kiemtra_input::escape::hidden(c))
            .count()
    };
    let o = common::kiemtra_in(dir.path(), &["check", "evil.jsonl"]);
    let out = stdout(&o);
    assert_eq!(raw(&out), 0, "{out}");
    assert!(
        out.contains("Chi bộ\\u{1b}]0;pwned\\u{7}\\u{a}FAKE.jsonl"),
        "{out}"
    );
    assert!(!out.lines().any(|l| l.starts_with("FAKE.jsonl")), "{out}");
    for ext in ["md", "html", "csv", "json", "txt"] {
        let name = format!("out.{ext}");
        let o = common::kiemtra_in(dir.path(), &["check", "evil.jsonl", "-o", &name]);
        assert_eq!(o.status.code(), Some(1));
        let text = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        assert_eq!(raw(&text), 0, "{ext}: {text}");
    }
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\""), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
}

/// The last line says a follow-up could not be checked exactly when the run noted it
/// (catalogue v1.1): not for a cell's first meeting in the pack's first full month.
#[test]
fn the_last_line_says_what_could_not_be_checked_as_the_notes_do() {
    let dir = tempfile::tempdir().unwrap();
    let line = std::fs::read_to_string(common::root().join("fixtures/bad/mixed.jsonl")).unwrap();
    let first = line.lines().next().unwrap();
    for (date, unchecked) in [("2017-01-08", false), ("2017-04-10", true)] {
        std::fs::write(
            dir.path().join("one.jsonl"),
            format!("{}\n", first.replace("2017-01-08", date)),
        )
        .unwrap();
        let out = stdout(&common::kiemtra_in(
            dir.path(),
            &["--no-config", "check", "one.jsonl"],
        ));
        let last = out.lines().last().unwrap();
        assert_eq!(last.contains("chưa kiểm tra được"), unchecked, "{last}");
    }
}

/// A secretary checking one meeting's minutes is told plainly whether they can be submitted;
/// a batch is not.
#[test]
fn a_one_record_check_says_whether_the_minutes_can_be_submitted() {
    let stderr = |args: &[&str]| String::from_utf8(kiemtra(args).stderr).expect("UTF-8");
    let ready = "fixtures/docx/huyen/ht-cb01-2017-04-mau-kiemtra.docx";
    let not_yet = "fixtures/docx/huyen/ht-cb04-2017-04-chu-toa-bang.docx";
    assert!(stderr(&["check", ready]).contains("Biên bản này nộp được."));
    assert!(stderr(&["--lang", "en", "check", ready]).contains("These minutes can be submitted."));
    assert!(stderr(&["check", not_yet]).contains("Biên bản này chưa nộp được"));
    assert!(!stderr(&["check", "fixtures/samples/thi-tran.json"]).contains("nộp được"));
}
