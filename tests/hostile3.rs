//! Hostile input, round three (issue 22), end to end through the binary: split reports and
//! side files never written over, colliding committee names, long names and texts, escaping in
//! Markdown and workbooks, side inputs that never end, a missing temporary folder, interrupted
//! runs, control characters in a template.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn kiemtra_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kiemtra"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("kiemtra runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A JSON Lines record of cell `code` under committee `parent`.
fn record(code: &str, parent: &str) -> String {
    serde_json::json!({
        "id": format!("{code}/2017-03-05"),
        "unit": {"code": code, "name": format!("Chi bộ {code}"), "parent": parent},
        "date": "2017-03-05",
        "kind": "periodic",
        "chair": "Nguyễn Văn An",
        "secretary": "Trần Thị Bình",
    })
    .to_string()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn split_reports_never_replace_an_input_a_baseline_or_a_named_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.jsonl"), record("HC-CB01", "Đảng bộ xã Hàm Chính")).unwrap();
    // A second input named as the committee's split of -o r.json would be.
    let second = record("HC-CB02", "Đảng bộ xã Hàm Chính");
    std::fs::write(d.join("r-dang-bo-xa-ham-chinh.json"), &second).unwrap();
    let o = kiemtra_in(
        d,
        &[
            "check",
            "a.jsonl",
            "r-dang-bo-xa-ham-chinh.json",
            "-o",
            "r.json",
            "--split-by",
            "parent",
        ],
    );
    assert_eq!(
        std::fs::read_to_string(d.join("r-dang-bo-xa-ham-chinh.json")).unwrap(),
        second,
        "{}",
        stderr(&o)
    );
    assert!(
        files_in(d)
            .iter()
            .any(|f| f.starts_with("r-dang-bo-xa-ham-chinh-") && f.ends_with(".json")),
        "{:?} {}",
        files_in(d),
        stderr(&o)
    );
    // An explicit -o with the name a split would take keeps the report it was asked for.
    let o = kiemtra_in(
        d,
        &[
            "check",
            "a.jsonl",
            "-o",
            "d.json",
            "-o",
            "d-dang-bo-xa-ham-chinh.json",
            "--split-by",
            "parent",
        ],
    );
    let district = std::fs::read_to_string(d.join("d.json")).unwrap();
    let named = std::fs::read_to_string(d.join("d-dang-bo-xa-ham-chinh.json")).unwrap();
    assert_eq!(district, named, "{}", stderr(&o));
    // A baseline named as a split would be.
    std::fs::copy(d.join("d.json"), d.join("base-dang-bo-xa-ham-chinh.json")).unwrap();
    let before = std::fs::read(d.join("base-dang-bo-xa-ham-chinh.json")).unwrap();
    let o = kiemtra_in(
        d,
        &[
            "check",
            "a.jsonl",
            "--baseline",
            "base-dang-bo-xa-ham-chinh.json",
            "-o",
            "base.json",
            "--split-by",
            "parent",
        ],
    );
    assert_eq!(
        std::fs::read(d.join("base-dang-bo-xa-ham-chinh.json")).unwrap(),
        before,
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_report_name_that_is_not_utf8_keeps_its_own_stem_for_the_splits() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.jsonl"), record("HC-CB01", "Đảng bộ xã Hàm Chính")).unwrap();
    std::fs::write(d.join("report-dang-bo-xa-ham-chinh.html"), "unrelated").unwrap();
    let name = std::ffi::OsStr::from_bytes(b"b\xff.html");
    let o = Command::new(env!("CARGO_BIN_EXE_kiemtra"))
        .args(["check", "a.jsonl", "--split-by", "parent", "-o"])
        .arg(name)
        .current_dir(d)
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(d.join("report-dang-bo-xa-ham-chinh.html")).unwrap(),
        "unrelated",
        "{}",
        stderr(&o)
    );
    assert!(d
        .join(std::ffi::OsStr::from_bytes(
            b"b\xff-dang-bo-xa-ham-chinh.html"
        ))
        .exists());
}

#[test]
fn side_files_are_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.jsonl"), record("HC-CB01", "Đảng bộ xã Hàm Chính")).unwrap();
    std::fs::write(d.join("kn.md"), "Kiến nghị của đoàn kiểm tra").unwrap();
    let o = kiemtra_in(
        d,
        &[
            "check",
            "a.jsonl",
            "--recommendations",
            "kn.md",
            "-o",
            "kn.md",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(d.join("kn.md")).unwrap(),
        "Kiến nghị của đoàn kiểm tra"
    );
    // A waivers file named in kiemtra.toml, and the configuration itself.
    let waivers = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/config/waivers.csv"),
    )
    .unwrap();
    std::fs::write(d.join("w.csv"), &waivers).unwrap();
    std::fs::write(d.join("kiemtra.toml"), "waivers = \"w.csv\"\n").unwrap();
    for out in ["w.csv", "kiemtra.toml"] {
        let o = kiemtra_in(d, &["check", "a.jsonl", "-o", out]);
        assert_eq!(o.status.code(), Some(2), "{out}: {}", stderr(&o));
    }
    assert_eq!(std::fs::read_to_string(d.join("w.csv")).unwrap(), waivers);
    assert_eq!(
        std::fs::read_to_string(d.join("kiemtra.toml")).unwrap(),
        "waivers = \"w.csv\"\n"
    );
}

