//! For exporters and cell secretaries: the JSON Schema of format v1, and the template.

mod common;

use common::{kiemtra, stdout};

use serde_json::{json, Value};

const SCHEMA: &str = "schema/record-v1.schema.json";

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(common::root().join(SCHEMA)).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

#[test]
fn the_committed_schema_is_what_kiemtra_schema_prints() {
    let o = kiemtra(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let committed = std::fs::read_to_string(common::root().join(SCHEMA)).unwrap();
    assert!(
        stdout(&o) == committed,
        "{SCHEMA} is out of date: run `cargo run -- schema > {SCHEMA}`"
    );
}

#[test]
fn the_schema_documents_the_vietnamese_words_the_reader_accepts() {
    let v: Value = serde_json::from_str(&stdout(&kiemtra(&["schema"]))).unwrap();
    let kinds = &v["properties"]["kind"]["anyOf"];
    let periodic = kinds
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["title"] == "periodic")
        .unwrap();
    for word in [
        "periodic",
        "định kỳ",
        "dinh ky",
        "Định kỳ",
        "sinh hoạt định kỳ",
    ] {
        assert!(
            periodic["enum"].as_array().unwrap().contains(&json!(word)),
            "{word}"
        );
    }
    let s = schema();
    let result = &v["properties"]["session"]["anyOf"][0]["properties"]["follow_up"]["anyOf"][0]
        ["properties"]["result"];
    assert!(result.to_string().contains("chưa đạt"));
    // Every spelling the model knows is accepted by the reader and by the schema.
    for (code, words) in kiemtra_rules::Kind::ALL
        .iter()
        .map(|k| (k.code(), k.spellings()))
    {
        for w in words {
            assert_eq!(kiemtra_rules::Kind::parse(w).map(|k| k.code()), Some(code));
            let record = json!({"unit": {"code": "U"}, "date": "2017-01-05", "kind": w});
            assert!(s.is_valid(&record), "{w}");
        }
    }
}

/// Every record line of the JSONL fixtures, with what kiemtra made of it.
fn fixture_lines() -> Vec<(String, u32, String, Verdict)> {
    let mut files = Vec::new();
    for dir in [
        "fixtures/rules",
        "fixtures/samples",
        "fixtures/bad",
        "fixtures/config",
    ] {
        let mut stack = vec![common::root().join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "jsonl") {
                    files.push(p);
                }
            }
        }
    }
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(common::root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(&path).unwrap();
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            let n = i as u32 + 1;
            let Ok(text) = std::str::from_utf8(line) else {
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            let chunk = kiemtra_input::Chunk {
                text: line,
                at: kiemtra_input::Position::START,
            };
            let verdict = match kiemtra_input::parse(&chunk) {
                Err(_) => Verdict::Rejected,
                Ok(_) if in_accepted_forms(text) => Verdict::AcceptedForms,
                Ok(record) if record.doc.unreadable().is_empty() => Verdict::Clean,
                Ok(_) => Verdict::Unreadable,
            };
            out.push((rel.clone(), n, text.to_owned(), verdict));
        }
    }
    out
}

