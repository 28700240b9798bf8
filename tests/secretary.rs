//! What a cell secretary meets on the command line: help and every error in Vietnamese by
//! default (English with `--lang en`), her own column names in findings, the columns kiemtra
//! does not know, and a last line that says plainly how her month went.

mod common;

use common::{kiemtra, stdout};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 errors")
}

/// Everything a person reads from one run: exit code, standard output, standard error.
fn seen(args: &[&str]) -> String {
    let o = kiemtra(args);
    format!(
        "$ kiemtra {}\nexit {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        o.status.code().unwrap_or(-1),
        stdout(&o),
        stderr(&o)
    )
}

#[test]
fn help_is_vietnamese_by_default() {
    let top = seen(&["--help"]);
    let check = seen(&["check", "--help"]);
    for text in [&top, &check] {
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "[possible values",
            "[default",
        ] {
            assert!(!text.contains(english), "{english} in\n{text}");
        }
    }
    assert!(top.contains("Cách dùng: kiemtra [TÙY_CHỌN] <LỆNH>"));
    assert!(check.contains("Đối số:") && check.contains("Tùy chọn:"));
    insta::assert_snapshot!("help", top);
    insta::assert_snapshot!("help_check", check);
    // Every subcommand's help, and `help <command>`.
    for sub in [
        "convert", "rules", "explain", "config", "schema", "template",
    ] {
        let o = kiemtra(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0));
        let text = stdout(&o);
        assert!(
            text.contains("Cách dùng: kiemtra ") && !text.contains("Usage:"),
            "{text}"
        );
    }
    assert!(stdout(&kiemtra(&["help", "template"])).contains("Tùy chọn:"));
}

#[test]
fn help_is_english_on_request() {
    let o = kiemtra(&["--lang", "en", "check", "--help"]);
    let text = stdout(&o);
    assert!(
        text.contains("Usage: kiemtra check [OPTIONS] <PATHS>..."),
        "{text}"
    );
    assert!(!text.contains("Tùy chọn"));
}

#[test]
fn argument_errors_are_vietnamese_with_the_suggestion() {
    let errors = [
        seen(&["check", "--frm", "2017-01", "fixtures/samples"]),
        seen(&["check", "--format", "xlm", "fixtures/samples"]),
        seen(&["check", "--from", "2017-13", "fixtures/samples"]),
        seen(&["check", "--from"]),
        seen(&["check"]),
        seen(&["chek", "fixtures/samples"]),
        seen(&["check", "-j", "abc", "fixtures/samples"]),
        seen(&["--config", "kiemtra.toml", "--no-config", "rules"]),
        seen(&["--lang=en", "check", "--frm", "2017-01", "fixtures/samples"]),
    ];
    for e in &errors[..8] {
        assert!(e.contains("exit 2"), "{e}");
        assert!(e.contains("--- stderr\nkiemtra: "), "{e}");
        assert!(!e.contains("error:") && !e.contains("Usage:"), "{e}");
    }
    assert!(errors[0].contains("gợi ý: có phải “--from”?"));
    assert!(errors[1].contains("gợi ý: có phải “xml”?") || errors[1].contains("chấp nhận"));
    assert!(errors[6].contains("cần một số nguyên"));
    assert!(errors[8].contains("a similar argument exists: '--from'"));
    insta::assert_snapshot!("argument_errors", errors.join("\n"));
}

#[test]
fn run_errors_are_vietnamese() {
    let errors = [
        seen(&["check", "khong/co/thu-muc-nay"]),
        seen(&[
            "--config",
            "fixtures/secretary/sai-cau-hinh.toml",
            "check",
            "fixtures/samples",
        ]),
        seen(&["--config", "fixtures/secretary/khong-co.toml", "rules"]),
        seen(&[
            "check",
            "--waivers",
            "fixtures/secretary/khong-co.toml",
            "fixtures/samples",
        ]),
        seen(&[
            "check",
            "--baseline",
            "fixtures/secretary/sai-cau-hinh.toml",
            "fixtures/samples",
        ]),
        seen(&["--lang", "en", "check", "no/such/dir"]),
    ];
    for e in &errors[..5] {
        assert!(e.contains("exit 2"), "{e}");
        assert!(!e.contains("cannot") && !e.contains("No such file"), "{e}");
    }
    insta::assert_snapshot!("run_errors", errors.join("\n"));
}

