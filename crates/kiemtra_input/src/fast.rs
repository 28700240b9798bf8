//! The fast reader: record format v1 read straight from the bytes of a JSON object, without
//! serde's generic machinery. It reads the common case — well-formed JSON, strings without
//! `\u` escapes, whole non-negative numbers, no duplicate keys — into exactly the
//! [`RecordDoc`] serde_json would give, converting every value with the very same
//! [`Lenient`] rules ([`field_of_scalar`]); anything else (a syntax error, a float, a `\u`
//! escape, a duplicate key, deep nesting) makes it give up (`None`), and the caller reads the
//! record with serde_json, which then decides, and words any error, as always.
//!
//! That the two readers agree is tested on every fixture and by the `record` fuzz target
//! ([`crate::check_readers_agree`]).

use std::borrow::Cow;

use kiemtra_rules::field::{field_of_scalar, Lenient, Scalar};
use kiemtra_rules::model::*;
use kiemtra_rules::Field;

/// Nesting deeper than this is left to serde_json (whose own limit is 128).
const MAX_DEPTH: u32 = 64;

/// Reads a record, or `None` when the slow reader must decide.
pub(crate) fn parse_doc(text: &str) -> Option<RecordDoc<'_>> {
    let mut doc = RecordDoc::default();
    read_into(text, &mut doc).then_some(doc)
}

/// Reads a record into `doc` (a record is 1 KiB: read where it lies, not moved); false when
/// the slow reader must decide (`doc` is then partly read).
pub(crate) fn read_into<'a>(text: &'a str, doc: &mut RecordDoc<'a>) -> bool {
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    p.ws();
    if p.object_into(doc).is_none() {
        return false;
    }
    p.ws();
    p.i == p.b.len()
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    depth: u32,
}

/// Whether two slices hold the same bytes; for slices as short as keys, two overlapping loads of
/// 8 (or 4) bytes each, instead of a call to `memcmp` (5 % of the parse floor).
#[inline(always)]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn word<const N: usize>(s: &[u8], at: usize) -> Option<[u8; N]> {
        s.get(at..at + N).and_then(|w| w.try_into().ok())
    }
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        8..=16 => word::<8>(a, 0) == word::<8>(b, 0) && word::<8>(a, n - 8) == word::<8>(b, n - 8),
        4..=7 => word::<4>(a, 0) == word::<4>(b, 0) && word::<4>(a, n - 4) == word::<4>(b, n - 4),
        _ => a == b,
    }
}

/// A key as records write it before its value, `"key": `, in the low bytes of a 16-byte word.
struct Written {
    bytes: u128,
    /// The bytes that hold it.
    mask: u128,
    len: usize,
}

impl Written {
    /// Made when compiling: a key of more than 12 characters fails the build.
    const fn of(written: &str) -> Written {
        let b = written.as_bytes();
        assert!(
            b.len() <= 16,
            "a key longer than 12 characters: compare it in two words"
        );
        let mut padded = [0u8; 16];
        let mut i = 0;
        while i < b.len() {
            padded[i] = b[i];
            i += 1;
        }
        Written {
            bytes: u128::from_le_bytes(padded),
            mask: if b.len() == 16 {
                u128::MAX
            } else {
                (1u128 << (8 * b.len())) - 1
            },
            len: b.len(),
        }
    }
}

/// Marks a known key as seen; `None` (give up) when it was seen before: serde rejects
/// duplicate fields. An object has at most 64 fields (a test says so).
fn once(seen: &mut u64, bit: u32) -> Option<()> {
    let bit = 1u64.checked_shl(bit)?;
    if *seen & bit != 0 {
        return None;
    }
    *seen |= bit;
    Some(())
}

