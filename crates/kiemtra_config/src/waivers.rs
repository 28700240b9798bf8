//! Waivers files: TOML (`[[waiver]]` tables) or CSV (one waiver per row), read strictly.
//!
//! ```toml
//! [[waiver]]
//! id = "MT-2017-03"                      # optional; default: its number in the file (#1)
//! rule = "CD401"                          # a rule code, name or prefix (CD4)
//! unit = "HC-CB01"                        # one cell … or `parent = "Đảng bộ xã Hàm Chính"`
//! from = "2017-06"                        # first month covered
//! to = "2017-08"                          # last month covered
//! justification = "Mùa mưa bão, họp rút ngắn theo chỉ đạo của Đảng ủy xã"
//! approved_by = "Ban Tuyên giáo Huyện ủy"
//! expires = 2018-06-30                    # last day it applies (TOML date, or "30/06/2018")
//! ```
//!
//! A CSV file has a header row with the same names (or the Vietnamese labels `mã quy tắc`,
//! `mã chi bộ`, `đảng bộ`, `từ tháng`, `đến tháng`, `lý do`, `người duyệt`, `ngày hết hạn`,
//! with or without diacritics), then one waiver per row.

use std::collections::BTreeSet;

use kiemtra_rules::model::fold_word;
use kiemtra_rules::text::is_blank;
use kiemtra_rules::Rule;
use kiemtra_runner::{Waiver, WaiverScope};
use toml::de::DeValue;

use crate::located::{hint, parse_date, unknown_rule, ConfigError, Doc, LineIndex, Place, Problem};

/// The fields of a waiver, and the Vietnamese labels a CSV header may use for them.
const FIELDS: &[(&str, &[&str])] = &[
    ("id", &["mã miễn trừ", "số"]),
    ("rule", &["quy tắc", "mã quy tắc"]),
    ("unit", &["unit.code", "chi bộ", "mã chi bộ"]),
    ("parent", &["unit.parent", "đảng bộ", "đảng bộ cơ sở"]),
    ("from", &["từ tháng"]),
    ("to", &["đến tháng"]),
    ("justification", &["lý do"]),
    (
        "approved_by",
        &["approved by", "người duyệt", "người phê duyệt"],
    ),
    ("expires", &["hết hạn", "ngày hết hạn"]),
];

fn field_names() -> impl Iterator<Item = &'static str> + Clone {
    FIELDS.iter().map(|(name, _)| *name)
}

/// One waiver's fields as written, each with its place.
struct Entry {
    /// Where the entry starts: `file:line`.
    place: Place,
    /// 1-based number of the entry in the file.
    number: usize,
    values: Vec<(&'static str, String, Place)>,
}

impl Entry {
    fn get(&self, field: &str) -> Option<(&str, &Place)> {
        self.values
            .iter()
            .find(|(f, v, _)| *f == field && !v.trim().is_empty())
            .map(|(_, v, place)| (v.trim(), place))
    }
}

/// Reads a waivers file's text; `.csv` files as CSV, anything else as TOML.
pub fn parse(text: &str, path: &str) -> Result<Vec<Waiver>, ConfigError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = Doc { path, text };
    let entries = if path.to_ascii_lowercase().ends_with(".csv") {
        csv_entries(&doc)?
    } else {
        toml_entries(&doc)?
    };
    let mut ids = BTreeSet::new();
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let w = build(&entry)?;
        if !ids.insert(w.id.clone()) {
            return Err(ConfigError::new(
                Some(entry.place.clone()),
                Problem::DuplicateWaiver { id: w.id },
            ));
        }
        out.push(w);
    }
    Ok(out)
}

fn toml_entries(doc: &Doc<'_>) -> Result<Vec<Entry>, ConfigError> {
    let root = doc.parse_toml()?;
    let root = root.get_ref();
    doc.check_keys(root, &["waiver"], doc.path)?;
    let Some(list) = root.get("waiver") else {
        return Ok(Vec::new());
    };
    let DeValue::Array(items) = list.get_ref() else {
        return Err(doc.err(&list.span(), Problem::WaiversNotTables));
    };
    let names: Vec<&str> = field_names().collect();
    let index = LineIndex::new(*doc);
    let mut entries = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let table = doc.table(item, "waiver")?;
        doc.check_keys(table, &names, "[[waiver]]")?;
        let mut values = Vec::new();
        for (k, v) in table {
            let field = names
                .iter()
                .copied()
                .find(|n| *n == k.get_ref().as_ref())
                .unwrap_or("id");
            let text = match v.get_ref() {
                DeValue::Datetime(d) if field == "expires" => d.to_string(),
                _ => doc.string(v, field)?,
            };
            values.push((field, text, index.place(&v.span())));
        }
        let (line, _) = index.line_col(item.span().start);
        entries.push(Entry {
            place: Place::line(doc.path, line),
            number: i + 1,
            values,
        });
    }
    Ok(entries)
}

