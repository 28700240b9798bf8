//! CD302 assessment: the unit's situation is assessed, strengths and weaknesses
//! (§III.1 step 1, §II.2).

use crate::model::filled;
use crate::{Detail, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let a = session.assessment.value();
    let parts: Vec<&'static str> = [
        ("strengths", a.and_then(|a| filled(&a.strengths))),
        ("weaknesses", a.and_then(|a| filled(&a.weaknesses))),
    ]
    .into_iter()
    .filter(|(_, text)| text.is_none())
    .map(|(part, _)| part)
    .collect();
    if let [first, ..] = parts[..] {
        let pointer = format!("/session/assessment/{first}");
        out.push(Violation::new(
            Rule::Assessment,
            pointer,
            Detail::Parts { parts },
        ));
    }
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let parts: &[&str] = match d {
        Detail::Parts { parts } => parts,
        _ => &[],
    };
    let names: Vec<&str> = parts
        .iter()
        .map(|p| match (*p, lang) {
            ("strengths", Lang::Vi) => "ưu điểm (mặt được)",
            ("weaknesses", Lang::Vi) => "khuyết điểm (mặt chưa được)",
            (p, _) => p,
        })
        .collect();
    match lang {
        Lang::Vi => format!("Phần đánh giá tình hình thiếu {}", names.join(" và ")),
        Lang::En => format!("The assessment has no {}", names.join(" and no ")),
    }
}
