//! The test that the readers and writers cannot drift from the declaration of format v1: from
//! the declaration alone ([`kiemtra_format::table::RECORD`]) it builds records with every field
//! filled, unreadable or blank, and checks every route on them. A field added to the
//! declaration is covered with no edit here.

use kiemtra_format::{Object, Ty};
use kiemtra_rules::RecordDoc;
use serde_json::{json, Map, Value};
use unicode_normalization::UnicodeNormalization;

use crate::convert::{read_values, write_csv, Headers};
use crate::layout::{self, Kind, COLUMNS};
use crate::{Encoding, Format};

/// What the fields of a built record hold.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fill {
    /// Readable: codes of enumerations, text in NFC.
    Codes,
    /// Readable as a secretary writes it: enumerations by their Vietnamese names, text in NFD
    /// with the old tone placement (`hoà`).
    Names,
    /// Written but unreadable: a value of the wrong shape for every field that holds a value
    /// (the objects and lists that hold them are readable).
    Unreadable,
    /// Written but blank (Vietnamese blanks among them): counts as absent.
    Blank,
}

fn record(object: &Object, fill: Fill, at: &str) -> Map<String, Value> {
    object
        .fields
        .iter()
        .map(|f| {
            let path = format!("{at}{}", f.key);
            (f.key.to_owned(), value(f.ty, fill, &path))
        })
        .collect()
}

fn value(ty: Ty, fill: Fill, path: &str) -> Value {
    match (ty, fill) {
        (Ty::Object(o), _) => Value::Object(record(o, fill, &format!("{path}."))),
        (Ty::ObjectList(o), Fill::Unreadable) => json!([record(o, fill, &format!("{path}[]."))]),
        (Ty::ObjectList(o), _) => json!([
            record(o, fill, &format!("{path}[0].")),
            record(o, fill, &format!("{path}[1]."))
        ]),
        (Ty::Text, Fill::Codes) => json!(format!("Nội dung “{path}”")),
        (Ty::Text, Fill::Names) => json!(format!("Hoà hợp: {path}").nfd().collect::<String>()),
        (Ty::TextList, Fill::Codes) => json!([format!("Một: {path}"), "Hai"]),
        (Ty::TextList, Fill::Names) => json!([format!("Thuỷ: {path}").nfd().collect::<String>()]),
        (Ty::Date, Fill::Codes | Fill::Names) => json!("2017-01-15"),
        (Ty::Time, Fill::Codes | Fill::Names) => json!("19:30"),
        (Ty::Count, Fill::Codes | Fill::Names) => json!(40),
        (Ty::Bool, Fill::Codes) => json!(true),
        (Ty::Bool, Fill::Names) => json!(false),
        (Ty::Enum(e), Fill::Codes) => json!(e.values[0].code),
        (Ty::Enum(e), Fill::Names) => json!(e.values[e.values.len() - 1].name.vi),
        // Text where a text is expected cannot be unreadable: a boolean is.
        (Ty::Text, Fill::Unreadable) => json!(true),
        (Ty::TextList, Fill::Unreadable) => json!([true]),
        (_, Fill::Unreadable) => json!([1]),
        (Ty::Text, Fill::Blank) => json!("…"),
        (Ty::TextList, Fill::Blank) => json!(["", "N/A"]),
        (Ty::Date | Ty::Time | Ty::Enum(_), Fill::Blank) => json!(" "),
        (Ty::Count | Ty::Bool, Fill::Blank) => Value::Null,
    }
}

/// The JSON pointers the walk of unreadable values must give for a record of `Fill::Unreadable`.
fn unreadable_pointers(object: &Object, at: &str, out: &mut Vec<String>) {
    for f in object.fields {
        let here = format!("{at}/{}", f.key);
        match f.ty {
            Ty::Object(o) => unreadable_pointers(o, &here, out),
            Ty::ObjectList(o) => unreadable_pointers(o, &format!("{here}/0"), out),
            Ty::TextList => out.push(format!("{here}/0")),
            _ => out.push(here),
        }
    }
}

