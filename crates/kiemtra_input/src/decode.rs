//! From the bytes of a file to UTF-8 text: byte order marks, UTF-16, and legacy Windows-1258.
//!
//! - A UTF-8 byte order mark is dropped; a UTF-16 (LE or BE) one selects UTF-16, which is what
//!   spreadsheet programs save as "Unicode text".
//! - Without a byte order mark the file is UTF-8, unless the caller asked for Windows-1258 and the
//!   bytes are not valid UTF-8 (a Windows-1258 file with Vietnamese letters never is): then it is
//!   decoded as Windows-1258 (with `encoding_rs`).
//! - Vietnamese Windows-1258 writes tone marks as separate combining characters (`ộ` is `ô` and a
//!   combining dot below), so decoded text is normalised to NFC before anything reads it.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What the user said the files without a byte order mark are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8 (the default); UTF-16 when a byte order mark says so.
    #[default]
    Utf8,
    /// Legacy Vietnamese Windows code page 1258, for files that are not valid UTF-8.
    Windows1258,
}

impl Encoding {
    /// Reads an `--encoding` value: `utf-8`, `windows-1258` (or `cp1258`, `1258`).
    pub fn parse(text: &str) -> Option<Encoding> {
        match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-1258" | "cp1258" | "1258" | "win1258" => Some(Encoding::Windows1258),
            _ => None,
        }
    }
}

/// The encoding a file was found to be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1258,
}

/// The bytes of a file as UTF-8, without a byte order mark. Borrowed when the file is already
/// UTF-8 (with or without BOM); otherwise transcoded and normalised to NFC.
pub fn to_utf8(bytes: &[u8], asked: Encoding) -> (Cow<'_, [u8]>, Found) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (Cow::Borrowed(rest), Found::Utf8Bom);
    }
    let (encoding, found, skip) = if bytes.starts_with(b"\xFF\xFE") {
        (encoding_rs::UTF_16LE, Found::Utf16Le, 2)
    } else if bytes.starts_with(b"\xFE\xFF") {
        (encoding_rs::UTF_16BE, Found::Utf16Be, 2)
    } else if asked == Encoding::Windows1258 && std::str::from_utf8(bytes).is_err() {
        (encoding_rs::WINDOWS_1258, Found::Windows1258, 0)
    } else {
        return (Cow::Borrowed(bytes), Found::Utf8);
    };
    let (text, _had_errors) =
        encoding.decode_without_bom_handling(bytes.get(skip..).unwrap_or_default());
    let text = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.into_owned()
    } else {
        text.nfc().collect()
    };
    (Cow::Owned(text.into_bytes()), found)
}

/// Transcodes only when needed: `None` for a file that is UTF-8 already (with or without a BOM,
/// which the JSON readers skip themselves).
pub fn transcode(bytes: &[u8], asked: Encoding) -> Option<Vec<u8>> {
    match to_utf8(bytes, asked) {
        (Cow::Owned(v), _) => Some(v),
        (Cow::Borrowed(_), _) => None,
    }
}

/// Whether bytes without a byte order mark look like UTF-16 text: ASCII letters with a zero
/// byte beside each (a file saved as "Unicode text" whose mark was lost).
pub fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    let head = bytes.get(..bytes.len().min(1024) & !1).unwrap_or_default();
    let pairs = head.len() / 2;
    if pairs < 4 {
        return false;
    }
    let zero_at = |k: usize| head.iter().skip(k).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zero_at(0), zero_at(1));
    // Most of one half of the bytes are zero, almost none of the other.
    (odd * 10 >= pairs * 7 && even * 10 <= pairs) || (even * 10 >= pairs * 7 && odd * 10 <= pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }

    #[test]
    fn boms_and_legacy_text() {
        let (t, f) = to_utf8(b"\xEF\xBB\xBFabc", Encoding::Utf8);
        assert_eq!((&*t, f), (&b"abc"[..], Found::Utf8Bom));
        let bytes = utf16le("Chi bộ");
        let (t, f) = to_utf8(&bytes, Encoding::Utf8);
        assert_eq!(f, Found::Utf16Le);
        assert_eq!(std::str::from_utf8(&t).unwrap(), "Chi bộ");
        // "Chi bộ" in Windows-1258: ô = 0xF4, then the combining dot below = 0xF2.
        let legacy = b"Chi b\xF4\xF2";
        let (t, f) = to_utf8(legacy, Encoding::Windows1258);
        assert_eq!(f, Found::Windows1258);
        assert_eq!(
            std::str::from_utf8(&t).unwrap(),
            "Chi bộ",
            "NFC after decoding"
        );
        // Without being asked, the bytes stay as they are (and will be rejected as not UTF-8).
        assert_eq!(to_utf8(legacy, Encoding::Utf8).1, Found::Utf8);
        // Valid UTF-8 is never re-read as Windows-1258.
        assert_eq!(
            to_utf8("bộ".as_bytes(), Encoding::Windows1258).1,
            Found::Utf8
        );
    }

    #[test]
    fn utf16_without_a_mark_is_recognised() {
        let le: Vec<u8> = "Mã chi bộ,Ngày họp\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "unit.code,date\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(looks_like_utf16(&le));
        assert!(looks_like_utf16(&be));
        assert!(!looks_like_utf16("Mã chi bộ,Ngày họp\n".as_bytes()));
        assert!(!looks_like_utf16(&utf16le("with a mark")));
        assert!(!looks_like_utf16(b"a\0"));
    }

    #[test]
    fn encoding_names() {
        assert_eq!(Encoding::parse("Windows-1258"), Some(Encoding::Windows1258));
        assert_eq!(Encoding::parse("cp1258"), Some(Encoding::Windows1258));
        assert_eq!(Encoding::parse("UTF-8"), Some(Encoding::Utf8));
        assert_eq!(Encoding::parse("latin1"), None);
    }
}