/// Whether a record writes a date, time, duration, yes/no or deadline in one of the accepted
/// forms of format 1.1 (`19h30`, `40 phút`, `Đã ghi`, `tháng 5/2017`) rather than as format v1
/// writes it: the reader reads it, the schema (what an exporter should write) does not list it.
fn in_accepted_forms(text: &str) -> bool {
    use kiemtra_format::values;
    let Ok(v) = serde_json::from_str::<Value>(text) else {
        return false;
    };
    let canonical_date = |s: &str| {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
            || chrono::NaiveDate::parse_from_str(s, "%d/%m/%Y").is_ok()
    };
    let beyond = |v: &Value, canonical: &dyn Fn(&str) -> bool, read: &dyn Fn(&str) -> bool| {
        v.as_str().is_some_and(|s| !canonical(s) && read(s))
    };
    let date = |v: &Value| beyond(v, &canonical_date, &|s| values::date(s).is_some());
    let due = |v: &Value| beyond(v, &canonical_date, &|s| values::deadline(s).is_some());
    let time = |v: &Value| {
        let canonical = |s: &str| chrono::NaiveTime::parse_from_str(s, "%H:%M").is_ok();
        beyond(v, &canonical, &|s| values::time_of_day(s).is_some())
    };
    let minutes = |v: &Value| beyond(v, &|_| false, &|s| values::minutes(s).is_some());
    let yes_no =
        |v: &Value| v.is_number() || v.as_str().is_some_and(|s| values::yes_no(s).is_some());
    let session = &v["session"];
    let assignments = session["assignments"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    date(&v["date"])
        || time(&session["start"])
        || time(&session["end"])
        || minutes(&session["minutes"])
        || yes_no(&v["minutes_book"]["recorded"])
        || assignments
            .iter()
            .any(|a| yes_no(&a["remedy"]) || due(&a["due"]))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// Accepted, every value readable.
    Clean,
    /// Accepted, with a value in an accepted form beyond format v1's own (see
    /// [`in_accepted_forms`]).
    AcceptedForms,
    /// Accepted, with a value kiemtra could not read (counted as absent, shown in a finding).
    Unreadable,
    Rejected,
}

#[test]
fn valid_fixture_records_validate_and_rejected_ones_do_not() {
    let s = schema();
    let (mut clean, mut rejected) = (0, 0);
    for (file, line, text, verdict) in fixture_lines() {
        let value: Option<Value> = serde_json::from_str(&text).ok();
        match verdict {
            Verdict::Clean => {
                let value = value.unwrap_or_else(|| panic!("{file}:{line} is accepted JSON"));
                let errors: Vec<String> = s
                    .iter_errors(&value)
                    .map(|e| format!("{} at {}", e, e.instance_path()))
                    .take(3)
                    .collect();
                assert!(errors.is_empty(), "{file}:{line}: {errors:?}");
                clean += 1;
            }
            Verdict::Rejected => {
                // What the schema can say: not JSON, not an object, a key field missing or
                // blank, an unknown enumerated value, a date that is not a date. An impossible
                // day of a well-formed date (30 February) is only caught by the reader.
                if let Some(value) = value {
                    let impossible_day = ["2017-02-30", "2017-04-31"]
                        .iter()
                        .any(|d| value["date"] == *d);
                    if !impossible_day {
                        assert!(!s.is_valid(&value), "{file}:{line} is rejected by kiemtra");
                    }
                }
                rejected += 1;
            }
            Verdict::Unreadable | Verdict::AcceptedForms => {}
        }
    }
    assert!(
        clean > 400 && rejected > 30,
        "{clean} clean, {rejected} rejected"
    );
}

#[test]
fn the_json_sample_validates() {
    let s = schema();
    let text =
        std::fs::read_to_string(common::root().join("fixtures/samples/thi-tran.json")).unwrap();
    let records: Vec<Value> = serde_json::from_str(&text).unwrap();
    for r in &records {
        assert!(s.is_valid(r), "{}", r["id"]);
    }
}

fn template(format: &str) -> String {
    let o = kiemtra(&[
        "--no-config",
        "template",
        "--unit",
        "HC-CB09",
        "--month",
        "2017-03",
        "--format",
        format,
    ]);
    assert_eq!(o.status.code(), Some(0));
    stdout(&o)
}

/// The CSV template's example row, read back into a record the way the table layout says:
/// lists one item per line, assignments `assignee | kind | task | due | remedy` per line.
fn csv_example() -> Value {
    let text = template("csv");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("UTF-8 BOM for spreadsheets");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "one example row");
    let mut record = json!({});
    for (h, cell) in headers.iter().zip(rows[0].iter()) {
        let value = match h {
            "session.topics" | "session.questions" | "session.discussion.opinions" => {
                json!(cell.lines().collect::<Vec<_>>())
            }
            "session.assignments" => json!(cell
                .lines()
                .map(|l| {
                    let f: Vec<&str> = l.split(" | ").collect();
                    json!({"assignee": f[0], "kind": f[1], "task": f[2], "due": f[3],
                           "remedy": f[4] == "true"})
                })
                .collect::<Vec<_>>()),
            "attendance.present" | "attendance.total" | "session.minutes" => {
                json!(cell.parse::<u32>().unwrap())
            }
            "minutes_book.recorded" => json!(cell == "true"),
            _ => json!(cell),
        };
        let mut slot = &mut record;
        for part in h.split('.') {
            slot = &mut slot[part];
        }
        *slot = value;
    }
    record
}

