//! Text as the guidance compares it: normalised once where it is read, blank by one definition,
//! topics matched by one key.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

// Tone placement is unified by the same primitive that reads the accepted words of values.
use kiemtra_format::values::fold::{is_combining, KeyBuilder};

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
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if vietnamese_mark(c).is_some() {
            segment.as_mut()?.push(c)?;
        } else if c.is_ascii() {
            // Most of the text: its own decomposition, and it composes with nothing before
            // it (no canonical composition has an ASCII second, nor an ASCII first and a
            // starter second), so no table is looked up; without a mark after it, it is
            // written as it stands.
            if let Some(previous) = segment.take() {
                previous.compose_into(&mut out);
            }
            if chars.peek().is_some_and(|&m| vietnamese_mark(m).is_some()) {
                segment = Some(Segment {
                    starter: c,
                    marks: [(0, '\0'); MAX_MARKS],
                    n: 0,
                });
            } else {
                out.push(c);
            }
        } else if nfc_starter(c) {
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
/// below U+0300 (ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers), in Latin Extended
/// Additional (U+1E00–U+1EFF: every precomposed Vietnamese letter with a tone), or general
/// punctuation, super- and subscripts and currency signs (U+2002–U+20CF: the “ ” ‘ ’ … – — • and
/// ₫ of typed minutes; not U+2000 and U+2001, which decompose to U+2002 and U+2003, nor the
/// combining marks for symbols from U+20D0). Checked against the Unicode tables
/// for every such character in the tests. Nearly every character of Vietnamese text is one, so
/// the quick check of the tables is seldom needed.
fn nfc_starter(c: char) -> bool {
    let c = c as u32;
    c < 0x300 || (0x1E00..0x1F00).contains(&c) || (0x2002..0x20D0).contains(&c)
}

/// `text.chars().all(nfc_starter)`, on the UTF-8 bytes: U+0000–U+02FF are the one- and
/// two-byte sequences with a lead byte below 0xCC; U+1E00–U+1EFF are `E1 B8..=BB xx`;
/// U+2002–U+20CF are `E2 80 82..=BF`, `E2 81 xx`, `E2 82 xx` and `E2 83 80..=8F`.
fn all_nfc_starters(text: &str) -> bool {
    // Every byte from 0xCC up is a lead byte (the text is valid UTF-8, and its last byte is
    // never one); each must start one of those sequences. Sixteen bytes at a time.
    use wide::u8x16;
    let b = text.as_bytes();
    let lanes = |at: usize| {
        b.get(at..at + 16)
            .and_then(|s| <[u8; 16]>::try_from(s).ok())
            .map(u8x16::new)
    };
    let splat = u8x16::splat;
    let mut at = 0;
    while let (Some(x), Some(y), Some(z)) = (lanes(at), lanes(at + 1), lanes(at + 2)) {
        let high = x.max(splat(0xCC)).cmp_eq(x).move_mask();
        if high != 0 {
            let vietnamese = x.cmp_eq(splat(0xE1)) & (y & splat(0xFC)).cmp_eq(splat(0xB8));
            let punctuation = x.cmp_eq(splat(0xE2))
                & ((y.cmp_eq(splat(0x80)) & z.max(splat(0x82)).cmp_eq(z))
                    | y.cmp_eq(splat(0x81))
                    | y.cmp_eq(splat(0x82))
                    | (y.cmp_eq(splat(0x83)) & z.min(splat(0x8F)).cmp_eq(z)));
            if high & !(vietnamese | punctuation).move_mask() != 0 {
                return false;
            }
        }
        at += 16;
    }
    let byte = |i: usize| b.get(i).copied().unwrap_or(0);
    !(at..b.len()).any(|i| {
        let (x, y, z) = (byte(i), byte(i + 1), byte(i + 2));
        x >= 0xCC
            && !(x == 0xE1 && y & 0xFC == 0xB8)
            && !(x == 0xE2
                && (matches!((y, z), (0x80, 0x82..) | (0x81 | 0x82, _) | (0x83, ..=0x8F))))
    })
}

/// True when the text is "blank" in the sense of rule catalogue v1.1: after trimming
/// it has no letter or digit (`...`, `-`, ``), or it is one of `n/a`, `na`, `null`, `none` or
/// a Vietnamese word for "nothing" (`không`, `chưa có`, `chưa xác định`, …), in any case, with
/// or without diacritics, trailing punctuation ignored.
pub fn is_blank(text: &str) -> bool {
    // Nearly always: text that starts with a letter or digit no blank word starts with is not
    // blank, whatever follows.
    let mut chars = text.chars();
    let first = chars.next();
    if first.is_some_and(|c| {
        (c.is_ascii_alphanumeric() && !matches!(c.to_ascii_lowercase(), 'c' | 'k' | 'n' | 't'))
            || (!c.is_ascii() && is_alphanumeric(c) && !may_start_blank_word(c))
    }) {
        return false;
    }
    // Then by the first two letters: every blank word starts `ch`, `kh`, `tr`, `n/`, `na`,
    // `nu` or `no` (in any case), so "Các", "Tổ", "Nhân" are told apart here. A second
    // character that is a combining mark is left to the definition (decomposed text).
    if let (Some(first), Some(second)) = (first.filter(char::is_ascii), chars.next()) {
        let may = match (first.to_ascii_lowercase(), second.to_ascii_lowercase()) {
            (_, c) if is_combining(c) => true,
            ('c' | 'k', 'h') | ('t', 'r') | ('n', '/' | 'a' | 'u' | 'o') => true,
            _ => !first.is_ascii_alphanumeric(),
        };
        if !may {
            return false;
        }
        // And by the third: `chư`/`chu`, `khô`/`kho`, `trố`/`tro` (so "Chi bộ", "Khắc phục",
        // "Trần" stop here). A combining mark or nothing is left to the definition.
        if let Some(third) = chars.next().filter(|&c| !is_combining(c)) {
            let third = third.to_lowercase().next().unwrap_or(third);
            let may = match (first.to_ascii_lowercase(), second.to_ascii_lowercase()) {
                ('c', 'h') => matches!(third, 'ư' | 'u'),
                ('k', 'h') => matches!(third, 'ô' | 'o'),
                ('t', 'r') => matches!(third, 'ố' | 'o'),
                _ => true,
            };
            if !may {
                return false;
            }
        }
    }
    let t = text.trim();
    if !t.chars().any(is_letter_or_digit) {
        return true;
    }
    // Most short texts (names: "Nguyễn Văn An", "Trần Thị Bình") are told apart by their first
    // word alone, without building the folded text.
    first_word_may_be_blank(t) && is_blank_word(t)
}

/// Whether `t` (trimmed, with a letter or digit) is one of the blank words: the definition
/// itself, which the fast paths of [`is_blank`] only shorten.
fn is_blank_word(t: &str) -> bool {
    // The words, without what follows the last letter (`Không.`, `Chưa có…`).
    let word = t.trim_end_matches(|c: char| !is_letter_or_digit(c) && !is_combining(c));
    if word.len() > LONGEST_BLANK_WORD {
        return false;
    }
    // As written (lower case, NFC, single spaces), or written without any diacritic.
    let lower: String = word
        .nfc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if BLANK_WORDS.iter().any(|(written, _)| *written == lower) {
        return true;
    }
    lower.is_ascii() && BLANK_WORDS.iter().any(|(_, plain)| *plain == lower)
}

/// The first words of the blank words, as written and without diacritics.
const BLANK_FIRST_WORDS: &[&str] = &[
    "n/a", "na", "null", "none", "không", "khong", "chưa", "chua", "trống", "trong",
];

/// Whether the first word of `t` (any case, trailing punctuation ignored) starts a blank word.
/// Decomposed text is left to the full comparison.
fn first_word_may_be_blank(t: &str) -> bool {
    let first = t.split_whitespace().next().unwrap_or_default();
    let first = first.trim_end_matches(|c: char| !is_letter_or_digit(c) && !is_combining(c));
    // No first word of a blank word is longer ("trống": 7 bytes in NFC).
    if first.len() > 7 {
        return first.chars().any(is_combining);
    }
    // Lower-cased once into a small buffer (a char's lower case is at most 3 chars), then
    // compared byte for byte: this runs on every text starting with c, k, n or t.
    let mut lower = [0u8; 7 * 3 * 4];
    let mut n = 0;
    for c in first.chars() {
        if c.is_ascii() {
            if let Some(slot) = lower.get_mut(n) {
                *slot = c.to_ascii_lowercase() as u8;
                n += 1;
            }
            continue;
        }
        if is_combining(c) {
            return true;
        }
        for l in c.to_lowercase() {
            let Some(slot) = lower.get_mut(n..n + 4) else {
                return false;
            };
            n += l.encode_utf8(slot).len();
        }
    }
    let lower = lower.get(..n).unwrap_or_default();
    BLANK_FIRST_WORDS.iter().any(|w| w.as_bytes() == lower)
}

/// The blank words, as written and without diacritics.
pub(crate) const BLANK_WORDS: &[(&str, &str)] = &[
    ("n/a", "n/a"),
    ("na", "na"),
    ("null", "null"),
    ("none", "none"),
    ("không", "khong"),
    ("không có", "khong co"),
    ("chưa có", "chua co"),
    ("chưa", "chua"),
    ("trống", "trong"),
    ("chưa ghi", "chua ghi"),
    ("không ghi", "khong ghi"),
    ("chưa xác định", "chua xac dinh"),
];

/// Bytes of the longest blank word as it may be written (`chưa xác định`, decomposed, with
/// some spacing).
const LONGEST_BLANK_WORD: usize = 48;

fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && is_alphanumeric(c))
}

