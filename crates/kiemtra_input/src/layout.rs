//! The table layout of format v1: one record per row, one column per field, as CSV or as a
//! spreadsheet. This module is the one place that says how a cell holds a value, in both
//! directions, so that JSON → CSV → JSON gives back the same records.
//!
//! - Columns are named by the dotted path of the field (`unit.code`, `session.follow_up.result`)
//!   or by its Vietnamese label (`Mã chi bộ`, `Ngày họp`, …), matched in any case, with or
//!   without diacritics.
//! - Every cell is text. A cell that is empty or only white space is an absent field.
//! - Whole numbers (`attendance.*`, `session.minutes`) and yes/no (`minutes_book.recorded`:
//!   `true`, `có`, `Đã ghi`, `x`, `chưa ghi`, … — the accepted forms) are parsed from the cell;
//!   any other cell stays text, which the model reads in the accepted forms (`40 phút` is 40
//!   minutes, as it is in JSON) or, when it cannot, counts as absent and the finding shows.
//! - Lists (`session.topics`, `session.questions`, `session.discussion.opinions`): one item per
//!   line inside the cell.
//! - `session.assignments`: one assignment per line, its fields in the order
//!   `assignee | kind | task | due | remedy` separated by `|`; trailing fields may be left out,
//!   an empty field is absent.
//! - Inside list and assignment cells, `\n` stands for a line break within an item, `\|` for a
//!   `|` within a field, and `\\` for a backslash.
//! - `_extra`: a JSON object with whatever the columns cannot hold (fields outside format v1, a
//!   value of an unexpected shape such as `"minutes": "40"`, an empty list, an explicit `null`);
//!   it is laid over the record built from the other cells. `kiemtra convert` fills it only when
//!   needed, which is what makes the round trip lossless.

use serde_json::{Map, Value};

use std::sync::LazyLock;

use kiemtra_format::{Object, Ty};
use kiemtra_rules::model::fold_word;

/// How a column's cells hold their value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// Text; in a spreadsheet, a date cell is written `YYYY-MM-DD`.
    Date,
    /// Text; in a spreadsheet, a time cell is written `HH:MM`.
    Time,
    Integer,
    Boolean,
    /// One item per line.
    List,
    /// One assignment per line, fields separated by `|`.
    Assignments,
    /// A JSON object laid over the record.
    Extra,
}

/// A column of the layout.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The field's dotted path: the column's name.
    pub path: &'static str,
    pub kind: Kind,
    /// The Vietnamese label (`kiemtra convert --headers vi` writes it).
    pub vi: &'static str,
    /// Other labels accepted on reading.
    pub aliases: &'static [&'static str],
}

impl Kind {
    /// How a cell holds a value of this type; `None` for an object, whose fields have columns
    /// of their own.
    fn of(ty: Ty) -> Option<Kind> {
        Some(match ty {
            Ty::Text | Ty::Enum(_) => Kind::Text,
            Ty::Date => Kind::Date,
            Ty::Time => Kind::Time,
            Ty::Count => Kind::Integer,
            Ty::Bool => Kind::Boolean,
            Ty::TextList => Kind::List,
            Ty::ObjectList(_) => Kind::Assignments,
            Ty::Object(_) => return None,
        })
    }
}

/// Every column, in the order `kiemtra convert` writes them: each field of the declaration
/// ([`kiemtra_format::fields`]) that holds a value outside a list, then `_extra`.
pub static COLUMNS: LazyLock<Vec<Column>> = LazyLock::new(|| {
    let extra = Column {
        path: "_extra",
        kind: Kind::Extra,
        vi: "Trường khác (JSON)",
        aliases: &["Khác (JSON)"],
    };
    kiemtra_format::fields()
        .iter()
        .filter(|f| !f.in_list())
        .filter_map(|f| {
            Some(Column {
                path: &f.path,
                kind: Kind::of(f.field.ty)?,
                vi: f.field.label.vi,
                aliases: f.field.aliases,
            })
        })
        .chain([extra])
        .collect()
});

/// The fields of an assignment line, in order.
pub static ASSIGNMENT_FIELDS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| ASSIGNMENT.fields.iter().map(|f| f.key).collect());

/// The object of an assignment: the items of the one list of objects in format v1.
const ASSIGNMENT: &Object = &kiemtra_format::table::objects::Assignment;

/// Whether the assignment field `name` is a yes/no.
fn assignment_boolean(name: &str) -> bool {
    ASSIGNMENT
        .fields
        .iter()
        .any(|f| f.key == name && f.ty == Ty::Bool)
}

/// The column a header cell names, if it names one of the layout.
pub fn column_named(header: &str) -> Option<&'static Column> {
    let folded = fold_header(header);
    if folded.is_empty() {
        return None;
    }
    COLUMNS.iter().find(|c| {
        fold_header(c.path) == folded
            || fold_header(c.vi) == folded
            || c.aliases.iter().any(|a| fold_header(a) == folded)
    })
}