#[test]
fn committees_whose_names_collide_each_get_a_file_and_the_run_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let names = [
        "Đảng bộ xã Thuận Hòa",
        "Đảng bộ xã Thuận Hoà",
        "ĐẢNG BỘ XÃ THUẬN HÒA",
        "Đảng bộ xã Thuận Hoa",
        "Đảng bộ xã Thuận-Hòa",
        "Ακρόπολη",
        "Khác",
    ];
    let lines: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| record(&format!("TH-CB{i:02}"), n))
        .collect();
    std::fs::write(d.join("a.jsonl"), lines.join("\n")).unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    let split = || {
        kiemtra_in(
            d,
            &[
                "check",
                "a.jsonl",
                "-o",
                "out/c.json",
                "--split-by",
                "parent",
            ],
        )
    };
    let o = split();
    let written = files_in(&d.join("out"));
    // The district's report and one per committee.
    assert_eq!(written.len(), names.len() + 1, "{written:?} {}", stderr(&o));
    let err = stderr(&o);
    for n in names {
        assert!(err.contains(&format!("“{n}”")), "{n}: {err}");
    }
    // Stable: a second run gives the same names.
    let o = split();
    assert_eq!(files_in(&d.join("out")), written, "{}", stderr(&o));
}

#[test]
fn one_long_name_or_text_never_stops_the_other_reports() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long = format!("Đảng bộ {}", "xã Hàm Chính ".repeat(20));
    let mut huge: serde_json::Value = serde_json::from_str(&record("HC-CB01", &long)).unwrap();
    huge["session"] = serde_json::json!({"start": "x".repeat(40_000)});
    std::fs::write(d.join("a.jsonl"), huge.to_string()).unwrap();
    let o = kiemtra_in(
        d,
        &[
            "check",
            "a.jsonl",
            "-o",
            "r.xlsx",
            "-o",
            "r.json",
            "--split-by",
            "parent",
        ],
    );
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let written = files_in(d);
    assert_eq!(
        written.iter().filter(|f| f.ends_with(".xlsx")).count(),
        2,
        "{written:?}"
    );
    assert_eq!(
        written.iter().filter(|f| f.ends_with(".json")).count(),
        2,
        "{written:?}"
    );
    assert!(written.iter().all(|f| f.len() < 120), "{written:?}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(d.join("r.xlsx")).unwrap();
    let mut cut = false;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            let text = cell.2.to_string();
            assert!(text.chars().count() <= 32_767);
            cut |= text.ends_with("… (cắt bớt)");
        }
    }
    assert!(cut, "a long text is cut, visibly");
}

#[test]
fn markdown_and_workbooks_show_no_raw_markup_or_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let parent = "Đảng bộ `x`\n<img src=x onerror=alert(1)>\n\u{1b}]0;owned\u{7}\u{202e}\u{2066}\u{2028}\u{85}\r\0";
    let code = "HC\u{1b}[2J\u{7}\u{202e}";
    std::fs::write(d.join("a.jsonl"), record(code, parent)).unwrap();
    let o = kiemtra_in(
        d,
        &[
            "check", "a.jsonl", "-o", "r.md", "-o", "r.xlsx", "-o", "r.html",
        ],
    );
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    let md = std::fs::read_to_string(d.join("r.md")).unwrap();
    assert!(
        !md.lines().any(|l| l.trim_start().starts_with("<img")),
        "{md}"
    );
    for c in [
        '\u{1b}', '\u{7}', '\u{202e}', '\u{2066}', '\u{2028}', '\u{85}', '\r', '\0',
    ] {
        assert!(!md.contains(c), "{:?} in report.md", c);
    }
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(d.join("r.xlsx")).unwrap();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            let text = cell.2.to_string();
            assert!(
                !text.contains(['\u{202e}', '\u{2066}', '\u{1b}']),
                "{text:?}"
            );
        }
    }
}

