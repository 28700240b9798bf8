//! Text as the guidance compares it: normalised once where it is read, blank by one definition,
//! topics matched by one key.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

// Tone placement is unified by the same primitive that reads the accepted words of values.
use kiemtra_format::values::fold::KeyBuilder;

/// Returns `text` in Unicode NFC. Text already in NFC (nearly all of it) is returned as is,
/// without allocating.
pub fn nfc(text: Cow<'_, str>) -> Cow<'_, str> {
    if all_nfc_starters(&text) {
        text
    } else if let Some(composed) = nfc_vietnamese(&text) {
        Cow::Owned(composed)
    } else if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// The combining marks of Vietnamese text typed decomposed ("Unicode tổ hợp"): the five
/// tones, circumflex, breve and horn; with their canonical combining classes.
fn vietnamese_mark(c: char) -> Option<u8> {
    match c {
        '\u{0300}' | '\u{0301}' | '\u{0302}' | '\u{0303}' | '\u{0306}' | '\u{0309}' => Some(230),
        '\u{0323}' => Some(220),
        '\u{031B}' => Some(216),
        _ => None,
    }
}

/// NFC of text made only of characters that are NFC starters (see `all_nfc_starters`) and
/// Vietnamese combining marks — decomposed Vietnamese — by the Unicode algorithm itself, on the
/// Unicode tables, without the general machinery: each starter decomposed, the marks after it
/// put in canonical order, then composed in turn unless blocked. `None` for any other text
/// (and for unusual sequences: more than four marks on a letter, a starter that would compose
/// with the one before it), which the general algorithm then normalises.
fn nfc_vietnamese(text: &str) -> Option<String> {
    use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
    const MAX_MARKS: usize = 4;
    /// A starter and the marks that follow it, decomposed.
    struct Segment {
        starter: char,
        marks: [(u8, char); MAX_MARKS],
        n: usize,
    }
    impl Segment {
        fn push(&mut self, m: char) -> Option<()> {
            *self.marks.get_mut(self.n)? = (canonical_combining_class(m), m);
            self.n += 1;
            Some(())
        }
        /// Composes the segment into `out`; gives its last starter when no mark is left
        /// after it (the only case in which a next starter could compose with it).
        fn compose_into(mut self, out: &mut String) -> Option<char> {
            let marks = self.marks.get_mut(..self.n).unwrap_or(&mut []);
            marks.sort_by_key(|&(ccc, _)| ccc); // stable: the canonical order
            let mut s = self.starter;
            let mut left: [(u8, char); MAX_MARKS] = [(0, '\0'); MAX_MARKS];
            let mut kept = 0;
            for &(ccc, m) in marks.iter() {
                let blocked = left
                    .get(..kept)
                    .is_some_and(|l| l.iter().any(|&(c, _)| c >= ccc));
                match (!blocked).then(|| compose(s, m)).flatten() {
                    Some(composed) => s = composed,
                    None => {
                        if let Some(slot) = left.get_mut(kept) {
                            *slot = (ccc, m);
                            kept += 1;
                        }
                    }
                }
            }
            out.push(s);
            for &(_, m) in left.get(..kept).unwrap_or(&[]) {
                out.push(m);
            }
            (kept == 0).then_some(s)
        }
    }

    let mut out = String::with_capacity(text.len());
    let mut segment: Option<Segment> = None;
    for c in text.chars() {
        if vietnamese_mark(c).is_some() {
            segment.as_mut()?.push(c)?;
        } else if (c as u32) < 0x300 || (0x1E00..0x1F00).contains(&(c as u32)) {
            let mut base = None;
            let mut marks = Segment {
                starter: c,
                marks: [(0, '\0'); MAX_MARKS],
                n: 0,
            };
            let mut too_many = false;
            decompose_canonical(c, |d| match base {
                None => base = Some(d),
                Some(_) => too_many |= marks.push(d).is_none(),
            });
            if too_many {
                return None;
            }
            marks.starter = base?;
            if let Some(previous) = segment.take() {
                if let Some(last) = previous.compose_into(&mut out) {
                    if compose(last, marks.starter).is_some() {
                        return None;
                    }
                }
            }
            segment = Some(marks);
        } else {
            return None;
        }
    }
    if let Some(last) = segment {
        last.compose_into(&mut out);
    }
    Some(out)
}

/// A character that is in NFC whatever surrounds it, and combines with nothing before it:
/// below U+0300 (ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers) or in Latin
/// Extended Additional (U+1E00–U+1EFF: every precomposed Vietnamese letter with a tone).
/// Checked against the Unicode tables for every such character in the tests. Nearly every
/// character of Vietnamese text is one, so the quick check of the tables is seldom needed.
#[cfg(test)]
fn nfc_starter(c: char) -> bool {
    let c = c as u32;
    c < 0x300 || (0x1E00..0x1F00).contains(&c)
}

/// `text.chars().all(nfc_starter)`, on the UTF-8 bytes: U+0000–U+02FF are the one- and
/// two-byte sequences with a lead byte below 0xCC; U+1E00–U+1EFF are `E1 B8..=BB xx`.
fn all_nfc_starters(text: &str) -> bool {
    // Every byte from 0xCC up is a lead byte (the text is valid UTF-8, and its last byte is
    // never one); each must be an E1 followed by B8..=BB. Sixteen bytes at a time.
    use wide::u8x16;
    let b = text.as_bytes();
    let lanes = |at: usize| {
        b.get(at..at + 16)
            .and_then(|s| <[u8; 16]>::try_from(s).ok())
            .map(u8x16::new)
    };
    let (cc, e1, fc, b8) = (
        u8x16::splat(0xCC),
        u8x16::splat(0xE1),
        u8x16::splat(0xFC),
        u8x16::splat(0xB8),
    );
    let mut at = 0;
    while let (Some(x), Some(y)) = (lanes(at), lanes(at + 1)) {
        let high = x.max(cc).cmp_eq(x).move_mask();
        let vietnamese = (x.cmp_eq(e1) & (y & fc).cmp_eq(b8)).move_mask();
        if high & !vietnamese != 0 {
            return false;
        }
        at += 16;
    }
    let bad = |x: u8, y: u8| (x >= 0xCC) & ((x != 0xE1) | ((y & 0xFC) != 0xB8));
    let x = b.get(at..).unwrap_or(&[]);
    let y = b.get(at + 1..).unwrap_or(&[]);
    !x.iter().zip(y).any(|(&x, &y)| bad(x, y)) && x.last().is_none_or(|&l| l < 0xCC)
}

/// True when the text is "blank" in the sense of READING.md: after trimming it has no letter or
/// digit (`...`, `-`, ``), or it is one of `n/a`, `na`, `null`, `none` in any case.
pub fn is_blank(text: &str) -> bool {
    // Nearly always: text that starts with a letter or digit and is longer than the blank
    // words (`none`) is not blank, whatever follows.
    if text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()))
        && text.trim_end().len() > 4
    {
        return false;
    }
    let t = text.trim();
    if !t
        .chars()
        .any(|c| c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric()))
    {
        return true;
    }
    ["n/a", "na", "null", "none"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
}

