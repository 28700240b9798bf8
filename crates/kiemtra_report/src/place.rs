//! Where a finding is, in words a cell secretary can follow: the field by the label her file
//! uses (her header, else the standard Vietnamese label), the dotted path in parentheses; for
//! a CSV file or a worksheet, the row, the Excel column letter and the header.

use std::io::{self, Write};

use kiemtra_input::layout::COLUMNS;
use kiemtra_input::table::column_letter;
use kiemtra_messages::{m::report::place as w, Say};
use kiemtra_rules::Lang;
use kiemtra_runner::{Finding, Outcome};

use crate::dotted;

/// The standard Vietnamese label of the table column holding the field at `path` (dotted,
/// without list indexes): `session.assignments.0.due` is in “Phân công”.
fn standard_label(path: &str) -> Option<&'static str> {
    // The field's own label (`Thời hạn` for an assignment's due), else the column that holds it.
    let plain: Vec<&str> = path
        .split('.')
        .filter(|p| !p.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let plain = plain.join(".");
    if let Some(f) = kiemtra_format::fields()
        .iter()
        .find(|f| f.path.replace("[]", "") == plain)
    {
        return Some(f.field.label.vi);
    }
    COLUMNS
        .iter()
        .find(|c| {
            path == c.path
                || path
                    .strip_prefix(c.path)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
        .map(|c| c.vi)
}

/// The field of a finding as a secretary names it: `Kết luận (session.conclusion)`; the dotted
/// path alone when no column holds it (`session.follow_up`).
pub fn field_label(outcome: &Outcome, f: &Finding) -> Option<String> {
    let pointer = outcome.pointer_of(f)?;
    let path = dotted(pointer);
    let plain = pointer.trim_start_matches('/').replace('/', ".");
    let label = outcome
        .header(f)
        .map(str::to_owned)
        .or_else(|| standard_label(&plain).map(str::to_owned));
    Some(match label {
        Some(label) if label != path => format!("{label} ({path})"),
        _ => path,
    })
}

/// A finding's place in a CSV file or worksheet: `dòng 4, cột Z “Kết luận”`.
pub fn table_place(outcome: &Outcome, f: &Finding, lang: Lang) -> Option<String> {
    let line = f.line?;
    let column = outcome
        .columns
        .get(outcome.file_of(f)?)?
        .of(outcome.pointer_of(f)?)?;
    let letter = column_letter(column);
    let header = outcome
        .header(f)
        .map(|h| format!(" “{h}”"))
        .unwrap_or_default();
    Some(
        w::Table {
            line: &line,
            letter: &letter,
            header: &header,
        }
        .say(lang),
    )
}

/// Per file, the columns kiemtra did not recognise, with the closest label it knows; their
/// cells were kept under their own name, not checked.
pub fn unknown_columns(outcome: &Outcome, lang: Lang, out: &mut dyn Write) -> io::Result<bool> {
    let mut any = false;
    for (file, columns) in &outcome.columns {
        for u in &columns.unknown {
            if !any {
                writeln!(out, "{}", w::UNKNOWN_HEADING.get(lang))?;
                any = true;
            }
            let letter = column_letter(u.column);
            let header = &u.header;
            let closest = u
                .closest
                .map(|label| w::Closest { label: &label }.say(lang))
                .unwrap_or_default();
            let unknown = w::Unknown {
                letter: &letter,
                header: &header,
                closest: &closest,
            };
            writeln!(out, "  {file}  {}", unknown.in_lang(lang))?;
        }
    }
    if any {
        writeln!(out)?;
    }
    Ok(any)
}
