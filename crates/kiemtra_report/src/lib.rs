//! Renderers: each output format is a small function of an [`Outcome`]. Nothing here judges a
//! record; wording in the reader's language is chosen here.

pub mod json;
mod review;
pub mod text;

use kiemtra_rules::Lang;
use kiemtra_runner::{Finding, Policy};

/// What every renderer needs besides the outcome.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub lang: Lang,
    pub policy: &'a Policy,
}

impl Context<'_> {
    pub fn message(&self, f: &Finding) -> String {
        kiemtra_rules::rules::message(&f.violation, self.lang)
    }

    pub fn hint(&self, f: &Finding) -> &'static str {
        kiemtra_rules::docs::doc(f.rule(), self.lang).hint()
    }

    /// The clauses a finding cites, as one string: `§III.1 bước 3, §III.2`.
    pub fn cites(&self, f: &Finding) -> String {
        let cites = self.policy.cites(f.rule());
        let joined = cites.join(", ");
        match self.lang {
            kiemtra_rules::Lang::Vi => joined,
            kiemtra_rules::Lang::En => joined.replace("bước", "step").replace("lưu ý", "note"),
        }
    }
}

/// A JSON pointer as a secretary reads it: `/session/assignments/0/due` →
/// `session.assignments[0].due`.
pub fn dotted(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for part in pointer.split('/').filter(|p| !p.is_empty()) {
        if part.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(part);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn dotted_paths() {
        assert_eq!(
            super::dotted("/session/assignments/0/due"),
            "session.assignments[0].due"
        );
        assert_eq!(super::dotted("/date"), "date");
    }
}
