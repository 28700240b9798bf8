//! `kiemtra convert`: records between JSON, JSON Lines and CSV, losing nothing (see
//! `kiemtra_input::layout` for how a CSV row holds a record).

use std::io::Write;
use std::process::ExitCode;

use kiemtra_input::convert::{
    read_minutes, read_values, write_csv, write_json, write_jsonl, Headers, Object,
};
use kiemtra_messages::{m, Say};
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
                return Err(m::cli::convert::FormatUnknown {
                    file: &path.display(),
                }
                .say(lang)
                .into())
            }
        },
        (None, None) => return Err(m::cli::convert::FORMAT_NEEDED.get(lang).into()),
    };
    if let Some(path) = &args.output {
        crate::output::check(&[path], &args.paths, &[]).map_err(|r| r.message(lang))?;
    }
    let found = kiemtra_runner::discover(&args.paths)
        .map_err(|p| kiemtra_runner::RunError::Path(p).message(lang))?;
    let mut records: Vec<Object> = Vec::new();
    let mut problems = Vec::new();
    for e in found.errors {
        problems.push(format!("{}  {}", e.file, e.message(lang)));
    }
    for (path, format) in &found.files {
        let name = path.to_string_lossy().replace('\\', "/");
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                let e = kiemtra_input::FileProblem::Open(kiemtra_input::IoProblem::of(&e));
                problems.push(format!("{name}  {}", e.message(lang)));
                continue;
            }
        };
        let read = match format {
            kiemtra_input::Format::Docx => read_minutes(&bytes, args.unit.as_deref()),
            _ => read_values(&bytes, *format, args.encoding),
        };
        match read {
            Ok(read) => {
                records.extend(read.records.into_iter().map(|(_, v)| v));
                for r in read.rejected {
                    let place = place(&name, *format, r.at.line, r.at.column, lang);
                    problems.push(format!("{place}  {}", r.reason.message(lang)));
                }
                for p in read.problems {
                    problems.push(format!("{name}  {}", p.message(lang)));
                }
            }
            Err(e) => {
                for p in e {
                    problems.push(format!("{name}  {}", p.message(lang)));
                }
            }
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
        Some(path) => crate::output::write(path, |out| out.write_all(&buffer))
            .map_err(|e| crate::problems::cannot_write(path, &e, lang))?,
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
            "{} {}",
            m::cli::convert::NOT_CONVERTED.get(lang),
            kiemtra_input::escape::Shown(p)
        )?;
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Where a rejected record is: a row and a lettered column in a table, as a spreadsheet shows
/// them (`dòng 2, cột E`); a line and column elsewhere (`file:3:1`).
fn place(
    file: &str,
    format: kiemtra_input::Format,
    line: impl Into<u64>,
    column: impl Into<u64>,
    lang: Lang,
) -> String {
    let (line, column) = (line.into(), column.into());
    match format {
        kiemtra_input::Format::Csv | kiemtra_input::Format::Xlsx => m::cli::convert::PlaceInTable {
            file: &file,
            row: &line,
            column: &column_letters(column),
        }
        .say(lang),
        _ => format!("{file}:{line}:{column}"),
    }
}

/// A spreadsheet's name of a 1-based column: 1 → A, 26 → Z, 27 → AA.
fn column_letters(mut column: u64) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rest = (column - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        column = (column - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_in_a_table_is_a_row_and_a_lettered_column() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(5), "E");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(
            place(
                "bien-ban.xlsx",
                kiemtra_input::Format::Xlsx,
                2u32,
                5u32,
                Lang::Vi
            ),
            "bien-ban.xlsx, dòng 2, cột E"
        );
        assert_eq!(
            place("b.csv", kiemtra_input::Format::Csv, 2u32, 5u32, Lang::En),
            "b.csv, row 2, column E"
        );
        assert_eq!(
            place(
                "b.jsonl",
                kiemtra_input::Format::JsonLines,
                3u32,
                1u32,
                Lang::Vi
            ),
            "b.jsonl:3:1"
        );
    }
}
