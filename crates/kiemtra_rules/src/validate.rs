//! From a record as written to a record the rules can judge, or the reason it is rejected.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::field::{Field, Text};
use crate::lang::Lang;
use crate::model::{filled, Kind, RecordDoc, Session};

/// A record that passed validation: its unit, date and kind are known, and every enumerated
/// value in it is one of the allowed values.
#[derive(Clone, Debug)]
pub struct Record<'a> {
    /// The record's `id`, or `unit.code/date` when none is given.
    pub id: Cow<'a, str>,
    pub unit: Text<'a>,
    pub unit_name: Option<Text<'a>>,
    pub parent: Option<Text<'a>>,
    pub date: NaiveDate,
    pub kind: Kind,
    /// The whole record as written, for the rules to read.
    pub doc: RecordDoc<'a>,
    /// Read from the minutes themselves (a Word document), not a register or export: whether
    /// its themed session is shown as a distinct part of them (catalogue v1.2, CD102). `None`
    /// for a record of a register or export.
    pub minutes_document: Option<bool>,
}

impl<'a> Record<'a> {
    /// The themed session, when one was held (a session that cannot be read counts as none).
    pub fn session(&self) -> Option<&Session<'a>> {
        self.doc.session.value()
    }
}

/// Why a record is rejected (format v1, "Bad input"). The pointer names the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// `unit.code` is missing or blank (or `unit` is not an object).
    MissingUnitCode,
    /// `date` is missing.
    MissingDate,
    /// `date` is in none of the accepted forms, or is not a real day (31/02/2017).
    BadDate(String),
    /// `kind` is missing or blank.
    MissingKind,
    /// An enumerated field holds a value outside its allowed set.
    UnknownValue {
        pointer: String,
        value: String,
        allowed: &'static [&'static str],
    },
}

impl Invalid {
    /// The JSON pointer of the field at fault.
    pub fn pointer(&self) -> &str {
        match self {
            Invalid::MissingUnitCode => "/unit/code",
            Invalid::MissingDate | Invalid::BadDate(_) => "/date",
            Invalid::MissingKind => "/kind",
            Invalid::UnknownValue { pointer, .. } => pointer,
        }
    }

    /// The name of the field at fault, as a key to look for in the text of the record.
    pub fn key(&self) -> &str {
        let p = self.pointer();
        p.rsplit('/')
            .find(|s| !s.chars().all(|c| c.is_ascii_digit()))
            .unwrap_or(p)
    }

    pub fn message(&self, lang: Lang) -> String {
        use kiemtra_messages::{m::rejected, Say};
        match self {
            Invalid::MissingUnitCode => rejected::MISSING_UNIT_CODE.get(lang).to_owned(),
            Invalid::MissingDate => rejected::MISSING_DATE.get(lang).to_owned(),
            Invalid::BadDate(v) => rejected::BadDate { value: v }.say(lang),
            Invalid::MissingKind => rejected::MISSING_KIND.get(lang).to_owned(),
            Invalid::UnknownValue {
                pointer,
                value,
                allowed,
            } => {
                let path = pointer
                    .trim_start_matches('/')
                    .split('/')
                    .filter(|p| !p.chars().all(|c| c.is_ascii_digit()))
                    .collect::<Vec<_>>()
                    .join(".");
                // The field by its label (what a secretary's sheet calls it), the path after it.
                let field = kiemtra_format::fields()
                    .iter()
                    .find(|f| f.path.replace("[]", "") == path)
                    .map_or_else(
                        || path.clone(),
                        |f| {
                            format!(
                                "{} ({path})",
                                kiemtra_messages::Phrase::new(f.field.label.vi, f.field.label.en)
                                    .get(lang)
                            )
                        },
                    );
                // Each allowed code with its name in the reader's language.
                let name = |code: &str| {
                    kiemtra_format::table::ENUMERATIONS
                        .iter()
                        .flat_map(|e| e.values.iter())
                        .find(|v| v.code == code)
                        .map(|v| kiemtra_messages::Phrase::new(v.name.vi, v.name.en).get(lang))
                };
                let mut list = String::new();
                for (i, a) in allowed.iter().enumerate() {
                    let _ = match (name(a), lang) {
                        (Some(n), Lang::Vi) => {
                            write!(list, "{}“{n}” ({a})", if i > 0 { ", " } else { "" })
                        }
                        _ => write!(list, "{}“{a}”", if i > 0 { ", " } else { "" }),
                    };
                }
                rejected::UnknownValue {
                    value,
                    field: &field,
                    allowed: &list,
                }
                .say(lang)
            }
        }
    }
}