fn csv_entries(doc: &Doc<'_>) -> Result<Vec<Entry>, ConfigError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(doc.text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map_or(1, |p| p.line() as usize);
        let problem = match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => Problem::CsvRowLength {
                expected: *expected_len,
                found: *len,
            },
            _ => Problem::Csv {
                detail: e.to_string(),
            },
        };
        ConfigError::new(Some(Place::line(doc.path, line)), problem)
    };
    let headers = reader.headers().map_err(csv_error)?.clone();
    let mut columns = Vec::new();
    for h in &headers {
        let folded = fold_word(h);
        let field = FIELDS.iter().find(|(name, labels)| {
            folded == fold_word(name) || labels.iter().any(|l| folded == fold_word(l))
        });
        match field {
            Some((name, _)) => columns.push(*name),
            None => {
                return Err(ConfigError::new(
                    Some(Place::line(doc.path, 1)),
                    Problem::UnknownColumn {
                        column: h.to_owned(),
                        hint: hint(h, field_names()),
                    },
                ));
            }
        }
    }
    let mut entries = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(csv_error)?;
        let line = row.position().map_or(i + 2, |p| p.line() as usize);
        let place = Place::line(doc.path, line);
        let values = columns
            .iter()
            .zip(row.iter())
            .map(|(field, value)| (*field, value.to_owned(), place.clone()))
            .collect();
        entries.push(Entry {
            place,
            number: i + 1,
            values,
        });
    }
    Ok(entries)
}

