//! The labels of Word minutes: how the templates that party committees publish name each part
//! of a meeting, mapped to the dotted field paths of record format v1. The `.docx` reader finds
//! fields by these labels (in any case, with or without diacritics, after a bullet or a number)
//! and `kiemtra template --format docx` writes the first label of each.
//!
//! One table, [`WORD_LABELS`]; the columns of an assignments table in [`ASSIGNMENT_COLUMNS`].

/// What the text after a label gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reads {
    /// The field at this dotted path, as written.
    Field(&'static str),
    /// A line of the party header (`ĐẢNG BỘ: …`, `CHI BỘ: …`): the field at this path; also
    /// read without a colon when the line is in capitals (`ĐẢNG BỘ XÃ HÀM CHÍNH`).
    Header(&'static str),
    /// The meeting's time and day: `Vào lúc 19 giờ 30 phút, ngày 09 tháng 4 năm 2017` gives
    /// `date` (`ngày …`); the hour, which format v1 has no field for, is kept as read.
    MeetingTime,
    /// When the meeting ended (`Kết thúc lúc 21 giờ`): no field in format v1, kept as read.
    MeetingEnd,
    /// `Có mặt 17/19 đồng chí`: `attendance.present` / `attendance.total`.
    Attendance,
    /// The themed session's own span, `từ 19 giờ 45 đến 20 giờ 30`: `session.start`,
    /// `session.end`.
    SessionSpan,
    /// `session.assignments`: a table below the label, or one assignment a line
    /// (`Tổ đảng số 1: nhiệm vụ …, thời hạn …`).
    Assignments,
    /// The title, `BIÊN BẢN SINH HOẠT CHI BỘ ĐỊNH KỲ tháng … năm …`: `kind` from the words
    /// between `CHI BỘ` and `tháng`.
    Title,
    /// A heading that groups labelled lines and holds no value itself.
    Heading,
    /// A labelled part with no field in format v1 (`Địa điểm`, `Vắng mặt`): kept as read.
    Kept,
}

/// One part of the minutes and the labels it goes by.
#[derive(Clone, Copy, Debug)]
pub struct WordLabel {
    pub reads: Reads,
    /// The label kiemtra writes and names in findings; first of the labels read.
    pub label: &'static str,
    /// Other labels of the common templates.
    pub variants: &'static [&'static str],
    /// Read at the start of a sentence, without a colon after it (`Có mặt 17/19 đồng chí`).
    pub opens_sentence: bool,
}

const fn field(
    path: &'static str,
    label: &'static str,
    variants: &'static [&'static str],
) -> WordLabel {
    WordLabel {
        reads: Reads::Field(path),
        label,
        variants,
        opens_sentence: false,
    }
}

const fn part(
    reads: Reads,
    label: &'static str,
    variants: &'static [&'static str],
    opens_sentence: bool,
) -> WordLabel {
    WordLabel {
        reads,
        label,
        variants,
        opens_sentence,
    }
}

