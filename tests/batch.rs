//! Batch inspection: CSV, spreadsheet and legacy-encoded input, lossless conversion, roll-ups,
//! and the csv / md / json / html reports of the bundled batch.

mod common;

use common::{kiemtra, stdout};

use std::path::{Path, PathBuf};

use common::{inspect, options, root, DOC};
use kiemtra_input::convert::{read_values, write_csv, Headers, Object};
use kiemtra_input::{Encoding, Format};
use kiemtra_report::{Context, Document};
use kiemtra_rules::{Lang, Pack};
use kiemtra_runner::{Outcome, Policy};

fn check_batch(format: &str) -> String {
    let mut args = vec!["check", "fixtures/batch", "--format", format];
    args.extend(DOC);
    let o = kiemtra(&args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    stdout(&o)
}

fn render(outcome: &Outcome, format: kiemtra_report::Format, lang: Lang) -> Vec<u8> {
    let policy = Policy::new(Pack::embedded());
    let ctx = Context {
        lang,
        policy: &policy,
    };
    let doc = Document {
        body: Some("BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC"),
        place: Some("Hàm Thuận Bắc"),
        date: chrono::NaiveDate::from_ymd_opt(2019, 1, 15),
        ..Document::default()
    };
    let mut out = Vec::new();
    kiemtra_report::render(format, outcome, &ctx, &doc, &mut out).expect("render");
    out
}

// --- The bundled batch ----------------------------------------------------------------------

#[test]
fn the_batch_reads_every_format_and_loses_no_record() {
    let outcome = inspect(&["fixtures/batch"], &options());
    let s = &outcome.summary;
    assert_eq!(s.files, 4, "CSV, UTF-16 CSV, XLSX, JSONL");
    assert_eq!(s.records, s.checked + s.rejected);
    assert_eq!((s.checked, s.rejected), (384, 5));
    assert_eq!(s.units, 15);
    assert!(outcome.file_errors.is_empty(), "{:?}", outcome.file_errors);
    // Each bad row is placed: file, line (the row's first line), column of the field at fault.
    let places: Vec<(String, u32, u32)> = outcome
        .rejected
        .iter()
        .map(|r| (r.file.clone(), r.line, r.column))
        .collect();
    assert_eq!(
        places,
        [
            ("fixtures/batch/ham-chinh.csv".into(), 67, 5),
            ("fixtures/batch/ham-chinh.csv".into(), 255, 6),
            ("fixtures/batch/ham-liem.xlsx".into(), 44, 2),
            ("fixtures/batch/ma-lam-kp05-06.csv".into(), 23, 5),
            ("fixtures/batch/ma-lam.jsonl".into(), 32, 1157),
        ]
    );
    // Every rating of the provincial scale occurs, in every parent committee but one.
    let policy = Policy::new(Pack::embedded());
    let ctx = Context {
        lang: Lang::Vi,
        policy: &policy,
    };
    let r = ctx.rollup(&outcome);
    assert_eq!(r.by_rating, [5, 5, 3, 2]);
    assert_eq!(r.parents.len(), 3);
    assert_eq!(
        (r.total.expected, r.total.held, r.total.compliant),
        (360, 351, 277)
    );
    let worst = r.worst_first.first().map(|u| u.unit.code.as_str());
    assert_eq!(worst, Some("HL-CB02"));
}

#[test]
fn excel_dates_and_times_are_read_from_date_cells() {
    let outcome = inspect(&["fixtures/batch/ham-liem.xlsx"], &options());
    assert_eq!(outcome.summary.rejected, 1);
    // The title row and the blank row above the header are not records; the first record is
    // on row 4 and its date came from an Excel date cell.
    let first = outcome
        .findings
        .iter()
        .filter_map(|f| f.line)
        .map(std::num::NonZeroU32::get)
        .min()
        .unwrap_or(0);
    assert!(first >= 4, "{first}");
    let units = &outcome.units;
    assert!(units.iter().all(|u| u.period.from.to_string() == "2017-01"));
    assert!(units.iter().all(|u| u.period.to.to_string() == "2018-12"));
    // Times from Excel time cells: no session lacks a duration.
    assert!(outcome
        .findings
        .iter()
        .all(|f| f.rule().code() != "CD402" && f.rule().code() != "CD403"));
}

/// The text of a Markdown section: from its heading to the next heading of its level or above.
fn md_section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md.find(heading).unwrap_or_else(|| panic!("{heading}"));
    let level = heading.chars().take_while(|&c| c == '#').count();
    let rest = &md[start + heading.len()..];
    let end = rest
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .find(|&i| {
            let hashes = rest[i..].chars().take_while(|&c| c == '#').count();
            hashes > 0 && hashes <= level && rest[i..].chars().nth(hashes) == Some(' ')
        })
        .unwrap_or(rest.len());
    &md[start..start + heading.len() + end]
}