/// Every field that holds an object or a list, by its keys from the top, with a value of the
/// wrong shape for it (a text for an object, an object for a list).
fn composite_fields(
    object: &Object,
    at: &[&'static str],
    out: &mut Vec<(Vec<&'static str>, Value)>,
) {
    for f in object.fields {
        let mut here = at.to_vec();
        here.push(f.key);
        match f.ty {
            Ty::Object(o) => {
                out.push((here.clone(), json!("chữ")));
                composite_fields(o, &here, out);
            }
            Ty::ObjectList(_) | Ty::TextList => out.push((here, json!({"a": 1}))),
            _ => {}
        }
    }
}

/// Both readers read `text`, the fast one by itself, to the same record field by field (the
/// first line of the records that differs names the field).
fn read_alike(text: &str) -> RecordDoc<'_> {
    let fast =
        crate::fast::parse_doc(text).unwrap_or_else(|| panic!("fast reader gave up: {text}"));
    let slow: RecordDoc<'_> = serde_json::from_str(text).unwrap();
    let (f, s) = (format!("{fast:#?}"), format!("{slow:#?}"));
    if let Some((f, s)) = f.lines().zip(s.lines()).find(|(f, s)| f != s) {
        panic!(
            "the readers disagree: fast {:?}, serde {:?}",
            f.trim(),
            s.trim()
        );
    }
    assert_eq!(f, s, "{text}");
    slow
}

fn top() -> &'static Object {
    kiemtra_format::table::RECORD
}

#[test]
fn filled_records_are_read_alike_and_every_field_is_readable() {
    for fill in [Fill::Codes, Fill::Names] {
        let text = Value::Object(record(top(), fill, "")).to_string();
        let doc = read_alike(&text);
        assert_eq!(doc.unreadable(), Vec::<String>::new(), "{fill:?}");
        // Every field of every object is there and readable.
        let debug = format!("{doc:?}");
        for not in ["Absent", "Unreadable", "Invalid"] {
            assert!(!debug.contains(not), "{fill:?}: {not} in {debug}");
        }
    }
}

#[test]
fn unreadable_values_are_read_alike_and_each_is_reported() {
    let text = Value::Object(record(top(), Fill::Unreadable, "")).to_string();
    let doc = read_alike(&text);
    let mut expected = Vec::new();
    unreadable_pointers(top(), "", &mut expected);
    assert_eq!(doc.unreadable(), expected);
    assert!(!format!("{doc:?}").contains("Invalid"));

    // An object or list of the wrong shape, alone in a filled record: that field only.
    let mut composites = Vec::new();
    composite_fields(top(), &[], &mut composites);
    assert!(composites.len() >= 8, "{composites:?}");
    for (keys, wrong) in composites {
        let mut record = record(top(), Fill::Codes, "");
        let (last, parents) = keys.split_last().unwrap();
        let mut at = &mut record;
        for k in parents {
            at = at.get_mut(*k).and_then(Value::as_object_mut).unwrap();
        }
        at.insert((*last).to_owned(), wrong);
        let text = Value::Object(record).to_string();
        let doc = read_alike(&text);
        assert_eq!(doc.unreadable(), [format!("/{}", keys.join("/"))], "{text}");
    }
}

#[test]
fn blank_records_are_read_alike_and_nothing_is_reported() {
    let text = Value::Object(record(top(), Fill::Blank, "")).to_string();
    let doc = read_alike(&text);
    assert_eq!(doc.unreadable(), Vec::<String>::new());
    assert!(!format!("{doc:?}").contains("Invalid"));
}

/// The records of the test, as the JSON reader gives them (strings in NFC).
fn json_records() -> Vec<Map<String, Value>> {
    let lines: String = [Fill::Codes, Fill::Names, Fill::Unreadable, Fill::Blank]
        .into_iter()
        .map(|fill| format!("{}\n", Value::Object(record(top(), fill, ""))))
        .collect();
    let read = read_values(lines.as_bytes(), Format::JsonLines, Encoding::Utf8).unwrap();
    assert!(read.rejected.is_empty());
    read.records.into_iter().map(|(_, r)| r).collect()
}

fn records_of(bytes: &[u8], format: Format) -> Vec<Map<String, Value>> {
    let read = read_values(bytes, format, Encoding::Utf8).unwrap();
    assert!(read.rejected.is_empty(), "{:?}", read.rejected);
    read.records.into_iter().map(|(_, r)| r).collect()
}

