//! CD601 monthly-cadence: a periodic meeting every calendar month of the audited period
//! (§I, §III.2, §IV.1).

use std::collections::BTreeSet;

use crate::meeting::Meeting;
use crate::messages::Words;
use crate::{At, Detail, Month, Period, Rule, Violation};

pub(super) fn check(meetings: &[Meeting], period: Period, out: &mut Vec<(At, Violation)>) {
    let held: BTreeSet<Month> = meetings
        .iter()
        .filter(|m| m.periodic)
        .map(|m| m.month)
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

pub(super) fn message(d: &Detail, w: &Words) -> String {
    match d {
        Detail::NoMeeting { month } => w.fill("CD601.message", &[("month", &w.month(*month))]),
        _ => w.get("CD601.title").to_owned(),
    }
}
