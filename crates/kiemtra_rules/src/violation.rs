//! What a rule reports: which rule, where in the record, and the facts of the case. Wording
//! comes later, from the facts, in the reader's language.

use chrono::NaiveDate;

use crate::month::Month;
use crate::registry::Rule;

/// One breach of one rule, as data.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    pub rule: Rule,
    /// JSON pointer of the field at fault (`/session/reason`), when there is one.
    pub pointer: Option<String>,
    pub detail: Detail,
}

impl Violation {
    /// Whether the verdict rests on a value that was written but cannot be read (catalogue
    /// v1.1, *What could not be checked*): a data problem, not a proven breach. Such a finding
    /// is at most a warning and never makes a month non-compliant by itself.
    pub fn unverifiable(&self) -> bool {
        self.detail.unverifiable()
    }

    pub fn new(rule: Rule, pointer: impl Into<String>, detail: Detail) -> Violation {
        Violation {
            rule,
            pointer: Some(pointer.into()),
            detail,
        }
    }
}

/// The facts a message is built from. Kept small (24 bytes): a run may hold hundreds of
/// thousands of findings, each with its detail.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// Missing or blank; nothing more to say.
    Missing,
    /// Given, but the value cannot be read (shown as written); counts as absent.
    Unreadable { value: Box<str> },
    /// Which parts of a two-part field are blank (`strengths`, `weaknesses`).
    Parts { parts: Box<[&'static str]> },
    /// The distinct topics of a session that has more than one.
    Topics { topics: Box<[String]> },
    /// A duration below the minimum.
    TooShort { minutes: i64, min: u32 },
    /// Start and end (minutes after midnight) and stated minutes that do not agree.
    Inconsistent {
        start: u16,
        end: u16,
        minutes: Option<u32>,
        computed: i32,
    },
    /// An assignment (0-based index) without a readable due date.
    NoDue {
        index: u32,
        unreadable: Option<Box<str>>,
    },
    /// An assignment due before the meeting.
    DueBefore {
        index: u32,
        due: NaiveDate,
        date: NaiveDate,
    },
    /// Compared with the previous meeting of the unit, held on `date`.
    Previous { date: NaiveDate },
    /// The same topic held in `length` distinct months of consecutive sessions, the limit
    /// being `max`.
    Run { length: u32, max: u32 },
    /// A month with no periodic meeting.
    NoMeeting { month: Month },
    /// A month with `count` periodic meetings.
    Meetings { month: Month, count: u32 },
}

impl Detail {
    /// Whether the verdict rests on a value that was written but cannot be read (catalogue
    /// v1.1, *What could not be checked*): a data problem, not a proven breach. Such a finding
    /// is at most a warning and never makes a month non-compliant by itself.
    pub fn unverifiable(&self) -> bool {
        matches!(
            self,
            Detail::Unreadable { .. }
                | Detail::NoDue {
                    unreadable: Some(_),
                    ..
                }
        )
    }

    /// The value written but unreadable that the finding is about, shown as written.
    pub fn written(&self) -> Option<&str> {
        match self {
            Detail::Unreadable { value }
            | Detail::NoDue {
                unreadable: Some(value),
                ..
            } => Some(value),
            _ => None,
        }
    }
}

/// Where a unit-level rule attaches its finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// To the meeting at this index of the unit's date-ordered meetings.
    Meeting(usize),
    /// To the unit as a whole, for a month.
    Month(Month),
}

/// What could not be checked for a unit: said in the report, not a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    /// The unit's earliest judged session, held on `date`, has no earlier session in the input
    /// and is not in the pack's first full month: CD501–CD505 cannot be judged for it.
    FollowUpNotJudged { date: NaiveDate },
}

impl Note {
    /// Stable code for programs.
    pub fn code(self) -> &'static str {
        match self {
            Note::FollowUpNotJudged { .. } => "follow-up-not-judged",
        }
    }

    /// The note in the reader's language.
    pub fn message(self, lang: crate::Lang) -> String {
        use kiemtra_messages::{m, Say};
        match self {
            Note::FollowUpNotJudged { date } => m::note::FollowUpNotJudged {
                date: &kiemtra_messages::date(lang, date),
            }
            .say(lang),
        }
    }
}
