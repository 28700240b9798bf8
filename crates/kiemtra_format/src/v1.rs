//! Record format v1 (`spec/record-format.md`), declared once.
//!
//! [`format_v1!`](crate::format_v1) hands the whole declaration, as tokens, to a macro of the
//! caller's (`format_v1!(my_macro)`), which makes of it what it needs: this crate the field
//! table ([`crate::table`]); `kiemtra_input` the fast reader's key dispatch and duplicate-key
//! bits; `kiemtra_rules` the walk of unreadable values. A field added here reaches all of them.
//!
//! The grammar, per object (named by its model struct, with `<'a>` when it borrows text from the
//! input, there and wherever a field holds it; the compiler checks the two agree):
//!
//! ```text
//! key: required|optional TYPE {
//!     label: "Vietnamese" / "English",        // column header, field name in documents
//!     guidance: "Vietnamese" / "English",     // one line for the template and the schema
//!     aliases: ["other header", …],           // also matched without diacritics, any case
//! },
//! ```
//!
//! where TYPE is `text`, `date`, `time`, `count`, `duration` (minutes, also in words),
//! `deadline` (a day, or a period read as its last day), `boolean`, `texts` (a list of texts),
//! `enumeration(Name)`, `object(Name)` or `objects(Name)` (a list of objects). Enumerations list
//! each code with its Vietnamese and English display names. The order is the order of the spec:
//! columns, keys and documents follow it.

/// Calls `$callback! { objects { … } enumerations { … } }` with the declaration of format v1.
#[macro_export]
macro_rules! format_v1 {
    ($callback:ident) => {
        $crate::__declaration!([$callback] []);
    };
}

