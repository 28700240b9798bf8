//! The one table of rule codes: code, stable name, and whether a rule judges one record or a
//! unit's sequence of meetings. Codes and names are a contract (catalogue v1.1).

use std::fmt;

/// Whether a rule looks at one record, or at the meetings of a unit in date order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Record,
    Unit,
}

macro_rules! rules {
    ($($variant:ident = $code:literal $name:literal $scope:ident),+ $(,)?) => {
        /// A rule of catalogue v1.1.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $($variant),+ }

        impl Rule {
            /// Every rule, in code order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $(Rule::$variant => $code),+ }
            }

            /// The stable kebab-case name.
            pub fn name(self) -> &'static str {
                match self { $(Rule::$variant => $name),+ }
            }

            pub fn scope(self) -> Scope {
                match self { $(Rule::$variant => Scope::$scope),+ }
            }
        }
    };
}

rules! {
    SessionHeld = "CD101" "session-held" Record,
    MinutesBook = "CD102" "minutes-book" Record,
    TopicStated = "CD201" "topic-stated" Record,
    SingleTopic = "CD202" "single-topic" Record,
    TopicArea = "CD203" "topic-area" Record,
    SourceMaterial = "CD204" "source-material" Record,
    ReasonStated = "CD301" "reason-stated" Record,
    Assessment = "CD302" "assessment" Record,
    CausesAndMeasures = "CD303" "causes-and-measures" Record,
    MemberOpinions = "CD304" "member-opinions" Record,
    DiscussionQuestions = "CD305" "discussion-questions" Record,
    Conclusion = "CD306" "conclusion" Record,
    Assignments = "CD307" "assignments" Record,
    AssignmentDeadline = "CD308" "assignment-deadline" Record,
    RemedyAssigned = "CD309" "remedy-assigned" Record,
    ChairNamed = "CD310" "chair-named" Record,
    MinimumDuration = "CD401" "minimum-duration" Record,
    DurationRecorded = "CD402" "duration-recorded" Record,
    DurationConsistent = "CD403" "duration-consistent" Record,
    FollowUp = "CD501" "follow-up" Unit,
    FollowUpTopic = "CD502" "follow-up-topic" Unit,
    ChangedBeforeResult = "CD503" "changed-before-result" Unit,
    KeptAfterResult = "CD504" "kept-after-result" Unit,
    TopicTooLong = "CD505" "topic-too-long" Unit,
    MonthlyCadence = "CD601" "monthly-cadence" Unit,
    DuplicateMeeting = "CD602" "duplicate-meeting" Unit,
}

impl Rule {
    /// Finds a rule by code (`CD401`, any case) or by name (`minimum-duration`).
    pub fn find(text: &str) -> Option<Rule> {
        let t = text.trim();
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.code().eq_ignore_ascii_case(t) || r.name() == t)
    }

    /// The rules whose code starts with `prefix` (`CD3` → CD301…CD308).
    pub fn with_prefix(prefix: &str) -> impl Iterator<Item = Rule> + '_ {
        Rule::ALL.iter().copied().filter(move |r| {
            r.code()
                .get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        })
    }
}

impl Rule {
    /// The rules a selector names: a rule code or name, or a code prefix (`CD`, `CD3`, `cd40`).
    /// Empty when it names none, which configuration treats as an error.
    pub fn selected_by(selector: &str) -> Vec<Rule> {
        let s = selector.trim();
        if let Some(rule) = Rule::find(s) {
            return vec![rule];
        }
        if s.is_empty() {
            return Vec::new();
        }
        Rule::with_prefix(s).collect()
    }

    /// Every selector worth suggesting for a typo: the codes, the names, and the groups
    /// (`CD`, `CD1` … `CD6`).
    pub fn selector_names() -> impl Iterator<Item = &'static str> + Clone {
        const GROUPS: &[&str] = &["CD", "CD1", "CD2", "CD3", "CD4", "CD5", "CD6"];
        Rule::ALL
            .iter()
            .flat_map(|r| [r.code(), r.name()])
            .chain(GROUPS.iter().copied())
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn code(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The word printed for it (`lỗi`, `cảnh báo`, `lưu ý`).
    pub fn label(self, lang: crate::Lang) -> &'static str {
        use kiemtra_messages::m::severity;
        match self {
            Severity::Info => severity::INFO,
            Severity::Warning => severity::WARNING,
            Severity::Error => severity::ERROR,
        }
        .get(lang)
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_name_codes_names_and_prefixes() {
        assert_eq!(Rule::selected_by("CD401"), [Rule::MinimumDuration]);
        assert_eq!(
            Rule::selected_by("minimum-duration"),
            [Rule::MinimumDuration]
        );
        assert_eq!(
            Rule::selected_by("cd6"),
            [Rule::MonthlyCadence, Rule::DuplicateMeeting]
        );
        assert_eq!(Rule::selected_by("CD").len(), Rule::ALL.len());
        assert!(Rule::selected_by("CD9").is_empty());
        assert!(Rule::selected_by("").is_empty());
        for s in Rule::selector_names() {
            assert!(!Rule::selected_by(s).is_empty(), "{s}");
        }
    }
}
