//! CD503 changed-before-result: a topic not yet achieved is kept, not dropped (§III.2).

use super::previous_message;
use crate::meeting::{with_previous, Meeting};
use crate::messages::Words;
use crate::{At, Detail, FollowUpResult, Rule, Violation};

pub(super) fn check(
    meetings: &[Meeting],
    previous: &[Option<usize>],
    out: &mut Vec<(At, Violation)>,
) {
    for (i, s, p) in with_previous(meetings, previous) {
        let unfinished = matches!(
            s.follow_up_result,
            Some(FollowUpResult::NotAchieved | FollowUpResult::InProgress)
        );
        let (Some(now), Some(before)) = (s.topics.one(), p.session.and_then(|ps| ps.topics.one()))
        else {
            continue;
        };
        if unfinished && now != before {
            out.push((
                At::Meeting(i),
                Violation::new(
                    Rule::ChangedBeforeResult,
                    "/session/topics",
                    Detail::Previous { date: p.date },
                ),
            ));
        }
    }
}

pub(super) fn message(d: &Detail, w: &Words) -> String {
    previous_message(d, w, "CD503")
}
