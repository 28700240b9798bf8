//! Every word a person reads in kiemtra, one catalogue per language: `messages/vi.toml` and
//! `messages/en.toml`. A reviewer reads and corrects all the wording of a language in one file.
//!
//! The build script turns each key into an item of [`m`], so the code names a message the way
//! the compiler checks:
//!
//! ```
//! use kiemtra_messages::{m, Lang, Say};
//! assert_eq!(m::severity::ERROR.get(Lang::En), "error");
//! let text = m::cd401::Message { minutes: &20, min_minutes: &30 }.say(Lang::Vi);
//! assert!(text.contains("20 phút"));
//! ```
//!
//! A key the code names but the catalogue lacks, a placeholder spelt differently in the code or
//! in either language, or a key in one language only does not build. Plural forms are a table of
//! `one` and `other` with a `count` placeholder; Vietnamese writes only `other` (it has no
//! grammatical plural), English both. Dates and months are written by [`date`] and [`month`],
//! in each language's own order.
//!
//! This crate does no I/O and never reads the clock. It is the only place where the two
//! languages are told apart.

use std::fmt::{self, Display};

use chrono::NaiveDate;

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

/// The two languages people read kiemtra in: Vietnamese is the default, English on request.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Both languages, Vietnamese first.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The language's code (`vi`, `en`), as written in configuration and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Whether `count` takes the singular form: never in Vietnamese, for 1 in English.
    pub fn is_one(self, count: u64) -> bool {
        match self {
            Lang::Vi => false,
            Lang::En => count == 1,
        }
    }
}

/// A text of the catalogue without placeholders, in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Phrase {
    vi: &'static str,
    en: &'static str,
}

impl Phrase {
    /// A phrase declared in both languages elsewhere: the labels and names of the record
    /// format's declaration (`kiemtra_format`), which is that declaration's own catalogue.
    pub const fn new(vi: &'static str, en: &'static str) -> Phrase {
        Phrase { vi, en }
    }

    /// The text in `lang`.
    pub const fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

/// A message of the catalogue, worded in a language.
pub trait Say {
    /// Appends the message in `lang` to `out`.
    fn say_into(&self, lang: Lang, out: &mut String);

    /// The message in `lang`.
    fn say(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.say_into(lang, &mut out);
        out
    }

    /// The message in `lang`, for `format!` and `write!`.
    fn in_lang(&self, lang: Lang) -> InLang<'_, Self>
    where
        Self: Sized,
    {
        InLang {
            message: self,
            lang,
        }
    }
}

impl Say for Phrase {
    fn say_into(&self, lang: Lang, out: &mut String) {
        out.push_str(self.get(lang));
    }
}

/// A message and the language to word it in: [`Say::in_lang`].
#[derive(Debug)]
pub struct InLang<'a, M> {
    message: &'a M,
    lang: Lang,
}

impl<M: Say> Display for InLang<'_, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.say(self.lang))
    }
}

/// A key of the catalogue, for the tests and tools that read every message.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub key: &'static str,
    pub placeholders: &'static [&'static str],
    pub vi: &'static str,
    pub en: &'static str,
}

impl Entry {
    /// The text in `lang` (plural forms joined by ` | `).
    pub fn get(&self, lang: Lang) -> &'static str {
        Phrase::new(self.vi, self.en).get(lang)
    }
}

/// Appends `template` to `out` with each `{name}` replaced by its argument; a placeholder
/// without an argument is left as written (the build checks there is none).
pub fn fill_into(out: &mut String, template: &str, args: &[(&str, &dyn Display)]) {
    use fmt::Write as _;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let arg = after.find('}').and_then(|end| {
            let name = after.get(1..end)?;
            args.iter().find(|(n, _)| *n == name).map(|(_, v)| (end, v))
        });
        match arg {
            Some((end, value)) => {
                let _ = write!(out, "{value}");
                rest = after.get(end + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
}

/// A date as the reader writes dates (`05/03/2017`, `2017-03-05`).
pub fn date(lang: Lang, date: NaiveDate) -> String {
    date.format(m::format::DATE.get(lang)).to_string()
}

/// A month as the reader writes months (`03/2017`, `2017-03`); a month chrono cannot hold is
/// written `YYYY-MM`.
pub fn month(lang: Lang, year: i32, month: u32) -> String {
    NaiveDate::from_ymd_opt(year, month, 1).map_or_else(
        || format!("{year:04}-{month:02}"),
        |d| d.format(m::format::MONTH.get(lang)).to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_worded_whole_in_both_languages() {
        for entry in ALL {
            for lang in Lang::ALL {
                assert!(
                    !entry.get(lang).trim().is_empty(),
                    "{} ({lang:?})",
                    entry.key
                );
            }
        }
    }

    #[test]
    fn placeholders_are_filled_and_plural_forms_chosen() {
        let mut out = String::new();
        fill_into(&mut out, "{a} và {b} {c} {", &[("a", &1), ("b", &"hai")]);
        assert_eq!(out, "1 và hai {c} {");
        assert!(Lang::En.is_one(1) && !Lang::En.is_one(2) && !Lang::Vi.is_one(1));
    }

    #[test]
    fn dates_and_months_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2017, 3, 5).unwrap();
        assert_eq!(date(Lang::Vi, d), "05/03/2017");
        assert_eq!(date(Lang::En, d), "2017-03-05");
        assert_eq!(month(Lang::Vi, 2017, 3), "03/2017");
        assert_eq!(month(Lang::En, 2017, 13), "2017-13");
    }
}
