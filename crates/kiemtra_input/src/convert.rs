//! `kiemtra convert`: records from any file kiemtra reads to JSON, JSON Lines or CSV, losing
//! nothing. Records are carried as JSON values, not validated: a record the checker would
//! reject is converted as it is (and rejected when checked); only text that is not a record at
//! all (broken JSON, a row that cannot be read) is reported instead.

use std::io::{self, Write};

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::layout::{self, COLUMNS};
use crate::{
    decode, locate, Chunk, Encoding, FileProblem, Format, Position, Reason, Rejection, TableLimits,
};

/// A record read for conversion.
pub type Object = Map<String, Value>;

/// What one file gives for conversion.
#[derive(Clone, Debug, Default)]
pub struct FileRecords {
    /// The records, in file order, with where each starts.
    pub records: Vec<(Position, Object)>,
    /// The places where no record could be read.
    pub rejected: Vec<Rejection>,
    /// Problems of the file besides (another worksheet holding records, a sheet that breaks).
    pub problems: Vec<FileProblem>,
}

/// The records of one file, in file order, and the places where no record could be read.
/// `Err` when the file gives nothing (not a workbook, no header row).
pub fn read_values(
    bytes: &[u8],
    format: Format,
    encoding: Encoding,
) -> Result<FileRecords, Vec<FileProblem>> {
    match format {
        Format::Json | Format::JsonLines => {
            let (text, _) = decode::to_utf8(bytes, encoding);
            let (chunks, mut rejected) = match format {
                Format::Json => crate::split_json(&text),
                _ => (crate::split_jsonl(&text).collect(), Vec::new()),
            };
            let mut records = Vec::with_capacity(chunks.len());
            let limit = TableLimits::DEFAULT.max_record;
            for chunk in &chunks {
                // The record limit of every route.
                if chunk.text.len() > limit {
                    rejected.push(Rejection {
                        at: chunk.at,
                        reason: Reason::TooLong {
                            limit: limit as u64,
                        },
                    });
                    continue;
                }
                match value_of(chunk) {
                    Ok(v) => records.push((chunk.at, v)),
                    Err(r) => rejected.push(r),
                }
            }
            rejected.sort_by_key(|r| r.at);
            Ok(FileRecords {
                records,
                rejected,
                problems: Vec::new(),
            })
        }
        Format::Docx => read_minutes(bytes, None),
        Format::Csv | Format::Xlsx => {
            let (table, problems) =
                crate::read_table(bytes, format, encoding, &TableLimits::DEFAULT)?;
            let mut read = FileRecords {
                problems,
                ..FileRecords::default()
            };
            for row in &table.rows {
                match table.record(row) {
                    Ok(r) => {
                        if let Value::Object(m) = r.value {
                            read.records.push((r.at, m));
                        }
                    }
                    Err(e) => read.rejected.push(e),
                }
            }
            Ok(read)
        }
    }
}

/// Word minutes as one record (its place: paragraph 1); `unit` is the cell's code when the
/// document has no `Mã chi bộ` line.
pub fn read_minutes(bytes: &[u8], unit: Option<&str>) -> Result<FileRecords, Vec<FileProblem>> {
    let minutes = crate::docx::read(bytes, unit).map_err(|e| vec![FileProblem::Word(e)])?;
    Ok(FileRecords {
        records: vec![(Position::START, minutes.record)],
        ..FileRecords::default()
    })
}

/// One JSON chunk as a record object, its strings in NFC. A record with a key written twice
/// in one object, or two keys that are the same text once in NFC, is refused: a JSON value
/// keeps one of them, so converting it would lose the other without a word.
fn value_of(chunk: &Chunk<'_>) -> Result<Object, Rejection> {
    let text = std::str::from_utf8(chunk.text).map_err(|e| Rejection {
        at: locate::position_in(chunk.text, e.valid_up_to(), chunk.at),
        reason: Reason::NotUtf8,
    })?;
    if let Err(e) = serde_json::from_str::<UniqueKeys>(text) {
        if let Some(key) = e
            .to_string()
            .strip_prefix(REPEATED)
            .and_then(|rest| rest.split(REPEATED_END).next())
        {
            return Err(Rejection {
                at: locate::shift(chunk.at, e.line(), e.column()),
                reason: Reason::RepeatedKey {
                    key: key.to_owned(),
                },
            });
        }
    }
    let value: Value = serde_json::from_str(text).map_err(|e| Rejection {
        at: locate::shift(chunk.at, e.line(), e.column()),
        reason: if e.to_string().starts_with("trailing characters") {
            Reason::TrailingText
        } else {
            Reason::Syntax(crate::JsonProblem::of(&e))
        },
    })?;
    match nfc(value) {
        Value::Object(m) => Ok(m),
        _ => Err(Rejection {
            at: chunk.at,
            reason: Reason::NotAnObject,
        }),
    }
}

/// Reads a JSON value only to find a key repeated in one object (exactly, or once in NFC).
struct UniqueKeys;