/// Runs kiemtra, killing it after `limit`: `None` when it had to be killed.
fn within(dir: &Path, args: &[&str], limit: Duration) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiemtra"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < limit {
        if child.try_wait().unwrap().is_some() {
            return Some(child.wait_with_output().unwrap());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[cfg(unix)]
#[test]
fn side_inputs_that_never_end_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.jsonl"), record("HC-CB01", "Đảng bộ xã Hàm Chính")).unwrap();
    let fifo = d.join("fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for side in ["/dev/zero", "fifo"] {
        for flag in [
            "--waivers",
            "--config",
            "--pack",
            "--recommendations",
            "--baseline",
        ] {
            let o = within(
                d,
                &["check", "a.jsonl", flag, side],
                Duration::from_secs(20),
            )
            .unwrap_or_else(|| panic!("{flag} {side}: still running after 20 s"));
            assert_eq!(o.status.code(), Some(2), "{flag} {side}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(
                err.contains("không phải tệp thường"),
                "{flag} {side}: {err}"
            );
        }
    }
}

#[test]
fn without_a_temporary_folder_the_workbook_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.jsonl"), record("HC-CB01", "Đảng bộ xã Hàm Chính")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_kiemtra"))
        .args(["check", "a.jsonl", "-o", "r.xlsx", "-o", "r.json"])
        .current_dir(d)
        .env("TMPDIR", d.join("no-such-folder"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("TMPDIR"), "{}", stderr(&o));
    assert!(d.join("r.json").exists());
    assert!(!d.join("r.xlsx").exists());
    let o = Command::new(env!("CARGO_BIN_EXE_kiemtra"))
        .args([
            "template", "--format", "xlsx", "--unit", "HC-CB01", "--month", "2017-03", "-o",
            "t.xlsx",
        ])
        .current_dir(d)
        .env("TMPDIR", d.join("no-such-folder"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("TMPDIR"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn temporary_files_of_killed_runs_are_reported_and_of_ended_ones_removed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.jsonl"), record("HC-CB01", "Đảng bộ xã Hàm Chính")).unwrap();
    // The process id in the name has ended (above any id Linux gives).
    std::fs::write(d.join(".kiemtra-4194305-Ab12Cd.tmp"), "half a report").unwrap();
    std::fs::write(d.join(".kiemtra-Xy34Zw.tmp"), "older kiemtra").unwrap();
    let o = kiemtra_in(d, &["check", "a.jsonl", "-o", "r.json"]);
    let err = stderr(&o);
    assert!(err.contains(".kiemtra-4194305-Ab12Cd.tmp"), "{err}");
    assert!(err.contains(".kiemtra-Xy34Zw.tmp"), "{err}");
    if Path::new("/proc/self").exists() {
        assert!(!d.join(".kiemtra-4194305-Ab12Cd.tmp").exists());
    }
    assert!(
        d.join(".kiemtra-Xy34Zw.tmp").exists(),
        "another run's file is only reported"
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_file_and_no_half_set_of_reports() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Enough findings that writing the reports takes a while.
    let mut big: serde_json::Value =
        serde_json::from_str(&record("HC-CB01", "Đảng bộ xã Hàm Chính")).unwrap();
    big["session"] = serde_json::json!({
        "assignments": (0..20_000)
            .map(|i| serde_json::json!({"assignee": "Tổ", "task": format!("việc {i}"), "due": "khi xong"}))
            .collect::<Vec<_>>()
    });
    std::fs::write(d.join("a.jsonl"), big.to_string()).unwrap();
    let outs = ["r.json", "r.html", "r.md", "r.csv", "r.txt"];
    let mut args = vec!["check", "a.jsonl"];
    for o in &outs {
        args.extend(["-o", o]);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_kiemtra"))
        .args(&args)
        .current_dir(d)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let temp = || {
        files_in(d)
            .iter()
            .any(|f| f.starts_with(".kiemtra-") && f.ends_with(".tmp"))
    };
    while !temp() && start.elapsed() < Duration::from_secs(120) {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let status = child.wait().unwrap();
    let left: Vec<String> = files_in(d)
        .into_iter()
        .filter(|f| f.starts_with(".kiemtra-"))
        .collect();
    assert!(left.is_empty(), "{left:?} ({status:?})");
    // Either every report was written (the run ended first) or none was.
    let written: Vec<&&str> = outs.iter().filter(|o| d.join(o).exists()).collect();
    assert!(
        written.is_empty() || written.len() == outs.len(),
        "{written:?}"
    );
}

#[test]
fn a_template_never_holds_characters_word_cannot() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for unit in ["HC\u{1}CB", "HC\u{FFFF}CB"] {
        let o = kiemtra_in(
            d,
            &[
                "template", "--format", "docx", "--unit", unit, "-o", "t.docx",
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(!d.join("t.docx").exists());
    }
    let _ = PathBuf::new();
}
