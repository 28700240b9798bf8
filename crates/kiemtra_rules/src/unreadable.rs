//! The values of a record that were written but could not be read (a `minutes` of
//! `khoảng nửa tiếng`, an `assessment` given as one string, a `due` of `sớm`): the reader counts
//! them as absent; this lists where they are, as JSON pointers, for exporters checking their
//! output.

use crate::field::Field;
use crate::model::*;
use crate::text::is_blank;

/// Something whose fields can be walked.
trait Walk {
    fn walk(&self, at: &str, out: &mut Vec<String>);
}

fn field<T>(
    f: &Field<T>,
    at: String,
    out: &mut Vec<String>,
    inner: impl FnOnce(&T, &str, &mut Vec<String>),
) {
    match f {
        // A list or object where another shape was expected is kept as `[…]` / `{…}`.
        Field::Unreadable(v) if !is_blank(v) || v == "[…]" || v == "{…}" => out.push(at),
        Field::Value(v) => inner(v, &at, out),
        _ => {}
    }
}

fn leaf<T>(f: &Field<T>, at: String, out: &mut Vec<String>) {
    field(f, at, out, |_, _, _| {});
}

fn object<T: Walk>(f: &Field<T>, at: String, out: &mut Vec<String>) {
    field(f, at, out, |v, at, out| v.walk(at, out));
}

fn list<T>(
    f: &Field<Vec<Field<T>>>,
    at: String,
    out: &mut Vec<String>,
    each: fn(&Field<T>, String, &mut Vec<String>),
) {
    field(f, at, out, |items, at, out| {
        for (i, item) in items.iter().enumerate() {
            each(item, format!("{at}/{i}"), out);
        }
    });
}

/// Each field walked by its declared type ([`kiemtra_format::for_each_object!`]).
macro_rules! walks {
    ($object:ident $(<$lt:lifetime>)? { $($key:ident : $ty:ident $(($($inner:tt)*))?),* }) => {
        impl<'a> Walk for $object $(<$lt>)? {
            fn walk(&self, at: &str, out: &mut Vec<String>) {
                $( walks!(@ $ty self.$key, format!("{at}/{}", stringify!($key)), out); )*
            }
        }
    };
    (@ object $f:expr, $at:expr, $out:ident) => { object(&$f, $at, $out) };
    (@ texts $f:expr, $at:expr, $out:ident) => { list(&$f, $at, $out, leaf) };
    (@ objects $f:expr, $at:expr, $out:ident) => { list(&$f, $at, $out, object) };
    (@ $scalar:ident $f:expr, $at:expr, $out:ident) => { leaf(&$f, $at, $out) };
}

kiemtra_format::for_each_object!(walks);

impl RecordDoc<'_> {
    /// JSON pointers of the values written but not readable; blank values are absent, not
    /// listed.
    pub fn unreadable(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk("", &mut out);
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::model::RecordDoc;

    #[test]
    fn unreadable_values_are_found_where_they_are() {
        let doc: RecordDoc<'_> = serde_json::from_str(
            r#"{"unit": {"code": "U"}, "date": "2017-01-05", "kind": "periodic",
                "attendance": {"present": "mười"},
                "session": {"minutes": "khoảng nửa tiếng", "area": "", "assessment": "tốt",
                            "start": "19h30", "end": "25:00",
                            "topics": ["A", 5, true], "assignments": [{"due": "sớm"}, {"due": "cuối quý"}],
                            "discussion": [], "follow_up": {"result": "  "}}}"#,
        )
        .unwrap();
        assert_eq!(
            doc.unreadable(),
            [
                "/attendance/present",
                "/session/topics/2",
                "/session/end",
                "/session/minutes",
                "/session/assessment",
                "/session/discussion",
                "/session/assignments/0/due"
            ]
        );
    }
}
