//! CD504 kept-after-result: once a topic is achieved, the next session moves on (§III.2).

use super::day;
use crate::meeting::{with_previous, Meeting};
use crate::{At, Detail, FollowUpResult, Lang, Rule, Violation};

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

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    match (d, lang) {
        (Detail::Previous { date }, Lang::Vi) => format!(
            "Chủ đề kỳ trước ({}) đã được đánh giá là đạt nhưng vẫn tiếp tục sinh hoạt chủ đề đó",
            day(*date, lang)
        ),
        (Detail::Previous { date }, Lang::En) => format!(
            "The previous topic ({}) was evaluated as achieved, yet the session keeps it",
            day(*date, lang)
        ),
        _ => lang
            .pick("Giữ chủ đề đã đạt", "Topic kept after it was achieved")
            .to_owned(),
    }
}
