//! Record format v1 described field by field, for exporters and cell secretaries: the one table
//! from which `kiemtra schema` (JSON Schema) and `kiemtra template` (a blank record with
//! guidance) are made. Enumerations come from the model itself (`kiemtra_rules::model`), with
//! every Vietnamese word the reader accepts.

use kiemtra_rules::model::fold_word;
use kiemtra_rules::{Area, AssigneeKind, FollowUpResult, Kind, Lang, SourceKind};

/// An enumeration: each value's code, the spellings the reader accepts for it.
pub type Enumeration = Vec<(&'static str, &'static [&'static str])>;

/// The type of a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    Text,
    /// `YYYY-MM-DD` or `DD/MM/YYYY`.
    Date,
    /// `HH:MM`.
    Time,
    /// A whole number, 0 or more.
    Count,
    Bool,
    /// A list of texts.
    TextList,
    Enum(EnumName),
    /// An object whose fields follow.
    Object,
    /// A list of objects whose fields follow (`path[]`).
    ObjectList,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnumName {
    Kind,
    Area,
    SourceKind,
    AssigneeKind,
    FollowUpResult,
}

macro_rules! values {
    ($ty:ty) => {
        <$ty>::ALL
            .iter()
            .map(|v| (v.code(), v.spellings()))
            .collect()
    };
}

impl EnumName {
    pub fn values(self) -> Enumeration {
        match self {
            EnumName::Kind => values!(Kind),
            EnumName::Area => values!(Area),
            EnumName::SourceKind => values!(SourceKind),
            EnumName::AssigneeKind => values!(AssigneeKind),
            EnumName::FollowUpResult => values!(FollowUpResult),
        }
    }
}

/// Every spelling of a value the schema lists: as the model gives it, without diacritics, and
/// with a capital first letter (the reader accepts any case; a schema cannot say so).
pub fn spellings(words: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    for w in words {
        for form in [w.to_string(), fold_word(w)] {
            let mut chars = form.chars();
            let capital = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>());
            add(form);
            if let Some(c) = capital {
                add(c);
            }
        }
    }
    out
}

/// One field of format v1.
#[derive(Clone, Copy, Debug)]
pub struct FieldDoc {
    /// Dotted path; `[]` marks the items of a list of objects (`session.assignments[].due`).
    pub path: &'static str,
    pub ty: Ty,
    pub required: bool,
    pub vi: &'static str,
    pub en: &'static str,
}

impl FieldDoc {
    pub fn guidance(&self, lang: Lang) -> &'static str {
        lang.pick(self.vi, self.en)
    }

    /// The last part of the path.
    pub fn key(&self) -> &'static str {
        self.path.rsplit('.').next().unwrap_or(self.path)
    }

    /// The path of the object holding the field (`""` at the top).
    pub fn parent(&self) -> &'static str {
        self.path.rsplit_once('.').map_or("", |(p, _)| p)
    }
}

const fn f(path: &'static str, ty: Ty, vi: &'static str, en: &'static str) -> FieldDoc {
    FieldDoc {
        path,
        ty,
        required: false,
        vi,
        en,
    }
}

const fn req(path: &'static str, ty: Ty, vi: &'static str, en: &'static str) -> FieldDoc {
    FieldDoc {
        path,
        ty,
        required: true,
        vi,
        en,
    }
}

