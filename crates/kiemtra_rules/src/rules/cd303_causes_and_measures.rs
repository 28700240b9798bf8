//! CD303 causes-and-measures: the discussion identifies causes and agrees on measures
//! (§III.1 step 2).

use kiemtra_messages::m::cd303 as words;
use kiemtra_messages::{Phrase, Say};

use super::{parts_named, parts_required, Check, Declaration, Hint, SessionContext};
use crate::model::filled;
use crate::{Detail, Lang, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD303",
    name: "causes-and-measures",
    severity: Severity::Error,
    cites: &["§III.1 bước 2"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message,
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let x = c.session.discussion.value();
    let parts = [
        ("causes", x.and_then(|x| filled(&x.causes))),
        ("measures", x.and_then(|x| filled(&x.measures))),
    ];
    parts_required(Rule::CausesAndMeasures, "/session/discussion", parts, out);
}

fn message(d: &Detail, lang: Lang) -> String {
    let name = |part: &str| -> Option<Phrase> {
        match part {
            "causes" => Some(words::CAUSES),
            "measures" => Some(words::MEASURES),
            _ => None,
        }
    };
    words::Message {
        parts: &parts_named(d, lang, name, words::SEPARATOR),
    }
    .say(lang)
}
