//! CD202 single-topic: one topic per session (§II.2 note).

use crate::text::distinct_topics;
use crate::{model::non_blank, Detail, Lang, Rule, Session, Violation};

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

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let Detail::Topics { topics } = d else {
        return lang
            .pick("Sinh hoạt nhiều chủ đề", "More than one topic")
            .to_owned();
    };
    let list = topics
        .iter()
        .map(|t| format!("«{t}»"))
        .collect::<Vec<_>>()
        .join(", ");
    match lang {
        Lang::Vi => format!(
            "Một kỳ sinh hoạt có {} chủ đề khác nhau: {list}",
            topics.len()
        ),
        Lang::En => format!("One session has {} distinct topics: {list}", topics.len()),
    }
}
