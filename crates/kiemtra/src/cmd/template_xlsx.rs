//! `kiemtra template --format xlsx`: a workbook a cell secretary fills in, one row per meeting.
//!
//! - Sheet “Biên bản”: the header row (the table layout's labels, frozen), one column per
//!   field, a drop-down list on every enumeration and on yes/no, date and time cells, whole
//!   numbers checked, each column's guidance shown when a cell is selected. The first row
//!   holds only the unit code and the kind: left as it is, it has no date and is rejected.
//! - Sheet “Hướng dẫn”: how to fill in, each column's guidance, and the guidance's own
//!   sentences the rules quote.
//! - Sheet “Danh mục” (hidden): the words of the drop-down lists (a list holding a comma,
//!   “tồn tại, khuyết điểm”, cannot be written inside the validation itself).
//!
//! The reader reads the first sheet with a header row: the two other sheets name no columns.

use kiemtra_config::Settings;
use kiemtra_input::layout::{Column, Kind};
use kiemtra_messages::m::forms::workbook as says;
use kiemtra_messages::Say;
use kiemtra_rules::{Lang, Month, Rule};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet, XlsxError,
};

use super::template::{choices, field, guidance, header, table_columns};
use crate::cli::HeadersArg;

/// The rows of the records sheet given drop-down lists and formats (the header is row 0).
const LAST_ROW: u32 = 500;
pub const RECORDS: &str = "Biên bản";
const GUIDE: &str = "Hướng dẫn";
const LISTS: &str = "Danh mục";

/// The words a yes/no column offers.
fn yes_no(headers: HeadersArg) -> [&'static str; 2] {
    match headers {
        HeadersArg::Vi => ["có", "không"],
        HeadersArg::Dotted => ["true", "false"],
    }
}

/// The workbook, as the bytes of an .xlsx file.
pub fn workbook(
    code: &str,
    month: Month,
    headers: HeadersArg,
    settings: &Settings,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = build(code, month, headers, settings)?;
    book.save_to_buffer()
}

/// The workbook before it is saved (tests fill it in).
pub fn build(
    code: &str,
    month: Month,
    headers: HeadersArg,
    settings: &Settings,
) -> Result<Workbook, XlsxError> {
    let lang = settings.lang.value;
    let columns = table_columns();
    let mut book = Workbook::new();
    let records = book.add_worksheet();
    records.set_name(RECORDS)?;
    records_sheet(records, &columns, code, headers, lang)?;
    let guide = book.add_worksheet();
    guide.set_name(GUIDE)?;
    guide_sheet(guide, &columns, month, headers, settings)?;
    let lists = book.add_worksheet();
    lists.set_name(LISTS)?;
    lists.set_hidden(true);
    for (col, c) in (0u16..).zip(&columns) {
        if let Some(words) = choices(c, headers) {
            // No label above the words: this sheet must not look like a sheet of records.
            for (row, w) in (1u32..).zip(words) {
                lists.write_string(row, col, w)?;
            }
        }
    }
    Ok(book)
}

/// Excel allows 255 characters in an input message.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// What to write in a column: the field's guidance and, for a list, the words to pick from
/// (with Vietnamese headers, the words only: the codes of format v1 are not hers to type).
fn column_guidance(c: &Column, headers: HeadersArg, lang: Lang) -> Option<String> {
    let f = field(c)?;
    let mut text = match headers {
        HeadersArg::Vi => crate::format_v1::guidance(f, lang).to_owned(),
        HeadersArg::Dotted => guidance(f, lang),
    };
    let words = match c.kind {
        Kind::Boolean => Some(yes_no(headers).to_vec()),
        _ => choices(c, headers),
    };
    if let Some(words) = words {
        text.push_str(&format!(" {} {}.", says::PICK.get(lang), words.join("; ")));
    }
    Some(text)
}

