//! What the printed inspection report says, in the reader's language: the header of a party
//! document, the title, the section and column names, the signature. The report is built from
//! these words once (`build.rs`), whatever the format.

use chrono::{Datelike, NaiveDate};
use kiemtra_rules::Lang;
use kiemtra_runner::Outcome;

use crate::rollup::{percent, Rollup};
use crate::Context;

/// What a report says beyond the outcome: who files it, where and when, who signs it, the
/// inspector's recommendations, how the settings differ from the pack; and how a CSV file is
/// delimited. Nothing here comes from the clock: the date is given.
#[derive(Clone, Copy, Debug, Default)]
pub struct Document<'a> {
    /// The inspecting body, e.g. `BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC`.
    pub body: Option<&'a str>,
    /// The place in the date line, e.g. `Hàm Thuận Bắc`.
    pub place: Option<&'a str>,
    pub date: Option<NaiveDate>,
    /// The signer's title lines, parted by `|` or line breaks (`T/M ĐOÀN KIỂM TRA|TRƯỞNG
    /// ĐOÀN`); default: what follows from the body.
    pub signer_title: Option<&'a str>,
    /// The signer's full name, under the signature.
    pub signer_name: Option<&'a str>,
    /// The inspector's own recommendations (Kiến nghị); default: drawn from the rules broken
    /// most.
    pub recommendations: Option<&'a str>,
    /// How the settings differ from the rule pack, and where each was set.
    pub tailoring: Option<&'a crate::Tailoring>,
    /// The CSV delimiter (default `,`).
    pub csv_delimiter: Option<u8>,
    /// The text report without terminal styles (a file): none written, none to strip.
    pub plain_text: bool,
    /// For the report of one parent committee (`--split-by parent`): the whole inspection's
    /// counts, which its data line is taken from.
    pub district: Option<&'a kiemtra_runner::Summary>,
}

impl Document<'_> {
    /// `Hàm Thuận Bắc, ngày 15 tháng 01 năm 2019`; the parts not given are left as dots to
    /// fill in by hand, as on a printed form.
    pub fn date_line(&self, lang: Lang) -> String {
        let place = self.place.unwrap_or("…………");
        match (lang, self.date) {
            (Lang::Vi, Some(d)) => format!(
                "{place}, ngày {:02} tháng {:02} năm {}",
                d.day(),
                d.month(),
                d.year()
            ),
            (Lang::Vi, None) => format!("{place}, ngày …… tháng …… năm ……"),
            (Lang::En, Some(d)) => format!("{place}, {}", d.format("%-d %B %Y")),
            (Lang::En, None) => format!("{place}, …… (date)"),
        }
    }
}

pub(crate) const PARTY: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";

