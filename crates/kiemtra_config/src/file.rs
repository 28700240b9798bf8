//! `kiemtra.toml`: how a committee tailors the guidance.
//!
//! ```toml
//! pack = "rules/other-district.toml"   # another pack file (relative to this file)
//! select = ["CD"]                       # rules on: codes, names or prefixes (default: all)
//! ignore = ["CD203", "CD5"]             # rules off
//! fail_on = "warning"                   # exit 1 at or above this severity
//! lang = "vi"                           # language of reports
//! format = "text"                       # default format of `kiemtra check`
//! waivers = "waivers.toml"              # waivers file (TOML or CSV)
//! csv_delimiter = ";"                   # the CSV report's delimiter (`;` for Excel in Vietnamese)
//!
//! [severity]                            # per rule (or prefix) severity
//! CD203 = "error"
//!
//! [parameters]                          # the pack's parameters
//! min_minutes = 45
//! max_topic_months = 3
//! rating = { good = 90, fair = 70, average = 50 }
//! ```

use std::path::{Path, PathBuf};

use kiemtra_rules::model::fold_word;
use kiemtra_rules::{Lang, Parameters, Rule, Severity};

use crate::located::{hint, unknown_rule, ConfigError, Doc, Problem};

/// The keys of a `kiemtra.toml`, top level.
pub const KEYS: &[&str] = &[
    "pack",
    "select",
    "ignore",
    "fail_on",
    "lang",
    "format",
    "waivers",
    "csv_delimiter",
    "severity",
    "parameters",
];

/// A value read from the file, with the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Val<T> {
    pub value: T,
    pub line: usize,
}

/// A `kiemtra.toml`, read and checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigFile {
    /// The file, as found or named.
    pub path: PathBuf,
    /// A pack file, resolved against the directory of the configuration.
    pub pack: Option<Val<PathBuf>>,
    pub select: Option<Val<Vec<String>>>,
    pub ignore: Option<Val<Vec<String>>>,
    pub fail_on: Option<Val<Severity>>,
    pub lang: Option<Val<Lang>>,
    pub format: Option<Val<String>>,
    /// A waivers file, resolved against the directory of the configuration.
    pub waivers: Option<Val<PathBuf>>,
    /// The delimiter of CSV reports.
    pub csv_delimiter: Option<Val<u8>>,
    /// `[severity]`: selector (code, name or prefix) and severity, in the file's order.
    pub severity: Vec<(String, Val<Severity>)>,
    /// `[parameters]`, by name of [`Parameters::NAMES`] (`rating.good`).
    pub parameters: Vec<(&'static str, Val<u32>)>,
}

/// The CSV delimiters accepted, as written.
pub const DELIMITERS: &[&str] = &[",", ";", "tab", "|"];

/// Reads a CSV delimiter: `,`, `;`, `|`, a tab (also written `tab` or `\t`).
pub fn parse_delimiter(text: &str) -> Option<u8> {
    match text {
        "," => Some(b','),
        ";" => Some(b';'),
        "|" => Some(b'|'),
        "\t" => Some(b'\t'),
        t if t.trim().eq_ignore_ascii_case("tab") || t.trim() == "\\t" => Some(b'\t'),
        _ => None,
    }
}

/// How a person may write each severity besides its code: the Vietnamese words, those of
/// today's reports and those they are moving to, each with and without diacritics.
pub const SEVERITY_WORDS: &[(Severity, &[&str])] = &[
    (Severity::Error, &["lỗi", "loi", "thiếu sót", "thieu sot"]),
    (
        Severity::Warning,
        &["cảnh báo", "canh bao", "cần lưu ý", "can luu y"],
    ),
    (Severity::Info, &["lưu ý", "luu y", "ghi nhận", "ghi nhan"]),
];

/// Reads a severity: `error`, `warning`, `info`, or a Vietnamese word of [`SEVERITY_WORDS`]
/// or the reports' label, in any case, with or without diacritics.
pub fn parse_severity(text: &str) -> Option<Severity> {
    let folded = fold_word(text);
    SEVERITY_WORDS
        .iter()
        .find(|(s, words)| {
            folded == s.code()
                || folded == fold_word(s.label(Lang::Vi))
                || words.iter().any(|w| folded == fold_word(w))
        })
        .map(|(s, _)| *s)
}

