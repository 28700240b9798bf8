//! CD601 monthly-cadence: a periodic meeting every calendar month of the audited period
//! (§I, §III.2, §IV.1).

use std::collections::BTreeSet;

use crate::meeting::Meeting;
use crate::{At, Detail, Lang, Month, Period, Rule, Violation};

pub(super) fn check(meetings: &[Meeting], period: Period, out: &mut Vec<(At, Violation)>) {
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

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    match (d, lang) {
        (Detail::NoMeeting { month }, Lang::Vi) => {
            format!(
                "Tháng {:02}/{} không có cuộc họp định kỳ nào",
                month.month, month.year
            )
        }
        (Detail::NoMeeting { month }, Lang::En) => format!("No periodic meeting in {month}"),
        _ => lang
            .pick(
                "Thiếu cuộc họp định kỳ",
                "A month without a periodic meeting",
            )
            .to_owned(),
    }
}