/// Format v1, in the order of `spec/record-format.md`.
pub const FIELDS: &[FieldDoc] = &[
    f(
        "id",
        Ty::Text,
        "Mã bản ghi; để trống thì là «mã chi bộ/ngày họp».",
        "Record id; when blank, «unit.code/date».",
    ),
    req("unit", Ty::Object, "Chi bộ họp.", "The cell that met."),
    req(
        "unit.code",
        Ty::Text,
        "Mã chi bộ (bắt buộc), giữ nguyên qua các tháng.",
        "The cell's code (required), the same every month.",
    ),
    f("unit.name", Ty::Text, "Tên chi bộ.", "The cell's name."),
    f(
        "unit.parent",
        Ty::Text,
        "Đảng bộ cơ sở cấp trên.",
        "The grassroots committee above the cell.",
    ),
    req(
        "date",
        Ty::Date,
        "Ngày họp (bắt buộc): YYYY-MM-DD hoặc DD/MM/YYYY.",
        "Meeting date (required): YYYY-MM-DD or DD/MM/YYYY.",
    ),
    req(
        "kind",
        Ty::Enum(EnumName::Kind),
        "Loại cuộc họp (bắt buộc): định kỳ, chuyên đề hoặc bất thường.",
        "Kind of meeting (required): periodic, thematic or extraordinary.",
    ),
    f(
        "chair",
        Ty::Text,
        "Họ tên đồng chí chủ trì.",
        "Who chaired.",
    ),
    f(
        "secretary",
        Ty::Text,
        "Họ tên người ghi biên bản.",
        "Who took the minutes.",
    ),
    f(
        "attendance",
        Ty::Object,
        "Số đảng viên dự họp.",
        "Members present.",
    ),
    f(
        "attendance.present",
        Ty::Count,
        "Số đảng viên có mặt.",
        "Members present.",
    ),
    f(
        "attendance.total",
        Ty::Count,
        "Tổng số đảng viên của chi bộ.",
        "Members of the cell.",
    ),
    f(
        "minutes_book",
        Ty::Object,
        "Việc ghi vào sổ biên bản (§IV.2).",
        "The minutes book (§IV.2).",
    ),
    f(
        "minutes_book.recorded",
        Ty::Bool,
        "true khi sinh hoạt chuyên đề đã ghi vào sổ ghi biên bản.",
        "true when the session is written in the minutes book.",
    ),
    f(
        "minutes_book.page",
        Ty::Text,
        "Số trang trong sổ.",
        "Page in the book.",
    ),
    f(
        "session",
        Ty::Object,
        "Sinh hoạt chuyên đề; để null nếu không tổ chức.",
        "The themed session; null when none was held.",
    ),
    f(
        "session.topics",
        Ty::TextList,
        "Chủ đề: ghi MỘT chủ đề (§II.2).",
        "Topic: write ONE topic (§II.2).",
    ),
    f(
        "session.area",
        Ty::Enum(EnumName::Area),
        "Hạn chế mà chủ đề khắc phục (§II.1).",
        "The shortcoming the topic addresses (§II.1).",
    ),
    f(
        "session.source",
        Ty::Object,
        "Tài liệu chuẩn bị (§II.2).",
        "The material prepared from (§II.2).",
    ),
    f(
        "session.source.kind",
        Ty::Enum(EnumName::SourceKind),
        "Loại tài liệu: bài viết của Bác, tài liệu Trung ương, lời dạy của Bác.",
        "Kind: a writing of Hồ Chí Minh, central materials, compiled teachings.",
    ),
    f(
        "session.source.title",
        Ty::Text,
        "Tên bài viết, tài liệu.",
        "Title of the material.",
    ),
    f(
        "session.start",
        Ty::Time,
        "Giờ bắt đầu sinh hoạt chuyên đề, HH:MM.",
        "Start of the session, HH:MM.",
    ),
    f(
        "session.end",
        Ty::Time,
        "Giờ kết thúc, HH:MM.",
        "End of the session, HH:MM.",
    ),
    f(
        "session.minutes",
        Ty::Count,
        "Số phút sinh hoạt chuyên đề (ít nhất 30, §III.2).",
        "Minutes the session lasted (at least 30, §III.2).",
    ),
    f(
        "session.reason",
        Ty::Text,
        "Vì sao chọn chủ đề này (§III.1 bước 1).",
        "Why this topic was chosen (§III.1 step 1).",
    ),
    f(
        "session.assessment",
        Ty::Object,
        "Đánh giá thực tế của chi bộ (§III.1 bước 1).",
        "The cell's own assessment (§III.1 step 1).",
    ),
    f(
        "session.assessment.strengths",
        Ty::Text,
        "Mặt được.",
        "What went well.",
    ),
    f(
        "session.assessment.weaknesses",
        Ty::Text,
        "Mặt chưa được.",
        "What did not.",
    ),
    f(
        "session.questions",
        Ty::TextList,
        "Câu hỏi gợi ý thảo luận (§II.2).",
        "Suggested discussion questions (§II.2).",
    ),
    f(
        "session.discussion",
        Ty::Object,
        "Thảo luận (§III.1 bước 2).",
        "The discussion (§III.1 step 2).",
    ),
    f(
        "session.discussion.opinions",
        Ty::TextList,
        "Ý kiến của đảng viên, mỗi ý kiến một mục.",
        "Members' opinions, one per entry.",
    ),
    f(
        "session.discussion.causes",
        Ty::Text,
        "Nguyên nhân đã xác định.",
        "The causes identified.",
    ),
    f(
        "session.discussion.measures",
        Ty::Text,
        "Biện pháp đã thống nhất.",
        "The measures agreed.",
    ),
    f(
        "session.conclusion",
        Ty::Text,
        "Kết luận của đồng chí chủ trì (§III.1 bước 3).",
        "The chair's conclusion (§III.1 step 3).",
    ),
    f(
        "session.assignments",
        Ty::ObjectList,
        "Phân công trách nhiệm, mỗi việc một mục (§III.1 bước 3).",
        "Responsibilities assigned, one entry each (§III.1 step 3).",
    ),
    f(
        "session.assignments[].assignee",
        Ty::Text,
        "Tập thể hoặc cá nhân được giao.",
        "The collective or person assigned.",
    ),
    f(
        "session.assignments[].kind",
        Ty::Enum(EnumName::AssigneeKind),
        "tập thể hoặc cá nhân.",
        "collective or individual.",
    ),
    f(
        "session.assignments[].task",
        Ty::Text,
        "Việc được giao.",
        "The task.",
    ),
    f(
        "session.assignments[].due",
        Ty::Date,
        "Thời hạn: một ngày, không sớm hơn ngày họp.",
        "Due date: a day, not before the meeting.",
    ),
    f(
        "session.assignments[].remedy",
        Ty::Bool,
        "true nếu là biện pháp khắc phục khuyết điểm của đảng viên.",
        "true for a remedy of a member's shortcoming.",
    ),
    f(
        "session.follow_up",
        Ty::Object,
        "Kiểm tra, đánh giá chủ đề kỳ trước (§III.1 bước 3).",
        "Evaluation of the previous session's topic (§III.1 step 3).",
    ),
    f(
        "session.follow_up.topic",
        Ty::Text,
        "Chủ đề của kỳ sinh hoạt trước.",
        "The previous session's topic.",
    ),
    f(
        "session.follow_up.result",
        Ty::Enum(EnumName::FollowUpResult),
        "Kết quả: đạt, đang thực hiện hoặc chưa đạt.",
        "Result: achieved, in progress or not achieved.",
    ),
    f("session.follow_up.notes", Ty::Text, "Nhận xét.", "Notes."),
];

/// The fields directly inside the object at `parent` (`""`, `session`, `session.assignments[]`).
pub fn children(parent: &str) -> impl Iterator<Item = &'static FieldDoc> + '_ {
    FIELDS.iter().filter(move |f| f.parent() == parent)
}
