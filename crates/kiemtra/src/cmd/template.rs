//! `kiemtra template --unit CODE --month YYYY-MM`: a record to fill in.
//!
//! - `--format json` (default): the record with every field of format v1, blank (`""`, `null`,
//!   `[""]`), the unit code and month filled in (`date` is `YYYY-MM-DD` with `DD` to replace,
//!   so that a template left unfilled is rejected rather than passing), and a companion object
//!   `_huong_dan` giving, for each field's dotted path, a line of guidance and the values it
//!   accepts. The reader ignores `_huong_dan`; the schema allows keys starting with `_`.
//!   Blank values count as absent, so an unfilled field is a finding, never a pass.
//! - `--format csv`: the header row (dotted paths, one column per field, lists one item per line
//!   in their cell, `session.assignments` one assignment per line as
//!   `assignee | kind | task | due | remedy`) and one example row of a complete meeting, to be
//!   replaced by the real one.

use std::io::Write;
use std::process::ExitCode;

use kiemtra_rules::{Lang, Month};
use serde_json::{json, Map, Value};

use super::Error;
use crate::cli::{TemplateArgs, TemplateFormat};
use crate::format_v1::{children, fields, guidance as field_guidance, Ty};
use kiemtra_format::FieldAt;

pub fn run(args: &TemplateArgs, lang: Lang) -> Result<ExitCode, Error> {
    let code = args.unit.trim();
    if code.is_empty() {
        return Err("--unit: the cell's code must not be blank".into());
    }
    let mut out = anstream::stdout().lock();
    match args.format {
        TemplateFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &blank(code, args.month, lang))?;
            writeln!(out)?;
        }
        TemplateFormat::Csv => {
            // UTF-8 with BOM, so that spreadsheet programs show Vietnamese correctly.
            out.write_all("\u{feff}".as_bytes())?;
            let mut w = csv::Writer::from_writer(&mut out);
            let columns = csv_columns();
            w.write_record(columns.iter().map(|c| c.path))?;
            let example = example(code, args.month);
            w.write_record(columns.iter().map(|c| cell(&example, c)))?;
            w.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What a blank field holds.
fn blank_value(f: &FieldAt) -> Value {
    match f.field.ty {
        Ty::Text | Ty::Date | Ty::Time | Ty::Enum(_) => json!(""),
        Ty::Count | Ty::Bool => Value::Null,
        Ty::TextList => json!([""]),
        Ty::Object(_) => blank_object(&f.path),
        Ty::ObjectList(_) => json!([blank_object(&format!("{}[]", f.path))]),
    }
}

fn blank_object(path: &str) -> Value {
    let map: Map<String, Value> = children(path)
        .map(|f| (f.field.key.to_owned(), blank_value(f)))
        .collect();
    Value::Object(map)
}

/// The guidance for a field, with the values an enumeration accepts: each code with its
/// Vietnamese name (what a secretary writes, in either language of the template).
fn guidance(f: &FieldAt, lang: Lang) -> String {
    let mut text = field_guidance(f, lang).to_owned();
    if let Ty::Enum(e) = f.field.ty {
        let values: Vec<String> = e
            .values
            .iter()
            .map(|v| format!("{} ({})", v.code, v.name.vi))
            .collect();
        text.push_str(&format!(
            " {} {}.",
            lang.pick("Giá trị:", "Values:"),
            values.join(", ")
        ));
    }
    text
}

/// The JSON template.
pub fn blank(code: &str, month: Month, lang: Lang) -> Value {
    let mut record = blank_object("");
    record["unit"]["code"] = json!(code);
    record["date"] = json!(format!("{month}-DD"));
    record["kind"] = json!("periodic");
    let notes: Map<String, Value> = fields()
        .iter()
        .filter(|f| !matches!(f.field.ty, Ty::Object(_) | Ty::ObjectList(_)))
        .map(|f| (f.path.clone(), json!(guidance(f, lang))))
        .collect();
    if let Value::Object(map) = &mut record {
        map.insert("_huong_dan".into(), Value::Object(notes));
    }
    record
}

/// A complete, compliant meeting of the unit in that month: the CSV template's example row.
fn example(code: &str, month: Month) -> Value {
    let next = month.next();
    json!({
        "id": format!("{code}/{month}-15"),
        "unit": { "code": code, "name": "Chi bộ thôn 1", "parent": "Đảng bộ xã" },
        "date": format!("{month}-15"),
        "kind": "periodic",
        "chair": "Nguyễn Văn An",
        "secretary": "Trần Thị Bình",
        "attendance": { "present": 18, "total": 20 },
        "minutes_book": { "recorded": true, "page": "12" },
        "session": {
            "topics": ["Nâng cao tinh thần tự phê bình và phê bình"],
            "area": "self-criticism",
            "source": { "kind": "ho-chi-minh-writing", "title": "Sửa đổi lối làm việc (1947)" },
            "start": "19:30", "end": "20:10", "minutes": 40,
            "reason": "Góp ý trong chi bộ còn nể nang, ngại va chạm.",
            "assessment": { "strengths": "Đảng viên dự họp đầy đủ.", "weaknesses": "Góp ý còn chung chung." },
            "questions": ["Vì sao còn nể nang khi góp ý?"],
            "discussion": {
                "opinions": ["Đồng chí Lê Văn Hùng: góp ý thẳng thắn ngay trong sinh hoạt."],
                "causes": "Tâm lý ngại va chạm.",
                "measures": "Chi ủy gương mẫu tự phê bình trước."
            },
            "conclusion": "Mỗi đảng viên tự nhận một khuyết điểm và đăng ký biện pháp khắc phục.",
            "assignments": [{
                "assignee": "Chi ủy", "kind": "collective",
                "task": "Theo dõi việc sửa chữa khuyết điểm",
                "due": format!("{next}-28"), "remedy": false
            }],
            "follow_up": { "topic": "Chủ đề của kỳ trước", "result": "achieved", "notes": "Hoàn thành." }
        }
    })
}

/// A column of the CSV template.
pub struct Column {
    /// Dotted path; `session.assignments` holds the whole list.
    pub path: &'static str,
    ty: Ty,
}

/// The columns: every field that holds a value, and the assignments list as one column.
pub fn csv_columns() -> Vec<Column> {
    fields()
        .iter()
        .filter(|f| !matches!(f.field.ty, Ty::Object(_)) && !f.in_list())
        .map(|f| Column {
            path: &f.path,
            ty: f.field.ty,
        })
        .collect()
}

/// The text of a cell: lists one item per line; assignments one per line, fields separated by
/// ` | `; `true`/`false`; numbers as written.
fn cell(record: &Value, column: &Column) -> String {
    let mut v = record;
    for part in column.path.split('.') {
        v = &v[part];
    }
    let scalar = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    match (column.ty, v) {
        (Ty::ObjectList(object), Value::Array(items)) => items
            .iter()
            .map(|item| {
                object
                    .fields
                    .iter()
                    .map(|f| scalar(&item[f.key]))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (_, Value::Array(items)) => items.iter().map(scalar).collect::<Vec<_>>().join("\n"),
        (_, v) => scalar(v),
    }
}
