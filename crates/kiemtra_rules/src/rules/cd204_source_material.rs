//! CD204 source-material: the session was prepared from a writing of President Hồ Chí Minh,
//! central materials or compiled teachings (§II.2).

use kiemtra_messages::m::cd204 as words;

use super::{absence, Check, Declaration, Hint, SessionContext};
use crate::model::filled;
use crate::{Field, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD204",
    name: "source-material",
    severity: Severity::Warning,
    cites: &["§II.2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message: |_, lang| words::MESSAGE.get(lang).to_owned(),
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let (pointer, detail) = match &c.session.source {
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
