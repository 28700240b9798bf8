//! Text as the guidance compares it: normalised once where it is read, blank by one definition,
//! topics matched by one key.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Returns `text` in Unicode NFC. Text already in NFC (nearly all of it) is returned as is,
/// without allocating.
pub fn nfc(text: Cow<'_, str>) -> Cow<'_, str> {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// True when the text is "blank" in the sense of READING.md: after trimming it has no letter or
/// digit (`...`, `-`, ``), or it is one of `n/a`, `na`, `null`, `none` in any case.
pub fn is_blank(text: &str) -> bool {
    let t = text.trim();
    if !t.chars().any(char::is_alphanumeric) {
        return true;
    }
    ["n/a", "na", "null", "none"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
}

/// The five Vietnamese tone marks as combining characters (after NFD).
fn is_tone_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
    )
}

/// The matching key of a topic: NFD, lower case, runs of white space collapsed, and each
/// syllable's tone mark moved to the end of the syllable, so that old and new tone placement
/// (`hoà`/`hòa`, `uỷ`/`ủy`) give the same key. Diacritics are kept: `bác` ≠ `bạc`.
pub fn topic_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() + 8);
    let mut tones: Vec<char> = Vec::new();
    let mut in_word = false;
    let flush = |key: &mut String, tones: &mut Vec<char>| {
        tones.sort_unstable();
        tones.dedup();
        key.extend(tones.drain(..));
    };
    for c in text.nfd().flat_map(char::to_lowercase) {
        if is_tone_mark(c) {
            tones.push(c);
        } else if c.is_whitespace() {
            if in_word {
                flush(&mut key, &mut tones);
                key.push(' ');
                in_word = false;
            }
        } else {
            if !in_word {
                in_word = true;
            }
            if !c.is_alphanumeric() && !is_combining(c) {
                // Punctuation ends a syllable, keeps its place.
                flush(&mut key, &mut tones);
            }
            key.push(c);
        }
    }
    flush(&mut key, &mut tones);
    if key.ends_with(' ') {
        key.pop();
    }
    key
}

/// Combining marks that stay with their letter (circumflex, breve, horn, …).
fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// A compact, deterministic fingerprint of a topic key, for cross-record comparison without
/// keeping the text of every record in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TopicId(pub u64);

impl TopicId {
    pub fn of(text: &str) -> TopicId {
        // `DefaultHasher::new()` has fixed keys: the same value on every run and every thread.
        let mut h = std::hash::DefaultHasher::new();
        topic_key(text).hash(&mut h);
        TopicId(h.finish())
    }
}

/// The distinct topics of a session, in order of first appearance, blank ones left out.
pub fn distinct_topics<'t, I>(topics: I) -> Vec<(TopicId, &'t str)>
where
    I: IntoIterator<Item = &'t str>,
{
    let mut out: Vec<(TopicId, &str)> = Vec::new();
    for t in topics {
        if is_blank(t) {
            continue;
        }
        let id = TopicId::of(t);
        if !out.iter().any(|(seen, _)| *seen == id) {
            out.push((id, t.trim()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn blank_values() {
        for b in [
            "", "   ", "...", "-", "—", "N/A", "n/a", "NA", "null", "None", " … ", "\u{a0}",
        ] {
            assert!(is_blank(b), "{b:?} should be blank");
        }
        for t in ["a", "0", "Không", "nă", "Nam", "nonee"] {
            assert!(!is_blank(t), "{t:?} should not be blank");
        }
    }

    #[test]
    fn nfc_borrows_when_already_nfc() {
        let s = "Hồ Chí Minh";
        assert!(matches!(nfc(Cow::Borrowed(s)), Cow::Borrowed(_)));
        let d = nfd(s);
        let n = nfc(Cow::Owned(d.clone()));
        assert_eq!(n, s);
        assert_ne!(d, s);
    }

    #[test]
    fn old_and_new_tone_placement_match() {
        for (a, b) in [
            ("hoà", "hòa"),
            ("Huyện uỷ", "Huyện ủy"),
            ("thuý", "thúy"),
            ("Khoẻ", "khỏe"),
            ("Hoà hợp", "  hòa   hợp "),
            ("Phát huy dân chủ", "phát huy DÂN CHỦ"),
        ] {
            assert_eq!(topic_key(a), topic_key(b), "{a} vs {b}");
            assert_eq!(topic_key(&nfd(a)), topic_key(b), "NFD {a} vs {b}");
        }
    }

    #[test]
    fn diacritics_are_never_stripped() {
        for (a, b) in [
            ("bác", "bạc"),
            ("dân", "dan"),
            ("đảng", "dảng"),
            ("hòa", "họa"),
        ] {
            assert_ne!(topic_key(a), topic_key(b), "{a} vs {b}");
        }
    }

    #[test]
    fn distinct_topics_skips_blanks_and_duplicates() {
        let d = distinct_topics(["Hoà giải", "hòa  giải", "...", "Dân vận"]);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].1, "Hoà giải");
    }
}
