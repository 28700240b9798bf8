//! Tests of `text`: blank values, NFC, topic keys.

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
        "Không",
        "không.",
        "KHÔNG CÓ",
        "Chưa có…",
        "chưa",
        "Trống",
        "chưa ghi!",
        "Không ghi",
        "chưa xác định.",
        "Chua xac dinh",
        "khong co",
        "Không  có",
        "N/A.",
        "none;",
    ] {
        assert!(is_blank(b), "{b:?} should be blank");
        let decomposed: String = b.nfd().collect();
        assert!(is_blank(&decomposed), "NFD {b:?} should be blank");
    }
    for t in [
        "a",
        "0",
        "Trồng cây",
        "trồng",
        "chùa",
        "Không đạt",
        "Chưa đạt",
        "không có ý kiến khác",
        "Tổ chức trồng cây",
        "Có",
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
        .chain(0x2002..0x20D0)
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
            assert_eq!(topic_key(&s), key_of_decomposed(&s), "{s:?}");
        }
    }
}

#[test]
fn the_word_check_is_the_char_check_at_every_offset() {
    let parts = [
        "a", "ệ", "\u{300}", "ầ", "Đ", "ῼ", "ḁ", "Ỹ", "ỿ", "€", "ả", "“", "”", "…", "–",
        "\u{2000}", "\u{2001}", "\u{20AB}", "\u{20CF}", "\u{20D0}", "\u{20E3}",
    ];
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
        "a", "ă", "â", "e", "ê", "o", "ô", "ơ", "u", "ư", "y", "i", "đ", "Đ", "A", "O", "U", " ",
        "n", "g", "h", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{306}",
        "\u{31B}", "ệ", "Ộ", "ữ", "ỳ", "ḁ", "ß", "ǿ", "ä", "Ǻ", "ȁ", "ặ", "Ặ", "ǖ", "ṩ", "ḉ", "ą",
        "ǭ", "“", "”", "…", "–", "\u{2000}", "\u{2001}", "\u{2002}", "\u{20AB}",
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
fn the_quick_letter_test_is_the_tables() {
    for c in (0u32..0x2_0000).filter_map(char::from_u32) {
        assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
    }
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
fn quotes_trailing_punctuation_and_list_markers_do_not_make_another_topic() {
    let same = [
        "Công tác dân vận",
        "Công tác dân vận.",
        "“Công tác dân vận”",
        "\"Công tác dân vận.\"",
        "«Công tác dân vận»;",
        "'công tác dân vận'",
        "- Công tác dân vận",
        "+ Công tác dân vận…",
        "• Công tác dân vận!",
        "* Công tác dân vận:",
        "1. Công tác dân vận",
        "2) “Công tác dân vận.”",
        "a) Công tác dân vận",
        "  -   công tác DÂN VẬN ,  ",
    ];
    for s in same {
        assert_eq!(topic_key(s), topic_key(same[0]), "{s:?}");
        assert_eq!(topic_key(&nfd(s)), topic_key(same[0]), "NFD {s:?}");
    }
    for other in [
        "Công tác dân vận?",
        "2016 công tác dân vận",
        "Công tác dân vận 2",
        "Công tác dân vân",
        "b) Công tác dân vận khéo",
    ] {
        assert_ne!(topic_key(other), topic_key(same[0]), "{other:?}");
    }
    assert_eq!(topic_core("“...”"), "");
    assert_eq!(topic_core("1.5 triệu"), "1.5 triệu");
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

/// Every blank word, written or without diacritics, in any case and decomposed, passes the
/// fast paths of `is_blank` (the third letter's included).
#[test]
fn every_blank_word_passes_the_fast_paths() {
    use unicode_normalization::UnicodeNormalization;
    for (written, plain) in BLANK_WORDS {
        for w in [*written, *plain] {
            for form in [w.to_owned(), w.to_uppercase(), w.nfd().collect::<String>()] {
                assert!(is_blank(&form), "{form:?}");
            }
        }
    }
}

/// The fast paths of `is_blank` (first letter, first word) agree with the definition itself on
/// every combination of blank words, near misses, case, spacing, punctuation and NFD.
#[test]
fn the_fast_paths_of_blank_agree_with_the_definition() {
    use unicode_normalization::UnicodeNormalization;
    let words = [
        "không",
        "Không có",
        "CHƯA CÓ",
        "chưa",
        "trống",
        "Chưa ghi",
        "không ghi",
        "chưa xác định",
        "n/a",
        "NA",
        "null",
        "None",
        "khong",
        "chua co",
        "trong",
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Không khí",
        "chùa",
        "Nông",
        "Kết luận",
        "Tổ đảng",
        "Ủy ban",
        "Đạt",
        "Ｃhưa",
        "không  có",
        "na na",
        "Các",
        "Chi bộ",
        "Nhân dân",
        "Nâng cao",
        "Thực hiện",
        "Tăng",
        "nơi",
        "Kiểm",
        "N / A",
        "n-a",
        "c",
        "n",
        "- không",
        "“không”",
        "(Chưa)",
        "k\u{301}hông",
        "KHÔNG",
        "Na",
        "NULL",
        "TRỐNG",
    ];
    for w in words {
        for tail in ["", ".", "…", " ;", "!!", " 2"] {
            for form in [
                format!("{w}{tail}"),
                format!("{w}{tail}").nfd().collect::<String>(),
            ] {
                let t = form.trim();
                let expected = !t.chars().any(is_letter_or_digit) || is_blank_word(t);
                assert_eq!(is_blank(&form), expected, "{form:?}");
            }
        }
    }
}
