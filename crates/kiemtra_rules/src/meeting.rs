//! The little the cross-record rules need to know of each meeting, kept instead of the record
//! so that a unit's history costs a few bytes a month.

use chrono::NaiveDate;

use crate::model::non_blank;
use crate::text::TopicId;
use crate::{FollowUpResult, Kind, Record};

/// The topics of a session, as the topic rules compare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topics {
    /// No non-blank topic.
    None,
    /// Exactly one distinct topic.
    One(TopicId),
    /// More than one distinct topic: not compared (CD502–CD505 do not apply).
    Many,
}

impl Topics {
    pub fn stated(self) -> bool {
        !matches!(self, Topics::None)
    }

    pub fn one(self) -> Option<TopicId> {
        match self {
            Topics::One(t) => Some(t),
            _ => None,
        }
    }
}

/// A themed session, summarised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionSummary {
    pub topics: Topics,
    /// The readable `follow_up.result`, if any.
    pub follow_up_result: Option<FollowUpResult>,
    /// The non-blank `follow_up.topic`, if any.
    pub follow_up_topic: Option<TopicId>,
}

/// A meeting, summarised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub date: NaiveDate,
    pub periodic: bool,
    pub session: Option<SessionSummary>,
}

impl Meeting {
    pub fn of(record: &Record<'_>) -> Meeting {
        let session = record.session().map(|s| {
            // As `distinct_topics`, without a list: the first topic, and whether another
            // differs from it.
            let mut topics = Topics::None;
            for t in non_blank(&s.topics) {
                let id = TopicId::of(t);
                match topics {
                    Topics::None => topics = Topics::One(id),
                    Topics::One(first) if first != id => {
                        topics = Topics::Many;
                        break;
                    }
                    _ => {}
                }
            }
            let follow_up = s.follow_up.value();
            SessionSummary {
                topics,
                follow_up_result: follow_up.and_then(|f| f.result.value().copied()),
                follow_up_topic: follow_up
                    .and_then(|f| crate::model::filled(&f.topic))
                    .map(TopicId::of),
            }
        });
        Meeting {
            date: record.date,
            periodic: record.kind == Kind::Periodic,
            session,
        }
    }
}

/// For each meeting, the index of the unit's previous session: the latest meeting with a
/// session dated strictly earlier. `meetings` must be in date order.
pub fn previous_sessions(meetings: &[Meeting]) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(meetings.len());
    let mut previous = None;
    let mut latest = None;
    for (i, m) in meetings.iter().enumerate() {
        if i == 0 || meetings.get(i - 1).is_some_and(|p| p.date != m.date) {
            previous = latest;
        }
        out.push(previous);
        if m.session.is_some() {
            latest = Some(i);
        }
    }
    out
}

/// The session of meeting `i` and the session of its previous meeting, when both exist.
pub(crate) fn with_previous<'m>(
    meetings: &'m [Meeting],
    previous: &[Option<usize>],
) -> impl Iterator<Item = (usize, &'m SessionSummary, &'m Meeting)> + 'm {
    let previous = previous.to_vec();
    meetings.iter().enumerate().filter_map(move |(i, m)| {
        let s = m.session.as_ref()?;
        let p = meetings.get((*previous.get(i)?)?)?;
        Some((i, s, p))
    })
}
