//! CD505 topic-too-long: one topic for at most `max_topic_months` (3) consecutive meetings
//! (§III.2: "có thể duy trì từ một vài tháng").

use crate::meeting::Meeting;
use crate::{At, Detail, Lang, Parameters, Rule, Violation};

pub(super) fn check(
    meetings: &[Meeting],
    previous: &[Option<usize>],
    params: &Parameters,
    out: &mut Vec<(At, Violation)>,
) {
    // run[i]: how many consecutive sessions up to meeting i kept meeting i's single topic.
    let mut run = vec![0u32; meetings.len()];
    for (i, m) in meetings.iter().enumerate() {
        let Some(topic) = m.session.and_then(|s| s.topics.one()) else {
            continue;
        };
        let before = previous
            .get(i)
            .copied()
            .flatten()
            .filter(|&p| {
                meetings
                    .get(p)
                    .and_then(|pm| pm.session)
                    .and_then(|s| s.topics.one())
                    == Some(topic)
            })
            .and_then(|p| run.get(p).copied())
            .unwrap_or(0);
        let length = before + 1;
        if let Some(slot) = run.get_mut(i) {
            *slot = length;
        }
        if length > params.max_topic_months {
            out.push((
                At::Meeting(i),
                Violation::new(
                    Rule::TopicTooLong,
                    "/session/topics",
                    Detail::Run {
                        length,
                        max: params.max_topic_months,
                    },
                ),
            ));
        }
    }
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    match (d, lang) {
        (Detail::Run { length, max }, Lang::Vi) => {
            format!("Cùng một chủ đề đã sinh hoạt {length} kỳ liên tiếp, quá {max} kỳ cho phép")
        }
        (Detail::Run { length, max }, Lang::En) => format!(
            "The same topic has been held for {length} consecutive meetings, more than {max}"
        ),
        _ => lang
            .pick("Giữ một chủ đề quá lâu", "Topic kept too long")
            .to_owned(),
    }
}