const REPEATED: &str = "repeated key «";
const REPEATED_END: &str = "»";

impl<'de> serde::Deserialize<'de> for UniqueKeys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(UniqueKeysVisitor)
    }
}

struct UniqueKeysVisitor;

impl<'de> serde::de::Visitor<'de> for UniqueKeysVisitor {
    type Value = UniqueKeys;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_i64<E>(self, _: i64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_u64<E>(self, _: u64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_f64<E>(self, _: f64) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_str<E>(self, _: &str) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }
    fn visit_unit<E>(self) -> Result<UniqueKeys, E> {
        Ok(UniqueKeys)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueKeys, A::Error> {
        while seq.next_element::<UniqueKeys>()?.is_some() {}
        Ok(UniqueKeys)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeys, A::Error> {
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let key = kiemtra_rules::text::nfc(key).into_owned();
            if seen.contains(&key) {
                return Err(serde::de::Error::custom(format!(
                    "{REPEATED}{key}{REPEATED_END}"
                )));
            }
            map.next_value::<UniqueKeys>()?;
            seen.insert(key);
        }
        Ok(UniqueKeys)
    }
}

/// Every string (keys too) in NFC, as the readers of every format give them.
fn nfc(value: Value) -> Value {
    let text = |s: String| kiemtra_rules::text::nfc(s.into()).into_owned();
    match value {
        Value::String(s) => Value::String(text(s)),
        Value::Array(items) => Value::Array(items.into_iter().map(nfc).collect()),
        Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (text(k), nfc(v))).collect()),
        v => v,
    }
}

/// Column names of a written CSV.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Headers {
    /// The dotted paths of format v1 (`unit.code`).
    #[default]
    Dotted,
    /// The Vietnamese labels (`Mã chi bộ`).
    Vietnamese,
}

/// Records as a pretty-printed JSON array, keys in the order of format v1.
pub fn write_json(records: &[Object], out: &mut dyn Write) -> io::Result<()> {
    let list = Records(records);
    serde_json::to_writer_pretty(&mut *out, &list)?;
    writeln!(out)
}

/// One record per line.
pub fn write_jsonl(records: &[Object], out: &mut dyn Write) -> io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *out, &Ordered::top(r))?;
        writeln!(out)?;
    }
    Ok(())
}

/// A CSV file of the layout, UTF-8 with a byte order mark (so that spreadsheet programs read
/// Vietnamese correctly), CRLF line ends. The `_extra` column is written only when a record
/// needs it.
pub fn write_csv(records: &[Object], headers: Headers, out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<Vec<String>> = records.iter().map(layout::to_cells).collect();
    let with_extra = rows.iter().any(|r| r.last().is_some_and(|c| !c.is_empty()));
    let width = if with_extra {
        COLUMNS.len()
    } else {
        COLUMNS.len() - 1
    };
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let names = COLUMNS.iter().take(width).map(|c| match headers {
        Headers::Dotted => c.path,
        Headers::Vietnamese => c.vi,
    });
    w.write_record(names).map_err(io::Error::other)?;
    for row in &rows {
        // A cell that would start a formula is written behind a `'`, which the CSV reader
        // takes off again.
        let cells = row
            .iter()
            .take(width)
            .map(|c| crate::escape::guard_formula(c));
        w.write_record(cells.map(|c| c.into_owned()))
            .map_err(io::Error::other)?;
    }
    w.flush()
}

struct Records<'a>(&'a [Object]);

impl Serialize for Records<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for r in self.0 {
            seq.serialize_element(&Ordered::top(r))?;
        }
        seq.end()
    }
}

/// A JSON value written with the keys of format v1 in the spec's order, then the others in
/// alphabetical order.
struct Ordered<'a> {
    value: &'a Value,
    object: Option<&'a Object>,
    parent: &'a str,
}

