//! Errors that say where: `file:line:column`, and reading TOML values with their place.

use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;
use kiemtra_rules::Lang;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// Something wrong in a configuration, pack, waivers or baseline file, or on the command line.
/// The run stops with exit code 2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// `file:line:column`, `file:line`, or the file alone; `None` for the command line.
    pub place: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{place}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    pub fn new(place: Option<String>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            place,
            message: message.into(),
        }
    }
}

/// `; did you mean “x”?` when something is close, else the list of what is valid.
pub(crate) fn did_you_mean<'c>(
    typed: &str,
    valid: impl IntoIterator<Item = &'c str> + Clone,
    lang: Lang,
) -> String {
    match kiemtra_rules::suggest::closest(typed, valid.clone()) {
        Some(near) => match lang {
            Lang::Vi => format!("; có phải “{near}”?"),
            Lang::En => format!("; did you mean “{near}”?"),
        },
        None => {
            let list: Vec<&str> = valid.into_iter().collect();
            let list = if list.len() > 12 {
                format!("{} …", list[..12].join(", "))
            } else {
                list.join(", ")
            };
            match lang {
                Lang::Vi => format!(" (hợp lệ: {list})"),
                Lang::En => format!(" (valid: {list})"),
            }
        }
    }
}

/// `; did you mean “CD401”?` for a rule selector, else a pointer to the catalogue.
pub(crate) fn rule_hint(typed: &str, lang: Lang) -> String {
    match kiemtra_rules::suggest::closest(typed, kiemtra_rules::Rule::selector_names()) {
        Some(near) => match lang {
            Lang::Vi => format!("; có phải “{near}”?"),
            Lang::En => format!("; did you mean “{near}”?"),
        },
        None => lang
            .pick(" (xem `kiemtra rules`)", " (see `kiemtra rules`)")
            .to_owned(),
    }
}

/// Where each line of a text starts, to place many offsets in it without scanning the text
/// again for each (a file of 20,000 waivers has some 200,000 places).
#[derive(Clone, Debug)]
pub(crate) struct LineIndex<'a> {
    doc: Doc<'a>,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(doc: Doc<'a>) -> LineIndex<'a> {
        let starts = std::iter::once(0)
            .chain(doc.text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { doc, starts }
    }

    /// 1-based line and column (in characters) of a byte offset, as [`Doc::line_col`].
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.doc.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .doc
            .text
            .get(start..offset)
            .unwrap_or("")
            .chars()
            .count()
            + 1;
        (line, col)
    }

    /// `file:line:column` of a span, as [`Doc::place`].
    pub fn place(&self, span: &Range<usize>) -> String {
        let (line, col) = self.line_col(span.start);
        format!("{}:{line}:{col}", self.doc.path)
    }
}

/// A text file being read, to place errors in it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Doc<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub lang: Lang,
}

impl Doc<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let before = self.text.get(..offset.min(self.text.len())).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, col)
    }

    pub fn line(&self, span: &Range<usize>) -> usize {
        self.line_col(span.start).0
    }

    pub fn place(&self, span: &Range<usize>) -> String {
        let (line, col) = self.line_col(span.start);
        format!("{}:{line}:{col}", self.path)
    }

    pub fn err(&self, span: &Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError::new(Some(self.place(span)), message)
    }

    pub fn pick<'s>(&self, vi: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(vi, en)
    }

    /// Parses TOML, placing a syntax error.
    pub fn parse_toml(&self) -> Result<Spanned<DeTable<'_>>, ConfigError> {
        DeTable::parse(self.text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            self.err(
                &span,
                format!(
                    "{}: {}",
                    self.pick("không đọc được TOML", "not valid TOML"),
                    e.message().trim()
                ),
            )
        })
    }

    /// Refuses any key of `table` not in `allowed`, naming the closest valid one. `context`
    /// names the table (`[parameters]`).
    pub fn check_keys(
        &self,
        table: &DeTable<'_>,
        allowed: &[&str],
        context: &str,
    ) -> Result<(), ConfigError> {
        for key in table.keys() {
            let name: &str = key.get_ref();
            if !allowed.contains(&name) {
                let hint = did_you_mean(name, allowed.iter().copied(), self.lang);
                return Err(self.err(
                    &key.span(),
                    match self.lang {
                        Lang::Vi => format!("khóa không hợp lệ “{name}” trong {context}{hint}"),
                        Lang::En => format!("unknown key “{name}” in {context}{hint}"),
                    },
                ));
            }
        }
        Ok(())
    }

    fn type_error(&self, value: &Spanned<DeValue<'_>>, key: &str, expected: &str) -> ConfigError {
        self.err(
            &value.span(),
            match self.lang {
                Lang::Vi => format!(
                    "“{key}” phải là {expected}, không phải {}",
                    value.get_ref().type_str()
                ),
                Lang::En => format!(
                    "“{key}” must be {expected}, not {}",
                    value.get_ref().type_str()
                ),
            },
        )
    }

    pub fn string(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<String, ConfigError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s.to_string()),
            _ => Err(self.type_error(value, key, self.pick("một chuỗi", "a string"))),
        }
    }

    /// A list of strings; a single string is refused with the fix shown.
    pub fn strings(
        &self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
    ) -> Result<Vec<Spanned<String>>, ConfigError> {
        let expected = match self.lang {
            Lang::Vi => format!("một danh sách chuỗi, ví dụ {key} = [\"CD203\"]"),
            Lang::En => format!("a list of strings, e.g. {key} = [\"CD203\"]"),
        };
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.type_error(value, key, &expected));
        };
        items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => Ok(Spanned::new(item.span(), s.to_string())),
                _ => Err(self.type_error(item, key, &expected)),
            })
            .collect()
    }

    pub fn uint(&self, value: &Spanned<DeValue<'_>>, key: &str) -> Result<u32, ConfigError> {
        let expected = self.pick("một số nguyên không âm", "a whole number, 0 or more");
        match value.get_ref() {
            DeValue::Integer(i) => u32::from_str_radix(i.as_str(), i.radix())
                .map_err(|_| self.type_error(value, key, expected)),
            _ => Err(self.type_error(value, key, expected)),
        }
    }

    pub fn table<'v, 'i>(
        &self,
        value: &'v Spanned<DeValue<'i>>,
        key: &str,
    ) -> Result<&'v DeTable<'i>, ConfigError> {
        match value.get_ref() {
            DeValue::Table(t) => Ok(t),
            _ => Err(self.type_error(value, key, self.pick("một bảng", "a table"))),
        }
    }
}

/// `YYYY-MM-DD` or `DD/MM/YYYY`, as records write dates.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    kiemtra_rules::model::Date::parse(text).map(|d| d.0)
}

#[cfg(test)]
mod line_index_tests {
    use super::*;

    #[test]
    fn the_index_places_offsets_as_a_scan_does() {
        let text = "a\nbộ x\n\nz";
        let doc = Doc {
            path: "f",
            text,
            lang: Lang::Vi,
        };
        let index = LineIndex::new(doc);
        for offset in 0..=text.len() + 2 {
            if text.is_char_boundary(offset.min(text.len())) {
                assert_eq!(index.line_col(offset), doc.line_col(offset), "{offset}");
            }
        }
    }
}
