//! The accepted words of every enumeration and of yes/no: each value's code (first) and the
//! words a secretary writes for it. Matched as [`super::fold`] says (case, spacing, NFD, tone
//! placement, without diacritics); the tables are the one list the model, the schema and the
//! documentation take them from.

use std::sync::OnceLock;

use super::fold::{same_words, tokens, Token};

/// One value of an enumeration: its code, then the other words accepted for it.
pub type Spellings = &'static [&'static str];

/// The words of an enumeration, and lead-in words that may stand before any of them without
/// changing it (`về công tác dân vận` is `dân vận`).
#[derive(Debug)]
pub struct Words {
    pub values: &'static [Spellings],
    pub lead_ins: &'static [&'static str],
    /// The table's place in [`ALL`], where its tokens are kept once made.
    id: usize,
}

/// The code of a value (its first spelling).
pub const fn code(spellings: Spellings) -> &'static str {
    match spellings {
        [code, ..] => code,
        [] => "",
    }
}

pub const KIND: Words = Words {
    values: &[
        &[
            "periodic",
            "định kỳ",
            "định kì",
            "thường kỳ",
            "thường kì",
            "thường lệ",
            "hằng tháng",
            "hàng tháng",
            "sinh hoạt định kỳ",
            "sinh hoạt thường kỳ",
            "sinh hoạt thường lệ",
            "sinh hoạt hằng tháng",
            "sinh hoạt hàng tháng",
            "họp định kỳ",
        ],
        &["thematic", "chuyên đề", "sinh hoạt chuyên đề"],
        &[
            "extraordinary",
            "bất thường",
            "đột xuất",
            "sinh hoạt bất thường",
            "sinh hoạt đột xuất",
            "họp bất thường",
        ],
    ],
    lead_ins: &[],
    id: 0,
};

pub const AREA: Words = Words {
    values: &[
        &[
            "self-criticism",
            "tự phê bình",
            "tự phê bình, phê bình",
            "tự phê bình và phê bình",
            "phê bình, tự phê bình",
            "phê bình và tự phê bình",
        ],
        &[
            "democracy",
            "dân chủ",
            "thực hành dân chủ",
            "phát huy dân chủ",
        ],
        &[
            "mass-mobilization",
            "mass-mobilisation",
            "dân vận",
            "thực hành dân vận",
            "thực hành dân vận và công tác dân vận",
        ],
        &[
            "professional-quality",
            "chuyên môn",
            "chất lượng chuyên môn",
            "chất lượng chuyên môn của cán bộ, công chức",
        ],
        &[
            "shortcomings",
            "tồn tại, khuyết điểm",
            "khuyết điểm",
            "tồn tại khuyết điểm",
            "những tồn tại, khuyết điểm",
            "khuyết điểm của đảng viên",
            "tồn tại, khuyết điểm của đảng viên",
        ],
        &[
            "responsibility",
            "trách nhiệm",
            "tinh thần trách nhiệm",
            "ý thức trách nhiệm",
            "tinh thần trách nhiệm của đảng viên",
        ],
        &[
            "pressing-issues",
            "bức xúc, nổi cộm",
            "bức xúc nổi cộm",
            "nổi cộm, bức xúc",
            "vấn đề bức xúc",
            "vấn đề nổi cộm",
            "vấn đề bức xúc, nổi cộm",
            "vấn đề nổi cộm, bức xúc",
        ],
        &["other", "khác", "vấn đề khác"],
    ],
    lead_ins: &["về", "công tác"],
    id: 1,
};

pub const SOURCE_KIND: Words = Words {
    values: &[
        &[
            "ho-chi-minh-writing",
            "bài viết của Bác",
            "bài viết của Bác Hồ",
            "bài viết của Chủ tịch Hồ Chí Minh",
            "bài báo của Bác",
            "bài báo của Chủ tịch Hồ Chí Minh",
            "tác phẩm của Bác",
            "tác phẩm của Chủ tịch Hồ Chí Minh",
        ],
        &[
            "central-materials",
            "tài liệu Trung ương",
            "tài liệu của Trung ương",
            "tài liệu của Ban Tuyên giáo Trung ương",
            "tài liệu Ban Tuyên giáo Trung ương",
            "tài liệu chuyên đề",
            "tài liệu học tập chuyên đề",
        ],
        &[
            "compiled-teachings",
            "lời dạy của Bác",
            "lời dạy của Bác Hồ",
            "lời dạy của Chủ tịch Hồ Chí Minh",
            "tổng hợp lời dạy của Bác",
            "tổng hợp một số lời dạy của Bác",
        ],
    ],
    lead_ins: &[],
    id: 2,
};

