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
use kiemtra_rules::{Lang, Rule};
use kiemtra_runner::{Waiver, WaiverScope};
use toml::de::DeValue;

use crate::located::{did_you_mean, parse_date, ConfigError, Doc, LineIndex};

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
    place: String,
    /// 1-based number of the entry in the file.
    number: usize,
    values: Vec<(&'static str, String, String)>,
}

impl Entry {
    fn get(&self, field: &str) -> Option<(&str, &str)> {
        self.values
            .iter()
            .find(|(f, v, _)| *f == field && !v.trim().is_empty())
            .map(|(_, v, place)| (v.trim(), place.as_str()))
    }
}

/// Reads a waivers file's text; `.csv` files as CSV, anything else as TOML.
pub fn parse(text: &str, path: &str, lang: Lang) -> Result<Vec<Waiver>, ConfigError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = Doc { path, text, lang };
    let entries = if path.to_ascii_lowercase().ends_with(".csv") {
        csv_entries(&doc)?
    } else {
        toml_entries(&doc)?
    };
    let mut ids = BTreeSet::new();
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let w = build(&entry, lang)?;
        if !ids.insert(w.id.clone()) {
            return Err(ConfigError::new(
                Some(entry.place.clone()),
                match lang {
                    Lang::Vi => format!("mã miễn trừ “{}” bị trùng", w.id),
                    Lang::En => format!("waiver id “{}” is used twice", w.id),
                },
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
        return Err(doc.err(
            &list.span(),
            doc.pick(
                "miễn trừ phải viết thành các bảng [[waiver]]",
                "waivers are written as [[waiver]] tables",
            ),
        ));
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
            place: format!("{}:{line}", doc.path),
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
    let place_of = |e: &csv::Error| {
        let line = e.position().map_or(1, |p| p.line());
        Some(format!("{}:{line}", doc.path))
    };
    let headers = reader
        .headers()
        .map_err(|e| ConfigError::new(place_of(&e), e.to_string()))?
        .clone();
    let mut columns = Vec::new();
    for h in &headers {
        let folded = fold_word(h);
        let field = FIELDS.iter().find(|(name, labels)| {
            folded == fold_word(name) || labels.iter().any(|l| folded == fold_word(l))
        });
        match field {
            Some((name, _)) => columns.push(*name),
            None => {
                let hint = did_you_mean(h, field_names(), doc.lang);
                return Err(ConfigError::new(
                    Some(format!("{}:1", doc.path)),
                    match doc.lang {
                        Lang::Vi => format!("cột không hợp lệ “{h}”{hint}"),
                        Lang::En => format!("unknown column “{h}”{hint}"),
                    },
                ));
            }
        }
    }
    let mut entries = Vec::new();
    for (i, row) in reader.records().enumerate() {
        let row = row.map_err(|e| ConfigError::new(place_of(&e), e.to_string()))?;
        let line = row.position().map_or(i + 2, |p| p.line() as usize);
        let place = format!("{}:{line}", doc.path);
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

fn build(entry: &Entry, lang: Lang) -> Result<Waiver, ConfigError> {
    let err = |place: &str, message: String| ConfigError::new(Some(place.to_owned()), message);
    let required = |field: &str| {
        entry.get(field).ok_or_else(|| {
            err(
                &entry.place,
                match lang {
                    Lang::Vi => format!("miễn trừ thiếu “{field}”"),
                    Lang::En => format!("the waiver has no “{field}”"),
                },
            )
        })
    };
    let (rule, place) = required("rule")?;
    let rules = Rule::selected_by(rule);
    if rules.is_empty() {
        let hint = crate::located::rule_hint(rule, lang);
        return Err(err(
            place,
            match lang {
                Lang::Vi => format!("không có quy tắc hay nhóm quy tắc “{rule}”{hint}"),
                Lang::En => format!("no rule or rule group “{rule}”{hint}"),
            },
        ));
    }
    let scope = match (entry.get("unit"), entry.get("parent")) {
        (Some((unit, _)), None) => WaiverScope::Unit(unit.to_owned()),
        (None, Some((parent, _))) => WaiverScope::Parent(parent.to_owned()),
        _ => {
            return Err(err(
                &entry.place,
                lang.pick(
                    "miễn trừ phải ghi đúng một trong hai: “unit” (một chi bộ) hoặc “parent” (cả đảng bộ)",
                    "a waiver names exactly one of “unit” (one cell) or “parent” (a whole committee)",
                )
                .to_owned(),
            ))
        }
    };
    let month = |field: &str| -> Result<kiemtra_rules::Month, ConfigError> {
        let (text, place) = required(field)?;
        kiemtra_rules::Month::parse(text).ok_or_else(|| {
            err(
                place,
                match lang {
                    Lang::Vi => format!("“{field}” phải là một tháng YYYY-MM, không phải “{text}”"),
                    Lang::En => format!("“{field}” must be a month YYYY-MM, not “{text}”"),
                },
            )
        })
    };
    let (from, to) = (month("from")?, month("to")?);
    if from > to {
        return Err(err(
            &entry.place,
            match lang {
                Lang::Vi => format!("“from” ({from}) sau “to” ({to})"),
                Lang::En => format!("“from” ({from}) is after “to” ({to})"),
            },
        ));
    }
    let (expires_text, place) = required("expires")?;
    // A day of the years a meeting can have (1930–2199): `+99999-06-30` is a date to chrono,
    // not an expiry anyone meant.
    let expires = parse_date(expires_text)
        .filter(|d| kiemtra_runner::plausible_date(*d))
        .ok_or_else(|| {
            err(
                place,
                match lang {
                    Lang::Vi => format!(
                        "“expires” phải là một ngày YYYY-MM-DD hoặc DD/MM/YYYY trong các năm 1930–2199, không phải “{expires_text}”"
                    ),
                    Lang::En => format!(
                        "“expires” must be a date YYYY-MM-DD or DD/MM/YYYY in the years 1930–2199, not “{expires_text}”"
                    ),
                },
            )
        })?;
    let text = |field: &str| -> Result<String, ConfigError> {
        let (value, place) = required(field)?;
        if is_blank(value) {
            return Err(err(
                place,
                match lang {
                    Lang::Vi => format!("“{field}” không được để trống"),
                    Lang::En => format!("“{field}” must not be blank"),
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
        origin: entry.place.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let w = parse(TOML, "w.toml", Lang::En).unwrap();
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
        let w = parse(&text, "w.toml", Lang::Vi).unwrap();
        assert_eq!(w.len(), 20_000);
        assert_eq!(w[19_999].origin, "w.toml:199991");
        // Was 194 s (each place found by scanning the text from its start).
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }

    #[test]
    fn an_expiry_beyond_the_plausible_years_is_refused() {
        for expires in ["+99999-06-30", "0001-01-01", "9999-12-31"] {
            let text = TOML.replace("2018-06-30", &format!("\"{expires}\""));
            let e = parse(&text, "w.toml", Lang::En).unwrap_err().to_string();
            assert!(e.contains("1930–2199"), "{e}");
        }
    }

    #[test]
    fn csv_waivers_are_read_with_vietnamese_headers() {
        let csv =
            "\u{feff}Mã quy tắc,Mã chi bộ,Từ tháng,Đến tháng,Lý do,Người duyệt,Ngày hết hạn\n\
                   CD401,HC-CB01,2017-06,2017-06,\"Mưa bão, họp ngắn\",BTG Huyện ủy,30/06/2018\n";
        let w = parse(csv, "w.csv", Lang::Vi).unwrap();
        assert_eq!(w[0].justification, "Mưa bão, họp ngắn");
        assert_eq!(w[0].origin, "w.csv:2");
        assert_eq!(w[0].id, "#1");
    }

    #[test]
    fn bad_waivers_are_errors_that_say_where() {
        let e = |text: &str, path: &str| parse(text, path, Lang::En).unwrap_err().to_string();
        assert_eq!(
            e(
                &TOML.replace("approved_by = \"Đảng ủy xã\"", "aproved_by = \"x\""),
                "w.toml"
            ),
            "w.toml:18:1: unknown key “aproved_by” in [[waiver]]; did you mean “approved_by”?"
        );
        assert_eq!(
            e(
                &TOML.replace("rule = \"CD401\"", "rule = \"CD41\""),
                "w.toml"
            ),
            "w.toml:4:8: no rule or rule group “CD41”; did you mean “CD401”?"
        );
        assert_eq!(
            e(
                &TOML.replace("justification = \"Thí điểm\"", "justification = \"...\""),
                "w.toml"
            ),
            "w.toml:17:17: “justification” must not be blank"
        );
        assert_eq!(
            e(&TOML.replace("to = \"2017-12\"", ""), "w.toml"),
            "w.toml:12: the waiver has no “to”"
        );
        assert_eq!(
            e(
                &TOML.replace("from = \"2017-06\"", "from = \"2017-07\""),
                "w.toml"
            ),
            "w.toml:2: “from” (2017-07) is after “to” (2017-06)"
        );
        assert!(e(&TOML.replace("unit = \"HC-CB01\"", ""), "w.toml").contains("exactly one of"));
        assert_eq!(
            e(&TOML.replace("\"31/12/2017\"", "\"cuối năm\""), "w.toml"),
            "w.toml:19:11: “expires” must be a date YYYY-MM-DD or DD/MM/YYYY in the years 1930–2199, not “cuối năm”"
        );
        assert_eq!(
            e(
                &TOML.replace("rule = \"CD5\"", "rule = \"CD5\"\nid = \"W1\""),
                "w.toml"
            ),
            "w.toml:12: waiver id “W1” is used twice"
        );
        assert_eq!(
            e("rule,unit,form\n", "w.csv"),
            "w.csv:1: unknown column “form”; did you mean “from”?"
        );
    }
}
