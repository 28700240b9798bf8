//! The declaration of [`crate::format_v1!`] as data: every field with its path, type, labels,
//! guidance and header aliases, and every enumeration with its codes and display names. The
//! schema, the template, the table layout and the fuzz dictionary are made from it.

use std::sync::LazyLock;

/// A text in both languages of kiemtra.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Words {
    pub vi: &'static str,
    pub en: &'static str,
}

/// The type of a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Text,
    /// A calendar day.
    Date,
    /// A clock time.
    Time,
    /// A whole number, 0 or more.
    Count,
    Bool,
    /// A list of texts.
    TextList,
    Enum(&'static Enumeration),
    Object(&'static Object),
    /// A list of objects.
    ObjectList(&'static Object),
}

/// An object of the format: the fields of one model struct.
#[derive(Debug, PartialEq, Eq)]
pub struct Object {
    /// The model struct (`Session`).
    pub name: &'static str,
    pub fields: &'static [Field],
}

/// One field, as declared inside its object.
#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    /// The key in JSON (`follow_up`).
    pub key: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// Its name: the column header `kiemtra convert --headers vi` writes.
    pub label: Words,
    /// One line of guidance for the template and the schema.
    pub guidance: Words,
    /// Other headers it is known by (matched in any case, with or without diacritics).
    pub aliases: &'static [&'static str],
}

/// An enumeration: its codes, each with a display name.
#[derive(Debug, PartialEq, Eq)]
pub struct Enumeration {
    /// The model enum (`FollowUpResult`).
    pub name: &'static str,
    pub values: &'static [EnumValue],
}

#[derive(Debug, PartialEq, Eq)]
pub struct EnumValue {
    /// As format v1 writes it (`in-progress`).
    pub code: &'static str,
    /// As a secretary names it (`đang thực hiện`), and in English.
    pub name: Words,
}

macro_rules! declare {
    (
        objects { $(
            $object:ident $(<$lt:lifetime>)? { $(
                $key:ident : $required:ident $ty:ident $(($($inner:tt)*))? {
                    label: $label_vi:literal / $label_en:literal,
                    guidance: $guidance_vi:literal / $guidance_en:literal,
                    aliases: [$($alias:literal),* $(,)?] $(,)?
                }
            ),* $(,)? }
        )* }
        enumerations { $(
            $enumeration:ident { $( $code:literal : $vi:literal / $en:literal ),* $(,)? }
        )* }
    ) => {
        /// Every object of the format, by the name of its model struct.
        #[allow(non_upper_case_globals)]
        pub mod objects {
            use super::{Field, Object, Ty, Words};
            $(
                pub const $object: Object = Object {
                    name: stringify!($object),
                    fields: &[$(
                        Field {
                            key: stringify!($key),
                            ty: declare!(@ty $ty $(($($inner)*))?),
                            required: declare!(@required $required),
                            label: Words { vi: $label_vi, en: $label_en },
                            guidance: Words { vi: $guidance_vi, en: $guidance_en },
                            aliases: &[$($alias),*],
                        }
                    ),*],
                };
            )*
        }

        /// Every enumeration of the format, by the name of its model enum.
        #[allow(non_upper_case_globals)]
        pub mod enumerations {
            use super::{EnumValue, Enumeration, Words};
            $(
                pub const $enumeration: Enumeration = Enumeration {
                    name: stringify!($enumeration),
                    values: &[$( EnumValue { code: $code, name: Words { vi: $vi, en: $en } } ),*],
                };
            )*
        }

        /// Every enumeration, in the order declared.
        pub const ENUMERATIONS: &[&Enumeration] = &[$(&enumerations::$enumeration),*];
    };
    (@ty text) => { Ty::Text };
    (@ty date) => { Ty::Date };
    (@ty time) => { Ty::Time };
    (@ty count) => { Ty::Count };
    // What an exporter writes: whole minutes, a day. The model reads more of what a secretary
    // writes ("40 phút", "tháng 5/2017"; see `values`), but a schema or a column says this.
    (@ty duration) => { Ty::Count };
    (@ty deadline) => { Ty::Date };
    (@ty boolean) => { Ty::Bool };
    (@ty texts) => { Ty::TextList };
    (@ty enumeration($e:ident)) => { Ty::Enum(&super::enumerations::$e) };
    (@ty object($o:ident $(<$lt:lifetime>)?)) => { Ty::Object(&$o) };
    (@ty objects($o:ident $(<$lt:lifetime>)?)) => { Ty::ObjectList(&$o) };
    (@required required) => { true };
    (@required optional) => { false };
}