pub const ASSIGNEE_KIND: Words = Words {
    values: &[&["collective", "tập thể"], &["individual", "cá nhân"]],
    lead_ins: &[],
    id: 3,
};

pub const FOLLOW_UP_RESULT: Words = Words {
    values: &[
        &[
            "achieved",
            "đạt",
            "đạt yêu cầu",
            "cơ bản đạt",
            "đã đạt",
            "hoàn thành",
            "đã hoàn thành",
            "cơ bản hoàn thành",
        ],
        &[
            "in-progress",
            "đang thực hiện",
            "đang triển khai",
            "tiếp tục",
            "tiếp tục thực hiện",
        ],
        &[
            "not-achieved",
            "chưa đạt",
            "chưa đạt yêu cầu",
            "không đạt",
            "chưa hoàn thành",
            "không hoàn thành",
        ],
    ],
    lead_ins: &[],
    id: 4,
};

/// Yes (first) and no; `x` is a tick in a spreadsheet column.
pub const YES_NO: Words = Words {
    values: &[
        &[
            "true",
            "có",
            "có ghi",
            "đã ghi",
            "đã ghi sổ",
            "rồi",
            "x",
            "1",
            "yes",
            "✓",
            "✔",
        ],
        &["false", "không", "không ghi", "chưa ghi", "chưa", "0", "no"],
    ],
    lead_ins: &[],
    id: 5,
};

/// Every table, for the tests and the documentation.
pub const ALL: [(&str, &Words); 6] = [
    ("kind", &KIND),
    ("area", &AREA),
    ("source kind", &SOURCE_KIND),
    ("assignee kind", &ASSIGNEE_KIND),
    ("follow-up result", &FOLLOW_UP_RESULT),
    ("yes/no", &YES_NO),
];

/// The tokens of every spelling of a table.
#[derive(Debug)]
struct Tokenized {
    values: Vec<Vec<Vec<Token>>>,
    lead_ins: Vec<Vec<Token>>,
}

impl Words {
    /// The tokens of the table, made once (`None` only for a table outside [`ALL`], which
    /// cannot be built: `id` is private).
    fn tokenized(&self) -> Option<&'static Tokenized> {
        static TOKENIZED: [OnceLock<Tokenized>; ALL.len()] = [const { OnceLock::new() }; ALL.len()];
        Some(TOKENIZED.get(self.id)?.get_or_init(|| self.tokenize()))
    }

    fn tokenize(&self) -> Tokenized {
        Tokenized {
            values: self
                .values
                .iter()
                .map(|v| v.iter().map(|s| tokens(s)).collect())
                .collect(),
            lead_ins: self.lead_ins.iter().map(|s| tokens(s)).collect(),
        }
    }

    /// The index of the value `text` names, if it names one.
    pub fn read(&self, text: &str) -> Option<usize> {
        // The code as format v1 writes it (nearly always), or a spelling as the table writes it,
        // its first letter in either case (`Đã ghi`, `Có`): nothing to fold. No two values share
        // a spelling, even without diacritics (a test says so), so this is what folding finds.
        if let Some(i) = self.values.iter().position(|v| code(v) == text) {
            return Some(i);
        }
        if let Some(i) = (self.values.iter()).position(|v| v.iter().any(|w| as_written(text, w))) {
            return Some(i);
        }
        let written = tokens(text);
        if written.is_empty() {
            return None;
        }
        let made;
        let table = match self.tokenized() {
            Some(t) => t,
            None => {
                made = self.tokenize();
                &made
            }
        };
        let mut rest: &[Token] = &written;
        loop {
            if let Some(i) = table
                .values
                .iter()
                .position(|v| v.iter().any(|w| same_words(rest, w)))
            {
                return Some(i);
            }
            rest = table.lead_ins.iter().find_map(|l| {
                let (head, tail) = rest.split_at_checked(l.len())?;
                (!tail.is_empty() && same_words(head, l)).then_some(tail)
            })?;
        }
    }
}

/// Whether `text` is `spelling`, its first letter perhaps in upper case.
fn as_written(text: &str, spelling: &str) -> bool {
    let (mut t, mut s) = (text.chars(), spelling.chars());
    match (t.next(), s.next()) {
        (Some(a), Some(b)) => {
            (a == b || a.to_lowercase().eq(std::iter::once(b))) && t.as_str() == s.as_str()
        }
        (None, None) => true,
        _ => false,
    }
}

