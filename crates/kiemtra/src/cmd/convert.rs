//! `kiemtra convert`: records between JSON, JSON Lines and CSV, losing nothing (see
//! `kiemtra_input::layout` for how a CSV row holds a record).

use std::io::Write;
use std::process::ExitCode;

use kiemtra_input::convert::{
    read_minutes, read_values, write_csv, write_json, write_jsonl, Headers, Object,
};
use kiemtra_rules::Lang;

use super::Error;
use crate::cli::{ConvertArgs, HeadersArg, RecordFormat};

pub fn run(args: &ConvertArgs, lang: Lang) -> Result<ExitCode, Error> {
    let to = match (args.to, &args.output) {
        (Some(to), _) => to,
        (None, Some(path)) => match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("json") => RecordFormat::Json,
            Some("jsonl" | "ndjson") => RecordFormat::Jsonl,
            Some("csv") => RecordFormat::Csv,
            _ => {
                return Err(match lang {
                    Lang::Vi => format!(
                        "không biết ghi {} theo định dạng nào: thêm --to json|jsonl|csv",
                        path.display()
                    ),
                    Lang::En => format!(
                        "cannot tell the format of {} from its extension: give --to json|jsonl|csv",
                        path.display()
                    ),
                }
                .into())
            }
        },
        (None, None) => {
            return Err(lang
                .pick(
                    "thêm --to json|jsonl|csv, hoặc -o TỆP",
                    "give --to json|jsonl|csv, or -o FILE",
                )
                .into())
        }
    };
    let found = kiemtra_runner::discover(&args.paths, lang)
        .map_err(|p| kiemtra_runner::RunError::Path(p).message(lang))?;
    let mut records: Vec<Object> = Vec::new();
    let mut problems = Vec::new();
    for e in found.errors {
        problems.push(format!("{}  {}", e.file, e.reason));
    }
    for (path, format) in &found.files {
        let name = path.to_string_lossy().replace('\\', "/");
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{name}  {e}"));
                continue;
            }
        };
        let read = match format {
            kiemtra_input::Format::Docx => read_minutes(&bytes, args.unit.as_deref(), lang),
            _ => read_values(&bytes, *format, args.encoding),
        };
        match read {
            Ok(read) => {
                records.extend(read.records.into_iter().map(|(_, v)| v));
                for r in read.rejected {
                    problems.push(format!(
                        "{name}:{}:{}  {}",
                        r.at.line,
                        r.at.column,
                        r.reason.message(lang)
                    ));
                }
                if let Some(p) = read.problem {
                    problems.push(format!("{name}  {p}"));
                }
            }
            Err(e) => problems.push(format!("{name}  {e}")),
        }
    }
    let mut buffer = Vec::new();
    match to {
        RecordFormat::Json => write_json(&records, &mut buffer)?,
        RecordFormat::Jsonl => write_jsonl(&records, &mut buffer)?,
        RecordFormat::Csv => {
            let headers = match args.headers {
                HeadersArg::Dotted => Headers::Dotted,
                HeadersArg::Vi => Headers::Vietnamese,
            };
            write_csv(&records, headers, &mut buffer)?;
        }
    }
    match &args.output {
        Some(path) => std::fs::write(path, &buffer).map_err(|e| match lang {
            Lang::Vi => format!(
                "không ghi được {}: {}",
                path.display(),
                kiemtra_config::io_error(&e, lang)
            ),
            Lang::En => format!("cannot write {}: {e}", path.display()),
        })?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buffer)?;
            out.flush()?;
        }
    }
    let mut err = std::io::stderr().lock();
    for p in &problems {
        writeln!(
            err,
            "{} {p}",
            lang.pick("không chuyển được:", "not converted:")
        )?;
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
