//! CD602 duplicate-meeting: one periodic meeting per calendar month (§III.2).

use std::collections::BTreeMap;

use kiemtra_messages::m::cd602 as words;
use kiemtra_messages::Say;

use super::{Check, Declaration, Hint, UnitContext};
use crate::{At, Detail, Lang, Month, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD602",
    name: "duplicate-meeting",
    severity: Severity::Warning,
    cites: &["§IV.1"],
    check: Check::Unit(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message,
};

fn check(unit: &UnitContext<'_>, out: &mut Vec<(At, Violation)>) {
    let (meetings, period) = (unit.meetings, unit.period);
    let mut count: BTreeMap<Month, usize> = BTreeMap::new();
    for m in meetings.iter().filter(|m| m.periodic) {
        *count.entry(Month::of(m.date)).or_default() += 1;
    }
    for (month, count) in count {
        if count > 1 && period.contains(month) {
            out.push((
                At::Month(month),
                Violation {
                    rule: Rule::DuplicateMeeting,
                    pointer: None,
                    detail: Detail::Meetings {
                        month,
                        count: u32::try_from(count).unwrap_or(u32::MAX),
                    },
                },
            ));
        }
    }
}

fn message(d: &Detail, lang: Lang) -> String {
    match d {
        Detail::Meetings { month, count } => words::Message {
            month: &kiemtra_messages::month(lang, month.year, month.month),
            count,
        }
        .say(lang),
        _ => words::TITLE.get(lang).to_owned(),
    }
}
