//! `kiemtra schema`: the JSON Schema of record format v1, made from [`crate::format_v1`]. The
//! same text is committed as `schema/record-v1.schema.json` (a test keeps them equal).

use std::io::Write;
use std::process::ExitCode;

use serde_json::{json, Map, Value};

use super::Error;
use crate::format_v1::{accepted, children, spellings, Ty};
use kiemtra_format::FieldAt;

pub fn run() -> Result<ExitCode, Error> {
    let mut out = anstream::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &schema())?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// A value with no letter or digit, or `n/a`, `na`, `null`, `none`: blank, which the reader
/// counts as absent (the rule catalogue, *blank*). Letters: ASCII and Vietnamese (U+00C0–U+1EF9).
const BLANK: &str =
    "^([^0-9A-Za-z\u{00C0}-\u{1EF9}]*|\\s*([nN]/?[aA]|[nN][uU][lL][lL]|[nN][oO][nN][eE])\\s*)$";
const DATE: &str =
    "^([0-9]{4}-(0?[1-9]|1[0-2])-(0?[1-9]|[12][0-9]|3[01])|(0?[1-9]|[12][0-9]|3[01])/(0?[1-9]|1[0-2])/[0-9]{4})$";
const TIME: &str = "^([01]?[0-9]|2[0-3]):[0-5][0-9]$";

fn describe(f: &FieldAt) -> String {
    format!("{} / {}", f.field.guidance.vi, f.field.guidance.en)
}

/// Optional fields may also be `null` or blank: both count as absent.
fn absent_allowed(schema: Value, f: &FieldAt) -> Value {
    if f.field.required {
        return schema;
    }
    json!({ "anyOf": [schema, { "type": "null" }, { "type": "string", "pattern": BLANK }] })
}

fn field(f: &FieldAt) -> Value {
    let base = match f.field.ty {
        Ty::Text if f.field.required => {
            json!({ "type": "string", "pattern": "[0-9A-Za-z\u{00C0}-\u{1EF9}]" })
        }
        Ty::Text => json!({ "type": "string" }),
        Ty::Date => json!({ "type": "string", "pattern": DATE }),
        Ty::Time => json!({ "type": "string", "pattern": TIME }),
        Ty::Count => json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX }),
        Ty::Bool => json!({ "type": "boolean" }),
        Ty::TextList => json!({ "type": "array", "items": { "type": ["string", "null"] } }),
        Ty::Enum(e) => {
            let mut one_of: Vec<Value> = accepted(e)
                .into_iter()
                .map(|(code, words)| json!({ "title": code, "enum": spellings(words) }))
                .collect();
            if f.path == "session.area" {
                // Words that name no listed area are `other`, kept (catalogue v1.2).
                one_of.push(json!({ "title": "other", "type": "string" }));
            }
            json!({ "anyOf": one_of })
        }
        Ty::Object(_) => object(&f.path),
        Ty::ObjectList(_) => json!({ "type": "array", "items": object(&format!("{}[]", f.path)) }),
    };
    let mut schema = absent_allowed(base, f);
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), Value::String(describe(f)));
    }
    schema
}

/// The object at `path`: its fields, which are required, and no others (keys starting with `_`
/// are free, for notes such as the template's `_huong_dan`).
fn object(path: &str) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in children(path) {
        properties.insert(f.field.key.to_owned(), field(f));
        if f.field.required {
            required.push(f.field.key);
        }
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "patternProperties": { "^_": {} },
        "additionalProperties": false,
    })
}

pub fn schema() -> Value {
    let mut root = object("");
    let head = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:kiemtra:record-format:v1",
        "title": "Biên bản sinh hoạt chi bộ — định dạng bản ghi v1 / Meeting record, format v1",
        "description": "Một bản ghi: những gì sổ biên bản của chi bộ ghi về một cuộc họp. \
    Trình đọc của kiemtra dễ dãi hơn lược đồ này: nó đọc cả các cách ghi quen dùng (19h30, 40 phút, Đã ghi, 05-03-2017, \
    tháng 5/2017); giá trị không đọc được (ví dụ minutes là “khoảng 40 phút”) được coi như bỏ trống \
    và được chỉ ra trong báo cáo; giá trị liệt kê được chấp nhận không phân biệt hoa thường, có hay không dấu. \
    Lược đồ mô tả những gì phần mềm xuất dữ liệu NÊN ghi. / One record: what a cell's minutes book says about one meeting. \
    kiemtra's reader is more lenient than this schema (it also reads the forms people write: 19h30, 40 phút, Đã ghi, \
    05-03-2017, tháng 5/2017; a value it cannot read counts as absent and is shown in the report; \
    enumerated values are matched in any case, with or without diacritics); the schema says what an exporter SHOULD write.",
    });
    if let (Value::Object(root), Value::Object(head)) = (&mut root, head) {
        let body = std::mem::take(root);
        root.extend(head);
        root.extend(body);
    }
    root
}
