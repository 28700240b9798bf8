//! CD202 single-topic: one topic per session (§II.2 note).

use kiemtra_messages::m::cd202 as words;
use kiemtra_messages::Say;

use super::{Check, Declaration, Hint, SessionContext};
use crate::text::{distinct_topics, topic_core};
use crate::{model::non_blank, Detail, Lang, Rule, Severity, Violation};

pub(super) const RULE: Declaration = Declaration {
    code: "CD202",
    name: "single-topic",
    severity: Severity::Error,
    cites: &["§II.2 lưu ý"],
    check: Check::Session(check),
    title: words::TITLE,
    hint: Hint::Text(words::HINT),
    message,
};

fn check(c: &SessionContext<'_, '_>, out: &mut Vec<Violation>) {
    let session = c.session;
    if non_blank(&session.topics).nth(1).is_none() {
        return; // fewer than two topics cannot be two distinct ones
    }
    let topics = distinct_topics(non_blank(&session.topics));
    if topics.len() > 1 {
        let topics = topics.into_iter().map(|(_, t)| t.to_owned()).collect();
        out.push(Violation::new(
            Rule::SingleTopic,
            "/session/topics",
            Detail::Topics { topics },
        ));
    }
}

fn message(d: &Detail, lang: Lang) -> String {
    let topics: &[String] = match d {
        Detail::Topics { topics } => topics,
        _ => &[],
    };
    let list = topics
        .iter()
        .map(|t| {
            words::Topic {
                topic: &topic_core(t),
            }
            .say(lang)
        })
        .collect::<Vec<_>>()
        .join(words::SEPARATOR.get(lang));
    words::Message {
        count: &topics.len(),
        topics: &list,
    }
    .say(lang)
}