impl<'a> Ordered<'a> {
    fn top(record: &'a Object) -> Ordered<'a> {
        Ordered {
            value: &Value::Null,
            object: Some(record),
            parent: "",
        }
    }
}

impl Serialize for Ordered<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let object = match (self.object, self.value) {
            (Some(m), _) | (None, Value::Object(m)) => m,
            (None, Value::Array(items)) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Ordered {
                        value: item,
                        object: None,
                        parent: self.parent,
                    })?;
                }
                return seq.end();
            }
            (None, v) => return v.serialize(s),
        };
        let order = layout::key_order(self.parent);
        let mut keys: Vec<&String> = object.keys().collect();
        keys.sort_by_key(|k| {
            (
                order
                    .iter()
                    .position(|o| *o == k.as_str())
                    .unwrap_or(usize::MAX),
                k.as_str(),
            )
        });
        let mut map = s.serialize_map(Some(object.len()))?;
        for k in keys {
            if let Some(v) = object.get(k) {
                map.serialize_entry(
                    k,
                    &Ordered {
                        value: v,
                        object: None,
                        parent: k,
                    },
                )?;
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_repeated_or_equal_in_nfc_are_refused_not_collapsed() {
        let text = "{\"unit\": {\"code\": \"A\"}, \"date\": \"2017-01-05\", \"kind\": \"periodic\", \"chair\": \"X\", \"chair\": \"Y\"}\n\
                    {\"unit\": {\"code\": \"B\"}, \"Ho\u{300}a\": 1, \"H\u{f2}a\": 2}\n\
                    {\"unit\": {\"code\": \"C\", \"name\": \"Hòa\"}, \"note\": {\"a\": 1, \"b\": {\"a\": 2}}}\n";
        let read = read_values(text.as_bytes(), Format::JsonLines, Encoding::Utf8).unwrap();
        assert_eq!(read.records.len(), 1);
        let keys: Vec<_> = read
            .rejected
            .iter()
            .map(|r| (r.at.line, r.reason.clone()))
            .collect();
        assert_eq!(
            keys,
            [
                (
                    1,
                    Reason::RepeatedKey {
                        key: "chair".into()
                    }
                ),
                (2, Reason::RepeatedKey { key: "Hòa".into() }),
            ]
        );
    }

    #[test]
    fn a_record_over_the_limit_is_not_converted() {
        let long = format!(
            "{{\"unit\": {{\"code\": \"A\"}}, \"x\": \"{}\"}}\n{{\"unit\": {{\"code\": \"B\"}}}}\n",
            "y".repeat(TableLimits::DEFAULT.max_record)
        );
        let read = read_values(long.as_bytes(), Format::JsonLines, Encoding::Utf8).unwrap();
        assert_eq!(read.records.len(), 1);
        assert!(matches!(read.rejected[0].reason, Reason::TooLong { .. }));
    }

    #[test]
    fn formula_cells_round_trip_through_csv() {
        let text = r#"{"unit": {"code": "=1+1", "name": "+1+1"}, "date": "2017-01-05", "kind": "@SUM(A1)",
            "chair": "-1+1", "secretary": "'=x", "session": {"minutes": "-40", "topics": ["=HYPERLINK(\"http://x\",\"y\")"]}}"#;
        let read = read_values(text.as_bytes(), Format::Json, Encoding::Utf8).unwrap();
        let records: Vec<Object> = read.records.into_iter().map(|(_, r)| r).collect();
        let mut csv = Vec::new();
        write_csv(&records, Headers::Dotted, &mut csv).unwrap();
        let written = String::from_utf8(csv.clone()).unwrap();
        for cell in [
            "'=1+1",
            "'+1+1",
            "'@SUM(A1)",
            "'-1+1",
            "''=x",
            "\"'=HYPERLINK(",
        ] {
            assert!(written.contains(cell), "{cell} in {written}");
        }
        let back = read_values(&csv, Format::Csv, Encoding::Utf8).unwrap();
        let back: Vec<Object> = back.records.into_iter().map(|(_, r)| r).collect();
        assert_eq!(back, records);
    }

    #[test]
    fn json_to_csv_to_json_is_exact() {
        let text = r#"[
          {"unit": {"parent": "P", "code": "A"}, "kind": "periodic", "date": "2017-01-05",
           "session": {"topics": ["Một", "Hai"], "minutes": "40", "assignments": [
              {"assignee": "Chi ủy", "kind": "collective", "task": "Việc | khác", "due": "2017-02-28", "remedy": false}],
              "questions": [], "area": null},
           "attendance": {"present": 18, "total": 20}, "minutes_book": {"recorded": true, "page": 12},
           "other": {"x": [1, 2]}},
          {"unit": {"code": "B"}, "date": "2017-01-06", "kind": "dinh ky", "chair": "Nguyễn Văn An"}
        ]"#;
        let read = read_values(text.as_bytes(), Format::Json, Encoding::Utf8).unwrap();
        assert!(read.rejected.is_empty());
        let records: Vec<Object> = read.records.into_iter().map(|(_, r)| r).collect();
        for headers in [Headers::Dotted, Headers::Vietnamese] {
            let mut csv = Vec::new();
            write_csv(&records, headers, &mut csv).unwrap();
            let back = read_values(&csv, Format::Csv, Encoding::Utf8).unwrap();
            assert!(back.rejected.is_empty());
            let back: Vec<Object> = back.records.into_iter().map(|(_, r)| r).collect();
            assert_eq!(back, records, "{}", String::from_utf8_lossy(&csv));
            // And the CSV of the CSV is the same bytes.
            let mut again = Vec::new();
            write_csv(&back, headers, &mut again).unwrap();
            assert_eq!(again, csv);
        }
        let mut out = Vec::new();
        write_json(&records[1..], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "[\n  {\n    \"unit\": {\n      \"code\": \"B\"\n    },\n    \"date\": \"2017-01-06\",\n    \"kind\": \"dinh ky\",\n    \"chair\": \"Nguyễn Văn An\"\n  }\n]\n"
        );
    }
}
