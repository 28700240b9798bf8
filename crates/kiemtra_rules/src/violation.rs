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
    pub fn new(rule: Rule, pointer: impl Into<String>, detail: Detail) -> Violation {
        Violation {
            rule,
            pointer: Some(pointer.into()),
            detail,
        }
    }
}

/// The facts a message is built from.
#[derive(Clone, Debug, PartialEq)]
pub enum Detail {
    /// Missing or blank; nothing more to say.
    Missing,
    /// Given, but the value cannot be read (shown as written); counts as absent.
    Unreadable { value: String },
    /// Which parts of a two-part field are blank (`strengths`, `weaknesses`).
    Parts { parts: Vec<&'static str> },
    /// The distinct topics of a session that has more than one.
    Topics { topics: Vec<String> },
    /// A duration below the minimum.
    TooShort { minutes: i64, min: u32 },
    /// Start, end and stated minutes that do not agree.
    Inconsistent {
        start: String,
        end: String,
        minutes: Option<u32>,
        computed: i64,
    },
    /// An assignment (0-based index) without a readable due date.
    NoDue {
        index: usize,
        unreadable: Option<String>,
    },
    /// An assignment due before the meeting.
    DueBefore {
        index: usize,
        due: NaiveDate,
        date: NaiveDate,
    },
    /// Compared with the previous meeting of the unit, held on `date`.
    Previous { date: NaiveDate },
    /// The same topic for `length` consecutive meetings, the limit being `max`.
    Run { length: u32, max: u32 },
    /// A month with no periodic meeting.
    NoMeeting { month: Month },
    /// A month with `count` periodic meetings.
    Meetings { month: Month, count: usize },
}

/// Where a unit-level rule attaches its finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// To the meeting at this index of the unit's date-ordered meetings.
    Meeting(usize),
    /// To the unit as a whole, for a month.
    Month(Month),
}
