//! CD502 follow-up-topic: the follow-up evaluates the previous session's topic, not another
//! (§III.1 step 3).

use super::previous_message;
use crate::meeting::{with_previous, Meeting};
use crate::messages::Words;
use crate::{At, Detail, Rule, Violation};

pub(super) fn check(
    meetings: &[Meeting],
    previous: &[Option<usize>],
    out: &mut Vec<(At, Violation)>,
) {
    for (i, s, p) in with_previous(meetings, previous) {
        let (Some(followed), Some(prev)) =
            (s.follow_up_topic, p.session.and_then(|ps| ps.topics.one()))
        else {
            continue;
        };
        if followed != prev {
            out.push((
                At::Meeting(i),
                Violation::new(
                    Rule::FollowUpTopic,
                    "/session/follow_up/topic",
                    Detail::Previous { date: p.date },
                ),
            ));
        }
    }
}

pub(super) fn message(d: &Detail, w: &Words) -> String {
    previous_message(d, w, "CD502")
}
