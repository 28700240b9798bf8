//! "Did you mean …?": the closest of a set of valid names to what was typed (edit distance
//! counting a swap of two neighbours as one edit), so that a typo in
//! a configuration, a waiver or a pack is named together with what was probably meant.

/// The candidate nearest to `typed` (case-insensitive edit distance), when it is near enough to
/// be a plausible typo: at most a third of the longer of the two words, and at least one edit.
pub fn closest<'c>(typed: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let typed = typed.trim().to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(&typed, &c.to_lowercase()), c))
        .filter(|(d, c)| {
            *d <= typed
                .chars()
                .count()
                .max(c.chars().count())
                .div_ceil(3)
                .max(1)
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn near_names_are_suggested_and_far_ones_are_not() {
        let keys = ["min_minutes", "max_topic_months", "rating"];
        assert_eq!(closest("min_minute", keys), Some("min_minutes"));
        assert_eq!(closest("MIN-MINUTES", keys), Some("min_minutes"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("CD40", ["CD401", "CD4", "CD501"]), Some("CD401"));
    }
}
