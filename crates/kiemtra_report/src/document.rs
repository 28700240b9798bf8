//! What the printed inspection report says beyond the outcome: the header of a party document,
//! the date line, the signature, the overall figures in a sentence. The words are the
//! catalogue's (`report.head`, `report.signature`, …); the report is built from them once
//! (`report_page.rs`), whatever the format.

use chrono::NaiveDate;
use kiemtra_messages::{m, Say};
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
        use m::report::head;
        let place = self.place.unwrap_or(head::PLACE_BLANK.get(lang));
        match self.date {
            Some(d) => head::DateLine {
                place: &place,
                date: &d.format(head::DATE_FORMAT.get(lang)),
            }
            .say(lang),
            None => head::Undated { place: &place }.say(lang),
        }
    }
}

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
pub(crate) fn signer_lines(body: Option<&str>, lang: Lang) -> Vec<String> {
    use m::report::signature as w;
    let own = body
        .map(body_lines)
        .and_then(|lines| lines.into_iter().rev().find(|(_, bold)| *bold))
        .map(|(line, _)| line.trim().to_uppercase());
    let Some(own) = own else {
        return vec![
            w::TEAM.get(lang).to_owned(),
            w::TEAM_HEAD.get(lang).to_owned(),
        ];
    };
    let on_behalf = |body: &str| w::OnBehalf { body: &body }.say(lang);
    let starts = |p: &[&str]| p.iter().any(|p| own.starts_with(p));
    if starts(&["ĐOÀN KIỂM TRA", "ĐOÀN GIÁM SÁT"]) {
        let team = own.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        return vec![on_behalf(&team), w::HEAD_OF_TEAM.get(lang).into()];
    }
    if starts(&["ỦY BAN KIỂM TRA", "UỶ BAN KIỂM TRA"]) {
        return vec![on_behalf(&own), w::HEAD_OF_COMMISSION.get(lang).into()];
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
        return vec![on_behalf(&own), w::SECRETARY.get(lang).into()];
    }
    if starts(&["BAN "]) {
        return vec![w::HEAD_OF_DEPARTMENT.get(lang).into()];
    }
    vec![on_behalf(&own)]
}

/// The overall figures in a sentence: the months expected, held and compliant, the rate and
/// rating (the shares of units by rating and the breaches are said in the assessment).
pub(crate) fn overview(ctx: &Context<'_>, rollup: &Rollup<'_>) -> String {
    use m::report::overview as w;
    let lang = ctx.lang;
    let t = &rollup.total;
    let mut s = w::Figures {
        units: &t.units,
        expected: &t.expected,
        held: &t.held,
        compliant: &t.compliant,
        rate: &percent(t.rate(), lang),
    }
    .say(lang);
    if let Some(r) = rollup.rating {
        w::Rated {
            rating: &r.label(lang),
        }
        .say_into(lang, &mut s);
    }
    s.push('.');
    s
}

/// The waiver covering a waived finding: `MT-01: lý do — người duyệt, đến 31/12/2017`.
pub(crate) fn waiver(outcome: &Outcome, f: &kiemtra_runner::Finding, lang: Lang) -> String {
    use m::report::cell;
    match outcome.waiver_of(f) {
        Some(u) => {
            let w = &u.waiver;
            let approved = cell::Approved {
                justification: &w.justification,
                approved_by: &w.approved_by,
                until: &w.expires.format("%d/%m/%Y"),
            };
            cell::Waiver {
                id: &w.id,
                approved: &approved.in_lang(lang),
                origin: &w.origin,
            }
            .say(lang)
        }
        None => cell::NONE.get(lang).into(),
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
        let sign = |body: Option<&str>| signer_lines(body, Lang::Vi).join("|");
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
