//! Record format v1 (`spec/record-format.md`): what a cell's minutes book says about one meeting.
//!
//! Field names are the contract and are fixed. Every field is a [`Field`], so that a value that
//! cannot be read is kept (to be shown) but counts as absent, and an unknown enumerated value
//! can reject the record (see [`crate::validate`]).

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};
use kiemtra_format::values;
pub use kiemtra_format::values::Deadline;
use serde::Deserialize;

use crate::field::{Field, Lenient, Read, Scalar, Text};
use crate::lenient_object;

/// The structs of format v1, one per object of the declaration
/// ([`kiemtra_format::format_v1!`]), each field a [`Field`] of the type declared, documented by its
/// guidance; readable from any serde format, borrowing text from the input.
macro_rules! model_structs {
    (
        objects { $( $object:ident $(<$lt:lifetime>)? { $($fields:tt)* } )* }
        enumerations { $($enumerations:tt)* }
    ) => { $(
        model_structs!(@fields $object [$(<$lt>)?] [] $($fields)*);
        model_structs!(@lenient $object $(<$lt>)?);
    )* };
    // Every field munched: the struct.
    (@fields $object:ident [$($generics:tt)*] [$($done:tt)*] $(,)?) => {
        #[doc = concat!("The object `", stringify!($object), "` of record format v1, as written.")]
        #[derive(Clone, Debug, Default, Deserialize)]
        #[serde(default)]
        pub struct $object $($generics)* { $($done)* }
    };
    (@fields $object:ident $generics:tt [$($done:tt)*]
        $key:ident : $required:ident $ty:ident $(($($inner:tt)*))? {
            label: $label_vi:literal / $label_en:literal,
            guidance: $guidance_vi:literal / $guidance_en:literal,
            aliases: [$($alias:literal),* $(,)?] $(,)?
        } $(, $($rest:tt)*)?
    ) => {
        model_structs!(@field $object $generics [$($done)*] $guidance_en, $key $ty $(($($inner)*))?;
            $($($rest)*)?);
    };
    // One field by its type; those holding text borrow it from the input.
    (@field $o:ident $g:tt [$($done:tt)*] $doc:literal, $key:ident text; $($rest:tt)*) => {
        model_structs!(@fields $o $g [$($done)*
            #[doc = $doc] #[serde(borrow)] pub $key: Field<Text<'a>>,] $($rest)*);
    };
    (@field $o:ident $g:tt [$($done:tt)*] $doc:literal, $key:ident texts; $($rest:tt)*) => {
        model_structs!(@fields $o $g [$($done)*
            #[doc = $doc] #[serde(borrow)] pub $key: Field<Vec<Field<Text<'a>>>>,] $($rest)*);
    };
    (@field $o:ident $g:tt [$($done:tt)*] $doc:literal, $key:ident object($t:ident <$l:lifetime>); $($rest:tt)*) => {
        model_structs!(@fields $o $g [$($done)*
            #[doc = $doc] #[serde(borrow)] pub $key: Field<$t<$l>>,] $($rest)*);
    };
    (@field $o:ident $g:tt [$($done:tt)*] $doc:literal, $key:ident object($t:ident); $($rest:tt)*) => {
        model_structs!(@fields $o $g [$($done)* #[doc = $doc] pub $key: Field<$t>,] $($rest)*);
    };
    (@field $o:ident $g:tt [$($done:tt)*] $doc:literal, $key:ident objects($t:ident <$l:lifetime>); $($rest:tt)*) => {
        model_structs!(@fields $o $g [$($done)*
            #[doc = $doc] #[serde(borrow)] pub $key: Field<Vec<Field<$t<$l>>>>,] $($rest)*);
    };
    (@field $o:ident $g:tt [$($done:tt)*] $doc:literal, $key:ident $ty:ident $(($e:ident))?; $($rest:tt)*) => {
        model_structs!(@fields $o $g [$($done)*
            #[doc = $doc] pub $key: Field<model_structs!(@scalar $ty $($e)?)>,] $($rest)*);
    };
    (@scalar date) => { Date };
    (@scalar time) => { ClockTime };
    (@scalar count) => { u32 };
    (@scalar duration) => { Minutes };
    (@scalar deadline) => { Deadline };
    (@scalar boolean) => { bool };
    (@scalar enumeration $e:ident) => { $e };
    (@lenient $object:ident <$lt:lifetime>) => { lenient_object!($object); };
    (@lenient $object:ident) => {
        impl<'de> Lenient<'de> for $object {
            fn from_scalar(_: Scalar<'de>) -> Read<Self> {
                Read::Unreadable
            }
            fn from_map<A: serde::de::MapAccess<'de>>(map: A) -> Result<Read<Self>, A::Error> {
                $object::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Read::Ok)
            }
        }
    };
}

kiemtra_format::format_v1!(model_structs);

/// A calendar date in any accepted form (`2017-03-05`, `5/3/2017`, `05.03.2017`,
/// `ngày 5 tháng 3 năm 2017`, …; day before month, always): see [`values::date`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        values::date(text).map(Date)
    }
}

impl<'de> Lenient<'de> for Date {
    fn from_scalar(value: Scalar<'de>) -> Read<Self> {
        match value {
            Scalar::Str(s) => Date::parse(&s).map_or(Read::Unreadable, Read::Ok),
            _ => Read::Unreadable,
        }
    }
}

/// A local clock time in any accepted form (`19:30`, `19h30`, `7 giờ 30 tối`, `7:30 PM`, …):
/// see [`values::time_of_day`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(pub NaiveTime);

impl ClockTime {
    pub fn parse(text: &str) -> Option<ClockTime> {
        values::time_of_day(text).map(ClockTime)
    }

    /// Minutes from midnight.
    pub fn minutes(self) -> i64 {
        use chrono::Timelike;
        i64::from(self.0.hour()) * 60 + i64::from(self.0.minute())
    }
}

impl<'de> Lenient<'de> for ClockTime {
    fn from_scalar(value: Scalar<'de>) -> Read<Self> {
        match value {
            Scalar::Str(s) => ClockTime::parse(&s).map_or(Read::Unreadable, Read::Ok),
            _ => Read::Unreadable,
        }
    }
}

/// How long the session lasted, in whole minutes: a number, or text in any accepted form
/// (`"40"`, `40 phút`, `45'`, `1 giờ 15 phút`, `1h15`, `1 tiếng`): see [`values::minutes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Minutes(pub u32);

impl<'de> Lenient<'de> for Minutes {
    fn from_scalar(value: Scalar<'de>) -> Read<Self> {
        match value {
            Scalar::Str(s) => {
                values::minutes(&s).map_or(Read::Unreadable, |m| Read::Ok(Minutes(m)))
            }
            number => match u32::from_scalar(number) {
                Read::Ok(m) => Read::Ok(Minutes(m)),
                _ => Read::Unreadable,
            },
        }
    }
}

/// A deadline: a date, a period read as its last day, a period relative to the meeting
/// (resolved by CD308 with the meeting's date), or "no time limit": see [`values::deadline`].
impl<'de> Lenient<'de> for Deadline {
    fn from_scalar(value: Scalar<'de>) -> Read<Self> {
        match value {
            Scalar::Str(s) => values::deadline(&s).map_or(Read::Unreadable, Read::Ok),
            _ => Read::Unreadable,
        }
    }
}

/// Folds an enumerated word for comparison: NFC, trimmed, lower case, and without diacritics
/// (so that `dinh ky` is `định kỳ`). Only for enumerations, never for topics.
pub fn fold_word(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.trim()
        .nfd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'đ' => 'd',
            '_' => '-',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

macro_rules! enumeration {
    ($(#[$doc:meta])* $name:ident = $words:path { $($variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        // The variants are the values of the table, in its order.
        const _: () = assert!($name::ALL.len() == $words.values.len());

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in format v1.
            pub const fn code(self) -> &'static str {
                values::words::code(self.spellings())
            }

            /// The code and the Vietnamese words the reader accepts for it (also without
            /// diacritics, in any case), as the record format documents them.
            pub const fn spellings(self) -> &'static [&'static str] {
                $words.values[self as usize]
            }

            /// Reads the code or one of its accepted words (see [`values::words`]).
            pub fn parse(text: &str) -> Option<$name> {
                $words.read(text).and_then(|i| $name::ALL.get(i).copied())
            }
        }

        impl<'de> Lenient<'de> for $name {
            fn from_scalar(value: Scalar<'de>) -> Read<Self> {
                match value {
                    // The word first (nearly every value is a code): no spelling is blank and
                    // no blank word names a value (a test says so), so a blank still reads as
                    // no value, as if asked first.
                    Scalar::Str(s) => match $name::parse(&s) {
                        Some(v) => Read::Ok(v),
                        None if crate::text::is_blank(&s) => Read::Unreadable,
                        None => Read::Invalid,
                    },
                    _ => Read::Invalid,
                }
            }
        }
    };
}

enumeration!(
    /// What kind of meeting.
    Kind = values::words::KIND { Periodic, Thematic, Extraordinary }
);

enumeration!(
    /// The shortcoming a session addresses (§II.1).
    Area = values::words::AREA {
        SelfCriticism,
        Democracy,
        MassMobilization,
        ProfessionalQuality,
        Shortcomings,
        Responsibility,
        PressingIssues,
        Other,
    }
);

enumeration!(
    /// The material the session was prepared from (§II.2).
    SourceKind = values::words::SOURCE_KIND { HoChiMinhWriting, CentralMaterials, CompiledTeachings }
);

enumeration!(
    /// Who an assignment goes to.
    AssigneeKind = values::words::ASSIGNEE_KIND { Collective, Individual }
);

enumeration!(
    /// The result of the previous session's topic, evaluated at this meeting.
    FollowUpResult = values::words::FOLLOW_UP_RESULT { Achieved, InProgress, NotAchieved }
);

/// A texts list's non-blank entries.
pub fn non_blank<'s, 'a: 's>(
    list: &'s Field<Vec<Field<Text<'a>>>>,
) -> impl Iterator<Item = &'s str> {
    list.value()
        .into_iter()
        .flatten()
        .filter_map(|f| f.value().map(Cow::as_ref))
        .filter(|t| !crate::text::is_blank(t))
}

/// The text of a field when it is given and not blank.
pub fn filled<'s>(field: &'s Field<Text<'_>>) -> Option<&'s str> {
    field
        .value()
        .map(Cow::as_ref)
        .filter(|t| !crate::text::is_blank(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ISO dates read as chrono reads them (a sign before the year, which chrono allows, is
    /// not a form a secretary writes: unreadable).
    #[test]
    fn dates_read_as_chrono_reads_them() {
        assert_eq!(Date::parse("+2017-01-05"), None);
        for t in [
            "2017-01-05",
            "2017-02-29",
            "2016-02-29",
            "0000-01-01",
            "9999-12-31",
            "2017-13-01",
            "2017-00-10",
            "2017-1-5",
            "2017-01-5 ",
            " 2017-01-05",
            "15/01/2017",
        ] {
            let chrono = NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok();
            let ours = Date::parse(t).map(|d| d.0);
            if t.contains('/') {
                assert!(ours.is_some());
            } else {
                assert_eq!(ours, chrono, "{t}");
            }
        }
    }

    /// The enumerations' fast path (the exact code) gives what folding gives: no alias of one
    /// value folds to the code of another.
    #[test]
    fn codes_are_read_as_folding_reads_them() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            code: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            for &v in all {
                assert_eq!(parse(code(v)), Some(v));
                assert_eq!(fold_word(code(v)), code(v));
                assert_eq!(parse(&format!(" {} ", code(v).to_uppercase())), Some(v));
            }
        }
        check(Kind::ALL, Kind::code, Kind::parse);
        check(Area::ALL, Area::code, Area::parse);
        check(SourceKind::ALL, SourceKind::code, SourceKind::parse);
        check(AssigneeKind::ALL, AssigneeKind::code, AssigneeKind::parse);
        check(
            FollowUpResult::ALL,
            FollowUpResult::code,
            FollowUpResult::parse,
        );
    }

    /// An enumeration reads the word before asking whether it is blank, which gives what
    /// asking first gave only while no spelling is blank and no blank word — in any case,
    /// decomposed, with trailing punctuation — nor a text without letters names a value.
    #[test]
    fn no_spelling_is_blank_and_no_blank_names_a_value() {
        use unicode_normalization::UnicodeNormalization;
        fn check<T: Copy + std::fmt::Debug>(
            all: &[T],
            spellings: fn(T) -> &'static [&'static str],
            parse: fn(&str) -> Option<T>,
        ) {
            for &v in all {
                for s in spellings(v) {
                    assert!(!crate::text::is_blank(s), "{v:?}: {s}");
                }
            }
            let mut blanks = vec![
                String::new(),
                " ".into(),
                "…".into(),
                "...".into(),
                "-".into(),
            ];
            for (written, plain) in crate::text::BLANK_WORDS {
                for w in [*written, *plain] {
                    let mut capital = w.chars();
                    let capital: String = capital
                        .next()
                        .into_iter()
                        .flat_map(char::to_uppercase)
                        .chain(capital)
                        .collect();
                    blanks.extend([
                        w.to_string(),
                        w.to_uppercase(),
                        capital,
                        format!("{w}."),
                        format!(" {w}… "),
                        w.nfd().collect(),
                    ]);
                }
            }
            for text in blanks {
                assert!(crate::text::is_blank(&text), "{text:?}");
                assert!(parse(&text).is_none(), "{text:?}: {:?}", parse(&text));
            }
        }
        check(Kind::ALL, Kind::spellings, Kind::parse);
        check(Area::ALL, Area::spellings, Area::parse);
        check(SourceKind::ALL, SourceKind::spellings, SourceKind::parse);
        check(
            AssigneeKind::ALL,
            AssigneeKind::spellings,
            AssigneeKind::parse,
        );
        check(
            FollowUpResult::ALL,
            FollowUpResult::spellings,
            FollowUpResult::parse,
        );
    }
}