/// Reads yes or no.
pub fn yes_no(text: &str) -> Option<bool> {
    YES_NO.read(text).map(|i| i == 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn every_word_reads_as_its_value_in_every_spelling() {
        for (name, words) in ALL {
            for (i, spellings) in words.values.iter().enumerate() {
                for s in *spellings {
                    let nfd: String = s.nfd().collect();
                    let plain: String = s
                        .nfd()
                        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
                        .map(|c| {
                            if c == 'đ' {
                                'd'
                            } else if c == 'Đ' {
                                'D'
                            } else {
                                c
                            }
                        })
                        .collect();
                    for form in [
                        s.to_string(),
                        s.to_uppercase(),
                        nfd,
                        plain.clone(),
                        format!("  {}. ", plain.to_uppercase()),
                        s.replace(' ', "   "),
                    ] {
                        assert_eq!(words.read(&form), Some(i), "{name}: {form:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn each_table_knows_its_place() {
        for (i, (_, words)) in ALL.iter().enumerate() {
            assert_eq!(words.id, i);
        }
    }

    #[test]
    fn no_two_values_share_a_spelling_even_without_diacritics() {
        for (name, words) in ALL {
            let table = words.tokenized().unwrap();
            for (i, a) in table.values.iter().enumerate() {
                for (j, b) in table.values.iter().enumerate().filter(|(j, _)| *j != i) {
                    for x in a {
                        for y in b {
                            assert!(!same_words(x, y), "{name}: {x:?} / {y:?} ({i}, {j})");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_words_of_the_spec_and_of_real_minutes() {
        assert_eq!(AREA.read("phê bình và tự phê bình"), Some(0));
        assert_eq!(AREA.read("Về công tác tự phê bình, phê bình."), Some(0));
        assert_eq!(AREA.read("công tác dân vận"), Some(2));
        assert_eq!(
            AREA.read("Về thực hành dân vận và công tác dân vận"),
            Some(2)
        );
        assert_eq!(SOURCE_KIND.read("bài viết của Bác"), Some(0));
        assert_eq!(
            SOURCE_KIND.read("Tài liệu của Ban Tuyên giáo Trung ương"),
            Some(1)
        );
        assert_eq!(ASSIGNEE_KIND.read("Tập thể"), Some(0));
        assert_eq!(ASSIGNEE_KIND.read("ca nhan"), Some(1));
        assert_eq!(KIND.read("Thường lệ"), Some(0));
        assert_eq!(KIND.read("đột xuất"), Some(2));
        assert_eq!(FOLLOW_UP_RESULT.read("Cơ bản đạt"), Some(0));
        assert_eq!(FOLLOW_UP_RESULT.read("đang triển khai"), Some(1));
        assert_eq!(FOLLOW_UP_RESULT.read("Không đạt"), Some(2));
        // `kì` and `kỳ` are both in use.
        assert_eq!(KIND.read("Định kì"), Some(0));
        assert_eq!(
            SOURCE_KIND.read("bài viết của Chủ tịch Hồ Chí Minh"),
            Some(0)
        );
    }

    #[test]
    fn near_misses_name_nothing() {
        for (words, bad) in [
            (&FOLLOW_UP_RESULT, "đặt"),
            (&FOLLOW_UP_RESULT, "dạt"),
            (&FOLLOW_UP_RESULT, "đạt đạt"),
            (&KIND, "họp mặt"),
            (&KIND, "periodical"),
            (&AREA, "về"),
            (&AREA, "công tác"),
            (&AREA, "thể thao"),
            (&ASSIGNEE_KIND, "tập thể và cá nhân"),
            (&YES_NO, "cô"),
            (&YES_NO, "có lẽ"),
            (&YES_NO, "2"),
            (&YES_NO, ""),
        ] {
            assert_eq!(words.read(bad), None, "{bad}");
        }
    }

    #[test]
    fn yes_and_no_in_every_form() {
        for y in [
            "true", "TRUE", "có", "Có", "co", "có ghi", "Đã ghi", "da ghi", "rồi", "roi", "x", "X",
            "1", "yes", "Yes", "✓",
        ] {
            assert_eq!(yes_no(y), Some(true), "{y}");
        }
        for n in [
            "false",
            "False",
            "không",
            "KHÔNG",
            "khong",
            "chưa ghi",
            "Chưa",
            "0",
            "no",
        ] {
            assert_eq!(yes_no(n), Some(false), "{n}");
        }
    }
}
