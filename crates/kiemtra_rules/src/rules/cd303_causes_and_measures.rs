//! CD303 causes-and-measures: the discussion identifies causes and agrees on measures
//! (§III.1 step 2).

use super::{parts_message, parts_required};
use crate::model::filled;
use crate::{Detail, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let d = session.discussion.value();
    let parts = [
        ("causes", d.and_then(|d| filled(&d.causes))),
        ("measures", d.and_then(|d| filled(&d.measures))),
    ];
    parts_required(Rule::CausesAndMeasures, "/session/discussion", parts, out);
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let lead = lang.pick(
        "Phần thảo luận không xác định ",
        "The discussion records no ",
    );
    parts_message(d, lang, lead, |p| match (p, lang) {
        ("causes", Lang::Vi) => "nguyên nhân",
        ("measures", Lang::Vi) => "biện pháp khắc phục",
        ("causes", Lang::En) => "causes",
        _ => "measures",
    })
}
