//! The Word report's tables: data tables with their columns fitted to their text, the month
//! picture as a table of coloured cells, and the borderless grids of the head and signature.

use std::fmt::Write as _;

use kiemtra_messages::m::report_docx;
use kiemtra_rules::{Lang, Month, Severity};
use kiemtra_runner::MonthState;

use super::parts::TEXT_WIDTH;
use super::runs::{para, run, spans, Look};
use crate::page::{Cell, MonthPicture, Span, Style, Table, Value};

/// Column widths in twips, fitted to the text as Word's own “fit to contents” would: every
/// column at least as wide as its longest word, the room left shared by how much text each
/// holds. (LibreOffice keeps the widths a file gives, so they are worked out here.)
fn widths(t: &Table, lang: Lang) -> Vec<u32> {
    // A cell's margins, in twips.
    const MARGINS: u32 = 240;
    // The longest word counted, and the most text counted in a line.
    const WORD: u32 = 16 * 110;
    const LINE: u32 = 60 * 100;
    /// A character of Times New Roman 11 pt, in twips: capitals are wider than the rest.
    fn char_width(c: char) -> u32 {
        if c.is_uppercase() {
            150
        } else if c.is_ascii_digit() {
            112
        } else if c == '%' {
            185
        } else if c == ' ' {
            55
        } else {
            105
        }
    }
    fn width(s: &str) -> u32 {
        s.chars().map(char_width).sum()
    }
    let n = t.columns.len();
    let mut word = vec![1u32; n];
    let mut text = vec![1u32; n];
    // `whole`: a cell's text; else a column's title, in bold (a tenth wider).
    // `number`: a figure, never broken (`37,5 %`).
    // `small`: set in 9 pt, not 11.
    let mut measure = |i: usize, s: &str, whole: bool, number: bool, small: bool| {
        // A longer word (a file's path) is broken rather than given the width of the page.
        let longest = if number {
            width(s)
        } else {
            s.split_whitespace()
                .map(|w| width(w).min(WORD))
                .max()
                .unwrap_or(0)
        };
        let longest = if whole { longest } else { longest * 11 / 10 };
        let scale = |w: u32| if small { w * 9 / 11 } else { w };
        word[i] = word[i].max(scale(longest));
        if whole {
            text[i] = text[i].max(scale(width(s).min(LINE)));
        }
    };
    for (i, c) in t.columns.iter().enumerate() {
        measure(i, &c.title, false, false, false);
    }
    for r in &t.rows {
        for (i, c) in r.cells.iter().enumerate().take(n) {
            let mut s = c.value.show(lang);
            for span in &c.more {
                let (Span::Plain(p)
                | Span::Code(p)
                | Span::Hint(p)
                | Span::Small(p)
                | Span::Link { text: p, .. }) = span;
                s.push(' ');
                s.push_str(p);
            }
            let small = matches!(c.style, Style::Small | Style::Place | Style::Digest);
            measure(i, &s, true, c.value.is_number(), small);
        }
    }
    let least: Vec<u32> = word.iter().map(|w| w + MARGINS).collect();
    let sum: u32 = least.iter().sum();
    if sum >= TEXT_WIDTH {
        return least.iter().map(|w| w * TEXT_WIDTH / sum.max(1)).collect();
    }
    let more: Vec<u32> = text
        .iter()
        .zip(&word)
        .map(|(t, w)| t.saturating_sub(*w))
        .collect();
    let wanted: u32 = more.iter().sum();
    let room = TEXT_WIDTH - sum;
    least
        .iter()
        .zip(&more)
        .map(|(l, m)| {
            if wanted <= room {
                // All fits on one line each; the rest of the page shared out evenly.
                l + m + (room - wanted) / u32::try_from(n).unwrap_or(1).max(1)
            } else {
                l + u32::try_from(u64::from(*m) * u64::from(room) / u64::from(wanted.max(1)))
                    .unwrap_or(0)
            }
        })
        .collect()
}

pub(super) fn grid(out: &mut String, widths: &[u32], borders: bool) {
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="{}"/><w:tblW w:w="{}" w:type="dxa"/>{}<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
        if borders { "TableGrid" } else { "TableNormal" },
        widths.iter().sum::<u32>(),
        // The head and the signature use the whole width of the page.
        if borders {
            ""
        } else {
            r#"<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>"#
        },
    );
    for w in widths {
        let _ = write!(out, r#"<w:gridCol w:w="{w}"/>"#);
    }
    out.push_str("</w:tblGrid>");
}

