//! The words of the rules crate, one catalogue per language (`messages/vi.toml`,
//! `messages/en.toml`): every message, hint, rule title and label, with named placeholders
//! (`{date}`), so that a reviewer reads and corrects all the wording of a language in one file.
//! The code names a message and states its arguments once, for every language.

use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

use chrono::NaiveDate;

use crate::month::Month;
use crate::Lang;

const VI: &str = include_str!("../messages/vi.toml");
const EN: &str = include_str!("../messages/en.toml");

/// One language's catalogue: dotted keys (`CD101.message`) to texts.
#[derive(Debug)]
pub struct Words {
    texts: HashMap<String, String>,
}

/// The catalogue of `lang`, parsed once.
pub fn words(lang: Lang) -> &'static Words {
    static VI_WORDS: OnceLock<Words> = OnceLock::new();
    static EN_WORDS: OnceLock<Words> = OnceLock::new();
    match lang {
        Lang::Vi => VI_WORDS.get_or_init(|| Words::parse(VI)),
        Lang::En => EN_WORDS.get_or_init(|| Words::parse(EN)),
    }
}

impl Words {
    /// Reads a catalogue; a text that is not a valid catalogue gives an empty one (both built-in
    /// catalogues are checked by the tests).
    fn parse(text: &str) -> Words {
        let mut texts = HashMap::new();
        if let Ok(table) = toml::from_str::<toml::Table>(text) {
            flatten("", &table, &mut texts);
        }
        Words { texts }
    }

    /// The text of `key`; empty when the catalogue lacks it, which the tests rule out for every
    /// key the code uses.
    pub fn get(&self, key: &str) -> &str {
        self.texts.get(key).map_or("", String::as_str)
    }

    /// The text of `key` with each `{name}` replaced by its argument.
    pub fn fill(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.get(key), args)
    }

    /// A date as the reader writes dates (`05/03/2017`, `2017-03-05`).
    pub fn date(&self, date: NaiveDate) -> String {
        date.format(self.get("format.date")).to_string()
    }

    /// A month as the reader writes months (`03/2017`, `2017-03`).
    pub fn month(&self, month: Month) -> String {
        NaiveDate::from_ymd_opt(month.year, month.month, 1).map_or_else(
            || month.to_string(),
            |d| d.format(self.get("format.month")).to_string(),
        )
    }

    /// Every key, sorted (for the tests).
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.texts.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
    for (key, value) in table {
        let key = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::Table(t) => flatten(&key, t, out),
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            other => {
                out.insert(key, other.to_string());
            }
        }
    }
}

/// Replaces each `{name}` of `template` by its argument; a placeholder without an argument is
/// left as written.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let name_end = after.find('}');
        let arg = name_end.and_then(|end| {
            let name = after.get(1..end)?;
            args.iter().find(|(n, _)| *n == name).map(|(_, v)| (end, v))
        });
        match arg {
            Some((end, value)) => {
                out.push_str(&value.to_string());
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names of the placeholders of a text, sorted and without repeats.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_have_the_same_keys_and_placeholders() {
        let (vi, en) = (words(Lang::Vi), words(Lang::En));
        assert!(
            vi.keys().len() > 50,
            "the Vietnamese catalogue did not parse"
        );
        assert_eq!(vi.keys(), en.keys());
        for key in vi.keys() {
            assert_eq!(
                placeholders(vi.get(key)),
                placeholders(en.get(key)),
                "placeholders of {key}"
            );
        }
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        let n = 3;
        assert_eq!(
            fill(
                "Phân công thứ {number}: {number}, {other}",
                &[("number", &n)]
            ),
            "Phân công thứ 3: 3, {other}"
        );
        assert_eq!(placeholders("{b} {a} {b}"), ["a", "b"]);
        assert_eq!(fill("{", &[]), "{");
    }
}
