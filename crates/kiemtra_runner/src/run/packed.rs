//! A [`Meeting`] packed into the few bytes each kept record ([`super::Small`]) carries: the
//! cross-record rules need every record's meeting, and millions of them must fit in memory.

use chrono::NaiveDate;
use kiemtra_rules::meeting::{SessionSummary, Topics};
use kiemtra_rules::text::TopicId;
use kiemtra_rules::{FollowUpResult, Meeting, Month};

/// A [`Meeting`] without its date, packed.
#[derive(Clone, Copy, Debug)]
pub(super) struct Packed {
    /// bit 0 periodic; bit 1 session; bits 2–3 topics (0 none, 1 one, 2 many); bits 4–5
    /// follow-up result (0 none, 1 achieved, 2 in progress, 3 not achieved); bit 6 follow-up
    /// topic.
    flags: u8,
    /// The meeting's month less its date's month: −1, 0 or 1 (catalogue v1.2, `month`).
    shift: i8,
    topic: u64,
    follow_up_topic: u64,
}

impl Packed {
    pub(super) fn of(m: &Meeting) -> Packed {
        let mut flags = u8::from(m.periodic);
        let (mut topic, mut follow_up_topic) = (0, 0);
        if let Some(s) = &m.session {
            flags |= 2;
            match s.topics {
                Topics::None => {}
                Topics::One(t) => {
                    flags |= 1 << 2;
                    topic = t.0;
                }
                Topics::Many => flags |= 2 << 2,
            }
            flags |= match s.follow_up_result {
                None => 0,
                Some(FollowUpResult::Achieved) => 1 << 4,
                Some(FollowUpResult::InProgress) => 2 << 4,
                Some(FollowUpResult::NotAchieved) => 3 << 4,
            };
            if let Some(t) = s.follow_up_topic {
                flags |= 1 << 6;
                follow_up_topic = t.0;
            }
        }
        // `Meeting::of` keeps a month within one of the date's: the difference fits.
        let shift = (m.month.index() - Month::of(m.date).index()).clamp(-1, 1) as i8;
        Packed {
            flags,
            shift,
            topic,
            follow_up_topic,
        }
    }

    pub(super) fn meeting(self, date: NaiveDate) -> Meeting {
        let f = self.flags;
        let session = (f & 2 != 0).then(|| SessionSummary {
            topics: match (f >> 2) & 3 {
                0 => Topics::None,
                1 => Topics::One(TopicId(self.topic)),
                _ => Topics::Many,
            },
            follow_up_result: match (f >> 4) & 3 {
                0 => None,
                1 => Some(FollowUpResult::Achieved),
                2 => Some(FollowUpResult::InProgress),
                _ => Some(FollowUpResult::NotAchieved),
            },
            follow_up_topic: (f & (1 << 6) != 0).then_some(TopicId(self.follow_up_topic)),
        });
        Meeting {
            date,
            month: Month::of(date).plus(i64::from(self.shift)),
            periodic: f & 1 != 0,
            session,
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;
    use proptest::prelude::*;

    use super::*;

    /// Every shape a session summary can take, each id at its extremes.
    fn sessions() -> Vec<Option<SessionSummary>> {
        let ids = [TopicId(0), TopicId(1), TopicId(u64::MAX)];
        let mut topics = vec![Topics::None, Topics::Many];
        topics.extend(ids.map(Topics::One));
        let mut results = vec![None];
        results.extend(FollowUpResult::ALL.iter().copied().map(Some));
        let mut follow_up_topics = vec![None];
        follow_up_topics.extend(ids.map(Some));
        let mut all = vec![None];
        for &topics in &topics {
            for &follow_up_result in &results {
                for &follow_up_topic in &follow_up_topics {
                    all.push(Some(SessionSummary {
                        topics,
                        follow_up_result,
                        follow_up_topic,
                    }));
                }
            }
        }
        all
    }

    #[test]
    fn every_meeting_at_its_extremes_packs_and_unpacks_to_itself() {
        let dates = [
            NaiveDate::MIN,
            NaiveDate::from_ymd_opt(1930, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
            NaiveDate::MAX,
        ];
        let sessions = sessions();
        assert_eq!(sessions.len(), 1 + 5 * 4 * 4);
        for date in dates {
            for periodic in [false, true] {
                for &session in &sessions {
                    let m = Meeting {
                        date,
                        month: Month::of(date),
                        periodic,
                        session,
                    };
                    let packed = Packed::of(&m);
                    assert_eq!(packed.flags & 0x80, 0, "bit 7 is unused: {m:?}");
                    assert_eq!(packed.meeting(date), m);
                }
            }
        }
    }

    #[test]
    fn the_flags_are_laid_out_as_documented() {
        let date = NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
        let flags = |periodic, session| {
            Packed::of(&Meeting {
                date,
                month: Month::of(date),
                periodic,
                session,
            })
            .flags
        };
        let s = |topics, follow_up_result, follow_up_topic| {
            Some(SessionSummary {
                topics,
                follow_up_result,
                follow_up_topic,
            })
        };
        assert_eq!(flags(false, None), 0);
        assert_eq!(flags(true, None), 0b1);
        assert_eq!(flags(false, s(Topics::None, None, None)), 0b10);
        assert_eq!(flags(false, s(Topics::One(TopicId(9)), None, None)), 0b110);
        assert_eq!(flags(false, s(Topics::Many, None, None)), 0b1010);
        let result = |r| flags(false, s(Topics::None, Some(r), None)) >> 4;
        assert_eq!(result(FollowUpResult::Achieved), 1);
        assert_eq!(result(FollowUpResult::InProgress), 2);
        assert_eq!(result(FollowUpResult::NotAchieved), 3);
        assert_eq!(
            flags(false, s(Topics::None, None, Some(TopicId(0)))),
            0b100_0010
        );
    }

    fn topic_id() -> impl Strategy<Value = TopicId> {
        prop_oneof![Just(0), Just(u64::MAX), any::<u64>()].prop_map(TopicId)
    }

    fn meeting() -> impl Strategy<Value = Meeting> {
        let topics = prop_oneof![
            Just(Topics::None),
            Just(Topics::Many),
            topic_id().prop_map(Topics::One),
        ];
        let result = proptest::option::of(proptest::sample::select(FollowUpResult::ALL.to_vec()));
        let session =
            proptest::option::of((topics, result, proptest::option::of(topic_id())).prop_map(
                |(topics, follow_up_result, follow_up_topic)| SessionSummary {
                    topics,
                    follow_up_result,
                    follow_up_topic,
                },
            ));
        let date = (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
            .prop_map(|d| NaiveDate::from_num_days_from_ce_opt(d).unwrap_or(NaiveDate::MIN));
        (date, any::<bool>(), session).prop_map(|(date, periodic, session)| Meeting {
            date,
            month: Month::of(date),
            periodic,
            session,
        })
    }

    proptest! {
        #[test]
        fn a_random_meeting_packs_and_unpacks_to_itself(m in meeting()) {
            prop_assert_eq!(Packed::of(&m).meeting(m.date), m);
        }
    }
}
