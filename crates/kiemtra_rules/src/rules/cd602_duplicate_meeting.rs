//! CD602 duplicate-meeting: one periodic meeting per calendar month (§III.2).

use std::collections::BTreeMap;

use crate::meeting::Meeting;
use crate::{At, Detail, Lang, Month, Period, Rule, Violation};

pub(super) fn check(meetings: &[Meeting], period: Period, out: &mut Vec<(At, Violation)>) {
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
                    detail: Detail::Meetings { month, count },
                },
            ));
        }
    }
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    match (d, lang) {
        (Detail::Meetings { month, count }, Lang::Vi) => format!(
            "Tháng {:02}/{} có {count} cuộc họp định kỳ (trùng)",
            month.month, month.year
        ),
        (Detail::Meetings { month, count }, Lang::En) => {
            format!("{count} periodic meetings in {month}")
        }
        _ => lang
            .pick("Trùng cuộc họp định kỳ", "Duplicate periodic meetings")
            .to_owned(),
    }
}
