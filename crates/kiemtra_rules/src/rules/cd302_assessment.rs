//! CD302 assessment: the unit's situation is assessed, strengths and weaknesses
//! (§III.1 step 1, §II.2).

use super::{parts_message, parts_required};
use crate::model::filled;
use crate::{Detail, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let a = session.assessment.value();
    let parts = [
        ("strengths", a.and_then(|a| filled(&a.strengths))),
        ("weaknesses", a.and_then(|a| filled(&a.weaknesses))),
    ];
    parts_required(Rule::Assessment, "/session/assessment", parts, out);
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let lead = lang.pick("Phần đánh giá tình hình thiếu ", "The assessment has no ");
    parts_message(d, lang, lead, |p| match (p, lang) {
        ("strengths", Lang::Vi) => "ưu điểm (mặt được)",
        ("weaknesses", Lang::Vi) => "khuyết điểm (mặt chưa được)",
        ("strengths", Lang::En) => "strengths",
        _ => "weaknesses",
    })
}
