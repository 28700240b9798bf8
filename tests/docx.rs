//! Word minutes (`.docx`): kiemtra's template filled in and read back, the fixtures of
//! `fixtures/docx/` (made by `scripts/make-docx-fixtures.py`) with their findings, a district
//! folder mixing Word minutes with CSV, JSON Lines and a workbook, and broken documents.

mod common;

use common::{kiemtra, stdout};
use kiemtra_input::docx::template::{parts, PLACEHOLDER};
use kiemtra_input::docx::write::{docx, Part};
use kiemtra_input::docx::{label_of, read};
use serde_json::{json, Value};

/// The template as `kiemtra template --format docx` writes it.
fn template_from_the_cli(unit: &str, month: &str) -> Vec<u8> {
    let o = kiemtra(&[
        "--no-config",
        "template",
        "--format",
        "docx",
        "--unit",
        unit,
        "--month",
        month,
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o.stdout
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "có".into(),
        Value::Bool(false) => "không".into(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join("\n"),
        other => other.to_string(),
    }
}

fn get<'v>(record: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.').try_fold(record, |v, k| v.get(k))
}

/// Fills the template's parts with a record, as a secretary would: each labelled line's value,
/// the kind in the title, the day after “Thời gian”, the counts after “Có mặt”, the session's
/// span, one row of the assignments table per assignment. A field the record lacks is left as
/// the template has it.
fn fill(parts: &mut [Part], record: &Value) {
    for part in parts.iter_mut() {
        match part {
            Part::Para(p) => {
                let first = p.runs[0].text.trim().trim_end_matches(':').to_lowercase();
                let value = |path: &str| get(record, path).map(text);
                if first.starts_with("biên bản sinh hoạt chi bộ") {
                    p.runs[1].text = value("kind").unwrap_or_default();
                } else if first == "thời gian" {
                    if let Some(d) = value("date") {
                        p.runs[1].text = d;
                    }
                } else if first == "có mặt" {
                    let present = value("attendance.present");
                    let total = value("attendance.total");
                    if present.is_some() || total.is_some() {
                        p.runs[1].text = format!(
                            "{}/{}",
                            present.unwrap_or_default(),
                            total.unwrap_or_default()
                        );
                    }
                } else if first == "sinh hoạt chuyên đề" {
                    if let Some(s) = value("session.start") {
                        p.runs[2].text = s;
                    }
                    if let Some(e) = value("session.end") {
                        p.runs[4].text = e;
                    }
                } else if p.runs.len() == 2 && p.runs[1].text == PLACEHOLDER {
                    let path = [
                        "unit.parent",
                        "unit.name",
                        "unit.code",
                        "chair",
                        "secretary",
                        "minutes_book.recorded",
                        "minutes_book.page",
                        "session.topics",
                        "session.area",
                        "session.source.kind",
                        "session.source.title",
                        "session.minutes",
                        "session.reason",
                        "session.assessment.strengths",
                        "session.assessment.weaknesses",
                        "session.questions",
                        "session.discussion.opinions",
                        "session.discussion.causes",
                        "session.discussion.measures",
                        "session.conclusion",
                        "session.follow_up.topic",
                        "session.follow_up.result",
                        "session.follow_up.notes",
                    ]
                    .into_iter()
                    .find(|path| label_of(path).map(str::to_lowercase).as_deref() == Some(&first));
                    if let Some(v) = path.and_then(value) {
                        p.runs[1].text = v;
                    }
                }
            }
            Part::Table(rows) => {
                let assignments = get(record, "session.assignments")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let keys = ["assignee", "kind", "task", "due", "remedy"];
                assert!(
                    assignments.len() < rows.len(),
                    "the template has rows enough"
                );
                for (row, a) in rows.iter_mut().skip(1).zip(&assignments) {
                    for (cell, key) in row.iter_mut().zip(keys) {
                        *cell = a.get(key).map(text).unwrap_or_default();
                    }
                }
            } // The names under the signatures, as signed: the reader must not take them for
            // anything else.
            Part::Signatures(blocks) => {
                for (block, path) in blocks.iter_mut().zip(["secretary", "chair"]) {
                    if let (Some(name), Some(last)) =
                        (get(record, path).map(text), block.last_mut())
                    {
                        last.runs[0].text = name;
                    }
                }
            }
        }
    }
}

