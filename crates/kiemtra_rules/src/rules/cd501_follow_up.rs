//! CD501 follow-up: the next meeting evaluates the results of the previous session's topic
//! (§III.1 step 3, §III.2).

use super::day;
use crate::meeting::{with_previous, Meeting};
use crate::{At, Detail, Lang, Rule, Violation};

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

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    match (d, lang) {
        (Detail::Previous { date }, Lang::Vi) => format!(
            "Không kiểm tra, đánh giá kết quả thực hiện chủ đề của kỳ sinh hoạt trước ({}): thiếu follow_up.result",
            day(*date, lang)
        ),
        (Detail::Previous { date }, Lang::En) => format!(
            "The results of the previous session's topic ({}) are not evaluated: no follow_up.result",
            day(*date, lang)
        ),
        _ => lang.pick("Thiếu đánh giá kết quả kỳ trước", "No follow-up of the previous topic").to_owned(),
    }
}