/// Fills every blank leaf of `template` from `example`.
fn fill(template: &mut Value, example: &Value) {
    match template {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if !k.starts_with('_') {
                    fill(v, &example[k.as_str()]);
                }
            }
        }
        Value::Array(items) => {
            let first = items.first().cloned().unwrap_or(Value::Null);
            *items = example
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    let mut t = first.clone();
                    fill(&mut t, e);
                    t
                })
                .collect();
        }
        leaf => {
            if leaf.is_null() || leaf == "" || leaf.as_str().is_some_and(|s| s.ends_with("-DD")) {
                *leaf = example.clone();
            }
        }
    }
}

fn check(record: &Value) -> Value {
    // Tests run in parallel threads: each call gets its own directory.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("kiemtra-template-{}-{call}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("record.json");
    std::fs::write(&file, serde_json::to_string_pretty(record).unwrap()).unwrap();
    let o = kiemtra(&[
        "--no-config",
        "check",
        "--format",
        "json",
        file.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).ok();
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn a_filled_template_is_a_record_the_reader_accepts_without_findings() {
    let mut t: Value = serde_json::from_str(&template("json")).unwrap();
    assert_eq!(t["unit"]["code"], "HC-CB09");
    assert_eq!(t["date"], "2017-03-DD");
    // Guidance for every field that holds a value, in Vietnamese by default.
    let notes = t["_huong_dan"].as_object().unwrap();
    assert!(notes["session.minutes"].as_str().unwrap().contains("30"));
    assert!(notes["kind"]
        .as_str()
        .unwrap()
        .contains("periodic (định kỳ)"));
    let example = csv_example();
    assert_eq!(example["unit"]["code"], "HC-CB09");
    fill(&mut t, &example);
    assert!(schema().is_valid(&t), "the filled template fits the schema");
    let v = check(&t);
    assert_eq!(v["summary"]["rejected"], 0, "{v}");
    assert_eq!(v["summary"]["checked"], 1);
    assert_eq!(
        v["findings"],
        json!([]),
        "a complete meeting has no finding"
    );
}

#[test]
fn an_unfilled_template_is_never_a_pass() {
    let t: Value = serde_json::from_str(&template("json")).unwrap();
    // As printed: the day is to be written, so the record is rejected, not passed.
    let v = check(&t);
    assert_eq!(v["summary"]["rejected"], 1);
    // With only the day written, every blank field is a finding.
    let mut dated = t.clone();
    dated["date"] = json!("2017-03-15");
    let v = check(&dated);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for code in [
        "CD102", "CD201", "CD301", "CD302", "CD306", "CD307", "CD402",
    ] {
        assert!(rules.contains(&code), "{code} in {rules:?}");
    }
}

#[test]
fn templates_read_as_expected() {
    insta::assert_snapshot!("template_json", template("json"));
    insta::assert_snapshot!("template_csv", template("csv"));
    let o = kiemtra(&[
        "--lang",
        "en",
        "--no-config",
        "template",
        "--unit",
        "X",
        "--month",
        "2017-3",
    ]);
    assert_eq!(o.status.code(), Some(2), "the month is YYYY-MM");
}