impl<'a> Parser<'a> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[inline]
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    #[inline]
    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// The `:` between a key and its value, and the whitespace around it; `": "` (the way
    /// records are written) at a glance.
    #[inline(always)]
    fn colon(&mut self) -> Option<()> {
        if let Some(&[b':', b' ', next]) = self.b.get(self.i..self.i + 3) {
            if next > b' ' {
                self.i += 2;
                return Some(());
            }
        }
        self.ws();
        self.eat(b':')?;
        self.ws();
        Some(())
    }

    /// After a value in an object or array: true at the next item (the `,` and whitespace
    /// read), false at `close` (read); `None` at anything else. `", "` at a glance.
    #[inline(always)]
    fn next_item(&mut self, close: u8) -> Option<bool> {
        match self.b.get(self.i..self.i + 3) {
            Some(&[b',', b' ', next]) if next > b' ' => {
                self.i += 2;
                return Some(true);
            }
            Some(&[c, ..]) if c == close => {
                self.i += 1;
                return Some(false);
            }
            _ => {}
        }
        self.ws();
        if self.eat(close).is_some() {
            return Some(false);
        }
        self.eat(b',')?;
        self.ws();
        Some(true)
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.i + word.len();
        (self.b.get(self.i..end)? == word).then(|| self.i = end)
    }

    /// A string (at its opening quote): borrowed when it has no escape. Gives up on `\u`
    /// escapes and on control characters (serde_json's to word).
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.string_nfc().map(|(s, _)| s)
    }

    /// A string, and whether it is certainly in NFC already (found while scanning it).
    /// Inlined: a string and its flag passed back through memory cost more than finding them.
    #[inline(always)]
    fn string_nfc(&mut self) -> Option<(Cow<'a, str>, bool)> {
        self.eat(b'"')?;
        let start = self.i;
        let (end, nfc) = scan(self.b, start)?;
        if self.b.get(end) == Some(&b'"') {
            self.i = end + 1;
            return self.text.get(start..end).map(|s| (Cow::Borrowed(s), nfc));
        }
        self.escaped(start, end).map(|s| (Cow::Owned(s), false))
    }

    /// The rest of a string whose plain run from `start` stopped at `end` on something other
    /// than its closing quote: an escape, unescaped into a new string (or a control character,
    /// or the record's end: give up).
    #[cold]
    #[inline(never)]
    fn escaped(&mut self, start: usize, end: usize) -> Option<String> {
        let mut out = String::with_capacity(end - start + 16);
        self.i = start;
        let mut end = end;
        loop {
            if self.b.get(end).is_some_and(|&c| c < 0x20) {
                return None;
            }
            out.push_str(self.text.get(self.i..end)?);
            self.i = end;
            if self.eat(b'"').is_some() {
                return Some(out);
            }
            self.i += 1; // the backslash
            let c = match self.peek()? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                _ => return None,
            };
            out.push(c);
            self.i += 1;
            end = scan(self.b, self.i)?.0;
        }
    }

    /// A key: a string without escapes (a key with one is left to serde_json). Keys are
    /// short: a plain loop finds their end sooner than the vector scan.
    fn key(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        let rest = self.b.get(start..)?;
        let end = rest
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || c < 0x20)?;
        if rest.get(end) != Some(&b'"') {
            return None;
        }
        self.i = start + end + 1;
        self.text.get(start..start + end)
    }

    /// Whether the parser is at `key` as records write it before its value (`"key": `), then
    /// read: sixteen bytes compared at once, as a key nearly always is.
    #[inline(always)]
    fn written(&mut self, key: &Written) -> bool {
        let Some(window) = self.b.get(self.i..).and_then(<[u8]>::first_chunk::<16>) else {
            return false;
        };
        let hit = (u128::from_le_bytes(*window) ^ key.bytes) & key.mask == 0;
        if hit {
            self.i += key.len;
        }
        hit
    }

    /// Whether the key at the parser is `key` (then read): records write their keys in the
    /// declaration's order, so the next key is nearly always the one expected, and is compared
    /// whole rather than scanned. [`Parser::written`] takes the format's own spacing first; this
    /// serves the others (compact JSON, `"key":value`, as JavaScript's `JSON.stringify` writes).
    #[inline]
    fn key_is(&mut self, key: &str) -> bool {
        let n = key.len();
        let (i, b) = (self.i, self.b);
        let hit = b.get(i) == Some(&b'"')
            && b.get(i + 1..i + 1 + n)
                .is_some_and(|k| same_bytes(k, key.as_bytes()))
            && b.get(i + 1 + n) == Some(&b'"');
        if hit {
            self.i = i + n + 2;
        }
        hit
    }

    /// A whole non-negative number of at most 18 digits, as serde_json reads it (`u64`);
    /// anything else is left to serde_json.
    fn number(&mut self) -> Option<i64> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let digits = self.b.get(start..self.i)?;
        if digits.is_empty() || digits.len() > 18 || (digits.len() > 1 && digits[0] == b'0') {
            return None;
        }
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        Some(
            digits
                .iter()
                .fold(0i64, |n, &d| n * 10 + i64::from(d - b'0')),
        )
    }

    /// A scalar value (not null, not an array or object).
    fn scalar(&mut self) -> Option<Scalar<'a>> {
        match self.peek()? {
            b'"' => self.string().map(Scalar::Str),
            b't' => self.literal(b"true").map(|()| Scalar::Bool(true)),
            b'f' => self.literal(b"false").map(|()| Scalar::Bool(false)),
            b'0'..=b'9' => self.number().map(Scalar::Int),
            _ => None,
        }
    }

    /// Skips any value, checking it is well-formed JSON.
    fn skip(&mut self) -> Option<()> {
        match self.peek()? {
            b'n' => self.literal(b"null"),
            b'[' => {
                self.nest()?;
                self.array(Parser::skip)?;
                self.depth -= 1;
                Some(())
            }
            b'{' => {
                self.nest()?;
                self.object(|p, _| p.skip())?;
                self.depth -= 1;
                Some(())
            }
            b'-' => None,
            _ => self.scalar().map(drop),
        }
    }

    fn nest(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// An array (at its `[`): calls `item` with the parser at each item.
    fn array(&mut self, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.eat(b'[')?;
        self.ws();
        if self.eat(b']').is_some() {
            return Some(());
        }
        loop {
            item(self)?;
            if !self.next_item(b']')? {
                return Some(());
            }
        }
    }

    /// An object (at its `{`): calls `value` with each key, the parser at the key's value.
    fn object(&mut self, mut value: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        self.ws();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            let key = self.key()?;
            self.colon()?;
            value(self, key)?;
            if !self.next_item(b'}')? {
                return Some(());
            }
        }
    }

    /// A field whose type reads scalars (text, numbers, booleans, dates, enumerations).
    /// Every field reader writes into its field where it lies (a record is ~1 KiB: moving
    /// values up through return values cost more than reading them).
    fn scalar_field<T: Lenient<'a>>(&mut self, out: &mut Field<T>) -> Option<()> {
        *out = match self.peek()? {
            b'n' => self.literal(b"null").map(|()| Field::Absent)?,
            b'[' => self.skip().map(|()| Field::Unreadable("[…]".to_owned()))?,
            b'{' => self.skip().map(|()| Field::Unreadable("{…}".to_owned()))?,
            _ => self.scalar().map(field_of_scalar)?,
        };
        Some(())
    }

    /// A field holding an object of the format (at its `{`).
    fn object_field<T: FormatObject<'a>>(&mut self, out: &mut Field<T>) -> Option<()> {
        match self.peek()? {
            b'n' => *out = self.literal(b"null").map(|()| Field::Absent)?,
            b'[' => *out = self.skip().map(|()| Field::Unreadable("[…]".to_owned()))?,
            b'{' => {
                self.nest()?;
                *out = Field::Value(T::default());
                let Field::Value(value) = out else {
                    return None;
                };
                self.object_into(value)?;
                self.depth -= 1;
            }
            _ => *out = self.scalar().map(|s| Field::Unreadable(s.to_string()))?,
        }
        Some(())
    }

    /// A field holding a list, each item read by `item`.
    fn list_field<T: Default>(
        &mut self,
        out: &mut Field<Vec<Field<T>>>,
        item: fn(&mut Self, &mut Field<T>) -> Option<()>,
    ) -> Option<()> {
        match self.peek()? {
            b'n' => *out = self.literal(b"null").map(|()| Field::Absent)?,
            b'{' => *out = self.skip().map(|()| Field::Unreadable("{…}".to_owned()))?,
            b'[' => {
                self.nest()?;
                *out = Field::Value(Vec::new());
                let Field::Value(items) = out else {
                    return None;
                };
                self.array(|p| {
                    items.push(Field::Absent);
                    item(p, items.last_mut()?)
                })?;
                self.depth -= 1;
            }
            _ => *out = self.scalar().map(|s| Field::Unreadable(s.to_string()))?,
        }
        Some(())
    }

    /// A text field. Text already in NFC is the value as it stands (what reading it as a
    /// scalar gives, without checking it twice).
    fn text(&mut self, out: &mut Field<Cow<'a, str>>) -> Option<()> {
        if self.peek()? == b'"' {
            let (s, nfc) = self.string_nfc()?;
            *out = if nfc {
                Field::Value(s)
            } else {
                field_of_scalar(Scalar::Str(s))
            };
            return Some(());
        }
        self.scalar_field(out)
    }

    /// An object of the format (at its `{`), its keys dispatched as the declaration says;
    /// unknown keys are skipped, as serde skips them, and a duplicate key gives up (serde
    /// rejects it).
    #[inline]
    fn object_into<T: FormatObject<'a>>(&mut self, value: &mut T) -> Option<()> {
        let (mut seen, mut next) = (0u64, 0usize);
        self.eat(b'{')?;
        self.ws();
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            let place = match T::WRITTEN.get(next) {
                Some(written) if self.written(written) => Some(next),
                _ => {
                    let place = match T::KEYS.get(next) {
                        Some(&expected) if self.key_is(expected) => Some(next),
                        _ => {
                            let key = self.key()?;
                            T::KEYS.iter().position(|&k| k == key)
                        }
                    };
                    self.colon()?;
                    place
                }
            };
            match place {
                Some(place) => {
                    once(&mut seen, place as u32)?;
                    next = place + 1;
                    value.read_field(self, place)?;
                }
                None => self.skip()?,
            }
            if !self.next_item(b'}')? {
                return Some(());
            }
        }
    }
}

