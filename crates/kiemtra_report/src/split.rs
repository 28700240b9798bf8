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

/// Characters a committee's part of a file name may have: with the report's own name and
/// extension it stays far below the 255 bytes a file name may take.
pub const MAX_SLUG: usize = 80;

/// The file-name parts of committees (`names`, as the reports show them), distinct and stable:
/// [`slug`] when it is the committee's alone; when two committees give the same slug (tone
/// placement, capitals, diacritics, punctuation; names of only non-Latin letters and “Khác”
/// both give `khac`), or one is already `taken` (another file of the run, compared without
/// regard to case), each is followed by a mark made from its exact name (`thuan-hoa-1a2b3c`).
/// A slug over [`MAX_SLUG`] characters is cut at a word and marked the same way.
pub fn file_names(names: &[&str], taken: impl Fn(&str) -> bool) -> Vec<String> {
    let slugs: Vec<String> = names.iter().map(|n| slug(n)).collect();
    slugs
        .iter()
        .zip(names)
        .map(|(s, name)| {
            let shared = slugs.iter().filter(|o| *o == s).count() > 1;
            if s.len() <= MAX_SLUG && !shared && !taken(s) {
                return s.clone();
            }
            let mut cut = s.as_str();
            if cut.len() > MAX_SLUG {
                cut = &cut[..MAX_SLUG];
                cut = cut.rsplit_once('-').map_or(cut, |(head, _)| head);
            }
            format!("{cut}-{}", mark(name))
        })
        .collect()
}

/// Six hexadecimal digits of the SHA-256 of a name: the same name, the same mark.
fn mark(name: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(name.as_bytes());
    digest[..3].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn committees_whose_names_give_one_slug_get_distinct_stable_file_names() {
        let names = [
            "Đảng bộ xã Thuận Hòa",
            "Đảng bộ xã Thuận Hoà",
            "ĐẢNG BỘ XÃ THUẬN HÒA",
            "Đảng bộ xã Thuận Hoa",
            "Đảng bộ xã Thuận-Hòa",
            "Đảng bộ xã Hàm Chính",
            "Ακρόπολη",
            "Khác",
        ];
        let files = super::file_names(&names, |_| false);
        let distinct: std::collections::HashSet<String> =
            files.iter().map(|f| f.to_lowercase()).collect();
        assert_eq!(distinct.len(), names.len(), "{files:?}");
        assert_eq!(files[5], "dang-bo-xa-ham-chinh");
        assert!(files[0].starts_with("dang-bo-xa-thuan-hoa-"), "{files:?}");
        assert!(files[6].starts_with("khac-") && files[7].starts_with("khac-"));
        // Stable: the same names give the same files, in any order and company.
        let again = super::file_names(&[names[1], names[0]], |_| false);
        assert_eq!(again, [files[1].clone(), files[0].clone()]);
        // A name already taken by another file of the run.
        let taken = super::file_names(&["Đảng bộ xã Hàm Chính"], |s| {
            s.eq_ignore_ascii_case("DANG-BO-XA-HAM-CHINH")
        });
        assert_ne!(taken[0], "dang-bo-xa-ham-chinh");
        // A very long name is cut, stably, and stays distinct from another with its beginning.
        let long = "Đảng bộ ".repeat(40);
        let longer = format!("{long} khác");
        let cut = super::file_names(&[&long, &longer], |_| false);
        assert!(
            cut.iter().all(|c| c.len() <= super::MAX_SLUG + 7),
            "{cut:?}"
        );
        assert_ne!(cut[0], cut[1]);
    }

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
