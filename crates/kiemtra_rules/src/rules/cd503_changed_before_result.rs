//! CD503 changed-before-result: a topic not yet achieved is kept, not dropped (§III.2).

use super::day;
use crate::meeting::{with_previous, Meeting};
use crate::{At, Detail, FollowUpResult, Lang, Rule, Violation};

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

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    match (d, lang) {
        (Detail::Previous { date }, Lang::Vi) => format!(
            "Chủ đề kỳ trước ({}) được đánh giá là chưa đạt hoặc đang thực hiện nhưng đã chuyển sang chủ đề khác",
            day(*date, lang)
        ),
        (Detail::Previous { date }, Lang::En) => format!(
            "The previous topic ({}) is not achieved or in progress, yet the topic has changed",
            day(*date, lang)
        ),
        _ => lang.pick("Chuyển chủ đề khi chưa đạt kết quả", "Topic changed before a result").to_owned(),
    }
}
