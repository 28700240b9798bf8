//! CD303 causes-and-measures: the discussion identifies causes and agrees on measures
//! (§III.1 step 2).

use crate::model::filled;
use crate::{Detail, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let d = session.discussion.value();
    let parts: Vec<&'static str> = [
        ("causes", d.and_then(|d| filled(&d.causes))),
        ("measures", d.and_then(|d| filled(&d.measures))),
    ]
    .into_iter()
    .filter(|(_, text)| text.is_none())
    .map(|(part, _)| part)
    .collect();
    if let [first, ..] = parts[..] {
        let pointer = format!("/session/discussion/{first}");
        out.push(Violation::new(
            Rule::CausesAndMeasures,
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
            ("causes", Lang::Vi) => "nguyên nhân",
            ("measures", Lang::Vi) => "biện pháp khắc phục",
            (p, _) => p,
        })
        .collect();
    match lang {
        Lang::Vi => format!("Phần thảo luận không xác định {}", names.join(" và ")),
        Lang::En => format!("The discussion records no {}", names.join(" and no ")),
    }
}
