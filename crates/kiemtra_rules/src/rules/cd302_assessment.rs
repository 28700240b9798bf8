//! CD302 assessment: the unit's situation is assessed, strengths and weaknesses
//! (§III.1 step 1, §II.2).

use kiemtra_messages::m::cd302 as words;
use kiemtra_messages::{Phrase, Say};

use super::{parts_named, parts_required, Check, Declaration, Hint, SessionContext};
use crate::model::filled;
use crate::{Detail, Lang, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD302",
    name: "assessment",
    severity: Severity::Error,
    cites: &["§III.1 bước 1", "§II.2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message,
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let x = c.session.assessment.value();
    let parts = [
        ("strengths", x.and_then(|x| filled(&x.strengths))),
        ("weaknesses", x.and_then(|x| filled(&x.weaknesses))),
    ];
    parts_required(Rule::Assessment, "/session/assessment", parts, out);
}

fn message(d: &Detail, lang: Lang) -> String {
    let name = |part: &str| -> Option<Phrase> {
        match part {
            "strengths" => Some(words::STRENGTHS),
            "weaknesses" => Some(words::WEAKNESSES),
            _ => None,
        }
    };
    words::Message {
        parts: &parts_named(d, lang, name, words::SEPARATOR),
    }
    .say(lang)
}
