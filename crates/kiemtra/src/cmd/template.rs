//! `kiemtra template --unit CODE --month YYYY-MM`: a record to fill in.
//!
//! - `--format json` (default): the record with every field of format v1, blank (`""`, `null`,
//!   `[""]`), the unit code and month filled in (`date` is `YYYY-MM-DD` with `DD` to replace,
//!   so that a template left unfilled is rejected rather than passing), and a companion object
//!   `_huong_dan` giving, for each field's dotted path, a line of guidance and the values it
//!   accepts. The reader ignores `_huong_dan`; the schema allows keys starting with `_`.
//!   Blank values count as absent, so an unfilled field is a finding, never a pass.
//! - `--format csv`: the header row (the Vietnamese labels of the table layout, or with
//!   `--headers dotted` its dotted paths) and one row to fill in: the unit code, the kind, and
//!   the date with its day to write (`DD/03/2017`), so that the row left as it is is rejected,
//!   never passed; every other cell blank.
//! - `--format xlsx`: the same columns as a workbook to fill in (see [`super::template_xlsx`]).
//! - `--format docx`: Word minutes in the province's layout to fill in (see
//!   `kiemtra_input::docx::template`); `--unit` and `--month` fill the code and the title when
//!   given.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use kiemtra_config::Settings;
use kiemtra_input::layout::Column;
use kiemtra_messages::{m, Say};
use kiemtra_rules::{Lang, Month};
use serde_json::{json, Map, Value};

use super::template_fields::{choices, guidance, header, table_columns};
use super::Error;
use crate::cli::{HeadersArg, TemplateArgs, TemplateFormat};
use crate::format_v1::{children, fields, Ty};
use kiemtra_format::FieldAt;

pub fn run(args: &TemplateArgs, settings: &Settings) -> Result<ExitCode, Error> {
    let lang = settings.lang.value;
    let code = args.unit.as_deref().map(str::trim);
    if code == Some("") {
        return Err(m::cli::template::BLANK_UNIT.get(lang).into());
    }
    // The code goes into the template as it is typed: a control or non-printing character
    // (which neither Word nor Excel can hold) is refused, not written.
    if code.is_some_and(|c| {
        c.chars()
            .any(|ch| ch.is_control() || !kiemtra_input::docx::write::xml_char(ch))
    }) {
        return Err(kiemtra_messages::m::hostile::UNIT_CODE_CONTROL
            .get(lang)
            .into());
    }
    let binary = |ext: &str| -> Result<(), Error> {
        if args.output.is_none() && std::io::stdout().is_terminal() {
            return Err(m::cli::template::Binary { ext: &ext }.say(lang).into());
        }
        Ok(())
    };
    let mut bytes = Vec::new();
    if args.format == TemplateFormat::Docx {
        binary("docx")?;
        let parts =
            kiemtra_input::docx::template::parts(code, args.month.map(|m| (m.year, m.month)), lang);
        bytes = kiemtra_input::docx::write::docx(&parts)?;
        return write_out(args, &bytes, lang);
    }
    // The table and JSON templates are one meeting of one cell: its code and month are needed.
    let (Some(code), Some(month)) = (code, args.month) else {
        return Err(m::cli::template::UNIT_AND_MONTH.get(lang).into());
    };
    match args.format {
        TemplateFormat::Json => {
            serde_json::to_writer_pretty(&mut bytes, &blank(code, month, lang))?;
            writeln!(bytes)?;
        }
        TemplateFormat::Csv => {
            // UTF-8 with BOM, so that spreadsheet programs show Vietnamese correctly.
            bytes.write_all("\u{feff}".as_bytes())?;
            let mut w = csv::Writer::from_writer(&mut bytes);
            let columns = table_columns();
            w.write_record(columns.iter().map(|c| header(c, args.headers)))?;
            w.write_record(
                columns
                    .iter()
                    .map(|c| first_row(c, code, month, args.headers)),
            )?;
            w.flush()?;
        }
        TemplateFormat::Xlsx => {
            binary("xlsx")?;
            bytes = kiemtra_report::xlsx::guarded(|| {
                super::template_xlsx::workbook(code, month, args.headers, settings)
            })
            .map_err(|e| super::check::write_error_reason(&e, lang))?;
        }
        TemplateFormat::Docx => {}
    }
    write_out(args, &bytes, lang)
}

/// The template to its file, or to standard output.
fn write_out(args: &TemplateArgs, bytes: &[u8], lang: Lang) -> Result<ExitCode, Error> {
    match &args.output {
        Some(path) => crate::output::write(path, |w| w.write_all(bytes))
            .map_err(|e| crate::problems::cannot_write(path, &e, lang))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The date of the row to fill in: the month given, the day to write.
pub fn date_to_fill(month: Month, headers: HeadersArg) -> String {
    match headers {
        HeadersArg::Vi => format!("DD/{:02}/{}", month.month, month.year),
        HeadersArg::Dotted => format!("{month}-DD"),
    }
}

/// The cell of the CSV template's row to fill in: the unit code, the date with its day to
/// write, a periodic meeting; nothing else.
fn first_row(c: &Column, code: &str, month: Month, headers: HeadersArg) -> String {
    match c.path {
        "unit.code" => code.to_owned(),
        "date" => date_to_fill(month, headers),
        "kind" => choices(c, headers)
            .and_then(|v| v.first().map(|s| (*s).to_owned()))
            .unwrap_or_default(),
        _ => String::new(),
    }
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
