//! The Word minutes template (`kiemtra template --format docx`), in the layout of the
//! province's handbook: party header, title, time, place, attendance, then the themed session
//! with a labelled line for everything the rules need, each with guidance in grey italics (in
//! the guidance style, which the reader skips) quoting the district guidance where it helps.
//!
//! Every label comes from [`kiemtra_format::word_labels`], so what the template writes is what
//! the reader reads. A line's value is its second run (the dotted placeholder), so that a
//! script filling the template replaces one run.

use kiemtra_format::word_labels::{Reads, ASSIGNMENT_COLUMNS, WORD_LABELS};

use kiemtra_messages::m::forms::word as says;
use kiemtra_messages::Phrase;
use kiemtra_rules::Lang;

use super::write::{Look, Para, Part, Run};

/// What an unfilled value shows.
pub const PLACEHOLDER: &str = "……………………";

/// Under a signer's title, as minutes write it.
pub const SIGN_NOTE: &str = "(Ký, ghi rõ họ tên)";

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

/// Guidance under a label, from the catalogue in the language asked for (the labels stay
/// Vietnamese: they are what the reader reads).
fn guide(lang: Lang, text: Phrase) -> Part {
    Part::Para(Para::new(Look::Guidance, text.get(lang)))
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
        guide(lang, says::UNIT_CODE),
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
        guide(lang, says::KIND),
        Part::Para(Para::labelled(
            label(Reads::MeetingTime),
            "…… giờ …… phút, ngày …… tháng …… năm ……",
        )),
        guide(lang, says::MEETING_TIME),
        line(label(Reads::Kept)),
        Part::Para(Para::labelled(known("Thành phần tham dự"), "")),
        line(field("chair")),
        guide(lang, says::CHAIR),
        line(field("secretary")),
        Part::Para(Para {
            look: Look::Normal,
            runs: vec![
                run(format!("{} ", label(Reads::Attendance)), true),
                run("……/……", false),
                run(" đồng chí", false),
            ],
        }),
        guide(lang, says::ATTENDANCE),
        line(known("Vắng mặt")),
        guide(lang, says::ABSENT),
        heading(known("Nội dung sinh hoạt")),
        Part::Para(Para {
            look: Look::Normal,
            runs: vec![run(
                format!(
                    "1. {}",
                    known("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
                ),
                true,
            )],
        }),
        // Last month's topic first: its result decides whether the topic is kept.
        Part::Para(Para {
            look: Look::Normal,
            runs: vec![run(
                format!("{}:", known("Đánh giá chuyên đề kỳ trước")),
                true,
            )],
        }),
        guide(lang, says::FOLLOW_UP),
        line(field("session.follow_up.topic")),
        line(field("session.follow_up.result")),
        guide(lang, says::FOLLOW_UP_RESULT),
        line(field("session.follow_up.notes")),
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
        guide(lang, says::SESSION_SPAN),
        line(field("session.minutes")),
        guide(lang, says::SESSION_MINUTES),
        line(field("session.topics")),
        guide(lang, says::TOPICS),
        line(field("session.area")),
        guide(lang, says::AREA),
        line(field("session.source.kind")),
        guide(lang, says::SOURCE_KIND),
        line(field("session.source.title")),
        guide(lang, says::SOURCE_TITLE),
        line(field("session.reason")),
        guide(lang, says::REASON),
        line(field("session.assessment.strengths")),
        line(field("session.assessment.weaknesses")),
        guide(lang, says::ASSESSMENT),
        line(field("session.questions")),
        guide(lang, says::QUESTIONS),
        line(field("session.discussion.opinions")),
        guide(lang, says::OPINIONS),
        line(field("session.discussion.causes")),
        line(field("session.discussion.measures")),
        guide(lang, says::CAUSES_MEASURES),
        line(field("session.conclusion")),
        guide(lang, says::CONCLUSION),
        heading(label(Reads::Assignments)),
        guide(lang, says::ASSIGNMENTS),
    ];
    let mut table = vec![ASSIGNMENT_COLUMNS
        .iter()
        .map(|c| c.label.to_owned())
        .collect::<Vec<_>>()];
    table.extend((0..ASSIGNMENT_ROWS).map(|_| vec![String::new(); ASSIGNMENT_COLUMNS.len()]));
    p.push(Part::Table(table));
    p.extend([
        line(field("minutes_book.recorded")),
        guide(lang, says::MINUTES_BOOK),
        line(field("minutes_book.page")),
        Part::Para(Para {
            look: Look::Normal,
            runs: vec![
                run(format!("{} ", label(Reads::MeetingEnd)), true),
                run("…… giờ …… phút", false),
                run(".", false),
            ],
        }),
        signatures(),
    ]);
    p
}

/// The secretary's and the chair's signatures, side by side, each with a line for the name.
fn signatures() -> Part {
    let signer = |reads: &'static str| {
        vec![
            Para {
                look: Look::Centred,
                runs: vec![run(field(reads).to_uppercase(), true)],
            },
            Para::new(Look::Centred, SIGN_NOTE),
            Para::new(Look::Centred, ""),
            Para::new(Look::Centred, ""),
            Para::new(Look::Centred, PLACEHOLDER),
        ]
    };
    Part::Signatures(vec![signer("secretary"), signer("chair")])
}
