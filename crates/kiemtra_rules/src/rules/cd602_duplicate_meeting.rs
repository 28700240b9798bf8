//! CD602 duplicate-meeting: one periodic meeting per calendar month (§III.2).

use std::collections::BTreeMap;

use crate::meeting::Meeting;
use crate::messages::Words;
use crate::{At, Detail, Month, Period, Rule, Violation};

pub(super) fn check(meetings: &[Meeting], period: Period, out: &mut Vec<(At, Violation)>) {
    let mut count: BTreeMap<Month, usize> = BTreeMap::new();
    for m in meetings.iter().filter(|m| m.periodic) {
        *count.entry(m.month).or_default() += 1;
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

pub(super) fn message(d: &Detail, w: &Words) -> String {
    match d {
        Detail::Meetings { month, count } => w.fill(
            "CD602.message",
            &[("month", &w.month(*month)), ("count", count)],
        ),
        _ => w.get("CD602.title").to_owned(),
    }
}
