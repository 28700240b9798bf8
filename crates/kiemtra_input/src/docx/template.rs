//! The Word minutes template (`kiemtra template --format docx`), in the layout of the
//! province's handbook: party header, title, time, place, attendance, then the themed session
//! with a labelled line for everything the rules need, each with guidance in grey italics (in
//! the guidance style, which the reader skips) quoting the district guidance where it helps.
//!
//! Every label comes from [`kiemtra_format::word_labels`], so what the template writes is what
//! the reader reads. A line's value is its second run (the dotted placeholder), so that a
//! script filling the template replaces one run.

use kiemtra_format::word_labels::{Reads, ASSIGNMENT_COLUMNS, WORD_LABELS};

use kiemtra_rules::Lang;

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

/// Guidance under a label, in the language asked for (the labels stay Vietnamese: they are
/// what the reader reads).
fn guide(lang: Lang, vi: &str, en: &str) -> Part {
    Part::Para(Para::new(Look::Guidance, lang.pick(vi, en)))
}

fn heading(text: &str) -> Part {
    Part::Para(Para {
        look: Look::Normal,
        runs: vec![run(format!("{}:", text.to_uppercase()), true)],
    })
}

/// The template's parts. `unit` fills the `Mã chi bộ` line and `month` (year, month) the
/// title, when given; `lang` is the language of the guidance.
pub fn parts(unit: Option<&str>, month: Option<(i32, u32)>, lang: Lang) -> Vec<Part> {
    let when = match month {
        Some((y, m)) => format!(" tháng {m} năm {y}"),
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
        guide(
            lang,
            "Mã chi bộ như trong các bản ghi khác của chi bộ gửi Đảng ủy (ví dụ HC-CB03); nếu bỏ trống, cho mã bằng --unit khi kiểm tra.",
            "The cell's code as in its other records sent to the committee (e.g. HC-CB03); if left blank, give it with --unit when checking.",
        ),
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
        guide(
            lang,
            "Loại sinh hoạt ghi ngay sau “CHI BỘ”: ĐỊNH KỲ, CHUYÊN ĐỀ hoặc BẤT THƯỜNG.",
            "The kind of meeting right after “CHI BỘ”: ĐỊNH KỲ (periodic), CHUYÊN ĐỀ (thematic) or BẤT THƯỜNG (extraordinary).",
        ),
        Part::Para(Para::labelled(
            label(Reads::MeetingTime),
            "…… giờ …… phút, ngày …… tháng …… năm ……",
        )),
        guide(
            lang,
            "Giờ bắt đầu và ngày họp, ví dụ “19 giờ 30 phút, ngày 09 tháng 4 năm 2017” hoặc “19h30, 09/4/2017” (ngày trước tháng).",
            "The starting hour and the day, e.g. “19 giờ 30 phút, ngày 09 tháng 4 năm 2017” or “19h30, 09/4/2017” (day before month).",
        ),
        line(label(Reads::Kept)),
        Part::Para(Para::labelled(known("Thành phần tham dự"), "")),
        line(field("chair")),
        guide(
            lang,
            "“Đồng chí chủ trì kết luận … phân công trách nhiệm thực hiện” (Hướng dẫn, mục III.1, bước 3).",
            "“The chair concludes … and assigns responsibility” (guidance, §III.1 step 3).",
        ),
        line(field("secretary")),
        Part::Para(Para {
            look: Look::Normal,
            runs: vec![
                run(format!("{} ", label(Reads::Attendance)), true),
                run("……/……", false),
                run(" đồng chí", false),
            ],
        }),
        guide(
            lang,
            "Số đảng viên có mặt / tổng số đảng viên của chi bộ, ví dụ “17/19”.",
            "Members present / the cell's members in all, e.g. “17/19”.",
        ),
        line(known("Vắng mặt")),
        guide(
            lang,
            "Họ tên đồng chí vắng mặt và lý do.",
            "The names of the members absent, and why.",
        ),
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
        guide(
            lang,
            "“Mỗi kỳ sinh hoạt chi bộ … dành thời gian ít nhất 30 phút để sinh hoạt chuyên đề” (mục III.2). Ví dụ: từ 19 giờ 45 đến 20 giờ 30.",
            "“Each cell meeting gives at least 30 minutes to the themed session” (§III.2). E.g. từ 19 giờ 45 đến 20 giờ 30.",
        ),
        line(field("session.minutes")),
        guide(
            lang,
            "Số phút dành cho sinh hoạt chuyên đề, nếu không ghi giờ bắt đầu và kết thúc.",
            "Minutes given to the themed session, if its start and end are not written.",
        ),
        line(field("session.topics")),
        guide(
            lang,
            "“Không nên chọn quá nhiều vấn đề, nên chọn một nội dung để thảo luận cho thực sự sâu sắc và thiết thực” (mục II.2, lưu ý). Ghi một chủ đề.",
            "“Do not pick too many issues; pick one content and discuss it deeply” (§II.2 note). Write one topic.",
        ),
        line(field("session.area")),
        guide(
            lang,
            "Một trong: tự phê bình và phê bình; thực hành dân chủ; dân vận; chất lượng chuyên môn; khuyết điểm (của đảng viên cần sửa chữa); tinh thần trách nhiệm; vấn đề bức xúc; khác (mục II.1).",
            "One of: tự phê bình và phê bình; thực hành dân chủ; dân vận; chất lượng chuyên môn; khuyết điểm (members' shortcomings to correct); tinh thần trách nhiệm; vấn đề bức xúc; khác (§II.1).",
        ),
        line(field("session.source.kind")),
        guide(
            lang,
            "Bài viết của Bác; tài liệu Trung ương (chuyên đề của Ban Tuyên giáo Trung ương); lời dạy của Bác (mục II.2).",
            "Bài viết của Bác (a writing of President Hồ Chí Minh); tài liệu Trung ương (the Central Propaganda Department's materials); lời dạy của Bác (compiled teachings) (§II.2).",
        ),
        line(field("session.source.title")),
        guide(
            lang,
            "Tên bài viết hoặc tài liệu, ví dụ “Sửa đổi lối làm việc (1947)”.",
            "The title of the writing or material, e.g. “Sửa đổi lối làm việc (1947)”.",
        ),
        line(field("session.reason")),
        guide(
            lang,
            "“Vì sao trong sinh hoạt định kỳ chi bộ … chọn nội dung này sinh hoạt?” (mục II.2, III.1 bước 1).",
            "“Why did the cell choose this content for its periodic meeting?” (§II.2, §III.1 step 1).",
        ),
        line(field("session.assessment.strengths")),
        line(field("session.assessment.weaknesses")),
        guide(
            lang,
            "“Liên hệ tình hình thực tế … để đánh giá mặt được, chưa được” (mục III.1, bước 1).",
            "“Relate it to the cell's real situation … to assess what was and was not achieved” (§III.1 step 1).",
        ),
        line(field("session.questions")),
        guide(
            lang,
            "Mỗi câu hỏi một dòng (mục II.2: “gợi ý một số câu hỏi để tập trung thảo luận”).",
            "One question a line (§II.2: “suggest questions to focus the discussion”).",
        ),
        line(field("session.discussion.opinions")),
        guide(
            lang,
            "Ý kiến của từng đồng chí, mỗi ý kiến một dòng, ví dụ “Đồng chí Lê Văn Hùng: …”.",
            "Each member's opinion, one a line, e.g. “Đồng chí Lê Văn Hùng: …”.",
        ),
        line(field("session.discussion.causes")),
        line(field("session.discussion.measures")),
        guide(
            lang,
            "“Xác định rõ nguyên nhân và bàn thống nhất biện pháp để khắc phục” (mục III.1, bước 2).",
            "“Identify the causes and agree on measures to remedy them” (§III.1 step 2).",
        ),
        line(field("session.conclusion")),
        guide(
            lang,
            "Kết luận của đồng chí chủ trì (mục III.1, bước 3).",
            "The chair's conclusion (§III.1 step 3).",
        ),
        heading(label(Reads::Assignments)),
        guide(
            lang,
            "“Phân công trách nhiệm cho tập thể, cá nhân hoặc những đảng viên còn tồn tại khuyết điểm … có biện pháp khắc phục … trong một thời hạn nhất định” (mục II.2). Thời hạn: một ngày (30/6/2017) hoặc một kỳ (tháng 5/2017, quý II/2017, cuối quý); “thường xuyên” không phải thời hạn. Khắc phục khuyết điểm: có / không.",
            "“Assign responsibility to collectives, individuals or members with shortcomings … with remedial measures … within a set time” (§II.2). Deadline: a day (30/6/2017) or a period (tháng 5/2017, quý II/2017, cuối quý); “thường xuyên” is no deadline. Remedy of a shortcoming: có / không.",
        ),
    ];
    let mut table = vec![ASSIGNMENT_COLUMNS
        .iter()
        .map(|c| c.label.to_owned())
        .collect::<Vec<_>>()];
    table.extend((0..ASSIGNMENT_ROWS).map(|_| vec![String::new(); ASSIGNMENT_COLUMNS.len()]));
    p.push(Part::Table(table));
    p.extend([
        heading(known("Đánh giá chuyên đề tháng trước")),
        guide(
            lang,
            "“Tại phiên họp định kỳ đến kiểm tra đánh giá kết quả thực hiện” (mục III.1, bước 3; III.2).",
            "“At the next periodic meeting the results are checked and evaluated” (§III.1 step 3; §III.2).",
        ),
        line(field("session.follow_up.topic")),
        line(field("session.follow_up.result")),
        guide(
            lang,
            "Đạt; đang thực hiện; chưa đạt.",
            "Đạt (achieved); đang thực hiện (in progress); chưa đạt (not achieved).",
        ),
        line(field("session.follow_up.notes")),
        line(field("minutes_book.recorded")),
        guide(
            lang,
            "“Cần thể hiện rõ ràng trong sổ ghi biên bản của chi bộ” (mục IV.2): có / không.",
            "“Shown clearly in the cell's minutes book” (§IV.2): có / không.",
        ),
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