/// Calls `$callback! { Object<'a> { key: type, … } }` once per object of format v1: the
/// declaration without its words, for code generated per model struct.
#[macro_export]
macro_rules! for_each_object {
    ($callback:ident) => {
        $crate::__declaration!([$crate::__each_object] [$callback;]);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __each_object {
    (
        $callback:ident;
        objects { $(
            $object:ident $(<$lt:lifetime>)? { $(
                $key:ident : $required:ident $ty:ident $(($($inner:tt)*))? { $($words:tt)* }
            ),* $(,)? }
        )* }
        enumerations { $($enumerations:tt)* }
    ) => {
        $( $callback! { $object $(<$lt>)? { $( $key: $ty $(($($inner)*))? ),* } } )*
    };
}

/// The declaration itself, handed to `$callback` after `$prefix`.
#[doc(hidden)]
#[macro_export]
macro_rules! __declaration {
    ([$($callback:tt)*] [$($prefix:tt)*]) => {
        $($callback)*! { $($prefix)*
        objects {
            RecordDoc<'a> {
                id: optional text {
                    label: "Mã biên bản" / "Record id",
                    guidance: "Mã bản ghi; để trống thì là “mã chi bộ/ngày họp”." / "Record id; when blank, “unit.code/date”.",
                    aliases: ["Số biên bản"],
                },
                unit: required object(Unit<'a>) {
                    label: "Chi bộ" / "Cell",
                    guidance: "Chi bộ họp." / "The cell that met.",
                    aliases: [],
                },
                date: required date {
                    label: "Ngày họp" / "Meeting date",
                    guidance: "Ngày họp (bắt buộc): YYYY-MM-DD hoặc DD/MM/YYYY." / "Meeting date (required): YYYY-MM-DD or DD/MM/YYYY.",
                    aliases: ["Ngày", "Ngày sinh hoạt"],
                },
                kind: required enumeration(Kind) {
                    label: "Loại sinh hoạt" / "Kind of meeting",
                    guidance: "Loại cuộc họp (bắt buộc): định kỳ, chuyên đề hoặc bất thường." / "Kind of meeting (required): periodic, thematic or extraordinary.",
                    aliases: ["Loại", "Loại cuộc họp", "Hình thức sinh hoạt"],
                },
                chair: optional text {
                    label: "Chủ trì" / "Chair",
                    guidance: "Họ tên đồng chí chủ trì." / "Who chaired.",
                    aliases: ["Người chủ trì"],
                },
                secretary: optional text {
                    label: "Thư ký" / "Secretary",
                    guidance: "Họ tên người ghi biên bản." / "Who took the minutes.",
                    aliases: ["Người ghi biên bản"],
                },
                attendance: optional object(Attendance) {
                    label: "Dự họp" / "Attendance",
                    guidance: "Số đảng viên dự họp." / "Members present.",
                    aliases: [],
                },
                minutes_book: optional object(MinutesBook<'a>) {
                    label: "Sổ biên bản" / "Minutes book",
                    guidance: "Việc ghi vào sổ biên bản (§IV.2)." / "The minutes book (§IV.2).",
                    aliases: [],
                },
                session: optional object(Session<'a>) {
                    label: "Sinh hoạt chuyên đề" / "Themed session",
                    guidance: "Sinh hoạt chuyên đề; để null nếu không tổ chức." / "The themed session; null when none was held.",
                    aliases: [],
                },
            }
            Unit<'a> {
                code: required text {
                    label: "Mã chi bộ" / "Cell code",
                    guidance: "Mã chi bộ (bắt buộc), giữ nguyên qua các tháng." / "The cell's code (required), the same every month.",
                    aliases: ["Mã đơn vị"],
                },
                name: optional text {
                    label: "Tên chi bộ" / "Cell name",
                    guidance: "Tên chi bộ." / "The cell's name.",
                    aliases: ["Chi bộ", "Tên đơn vị"],
                },
                parent: optional text {
                    label: "Đảng bộ" / "Parent committee",
                    guidance: "Đảng bộ cơ sở cấp trên." / "The grassroots committee above the cell.",
                    aliases: ["Trực thuộc", "Đảng bộ cơ sở", "Cấp ủy cấp trên"],
                },
            }
            Attendance {
                present: optional count {
                    label: "Số có mặt" / "Members present",
                    guidance: "Số đảng viên có mặt." / "Members present.",
                    aliases: ["Có mặt", "Số đảng viên có mặt"],
                },
                total: optional count {
                    label: "Tổng số đảng viên" / "Members in the cell",
                    guidance: "Tổng số đảng viên của chi bộ." / "Members of the cell.",
                    aliases: ["Tổng số"],
                },
            }
            MinutesBook<'a> {
                recorded: optional boolean {
                    label: "Ghi sổ biên bản" / "Written in the minutes book",
                    guidance: "“có” khi sinh hoạt chuyên đề đã ghi vào sổ ghi biên bản, “không” khi chưa." / "“có” (yes) when the session is written in the minutes book, “không” (no) when not.",
                    aliases: ["Đã ghi sổ", "Ghi vào sổ biên bản"],
                },
                page: optional text {
                    label: "Trang sổ" / "Page",
                    guidance: "Số trang trong sổ." / "Page in the book.",
                    aliases: ["Trang", "Trang sổ biên bản"],
                },
            }
            Session<'a> {
                topics: optional texts {
                    label: "Chủ đề" / "Topic",
                    guidance: "Chủ đề: ghi MỘT chủ đề (§II.2)." / "Topic: write ONE topic (§II.2).",
                    aliases: ["Chuyên đề", "Chủ đề sinh hoạt", "Chủ đề sinh hoạt chuyên đề", "Nội dung chuyên đề"],
                },
                area: optional enumeration(Area) {
                    label: "Vấn đề hạn chế" / "Shortcoming addressed",
                    guidance: "Hạn chế mà chủ đề khắc phục (§II.1)." / "The shortcoming the topic addresses (§II.1).",
                    aliases: ["Lĩnh vực"],
                },
                source: optional object(Source<'a>) {
                    label: "Tài liệu chuẩn bị" / "Material",
                    guidance: "Tài liệu chuẩn bị (§II.2)." / "The material prepared from (§II.2).",
                    aliases: [],
                },
                start: optional time {
                    label: "Giờ bắt đầu" / "Start",
                    guidance: "Giờ bắt đầu sinh hoạt chuyên đề, HH:MM." / "Start of the session, HH:MM.",
                    aliases: ["Bắt đầu"],
                },
                end: optional time {
                    label: "Giờ kết thúc" / "End",
                    guidance: "Giờ kết thúc, HH:MM." / "End of the session, HH:MM.",
                    aliases: ["Kết thúc"],
                },
                minutes: optional duration {
                    label: "Số phút" / "Minutes",
                    guidance: "Số phút sinh hoạt chuyên đề (ít nhất 30, §III.2)." / "Minutes the session lasted (at least 30, §III.2).",
                    aliases: ["Thời lượng", "Thời lượng (phút)", "Thời gian (phút)"],
                },
                reason: optional text {
                    label: "Lý do chọn chủ đề" / "Why this topic",
                    guidance: "Vì sao chọn chủ đề này (§III.1 bước 1)." / "Why this topic was chosen (§III.1 step 1).",
                    aliases: ["Lý do", "Lý do chọn nội dung"],
                },
                assessment: optional object(Assessment<'a>) {
                    label: "Đánh giá thực tế" / "Assessment",
                    guidance: "Đánh giá thực tế của chi bộ (§III.1 bước 1)." / "The cell's own assessment (§III.1 step 1).",
                    aliases: [],
                },
                questions: optional texts {
                    label: "Câu hỏi gợi ý" / "Discussion questions",
                    guidance: "Câu hỏi gợi ý thảo luận (§II.2)." / "Suggested discussion questions (§II.2).",
                    aliases: ["Câu hỏi"],
                },
                discussion: optional object(Discussion<'a>) {
                    label: "Thảo luận" / "Discussion",
                    guidance: "Thảo luận (§III.1 bước 2)." / "The discussion (§III.1 step 2).",
                    aliases: [],
                },
                conclusion: optional text {
                    label: "Kết luận" / "Conclusion",
                    guidance: "Kết luận của đồng chí chủ trì (§III.1 bước 3)." / "The chair's conclusion (§III.1 step 3).",
                    aliases: [],
                },
                assignments: optional objects(Assignment<'a>) {
                    label: "Phân công" / "Assignments",
                    guidance: "Phân công trách nhiệm, mỗi việc một mục (§III.1 bước 3)." / "Responsibilities assigned, one entry each (§III.1 step 3).",
                    aliases: ["Phân công trách nhiệm", "Phân công thực hiện"],
                },
                follow_up: optional object(FollowUp<'a>) {
                    label: "Kiểm tra kỳ trước" / "Follow-up",
                    guidance: "Kiểm tra, đánh giá chủ đề kỳ trước (§III.1 bước 3)." / "Evaluation of the previous session's topic (§III.1 step 3).",
                    aliases: [],
                },
            }
            Source<'a> {
                kind: optional enumeration(SourceKind) {
                    label: "Loại tài liệu" / "Kind of material",
                    guidance: "Loại tài liệu: bài viết của Bác, tài liệu Trung ương, lời dạy của Bác." / "Kind: a writing of Hồ Chí Minh, central materials, compiled teachings.",
                    aliases: [],
                },
                title: optional text {
                    label: "Tài liệu" / "Material title",
                    guidance: "Tên bài viết, tài liệu." / "Title of the material.",
                    aliases: ["Tên tài liệu", "Bài viết"],
                },
            }
            Assessment<'a> {
                strengths: optional text {
                    label: "Mặt được" / "Strengths",
                    guidance: "Mặt được." / "What went well.",
                    aliases: ["Ưu điểm"],
                },
                weaknesses: optional text {
                    label: "Mặt chưa được" / "Weaknesses",
                    guidance: "Mặt chưa được." / "What did not.",
                    aliases: ["Hạn chế", "Khuyết điểm"],
                },
            }
            Discussion<'a> {
                opinions: optional texts {
                    label: "Ý kiến thảo luận" / "Opinions",
                    guidance: "Ý kiến của đảng viên, mỗi ý kiến một mục." / "Members' opinions, one per entry.",
                    aliases: ["Ý kiến", "Ý kiến đảng viên"],
                },
                causes: optional text {
                    label: "Nguyên nhân" / "Causes",
                    guidance: "Nguyên nhân đã xác định." / "The causes identified.",
                    aliases: [],
                },
                measures: optional text {
                    label: "Biện pháp" / "Measures",
                    guidance: "Biện pháp đã thống nhất." / "The measures agreed.",
                    aliases: ["Giải pháp", "Biện pháp khắc phục"],
                },
            }
            Assignment<'a> {
                assignee: optional text {
                    label: "Người được giao" / "Assignee",
                    guidance: "Tập thể hoặc cá nhân được giao." / "The collective or person assigned.",
                    aliases: [],
                },
                kind: optional enumeration(AssigneeKind) {
                    label: "Tập thể hay cá nhân" / "Collective or individual",
                    guidance: "tập thể hoặc cá nhân." / "collective or individual.",
                    aliases: [],
                },
                task: optional text {
                    label: "Việc được giao" / "Task",
                    guidance: "Việc được giao." / "The task.",
                    aliases: [],
                },
                due: optional deadline {
                    label: "Thời hạn" / "Due",
                    guidance: "Thời hạn: một ngày, không sớm hơn ngày họp." / "Due date: a day, not before the meeting.",
                    aliases: [],
                },
                remedy: optional boolean {
                    label: "Biện pháp khắc phục khuyết điểm" / "Remedy",
                    guidance: "true nếu là biện pháp khắc phục khuyết điểm của đảng viên." / "true for a remedy of a member's shortcoming.",
                    aliases: [],
                },
            }
            FollowUp<'a> {
                topic: optional text {
                    label: "Chủ đề kỳ trước" / "Previous topic",
                    guidance: "Chủ đề của kỳ sinh hoạt trước." / "The previous session's topic.",
                    aliases: ["Nội dung kỳ trước"],
                },
                result: optional enumeration(FollowUpResult) {
                    label: "Kết quả kỳ trước" / "Previous topic's result",
                    guidance: "Kết quả: đạt, đang thực hiện hoặc chưa đạt." / "Result: achieved, in progress or not achieved.",
                    aliases: ["Kết quả thực hiện", "Đánh giá kết quả"],
                },
                notes: optional text {
                    label: "Nhận xét kỳ trước" / "Notes on the previous topic",
                    guidance: "Nhận xét." / "Notes.",
                    aliases: ["Ghi chú đánh giá"],
                },
            }
        }
        enumerations {
            Kind {
                "periodic": "định kỳ" / "periodic",
                "thematic": "chuyên đề" / "thematic",
                "extraordinary": "bất thường" / "extraordinary",
            }
            Area {
                "self-criticism": "tự phê bình" / "self-criticism",
                "democracy": "dân chủ" / "democracy",
                "mass-mobilization": "dân vận" / "mass mobilization",
                "professional-quality": "chuyên môn" / "professional quality",
                "shortcomings": "tồn tại, khuyết điểm" / "shortcomings",
                "responsibility": "trách nhiệm" / "responsibility",
                "pressing-issues": "bức xúc, nổi cộm" / "pressing issues",
                "other": "khác" / "other",
            }
            SourceKind {
                "ho-chi-minh-writing": "bài viết của Bác" / "a writing of Hồ Chí Minh",
                "central-materials": "tài liệu Trung ương" / "central materials",
                "compiled-teachings": "lời dạy của Bác" / "compiled teachings",
            }
            AssigneeKind {
                "collective": "tập thể" / "collective",
                "individual": "cá nhân" / "individual",
            }
            FollowUpResult {
                "achieved": "đạt" / "achieved",
                "in-progress": "đang thực hiện" / "in progress",
                "not-achieved": "chưa đạt" / "not achieved",
            }
        }
        }
    };
}
