//! One assignment written as free text gives the same verdict in every route (record format
//! 1.2, *assignments*): a line of Word minutes under “Phân công thực hiện”, a CSV cell, a
//! workbook cell.

use kiemtra_input::docx::write::{docx, Look, Para, Part};
use kiemtra_input::{read_table, Encoding, Format, TableLimits};
use kiemtra_rules::rules::check_record;
use kiemtra_rules::{Pack, Record, RecordDoc};
use rust_xlsxwriter::Workbook;
use serde::Deserialize;
use serde_json::Value;

const TEXTS: &[&str] = &[
    "Chi ủy: tiếp tục theo dõi việc phụ trách hộ, thời hạn cuối tháng 5/2017",
    "Đ/c Nam - vận động hộ dân - 30/4/2017",
    "Tổ đảng số 1 (tập thể): nhắc đảng viên đóng đảng phí, hạn 31/5/2017",
    "Chi ủy: họp dân trước khi làm đường",
    "Tổ 2: báo cáo kết quả, thời hạn đến khi xong",
    "Lập danh sách hộ nghèo, hạn 30/6/2017",
];

/// The codes the record rules give about assignments (CD307, CD308), and the assignments read.
fn verdict(record: &Record<'_>) -> (Vec<&'static str>, String) {
    let params = Pack::embedded().parameters;
    let mut out = Vec::new();
    check_record(record, &params, &mut out);
    let mut codes: Vec<&'static str> = out
        .iter()
        .map(|v| v.rule.code())
        .filter(|c| matches!(*c, "CD307" | "CD308"))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let assignments = record
        .session()
        .and_then(|s| s.assignments.value())
        .map(|a| format!("{a:?}"))
        .unwrap_or_default();
    (codes, assignments)
}

fn word(text: &str) -> (Vec<&'static str>, String) {
    let parts = [
        "Mã chi bộ: X",
        "Ngày họp: 15/04/2017",
        "Loại sinh hoạt: định kỳ",
        "Sinh hoạt chuyên đề",
        "Phân công thực hiện:",
    ]
    .iter()
    .map(|t| Part::Para(Para::new(Look::Normal, *t)))
    .chain([Part::Para(Para::new(Look::Normal, format!("- {text}")))])
    .collect::<Vec<_>>();
    let bytes = docx(&parts).unwrap();
    let minutes = kiemtra_input::docx::read(&bytes, None).unwrap();
    let value = Value::Object(minutes.record);
    let doc = RecordDoc::deserialize(&value).unwrap();
    let record = kiemtra_rules::validate(doc).unwrap();
    verdict(&record)
}

const HEADER: [&str; 5] = [
    "unit.code",
    "date",
    "kind",
    "session.topics",
    "session.assignments",
];

fn table(bytes: &[u8], format: Format) -> (Vec<&'static str>, String) {
    let (t, _) = read_table(bytes, format, Encoding::Utf8, &TableLimits::DEFAULT).unwrap();
    let row = t.record(&t.rows[0]).unwrap();
    let record = t.parse(&row).unwrap();
    verdict(&record)
}

fn csv(text: &str) -> (Vec<&'static str>, String) {
    let mut w = csv_writer();
    w.write_record(HEADER).unwrap();
    w.write_record(["X", "15/04/2017", "định kỳ", "Dân vận", text])
        .unwrap();
    table(&w.into_inner().unwrap(), Format::Csv)
}

fn csv_writer() -> ::csv::Writer<Vec<u8>> {
    ::csv::Writer::from_writer(Vec::new())
}

fn workbook(text: &str) -> (Vec<&'static str>, String) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["X", "15/04/2017", "định kỳ", "Dân vận", text]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    table(&book.save_to_buffer().unwrap(), Format::Xlsx)
}

#[test]
fn the_same_assignment_text_gives_the_same_verdict_in_word_csv_and_a_workbook() {
    for text in TEXTS {
        let w = word(text);
        assert_eq!(w, csv(text), "{text}: Word and CSV");
        assert_eq!(w, workbook(text), "{text}: Word and workbook");
    }
    // What the verdicts are: an assignee and a task, a readable deadline, no false finding.
    assert_eq!(word(TEXTS[0]).0, Vec::<&str>::new());
    assert_eq!(word(TEXTS[1]).0, Vec::<&str>::new());
    assert_eq!(word(TEXTS[3]).0, ["CD308"]);
    assert_eq!(word(TEXTS[4]).0, ["CD308"]);
}