/// A cell's opening: its width, shading and whether it wraps.
pub(super) fn cell_start(out: &mut String, width: u32, fill: Option<&str>, no_wrap: bool) {
    let _ = write!(out, r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
    if let Some(fill) = fill {
        let _ = write!(
            out,
            r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>"#
        );
    }
    if no_wrap {
        out.push_str("<w:noWrap/>");
    }
    out.push_str("</w:tcPr>");
}

fn header_row(out: &mut String, titles: &[&str], widths: &[u32]) {
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (title, w) in titles.iter().zip(widths) {
        cell_start(out, *w, Some("E7E6E6"), false);
        para(out, r#"<w:pStyle w:val="TableHead"/>"#, title, Look::PLAIN);
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr>");
}

pub(super) fn table(out: &mut String, t: &Table, lang: Lang) {
    let widths = widths(t, lang);
    grid(out, &widths, true);
    let titles: Vec<&str> = t.columns.iter().map(|c| c.title.as_str()).collect();
    header_row(out, &titles, &widths);
    for r in &t.rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (c, w) in r
            .cells
            .iter()
            .zip(widths.iter().chain(std::iter::repeat(&0)))
        {
            cell(out, c, *w, r.total, lang);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables; it also spaces the table from what follows.
    para(out, r#"<w:spacing w:after="0"/>"#, "", Look::PLAIN);
}

fn cell(out: &mut String, c: &Cell, width: u32, total: bool, lang: Lang) {
    cell_start(out, width, None, c.style == Style::Code);
    let align = if c.value.is_number() {
        "right"
    } else {
        match c.style {
            Style::Centre | Style::Severity(_) | Style::Rating(_) => "center",
            _ => "left",
        }
    };
    let mut look = Look {
        bold: total,
        ..Look::PLAIN
    };
    match c.style {
        Style::Severity(Severity::Error) => look.bold = true,
        Style::Severity(Severity::Warning) => look.italic = true,
        Style::Rating(r) if matches!(r.code(), "poor" | "average") => look.bold = true,
        Style::Small | Style::Place => look.size = 18,
        Style::Digest => {
            look.mono = true;
            look.size = 18;
        }
        _ => {}
    }
    let _ = write!(
        out,
        r#"<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{align}"/></w:pPr>"#
    );
    let value = match &c.value {
        Value::Empty if !c.more.is_empty() => String::new(),
        v => v.show(lang),
    };
    if !value.is_empty() {
        run(out, &value, look);
    }
    if !c.more.is_empty() {
        if !value.is_empty() && matches!(c.more.first(), Some(Span::Code(_) | Span::Plain(_))) {
            run(out, " ", look);
        }
        // A hint or second line after the value starts on a line of its own.
        if !value.is_empty() && matches!(c.more.first(), Some(Span::Hint(_) | Span::Small(_))) {
            out.push_str("<w:r><w:br/></w:r>");
        }
        spans(out, &c.more, look);
    }
    out.push_str("</w:p></w:tc>");
}

/// The shading and symbol of a month: distinct in grey too.
fn month_cell(state: Option<MonthState>) -> (Option<&'static str>, &'static str) {
    match state {
        Some(MonthState::Compliant) => (Some("A5D6A7"), "●"),
        Some(MonthState::Failing) => (Some("FFE082"), "◐"),
        Some(MonthState::Missing) => (Some("EF9A9A"), "○"),
        None => (None, "·"),
    }
}

/// Units × months as a table of twelve months a line, a line per unit and year, so that it
/// fits the page whatever the period.
pub(super) fn month_picture(out: &mut String, p: &MonthPicture, lang: Lang) {
    if p.show_key {
        out.push_str(r#"<w:p><w:pPr><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>"#);
        let states = [
            Some(MonthState::Compliant),
            Some(MonthState::Failing),
            Some(MonthState::Missing),
            None,
        ];
        for (i, (state, words)) in states.iter().zip(&p.key).enumerate() {
            let (fill, symbol) = month_cell(*state);
            let _ = write!(out, "<w:r><w:rPr><w:sz w:val=\"22\"/>");
            if let Some(fill) = fill {
                let _ = write!(
                    out,
                    r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>"#
                );
            }
            let _ = write!(
                out,
                r#"</w:rPr><w:t xml:space="preserve"> {symbol} </w:t></w:r>"#
            );
            let sep = if i + 1 < states.len() { "   " } else { "" };
            run(out, &format!(" {words}{sep}"), Look::PLAIN.sized(22));
        }
        out.push_str("</w:p>");
    }
    let months: Vec<Month> = p.span.months().collect();
    let years: Vec<i32> = {
        let mut y: Vec<i32> = months.iter().map(|m| m.year).collect();
        y.dedup();
        y
    };
    let unit_w = TEXT_WIDTH * 26 / 100;
    let year_w = TEXT_WIDTH * 10 / 100;
    let month_w = (TEXT_WIDTH - unit_w - year_w) / 12;
    let mut widths = vec![unit_w, year_w];
    widths.extend(std::iter::repeat_n(month_w, 12));
    grid(out, &widths, true);
    let numbers: Vec<String> = (1..=12).map(|m| m.to_string()).collect();
    let mut titles = vec![
        report_docx::months::UNIT.get(lang),
        report_docx::months::YEAR.get(lang),
    ];
    titles.extend(numbers.iter().map(String::as_str));
    header_row(out, &titles, &widths);
    for (unit, states) in &p.units {
        let states: std::collections::BTreeMap<Month, MonthState> =
            states.iter().copied().collect();
        for (i, year) in years.iter().enumerate() {
            out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            cell_start(out, unit_w, None, true);
            let name = if i == 0 { unit.as_str() } else { "" };
            para(out, r#"<w:pStyle w:val="TableText"/>"#, name, Look::PLAIN);
            out.push_str("</w:tc>");
            cell_start(out, year_w, None, false);
            para(
                out,
                r#"<w:pStyle w:val="TableText"/><w:jc w:val="center"/>"#,
                &year.to_string(),
                Look::PLAIN,
            );
            out.push_str("</w:tc>");
            for month in 1..=12 {
                let m = Month { year: *year, month };
                let in_span = months.contains(&m);
                let (fill, symbol) = if in_span {
                    month_cell(states.get(&m).copied())
                } else {
                    (None, "")
                };
                cell_start(out, month_w, fill, false);
                para(
                    out,
                    r#"<w:pStyle w:val="TableText"/><w:jc w:val="center"/>"#,
                    symbol,
                    Look::PLAIN,
                );
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
    }
    out.push_str("</w:tbl>");
    para(
        out,
        r#"<w:pStyle w:val="Caption"/>"#,
        &p.caption,
        Look::PLAIN,
    );
}
