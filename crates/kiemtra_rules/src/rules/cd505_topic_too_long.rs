//! CD505 topic-too-long: one topic for at most `max_topic_months` (3) distinct calendar months
//! of consecutive sessions (§III.2: "có thể duy trì từ một vài tháng").

use kiemtra_messages::m::cd505 as words;
use kiemtra_messages::Say;

use super::{Check, Declaration, Hint, UnitContext};
use crate::{At, Detail, Lang, Month, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD505",
    name: "topic-too-long",
    severity: Severity::Warning,
    cites: &["§III.2"],
    check: Check::Unit(check),
    title: words::TITLE,
    hint: Hint::WithParameters(|params, lang| {
        words::Hint {
            max_topic_months: &params.max_topic_months,
        }
        .say(lang)
    }),
    message,
};

fn check(unit: &UnitContext<'_>, out: &mut Vec<(At, Violation)>) {
    let (meetings, previous, params) = (unit.meetings, unit.previous, unit.params);
    // run[i]: the distinct months of the run of meeting i's single topic up to meeting i, and
    // the month of meeting i. Two sessions on one topic in one month count once.
    let mut run: Vec<(u32, Option<Month>)> = vec![(0, None); meetings.len()];
    for (i, m) in meetings.iter().enumerate() {
        let Some(topic) = m.session.and_then(|s| s.topics.one()) else {
            continue;
        };
        let month = Month::of(m.date);
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

fn message(d: &Detail, lang: Lang) -> String {
    match d {
        Detail::Run { length, max } => words::Message {
            months: length,
            max_topic_months: max,
        }
        .say(lang),
        _ => words::TITLE.get(lang).to_owned(),
    }
}
