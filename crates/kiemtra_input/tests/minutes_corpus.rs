//! The corpus of Word minutes written from public examples (`fixtures/minutes/`): each document
//! is built into a `.docx` from its text, read, validated and checked, and compared field by
//! field and rule by rule with the reading written for it beforehand (its `.json`).
//!
//! The test prints every discrepancy and the rate by source, and fails when fewer documents
//! than [`READ_WITHOUT_DISCREPANCY`] are read without any.
//!
//! `KIEMTRA_WRITE_MINUTES_DOCX=DIR cargo test -p kiemtra_input --test minutes_corpus` also
//! writes the `.docx` files into DIR, to open them in Word or give them to `kiemtra read`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kiemtra_input::docx::write::{docx, parts_of_text as parts};
use kiemtra_rules::model::ClockTime;
use kiemtra_rules::rules::check_record;
use kiemtra_rules::{Pack, RecordDoc};
use serde::Deserialize;
use serde_json::{Map, Value};

/// How many documents of the corpus are read without any discrepancy (of 25); the test fails
/// below it.
const READ_WITHOUT_DISCREPANCY: usize = 25;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/minutes")
}

#[derive(Deserialize)]
struct Expected {
    source: String,
    fields: BTreeMap<String, Value>,
    findings: Vec<String>,
}

fn get<'v>(record: &'v Map<String, Value>, path: &str) -> Option<&'v Value> {
    let mut parts = path.split('.');
    let mut v = record.get(parts.next()?)?;
    for key in parts {
        v = v.get(key)?;
    }
    Some(v)
}

fn blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => kiemtra_rules::text::is_blank(s),
        Some(Value::Array(items)) => items.iter().all(|i| blank(Some(i))),
        Some(_) => false,
    }
}

fn folded(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn as_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The discrepancies of one document.
fn compare(name: &str, bytes: &[u8], expected: &Expected) -> Vec<String> {
    let mut out = Vec::new();
    let minutes = match kiemtra_input::docx::read(bytes, Some("CB")) {
        Ok(m) => m,
        Err(e) => return vec![format!("not read: {e:?}")],
    };
    let raw = &minutes.record;
    let value = Value::Object(raw.clone());
    let doc = match RecordDoc::deserialize(&value) {
        Ok(d) => d,
        Err(e) => return vec![format!("not a record: {e}")],
    };
    let mut record = match kiemtra_rules::validate(doc) {
        Ok(r) => r,
        Err(invalid) => return vec![format!("rejected: {invalid:?}")],
    };
    minutes.mark(&mut record);
    for (path, want) in &expected.fields {
        let got = get(raw, path);
        let wrong = match (path.as_str(), want) {
            ("kind", Value::String(k)) => record.kind.code() != k,
            ("date", Value::String(d)) => record.date.to_string() != *d,
            ("session", Value::Bool(b)) => record.session().is_some() != *b,
            ("session.area", Value::String(a)) => {
                // Words outside the list read as `other` (catalogue v1.2).
                let read = record.session().and_then(|s| match &s.area {
                    kiemtra_rules::Field::Value(v) => Some(v.code()),
                    kiemtra_rules::Field::Invalid(_) => Some("other"),
                    _ => None,
                });
                read != Some(a.as_str())
            }
            ("session.start" | "session.end", Value::String(t)) => {
                ClockTime::parse(&as_text(got)).map(|c| c.0.format("%H:%M").to_string())
                    != Some(t.clone())
            }
            (
                "session.discussion.opinions" | "session.assignments" | "session.questions",
                Value::Number(n),
            ) => {
                let count = match got {
                    Some(Value::Array(items)) => {
                        items.iter().filter(|i| !blank(Some(i))).count() as u64
                    }
                    _ => 0,
                };
                Some(count) != n.as_u64()
            }
            (_, Value::Number(n)) => {
                let got = match got {
                    Some(Value::Number(g)) => g.as_u64(),
                    Some(Value::String(s)) => s.trim().parse().ok(),
                    _ => None,
                };
                got != n.as_u64()
            }
            (_, Value::Null) => !blank(got),
            (_, Value::Bool(b)) => blank(got) == *b,
            (_, Value::String(s)) if path == "month" => as_text(got) != *s,
            (_, Value::String(s)) => !folded(&as_text(got)).contains(&folded(s)),
            (_, Value::Array(want)) => match got {
                Some(Value::Array(items)) => {
                    items.len() != want.len()
                        || items.iter().zip(want).any(|(g, w)| {
                            !folded(&as_text(Some(g))).contains(&folded(&as_text(Some(w))))
                        })
                }
                _ => true,
            },
            _ => true,
        };
        if wrong {
            out.push(format!("{path}: expected {want}, read {}", as_text(got)));
        }
    }
    let params = Pack::embedded().parameters;
    let mut violations = Vec::new();
    check_record(&record, &params, &mut violations);
    let mut codes: Vec<String> = violations
        .iter()
        .map(|v| v.rule.code().to_owned())
        .collect();
    codes.sort();
    codes.dedup();
    let mut want = expected.findings.clone();
    want.sort();
    for c in codes.iter().filter(|c| !want.contains(c)) {
        out.push(format!("finding {c} not expected"));
    }
    for c in want.iter().filter(|c| !codes.contains(c)) {
        out.push(format!("finding {c} expected, not given"));
    }
    let _ = name;
    out
}

#[test]
fn the_corpus_of_public_minutes_is_read_as_a_careful_reader_reads_it() {
    let dir = corpus_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "txt").then(|| p.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    names.sort();
    assert!(names.len() >= 25, "{} documents", names.len());
    let write_to = std::env::var_os("KIEMTRA_WRITE_MINUTES_DOCX").map(PathBuf::from);
    let mut clean = 0;
    let mut by_source: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for name in &names {
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
        let expected: Expected = serde_json::from_str(
            &std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap(),
        )
        .unwrap_or_else(|e| panic!("{name}.json: {e}"));
        let bytes = docx(&parts(&text)).unwrap();
        if let Some(dir) = &write_to {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(format!("{name}.docx")), &bytes).unwrap();
        }
        let wrong = compare(name, &bytes, &expected);
        let host = expected
            .source
            .split('/')
            .nth(2)
            .unwrap_or(&expected.source)
            .to_owned();
        let entry = by_source.entry(host).or_default();
        entry.1 += 1;
        if wrong.is_empty() {
            clean += 1;
            entry.0 += 1;
            println!("{name}: read without discrepancy");
        } else {
            println!("{name}: {} discrepancies", wrong.len());
            for w in &wrong {
                println!("    {w}");
            }
        }
    }
    println!("\nby source:");
    for (host, (ok, all)) in &by_source {
        println!("  {host}: {ok}/{all}");
    }
    println!(
        "\nread without discrepancy: {clean}/{} documents",
        names.len()
    );
    assert!(
        clean >= READ_WITHOUT_DISCREPANCY,
        "{clean} documents read without discrepancy, fewer than {READ_WITHOUT_DISCREPANCY}"
    );
}
