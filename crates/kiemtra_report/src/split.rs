//! `--split-by parent`: the part of an inspection that concerns one parent committee, for its
//! own report, and the file name it is written under.

use kiemtra_runner::{Outcome, Summary};

/// The units of one parent committee (`None`: those that name none), their findings and
/// waived findings. Records that were rejected or files that could not be read belong to no
/// unit: they stay in the district's report, and the committee's counts its own units only.
pub fn of_parent(outcome: &Outcome, parent: Option<&str>) -> Outcome {
    let mut part = outcome.clone();
    part.units.retain(|u| u.parent.as_deref() == parent);
    let ours = |f: &&kiemtra_runner::Finding| crate::unit(&part, outcome.unit_of(f)).is_some();
    let findings = outcome.findings.iter().filter(ours).cloned().collect();
    let waived = outcome.waived.iter().filter(ours).cloned().collect();
    part.findings = findings;
    part.waived = waived;
    part.rejected.clear();
    part.file_errors.clear();
    part.judged.retain(|(unit, _)| {
        part.units
            .binary_search_by(|u| u.code.as_str().cmp(unit))
            .is_ok()
    });
    let meetings: usize = part.units.iter().map(|u| u.meetings).sum();
    let count = |s| part.findings.iter().filter(|f| f.severity == s).count();
    part.summary = Summary {
        files: outcome.summary.files,
        records: meetings,
        checked: meetings,
        rejected: 0,
        outside_period: 0,
        before_effective: 0,
        units: part.units.len(),
        errors: count(kiemtra_rules::Severity::Error),
        warnings: count(kiemtra_rules::Severity::Warning),
        infos: count(kiemtra_rules::Severity::Info),
        waived: part.waived.len(),
    };
    part
}

/// A committee's name as a file name: lower case, letters without diacritics, words joined by
/// `-` (`Đảng bộ xã Hàm Chính` → `dang-bo-xa-ham-chinh`).
pub fn slug(name: &str) -> String {
    let folded = kiemtra_rules::model::fold_word(name);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_owned();
    if out.is_empty() {
        "khac".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn committee_file_names() {
        assert_eq!(super::slug("Đảng bộ xã Hàm Chính"), "dang-bo-xa-ham-chinh");
        // NFD input and old tone placement give the same name.
        assert_eq!(
            super::slug("\u{110}a\u{309}ng bo\u{323} xa\u{303} Ha\u{300}m Chi\u{301}nh"),
            "dang-bo-xa-ham-chinh"
        );
        assert_eq!(
            super::slug("Đảng bộ xã Thuận Hoà"),
            super::slug("Đảng bộ xã Thuận Hòa")
        );
        assert_eq!(
            super::slug("(không ghi đảng bộ cấp trên)"),
            "khong-ghi-dang-bo-cap-tren"
        );
    }
}