/// Every label of Word minutes. Where two labels both fit the start of a line, the longer one
/// is meant (`Chủ trì kết luận` is the conclusion, not the chair).
pub const WORD_LABELS: &[WordLabel] = &[
    part(
        Reads::Header("unit.parent"),
        "Đảng bộ",
        &["Đảng bộ cơ sở"],
        false,
    ),
    part(Reads::Header("unit.name"), "Chi bộ", &["Tên chi bộ"], false),
    field("unit.code", "Mã chi bộ", &["Mã đơn vị"]),
    field("id", "Số biên bản", &[]),
    part(Reads::Heading, "Đảng Cộng sản Việt Nam", &[], true),
    part(
        Reads::Title,
        "Biên bản sinh hoạt chi bộ",
        &["Biên bản họp chi bộ"],
        true,
    ),
    field(
        "kind",
        "Loại sinh hoạt",
        &["Hình thức sinh hoạt", "Loại cuộc họp"],
    ),
    field("date", "Ngày họp", &["Ngày sinh hoạt"]),
    part(Reads::MeetingTime, "Thời gian", &["Thời gian họp"], false),
    part(
        Reads::MeetingTime,
        "Vào lúc",
        &["Hôm nay, vào lúc", "Hôm nay vào lúc"],
        true,
    ),
    part(
        Reads::MeetingEnd,
        "Kết thúc lúc",
        &["Cuộc họp kết thúc lúc", "Buổi sinh hoạt kết thúc lúc"],
        true,
    ),
    part(Reads::Kept, "Địa điểm", &["Tại"], false),
    part(
        Reads::Heading,
        "Thành phần tham dự",
        &[
            "Thành phần",
            "Thời gian, địa điểm, thành phần",
            "Thời gian, địa điểm và thành phần",
        ],
        false,
    ),
    field(
        "chair",
        "Chủ trì",
        &[
            "Chủ tọa",
            "Người chủ trì",
            "Đồng chí chủ trì",
            "Chủ trì hội nghị",
            "Chủ trì cuộc họp",
        ],
    ),
    field(
        "secretary",
        "Thư ký",
        &[
            "Thư ký cuộc họp",
            "Thư ký ghi biên bản",
            "Người ghi biên bản",
        ],
    ),
    part(
        Reads::Attendance,
        "Có mặt",
        &[
            "Đảng viên có mặt",
            "Số đảng viên có mặt",
            "Tổng số đảng viên có mặt",
        ],
        true,
    ),
    field(
        "attendance.total",
        "Tổng số đảng viên",
        &["Tổng số đảng viên của chi bộ"],
    ),
    part(
        Reads::Kept,
        "Vắng mặt",
        &["Vắng", "Đảng viên vắng mặt"],
        true,
    ),
    part(Reads::Kept, "Khách mời", &["Đại biểu dự"], false),
    part(
        Reads::Heading,
        "Nội dung sinh hoạt",
        &["Nội dung", "Nội dung cuộc họp", "Nội dung sinh hoạt chi bộ"],
        false,
    ),
    part(
        Reads::SessionSpan,
        "Sinh hoạt chuyên đề",
        &[
            "Thời gian sinh hoạt chuyên đề",
            "Sinh hoạt chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        ],
        true,
    ),
    field(
        "session.topics",
        "Chủ đề",
        &[
            "Chuyên đề",
            "Tên chuyên đề",
            "Chủ đề sinh hoạt chuyên đề",
            "Nội dung chuyên đề",
        ],
    ),
    field(
        "session.area",
        "Vấn đề hạn chế",
        &[
            "Vấn đề hạn chế cần khắc phục",
            "Hạn chế, khuyết điểm cần khắc phục",
            "Vấn đề cần khắc phục",
            "Lĩnh vực",
        ],
    ),
    field("session.source.kind", "Loại tài liệu", &[]),
    field(
        "session.source.title",
        "Tài liệu sử dụng",
        &[
            "Tài liệu",
            "Tên tài liệu",
            "Tài liệu nghiên cứu",
            "Bài viết",
        ],
    ),
    field("session.start", "Giờ bắt đầu", &["Bắt đầu"]),
    field("session.end", "Giờ kết thúc", &[]),
    field(
        "session.minutes",
        "Thời lượng (phút)",
        &["Thời lượng", "Số phút", "Thời lượng sinh hoạt chuyên đề"],
    ),
    field(
        "session.reason",
        "Lý do chọn chủ đề",
        &["Lý do chọn nội dung", "Lý do chọn chuyên đề", "Lý do"],
    ),
    field(
        "session.assessment.strengths",
        "Mặt được",
        &["Ưu điểm", "Những mặt làm được", "Mặt làm được"],
    ),
    field(
        "session.assessment.weaknesses",
        "Mặt chưa được",
        &[
            "Hạn chế",
            "Khuyết điểm",
            "Những mặt chưa làm được",
            "Mặt chưa làm được",
            "Tồn tại, hạn chế",
        ],
    ),
    field(
        "session.questions",
        "Câu hỏi gợi ý",
        &["Câu hỏi gợi ý thảo luận", "Câu hỏi thảo luận", "Câu hỏi"],
    ),
    field(
        "session.discussion.opinions",
        "Ý kiến thảo luận",
        &[
            "Ý kiến",
            "Ý kiến đảng viên",
            "Ý kiến phát biểu",
            "Ý kiến đóng góp",
            "Ý kiến tham gia",
            "Thảo luận",
            "Diễn biến cuộc họp",
        ],
    ),
    field("session.discussion.causes", "Nguyên nhân", &[]),
    field(
        "session.discussion.measures",
        "Biện pháp",
        &["Biện pháp khắc phục", "Giải pháp", "Giải pháp khắc phục"],
    ),
    field(
        "session.conclusion",
        "Kết luận",
        &[
            "Đồng chí chủ trì kết luận",
            "Chủ trì kết luận",
            "Kết luận của chủ trì",
            "Kết luận của đồng chí chủ trì",
        ],
    ),
    part(
        Reads::Assignments,
        "Phân công",
        &["Phân công thực hiện", "Phân công trách nhiệm"],
        false,
    ),
    part(
        Reads::Heading,
        "Đánh giá chuyên đề kỳ trước",
        &[
            "Đánh giá chuyên đề tháng trước",
            "Đánh giá kết quả chuyên đề tháng trước",
            "Đánh giá kỳ trước",
        ],
        false,
    ),
    field(
        "session.follow_up.topic",
        "Chủ đề kỳ trước",
        &[
            "Chủ đề tháng trước",
            "Chuyên đề tháng trước",
            "Nội dung kỳ trước",
        ],
    ),
    field(
        "session.follow_up.result",
        "Kết quả kỳ trước",
        &["Kết quả", "Kết quả thực hiện", "Đánh giá kết quả"],
    ),
    field(
        "session.follow_up.notes",
        "Nhận xét kỳ trước",
        &["Nhận xét", "Ghi chú đánh giá"],
    ),
    field(
        "minutes_book.recorded",
        "Ghi sổ biên bản",
        &["Đã ghi vào sổ biên bản", "Đã ghi sổ", "Ghi vào sổ biên bản"],
    ),
    field("minutes_book.page", "Trang sổ", &["Trang sổ biên bản"]),
];

/// A column of an assignments table: the assignment's key and the column's labels.
#[derive(Clone, Copy, Debug)]
pub struct AssignmentColumn {
    /// `assignee`, `kind`, `task`, `due` or `remedy`.
    pub key: &'static str,
    pub label: &'static str,
    pub variants: &'static [&'static str],
}