/// The record read back from the template filled with `record`.
fn round_trip(record: &Value) -> Value {
    let template = template_from_the_cli("HC-01", "2017-04");
    let mut p = parts(Some("HC-01"), Some((2017, 4)), kiemtra_rules::Lang::Vi);
    assert_eq!(
        docx(&p).unwrap(),
        template,
        "the CLI writes the library's template"
    );
    fill(&mut p, record);
    let mut minutes = read(&docx(&p).unwrap(), None).unwrap();
    // The template's title names the month (2017-04): read as the meeting's month (v1.2).
    assert_eq!(minutes.record.remove("month"), Some(json!("2017-04")));
    Value::Object(minutes.record)
}

#[test]
fn a_complete_meeting_reads_back_exactly() {
    let record = json!({
        "unit": { "code": "HC-01", "name": "Chi bộ thôn 1", "parent": "Đảng bộ xã Hàm Chính" },
        "date": "09/04/2017",
        "kind": "định kỳ",
        "chair": "Nguyễn Văn An",
        "secretary": "Trần Thị Bình",
        "attendance": { "present": 18, "total": 20 },
        "minutes_book": { "recorded": true, "page": "12" },
        "session": {
            "topics": ["Nâng cao tinh thần tự phê bình và phê bình"],
            "area": "tự phê bình và phê bình",
            "source": { "kind": "bài viết của Bác", "title": "Sửa đổi lối làm việc (1947)" },
            "start": "19:30", "end": "20:10", "minutes": 40,
            "reason": "Góp ý còn nể nang.\nCòn ngại va chạm.",
            "assessment": { "strengths": "Dự họp đầy đủ.", "weaknesses": "Góp ý chung chung." },
            "questions": ["Vì sao còn nể nang?", "Làm gì để góp ý thẳng thắn?"],
            "discussion": {
                "opinions": ["Đồng chí Hùng: góp ý thẳng thắn.", "Đồng chí Lan: đồng ý."],
                "causes": "Ngại va chạm.",
                "measures": "Chi ủy gương mẫu tự phê bình trước."
            },
            "conclusion": "Mỗi đảng viên tự nhận một khuyết điểm.",
            "assignments": [
                { "assignee": "Chi ủy", "kind": "tập thể", "task": "Theo dõi", "due": "30/06/2017", "remedy": false },
                { "assignee": "Đồng chí Hùng", "kind": "cá nhân", "task": "Sửa khuyết điểm", "due": "31/05/2017", "remedy": true }
            ],
            "follow_up": { "topic": "Giữ gìn đoàn kết", "result": "đạt", "notes": "Hoàn thành." }
        }
    });
    assert_eq!(round_trip(&record), record);
}

#[test]
fn a_meeting_with_every_kind_of_gap_reads_back_exactly() {
    // No header names, no chair, no counts, no minutes book, blank texts and lists, an
    // assignment without kind, deadline or remedy, another without assignee, no follow-up.
    let record = json!({
        "unit": { "code": "HC-01" },
        "date": "2017-04-09",
        "kind": "định kỳ",
        "attendance": { "present": 18 },
        "session": {
            "topics": ["Phát huy dân chủ ở cơ sở"],
            "start": "19:30",
            "assessment": { "weaknesses": "Còn hình thức." },
            "assignments": [
                { "assignee": "Chi ủy", "task": "Theo dõi" },
                { "task": "Họp dân", "due": "tháng 5/2017" }
            ]
        }
    });
    assert_eq!(round_trip(&record), record);
    // No themed session at all: the record has no session.
    let none = json!({ "unit": { "code": "HC-01" }, "date": "2017-04-09", "kind": "định kỳ" });
    assert_eq!(round_trip(&none), none);
}

