//! The rules' words, read from the one catalogue (`kiemtra_messages`).
//!
//! Most of the rules' messages are still named by key strings built from a rule's code
//! (`CD401.message`); [`Words`] reads them through [`kiemtra_messages::lookup`]. Each rule's
//! file names its own messages through `kiemtra_messages::m` as rules are declared once, and this
//! bridge goes away with the last of them.

use std::fmt::Display;

use chrono::NaiveDate;

use crate::month::Month;
use crate::Lang;

pub use kiemtra_messages::fill_into;

/// One language's view of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    lang: Lang,
}

/// The catalogue in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    const VI: Words = Words { lang: Lang::Vi };
    const EN: Words = Words { lang: Lang::En };
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

impl Words {
    /// The text of `key`; empty when the catalogue lacks it, which the tests rule out for every
    /// key the rules build.
    pub fn get(&self, key: &str) -> &'static str {
        kiemtra_messages::lookup(key).map_or("", |e| e.get(self.lang))
    }

    /// The text of `key` with each `{name}` replaced by its argument.
    pub fn fill(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.get(key), args)
    }

    /// A date as the reader writes dates (`05/03/2017`, `2017-03-05`).
    pub fn date(&self, date: NaiveDate) -> String {
        kiemtra_messages::date(self.lang, date)
    }

    /// A month as the reader writes months (`03/2017`, `2017-03`).
    pub fn month(&self, month: Month) -> String {
        kiemtra_messages::month(self.lang, month.year, month.month)
    }
}

/// Replaces each `{name}` of `template` by its argument; a placeholder without an argument is
/// left as written.
pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    fill_into(&mut out, template, args);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the rules build from a code exists (a missing one would print as empty).
    #[test]
    fn every_key_a_rule_names_by_string_exists() {
        for &rule in crate::Rule::ALL {
            for part in ["title", "hint"] {
                let key = format!("{}.{part}", rule.code());
                assert!(kiemtra_messages::lookup(&key).is_some(), "{key}");
            }
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
        assert_eq!(fill("{", &[]), "{");
    }
}