/// The columns of an assignments table, in the order kiemtra writes them.
pub const ASSIGNMENT_COLUMNS: &[AssignmentColumn] = &[
    AssignmentColumn {
        key: "assignee",
        label: "Người/tập thể được giao",
        variants: &[
            "Tập thể/cá nhân được giao",
            "Người được giao",
            "Người thực hiện",
            "Người phụ trách",
            "Đơn vị/cá nhân thực hiện",
        ],
    },
    AssignmentColumn {
        key: "kind",
        label: "Tập thể hay cá nhân",
        variants: &["Tập thể/cá nhân", "Loại"],
    },
    AssignmentColumn {
        key: "task",
        label: "Nhiệm vụ",
        variants: &["Nội dung công việc", "Công việc", "Nội dung"],
    },
    AssignmentColumn {
        key: "due",
        label: "Thời hạn",
        variants: &["Thời hạn hoàn thành", "Thời gian hoàn thành", "Hạn"],
    },
    AssignmentColumn {
        key: "remedy",
        label: "Khắc phục khuyết điểm",
        variants: &["Biện pháp khắc phục khuyết điểm", "Khắc phục"],
    },
];

/// The label a field is written with, from [`WORD_LABELS`]: for the message that a part is
/// missing from a document.
pub fn label_of(path: &str) -> Option<&'static str> {
    let inside = format!("{path}.");
    let first_inside = |p: &str| path != "session" && p.starts_with(&inside);
    WORD_LABELS.iter().find_map(|l| match l.reads {
        Reads::SessionSpan if path == "session" => Some(l.label),
        // A group (`session.assessment`) is named by its first field's label.
        Reads::Field(p) if first_inside(p) => Some(l.label),
        Reads::Field(p) | Reads::Header(p) if p == path => Some(l.label),
        Reads::MeetingTime if path == "date" => Some(l.label),
        Reads::Attendance if path.starts_with("attendance") => Some(l.label),
        Reads::SessionSpan if path == "session.start" || path == "session.end" => Some(l.label),
        Reads::Assignments if path.starts_with("session.assignments") => Some(l.label),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_distinct() {
        use unicode_normalization::UnicodeNormalization;
        // As the reader compares them: without diacritics, in any case.
        let fold = |s: &str| -> String {
            s.nfd()
                .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'đ' { 'd' } else { c })
                .collect()
        };
        let mut seen = std::collections::BTreeSet::new();
        for l in WORD_LABELS {
            for v in std::iter::once(&l.label).chain(l.variants) {
                assert!(seen.insert(fold(v)), "{v} twice");
            }
        }
    }

    #[test]
    fn a_field_path_names_its_label() {
        assert_eq!(label_of("session.conclusion"), Some("Kết luận"));
        // The words the messages name (“Phân công”, “Ghi sổ biên bản”).
        assert_eq!(label_of("session.assignments.0.due"), Some("Phân công"));
        assert_eq!(label_of("minutes_book.recorded"), Some("Ghi sổ biên bản"));
        assert_eq!(label_of("chair"), Some("Chủ trì"));
        assert_eq!(label_of("session.assessment"), Some("Mặt được"));
        assert_eq!(label_of("session"), Some("Sinh hoạt chuyên đề"));
    }
}
