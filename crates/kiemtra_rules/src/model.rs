//! Record format v1 (`spec/record-format.md`): what a cell's minutes book says about one meeting.
//!
//! Field names are the contract and are fixed. Every field is a [`Field`], so that a value that
//! cannot be read is kept (to be shown) but counts as absent, and an unknown enumerated value
//! can reject the record (see [`crate::validate`]).

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};
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

/// A calendar date: `YYYY-MM-DD`, or `DD/MM/YYYY` in Vietnamese order (never month-first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        // `YYYY-MM-DD` exactly (nearly always): read without a format string.
        let b = t.as_bytes();
        if b.len() == 10
            && b.get(4) == Some(&b'-')
            && b.get(7) == Some(&b'-')
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        {
            let num = |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<u32>().ok());
            if let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) {
                if let Some(d) = i32::try_from(y)
                    .ok()
                    .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
                {
                    return Some(Date(d));
                }
            }
        }
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            // chrono accepts a one-digit month or day; format v1 asks for ISO, which is fine.
            return Some(Date(d));
        }
        let mut parts = t.split('/');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || d.is_empty() || d.len() > 2 || m.len() > 2 {
            return None;
        }
        NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).map(Date)
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

/// A local clock time `HH:MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(pub NaiveTime);

impl ClockTime {
    pub fn parse(text: &str) -> Option<ClockTime> {
        let (h, m) = text.trim().split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0).map(ClockTime)
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
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The value as written in format v1.
            pub const fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The code and the Vietnamese words the reader accepts for it (also without
            /// diacritics, in any case), as the record format documents them.
            pub const fn spellings(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$code $(, $alias)*]),+ }
            }

            /// Reads the code or one of its Vietnamese words, with or without diacritics.
            pub fn parse(text: &str) -> Option<$name> {
                // The code as format v1 writes it (nearly always): no folding needed.
                $(
                    if text == $code {
                        return Some($name::$variant);
                    }
                )+
                let folded = fold_word(text);
                $(
                    if folded == $code $(|| folded == fold_word($alias))* {
                        return Some($name::$variant);
                    }
                )+
                None
            }
        }

        impl<'de> Lenient<'de> for $name {
            fn from_scalar(value: Scalar<'de>) -> Read<Self> {
                match value {
                    Scalar::Str(s) if crate::text::is_blank(&s) => Read::Unreadable,
                    Scalar::Str(s) => $name::parse(&s).map_or(Read::Invalid, Read::Ok),
                    _ => Read::Invalid,
                }
            }
        }
    };
}

enumeration!(
    /// What kind of meeting.
    Kind {
        Periodic = "periodic" | "định kỳ" | "sinh hoạt định kỳ",
        Thematic = "thematic" | "chuyên đề" | "sinh hoạt chuyên đề",
        Extraordinary = "extraordinary" | "bất thường",
    }
);

enumeration!(
    /// The shortcoming a session addresses (§II.1).
    Area {
        SelfCriticism = "self-criticism" | "tự phê bình" | "tự phê bình, phê bình" | "tự phê bình và phê bình",
        Democracy = "democracy" | "dân chủ" | "thực hành dân chủ",
        MassMobilization = "mass-mobilization" | "mass-mobilisation" | "dân vận",
        ProfessionalQuality = "professional-quality" | "chuyên môn" | "chất lượng chuyên môn",
        Shortcomings = "shortcomings" | "tồn tại, khuyết điểm" | "khuyết điểm",
        Responsibility = "responsibility" | "trách nhiệm" | "tinh thần trách nhiệm",
        PressingIssues = "pressing-issues" | "bức xúc, nổi cộm" | "vấn đề bức xúc",
        Other = "other" | "khác",
    }
);

enumeration!(
    /// The material the session was prepared from (§II.2).
    SourceKind {
        HoChiMinhWriting = "ho-chi-minh-writing" | "bài viết của Bác" | "tác phẩm của Chủ tịch Hồ Chí Minh",
        CentralMaterials = "central-materials" | "tài liệu Trung ương",
        CompiledTeachings = "compiled-teachings" | "lời dạy của Bác",
    }
);

enumeration!(
    /// Who an assignment goes to.
    AssigneeKind {
        Collective = "collective" | "tập thể",
        Individual = "individual" | "cá nhân",
    }
);

enumeration!(
    /// The result of the previous session's topic, evaluated at this meeting.
    FollowUpResult {
        Achieved = "achieved" | "đạt",
        InProgress = "in-progress" | "đang thực hiện",
        NotAchieved = "not-achieved" | "chưa đạt",
    }
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

    /// The enumerations' fast path (the exact code) gives what folding gives: no alias of one
    /// value folds to the code of another.
    #[test]
    fn dates_read_as_chrono_reads_them() {
        for t in [
            "2017-01-05",
            "2017-02-29",
            "2016-02-29",
            "0000-01-01",
            "9999-12-31",
            "2017-13-01",
            "2017-00-10",
            "2017-1-5",
            "+2017-01-05",
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
}