/// Headers compare without case, diacritics, surrounding white space or a trailing colon.
fn fold_header(text: &str) -> String {
    let t = text.trim().trim_end_matches([':', '*']).trim();
    fold_word(t)
}

/// A cell's value: `None` for an empty cell (the field is absent).
pub fn decode(kind: Kind, cell: &str) -> Option<Value> {
    if cell.trim().is_empty() {
        return None;
    }
    Some(match kind {
        Kind::Text | Kind::Date | Kind::Time | Kind::Extra => Value::String(cell.to_owned()),
        Kind::Integer => integer(cell).unwrap_or_else(|| Value::String(cell.to_owned())),
        Kind::Boolean => boolean(cell).map_or_else(|| Value::String(cell.to_owned()), Value::Bool),
        Kind::List => Value::Array(
            lines(cell)
                .map(|l| Value::String(unescape(l, false).concat()))
                .collect(),
        ),
        Kind::Assignments => Value::Array(
            lines(cell)
                .filter(|l| !l.trim().is_empty())
                .map(assignment)
                .collect(),
        ),
    })
}

/// The cell that holds `value` in a column of this kind, when one does exactly (reading the
/// cell gives `value` back); `None` when the value must go to `extra`.
pub fn encode(kind: Kind, value: &Value) -> Option<String> {
    let cell = match (kind, value) {
        (Kind::Extra, _) => return None,
        (_, Value::String(s)) => s.clone(),
        (Kind::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
        (Kind::Boolean, Value::Bool(b)) => b.to_string(),
        (Kind::List, Value::Array(items)) => {
            let mut texts = Vec::with_capacity(items.len());
            for item in items {
                texts.push(escape(item.as_str()?, false));
            }
            texts.join("\n")
        }
        (Kind::Assignments, Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(assignment_line(item.as_object()?)?);
            }
            out.join("\n")
        }
        _ => return None,
    };
    (decode(kind, &cell).as_ref() == Some(value)).then_some(cell)
}

fn integer(cell: &str) -> Option<Value> {
    let t = cell.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Only a number written as JSON writes it: `-0` and `007` stay text, as they were written
    // (read as 0 and 7 they would not convert back).
    if t.starts_with('-') {
        let n = t.parse::<i64>().ok().filter(|n| n.to_string() == t)?;
        Some(Value::from(n))
    } else {
        let n = t.parse::<u64>().ok().filter(|n| n.to_string() == t)?;
        Some(Value::from(n))
    }
}

/// Yes or no in any accepted form (`true`, `có`, `Đã ghi`, `x`, `chưa ghi`, `0`, …): the
/// reader every input route shares, [`kiemtra_format::values::yes_no`].
pub fn boolean(cell: &str) -> Option<bool> {
    kiemtra_format::values::yes_no(cell)
}

/// The lines of a cell, without a carriage return before each line feed.
fn lines(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// Splits `text` at unescaped `|` (when `fields`) and undoes the escapes.
fn unescape(text: &str, fields: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek().copied() {
                Some('n') => {
                    chars.next();
                    current.push('\n');
                }
                Some('r') => {
                    chars.next();
                    current.push('\r');
                }
                Some(e @ ('|' | '\\')) => {
                    chars.next();
                    current.push(e);
                }
                _ => current.push('\\'),
            },
            '|' if fields => out.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    out.push(current);
    out
}

fn escape(text: &str, fields: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '|' if fields => out.push_str("\\|"),
            c => out.push(c),
        }
    }
    out
}

/// One assignment line: `assignee | kind | task | due | remedy`; or, without a `|`, written as
/// free text (`Chi ủy: theo dõi …, thời hạn cuối tháng 5/2017`), read as every route reads one
/// (record format 1.2, *assignments*).
fn assignment(line: &str) -> Value {
    let mut fields: Vec<String> = unescape(line, true)
        .into_iter()
        .map(|f| f.trim().to_owned())
        .collect();
    if let [text] = &fields[..] {
        let read = kiemtra_format::values::assignment(text);
        let mut object = Map::new();
        let parts = [
            ("assignee", read.assignee),
            ("kind", read.kind.map(str::to_owned)),
            ("task", read.task),
            ("due", read.due),
        ];
        for (name, value) in parts {
            if let Some(v) = value {
                object.insert(name.to_owned(), Value::String(v));
            }
        }
        return Value::Object(object);
    }
    if fields.len() > ASSIGNMENT_FIELDS.len() {
        // More fields than the layout has: nothing is dropped, the rest stays with the last.
        let rest = fields.split_off(ASSIGNMENT_FIELDS.len() - 1);
        fields.push(rest.join(" | "));
    }
    let mut object = Map::new();
    for (name, field) in ASSIGNMENT_FIELDS.iter().zip(fields) {
        if field.is_empty() {
            continue;
        }
        let value = if assignment_boolean(name) {
            boolean(&field).map_or(Value::String(field), Value::Bool)
        } else {
            Value::String(field)
        };
        object.insert((*name).to_owned(), value);
    }
    Value::Object(object)
}

