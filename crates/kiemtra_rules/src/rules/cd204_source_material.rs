//! CD204 source-material: the session was prepared from a writing of President Hồ Chí Minh,
//! central materials or compiled teachings (§II.2).

use super::absence;
use crate::messages::Words;
use crate::model::filled;
use crate::{Detail, Field, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let (pointer, detail) = match &session.source {
        Field::Value(src) if src.kind.value().is_none() => {
            ("/session/source/kind", absence(&src.kind))
        }
        Field::Value(src) if filled(&src.title).is_none() => {
            ("/session/source/title", absence(&src.title))
        }
        Field::Value(_) => return,
        other => ("/session/source", absence(other)),
    };
    out.push(Violation::new(Rule::SourceMaterial, pointer, detail));
}

pub(super) fn message(_: &Detail, w: &Words) -> String {
    w.get("CD204.message").to_owned()
}
