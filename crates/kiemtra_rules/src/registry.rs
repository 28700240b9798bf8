//! What is said of every rule: finding one by code or name, selecting by prefix, severities.
//! Each rule is declared in its file ([`crate::rules`]); codes and names are a contract.

use std::fmt;

/// Whether a rule looks at one record, or at the meetings of a unit in date order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Record,
    Unit,
}

/// Declares the `Rule` enum from the one list of rules (`for_each_rule!`, one per file of
/// `src/rules/`): here, below the rule files, so that a rule's file, its violation and the pack
/// name a rule without importing each other in a circle. What each rule is comes from its file
/// ([`Rule::declaration`], in `rules/mod.rs`).
macro_rules! rule_enum {
    ($($variant:ident $module:ident $code:literal),+ $(,)?) => {
        /// A rule of the catalogue, in code order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $($variant),+ }

        impl Rule {
            /// Every rule, in code order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),+];
        }
    };
}

for_each_rule!(rule_enum);

impl Rule {
    /// `CD401`.
    pub fn code(self) -> &'static str {
        self.declaration().code
    }

    /// The stable kebab-case name.
    pub fn name(self) -> &'static str {
        self.declaration().name
    }

    pub fn scope(self) -> Scope {
        self.declaration().scope()
    }
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
