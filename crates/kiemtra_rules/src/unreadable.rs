//! The values of a record that were written but could not be read (a `minutes` of
//! `khoảng nửa tiếng`, an `assessment` given as one string, a `due` of `sớm`): the reader counts
//! them as absent; this lists where they are, as JSON pointers, for exporters checking their
//! output.

use crate::field::Field;
use crate::model::{
    Assessment, Assignment, Attendance, Discussion, FollowUp, MinutesBook, RecordDoc, Session,
    Source, Unit,
};
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

macro_rules! walk {
    ($ty:ident { $($kind:ident $name:ident),* $(,)? }) => {
        impl Walk for $ty<'_> {
            fn walk(&self, at: &str, out: &mut Vec<String>) {
                $( walk!(@ $kind self.$name, format!("{at}/{}", stringify!($name)), out); )*
            }
        }
    };
    (@ leaf $f:expr, $at:expr, $out:ident) => { leaf(&$f, $at, $out) };
    (@ object $f:expr, $at:expr, $out:ident) => { object(&$f, $at, $out) };
    (@ texts $f:expr, $at:expr, $out:ident) => { list(&$f, $at, $out, leaf) };
    (@ objects $f:expr, $at:expr, $out:ident) => { list(&$f, $at, $out, object) };
}

walk!(RecordDoc { leaf id, object unit, leaf date, leaf kind, leaf chair, leaf secretary,
    object attendance, object minutes_book, object session });
walk!(Unit { leaf code, leaf name, leaf parent });
walk!(MinutesBook { leaf recorded, leaf page });
walk!(Session { texts topics, leaf area, object source, leaf start, leaf end, leaf minutes,
    leaf reason, object assessment, texts questions, object discussion, leaf conclusion,
    objects assignments, object follow_up });
walk!(Source { leaf kind, leaf title });
walk!(Assessment { leaf strengths, leaf weaknesses });
walk!(Discussion { texts opinions, leaf causes, leaf measures });
walk!(Assignment { leaf assignee, leaf kind, leaf task, leaf due, leaf remedy });
walk!(FollowUp { leaf topic, leaf result, leaf notes });

impl Walk for Attendance {
    fn walk(&self, at: &str, out: &mut Vec<String>) {
        leaf(&self.present, format!("{at}/present"), out);
        leaf(&self.total, format!("{at}/total"), out);
    }
}

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
