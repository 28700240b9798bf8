//! Words compared as a secretary means them: NFC or NFD alike, any case, any spacing, old or
//! new tone placement (`hoà` = `hòa`, `uỷ` = `ủy`), and a syllable typed without diacritics
//! (`dinh ky`) matching the word it stands for. A syllable typed *with* diacritics must have the
//! right ones: `đặt` is not `đạt`.

use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks as combining characters (after NFD).
pub fn is_tone_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'
    )
}

/// Combining marks that stay with their letter (circumflex, breve, horn, …).
pub fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Builds a matching key from the characters of a text in NFD: lower case, runs of white
/// space collapsed, and each syllable's tone mark moved to the end of the syllable, so that old
/// and new tone placement give the same key. Diacritics are kept: `bác` ≠ `bạc`.
#[derive(Debug)]
pub struct KeyBuilder {
    key: String,
    /// Tone marks of the current syllable.
    tones: Vec<char>,
    in_word: bool,
}

impl KeyBuilder {
    pub fn with_capacity(n: usize) -> KeyBuilder {
        KeyBuilder {
            key: String::with_capacity(n),
            tones: Vec::new(),
            in_word: false,
        }
    }

    /// Adds a character, lower-cased.
    #[inline]
    pub fn push_lower(&mut self, c: char) {
        if c.is_ascii() {
            self.push(c.to_ascii_lowercase());
        } else if is_combining(c) {
            self.push(c);
        } else {
            for l in c.to_lowercase() {
                self.push(l);
            }
        }
    }

    #[inline]
    fn push(&mut self, c: char) {
        if is_tone_mark(c) {
            self.tones.push(c);
        } else if c.is_whitespace() {
            if self.in_word {
                self.flush();
                self.key.push(' ');
                self.in_word = false;
            }
        } else {
            self.in_word = true;
            if !is_combining(c) && !c.is_alphanumeric() {
                // Punctuation ends a syllable, keeps its place.
                self.flush();
            }
            self.key.push(c);
        }
    }

    /// Puts the syllable's tone marks at its end, in a fixed order.
    fn flush(&mut self) {
        if self.tones.len() > 1 {
            self.tones.sort_unstable();
            self.tones.dedup();
        }
        self.key.extend(self.tones.drain(..));
    }

    pub fn finish(mut self) -> String {
        self.flush();
        if self.key.ends_with(' ') {
            self.key.pop();
        }
        self.key
    }
}

/// One syllable (a run of letters) as it is compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Syllable {
    /// Lower case, NFD, tone mark last (see [`KeyBuilder`]).
    key: String,
    /// Lower case, every diacritic removed, `đ` read as `d`.
    plain: String,
}

impl Syllable {
    fn of_letters(nfd: &[char]) -> Syllable {
        let mut key = KeyBuilder::with_capacity(nfd.len() + 4);
        let mut plain = String::with_capacity(nfd.len());
        for &c in nfd {
            key.push_lower(c);
            if !is_combining(c) {
                for l in c.to_lowercase() {
                    plain.push(if l == 'đ' { 'd' } else { l });
                }
            }
        }
        Syllable {
            key: key.finish(),
            plain,
        }
    }

    /// Whether it was written with any diacritic.
    pub fn is_marked(&self) -> bool {
        self.key != self.plain
    }

    /// Whether this syllable, as written, is `word` (one syllable of an accepted word, in
    /// Vietnamese spelling): the same letters with the same marks wherever the tone was put,
    /// or the same letters written without any diacritic.
    pub fn is(&self, word: &Syllable) -> bool {
        self.key == word.key || (!self.is_marked() && self.plain == word.plain)
    }

    /// Whether this syllable is the word `word` (given in Vietnamese spelling, one syllable).
    pub fn is_word(&self, word: &str) -> bool {
        // Most keywords are ASCII: no need to build their key.
        if word.is_ascii() {
            return self.key == word;
        }
        match tokens(word).as_slice() {
            [Token::Word(w)] => self.is(w),
            _ => false,
        }
    }

    /// The syllable without diacritics, lower case.
    pub fn plain(&self) -> &str {
        &self.plain
    }
}

/// A piece of a value as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// A run of ASCII digits: its value (`None` when too long to be any value we read) and
    /// how many digits were written (`05` has two).
    Number {
        value: Option<u32>,
        digits: usize,
    },
    Word(Syllable),
    /// Any other character that is not white space (`/`, `:`, `'`, `-`, …); `_` reads as `-`.
    Mark(char),
}

impl Token {
    pub fn is_word(&self, word: &str) -> bool {
        matches!(self, Token::Word(s) if s.is_word(word))
    }

    pub fn is_mark(&self, mark: char) -> bool {
        matches!(self, Token::Mark(m) if *m == mark)
    }

    /// The number, when this is one.
    pub fn number(&self) -> Option<u32> {
        match self {
            Token::Number { value, .. } => *value,
            _ => None,
        }
    }