#[test]
fn batch_report_as_json() {
    let out = check_batch("json");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["inputs"]["files"].as_array().map(Vec::len), Some(4));
    assert_eq!(v["totals"]["units_by_rating"]["poor"], 2);
    assert_eq!(v["parents"].as_array().map(Vec::len), Some(3));
    // Every record read is checked or rejected; every finding is counted under its unit.
    let n = |v: &serde_json::Value| v.as_u64().unwrap_or(u64::MAX);
    let s = &v["summary"];
    assert_eq!(n(&s["records"]), n(&s["checked"]) + n(&s["rejected"]));
    let units = v["units"].as_array().expect("units");
    let findings = v["findings"].as_array().expect("findings");
    let per_units: u64 = units
        .iter()
        .map(|u| n(&u["error"]) + n(&u["warning"]) + n(&u["info"]))
        .sum();
    assert_eq!(per_units, findings.len() as u64);
    for f in findings {
        let unit = f["unit"].as_str().expect("unit");
        assert!(units.iter().any(|u| u["unit"] == unit), "{unit}");
    }
    // The shape of the contract, small: the totals.
    insta::assert_snapshot!(serde_json::to_string_pretty(&v["totals"]).unwrap());
}

#[test]
fn batch_report_as_csv() {
    let out = check_batch("csv");
    assert!(out.starts_with('\u{feff}'), "UTF-8 with BOM");
    let mut reader = csv::Reader::from_reader(out.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .expect("headers")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    // One row per finding, per rejected record.
    let v: serde_json::Value = serde_json::from_str(&check_batch("json")).unwrap();
    let findings = v["findings"].as_array().expect("findings");
    assert_eq!(rows.len(), findings.len() + 5);
    // No English in the Vietnamese table: the requirement's title, never the rule's name.
    let title = headers
        .iter()
        .position(|h| h == "Nội dung kiểm tra")
        .expect("title");
    for row in &rows {
        assert!(
            !row[title].contains('-') || row[title].contains(' '),
            "{row:?}"
        );
    }
    // Each finding's rule and unit in the row for it, in order.
    for (row, f) in rows.iter().zip(findings) {
        assert_eq!(Some(&row[6]), f["rule"].as_str());
        assert_eq!(Some(&row[1]), f["unit"].as_str());
    }
    // The header and the first finding, small.
    let head: Vec<&str> = out.lines().take(2).collect();
    insta::assert_snapshot!(head.join("\n"));
}

#[test]
fn batch_report_as_markdown() {
    let out = check_batch("md");
    for heading in [
        "# BÁO CÁO",
        "## I. PHẠM VI, CĂN CỨ KIỂM TRA",
        "### 2. Kết quả theo đảng bộ",
        "### 5. Tình hình sinh hoạt chuyên đề theo tháng",
        "## III. ĐÁNH GIÁ CHUNG",
        "## IV. KIẾN NGHỊ",
        "## Phụ lục 1. Chi tiết từng chi bộ",
        "## Phụ lục 2. Danh mục nội dung kiểm tra",
        "## Phụ lục 3. Phụ lục kỹ thuật",
        "### Biên bản không kiểm tra được",
    ] {
        assert!(out.contains(heading), "{heading}");
    }
    // Every unit has its detail.
    let v: serde_json::Value = serde_json::from_str(&check_batch("json")).unwrap();
    for u in v["units"].as_array().expect("units") {
        let code = u["unit"].as_str().unwrap_or("-");
        assert!(out.contains(&format!("#### {code}")), "{code}");
    }
    // One small snapshot per feature: the assessment, the recommendations.
    insta::assert_snapshot!(
        "batch_assessment",
        md_section(&out, "## III. ĐÁNH GIÁ CHUNG")
    );
    insta::assert_snapshot!(
        "batch_recommendations",
        md_section(&out, "## IV. KIẾN NGHỊ")
    );
}

/// Before the technical appendix, the filed report is a party document: no field path, file
/// place, digest, tool, pack version, English word or IT severity word; the advice against
/// back-filling minutes once; CD309 in no recommendation.
#[test]
fn the_filed_report_keeps_everything_technical_in_its_appendix() {
    let out = check_batch("md");
    let technical = out
        .find("## Phụ lục 3. Phụ lục kỹ thuật")
        .expect("technical appendix");
    let body = &out[..technical];
    for word in [
        "session.",
        "minutes_book",
        ".jsonl",
        ".csv",
        "SHA-256",
        "sha256sum",
        "kiemtra",
        "phiên bản",
        "btghu",
        "lỗi",
        "cảnh báo",
        "true",
        "false",
        "Trường",
        "định dạng JSON",
        "xếp loại",
        "kém",
        "minimum-duration",
        "vi phạm",
    ] {
        assert!(
            !body.contains(word),
            "“{word}” before the technical appendix"
        );
    }
    // “bản ghi” (a record) is a programmer's word; “biên bản ghi …” is the minutes writing. (The
    // hints of CD601 and CD602 in the appendices are the rules' words.)
    let sections = &out[..out.find("Nơi nhận").expect("recipients")];
    assert_eq!(
        sections.matches("bản ghi").count(),
        sections.matches("biên bản ghi").count()
    );
    assert_eq!(
        out.matches("chỉ ghi những gì đã thực sự diễn ra").count()
            + out.matches("Chỉ ghi những gì đã thực sự diễn ra").count(),
        1
    );
    let recommendations = md_section(&out, "## IV. KIẾN NGHỊ");
    assert!(!recommendations.contains("CD309"));
    assert!(!recommendations.contains("ghi “có”"));
    // The body, then the signature, then the appendices.
    let signature = out.find("Nơi nhận").expect("recipients");
    assert!(out.find("## IV. KIẾN NGHỊ").unwrap() < signature);
    assert!(signature < out.find("## Phụ lục 1.").unwrap());
    // What is technical is there, in its appendix.
    let appendix = &out[technical..];
    for word in ["SHA-256", "sha256sum", "kiemtra ", "btghu", "session."] {
        assert!(appendix.contains(word), "{word}");
    }
}

#[test]
fn the_causes_are_the_departments_or_a_placeholder() {
    let out = check_batch("md");
    let assessment = md_section(&out, "## III. ĐÁNH GIÁ CHUNG");
    assert!(assessment.contains("(Phần nguyên nhân do Ban Tuyên giáo bổ sung)"));
    let dir = std::env::temp_dir().join(format!("kiemtra-batch-causes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let causes = dir.join("nguyen-nhan.txt");
    std::fs::write(
        &causes,
        "Một số cấp ủy chưa quan tâm chỉ đạo.\n\n- Bí thư chi bộ mới.\n",
    )
    .unwrap();
    let mut args = vec![
        "check",
        "fixtures/batch",
        "--format",
        "md",
        "--assessment",
        causes.to_str().unwrap(),
    ];
    args.extend(DOC);
    let out = stdout(&kiemtra(&args));
    let assessment = md_section(&out, "## III. ĐÁNH GIÁ CHUNG");
    assert!(assessment.contains("Một số cấp ủy chưa quan tâm chỉ đạo."));
    assert!(assessment.contains("- Bí thư chi bộ mới."));
    assert!(!assessment.contains("Phần nguyên nhân do Ban Tuyên giáo bổ sung"));
}

#[test]
fn batch_report_in_english() {
    let mut args = vec!["--lang", "en", "check", "fixtures/batch", "--format", "md"];
    args.extend(DOC);
    let out = stdout(&kiemtra(&args));
    assert!(out.contains("# INSPECTION REPORT"));
    assert!(out.contains("Hàm Thuận Bắc, 15 January 2019"));
    assert!(out.contains("| HL-CB02 |"));
    assert!(!out.contains("Kết quả theo đảng bộ"));
}

// --- HTML -----------------------------------------------------------------------------------

#[test]
fn the_html_report_is_one_self_contained_printable_file() {
    let html = check_batch("html");
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let count = |s: &str| doc.select(&sel(s)).count();
    let text = |s: &str| {
        doc.select(&sel(s))
            .map(|e| e.text().collect::<String>())
            .collect::<Vec<_>>()
    };

    // Nothing to load, nothing to run.
    assert_eq!(count("script"), 0);
    assert_eq!(count("link"), 0);
    assert_eq!(count("img"), 0);
    assert_eq!(count("iframe, object, embed"), 0);
    for e in doc.select(&sel("[src], [href]")) {
        for a in ["src", "href"] {
            if let Some(v) = e.value().attr(a) {
                assert!(v.starts_with('#'), "{a}={v} must stay inside the file");
            }
        }
    }
    for line in html.lines().filter(|l| l.contains("http")) {
        assert!(
            line.contains("http://www.w3.org/2000/svg"),
            "only the SVG namespace may name a URL: {line}"
        );
    }

    // A4 print rules.
    assert!(html.contains("@page") && html.contains("size: A4"));
    assert!(html.contains("break-before: page"));

    // The header of a party document.
    assert_eq!(text(".head .party"), ["ĐẢNG CỘNG SẢN VIỆT NAM"]);
    assert_eq!(text(".head .above"), ["HUYỆN ỦY HÀM THUẬN BẮC"]);
    assert_eq!(text(".head .body"), ["BAN TUYÊN GIÁO"]);
    assert_eq!(
        text(".head .dateline"),
        ["Hàm Thuận Bắc, ngày 15 tháng 01 năm 2019"]
    );
    assert_eq!(text("h1"), ["BÁO CÁO"]);

    // Scope, summaries, pictures, detail, appendix, in that order.
    let h2 = text("h2");
    assert_eq!(
        h2,
        [
            "I. PHẠM VI, CĂN CỨ KIỂM TRA",
            "II. KẾT QUẢ KIỂM TRA",
            "III. ĐÁNH GIÁ CHUNG",
            "IV. KIẾN NGHỊ",
            "Phụ lục 1. Chi tiết từng chi bộ",
            "Phụ lục 2. Danh mục nội dung kiểm tra",
            "Phụ lục 3. Phụ lục kỹ thuật",
        ]
    );
    // One bar chart and one month picture per parent committee, inline.
    assert_eq!(count("figure > svg"), 4);
    // Worst unit first, with a link to its detail.
    let first = doc
        .select(&sel("table.data tbody tr td.code a"))
        .next()
        .expect("units table");
    assert_eq!(first.text().collect::<String>(), "HL-CB02");
    assert_eq!(first.value().attr("href"), Some("#unit-HL-CB02"));
    assert_eq!(count("section.unit"), 15);
    assert_eq!(count("#unit-HL-CB02"), 1);
    // Every rule in the appendix; the digest in the technical appendix only.
    assert_eq!(count("tr[id^=rule-CD]"), kiemtra_rules::Rule::ALL.len());
    let v: serde_json::Value = serde_json::from_str(&check_batch("json")).unwrap();
    let digest = v["inputs"]["digest"].as_str().unwrap_or("-");
    assert_eq!(
        text(".digest")
            .iter()
            .filter(|t| t.as_str() == digest)
            .count(),
        1
    );
    // Printed with a browser's defaults: every margin box taken, so no browser header or footer.
    for margin in [
        "@top-left",
        "@top-center",
        "@top-right",
        "@bottom-left",
        "@bottom-right",
    ] {
        assert!(html.contains(margin), "{margin}");
    }
}

#[test]
fn html_escapes_every_text_from_records() {
    let o = kiemtra(&[
        "check",
        "fixtures/report/escaping.jsonl",
        "--format",
        "html",
    ]);
    let html = stdout(&o);
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(doc.select(&sel("img")).count(), 0);
    assert_eq!(doc.select(&sel("main b, main i")).count(), 0);
    for el in doc.select(&sel("*")) {
        for (name, _) in el.value().attrs() {
            assert!(!name.starts_with("on"), "event handler attribute {name}");
        }
    }
    // The record's text shows as text.
    let all: String = doc.root_element().text().collect();
    for shown in [
        "<script>alert('chi bộ')</script>",
        "X-<b>01</b>",
        "Đảng bộ \"A\" & <i>B</i>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(2)>",
    ] {
        assert!(all.contains(shown), "{shown} should be shown as text");
    }
    // The findings tables still have their shape: a due date cannot close a table.
    let rows = doc.select(&sel("section.unit table.data tbody tr")).count();
    let v: serde_json::Value = serde_json::from_str(&stdout(&kiemtra(&[
        "check",
        "fixtures/report/escaping.jsonl",
        "--format",
        "json",
    ])))
    .unwrap();
    assert_eq!(rows, v["findings"].as_array().map_or(0, Vec::len));

    // Markdown: record text cannot become markup or break a table.
    let md = stdout(&kiemtra(&[
        "check",
        "fixtures/report/escaping.jsonl",
        "--format",
        "md",
    ]));
    // Outside the fenced month picture (shown as text by every Markdown reader, and which no
    // record text can close) nothing is left that reads as HTML.
    let outside_fences: String = md
        .split("```")
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, t)| t)
        .collect();
    let tag_like = outside_fences
        .match_indices('<')
        .filter(|(i, _)| {
            outside_fences[i + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '/' || c == '!')
        })
        .count();
    assert_eq!(tag_like, 0, "{outside_fences}");
    assert!(md.contains("&lt;script>alert"));
    assert_eq!(md.matches("```").count(), 2);
}

// --- Determinism ----------------------------------------------------------------------------

#[test]
fn reports_are_byte_identical_whatever_the_threads_or_the_order_of_files() {
    let paths = [
        "fixtures/batch/ma-lam.jsonl",
        "fixtures/batch/ham-liem.xlsx",
        "fixtures/batch/ham-chinh.csv",
        "fixtures/batch/ma-lam-kp05-06.csv",
    ];
    let mut reversed = paths;
    reversed.reverse();
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let one = pool(1).install(|| inspect(&paths, &options()));
    let two = pool(2).install(|| inspect(&reversed, &options()));
    use kiemtra_report::Format::*;
    for format in [Text, Json, Csv, Md, Html, Xlsx] {
        for lang in [Lang::Vi, Lang::En] {
            assert!(
                render(&one, format, lang) == render(&two, format, lang),
                "{format:?} {lang:?}: 1 thread vs 2 threads with files reversed"
            );
        }
    }
    // And through the binary, with -j.
    let a = kiemtra(&["check", "fixtures/batch", "-j", "1", "--format", "html"]);
    let b = kiemtra(&["check", "-j", "2", "--format", "html", "fixtures/batch"]);
    assert!(a.stdout == b.stdout);
}

#[test]
fn several_reports_in_one_run() {
    let dir = std::env::temp_dir().join(format!("kiemtra-outputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = |n: &str| dir.join(n).to_string_lossy().into_owned();
    let (html, csv, json, md, txt) = (
        file("report.html"),
        file("findings.csv"),
        file("result.json"),
        file("report.md"),
        file("report.txt"),
    );
    let mut args = vec![
        "check",
        "fixtures/batch",
        "-o",
        &html,
        "-o",
        &csv,
        "-o",
        &json,
        "-o",
        &md,
        "-o",
        &txt,
    ];
    args.extend(DOC);
    let o = kiemtra(&args);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        o.stdout.is_empty(),
        "with -o and no --format, nothing on stdout"
    );
    // No progress bar when stderr is not a terminal: one line, the run's verdict in plain
    // words and the files written.
    let stderr = String::from_utf8(o.stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("chi bộ,")
            && stderr.contains("thiếu sót cần khắc phục")
            && stderr.contains("— đã ghi: "),
        "{stderr}"
    );
    for f in [&html, &csv, &json, &md, &txt] {
        assert!(stderr.contains(f.as_str()), "{f} named in {stderr}");
    }
    let read = |p: &str| std::fs::read_to_string(p).unwrap();
    assert!(read(&html).starts_with("<!DOCTYPE html>"));
    assert!(read(&csv).starts_with('\u{feff}'));
    assert_eq!(read(&json), check_batch("json"));
    assert_eq!(read(&md), check_batch("md"));
    assert!(read(&txt).contains("Tổng kết:"));
    // --format beside -o also prints to stdout.
    let o = kiemtra(&["check", "fixtures/batch", "-o", &html, "--format", "json"]);
    assert!(stdout(&o).starts_with('{'));
    // The same file twice is a mistake of the run.
    let o = kiemtra(&["check", "fixtures/batch", "-o", &html, "-o", &html]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

// --- CSV cells, unreadable files ------------------------------------------------------------

#[test]
fn csv_cells_are_typed_and_unreadable_cells_are_shown() {
    let outcome = inspect(&["fixtures/csv/cells.csv"], &options());
    insta::assert_snapshot!(common::finding_lines(&outcome, Lang::Vi));
    let s = &outcome.summary;
    assert_eq!((s.checked, s.rejected), (4, 1));
    // The first row is complete: numbers, booleans (có), lists and assignments were read.
    assert!(outcome
        .findings
        .iter()
        .all(|f| f.line.map(std::num::NonZeroU32::get) != Some(2)));
}

#[test]
fn a_file_that_cannot_be_read_is_reported_and_the_rest_go_on() {
    let outcome = inspect(
        &[
            "fixtures/bad/not-a-workbook.xlsx",
            "fixtures/bad/no-header.csv",
            "fixtures/csv/cells.csv",
        ],
        &options(),
    );
    let files: Vec<&str> = outcome
        .file_errors
        .iter()
        .map(|e| e.file.as_str())
        .collect();
    assert_eq!(
        files,
        [
            "fixtures/bad/no-header.csv",
            "fixtures/bad/not-a-workbook.xlsx"
        ]
    );
    assert_eq!(outcome.summary.checked, 4);
    assert!(outcome.failed(kiemtra_rules::Severity::Error));
}

// --- Encodings ------------------------------------------------------------------------------

fn records_of(path: &Path, encoding: Encoding) -> (Vec<Object>, usize) {
    let bytes = std::fs::read(path).unwrap();
    let format = Format::of(path).unwrap();
    let read = read_values(&bytes, format, encoding).unwrap();
    assert!(read.problems.is_empty());
    (
        read.records.into_iter().map(|(_, v)| v).collect(),
        read.rejected.len(),
    )
}

#[test]
fn every_encoding_gives_the_same_records() {
    let dir = root().join("fixtures/encodings");
    let (csv, _) = records_of(&dir.join("utf8.csv"), Encoding::Utf8);
    let (jsonl, _) = records_of(&dir.join("utf8.jsonl"), Encoding::Utf8);
    assert_eq!(csv.len(), 3);
    for name in [
        "utf8-bom.csv",
        "utf16le-bom.csv",
        "utf16be-bom.csv",
        "windows-1258.csv",
    ] {
        let (r, rejected) = records_of(&dir.join(name), Encoding::Windows1258);
        assert_eq!(rejected, 0, "{name}");
        assert_eq!(r, csv, "{name}");
    }
    for name in ["utf16le-bom.jsonl", "windows-1258.jsonl"] {
        let (r, _) = records_of(&dir.join(name), Encoding::Windows1258);
        assert_eq!(r, jsonl, "{name}");
    }
    // Windows-1258 writes tone marks apart; after reading, all text is NFC.
    let text = serde_json::to_string(&csv).unwrap();
    assert!(text.contains("Huỳnh Thị Thủy"));
    use unicode_normalization::is_nfc;
    assert!(is_nfc(&text));
}

#[test]
fn every_encoding_gives_the_same_findings() {
    let key = |o: &Outcome| {
        o.findings
            .iter()
            .map(|f| common::finding_facts(o, f))
            .collect::<Vec<_>>()
    };
    let windows = kiemtra_runner::Options {
        encoding: Encoding::Windows1258,
        ..options()
    };
    let reference = inspect(&["fixtures/encodings/utf8.csv"], &options());
    assert!(!reference.findings.is_empty());
    for name in [
        "utf8-bom.csv",
        "utf16le-bom.csv",
        "utf16be-bom.csv",
        "windows-1258.csv",
        "utf8.jsonl",
        "utf16le-bom.jsonl",
        "windows-1258.jsonl",
    ] {
        let path = format!("fixtures/encodings/{name}");
        let o = inspect(&[&path], &windows);
        assert_eq!(key(&o), key(&reference), "{name}");
        assert_eq!(o.summary.rejected, 0, "{name}");
    }
    // Without --encoding, a Windows-1258 file is not guessed at: it is reported, with the hint,
    // and its records are not silently read as something else.
    let o = inspect(&["fixtures/encodings/windows-1258.csv"], &options());
    assert_eq!(o.summary.records, 0);
    assert_eq!(o.file_errors.len(), 1);
    assert_eq!(
        o.file_errors[0].reason,
        kiemtra_input::FileProblem::NoHeaderNotUtf8
    );
    let o = inspect(&["fixtures/encodings/windows-1258.jsonl"], &options());
    assert_eq!(o.summary.rejected, 3);
    assert!(o
        .rejected
        .iter()
        .all(|r| r.reason.message(Lang::En).contains("windows-1258")));
}

// --- Conversion -----------------------------------------------------------------------------

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            json_files(&p, out);
        } else if matches!(Format::of(&p), Some(Format::Json | Format::JsonLines)) {
            out.push(p);
        }
    }
}

#[test]
fn json_to_csv_to_json_loses_nothing() {
    let mut files = Vec::new();
    for dir in [
        "fixtures/samples",
        "fixtures/rules",
        "fixtures/batch",
        "fixtures/report",
        "fixtures/forms",
    ] {
        json_files(&root().join(dir), &mut files);
    }
    assert!(files.len() > 40);
    let mut total = 0;
    for path in &files {
        let (records, _) = records_of(path, Encoding::Utf8);
        total += records.len();
        for headers in [Headers::Dotted, Headers::Vietnamese] {
            let mut csv = Vec::new();
            write_csv(&records, headers, &mut csv).unwrap();
            let back = read_values(&csv, Format::Csv, Encoding::Utf8).unwrap();
            assert!(back.rejected.is_empty(), "{}", path.display());
            let back: Vec<Object> = back.records.into_iter().map(|(_, v)| v).collect();
            assert_eq!(back, records, "{} ({headers:?})", path.display());
        }
    }
    assert!(total > 400, "{total}");
}

#[test]
fn converted_records_get_the_same_findings() {
    // Every rule fixture and the samples, through `kiemtra convert` to CSV and back to JSON:
    // the same findings on the same records.
    let dir = std::env::temp_dir().join(format!("kiemtra-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("all.csv");
    let json = dir.join("all.json");
    let o = kiemtra(&[
        "convert",
        "fixtures/rules",
        "fixtures/forms/forms.jsonl",
        "fixtures/samples/xa-ham-chinh.jsonl",
        "fixtures/samples/thi-tran.json",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = kiemtra(&[
        "convert",
        csv.to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    let key = |o: &Outcome| {
        let mut k: Vec<_> = o
            .findings
            .iter()
            .map(|f| common::finding_facts(o, f))
            .collect();
        k.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        k
    };
    let original = inspect(
        &[
            "fixtures/rules",
            "fixtures/forms/forms.jsonl",
            "fixtures/samples/xa-ham-chinh.jsonl",
            "fixtures/samples/thi-tran.json",
        ],
        &options(),
    );
    for converted in [&csv, &json] {
        let o = inspect(&[converted.to_str().unwrap()], &options());
        assert_eq!(o.summary.checked, original.summary.checked);
        assert_eq!(o.summary.rejected, original.summary.rejected);
        assert!(key(&o) == key(&original), "{}", converted.display());
    }
    // A broken record cannot be converted: it is reported, with its place, and the run fails.
    let o = kiemtra(&["convert", "fixtures/samples/loi.jsonl", "--to", "jsonl"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("fixtures/samples/loi.jsonl:1:"));
    assert_eq!(
        stdout(&o).lines().count(),
        5,
        "the other records are converted"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn lock_files_are_skipped_and_other_workbooks_are_reported() {
    let dir = std::env::temp_dir().join(format!("kiemtra-walk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(root().join("fixtures/csv/cells.csv"), dir.join("cells.csv")).unwrap();
    std::fs::write(dir.join("~$cells.xlsx"), b"lock").unwrap();
    std::fs::write(dir.join(".~lock.cells.csv#"), b"lock").unwrap();
    std::fs::write(dir.join("old.xls"), b"\xD0\xCF\x11\xE0").unwrap();
    let outcome = kiemtra_runner::run(std::slice::from_ref(&dir), &options()).unwrap();
    let errors: Vec<String> = outcome
        .file_errors
        .iter()
        .map(|e| e.file.rsplit('/').next().unwrap_or("").to_owned())
        .collect();
    assert_eq!(errors, ["old.xls"]);
    assert_eq!(outcome.summary.files, 1);
    assert_eq!(outcome.summary.checked, 4);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_printed_report_lists_waived_findings_apart() {
    let o = kiemtra(&[
        "check",
        "fixtures/samples/xa-ham-chinh.jsonl",
        "--waivers",
        "fixtures/config/waivers.toml",
        "--format",
        "html",
    ]);
    let html = stdout(&o);
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let h2: Vec<String> = doc.select(&sel("h2")).map(|e| e.text().collect()).collect();
    assert!(
        h2.iter().any(|t| t == "Phụ lục 2. Thiếu sót được miễn trừ"),
        "{h2:?}"
    );
    assert!(html.contains("MT-01: Họp tháng 6 rút ngắn vì mưa bão"));
    let md = stdout(&kiemtra(&[
        "check",
        "fixtures/samples/xa-ham-chinh.jsonl",
        "--waivers",
        "fixtures/config/waivers.toml",
        "--format",
        "md",
    ]));
    assert!(md.contains("## Phụ lục 2. Thiếu sót được miễn trừ"));
    assert!(md.contains("thiếu sót được miễn trừ (Phụ lục 2)"));
}
