//! CD504 kept-after-result: once a topic is achieved, the next session moves on (§III.2).

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
        let (Some(now), Some(before)) = (s.topics.one(), p.session.and_then(|ps| ps.topics.one()))
        else {
            continue;
        };
        if s.follow_up_result == Some(FollowUpResult::Achieved) && now == before {
            out.push((
                At::Meeting(i),
                Violation::new(
                    Rule::KeptAfterResult,
                    "/session/topics",
                    Detail::Previous { date: p.date },
                ),
            ));
        }
    }
}

pub(super) fn message(d: &Detail, w: &Words) -> String {
    previous_message(d, w, "CD504")
}