/// An object of format v1 read key by key; implemented for every object of the declaration
/// ([`kiemtra_format::for_each_object!`]) by [`fast_readers!`].
trait FormatObject<'a>: Default {
    /// Its keys, in the declaration's order.
    const KEYS: &'static [&'static str];
    /// Its keys as records write them before their values: `"key": `.
    const WRITTEN: &'static [Written];
    /// Reads the value of the field `KEYS[place]` (the parser at it) into the field.
    fn read_field(&mut self, p: &mut Parser<'a>, place: usize) -> Option<()>;
}

/// Each field's reader by its declared type. A key's place is its field's place in its object
/// (`Place`), which is also its bit in `seen`.
macro_rules! fast_readers {
    ($object:ident $(<$lt:lifetime>)? { $($key:ident : $ty:ident $(($($inner:tt)*))?),* }) => {
        impl<'a> FormatObject<'a> for $object $(<$lt>)? {
            const KEYS: &'static [&'static str] = &[$(stringify!($key)),*];
            const WRITTEN: &'static [Written] =
                &[$(Written::of(concat!("\"", stringify!($key), "\": "))),*];

            #[inline]
            fn read_field(&mut self, p: &mut Parser<'a>, place: usize) -> Option<()> {
                #[allow(non_camel_case_types)]
                enum Place { $($key),* }
                $(if place == Place::$key as usize {
                    return fast_readers!(@ $ty p self.$key);
                })*
                None
            }
        }
    };
    (@ text $p:ident $out:expr) => { $p.text(&mut $out) };
    (@ texts $p:ident $out:expr) => { $p.list_field(&mut $out, Parser::text) };
    (@ object $p:ident $out:expr) => { $p.object_field(&mut $out) };
    (@ objects $p:ident $out:expr) => { $p.list_field(&mut $out, Parser::object_field) };
    (@ $scalar:ident $p:ident $out:expr) => { $p.scalar_field(&mut $out) };
}