fn assignment_line(object: &Map<String, Value>) -> Option<String> {
    if object
        .keys()
        .any(|k| !ASSIGNMENT_FIELDS.contains(&k.as_str()))
    {
        return None;
    }
    let mut fields: Vec<String> = ASSIGNMENT_FIELDS
        .iter()
        .map(|name| match object.get(*name) {
            None => Some(String::new()),
            Some(Value::String(s)) => Some(escape(s, true)),
            Some(Value::Bool(b)) if assignment_boolean(name) => Some(b.to_string()),
            Some(_) => None,
        })
        .collect::<Option<_>>()?;
    while fields.last().is_some_and(String::is_empty) {
        fields.pop();
    }
    // One field alone would read back as free text: a `|` keeps it the assignee.
    if fields.len() == 1 {
        fields.push(String::new());
    }
    Some(fields.join(" | "))
}

/// The value at a dotted path of a record.
pub fn get<'v>(record: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(record, |v, key| v.as_object()?.get(key))
}

/// Sets the value at a dotted path, creating objects on the way. Fails (giving the value back)
/// when a step of the path already holds something other than an object.
pub fn set(record: &mut Map<String, Value>, path: &[&str], value: Value) -> Result<(), Value> {
    match path {
        [] => Err(value),
        [last] => {
            record.insert((*last).to_owned(), value);
            Ok(())
        }
        [first, rest @ ..] => {
            let next = record
                .entry((*first).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            match next {
                Value::Object(m) => set(m, rest, value),
                _ => Err(value),
            }
        }
    }
}

/// Lays `extra` over `record`: objects are merged key by key, anything else replaces.
pub fn overlay(record: &mut Map<String, Value>, extra: Map<String, Value>) {
    for (key, value) in extra {
        match (record.get_mut(&key), value) {
            (Some(Value::Object(inner)), Value::Object(more)) => overlay(inner, more),
            (_, value) => {
                record.insert(key, value);
            }
        }
    }
}

/// What of `original` the cells do not give back (`built`): the `extra` of a row.
fn missing(original: &Value, built: Option<&Value>) -> Option<Value> {
    match (original, built) {
        (o, Some(b)) if o == b => None,
        (Value::Object(o), Some(Value::Object(b))) => {
            let out: Map<String, Value> = o
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), missing(v, b.get(k))?)))
                .collect();
            (!out.is_empty()).then_some(Value::Object(out))
        }
        (o, _) => Some(o.clone()),
    }
}

/// A record as the cells of a row, one per column of [`COLUMNS`] (the last is `extra`).
pub fn to_cells(record: &Map<String, Value>) -> Vec<String> {
    let whole = Value::Object(record.clone());
    let mut cells: Vec<String> = COLUMNS
        .iter()
        .map(|c| {
            get(&whole, c.path)
                .and_then(|v| encode(c.kind, v))
                .unwrap_or_default()
        })
        .collect();
    // What the cells give back, and what they do not.
    let mut built = Map::new();
    for (c, cell) in COLUMNS.iter().zip(&cells) {
        if let Some(v) = decode(c.kind, cell) {
            let path: Vec<&str> = c.path.split('.').collect();
            let _ = set(&mut built, &path, v);
        }
    }
    if let (Some(extra), Some(last)) = (
        missing(&whole, Some(&Value::Object(built))),
        cells.last_mut(),
    ) {
        *last = extra.to_string();
    }
    cells
}

