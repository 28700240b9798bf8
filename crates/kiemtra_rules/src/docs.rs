//! Each rule's documentation, in Vietnamese and English: `docs/<CODE>.<lang>.md`, built in.
//!
//! A doc file holds four sections in a fixed order — what it checks, why, how to fix, example.
//! The rule's title and its one-line hint (the first line of "how to fix", shown beside
//! findings) are declared with the rule ([`crate::rules::Declaration`]), their words in the
//! message catalogue; the whole document is put together from both.

use crate::rules::{doc_source, Hint};
use crate::{Lang, Parameters, Rule};

/// A rule's documentation in one language.
#[derive(Clone, Copy, Debug)]
pub struct RuleDoc {
    pub rule: Rule,
    /// The doc file's text: the four sections.
    pub sections: &'static str,
    /// The rule as printed in tables (`Sinh hoạt chuyên đề đủ thời gian tối thiểu`).
    pub title: &'static str,
    /// The one-line hint, which may speak of the pack's parameters.
    pub hint_of: Hint,
    lang: Lang,
    pub what: &'static str,
    pub why: &'static str,
    /// "How to fix" after the hint.
    pub fix: &'static str,
    pub example: &'static str,
}

impl RuleDoc {
    /// What to write, in one sentence, speaking of the parameters in effect.
    pub fn hint(&self, params: &Parameters) -> String {
        self.hint_of.say(params, self.lang)
    }

    /// The whole Markdown text, as `kiemtra explain` prints it: `# CODE name`, the title, then
    /// the sections with the hint heading "how to fix".
    pub fn markdown(&self, params: &Parameters) -> String {
        let mut out = format!(
            "# {} {}\n{}\n\n",
            self.rule.code(),
            self.rule.name(),
            self.title
        );
        let mut sections = self.sections.split_inclusive('\n');
        let mut heading = 0;
        for line in sections.by_ref() {
            out.push_str(line);
            if line.starts_with("## ") {
                heading += 1;
                if heading == 3 {
                    out.push_str(&self.hint(params));
                    out.push('\n');
                }
            }
        }
        out
    }
}

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
    let sections = doc_source(rule, lang);
    let mut parts = sections.split("## ").skip(1);
    let mut section = || {
        parts
            .next()
            .map(|s| s.split_once('\n').map_or("", |(_, body)| body.trim()))
            .unwrap_or("")
    };
    let (what, why, fix, example) = (section(), section(), section(), section());
    let declared = rule.declaration();
    RuleDoc {
        rule,
        sections,
        title: declared.title.get(lang),
        hint_of: declared.hint,
        lang,
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
        let params = crate::Pack::embedded().parameters;
        for &rule in Rule::ALL {
            for lang in [Lang::Vi, Lang::En] {
                let d = doc(rule, lang);
                assert!(d.sections.starts_with("## "), "{rule} {lang:?}");
                assert_eq!(d.sections.matches("## ").count(), 4, "{rule} {lang:?}");
                for (name, s) in [
                    ("title", d.title),
                    ("what", d.what),
                    ("why", d.why),
                    ("example", d.example),
                ] {
                    assert!(!s.is_empty(), "{rule} {lang:?}: empty {name}");
                }
                let hint = d.hint(&params);
                assert!(!hint.contains('{'), "{rule} {lang:?}: {hint}");
                assert!(
                    hint.chars().count() <= 170,
                    "{rule} {lang:?}: hint too long"
                );
                let md = d.markdown(&params);
                let h1 = format!("# {} {}\n{}\n", rule.code(), rule.name(), d.title);
                assert!(md.starts_with(&h1), "{rule} {lang:?}: {h1}");
                assert!(md.contains(&hint), "{rule} {lang:?}");
            }
        }
    }
}