fn records_sheet(
    sheet: &mut Worksheet,
    columns: &[&'static Column],
    code: &str,
    headers: HeadersArg,
    lang: Lang,
) -> Result<(), XlsxError> {
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#DDEBF7")
        .set_border(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("dd/mm/yyyy")
        .set_align(FormatAlign::Top);
    let time = Format::new()
        .set_num_format("hh:mm")
        .set_align(FormatAlign::Top);
    let text = Format::new().set_align(FormatAlign::Top);
    sheet.set_row_height(0, 45)?;
    for (col, c) in (0u16..).zip(columns) {
        sheet.write_string_with_format(0, col, header(c, headers), &head)?;
        let (width, format) = match c.kind {
            Kind::Date => (12.0, &date),
            Kind::Time => (9.0, &time),
            Kind::Integer | Kind::Boolean => (10.0, &text),
            Kind::List | Kind::Assignments => (40.0, &wrap),
            _ if choices(c, headers).is_some() => (18.0, &text),
            _ if matches!(c.path, "id" | "unit.code" | "minutes_book.page") => (12.0, &text),
            _ => (28.0, &wrap),
        };
        sheet.set_column_width(col, width)?;
        sheet.set_column_format(col, format)?;
        let mut rule = match c.kind {
            Kind::Integer => DataValidation::new()
                .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
            Kind::Boolean => DataValidation::new().allow_list_strings(&yes_no(headers))?,
            _ => match choices(c, headers) {
                Some(words) => {
                    let letter = kiemtra_input::table::column_letter(u32::from(col) + 1);
                    let last = words.len() + 1;
                    DataValidation::new().allow_list_formula(Formula::new(format!(
                        "='{LISTS}'!${letter}$2:${letter}${last}"
                    )))
                }
                None => DataValidation::new().allow_any_value(),
            },
        };
        if let Some(text) = column_guidance(c, headers, lang) {
            rule = rule
                .set_input_title(short(header(c, headers), 32))?
                .set_input_message(short(&text, 255))?;
        }
        if c.kind == Kind::Integer {
            rule = rule.set_error_message(says::WHOLE_NUMBER.get(lang))?;
        }
        sheet.add_data_validation(1, col, LAST_ROW, col, &rule)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    // The first meeting's row: the unit and the kind; the date is the secretary's to write.
    for (col, c) in (0u16..).zip(columns) {
        match c.path {
            "unit.code" => {
                sheet.write_string(1, col, code)?;
            }
            "kind" => {
                if let Some(first) = choices(c, headers).and_then(|w| w.first().copied()) {
                    sheet.write_string(1, col, first)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn guide_sheet(
    sheet: &mut Worksheet,
    columns: &[&'static Column],
    month: Month,
    headers: HeadersArg,
    settings: &Settings,
) -> Result<(), XlsxError> {
    let lang = settings.lang.value;
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_column_width(0, 30)?;
    sheet.set_column_width(1, 90)?;
    let mut row = 0u32;
    let mut line = |sheet: &mut Worksheet, a: &str, b: &str, f: &Format| -> Result<(), XlsxError> {
        sheet.write_string_with_format(row, 0, a, f)?;
        sheet.write_string_with_format(row, 1, b, &wrap)?;
        row += 1;
        Ok(())
    };
    let m = format!("{}/{}", month.month, month.year);
    line(sheet, says::TITLE.get(lang), "", &title)?;
    let how = says::How {
        records: &RECORDS,
        month: &m,
    };
    line(sheet, says::HOW_LABEL.get(lang), &how.say(lang), &bold)?;
    line(
        sheet,
        says::SEVERAL_LABEL.get(lang),
        says::SEVERAL.get(lang),
        &bold,
    )?;
    line(
        sheet,
        says::CHECK_LABEL.get(lang),
        says::CHECK.get(lang),
        &bold,
    )?;
    line(sheet, "", "", &Format::new())?;
    line(sheet, says::COLUMN.get(lang), says::WHAT.get(lang), &bold)?;
    for c in columns {
        let text = column_guidance(c, headers, lang).unwrap_or_default();
        line(sheet, header(c, headers), &text, &Format::new())?;
    }
    line(sheet, "", "", &Format::new())?;
    // The guidance named as the pack names it: by its issuer and date (and its number, when
    // the pack gives one).
    let identity = &settings.policy.pack.pack;
    let date = kiemtra_messages::date(lang, identity.date);
    let says_head = says::GuidanceSays {
        issuer: &identity.issuer,
        date: &date,
    };
    line(sheet, &says_head.say(lang), "", &bold)?;
    let mut quoted: Vec<(String, String)> = Vec::new();
    for rule in Rule::ALL {
        let entry = settings.policy.pack.rule(*rule);
        let pair = (entry.cites.join(", "), format!("“{}”", entry.quote));
        if !quoted.contains(&pair) {
            quoted.push(pair);
        }
    }
    for (cites, quote) in &quoted {
        line(sheet, cites, quote, &Format::new())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiemtra_input::{Encoding, Format as InputFormat};
    use rust_xlsxwriter::ExcelDateTime;
    use serde_json::{json, Value};

    fn settings() -> Settings {
        let line = kiemtra_config::CommandLine {
            no_config: true,
            ..Default::default()
        };
        kiemtra_config::resolve(&line, &["text"]).unwrap()
    }

    fn read(bytes: &[u8]) -> (Vec<Value>, Vec<kiemtra_input::FileProblem>) {
        let (table, problem) = kiemtra_input::read_table(
            bytes,
            InputFormat::Xlsx,
            Encoding::default(),
            &kiemtra_input::TableLimits::DEFAULT,
        )
        .unwrap();
        let values = table
            .rows
            .iter()
            .map(|r| table.record(r).unwrap().value)
            .collect();
        (values, problem)
    }

    #[test]
    fn the_template_left_as_it_is_has_no_date() {
        let month = Month {
            year: 2017,
            month: 4,
        };
        let bytes = workbook("HC-01", month, HeadersArg::Vi, &settings()).unwrap();
        let (values, problem) = read(&bytes);
        assert_eq!(
            problem,
            [],
            "the guide and the lists are not read as records"
        );
        assert_eq!(
            values,
            [json!({"unit": {"code": "HC-01"}, "kind": "định kỳ"})]
        );
    }

    /// The secretary's meeting typed into the template, cell by cell as Excel stores them,
    /// reads back as exactly the record she meant.
    #[test]
    fn a_filled_template_is_read_back_exactly() {
        let month = Month {
            year: 2017,
            month: 4,
        };
        let s = settings();
        let mut book = build("HC-01", month, HeadersArg::Vi, &s).unwrap();
        let columns = table_columns();
        let col = |path: &str| {
            u16::try_from(columns.iter().position(|c| c.path == path).unwrap()).unwrap()
        };
        let sheet = book.worksheet_from_index(0).unwrap();
        let date = ExcelDateTime::from_ymd(2017, 4, 15).unwrap();
        let start = ExcelDateTime::from_hms(19, 30, 0).unwrap();
        let end = ExcelDateTime::from_hms(20, 10, 0).unwrap();
        let date_format = Format::new().set_num_format("dd/mm/yyyy");
        let time_format = Format::new().set_num_format("hh:mm");
        sheet
            .write_datetime_with_format(1, col("date"), &date, &date_format)
            .unwrap();
        sheet
            .write_datetime_with_format(1, col("session.start"), &start, &time_format)
            .unwrap();
        sheet
            .write_datetime_with_format(1, col("session.end"), &end, &time_format)
            .unwrap();
        for (path, text) in [
            ("unit.name", "Chi bộ thôn 1"),
            ("chair", "Nguyễn Văn An"),
            ("minutes_book.recorded", "có"),
            (
                "session.topics",
                "Nâng cao tinh thần tự phê bình và phê bình",
            ),
            ("session.area", "tự phê bình"),
            ("session.source.kind", "bài viết của Bác"),
            ("session.questions", "Vì sao còn nể nang?\nLàm gì để sửa?"),
            (
                "session.conclusion",
                "Mỗi đảng viên tự nhận một khuyết điểm.",
            ),
            (
                "session.assignments",
                "Chi ủy | tập thể | Theo dõi việc sửa chữa | 2017-05-28 | không",
            ),
            ("session.follow_up.result", "đạt"),
        ] {
            sheet.write_string(1, col(path), text).unwrap();
        }
        sheet.write_number(1, col("session.minutes"), 40).unwrap();
        sheet
            .write_number(1, col("attendance.present"), 18)
            .unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let (values, problem) = read(&bytes);
        assert!(problem.is_empty(), "{problem:?}");
        assert_eq!(
            values,
            [json!({
                "unit": {"code": "HC-01", "name": "Chi bộ thôn 1"},
                "date": "2017-04-15",
                "kind": "định kỳ",
                "chair": "Nguyễn Văn An",
                "attendance": {"present": 18},
                "minutes_book": {"recorded": true},
                "session": {
                    "topics": ["Nâng cao tinh thần tự phê bình và phê bình"],
                    "area": "tự phê bình",
                    "source": {"kind": "bài viết của Bác"},
                    "start": "19:30",
                    "end": "20:10",
                    "minutes": 40,
                    "questions": ["Vì sao còn nể nang?", "Làm gì để sửa?"],
                    "conclusion": "Mỗi đảng viên tự nhận một khuyết điểm.",
                    "assignments": [{
                        "assignee": "Chi ủy", "kind": "tập thể",
                        "task": "Theo dõi việc sửa chữa", "due": "2017-05-28", "remedy": false
                    }],
                    "follow_up": {"result": "đạt"}
                }
            })]
        );
    }

    /// Every enumeration column gets a drop-down list, and each list's words are read as the
    /// value they stand for.
    #[test]
    fn every_list_word_is_a_value_the_reader_knows() {
        for c in table_columns() {
            if let Some(crate::format_v1::Ty::Enum(e)) = field(c).map(|f| f.field.ty) {
                let words = choices(c, HeadersArg::Vi).unwrap();
                let values = crate::format_v1::accepted(e);
                assert_eq!(words.len(), values.len(), "{}", c.path);
                for (w, (code, spellings)) in words.iter().zip(values) {
                    assert!(spellings.contains(w), "{w} is a spelling of {code}");
                    assert!(!w.is_ascii(), "{w}: a Vietnamese word");
                }
            }
        }
    }
}
