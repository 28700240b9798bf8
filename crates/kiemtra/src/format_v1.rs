//! Record format v1 for exporters and cell secretaries, as declared in `kiemtra_format`: what
//! `kiemtra schema` (JSON Schema) and `kiemtra template` (a blank record with guidance) are made
//! from. The words the reader accepts for each enumerated value come from the model itself
//! (`kiemtra_rules::model`).

use kiemtra_format::{Enumeration, FieldAt};
use kiemtra_rules::model::fold_word;
use kiemtra_rules::Lang;

pub use kiemtra_format::{fields, Ty};

/// Each value of an enumeration: its code and the spellings the reader accepts for it.
pub type Accepted = Vec<(&'static str, &'static [&'static str])>;

/// The model enum of each declared enumeration, by name.
macro_rules! accepted_words {
    (objects { $($objects:tt)* } enumerations { $( $name:ident { $($values:tt)* } )* }) => {
        /// The codes of `e` and the words the reader accepts for each, in the model's order.
        pub fn accepted(e: &Enumeration) -> Accepted {
            match e.name {
                $(stringify!($name) => kiemtra_rules::model::$name::ALL
                    .iter()
                    .map(|v| (v.code(), v.spellings()))
                    .collect(),)*
                _ => Vec::new(),
            }
        }
    };
}

kiemtra_format::format_v1!(accepted_words);

/// Every spelling of a value the schema lists: as the model gives it, without diacritics, and
/// with a capital first letter (the reader accepts any case; a schema cannot say so).
pub fn spellings(words: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for w in words {
        for form in [w.to_string(), fold_word(w)] {
            let mut chars = form.chars();
            let capital = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>());
            add(form);
            if let Some(c) = capital {
                add(c);
            }
        }
    }
    out
}

/// The line of guidance of a field (declared with the field, in both languages).
pub fn guidance(f: &FieldAt, lang: Lang) -> &'static str {
    let words = f.field.guidance;
    kiemtra_messages::Phrase::new(words.vi, words.en).get(lang)
}

/// The fields directly inside the object at `parent` (`""`, `session`, `session.assignments[]`).
pub fn children(parent: &str) -> impl Iterator<Item = &'static FieldAt> + '_ {
    fields().iter().filter(move |f| f.parent() == parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every declared enumeration is a model enum with the same codes in the same order.
    #[test]
    fn declared_enumerations_are_the_models() {
        for e in kiemtra_format::table::ENUMERATIONS {
            let model: Vec<&str> = accepted(e).iter().map(|(code, _)| *code).collect();
            let declared: Vec<&str> = e.values.iter().map(|v| v.code).collect();
            assert_eq!(model, declared, "{}", e.name);
        }
    }
}
