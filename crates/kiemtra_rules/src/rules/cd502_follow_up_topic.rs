//! CD502 follow-up-topic: the follow-up evaluates the previous session's topic, not another
//! (§III.1 step 3).

use super::day;
use crate::meeting::{with_previous, Meeting};
use crate::{At, Detail, Lang, Rule, Violation};

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

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    match (d, lang) {
        (Detail::Previous { date }, Lang::Vi) => format!(
            "Chủ đề được đánh giá (follow_up.topic) khác chủ đề của kỳ sinh hoạt trước ({})",
            day(*date, lang)
        ),
        (Detail::Previous { date }, Lang::En) => format!(
            "follow_up.topic differs from the topic of the previous session ({})",
            day(*date, lang)
        ),
        _ => lang
            .pick(
                "Chủ đề đánh giá không khớp",
                "Follow-up topic does not match",
            )
            .to_owned(),
    }
}
