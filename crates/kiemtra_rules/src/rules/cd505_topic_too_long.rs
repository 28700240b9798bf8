//! CD505 topic-too-long: one topic for at most `max_topic_months` (3) distinct calendar months
//! of consecutive sessions (§III.2: "có thể duy trì từ một vài tháng").

use crate::meeting::Meeting;
use crate::messages::Words;
use crate::{At, Detail, Month, Parameters, Rule, Violation};

pub(super) fn check(
    meetings: &[Meeting],
    previous: &[Option<usize>],
    params: &Parameters,
    out: &mut Vec<(At, Violation)>,
) {
    // run[i]: the distinct months of the run of meeting i's single topic up to meeting i, and
    // the month of meeting i. Two sessions on one topic in one month count once.
    let mut run: Vec<(u32, Option<Month>)> = vec![(0, None); meetings.len()];
    for (i, m) in meetings.iter().enumerate() {
        let Some(topic) = m.session.and_then(|s| s.topics.one()) else {
            continue;
        };
        let month = m.month;
        let (months_before, last_month) = previous
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
            .unwrap_or((0, None));
        let length = if last_month == Some(month) {
            months_before
        } else {
            months_before + 1
        };
        if let Some(slot) = run.get_mut(i) {
            *slot = (length, Some(month));
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

pub(super) fn message(d: &Detail, w: &Words) -> String {
    match d {
        Detail::Run { length, max } => w.fill(
            "CD505.message",
            &[("months", length), ("max_topic_months", max)],
        ),
        _ => w.get("CD505.title").to_owned(),
    }
}
