//! Each rule's documentation, in Vietnamese and English: `docs/<CODE>.<lang>.md`, built in.
//!
//! A doc is: `# CODE name`, a one-line title, then four sections in a fixed order — what it
//! checks, why, how to fix (its first line is the one-line hint shown beside findings), example.

use crate::{Lang, Rule};

/// A rule's documentation in one language.
#[derive(Clone, Copy, Debug)]
pub struct RuleDoc {
    /// The whole Markdown text, as `kiemtra explain` prints it.
    pub markdown: &'static str,
    pub title: &'static str,
    pub what: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
    pub example: &'static str,
}

impl RuleDoc {
    /// The first line of "how to fix": what to write, in one sentence.
    pub fn hint(&self) -> &'static str {
        self.fix
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

macro_rules! docs {
    ($($code:literal),+ $(,)?) => {
        fn source(code: &str, lang: Lang) -> &'static str {
            match (code, lang) {
                $(
                    ($code, Lang::Vi) => include_str!(concat!("../docs/", $code, ".vi.md")),
                    ($code, Lang::En) => include_str!(concat!("../docs/", $code, ".en.md")),
                )+
                _ => "",
            }
        }
    };
}

docs!(
    "CD101", "CD102", "CD201", "CD202", "CD203", "CD204", "CD301", "CD302", "CD303", "CD304",
    "CD305", "CD306", "CD307", "CD308", "CD401", "CD402", "CD403", "CD501", "CD502", "CD503",
    "CD504", "CD505", "CD601", "CD602",
);

/// The documentation of `rule` in `lang` (read once, then served from memory: a report asks
/// for a rule's hint once per finding).
pub fn doc(rule: Rule, lang: Lang) -> RuleDoc {
    static DOCS: std::sync::OnceLock<Vec<[RuleDoc; 2]>> = std::sync::OnceLock::new();
    let all = DOCS.get_or_init(|| {
        Rule::ALL
            .iter()
            .map(|&r| [read(r, Lang::Vi), read(r, Lang::En)])
            .collect()
    });
    let lang_index = match lang {
        Lang::Vi => 0,
        Lang::En => 1,
    };
    Rule::ALL
        .iter()
        .position(|&r| r == rule)
        .and_then(|i| all.get(i))
        .and_then(|pair| pair.get(lang_index))
        .copied()
        .unwrap_or_else(|| read(rule, lang))
}

fn read(rule: Rule, lang: Lang) -> RuleDoc {
    let markdown = source(rule.code(), lang);
    let mut parts = markdown.split("\n## ");
    let head = parts.next().unwrap_or("");
    let title = head.lines().nth(1).unwrap_or("").trim();
    let mut section = || {
        parts
            .next()
            .map(|s| s.split_once('\n').map_or("", |(_, body)| body.trim()))
            .unwrap_or("")
    };
    let (what, why, fix, example) = (section(), section(), section(), section());
    RuleDoc {
        markdown,
        title,
        what,
        why,
        fix,
        example,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_complete_docs_in_both_languages() {
        for &rule in Rule::ALL {
            for lang in [Lang::Vi, Lang::En] {
                let d = doc(rule, lang);
                let h1 = format!("# {} {}", rule.code(), rule.name());
                assert!(d.markdown.starts_with(&h1), "{rule} {lang:?}: {h1}");
                assert_eq!(d.markdown.matches("\n## ").count(), 4, "{rule} {lang:?}");
                for (name, s) in [
                    ("title", d.title),
                    ("what", d.what),
                    ("why", d.why),
                    ("fix", d.fix),
                    ("example", d.example),
                ] {
                    assert!(!s.is_empty(), "{rule} {lang:?}: empty {name}");
                }
                assert!(
                    d.hint().chars().count() <= 130,
                    "{rule} {lang:?}: hint too long"
                );
            }
        }
    }
}
