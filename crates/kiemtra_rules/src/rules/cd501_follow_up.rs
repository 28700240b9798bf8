//! CD501 follow-up: the next meeting evaluates the results of the previous session's topic
//! (§III.1 step 3, §III.2).

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
        let had_topic = p.session.is_some_and(|ps| ps.topics.stated());
        if had_topic && s.follow_up_result.is_none() {
            out.push((
                At::Meeting(i),
                Violation::new(
                    Rule::FollowUp,
                    "/session/follow_up",
                    Detail::Previous { date: p.date },
                ),
            ));
        }
    }
}

pub(super) fn message(d: &Detail, w: &Words) -> String {
    previous_message(d, w, "CD501")
}