/// The matching key of a topic: NFD, lower case, runs of white space collapsed, and each
/// syllable's tone mark moved to the end of the syllable, so that old and new tone placement
/// (`hoà`/`hòa`, `uỷ`/`ủy`) give the same key. Diacritics are kept: `bác` ≠ `bạc`.
pub fn topic_key(text: &str) -> String {
    let mut key = KeyBuilder::with_capacity(text.len() + 16);
    if all_nfc_starters(text) {
        // Every character decomposes on its own into a starter and its marks, already in
        // canonical order, so NFD is the concatenation of the characters' decompositions.
        for c in text.chars() {
            if c.is_ascii() {
                key.push_lower(c);
            } else {
                unicode_normalization::char::decompose_canonical(c, |d| key.push_lower(d));
            }
        }
    } else {
        for c in text.nfd() {
            key.push_lower(c);
        }
    }
    key.finish()
}

/// `topic_key` of text already in NFD.
#[cfg(test)]
fn key_of_decomposed(nfd: impl Iterator<Item = char>) -> String {
    let mut key = KeyBuilder::with_capacity(64);
    for c in nfd {
        key.push_lower(c);
    }
    key.finish()
}

/// A compact, deterministic fingerprint of a topic key, for cross-record comparison without
/// keeping the text of every record in memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TopicId(pub u64);

impl TopicId {
    pub fn of(text: &str) -> TopicId {
        // Topics repeat (a district's annual themes, a follow-up naming last month's topic):
        // a bounded per-thread memo of this pure function saves most of the work.
        const MAX_ENTRIES: usize = 4096;
        const MAX_LEN: usize = 512;
        thread_local! {
            static MEMO: std::cell::RefCell<foldhash::HashMap<Box<str>, TopicId>> =
                std::cell::RefCell::new(foldhash::HashMap::default());
        }
        if text.len() > MAX_LEN {
            return TopicId::compute(text);
        }
        MEMO.with(|memo| {
            let Ok(mut memo) = memo.try_borrow_mut() else {
                return TopicId::compute(text);
            };
            if let Some(&id) = memo.get(text) {
                return id;
            }
            let id = TopicId::compute(text);
            if memo.len() >= MAX_ENTRIES {
                memo.clear();
            }
            memo.insert(text.into(), id);
            id
        })
    }

