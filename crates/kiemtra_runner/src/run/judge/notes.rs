//! What could not be checked for a unit, said beside its findings.

use kiemtra_rules::{Month, Note};

use crate::run::Small;

/// The notes of what could not be checked for a unit (catalogue v1.1): when its earliest judged
/// session (index `earliest` of the date-ordered `records`) has no earlier session in the input
/// and falls after the pack's first full month, CD501–CD505 cannot be judged for it. In the first
/// full month, or between the effective date and it, no earlier session is expected.
pub(super) fn follow_up_notes(
    records: &[Small],
    earliest: Option<usize>,
    first_month: Month,
) -> Vec<Note> {
    let Some(r) = earliest.and_then(|i| records.get(i)) else {
        return Vec::new();
    };
    let earlier_session = records
        .iter()
        .take_while(|e| e.date < r.date)
        .any(|e| e.meeting.meeting(e.date).session.is_some());
    if earlier_session || Month::of(r.date) <= first_month {
        return Vec::new();
    }
    vec![Note::FollowUpNotJudged { date: r.date }]
}