fn enum_check<T>(
    field: &Field<T>,
    pointer: impl FnOnce() -> String,
    allowed: &'static [&'static str],
) -> Result<(), Invalid> {
    match field {
        Field::Invalid(value) => Err(Invalid::UnknownValue {
            pointer: pointer(),
            value: value.clone(),
            allowed,
        }),
        _ => Ok(()),
    }
}

macro_rules! codes {
    ($ty:ty) => {{
        const CODES: &[&str] = &{
            let mut out = [""; <$ty>::ALL.len()];
            let mut i = 0;
            while i < out.len() {
                out[i] = <$ty>::ALL[i].code();
                i += 1;
            }
            out
        };
        CODES
    }};
}

/// The text of a field when it is given and not blank, trimmed, borrowed where it can be.
fn trimmed<'a>(field: &Field<Text<'a>>) -> Option<Cow<'a, str>> {
    filled(field)?;
    match field {
        Field::Value(Cow::Borrowed(s)) => Some(Cow::Borrowed(s.trim())),
        Field::Value(Cow::Owned(s)) => Some(Cow::Owned(s.trim().to_owned())),
        _ => None,
    }
}

/// The id of a record that gives none: `unit.code/YYYY-MM-DD`.
pub fn default_id(code: &str, date: NaiveDate) -> String {
    use chrono::Datelike;
    if (0..=9999).contains(&date.year()) {
        let mut s = String::with_capacity(code.len() + 11);
        let _ = write!(
            s,
            "{code}/{:04}-{:02}-{:02}",
            date.year(),
            date.month(),
            date.day()
        );
        s
    } else {
        format!("{code}/{}", date.format("%Y-%m-%d"))
    }
}

/// Checks what format v1 requires of every record and builds the [`Record`].
pub fn validate(doc: RecordDoc<'_>) -> Result<Record<'_>, Invalid> {
    use crate::model::{AssigneeKind, FollowUpResult, SourceKind};

    let unit = doc.unit.value();
    let code = unit
        .and_then(|u| trimmed(&u.code))
        .ok_or(Invalid::MissingUnitCode)?;
    let date = match &doc.date {
        Field::Value(d) => d.0,
        Field::Absent => return Err(Invalid::MissingDate),
        Field::Unreadable(v) | Field::Invalid(v) => {
            return Err(if crate::text::is_blank(v) {
                Invalid::MissingDate
            } else {
                Invalid::BadDate(v.clone())
            })
        }
    };
    let kind = match &doc.kind {
        Field::Value(k) => *k,
        Field::Absent | Field::Unreadable(_) => return Err(Invalid::MissingKind),
        Field::Invalid(v) => {
            return Err(Invalid::UnknownValue {
                pointer: "/kind".into(),
                value: v.clone(),
                allowed: codes!(Kind),
            })
        }
    };
    if let Some(s) = doc.session.value() {
        // An area outside the list is `other`, the words kept (catalogue v1.2): never a
        // rejection; the rules read `Field::Invalid` of an area as a stated `other`.
        if let Some(src) = s.source.value() {
            enum_check(
                &src.kind,
                || "/session/source/kind".into(),
                codes!(SourceKind),
            )?;
        }
        for (i, a) in s.assignments.value().into_iter().flatten().enumerate() {
            if let Some(a) = a.value() {
                enum_check(
                    &a.kind,
                    || format!("/session/assignments/{i}/kind"),
                    codes!(AssigneeKind),
                )?;
            }
        }
        if let Some(f) = s.follow_up.value() {
            enum_check(
                &f.result,
                || "/session/follow_up/result".into(),
                codes!(FollowUpResult),
            )?;
        }
    }

    let unit_name = unit.and_then(|u| trimmed(&u.name));
    let parent = unit.and_then(|u| trimmed(&u.parent));
    let id = match trimmed(&doc.id) {
        Some(id) => id,
        None => Cow::Owned(default_id(&code, date)),
    };
    Ok(Record {
        id,
        unit: code,
        unit_name,
        parent,
        date,
        kind,
        doc,
        minutes_document: None,
    })
}