/// The key order of format v1 inside the object held by the key `parent` (`""` for the record),
/// for writing records the way the spec shows them; keys outside it follow in alphabetical order.
pub fn key_order(parent: &str) -> Vec<&'static str> {
    kiemtra_format::table::object_at_key(parent)
        .map(|o| o.fields.iter().map(|f| f.key).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labels_are_unambiguous() {
        let mut seen = std::collections::BTreeMap::new();
        for c in COLUMNS.iter() {
            for label in [c.path, c.vi].iter().chain(c.aliases) {
                let f = fold_header(label);
                if let Some(other) = seen.insert(f.clone(), c.path) {
                    assert_eq!(other, c.path, "{label} ({f}) names two columns");
                }
            }
        }
        assert_eq!(column_named("Ngay hop").map(|c| c.path), Some("date"));
        assert_eq!(
            column_named(" MÃ CHI BỘ: ").map(|c| c.path),
            Some("unit.code")
        );
        assert_eq!(
            column_named("session.follow_up.result").map(|c| c.path),
            Some("session.follow_up.result")
        );
        assert!(column_named("Ghi chú").is_none());
        // Labels as a secretary writes them, with or without diacritics.
        for (header, path) in [
            ("Chủ đề sinh hoạt", "session.topics"),
            ("chu de sinh hoat", "session.topics"),
            ("Thời gian (phút)", "session.minutes"),
            ("Người chủ trì:", "chair"),
            ("THƯ KÝ", "secretary"),
            ("Ket luan", "session.conclusion"),
        ] {
            assert_eq!(column_named(header).map(|c| c.path), Some(path), "{header}");
        }
    }

    #[test]
    fn cells_are_typed_by_column() {
        assert_eq!(decode(Kind::Integer, " 40 "), Some(json!(40)));
        // Kept as written: the model reads it as 40 minutes, as it does the same JSON string.
        assert_eq!(decode(Kind::Integer, "40 phút"), Some(json!("40 phút")));
        assert_eq!(decode(Kind::Integer, "-40"), Some(json!(-40)));
        assert_eq!(decode(Kind::Integer, "-0"), Some(json!("-0")));
        assert_eq!(decode(Kind::Integer, "007"), Some(json!("007")));
        assert_eq!(decode(Kind::Boolean, "Có"), Some(json!(true)));
        assert_eq!(decode(Kind::Boolean, "khong"), Some(json!(false)));
        assert_eq!(decode(Kind::Boolean, "FALSE"), Some(json!(false)));
        assert_eq!(decode(Kind::Boolean, "rồi"), Some(json!(true)));
        assert_eq!(decode(Kind::Boolean, "Đã ghi"), Some(json!(true)));
        assert_eq!(decode(Kind::Boolean, "x"), Some(json!(true)));
        assert_eq!(decode(Kind::Boolean, "Chưa ghi"), Some(json!(false)));
        assert_eq!(decode(Kind::Boolean, "có lẽ"), Some(json!("có lẽ")));
        assert_eq!(decode(Kind::Text, "   "), None);
        assert_eq!(
            decode(Kind::List, "Một\r\nHai\\nba"),
            Some(json!(["Một", "Hai\nba"]))
        );
        assert_eq!(
            decode(
                Kind::Assignments,
                "Chi ủy | tập thể | Lập sổ a\\|b | 2017-02-28 | không\n\nTổ 1 | | Nhắc lịch"
            ),
            Some(json!([
                {"assignee": "Chi ủy", "kind": "tập thể", "task": "Lập sổ a|b", "due": "2017-02-28", "remedy": false},
                {"assignee": "Tổ 1", "task": "Nhắc lịch"}
            ]))
        );
        // Too many fields: kept with the last one.
        assert_eq!(
            decode(Kind::Assignments, "a | b | c | d | e | f"),
            Some(
                json!([{"assignee": "a", "kind": "b", "task": "c", "due": "d", "remedy": "e | f"}])
            )
        );
    }

    #[test]
    fn encoding_is_exact_or_nothing() {
        for (kind, v) in [
            (Kind::Integer, json!(40)),
            (Kind::Integer, json!("bốn mươi")),
            (Kind::Boolean, json!(true)),
            (Kind::List, json!(["a\\b", "c\nd", "e|f"])),
            (
                Kind::Assignments,
                json!([{"assignee": "x|y", "task": "t", "remedy": true}]),
            ),
        ] {
            let cell = encode(kind, &v).unwrap_or_else(|| panic!("{v}"));
            assert_eq!(decode(kind, &cell), Some(v));
        }
        for (kind, v) in [
            (Kind::Integer, json!("40")),
            (Kind::Integer, json!(40.5)),
            (Kind::Text, json!("")),
            (Kind::Text, json!(12)),
            (Kind::List, json!([])),
            (Kind::List, json!("one string")),
            (Kind::List, json!([1])),
            (Kind::Assignments, json!([{"assignee": " padded "}])),
            (Kind::Assignments, json!([{"note": "x"}])),
            (Kind::Assignments, json!([{}])),
        ] {
            assert_eq!(encode(kind, &v), None, "{v}");
        }
    }

    #[test]
    fn what_the_cells_cannot_hold_goes_to_extra() {
        let record = json!({
            "unit": {"code": "A", "extra_field": 1},
            "date": "2017-01-05",
            "kind": "periodic",
            "session": {"minutes": "40", "topics": [], "conclusion": "Xong"},
            "minutes_book": null,
            "note": "ngoài format v1"
        });
        let cells = to_cells(record.as_object().unwrap());
        let extra: Value = serde_json::from_str(cells.last().unwrap()).unwrap();
        assert_eq!(
            extra,
            json!({
                "unit": {"extra_field": 1},
                "session": {"minutes": "40", "topics": []},
                "minutes_book": null,
                "note": "ngoài format v1"
            })
        );
    }
}