#[test]
fn the_template_left_unfilled_does_not_pass() {
    let o = kiemtra(&[
        "--no-config",
        "check",
        "fixtures/docx/huyen/ht-cb05-2017-04-mau-chua-dien.docx",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("thiếu ngày họp"), "{}", stdout(&o));
    // Filled with only a date, it is full of findings.
    let mut p = parts(Some("HC-01"), Some((2017, 4)), kiemtra_rules::Lang::Vi);
    fill(&mut p, &json!({ "date": "09/04/2017", "kind": "định kỳ" }));
    let dir = std::env::temp_dir().join(format!("kiemtra-docx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("chi-co-ngay.docx");
    std::fs::write(&file, docx(&p).unwrap()).unwrap();
    let o = kiemtra(&[
        "--no-config",
        "check",
        "--format",
        "json",
        file.to_str().unwrap(),
    ]);
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["CD101"], "a periodic meeting with no session");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_unit_code_from_the_command_line_when_the_minutes_have_none() {
    let mut p = parts(None, Some((2017, 4)), kiemtra_rules::Lang::Vi);
    fill(&mut p, &json!({ "date": "09/04/2017", "kind": "định kỳ" }));
    let dir = std::env::temp_dir().join(format!("kiemtra-docx-unit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("khong-ma.docx");
    std::fs::write(&file, docx(&p).unwrap()).unwrap();
    let file = file.to_str().unwrap();
    let o = kiemtra(&["--no-config", "check", file]);
    assert!(stdout(&o).contains("bị loại"), "{}", stdout(&o));
    let o = kiemtra(&[
        "--no-config",
        "check",
        "--unit",
        "HC-07",
        "--format",
        "json",
        file,
    ]);
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["summary"]["checked"], 1);
    assert_eq!(report["findings"][0]["unit"], "HC-07");
    let o = kiemtra(&[
        "--no-config",
        "convert",
        "--unit",
        "HC-07",
        "--to",
        "json",
        file,
    ]);
    let records: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(records[0]["unit"], json!({"code": "HC-07"}));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn each_fixture_reads_as_it_is_written() {
    let dir = common::root().join("fixtures/docx/huyen");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".docx"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 5);
    for name in names {
        let o = kiemtra(&[
            "--no-config",
            "convert",
            "--to",
            "json",
            &format!("fixtures/docx/huyen/{name}"),
        ]);
        assert_eq!(o.status.code(), Some(0), "{name}");
        insta::assert_snapshot!(
            format!("read_{}", name.trim_end_matches(".docx")),
            stdout(&o)
        );
    }
}

#[test]
fn a_district_folder_mixing_word_minutes_with_csv_jsonl_and_a_workbook() {
    let o = kiemtra(&["--no-config", "check", "fixtures/docx/huyen"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    insta::assert_snapshot!("district_folder_text", text);
    let o = kiemtra(&[
        "--no-config",
        "check",
        "--format",
        "json",
        "fixtures/docx/huyen",
    ]);
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = &report["summary"];
    assert_eq!(
        s["records"],
        json!(s["checked"].as_u64().unwrap() + s["rejected"].as_u64().unwrap())
    );
    // 3 + 3 + 3 records of January–March and five Word minutes, the unfilled template
    // rejected (the handbook's minutes, dates and times in words, are read).
    assert_eq!(
        (s["records"].as_u64(), s["rejected"].as_u64()),
        (Some(14), Some(1))
    );
    // The complete template and the handbook's layout give no finding.
    assert!(!report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["unit"] == "HT-CB01" || f["unit"] == "HT-CB02"));
    // April's minutes follow March's CSV, JSON Lines and workbook rows: no CD501.
    assert!(!report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "CD501"));
    let word: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f.get("word"))
        .collect();
    assert!(
        word.contains(&&json!({"missing": "Nguyên nhân"})),
        "{word:?}"
    );
    assert!(
        word.contains(&&json!({"paragraph": 27, "label": "Kết luận"})),
        "{word:?}"
    );
    // The printed reports give the same place.
    for format in ["md", "html"] {
        let o = kiemtra(&[
            "--no-config",
            "check",
            "--format",
            format,
            "fixtures/docx/huyen",
        ]);
        let out = stdout(&o);
        assert!(
            out.contains("ht-cb04-2017-04-chu-toa-bang.docx, đoạn 27 “Kết luận”"),
            "{format}"
        );
        assert!(out.contains("không thấy mục “Nguyên nhân”"), "{format}");
    }
    // Byte-identical whatever the threads.
    let one = kiemtra(&["--no-config", "check", "-j", "1", "fixtures/docx/huyen"]);
    assert_eq!(stdout(&one), text);
}

#[test]
fn other_document_formats_are_named_with_what_to_do() {
    let o = kiemtra(&[
        "--no-config",
        "check",
        "fixtures/docx/huyen/bien-ban-cu.doc",
    ]);
    assert!(stdout(&o).contains("lưu thành .docx"), "{}", stdout(&o));
    let o = kiemtra(&[
        "--no-config",
        "--lang",
        "en",
        "check",
        "fixtures/docx/huyen/bien-ban-cu.doc",
    ]);
    assert!(stdout(&o).contains("save it as .docx"), "{}", stdout(&o));
    let o = kiemtra(&[
        "--no-config",
        "convert",
        "--to",
        "json",
        "fixtures/docx/huyen/bien-ban-cu.doc",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("lưu thành .docx"));
}

#[test]
fn broken_documents_are_file_errors() {
    let o = kiemtra(&["--no-config", "check", "fixtures/docx/hong"]);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!("broken_documents", stdout(&o));
}

#[test]
fn no_document_crashes_the_reader() {
    // Every prefix of a real document, and documents with bytes changed: an error or minutes,
    // never a panic.
    let good =
        std::fs::read(common::root().join("fixtures/docx/huyen/ht-cb01-2017-04-mau-kiemtra.docx"))
            .unwrap();
    for n in 0..good.len() {
        let _ = read(&good[..n], None);
    }
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let mut bytes = good.clone();
        for _ in 0..1 + next() % 8 {
            let at = (next() % bytes.len() as u64) as usize;
            bytes[at] = next() as u8;
        }
        let _ = read(&bytes, None);
    }
}

/// The template as text: one line a paragraph, guidance marked `  ~ `, table rows `|`-joined.
fn template_text(lang: kiemtra_rules::Lang) -> String {
    use kiemtra_input::docx::write::Look;
    let mut out = String::new();
    for part in parts(Some("HC-CB01"), Some((2017, 4)), lang) {
        match part {
            Part::Para(p) if p.look == Look::Guidance => {
                out.push_str(&format!("  ~ {}\n", p.text()))
            }
            Part::Para(p) => out.push_str(&format!("{}\n", p.text())),
            Part::Table(rows) => {
                for row in rows {
                    out.push_str(&format!("| {} |\n", row.join(" | ")));
                }
            }
            Part::Signatures(blocks) => {
                let columns: Vec<String> = blocks
                    .iter()
                    .map(|b| b.iter().map(|p| p.text()).collect::<Vec<_>>().join(" / "))
                    .collect();
                out.push_str(&format!("‖ {} ‖\n", columns.join(" ‖ ")));
            }
        }
    }
    out
}

#[test]
fn the_template_in_the_handbook_layout() {
    insta::assert_snapshot!("template_vi", template_text(kiemtra_rules::Lang::Vi));
    // English guidance; the labels stay those the reader reads.
    let en = template_text(kiemtra_rules::Lang::En);
    insta::assert_snapshot!("template_en", en);
    assert!(en.contains("Kết luận: "));
    let o = kiemtra(&[
        "--no-config",
        "--lang",
        "en",
        "template",
        "--format",
        "docx",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        o.stdout,
        docx(&parts(None, None, kiemtra_rules::Lang::En)).unwrap()
    );
}

/// A document of `fixtures/minutes/` (a paragraph a line, `⏎` a line break, `| a | b |` a
/// table row) written as a `.docx` into `dir`.
fn corpus_docx(dir: &std::path::Path, name: &str) -> String {
    let text = std::fs::read_to_string(common::root().join(format!("fixtures/minutes/{name}.txt")))
        .unwrap();
    let parts = kiemtra_input::docx::write::parts_of_text(&text);
    let file = format!("{name}.docx");
    std::fs::write(dir.join(&file), docx(&parts).unwrap()).unwrap();
    file
}

#[test]
fn read_shows_every_value_with_its_paragraph_and_the_text_that_gave_none() {
    let dir = tempfile::tempdir().unwrap();
    let handbook = corpus_docx(dir.path(), "01-binh-thuan-so-tay");
    let august = corpus_docx(dir.path(), "08-haiphong-thang-8-hop-25-7");
    let o = common::kiemtra_in(dir.path(), &["--no-config", "read", &handbook, &august]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let text = stdout(&o);
    assert!(text.contains("đọc được:"));
    assert!(
        !text.contains("periodic"),
        "no format codes for a person: {text}"
    );
    insta::assert_snapshot!("read_minutes_vi", text);

    let o = common::kiemtra_in(
        dir.path(),
        &["--no-config", "--lang", "en", "read", &august],
    );
    insta::assert_snapshot!("read_minutes_en", stdout(&o));

    let o = common::kiemtra_in(
        dir.path(),
        &["--no-config", "read", "--format", "json", &august],
    );
    let json: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let reading = &json[0]["reading"];
    assert_eq!(reading["session_part"], 9);
    let month = reading["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "month")
        .unwrap();
    assert_eq!(month["value"], "2025-08");
    insta::assert_json_snapshot!("read_minutes_json", json);
}

#[test]
fn read_says_why_a_file_gives_no_minutes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.docx"), b"not a zip").unwrap();
    std::fs::write(dir.path().join("b.csv"), b"unit.code\n").unwrap();
    let o = common::kiemtra_in(dir.path(), &["--no-config", "read", "a.docx", "b.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let text = stdout(&o);
    assert!(text.contains("a.docx\n  không đọc được: "), "{text}");
    assert!(
        text.contains("b.csv\n  không đọc được: không phải biên bản Word"),
        "{text}"
    );
}
