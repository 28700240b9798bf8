//! `Field<T>`: a value of the record that may be absent, readable, unreadable or invalid.
//!
//! Record format v1 says a field whose value cannot be read counts as absent for the rules, yet
//! the finding shows what was written; and an unknown enumerated value rejects the record.
//! `Field` keeps those cases apart while deserializing with any serde format, borrowing strings
//! from the input where it can.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// One field of a record as it was written.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Field<T> {
    /// Not given, or `null`.
    #[default]
    Absent,
    /// Given and readable.
    Value(T),
    /// Given but not readable as this field's type (`due: "cuối quý"`); counts as absent.
    /// Holds the value as written, for the finding to show.
    Unreadable(String),
    /// An enumerated value outside the allowed set; the record is rejected.
    Invalid(String),
}

impl<T> Field<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Field::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value as written when it could not be read.
    pub fn unreadable(&self) -> Option<&str> {
        match self {
            Field::Unreadable(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }
}

/// A scalar as the input gave it.
#[derive(Clone, Debug)]
pub enum Scalar<'de> {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'de, str>),
}

impl fmt::Display for Scalar<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::Int(i) => write!(f, "{i}"),
            Scalar::Float(x) => write!(f, "{x}"),
            Scalar::Str(s) => write!(f, "{s}"),
        }
    }
}

/// What a field's type makes of a value.
#[derive(Debug)]
pub enum Read<T> {
    Ok(T),
    /// Cannot be read: counts as absent.
    Unreadable,
    /// Not one of the allowed values: rejects the record.
    Invalid,
}

/// A type a `Field` can hold. Scalars come through `from_scalar`; lists and objects override
/// `from_seq` / `from_map`.
pub trait Lenient<'de>: Sized {
    fn from_scalar(value: Scalar<'de>) -> Read<Self>;

    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Read<Self>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Read::Unreadable)
    }

    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Read<Self>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Read::Unreadable)
    }
}

/// The field a scalar makes, exactly as deserializing it does: for readers that do not go
/// through serde.
pub fn field_of_scalar<'de, T: Lenient<'de>>(value: Scalar<'de>) -> Field<T> {
    FieldVisitor::<T>::scalar(value)
}

impl<'de, T: Lenient<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor(PhantomData))
    }
}

struct FieldVisitor<T>(PhantomData<T>);

impl<T> FieldVisitor<T> {
    fn scalar<'de>(value: Scalar<'de>) -> Field<T>
    where
        T: Lenient<'de>,
    {
        // Kept to be shown if it cannot be read; a borrowed string costs nothing to keep.
        let kept = value.clone();
        match T::from_scalar(value) {
            Read::Ok(v) => Field::Value(v),
            Read::Unreadable => Field::Unreadable(kept.to_string()),
            Read::Invalid => Field::Invalid(kept.to_string()),
        }
    }
}

impl<'de, T: Lenient<'de>> Visitor<'de> for FieldVisitor<T> {
    type Value = Field<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(match i64::try_from(v) {
            Ok(i) => Self::scalar(Scalar::Int(i)),
            Err(_) => Field::Unreadable(v.to_string()),
        })
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::Float(v)))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::Str(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::Str(Cow::Owned(v.to_owned()))))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Self::scalar(Scalar::Str(Cow::Owned(v))))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Field::Absent)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Field::Absent)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok(match T::from_seq(seq)? {
            Read::Ok(v) => Field::Value(v),
            Read::Unreadable => Field::Unreadable("[…]".to_owned()),
            Read::Invalid => Field::Invalid("[…]".to_owned()),
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Ok(match T::from_map(map)? {
            Read::Ok(v) => Field::Value(v),
            Read::Unreadable => Field::Unreadable("{…}".to_owned()),
            Read::Invalid => Field::Invalid("{…}".to_owned()),
        })
    }
}

/// Free text, normalised to NFC as it is read. Numbers are read as their text (a page number,
/// a unit code typed as a number in a spreadsheet); `true`/`false` are not text.
pub type Text<'a> = Cow<'a, str>;

impl<'de: 'a, 'a> Lenient<'de> for Cow<'a, str> {
    fn from_scalar(value: Scalar<'de>) -> Read<Self> {
        match value {
            Scalar::Str(s) => Read::Ok(crate::text::nfc(s)),
            Scalar::Int(i) => Read::Ok(Cow::Owned(i.to_string())),
            Scalar::Float(x) => Read::Ok(Cow::Owned(x.to_string())),
            Scalar::Bool(_) => Read::Unreadable,
        }
    }
}

/// A whole number of people: a JSON number, never text (`"18"` is unreadable in JSON; readers
/// of text formats such as CSV parse the cell before it gets here). Durations are
/// [`crate::model::Minutes`], which read text too.
impl<'de> Lenient<'de> for u32 {
    fn from_scalar(value: Scalar<'de>) -> Read<Self> {
        match value {
            Scalar::Int(i) => u32::try_from(i).map_or(Read::Unreadable, Read::Ok),
            Scalar::Float(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) =>
            {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Read::Ok(x as u32)
            }
            _ => Read::Unreadable,
        }
    }
}

/// Yes or no: a boolean, `1`/`0`, or text in any accepted form (`"true"`, `có`, `Đã ghi`,
/// `chưa ghi`, `x`, …): see [`kiemtra_format::values::yes_no`].
impl<'de> Lenient<'de> for bool {
    fn from_scalar(value: Scalar<'de>) -> Read<Self> {
        match value {
            Scalar::Bool(b) => Read::Ok(b),
            Scalar::Int(1) => Read::Ok(true),
            Scalar::Int(0) => Read::Ok(false),
            Scalar::Float(1.0) => Read::Ok(true),
            Scalar::Float(0.0) => Read::Ok(false),
            Scalar::Str(s) => kiemtra_format::values::yes_no(&s).map_or(Read::Unreadable, Read::Ok),
            _ => Read::Unreadable,
        }
    }
}

/// A list of texts. A single string where a list is expected cannot be read (format v1).
impl<'de, T: Lenient<'de>> Lenient<'de> for Vec<Field<T>> {
    fn from_scalar(_: Scalar<'de>) -> Read<Self> {
        Read::Unreadable
    }
    fn from_seq<A: SeqAccess<'de>>(mut seq: A) -> Result<Read<Self>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element::<Field<T>>()? {
            out.push(item);
        }
        Ok(Read::Ok(out))
    }
}

/// Implements `Lenient` for a derived-`Deserialize` struct: read from a map, unreadable from
/// anything else.
#[macro_export]
macro_rules! lenient_object {
    ($ty:ident) => {
        impl<'de: 'a, 'a> $crate::field::Lenient<'de> for $ty<'a> {
            fn from_scalar(_: $crate::field::Scalar<'de>) -> $crate::field::Read<Self> {
                $crate::field::Read::Unreadable
            }
            fn from_map<A: serde::de::MapAccess<'de>>(
                map: A,
            ) -> Result<$crate::field::Read<Self>, A::Error> {
                let v = <$ty<'a> as serde::Deserialize<'de>>::deserialize(
                    serde::de::value::MapAccessDeserializer::new(map),
                )?;
                Ok($crate::field::Read::Ok(v))
            }
        }
    };
}