crate::format_v1!(declare);

/// The record: the object at the top.
pub const RECORD: &Object = &objects::RecordDoc;

/// A field where it stands in the record.
#[derive(Debug)]
pub struct FieldAt {
    /// Dotted path; `[]` marks the items of a list of objects (`session.assignments[].due`).
    pub path: String,
    pub field: &'static Field,
}

impl FieldAt {
    /// The path of the object holding the field (`""` at the top).
    pub fn parent(&self) -> &str {
        self.path.rsplit_once('.').map_or("", |(p, _)| p)
    }

    /// Inside a list of objects (one of its items' fields).
    pub fn in_list(&self) -> bool {
        self.path.contains("[]")
    }
}

/// Every field of the format, depth first in the order declared (the order of the spec): each
/// object field comes before its own fields.
pub fn fields() -> &'static [FieldAt] {
    static FIELDS: LazyLock<Vec<FieldAt>> = LazyLock::new(|| {
        fn walk(object: &'static Object, prefix: &str, out: &mut Vec<FieldAt>) {
            for field in object.fields {
                let path = format!("{prefix}{}", field.key);
                out.push(FieldAt {
                    path: path.clone(),
                    field,
                });
                match field.ty {
                    Ty::Object(o) => walk(o, &format!("{path}."), out),
                    Ty::ObjectList(o) => walk(o, &format!("{path}[]."), out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(RECORD, "", &mut out);
        out
    });
    &FIELDS
}

/// The object held by the field named `key` anywhere in the record (`source`, `assignments`);
/// the record itself for `""`. Object keys are unique in format v1 (a test says so).
pub fn object_at_key(key: &str) -> Option<&'static Object> {
    if key.is_empty() {
        return Some(RECORD);
    }
    fields().iter().find_map(|f| match f.field.ty {
        Ty::Object(o) | Ty::ObjectList(o) if f.field.key == key => Some(o),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_depth_first_in_the_order_of_the_spec() {
        let paths: Vec<&str> = fields().iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths[..6],
            [
                "id",
                "unit",
                "unit.code",
                "unit.name",
                "unit.parent",
                "date"
            ]
        );
        assert!(paths.contains(&"session.assignments[].due"));
        assert_eq!(paths.last(), Some(&"session.follow_up.notes"));
        let mut unique = paths.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), paths.len());
    }

    #[test]
    fn object_keys_name_one_object_each() {
        let mut seen = std::collections::BTreeMap::new();
        for f in fields() {
            if let Ty::Object(o) | Ty::ObjectList(o) = f.field.ty {
                assert!(seen.insert(f.field.key, o.name).is_none(), "{}", f.path);
            }
        }
        assert_eq!(
            object_at_key("assignments").map(|o| o.name),
            Some("Assignment")
        );
        assert_eq!(object_at_key("").map(|o| o.name), Some("RecordDoc"));
        assert!(object_at_key("date").is_none());
    }

    #[test]
    fn every_object_and_enumeration_is_used_once_and_codes_are_unique() {
        let mut used = Vec::new();
        for f in fields() {
            if let Ty::Enum(e) = f.field.ty {
                used.push(e.name);
                let mut codes: Vec<_> = e.values.iter().map(|v| v.code).collect();
                codes.sort_unstable();
                codes.dedup();
                assert_eq!(codes.len(), e.values.len(), "{}", e.name);
            }
        }
        for e in ENUMERATIONS {
            assert!(
                used.contains(&e.name),
                "{} is declared but no field has it",
                e.name
            );
        }
    }
}