#[test]
fn a_run_that_reads_no_record_says_so_and_exits_2() {
    let dir = std::env::temp_dir().join(format!("kiemtra-nothing-{}", std::process::id()));
    let empty = dir.join("trong");
    std::fs::create_dir_all(&empty).unwrap();
    let header_only = dir.join("chi-tieu-de.csv");
    std::fs::write(&header_only, "Mã chi bộ;Ngày họp;Loại sinh hoạt\n").unwrap();
    for (path, words) in [
        (&empty, "không thấy tệp biên bản nào"),
        (&header_only, "1 tệp đã đọc không có dòng biên bản nào"),
    ] {
        let o = kiemtra(&["check", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains(words), "{}", stderr(&o));
        assert!(stdout(&o).is_empty());
    }
    let o = kiemtra(&["--lang", "en", "check", header_only.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("1 file read, none holds a record"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Her file: semicolons, Vietnamese headers, the conclusion left blank and a column of her
/// own. The finding is placed at her row and column under her header; the column kiemtra does
/// not know is reported and its cells kept; the last line says how April went and what could
/// not be checked.
#[test]
fn a_secretarys_month_in_her_own_words() {
    let o = kiemtra(&["check", "fixtures/secretary/thon-1-thang-4.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("dòng 2, cột V “Kết luận”  CD306"), "{out}");
    assert!(out.contains("↳ Kết luận (session.conclusion):"), "{out}");
    assert!(out.contains("cột X “Ghi chú” không nhận ra"), "{out}");
    let last = out.lines().last().unwrap();
    assert_eq!(
        last,
        "Biên bản tháng 4/2017 của Chi bộ thôn 1: 1 thiếu sót cần khắc phục, 0 điểm cần lưu ý; \
         chưa kiểm tra được việc đánh giá chủ đề tháng 3/2017 vì không có biên bản tháng 3/2017."
    );
    insta::assert_snapshot!("secretary_month", out);
    let o = kiemtra(&[
        "--lang",
        "en",
        "check",
        "fixtures/secretary/thon-1-thang-4.csv",
    ]);
    let out = stdout(&o);
    assert!(out.contains("read 1 record from 1 file —"), "{out}");
    assert!(
        out.contains("1 unit;") && out.contains("1 error,") && out.contains("0 warnings"),
        "{out}"
    );
    assert!(out
        .lines()
        .last()
        .unwrap()
        .starts_with("The minutes of Chi bộ thôn 1 for April 2017: 1 error to fix, 0 warnings;"));
    // The JSON report lists it too, for other programs.
    let o = kiemtra(&[
        "check",
        "--format",
        "json",
        "fixtures/secretary/thon-1-thang-4.csv",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["unknown_columns"],
        serde_json::json!([{"file": "fixtures/secretary/thon-1-thang-4.csv", "column": 24,
            "letter": "X", "header": "Ghi chú", "closest": null}])
    );
    // Her own column is kept under its name in the record.
    let o = kiemtra(&[
        "convert",
        "--to",
        "json",
        "fixtures/secretary/thon-1-thang-4.csv",
    ]);
    assert!(
        stdout(&o).contains("\"Ghi chú\": \"Họp ở nhà văn hóa\""),
        "{}",
        stdout(&o)
    );
}

/// In a pretty-printed JSON file, a finding points at the line and column where its field is
/// written, not at the record's opening brace.
#[test]
fn a_pretty_printed_json_finding_points_at_its_field() {
    let o = kiemtra(&[
        "check",
        "--format",
        "json",
        "fixtures/samples/thi-tran.json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let text =
        std::fs::read_to_string(common::root().join("fixtures/samples/thi-tran.json")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings.iter().filter(|f| f["file"].is_string()) {
        let (line, column) = (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap());
        let key = f["pointer"].as_str().unwrap().rsplit('/').next().unwrap();
        let at: String = lines[line as usize - 1]
            .chars()
            .skip(column as usize - 1)
            .collect();
        assert!(at.starts_with(&format!("\"{key}\"")), "{f}: {at}");
    }
}