/// A non-ASCII letter that a blank word may start with (`Chưa` and `Không` start with ASCII;
/// this is for the odd full-width or decorated letter): folded, is it `c`, `k`, `n` or `t`?
/// `char::is_alphanumeric`, told at once for the Latin letters of Vietnamese: U+00C0–U+024F
/// (but × and ÷) and U+1E00–U+1EFF are all letters (a test says so); others ask the tables.
fn is_alphanumeric(c: char) -> bool {
    match c {
        '×' | '÷' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphanumeric(),
    }
}

fn may_start_blank_word(c: char) -> bool {
    // Its base letter (the first of its canonical decomposition), without allocating: this runs
    // on every text that starts with a letter outside ASCII ("Đảng", "Ủy ban").
    let mut base = None;
    unicode_normalization::char::decompose_canonical(c, |d| {
        base.get_or_insert(d);
    });
    base.is_some_and(|b| matches!(b.to_ascii_lowercase(), 'c' | 'k' | 'n' | 't'))
}

/// The matching key of a topic: its [`topic_core`], in NFD, lower case, runs of white space collapsed, and each
/// syllable's tone mark moved to the end of the syllable, so that old and new tone placement
/// (`hoà`/`hòa`, `uỷ`/`ủy`) give the same key. Diacritics are kept: `bác` ≠ `bạc`.
pub fn topic_key(text: &str) -> String {
    // The core is found in NFC: a character whose normal form is punctuation (U+037E, the Greek
    // question mark, is `;`) is trimmed as that punctuation.
    let text = nfc(std::borrow::Cow::Borrowed(text));
    let text = topic_core(&text);
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

/// A topic without what does not make it another topic (catalogue v1.1, *Matching text*):
/// enclosing quotes, trailing punctuation, a leading list marker, and the white space around
/// them. `- “Công tác dân vận.”` → `Công tác dân vận`.
pub fn topic_core(text: &str) -> &str {
    let mut t = text.trim();
    loop {
        let before = t.len();
        t = without_list_marker(t).trim();
        t = t
            .trim_end_matches(['.', ',', ';', ':', '!', '…'])
            .trim_end();
        t = without_enclosing_quotes(t).trim();
        if t.len() == before || t.is_empty() {
            return t;
        }
    }
}

/// `text` without a leading `-`, `+`, `•`, `*`, or `1.`, `12)`, `a)` followed by a space.
fn without_list_marker(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix(['-', '+', '•', '*', '–']) {
        return rest;
    }
    let head = text.split_once(char::is_whitespace).map_or("", |(h, _)| h);
    let numbered = head
        .strip_suffix(['.', ')'])
        .is_some_and(|n| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()));
    let lettered = head
        .strip_suffix(')')
        .is_some_and(|l| l.len() == 1 && l.bytes().all(|b| b.is_ascii_lowercase()));
    if numbered || lettered {
        text.get(head.len()..).unwrap_or(text)
    } else {
        text
    }
}

/// `text` without one pair of enclosing quotes: `"…"`, `“…”`, `«…»`, `'…'`.
fn without_enclosing_quotes(text: &str) -> &str {
    for (open, close) in [('"', '"'), ('“', '”'), ('«', '»'), ('\'', '\''), ('‘', '’')] {
        if let Some(inner) = text
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
        {
            return inner;
        }
    }
    text
}

/// `topic_key` by the general NFD algorithm.
#[cfg(test)]
fn key_of_decomposed(text: &str) -> String {
    let mut key = KeyBuilder::with_capacity(64);
    for c in topic_core(text).nfd() {
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
#[path = "text_tests.rs"]
mod tests;