    /// The number, when this is one written with a digit count in `digits`.
    pub fn number_of(&self, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
        match self {
            Token::Number { value, digits: n } if digits.contains(n) => *value,
            _ => None,
        }
    }
}

/// Punctuation a secretary may end a value with: ignored.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '…'];

/// The tokens of a value: digits, syllables and marks, white space dropped, trailing
/// punctuation ignored. `19h30` is `19`, `h`, `30`.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut letters: Vec<char> = Vec::new();
    let mut digits = String::new();
    let flush_letters = |letters: &mut Vec<char>, out: &mut Vec<Token>| {
        if !letters.is_empty() {
            out.push(Token::Word(Syllable::of_letters(letters)));
            letters.clear();
        }
    };
    let flush_digits = |digits: &mut String, out: &mut Vec<Token>| {
        if !digits.is_empty() {
            let value = if digits.len() <= 9 {
                digits.parse().ok()
            } else {
                None
            };
            out.push(Token::Number {
                value,
                digits: digits.len(),
            });
            digits.clear();
        }
    };
    for c in text.nfd() {
        if c.is_ascii_digit() {
            flush_letters(&mut letters, &mut out);
            digits.push(c);
        } else if c.is_alphabetic() || (is_combining(c) && !letters.is_empty()) {
            flush_digits(&mut digits, &mut out);
            letters.push(c);
        } else {
            flush_letters(&mut letters, &mut out);
            flush_digits(&mut digits, &mut out);
            if !c.is_whitespace() {
                out.push(Token::Mark(if c == '_' { '-' } else { c }));
            }
        }
    }
    flush_letters(&mut letters, &mut out);
    flush_digits(&mut digits, &mut out);
    while out
        .last()
        .is_some_and(|t| matches!(t, Token::Mark(m) if TRAILING.contains(m)))
    {
        out.pop();
    }
    out
}

/// Whether `written` (the tokens of a value) is the word or phrase `word` (in Vietnamese
/// spelling), syllable by syllable.
pub fn same_words(written: &[Token], word: &[Token]) -> bool {
    written.len() == word.len()
        && written.iter().zip(word).all(|(w, a)| match (w, a) {
            (Token::Word(w), Token::Word(a)) => w.is(a),
            (w, a) => w == a,
        })
}

/// Byte ranges `(start, end)` in `text` of the whole-word occurrences of `phrase`, in order,
/// both compared one character for one after `fold` (so that a place in the folded text is a
/// place in the text). A word is a run of letters and digits.
pub fn whole_word_occurrences(
    text: &str,
    phrase: &str,
    fold: impl Fn(char) -> char,
) -> Vec<(usize, usize)> {
    let t: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let p: Vec<char> = phrase.chars().map(&fold).collect();
    let word = |c: Option<&(usize, char)>| c.is_some_and(|(_, c)| c.is_alphanumeric());
    let mut out = Vec::new();
    if p.is_empty() || t.len() < p.len() {
        return out;
    }
    for i in 0..=t.len() - p.len() {
        if (i == 0 || !word(t.get(i - 1)))
            && t[i..i + p.len()]
                .iter()
                .map(|(_, c)| *c)
                .eq(p.iter().copied())
            && !word(t.get(i + p.len()))
        {
            let end = t.get(i + p.len()).map_or(text.len(), |(b, _)| *b);
            out.push((t[i].0, end));
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

    fn same(a: &str, b: &str) -> bool {
        same_words(&tokens(a), &tokens(b))
    }

    #[test]
    fn words_match_as_a_secretary_means_them() {
        for (written, word) in [
            ("định kỳ", "định kỳ"),
            ("ĐỊNH KỲ", "định kỳ"),
            ("  Định   kỳ ", "định kỳ"),
            ("dinh ky", "định kỳ"),
            ("Dinh Ky.", "định kỳ"),
            ("dinh kỳ", "định kỳ"),
            ("hoà giải", "hòa giải"),
            ("Huyện uỷ", "Huyện ủy"),
            ("thuý", "thúy"),
            ("tự phê bình,phê bình", "tự phê bình, phê bình"),
            ("self_criticism", "self-criticism"),
        ] {
            assert!(same(written, word), "{written} = {word}");
            assert!(same(&nfd(written), word), "NFD {written} = {word}");
        }
        for (written, word) in [
            ("đặt", "đạt"),
            ("dạt", "đạt"),
            ("bạc", "bác"),
            ("định kỳ kỳ", "định kỳ"),
            ("tự phê bình phê bình", "tự phê bình, phê bình"),
        ] {
            assert!(!same(written, word), "{written} ≠ {word}");
        }
    }

    #[test]
    fn values_split_into_digits_words_and_marks() {
        let t = tokens("19h30");
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].number(), Some(19));
        assert!(t[1].is_word("h"));
        assert_eq!(t[2].number_of(2..=2), Some(30));
        assert_eq!(tokens("05.03.2017.").len(), 5);
        assert!(tokens("40'")[1].is_mark('\''));
        assert_eq!(tokens("99999999999")[0].number(), None);
        assert!(tokens("  ").is_empty());
    }
}
