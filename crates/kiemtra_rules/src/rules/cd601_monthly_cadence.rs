//! CD601 monthly-cadence: a periodic meeting every calendar month of the audited period
//! (§I, §III.2, §IV.1).

use std::collections::BTreeSet;

use kiemtra_messages::m::cd601 as words;
use kiemtra_messages::Say;

use super::{Check, Declaration, Hint, UnitContext};
use crate::{At, Detail, Lang, Month, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD601",
    name: "monthly-cadence",
    severity: Severity::Error,
    cites: &["§I", "§III.2", "§IV.1"],
    check: Check::Unit(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message,
};

fn check(unit: &UnitContext<'_>, out: &mut Vec<(At, Violation)>) {
    let (meetings, period) = (unit.meetings, unit.period);
    let held: BTreeSet<Month> = meetings
        .iter()
        .filter(|m| m.periodic)
        .map(|m| Month::of(m.date))
        .collect();
    for month in period.months().filter(|m| !held.contains(m)) {
        out.push((
            At::Month(month),
            Violation {
                rule: Rule::MonthlyCadence,
                pointer: None,
                detail: Detail::NoMeeting { month },
            },
        ));
    }
}

fn message(d: &Detail, lang: Lang) -> String {
    match d {
        Detail::NoMeeting { month } => words::Message {
            month: &kiemtra_messages::month(lang, month.year, month.month),
        }
        .say(lang),
        _ => words::TITLE.get(lang).to_owned(),
    }
}