kiemtra_format::for_each_object!(fast_readers);

use wide::u8x16;

/// The 16 bytes from `at`, and the 16 from `at + 1` (each byte's successor), when there are 17.
#[inline(always)]
fn lanes(b: &[u8], at: usize) -> Option<(u8x16, u8x16)> {
    let w: &[u8; 17] = b.get(at..)?.first_chunk()?;
    let (x, y) = (w.first_chunk::<16>()?, w.last_chunk::<16>()?);
    Some((u8x16::new(*x), u8x16::new(*y)))
}

/// From `at`, the first byte that ends the plain run of a JSON string (a quote, a backslash or
/// a control character), and whether the run is certainly in NFC: no lead byte from 0xCC up
/// but E1 followed by B8..=BB (U+1E00–U+1EFF). Sixteen bytes at a time. A narrower proof than
/// `kiemtra_rules::text::nfc`'s, which also excuses the typed punctuation of U+2002–U+20CF for
/// the strings that hold some: excusing it here too cost 6 % on text without it.
#[inline]
fn scan(b: &[u8], mut at: usize) -> Option<(usize, bool)> {
    let quote = u8x16::splat(b'"');
    let backslash = u8x16::splat(b'\\');
    let control = u8x16::splat(0x1F);
    let cc = u8x16::splat(0xCC);
    let e1 = u8x16::splat(0xE1);
    let fc = u8x16::splat(0xFC);
    let b8 = u8x16::splat(0xB8);
    // The lanes that may not be NFC, gathered over the whole run and looked at once at its end.
    let mut odd_seen = u8x16::ZERO;
    while let Some((x, y)) = lanes(b, at) {
        let stop = (x.cmp_eq(quote) | x.cmp_eq(backslash) | x.min(control).cmp_eq(x)).move_mask();
        let vietnamese = x.cmp_eq(e1) & (y & fc).cmp_eq(b8);
        let odd = x.max(cc).cmp_eq(x) & !vietnamese;
        if stop != 0 {
            let before = (stop & stop.wrapping_neg()) - 1; // the lanes below the first stop
            let nfc = odd_seen.move_mask() == 0 && odd.move_mask() & before == 0;
            return Some((at + stop.trailing_zeros() as usize, nfc));
        }
        odd_seen |= odd;
        at += 16;
    }
    let mut nfc = odd_seen.move_mask() == 0;
    while let Some(&c) = b.get(at) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return Some((at, nfc));
        }
        if c >= 0xCC && !(c == 0xE1 && b.get(at + 1).is_some_and(|&n| n & 0xFC == 0xB8)) {
            nfc = false;
        }
        at += 1;
    }
    None
}

#[cfg(test)]
#[path = "fast_tests.rs"]
mod tests;