    fn compute(text: &str) -> TopicId {
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
    // A set once the list is long, so that a hostile record of a million topics costs linear
    // time, not quadratic.
    let mut seen: Option<std::collections::HashSet<TopicId>> = None;
    for t in topics {
        if is_blank(t) {
            continue;
        }
        let id = TopicId::of(t);
        let new = match &mut seen {
            Some(set) => set.insert(id),
            None => !out.iter().any(|(s, _)| *s == id),
        };
        if new {
            out.push((id, t.trim()));
            if seen.is_none() && out.len() > 16 {
                seen = Some(out.iter().map(|(s, _)| *s).collect());
            }
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
            "",
            "   ",
            "...",
            "-",
            "—",
            "N/A",
            "n/a",
            "NA",
            "null",
            "None",
            " … ",
            "\u{a0}",
            "none  ",
            "NULL\t",
            "Na \n",
            "n/a\u{a0}",
        ] {
            assert!(is_blank(b), "{b:?} should be blank");
        }
        for t in [
            "a",
            "0",
            "Không",
            "nă",
            "Nam",
            "nonee",
            "nones ",
            "Đạt yêu cầu",
            "1. -",
        ] {
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
    fn the_nfc_fast_path_agrees_with_the_unicode_tables() {
        use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
        let fast = (0u32..0x300)
            .chain(0x1E00..0x1F00)
            .filter_map(char::from_u32);
        for c in fast {
            assert!(nfc_starter(c));
            assert!(all_nfc_starters(&c.to_string()), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            let mut first = None;
            decompose_canonical(c, |d| {
                first.get_or_insert(d);
            });
            assert_eq!(first.map(canonical_combining_class), Some(0), "{c:?}");
            // The fast key is the slow key, alone and beside marks and other letters.
            for s in [
                c.to_string(),
                format!("A{c}\u{300} b{c}"),
                format!("{c}{c} Ư"),
            ] {
                assert_eq!(topic_key(&s), key_of_decomposed(s.nfd()), "{s:?}");
            }
        }
    }

    #[test]
    fn the_word_check_is_the_char_check_at_every_offset() {
        let parts = ["a", "ệ", "\u{300}", "ầ", "Đ", "ῼ", "ḁ", "Ỹ", "ỿ", "€", "ả"];
        for n in 0..2000usize {
            let s: String = (0..(n % 40))
                .map(|k| parts[(n * 7 + k * 13 + k * k) % parts.len()])
                .collect();
            assert_eq!(all_nfc_starters(&s), s.chars().all(nfc_starter), "{s:?}");
        }
    }

    #[test]
    fn decomposed_vietnamese_composes_as_the_unicode_algorithm_does() {
        let parts = [
            "a", "ă", "â", "e", "ê", "o", "ô", "ơ", "u", "ư", "y", "i", "đ", "Đ", "A", "O", "U",
            " ", "n", "g", "h", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}",
            "\u{306}", "\u{31B}", "ệ", "Ộ", "ữ", "ỳ", "ḁ", "ß", "ǿ", "ä", "Ǻ", "ȁ", "ặ", "Ặ", "ǖ",
            "ṩ", "ḉ", "ą", "ǭ",
        ];
        let mut x = 12345u64;
        for _ in 0..100_000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 12) as usize;
            for k in 0..len {
                s.push_str(parts[((x >> (k * 5)) as usize + k * 7) % parts.len()]);
            }
            let expected: String = s.nfc().collect();
            if let Some(ours) = nfc_vietnamese(&s) {
                assert_eq!(ours, expected, "{s:?}");
            }
            assert_eq!(nfc(Cow::Borrowed(s.as_str())), expected, "{s:?}");
        }
        // Real decomposed Vietnamese is read by the fast path.
        let d: String = "Nâng cao chất lượng tự phê bình, Huyện uỷ".nfd().collect();
        assert_eq!(
            nfc_vietnamese(&d).as_deref(),
            Some("Nâng cao chất lượng tự phê bình, Huyện uỷ")
        );
    }

    #[test]
    fn the_byte_check_is_the_char_check() {
        for c in (0u32..0x11000).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(all_nfc_starters(&s), s.chars().all(nfc_starter), "{c:?}");
        }
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
