//! CD202 single-topic: one topic per session (§II.2 note).

use crate::messages::Words;
use crate::text::{distinct_topics, topic_core};
use crate::{model::non_blank, Detail, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
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

pub(super) fn message(d: &Detail, w: &Words) -> String {
    let topics: &[String] = match d {
        Detail::Topics { topics } => topics,
        _ => &[],
    };
    let list = topics
        .iter()
        .map(|t| w.fill("CD202.topic", &[("topic", &topic_core(t))]))
        .collect::<Vec<_>>()
        .join(w.get("CD202.separator"));
    w.fill(
        "CD202.message",
        &[("count", &topics.len()), ("topics", &list)],
    )
}
