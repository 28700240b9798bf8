//! The fields and columns the templates are made of: the table templates' columns (CSV and
//! workbook), the words a column of an enumeration offers, and each field's guidance.

use kiemtra_format::FieldAt;
use kiemtra_input::layout::{self, Column, Kind};
use kiemtra_messages::{m, Lang};

use crate::cli::HeadersArg;
use crate::format_v1::{accepted, fields, guidance as field_guidance, Ty};

/// The columns of the table templates: every column of the table layout but `_extra`.
pub fn table_columns() -> Vec<&'static Column> {
    layout::COLUMNS
        .iter()
        .filter(|c| c.kind != Kind::Extra)
        .collect()
}

/// A column's name in the header row.
pub fn header(c: &Column, headers: HeadersArg) -> &'static str {
    match headers {
        HeadersArg::Vi => c.vi,
        HeadersArg::Dotted => c.path,
    }
}

/// The field of format v1 a column holds.
pub fn field(c: &Column) -> Option<&'static FieldAt> {
    fields().iter().find(|f| f.path == c.path)
}

/// The words a column of an enumeration offers: Vietnamese (the first Vietnamese spelling the
/// model gives) or the codes of format v1.
pub fn choices(c: &Column, headers: HeadersArg) -> Option<Vec<&'static str>> {
    let Ty::Enum(e) = field(c)?.field.ty else {
        return None;
    };
    Some(
        accepted(e)
            .into_iter()
            .map(|(code, words)| match headers {
                HeadersArg::Vi => words
                    .iter()
                    .skip(1)
                    .find(|w| !w.is_ascii())
                    .copied()
                    .unwrap_or(code),
                HeadersArg::Dotted => code,
            })
            .collect(),
    )
}

/// The guidance for a field, with the values an enumeration accepts: each code with its
/// Vietnamese name (what a secretary writes, in either language of the template).
pub fn guidance(f: &FieldAt, lang: Lang) -> String {
    let mut text = field_guidance(f, lang).to_owned();
    if let Ty::Enum(e) = f.field.ty {
        let values: Vec<String> = e
            .values
            .iter()
            .map(|v| format!("{} ({})", v.code, v.name.vi))
            .collect();
        text.push_str(&format!(
            " {} {}.",
            m::cli::template::VALUES.get(lang),
            values.join(", ")
        ));
    }
    text
}