fn build(entry: &Entry) -> Result<Waiver, ConfigError> {
    let err = |place: &Place, problem: Problem| ConfigError::new(Some(place.clone()), problem);
    let required = |field: &str| {
        entry.get(field).ok_or_else(|| {
            err(
                &entry.place,
                Problem::WaiverLacks {
                    field: field.to_owned(),
                },
            )
        })
    };
    let (rule, place) = required("rule")?;
    let rules = Rule::selected_by(rule);
    if rules.is_empty() {
        return Err(err(place, unknown_rule(rule)));
    }
    let scope = match (entry.get("unit"), entry.get("parent")) {
        (Some((unit, _)), None) => WaiverScope::Unit(unit.to_owned()),
        (None, Some((parent, _))) => WaiverScope::Parent(parent.to_owned()),
        _ => return Err(err(&entry.place, Problem::WaiverScope)),
    };
    let month = |field: &str| -> Result<kiemtra_rules::Month, ConfigError> {
        let (text, place) = required(field)?;
        kiemtra_rules::Month::parse(text).ok_or_else(|| {
            err(
                place,
                Problem::NotAMonth {
                    field: field.to_owned(),
                    text: text.to_owned(),
                },
            )
        })
    };
    let (from, to) = (month("from")?, month("to")?);
    if from > to {
        return Err(err(&entry.place, Problem::FromAfterTo { from, to }));
    }
    let (expires_text, place) = required("expires")?;
    // A day of the years a meeting can have (1930–2199): `+99999-06-30` is a date to chrono,
    // not an expiry anyone meant.
    let expires = parse_date(expires_text)
        .filter(|d| kiemtra_runner::plausible_date(*d))
        .ok_or_else(|| {
            err(
                place,
                Problem::NotAnExpiry {
                    text: expires_text.to_owned(),
                },
            )
        })?;
    let text = |field: &str| -> Result<String, ConfigError> {
        let (value, place) = required(field)?;
        if is_blank(value) {
            return Err(err(
                place,
                Problem::Blank {
                    field: field.to_owned(),
                },
            ));
        }
        Ok(value.to_owned())
    };
    Ok(Waiver {
        id: entry
            .get("id")
            .map_or_else(|| format!("#{}", entry.number), |(id, _)| id.to_owned()),
        rule: rule.to_owned(),
        rules,
        scope,
        from,
        to,
        justification: text("justification")?,
        approved_by: text("approved_by")?,
        expires,
        origin: entry.place.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::located::Hint;

    const TOML: &str = r#"
[[waiver]]
id = "W1"
rule = "CD401"
unit = "HC-CB01"
from = "2017-06"
to = "2017-06"
justification = "Họp rút ngắn do mưa bão"
approved_by = "Ban Tuyên giáo Huyện ủy"
expires = 2018-06-30

[[waiver]]
rule = "CD5"
parent = "Đảng bộ xã Hàm Chính"
from = "2017-01"
to = "2017-12"
justification = "Thí điểm"
approved_by = "Đảng ủy xã"
expires = "31/12/2017"
"#;

    #[test]
    fn toml_waivers_are_read() {
        let w = parse(TOML, "w.toml").unwrap();
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].id, "W1");
        assert_eq!(w[0].origin, "w.toml:2");
        assert_eq!(w[1].id, "#2");
        assert_eq!(w[1].rules.len(), 5);
        assert_eq!(w[1].expires.to_string(), "2017-12-31");
        assert_eq!(
            w[1].scope,
            WaiverScope::Parent("Đảng bộ xã Hàm Chính".into())
        );
    }

    #[test]
    fn twenty_thousand_toml_waivers_are_read_in_linear_time() {
        let mut text = String::new();
        for i in 0..20_000 {
            text += &format!(
                "[[waiver]]\nid = \"W{i}\"\nrule = \"CD401\"\nunit = \"HC-{i}\"\nfrom = \"2017-01\"\n\
                 to = \"2017-12\"\njustification = \"Mưa bão\"\napproved_by = \"BTG\"\n\
                 expires = 2018-06-30\n\n"
            );
        }
        let start = std::time::Instant::now();
        let w = parse(&text, "w.toml").unwrap();
        assert_eq!(w.len(), 20_000);
        assert_eq!(w[19_999].origin, "w.toml:199991");
        // Was 194 s (each place found by scanning the text from its start).
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }

    fn err(text: &str, path: &str) -> (String, Problem) {
        let e = parse(text, path).unwrap_err();
        (
            e.place.map(|p| p.to_string()).unwrap_or_default(),
            *e.problem,
        )
    }

    #[test]
    fn an_expiry_beyond_the_plausible_years_is_refused() {
        for expires in ["+99999-06-30", "0001-01-01", "9999-12-31"] {
            let text = TOML.replace("2018-06-30", &format!("\"{expires}\""));
            assert!(matches!(
                err(&text, "w.toml").1,
                Problem::NotAnExpiry { .. }
            ));
        }
    }

    #[test]
    fn csv_waivers_are_read_with_vietnamese_headers() {
        let csv =
            "\u{feff}Mã quy tắc,Mã chi bộ,Từ tháng,Đến tháng,Lý do,Người duyệt,Ngày hết hạn\n\
                   CD401,HC-CB01,2017-06,2017-06,\"Mưa bão, họp ngắn\",BTG Huyện ủy,30/06/2018\n";
        let w = parse(csv, "w.csv").unwrap();
        assert_eq!(w[0].justification, "Mưa bão, họp ngắn");
        assert_eq!(w[0].origin, "w.csv:2");
        assert_eq!(w[0].id, "#1");
    }

    #[test]
    fn bad_waivers_are_errors_that_say_where() {
        let field = |f: &str| f.to_owned();
        assert_eq!(
            err(
                &TOML.replace("approved_by = \"Đảng ủy xã\"", "aproved_by = \"x\""),
                "w.toml"
            ),
            (
                "w.toml:18:1".into(),
                Problem::UnknownKey {
                    key: "aproved_by".into(),
                    table: "[[waiver]]".into(),
                    hint: Hint::Near("approved_by".into())
                }
            )
        );
        assert_eq!(
            err(
                &TOML.replace("rule = \"CD401\"", "rule = \"CD41\""),
                "w.toml"
            ),
            (
                "w.toml:4:8".into(),
                Problem::UnknownRule {
                    selector: "CD41".into(),
                    near: Some("CD401".into())
                }
            )
        );
        assert_eq!(
            err(
                &TOML.replace("justification = \"Thí điểm\"", "justification = \"...\""),
                "w.toml"
            ),
            (
                "w.toml:17:17".into(),
                Problem::Blank {
                    field: field("justification")
                }
            )
        );
        assert_eq!(
            err(&TOML.replace("to = \"2017-12\"", ""), "w.toml"),
            (
                "w.toml:12".into(),
                Problem::WaiverLacks { field: field("to") }
            )
        );
        assert!(matches!(
            err(
                &TOML.replace("from = \"2017-06\"", "from = \"2017-07\""),
                "w.toml"
            ),
            (place, Problem::FromAfterTo { .. }) if place == "w.toml:2"
        ));
        assert_eq!(
            err(&TOML.replace("unit = \"HC-CB01\"", ""), "w.toml").1,
            Problem::WaiverScope
        );
        assert_eq!(
            err(&TOML.replace("\"31/12/2017\"", "\"cuối năm\""), "w.toml"),
            (
                "w.toml:19:11".into(),
                Problem::NotAnExpiry {
                    text: "cuối năm".into()
                }
            )
        );
        assert_eq!(
            err(
                &TOML.replace("rule = \"CD5\"", "rule = \"CD5\"\nid = \"W1\""),
                "w.toml"
            ),
            (
                "w.toml:12".into(),
                Problem::DuplicateWaiver { id: "W1".into() }
            )
        );
        assert_eq!(
            err("rule,unit\nCD101\n", "w.csv"),
            (
                "w.csv:2".into(),
                Problem::CsvRowLength {
                    expected: 2,
                    found: 1
                }
            )
        );
        assert_eq!(
            err("rule,unit,form\n", "w.csv"),
            (
                "w.csv:1".into(),
                Problem::UnknownColumn {
                    column: "form".into(),
                    hint: Hint::Near("from".into())
                }
            )
        );
    }
}
