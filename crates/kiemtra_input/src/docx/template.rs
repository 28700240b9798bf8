//! The Word minutes template (`kiemtra template --format docx`), in the layout of the
//! province's handbook: party header, title, time, place, attendance, then the themed session
//! with a labelled line for everything the rules need, each with guidance in grey italics (in
//! the guidance style, which the reader skips) quoting the district guidance where it helps.
//!
//! Every label comes from [`kiemtra_format::word_labels`], so what the template writes is what
//! the reader reads. A line's value is its second run (the dotted placeholder), so that a
//! script filling the template replaces one run.

use kiemtra_format::word_labels::{Reads, ASSIGNMENT_COLUMNS, WORD_LABELS};

use super::write::{Look, Para, Part, Run};

/// What an unfilled value shows.
pub const PLACEHOLDER: &str = "……………………";

/// Rows of the assignments table left to fill.
pub const ASSIGNMENT_ROWS: usize = 3;

/// The label kiemtra writes for a part of the minutes.
fn label(reads: Reads) -> &'static str {
    WORD_LABELS
        .iter()
        .find(|l| l.reads == reads)
        .map_or("", |l| l.label)
}

/// A label of [`WORD_LABELS`] named by its text (a heading, a kept part); the tests read the
/// template back, so a label missing from the table fails them.
fn known(text: &'static str) -> &'static str {
    text
}

fn field(path: &'static str) -> &'static str {
    label(Reads::Field(path))
}

fn run(text: impl Into<String>, bold: bool) -> Run {
    Run {
        text: text.into(),
        bold,
    }
}

fn line(label: &str) -> Part {
    Part::Para(Para::labelled(label, PLACEHOLDER))
}

fn guide(text: &str) -> Part {
    Part::Para(Para::new(Look::Guidance, text))
}

fn heading(text: &str) -> Part {
    Part::Para(Para {
        look: Look::Normal,
        runs: vec![run(format!("{}:", text.to_uppercase()), true)],
    })
}

/// The template's parts. `unit` fills the `Mã chi bộ` line and `month` (year, month) the
/// title, when given.
pub fn parts(unit: Option<&str>, month: Option<(i32, u32)>) -> Vec<Part> {
    let when = match month {
        Some((y, m)) => format!(" tháng {m:02} năm {y}"),
        None => " tháng …… năm ……".to_owned(),
    };
    let mut p = vec![
        Part::Para(Para::labelled(
            &label(Reads::Header("unit.parent")).to_uppercase(),
            PLACEHOLDER,
        )),
        Part::Para(Para::labelled(
            &label(Reads::Header("unit.name")).to_uppercase(),
            PLACEHOLDER,
        )),
        Part::Para(Para::labelled(
            field("unit.code"),
            unit.map_or(PLACEHOLDER.to_owned(), str::to_owned),
        )),
        guide("Mã chi bộ do Đảng ủy cấp, như trong các biên bản khác của chi bộ (ví dụ HC-CB03)."),
        Part::Para(Para::new(
            Look::Centred,
            label(Reads::Heading).to_uppercase(),
        )),
        Part::Para(Para {
            look: Look::Title,
            runs: vec![
                run(format!("{} ", label(Reads::Title).to_uppercase()), true),
                run("ĐỊNH KỲ", true),
                run(when, true),
            ],
        }),
        guide("Loại sinh hoạt ghi ngay sau “CHI BỘ”: ĐỊNH KỲ, CHUYÊN ĐỀ hoặc BẤT THƯỜNG."),
        Part::Para(Para::labelled(
            label(Reads::MeetingTime),
            "…… giờ …… phút, ngày …… tháng …… năm ……",
        )),
        guide("Giờ bắt đầu và ngày họp, ví dụ “19 giờ 30 phút, ngày 09 tháng 4 năm 2017” hoặc “19h30, 09/4/2017” (ngày trước tháng)."),
        line(label(Reads::Kept)),
        Part::Para(Para::labelled(known("Thành phần tham dự"), "")),
        line(field("chair")),
        guide("“Đồng chí chủ trì kết luận … phân công trách nhiệm thực hiện” (Hướng dẫn, mục III.1, bước 3)."),
        line(field("secretary")),
        Part::Para(Para {
            look: Look::Normal,
            runs: vec![
                run(format!("{} ", label(Reads::Attendance)), true),
                run("……/……", false),
                run(" đồng chí", false),
            ],
        }),
        guide("Số đảng viên có mặt / tổng số đảng viên của chi bộ, ví dụ “17/19”."),
        line(known("Vắng mặt")),
        guide("Họ tên đồng chí vắng mặt và lý do."),
        heading(known("Nội dung sinh hoạt")),
        Part::Para(Para {
            look: Look::Normal,
            runs: vec![run(
                format!("1. {}", known("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")),
                true,
            )],
        }),
        Part::Para(Para {
            look: Look::Normal,
            runs: vec![
                run(format!("{} ", label(Reads::SessionSpan)), true),
                run("từ ", false),
                run("…… giờ ……", false),
                run(" đến ", false),
                run("…… giờ ……", false),
            ],
        }),
        guide("“Mỗi kỳ sinh hoạt chi bộ … dành thời gian ít nhất 30 phút để sinh hoạt chuyên đề” (mục III.2). Ví dụ: từ 19 giờ 45 đến 20 giờ 30."),
        line(field("session.minutes")),
        guide("Số phút dành cho sinh hoạt chuyên đề, nếu không ghi giờ bắt đầu và kết thúc."),
        line(field("session.topics")),
        guide("“Không nên chọn quá nhiều vấn đề, nên chọn một nội dung để thảo luận cho thực sự sâu sắc và thiết thực” (mục II.2, lưu ý). Ghi một chủ đề."),
        line(field("session.area")),
        guide("Một trong: tự phê bình và phê bình; thực hành dân chủ; dân vận; chất lượng chuyên môn; khuyết điểm (của đảng viên cần sửa chữa); tinh thần trách nhiệm; vấn đề bức xúc; khác (mục II.1)."),
        line(field("session.source.kind")),
        guide("Bài viết của Bác; tài liệu Trung ương (chuyên đề của Ban Tuyên giáo Trung ương); lời dạy của Bác (mục II.2)."),
        line(field("session.source.title")),
        guide("Tên bài viết hoặc tài liệu, ví dụ “Sửa đổi lối làm việc (1947)”."),
        line(field("session.reason")),
        guide("“Vì sao trong sinh hoạt định kỳ chi bộ … chọn nội dung này sinh hoạt?” (mục II.2, III.1 bước 1)."),
        line(field("session.assessment.strengths")),
        line(field("session.assessment.weaknesses")),
        guide("“Liên hệ tình hình thực tế … để đánh giá mặt được, chưa được” (mục III.1, bước 1)."),
        line(field("session.questions")),
        guide("Mỗi câu hỏi một dòng (mục II.2: “gợi ý một số câu hỏi để tập trung thảo luận”)."),
        line(field("session.discussion.opinions")),
        guide("Ý kiến của từng đồng chí, mỗi ý kiến một dòng, ví dụ “Đồng chí Lê Văn Hùng: …”."),
        line(field("session.discussion.causes")),
        line(field("session.discussion.measures")),
        guide("“Xác định rõ nguyên nhân và bàn thống nhất biện pháp để khắc phục” (mục III.1, bước 2)."),
        line(field("session.conclusion")),
        guide("Kết luận của đồng chí chủ trì (mục III.1, bước 3)."),
        heading(label(Reads::Assignments)),
        guide("“Phân công trách nhiệm cho tập thể, cá nhân hoặc những đảng viên còn tồn tại khuyết điểm … có biện pháp khắc phục … trong một thời hạn nhất định” (mục II.2). Thời hạn: một ngày (30/6/2017) hoặc một kỳ (tháng 5/2017, quý II/2017, cuối quý); “thường xuyên” không phải thời hạn. Khắc phục khuyết điểm: có / không."),
    ];
    let mut table = vec![ASSIGNMENT_COLUMNS
        .iter()
        .map(|c| c.label.to_owned())
        .collect::<Vec<_>>()];
    table.extend((0..ASSIGNMENT_ROWS).map(|_| vec![String::new(); ASSIGNMENT_COLUMNS.len()]));
    p.push(Part::Table(table));
    p.extend([
        heading(known("Đánh giá chuyên đề tháng trước")),
        guide("“Tại phiên họp định kỳ đến kiểm tra đánh giá kết quả thực hiện” (mục III.1, bước 3; III.2)."),
        line(field("session.follow_up.topic")),
        line(field("session.follow_up.result")),
        guide("Đạt; đang thực hiện; chưa đạt."),
        line(field("session.follow_up.notes")),
        line(field("minutes_book.recorded")),
        guide("“Cần thể hiện rõ ràng trong sổ ghi biên bản của chi bộ” (mục IV.2): có / không."),
        line(field("minutes_book.page")),
        Part::Para(Para {
            look: Look::Normal,
            runs: vec![
                run(format!("{} ", label(Reads::MeetingEnd)), true),
                run("…… giờ …… phút", false),
                run(".", false),
            ],
        }),
    ]);
    p
}