#[test]
fn json_to_csv_to_json_is_exact() {
    let records = json_records();
    for headers in [Headers::Dotted, Headers::Vietnamese] {
        let mut csv = Vec::new();
        write_csv(&records, headers, &mut csv).unwrap();
        assert_eq!(records_of(&csv, Format::Csv), records, "{headers:?}");
    }
    // The filled records need no `_extra`: every field has a column of its own.
    for record in &records[..2] {
        let cells = layout::to_cells(record);
        assert_eq!(cells.last().map(String::as_str), Some(""), "{cells:?}");
    }
}

#[test]
fn json_to_xlsx_to_json_is_exact() {
    let records = json_records();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, c) in (0u16..).zip(COLUMNS.iter()) {
        sheet.write_string(0, col, c.vi).unwrap();
    }
    for (row, record) in (1u32..).zip(&records) {
        for ((col, c), cell) in (0u16..).zip(COLUMNS.iter()).zip(layout::to_cells(record)) {
            if cell.is_empty() {
                continue;
            }
            // Typed cells, as a spreadsheet program keeps numbers and yes/no.
            match (c.kind, cell.parse::<u32>(), cell.parse::<bool>()) {
                (Kind::Integer, Ok(n), _) => sheet.write_number(row, col, f64::from(n)),
                (Kind::Boolean, _, Ok(b)) => sheet.write_boolean(row, col, b),
                _ => sheet.write_string(row, col, &cell),
            }
            .unwrap();
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    assert_eq!(records_of(&bytes, Format::Xlsx), records);
}

/// The libFuzzer dictionary of the JSON targets (`fuzz/json.dict`): JSON's own tokens, every key
/// and every enumeration code and Vietnamese name of the declaration, then values and byte
/// sequences that reach the readers' corners (dates, times, escapes, combining marks).
fn fuzz_dictionary() -> String {
    let mut words: Vec<String> = ["{", "}", "[", "]", ":", ",", "null", "true", "false"]
        .map(str::to_owned)
        .to_vec();
    let mut add = |w: String| {
        if !words.contains(&w) {
            words.push(w);
        }
    };
    for f in kiemtra_format::fields() {
        add(format!("\"{}\"", f.field.key));
        if let Ty::Enum(e) = f.field.ty {
            for v in e.values {
                add(format!("\"{}\"", v.code));
                add(format!("\"{}\"", v.name.vi));
            }
        }
    }
    for w in [
        "\"2017-01-15\"",
        "\"15/01/2017\"",
        "\"19:30\"",
        "\\u0041",
        "\\n",
    ] {
        add(w.to_owned());
    }
    // A combining grave accent, `ệ` precomposed, and `hòa` with the accent combining.
    for w in ["\u{300}", "\u{1ec7}", "ho\u{300}a"] {
        add(w.to_owned());
    }
    let mut out = String::from(
        "# Generated from the declaration of record format v1 (kiemtra_format): do not edit.\n\
         # Rewrite with `KIEMTRA_WRITE_FUZZ_DICT=1 cargo test -p kiemtra_input fuzz_dictionary`.\n",
    );
    for w in words {
        out.push('"');
        for b in w.bytes() {
            match b {
                b'"' | b'\\' => out.extend(['\\', char::from(b)]),
                0x20..=0x7e => out.push(char::from(b)),
                _ => out.push_str(&format!("\\x{b:02x}")),
            }
        }
        out.push_str("\"\n");
    }
    out
}

#[test]
fn the_committed_fuzz_dictionary_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/json.dict");
    let generated = fuzz_dictionary();
    if std::env::var_os("KIEMTRA_WRITE_FUZZ_DICT").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == generated,
        "fuzz/json.dict is out of date: rewrite it with \
         `KIEMTRA_WRITE_FUZZ_DICT=1 cargo test -p kiemtra_input fuzz_dictionary`"
    );
}

/// The text of `value` with `key` written twice in the object at `path` (in the first item of a
/// list of objects).
fn with_duplicate(value: &Value, path: &[&str], key: &str) -> String {
    match (value, path) {
        (Value::Array(items), _) => {
            let mut out: Vec<String> = items.iter().map(Value::to_string).collect();
            out[0] = with_duplicate(&items[0], path, key);
            format!("[{}]", out.join(","))
        }
        (Value::Object(map), _) => {
            let mut entries: Vec<String> = map
                .iter()
                .map(|(k, v)| match path {
                    [first, rest @ ..] if first == k => {
                        format!("{}:{}", json!(k), with_duplicate(v, rest, key))
                    }
                    _ => format!("{}:{}", json!(k), v),
                })
                .collect();
            if path.is_empty() {
                entries.push(format!("{}:{}", json!(key), map[key]));
            }
            format!("{{{}}}", entries.join(","))
        }
        _ => unreachable!("{value}"),
    }
}

