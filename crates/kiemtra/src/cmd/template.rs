//! `kiemtra template --unit CODE --month YYYY-MM`: a record to fill in.
//!
//! - `--format json` (default): the record with every field of format v1, blank (`""`, `null`,
//!   `[""]`), the unit code and month filled in (`date` is `YYYY-MM-DD` with `DD` to replace,
//!   so that a template left unfilled is rejected rather than passing), and a companion object
//!   `_huong_dan` giving, for each field's dotted path, a line of guidance and the values it
//!   accepts. The reader ignores `_huong_dan`; the schema allows keys starting with `_`.
//!   Blank values count as absent, so an unfilled field is a finding, never a pass.
//! - `--format docx`: Word minutes in the province's layout to fill in (see
//!   `kiemtra_input::docx::template`); `--unit` and `--month` fill the code and the title when
//!   given.
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
use crate::format_v1::{children, FieldDoc, Ty, FIELDS};

pub fn run(args: &TemplateArgs, lang: Lang) -> Result<ExitCode, Error> {
    let code = args.unit.as_deref().map(str::trim);
    if code == Some("") {
        return Err("--unit: the cell's code must not be blank".into());
    }
    let mut buffer = Vec::new();
    match args.format {
        TemplateFormat::Docx => {
            let parts = kiemtra_input::docx::template::parts(
                code,
                args.month.map(|m| (m.year, m.month)),
                lang,
            );
            buffer = kiemtra_input::docx::write::docx(&parts)?;
            if args.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                return Err(lang
                    .pick(
                        "mẫu .docx là tệp nhị phân: thêm -o TỆP.docx",
                        "a .docx template is a binary file: add -o FILE.docx",
                    )
                    .into());
            }
        }
        TemplateFormat::Json | TemplateFormat::Csv => {
            let (Some(code), Some(month)) = (code, args.month) else {
                return Err(lang
                    .pick(
                        "mẫu json và csv cần --unit MÃ và --month YYYY-MM",
                        "json and csv templates need --unit CODE and --month YYYY-MM",
                    )
                    .into());
            };
            if args.format == TemplateFormat::Json {
                serde_json::to_writer_pretty(&mut buffer, &blank(code, month, lang))?;
                writeln!(buffer)?;
            } else {
                // UTF-8 with BOM, so that spreadsheet programs show Vietnamese correctly.
                buffer.write_all("\u{feff}".as_bytes())?;
                let mut w = csv::Writer::from_writer(&mut buffer);
                let columns = csv_columns();
                w.write_record(columns.iter().map(|c| c.path))?;
                let example = example(code, month);
                w.write_record(columns.iter().map(|c| cell(&example, c)))?;
                w.flush()?;
            }
        }
    }
    match &args.output {
        Some(path) => std::fs::write(path, &buffer)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buffer)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What a blank field holds.
fn blank_value(f: &FieldDoc) -> Value {
    match f.ty {
        Ty::Text | Ty::Date | Ty::Time | Ty::Enum(_) => json!(""),
        Ty::Count | Ty::Bool => Value::Null,
        Ty::TextList => json!([""]),
        Ty::Object => blank_object(f.path),
        Ty::ObjectList => json!([blank_object(&format!("{}[]", f.path))]),
    }
}

fn blank_object(path: &str) -> Value {
    let map: Map<String, Value> = children(path)
        .map(|f| (f.key().to_owned(), blank_value(f)))
        .collect();
    Value::Object(map)
}

/// The guidance for a field, with the values an enumeration accepts.
fn guidance(f: &FieldDoc, lang: Lang) -> String {
    let mut text = f.guidance(lang).to_owned();
    if let Ty::Enum(e) = f.ty {
        let values: Vec<String> = e
            .values()
            .into_iter()
            .map(
                |(code, words)| match words.iter().skip(1).find(|w| !w.is_ascii()) {
                    Some(vi) => format!("{code} ({vi})"),
                    None => code.to_owned(),
                },
            )
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
    let notes: Map<String, Value> = FIELDS
        .iter()
        .filter(|f| !matches!(f.ty, Ty::Object | Ty::ObjectList))
        .map(|f| (f.path.to_owned(), json!(guidance(f, lang))))
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
    FIELDS
        .iter()
        .filter(|f| f.ty != Ty::Object && !f.path.contains("[]"))
        .map(|f| Column {
            path: f.path,
            ty: f.ty,
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
        (Ty::ObjectList, Value::Array(items)) => items
            .iter()
            .map(|item| {
                ["assignee", "kind", "task", "due", "remedy"]
                    .iter()
                    .map(|k| scalar(&item[*k]))
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        (_, Value::Array(items)) => items.iter().map(scalar).collect::<Vec<_>>().join("\n"),
        (_, v) => scalar(v),
    }
}