/// Reads `en` / `vi`.
pub fn parse_lang(text: &str) -> Option<Lang> {
    match text.trim().to_ascii_lowercase().as_str() {
        "vi" => Some(Lang::Vi),
        "en" => Some(Lang::En),
        _ => None,
    }
}

impl ConfigFile {
    /// Reads a configuration file. `formats` are the report formats `kiemtra check` writes.
    pub fn read(path: &Path, formats: &[&str]) -> Result<ConfigFile, ConfigError> {
        let text = kiemtra_input::side::read_text(path, kiemtra_input::side::MAX_SIDE_BYTES)
            .map_err(|e| {
                ConfigError::cannot_read(crate::FileRole::Configuration, &crate::show(path), &e)
            })?;
        ConfigFile::parse(&text, path, formats)
    }

    /// Reads the text of a configuration file. `formats` are the report formats `kiemtra
    /// check` writes.
    pub fn parse(text: &str, path: &Path, formats: &[&str]) -> Result<ConfigFile, ConfigError> {
        let shown = crate::show(path);
        let doc = Doc {
            path: &shown,
            text: text.strip_prefix('\u{feff}').unwrap_or(text),
        };
        let root = doc.parse_toml()?;
        let root = root.get_ref();
        doc.check_keys(root, KEYS, "kiemtra.toml")?;
        let dir = path.parent().unwrap_or(Path::new(""));
        let mut out = ConfigFile {
            path: path.to_path_buf(),
            ..ConfigFile::default()
        };
        for (key, value) in root {
            let line = doc.line(&key.span());
            let name: &str = key.get_ref();
            match name {
                "pack" | "waivers" => {
                    let file = doc.string(value, name)?;
                    if file.trim().is_empty() {
                        return Err(doc.err(
                            &value.span(),
                            Problem::EmptyFileName {
                                key: name.to_owned(),
                            },
                        ));
                    }
                    let v = Some(Val {
                        value: dir.join(file),
                        line,
                    });
                    if name == "pack" {
                        out.pack = v;
                    } else {
                        out.waivers = v;
                    }
                }
                "select" | "ignore" => {
                    let mut list = Vec::new();
                    for s in doc.strings(value, name)? {
                        check_selector(&doc, s.get_ref(), &s.span())?;
                        list.push(s.get_ref().trim().to_owned());
                    }
                    let v = Some(Val { value: list, line });
                    if name == "select" {
                        out.select = v;
                    } else {
                        out.ignore = v;
                    }
                }
                "fail_on" => {
                    let s = doc.string(value, name)?;
                    let severity = parse_severity(&s).ok_or_else(|| {
                        bad_value(&doc, &value.span(), name, &s, &["error", "warning", "info"])
                    })?;
                    out.fail_on = Some(Val {
                        value: severity,
                        line,
                    });
                }
                "lang" => {
                    let s = doc.string(value, name)?;
                    let l = parse_lang(&s)
                        .ok_or_else(|| bad_value(&doc, &value.span(), name, &s, &["vi", "en"]))?;
                    out.lang = Some(Val { value: l, line });
                }
                "format" => {
                    let s = doc.string(value, name)?;
                    let f = s.trim().to_ascii_lowercase();
                    if !formats.contains(&f.as_str()) {
                        return Err(bad_value(&doc, &value.span(), name, &s, formats));
                    }
                    out.format = Some(Val { value: f, line });
                }
                "csv_delimiter" => {
                    let s = doc.string(value, name)?;
                    let d = parse_delimiter(&s)
                        .ok_or_else(|| bad_value(&doc, &value.span(), name, &s, DELIMITERS))?;
                    out.csv_delimiter = Some(Val { value: d, line });
                }
                "severity" => {
                    let table = doc.table(value, name)?;
                    for (k, v) in table {
                        let selector: &str = k.get_ref();
                        check_selector(&doc, selector, &k.span())?;
                        let s = doc.string(v, selector)?;
                        let severity = parse_severity(&s).ok_or_else(|| {
                            bad_value(&doc, &v.span(), selector, &s, &["error", "warning", "info"])
                        })?;
                        // Two keys for one rule (its code and its name) would be ambiguous.
                        let rules = Rule::selected_by(selector);
                        if let Some((other, _)) = out.severity.iter().find(|(o, _)| {
                            Rule::find(o).is_some()
                                && Rule::find(selector).is_some()
                                && Rule::selected_by(o) == rules
                        }) {
                            return Err(doc.err(
                                &k.span(),
                                Problem::SameRule {
                                    selector: selector.to_owned(),
                                    other: other.clone(),
                                },
                            ));
                        }
                        out.severity.push((
                            selector.trim().to_owned(),
                            Val {
                                value: severity,
                                line: doc.line(&k.span()),
                            },
                        ));
                    }
                }
                "parameters" => {
                    let table = doc.table(value, name)?;
                    doc.check_keys(
                        table,
                        &["min_minutes", "max_topic_months", "rating"],
                        "[parameters]",
                    )?;
                    for (k, v) in table {
                        let key: &str = k.get_ref();
                        if key == "rating" {
                            let rating = doc.table(v, "rating")?;
                            doc.check_keys(
                                rating,
                                &["good", "fair", "average"],
                                "[parameters.rating]",
                            )?;
                            for (rk, rv) in rating {
                                let full = format!("rating.{}", rk.get_ref());
                                let n = doc.uint(rv, &full)?;
                                out.parameters.push((
                                    parameter_name(&full),
                                    Val {
                                        value: n,
                                        line: doc.line(&rk.span()),
                                    },
                                ));
                            }
                        } else {
                            let n = doc.uint(v, key)?;
                            out.parameters.push((
                                parameter_name(key),
                                Val {
                                    value: n,
                                    line: doc.line(&k.span()),
                                },
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(out)
    }
}

/// The static name of a parameter already checked to be one.
fn parameter_name(name: &str) -> &'static str {
    Parameters::NAMES
        .iter()
        .copied()
        .find(|n| *n == name)
        .unwrap_or("min_minutes")
}

fn check_selector(
    doc: &Doc<'_>,
    selector: &str,
    span: &std::ops::Range<usize>,
) -> Result<(), ConfigError> {
    if Rule::selected_by(selector).is_empty() {
        return Err(doc.err(span, unknown_rule(selector)));
    }
    Ok(())
}

fn bad_value(
    doc: &Doc<'_>,
    span: &std::ops::Range<usize>,
    key: &str,
    value: &str,
    valid: &[&str],
) -> ConfigError {
    doc.err(
        span,
        Problem::BadValue {
            key: key.to_owned(),
            value: value.to_owned(),
            hint: hint(value, valid.iter().copied()),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::located::{Expected, Hint};

    fn parse(text: &str) -> Result<ConfigFile, ConfigError> {
        ConfigFile::parse(text, Path::new("dir/kiemtra.toml"), &["text", "json"])
    }

    /// The error's place and problem.
    fn err(text: &str) -> (String, Problem) {
        let e = parse(text).unwrap_err();
        (
            e.place.map(|p| p.to_string()).unwrap_or_default(),
            *e.problem,
        )
    }

    fn near(s: &str) -> Hint {
        Hint::Near(s.into())
    }

    #[test]
    fn a_full_file_is_read() {
        let c = parse(
            r#"
pack = "packs/other.toml"
select = ["CD", "CD501"]
ignore = ["CD5", "topic-area"]
fail_on = "cảnh báo"
lang = "en"
format = "JSON"
waivers = "w.csv"

[severity]
CD3 = "warning"
CD301 = "error"

[parameters]
min_minutes = 45
rating = { good = 95 }
"#,
        )
        .unwrap();
        assert_eq!(c.pack.unwrap().value, Path::new("dir/packs/other.toml"));
        assert_eq!(c.select.unwrap().value, ["CD", "CD501"]);
        assert_eq!(c.fail_on.unwrap().value, Severity::Warning);
        assert_eq!(c.format.unwrap().value, "json");
        assert_eq!(c.severity.len(), 2);
        assert_eq!(c.severity[1].1.line, 12);
        assert_eq!(c.parameters[0].0, "min_minutes");
        assert_eq!(
            c.parameters[1],
            (
                "rating.good",
                Val {
                    value: 95,
                    line: 16
                }
            )
        );
    }

    #[test]
    fn a_severity_is_read_in_either_language_old_words_and_new() {
        for (text, severity) in [
            ("error", Severity::Error),
            ("Lỗi", Severity::Error),
            ("thieu sot", Severity::Error),
            ("Thiếu sót", Severity::Error),
            ("cảnh báo", Severity::Warning),
            ("CAN LUU Y", Severity::Warning),
            ("lưu ý", Severity::Info),
            ("ghi nhận", Severity::Info),
            ("info", Severity::Info),
        ] {
            assert_eq!(parse_severity(text), Some(severity), "{text}");
        }
        assert_eq!(parse_severity("nghiêm trọng"), None);
    }

    #[test]
    fn unknown_names_are_errors_that_say_where_and_what_was_meant() {
        let key = |key: &str, table: &str, hint: Hint| Problem::UnknownKey {
            key: key.into(),
            table: table.into(),
            hint,
        };
        assert_eq!(
            err("min_minutes = 45"),
            (
                "dir/kiemtra.toml:1:1".into(),
                key(
                    "min_minutes",
                    "kiemtra.toml",
                    Hint::Valid {
                        names: KEYS.iter().map(|k| (*k).to_owned()).collect(),
                        more: false
                    }
                )
            )
        );
        assert_eq!(
            err("[parameters]\nmin_minute = 45"),
            (
                "dir/kiemtra.toml:2:1".into(),
                key("min_minute", "[parameters]", near("min_minutes"))
            )
        );
        assert_eq!(
            err("ignore = [\"CD20\", \"CD2O3\"]"),
            (
                "dir/kiemtra.toml:1:19".into(),
                Problem::UnknownRule {
                    selector: "CD2O3".into(),
                    near: Some("CD203".into())
                }
            )
        );
        assert_eq!(
            err("[severity]\nCD9999 = \"error\""),
            (
                "dir/kiemtra.toml:2:1".into(),
                Problem::UnknownRule {
                    selector: "CD9999".into(),
                    near: None
                }
            )
        );
        assert_eq!(
            err("fail-on = \"error\""),
            (
                "dir/kiemtra.toml:1:1".into(),
                key("fail-on", "kiemtra.toml", near("fail_on"))
            )
        );
        assert_eq!(
            err("[severity]\nCD203 = \"eror\""),
            (
                "dir/kiemtra.toml:2:9".into(),
                Problem::BadValue {
                    key: "CD203".into(),
                    value: "eror".into(),
                    hint: near("error")
                }
            )
        );
        assert_eq!(
            err("format = \"htm\"").1,
            Problem::BadValue {
                key: "format".into(),
                value: "htm".into(),
                hint: Hint::Valid {
                    names: vec!["text".into(), "json".into()],
                    more: false
                }
            }
        );
        assert_eq!(
            err("ignore = \"CD203\""),
            (
                "dir/kiemtra.toml:1:10".into(),
                Problem::WrongType {
                    key: "ignore".into(),
                    expected: Expected::TextList {
                        key: "ignore".into()
                    },
                    found: "string"
                }
            )
        );
        assert_eq!(
            err("[parameters]\nmin_minutes = -5"),
            (
                "dir/kiemtra.toml:2:15".into(),
                Problem::WrongType {
                    key: "min_minutes".into(),
                    expected: Expected::WholeNumber,
                    found: "integer"
                }
            )
        );
        assert!(matches!(
            err("[severity]\nCD401 = \"error\"\nminimum-duration = \"info\"").1,
            Problem::SameRule { .. }
        ));
        let (place, problem) = err("select = [");
        assert!(place.starts_with("dir/kiemtra.toml:1:"), "{place}");
        assert!(matches!(problem, Problem::NotToml { .. }));
    }
}
