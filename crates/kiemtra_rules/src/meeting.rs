//! The little the cross-record rules need to know of each meeting, kept instead of the record
//! so that a unit's history costs a few bytes a month.

use chrono::NaiveDate;

use crate::model::non_blank;
use crate::text::TopicId;
use crate::{FollowUpResult, Kind, Month, Record};

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
    /// The month whose meeting this is: the record's `month` when it is readable and within
    /// one month of the date (the August meeting held on 25/7), else the date's (v1.2).
    pub month: Month,
    pub periodic: bool,
    pub session: Option<SessionSummary>,
}

/// A `month` written but not readable as the month of the meeting: not a month, or more than
/// one month from the date (catalogue v1.2: the date's month counts, the finding is
/// unverifiable). Holds the words as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadableMonth(pub String);

/// The month a record states (`month`), read: `Ok(None)` when none is written.
pub fn stated_month(record: &Record<'_>) -> Result<Option<Month>, UnreadableMonth> {
    let Some(text) = crate::model::filled(&record.doc.month) else {
        return Ok(None);
    };
    let of_date = Month::of(record.date);
    match read_month(text) {
        Some(m) if (m.index() - of_date.index()).abs() <= 1 => Ok(Some(m)),
        _ => Err(UnreadableMonth(text.to_owned())),
    }
}

/// `2025-08`, `08/2025`, `8/2025`, `tháng 8/2025`, `tháng 8 năm 2025`.
fn read_month(text: &str) -> Option<Month> {
    if let Some(m) = Month::parse(text) {
        return Some(m);
    }
    let digits: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty())
        .map(|d| d.parse().ok())
        .collect::<Option<_>>()?;
    match digits[..] {
        [month, year] if (1..=12).contains(&month) && (1930..=2199).contains(&year) => {
            Some(Month {
                year: i32::try_from(year).ok()?,
                month,
            })
        }
        _ => None,
    }
}

/// The month a record's meeting counts for: its stated month, else its date's.
pub fn month_of(record: &Record<'_>) -> Month {
    stated_month(record)
        .ok()
        .flatten()
        .unwrap_or_else(|| Month::of(record.date))
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
            month: month_of(record),
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