#[test]
fn a_key_written_twice_is_left_to_serde_which_rejects_it() {
    fn each(object: &Object, path: &mut Vec<&'static str>, record: &Value) {
        for f in object.fields {
            let text = with_duplicate(record, path, f.key);
            assert!(crate::fast::parse_doc(&text).is_none(), "{text}");
            assert!(
                serde_json::from_str::<RecordDoc<'_>>(&text).is_err(),
                "{text}"
            );
            if let Ty::Object(o) | Ty::ObjectList(o) = f.ty {
                path.push(f.key);
                each(o, path, record);
                path.pop();
            }
        }
    }
    let record = Value::Object(record(top(), Fill::Codes, ""));
    each(top(), &mut Vec::new(), &record);
}

#[test]
fn every_object_fits_the_fast_readers_mask_of_keys_seen() {
    assert!(top().fields.len() <= 64);
    for f in kiemtra_format::fields() {
        if let Ty::Object(o) | Ty::ObjectList(o) = f.field.ty {
            assert!(o.fields.len() <= 64, "{}", o.name);
        }
    }
}

/// The quoted strings of a piece of Python source, in order.
fn python_strings(source: &str) -> Vec<&str> {
    source.split('"').skip(1).step_by(2).collect()
}

/// `scripts/make-fixtures.py` writes the CSV and XLSX fixtures in Python, with its own copy of
/// the columns and of the Vietnamese names of three enumerations: they are the declaration's.
#[test]
fn the_fixture_script_writes_the_columns_and_names_of_the_declaration() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/make-fixtures.py");
    let script = std::fs::read_to_string(path).unwrap();
    let columns = script
        .split_once("\nCOLUMNS = [")
        .and_then(|(_, rest)| rest.split_once("\n]"))
        .map(|(block, _)| python_strings(block))
        .unwrap();
    let declared: Vec<&str> = COLUMNS
        .iter()
        .filter(|c| c.kind != Kind::Extra)
        .flat_map(|c| [c.path, c.vi])
        .collect();
    assert_eq!(columns, declared, "COLUMNS of scripts/make-fixtures.py");
    for (name, enumeration) in [
        ("KIND_VI", "Kind"),
        ("RESULT_VI", "FollowUpResult"),
        ("ASSIGNEE_VI", "AssigneeKind"),
    ] {
        let line = script
            .lines()
            .find(|l| l.starts_with(&format!("{name} = {{")))
            .unwrap();
        let written = python_strings(line);
        let e = kiemtra_format::table::ENUMERATIONS
            .iter()
            .find(|e| e.name == enumeration)
            .unwrap();
        // Pairs in any order.
        let mut written: Vec<(&str, &str)> = written.chunks(2).map(|c| (c[0], c[1])).collect();
        let mut declared: Vec<(&str, &str)> =
            e.values.iter().map(|v| (v.code, v.name.vi)).collect();
        written.sort_unstable();
        declared.sort_unstable();
        assert_eq!(written, declared, "{name}");
    }
}

/// A record is rejected without a field exactly when the declaration says it is required (the
/// objects holding it given).
#[test]
fn a_record_without_a_field_is_rejected_exactly_when_the_field_is_required() {
    fn each(object: &Object, path: &mut Vec<&'static str>, record: &Value) {
        for f in object.fields {
            let mut without = record.clone();
            let mut at = &mut without;
            for k in path.iter() {
                at = &mut at[*k];
            }
            at.as_object_mut().unwrap().remove(f.key);
            let text = without.to_string();
            let read = crate::parse(&crate::Chunk {
                text: text.as_bytes(),
                at: crate::Position::START,
            });
            assert_eq!(read.is_err(), f.required, "without {path:?}.{}", f.key);
            if let Ty::Object(o) = f.ty {
                path.push(f.key);
                each(o, path, record);
                path.pop();
            }
        }
    }
    let record = Value::Object(record(top(), Fill::Codes, ""));
    each(top(), &mut Vec::new(), &record);
}