/// The lines of the inspecting body at the head of the report, each with whether it is bold.
/// As party documents write it, the committee above comes first in plain type and the body
/// itself below it in bold: `BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC` is shown as
/// `HUYỆN ỦY HÀM THUẬN BẮC` / **`BAN TUYÊN GIÁO`**. Lines may also be given with `|` or a line
/// break, the last one being the body.
pub(crate) fn body_lines(body: &str) -> Vec<(String, bool)> {
    let given: Vec<&str> = body
        .split(['|', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if given.len() > 1 {
        let last = given.len() - 1;
        return given
            .iter()
            .enumerate()
            .map(|(i, l)| ((*l).to_owned(), i == last))
            .collect();
    }
    let body = body.trim();
    let upper = body.to_uppercase();
    if upper.starts_with("BAN ") {
        for committee in [
            " HUYỆN ỦY ",
            " HUYỆN UỶ ",
            " TỈNH ỦY ",
            " TỈNH UỶ ",
            " THÀNH ỦY ",
            " THÀNH UỶ ",
            " THỊ ỦY ",
            " THỊ UỶ ",
            " QUẬN ỦY ",
            " QUẬN UỶ ",
            " ĐẢNG ỦY ",
            " ĐẢNG UỶ ",
        ] {
            if let Some(at) = upper.find(committee) {
                // `to_uppercase` keeps Vietnamese letters the same length in bytes.
                if let (Some(own), Some(above)) = (body.get(..at), body.get(at + 1..)) {
                    return vec![(above.to_owned(), false), (own.to_owned(), true)];
                }
            }
        }
    }
    vec![(body.to_owned(), true)]
}

/// The signer's title lines as they follow from the inspecting body, in the forms of party
/// documents: a department (`BAN …`) is signed by its head (`TRƯỞNG BAN`); an inspection team
/// `T/M ĐOÀN KIỂM TRA` / `TRƯỞNG ĐOÀN`; a commission `T/M ỦY BAN KIỂM TRA` / `CHỦ NHIỆM`; a
/// party committee `T/M …` / `BÍ THƯ`. Without a body, the inspection team's.
pub(crate) fn signer_lines(body: Option<&str>, w: &Words) -> Vec<String> {
    let own = body
        .map(body_lines)
        .and_then(|lines| lines.into_iter().rev().find(|(_, bold)| *bold))
        .map(|(line, _)| line.trim().to_uppercase());
    let Some(own) = own else {
        return w.signer.iter().map(|s| (*s).to_owned()).collect();
    };
    let starts = |p: &[&str]| p.iter().any(|p| own.starts_with(p));
    if starts(&["ĐOÀN KIỂM TRA", "ĐOÀN GIÁM SÁT"]) {
        let team = own.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        return vec![format!("T/M {team}"), "TRƯỞNG ĐOÀN".into()];
    }
    if starts(&["ỦY BAN KIỂM TRA", "UỶ BAN KIỂM TRA"]) {
        return vec![format!("T/M {own}"), "CHỦ NHIỆM".into()];
    }
    if starts(&[
        "ĐẢNG ỦY",
        "ĐẢNG UỶ",
        "HUYỆN ỦY",
        "HUYỆN UỶ",
        "CHI BỘ",
        "BAN THƯỜNG VỤ",
        "TỈNH ỦY",
        "TỈNH UỶ",
        "THÀNH ỦY",
        "THÀNH UỶ",
        "THỊ ỦY",
        "THỊ UỶ",
        "QUẬN ỦY",
        "QUẬN UỶ",
    ]) {
        return vec![format!("T/M {own}"), "BÍ THƯ".into()];
    }
    if starts(&["BAN "]) {
        return vec!["TRƯỞNG BAN".into()];
    }
    vec![format!("T/M {own}")]
}

pub(crate) fn title(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Vi => (
            "BÁO CÁO",
            "Kết quả kiểm tra việc sinh hoạt chuyên đề “Học tập, làm theo tư tưởng, đạo đức, \
             phong cách Hồ Chí Minh” trong sinh hoạt định kỳ của chi bộ",
        ),
        Lang::En => (
            "INSPECTION REPORT",
            "Themed sessions “Studying and following Hồ Chí Minh's thought, morality and style” \
             in the periodic meetings of party cells",
        ),
    }
}

/// The overall figures in a sentence: the months expected, held and compliant, the rate and
/// rating (the shares of units by rating and the breaches are said in the assessment).
pub(crate) fn overview(ctx: &Context<'_>, rollup: &Rollup<'_>) -> String {
    let lang = ctx.lang;
    let t = &rollup.total;
    let mut s = match lang {
        Lang::Vi => format!(
            "Trong kỳ, {} chi bộ phải tổ chức {} kỳ sinh hoạt định kỳ, đã tổ chức {} kỳ; {} kỳ có \
             sinh hoạt chuyên đề đạt yêu cầu (không có lỗi), tỷ lệ {}",
            t.units,
            t.expected,
            t.held,
            t.compliant,
            percent(t.rate(), lang)
        ),
        Lang::En => format!(
            "In the period, {} units were to hold {} periodic meetings and held {}; {} had a \
             themed session without error, a rate of {}",
            t.units,
            t.expected,
            t.held,
            t.compliant,
            percent(t.rate(), lang)
        ),
    };
    if let Some(r) = rollup.rating {
        s.push_str(&match lang {
            Lang::Vi => format!(", xếp loại chung: {}", r.label(lang)),
            Lang::En => format!(", rated {} overall", r.label(lang)),
        });
    }
    s.push('.');
    s
}

/// The waiver covering a waived finding: `MT-01: lý do — người duyệt, đến 31/12/2017`.
pub(crate) fn waiver(outcome: &Outcome, f: &kiemtra_runner::Finding, lang: Lang) -> String {
    match outcome.waiver_of(f) {
        Some(u) => {
            let w = &u.waiver;
            let until = w.expires.format("%d/%m/%Y");
            match lang {
                Lang::Vi => format!(
                    "{}: {} — {} duyệt, hiệu lực đến {until} ({})",
                    w.id, w.justification, w.approved_by, w.origin
                ),
                Lang::En => format!(
                    "{}: {} — approved by {}, until {until} ({})",
                    w.id, w.justification, w.approved_by, w.origin
                ),
            }
        }
        None => "—".into(),
    }
}

/// Section and column names.
pub(crate) struct Words {
    pub scope: &'static str,
    pub results: &'static str,
    pub overall: &'static str,
    pub by_parent: &'static str,
    pub by_unit: &'static str,
    pub by_rule: &'static str,
    pub picture: &'static str,
    pub assessment: &'static str,
    pub recommendations: &'static str,
    pub details: &'static str,
    pub rejected: &'static str,
    pub waived: &'static str,
    pub waiver: &'static str,
    pub appendix_rules: &'static str,
    pub appendix_files: &'static str,
    pub parent: &'static str,
    pub unit: &'static str,
    pub units: &'static str,
    pub code: &'static str,
    pub expected: &'static str,
    pub held: &'static str,
    pub compliant: &'static str,
    pub rate: &'static str,
    pub rating: &'static str,
    pub errors: &'static str,
    pub warnings: &'static str,
    pub infos: &'static str,
    pub findings: &'static str,
    pub rule: &'static str,
    pub title: &'static str,
    pub severity: &'static str,
    pub cites: &'static str,
    pub when: &'static str,
    pub what: &'static str,
    pub place: &'static str,
    pub file: &'static str,
    pub line: &'static str,
    pub column: &'static str,
    pub reason: &'static str,
    pub bytes: &'static str,
    pub quote: &'static str,
    pub no_findings: &'static str,
    pub whole_unit: &'static str,
    pub recipients: &'static str,
    pub recipients_list: [&'static str; 3],
    /// The signature when no body is given.
    pub signer: [&'static str; 2],
    pub sign_note: &'static str,
    /// Whether a rule was applied.
    pub applied: &'static str,
    pub legend_compliant: &'static str,
    pub legend_failing: &'static str,
    pub legend_missing: &'static str,
    pub legend_outside: &'static str,
    pub number: &'static str,
}

impl Words {
    /// The columns of the per-unit summary table, shared by the Markdown and HTML reports.
    pub(crate) fn unit_columns(&self) -> [&'static str; 11] {
        [
            "#",
            self.code,
            self.unit,
            self.parent,
            self.expected,
            self.held,
            self.compliant,
            self.rate,
            self.rating,
            self.errors,
            self.warnings,
        ]
    }
}

pub(crate) fn words(lang: Lang) -> Words {
    match lang {
        Lang::Vi => Words {
            scope: "PHẠM VI, CĂN CỨ KIỂM TRA",
            results: "KẾT QUẢ KIỂM TRA",
            overall: "1. Kết quả chung",
            by_parent: "2. Kết quả theo đảng bộ",
            by_unit: "3. Kết quả từng chi bộ (mức tuân thủ thấp nhất trước)",
            by_rule: "4. Các nội dung vi phạm (nhiều nhất trước)",
            picture: "5. Tình hình sinh hoạt chuyên đề theo tháng",
            assessment: "ĐÁNH GIÁ CHUNG",
            recommendations: "KIẾN NGHỊ",
            details: "CHI TIẾT VI PHẠM TỪNG CHI BỘ",
            rejected: "BIÊN BẢN KHÔNG KIỂM TRA ĐƯỢC",
            waived: "VI PHẠM ĐƯỢC MIỄN TRỪ",
            waiver: "Miễn trừ",
            appendix_rules: "Phụ lục 1. Danh mục quy tắc kiểm tra",
            appendix_files: "Phụ lục 2. Tệp dữ liệu đã kiểm tra",
            parent: "Đảng bộ",
            unit: "Chi bộ",
            units: "Số chi bộ",
            code: "Mã",
            expected: "Phải họp",
            held: "Có họp",
            compliant: "Đạt",
            rate: "Tỷ lệ đạt",
            rating: "Xếp loại",
            errors: "Lỗi",
            warnings: "Cảnh báo",
            infos: "Lưu ý",
            findings: "Số lần",
            rule: "Quy tắc",
            title: "Nội dung",
            severity: "Mức",
            cites: "Điều khoản",
            when: "Thời điểm",
            what: "Vi phạm và cách khắc phục",
            place: "Vị trí trong tệp",
            file: "Tệp",
            line: "Dòng",
            column: "Cột",
            reason: "Lý do",
            bytes: "Byte",
            quote: "Trích hướng dẫn",
            no_findings: "Không có vi phạm.",
            whole_unit: "cả tháng",
            recipients: "Nơi nhận:",
            recipients_list: [
                "- Thường trực Huyện ủy (để báo cáo);",
                "- Các đảng bộ được kiểm tra;",
                "- Lưu hồ sơ kiểm tra.",
            ],
            signer: ["T/M ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN"],
            sign_note: "(Ký, ghi rõ họ tên)",
            applied: "Áp dụng",
            legend_compliant: "đạt",
            legend_failing: "có họp, chưa đạt",
            legend_missing: "không họp",
            legend_outside: "ngoài kỳ",
            number: "Số: ……-BC/……",
        },
        Lang::En => Words {
            scope: "SCOPE AND BASIS",
            results: "RESULTS",
            overall: "1. Overall",
            by_parent: "2. By parent committee",
            by_unit: "3. By unit (least compliant first)",
            by_rule: "4. Rules broken (most frequent first)",
            picture: "5. Themed sessions month by month",
            assessment: "OVERALL ASSESSMENT",
            recommendations: "RECOMMENDATIONS",
            details: "FINDINGS BY UNIT",
            rejected: "RECORDS THAT COULD NOT BE CHECKED",
            waived: "WAIVED FINDINGS",
            waiver: "Waiver",
            appendix_rules: "Appendix 1. The rules",
            appendix_files: "Appendix 2. Files inspected",
            parent: "Parent committee",
            unit: "Unit",
            units: "Units",
            code: "Code",
            expected: "Expected",
            held: "Held",
            compliant: "Compliant",
            rate: "Rate",
            rating: "Rating",
            errors: "Errors",
            warnings: "Warnings",
            infos: "Info",
            findings: "Findings",
            rule: "Rule",
            title: "Checks",
            severity: "Severity",
            cites: "Clause",
            when: "When",
            what: "Finding and fix",
            place: "Place in file",
            file: "File",
            line: "Line",
            column: "Column",
            reason: "Reason",
            bytes: "Bytes",
            quote: "The guidance says",
            no_findings: "No findings.",
            whole_unit: "month",
            recipients: "To:",
            recipients_list: [
                "- District Party Committee standing board (report);",
                "- The committees inspected;",
                "- Inspection file.",
            ],
            signer: ["FOR THE INSPECTION TEAM", "HEAD OF TEAM"],
            sign_note: "(signature, full name)",
            applied: "Applied",
            legend_compliant: "compliant",
            legend_failing: "held, not compliant",
            legend_missing: "no meeting",
            legend_outside: "outside period",
            number: "No. ……",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_sits_under_its_committee() {
        assert_eq!(
            body_lines("BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC"),
            [
                ("HUYỆN ỦY HÀM THUẬN BẮC".to_owned(), false),
                ("BAN TUYÊN GIÁO".to_owned(), true)
            ]
        );
        assert_eq!(
            body_lines("Huyện ủy Hàm Thuận Bắc | Ban Tuyên giáo"),
            [
                ("Huyện ủy Hàm Thuận Bắc".to_owned(), false),
                ("Ban Tuyên giáo".to_owned(), true)
            ]
        );
        assert_eq!(
            body_lines("ĐOÀN KIỂM TRA SỐ 2"),
            [("ĐOÀN KIỂM TRA SỐ 2".to_owned(), true)]
        );
    }

    #[test]
    fn the_signer_follows_the_body() {
        let w = words(Lang::Vi);
        let sign = |body: Option<&str>| signer_lines(body, &w).join("|");
        assert_eq!(
            sign(Some("BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC")),
            "TRƯỞNG BAN"
        );
        assert_eq!(
            sign(Some("Ban Tuyên giáo Huyện uỷ Hàm Thuận Bắc")),
            "TRƯỞNG BAN"
        );
        assert_eq!(
            sign(Some("ĐOÀN KIỂM TRA SỐ 2")),
            "T/M ĐOÀN KIỂM TRA|TRƯỞNG ĐOÀN"
        );
        assert_eq!(
            sign(Some("Huyện ủy Hàm Thuận Bắc | Ủy ban Kiểm tra")),
            "T/M ỦY BAN KIỂM TRA|CHỦ NHIỆM"
        );
        assert_eq!(
            sign(Some("HUYỆN ỦY HÀM THUẬN BẮC | BAN THƯỜNG VỤ")),
            "T/M BAN THƯỜNG VỤ|BÍ THƯ"
        );
        assert_eq!(
            sign(Some("Đảng uỷ xã Hàm Chính")),
            "T/M ĐẢNG UỶ XÃ HÀM CHÍNH|BÍ THƯ"
        );
        assert_eq!(sign(None), "T/M ĐOÀN KIỂM TRA|TRƯỞNG ĐOÀN");
    }

    #[test]
    fn date_lines() {
        let d = Document {
            body: None,
            place: Some("Hàm Thuận Bắc"),
            date: NaiveDate::from_ymd_opt(2019, 1, 5),
            ..Document::default()
        };
        assert_eq!(
            d.date_line(Lang::Vi),
            "Hàm Thuận Bắc, ngày 05 tháng 01 năm 2019"
        );
        assert_eq!(d.date_line(Lang::En), "Hàm Thuận Bắc, 5 January 2019");
        let blank = Document::default();
        assert_eq!(blank.date_line(Lang::Vi), "…………, ngày …… tháng …… năm ……");
    }
}
