//! The filed report as a Word document the department edits before signing: a serialiser of
//! the report document (`page.rs`), laid out as a party document (Hướng dẫn 36-HD/VPTW, 2018;
//! the page and styles are in `parts.rs`).
//!
//! - The head is a borderless table: the inspecting body, `*` and the number on the left;
//!   “ĐẢNG CỘNG SẢN VIỆT NAM”, underlined, and the place and date in italics on the right. Then
//!   the title, the sections under Word's own heading styles, Nơi nhận and the signature in a
//!   borderless table, and the appendices, each on a new page.
//! - Tables are Word tables whose header row repeats on every page; lists are Word lists.
//! - Written by hand with the `zip` crate the project already reads Word files with: the
//!   body goes into the compressed entry a part at a time as it is made (the findings tables
//!   too, as with HTML), so a district's report is never held whole as XML. No timestamps and
//!   no generated ids: the same report is the same bytes.

mod parts;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Cursor, Write};

use kiemtra_messages::m;
use kiemtra_messages::m::report_docx;
use kiemtra_rules::{Lang, Month, Severity};
use kiemtra_runner::MonthState;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::page::{
    Block, Cell, Figure, MonthPicture, Page, Section, Sink, Span, Style, Table, Text, Value,
};
use parts::{R, TEXT_WIDTH, W};

/// Text for XML: controls and bidirectional marks shown (see [`kiemtra_input::escape`]), the
/// five XML characters escaped, and the two characters XML cannot hold replaced.
fn esc(text: &str) -> Cow<'_, str> {
    let shown = kiemtra_input::escape::visible(text);
    if !shown
        .chars()
        .any(|c| matches!(c, '&' | '<' | '>' | '"' | '\u{fffe}' | '\u{ffff}'))
    {
        return shown;
    }
    let mut out = String::with_capacity(shown.len() + 16);
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A bookmark's name for a link target: Word takes letters, digits and `_`, at most 40.
fn mark(target: &str) -> String {
    std::iter::once('k')
        .chain(
            target
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }),
        )
        .take(40)
        .collect()
}

/// Run properties.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
    underline: bool,
    mono: bool,
    /// Half-points; 0: the style's.
    size: u32,
}

impl Look {
    const PLAIN: Look = Look {
        bold: false,
        italic: false,
        underline: false,
        mono: false,
        size: 0,
    };
    fn bold() -> Look {
        Look {
            bold: true,
            ..Look::PLAIN
        }
    }
    fn italic() -> Look {
        Look {
            italic: true,
            ..Look::PLAIN
        }
    }
    fn sized(mut self, size: u32) -> Look {
        self.size = size;
        self
    }
}

fn run(out: &mut String, text: &str, look: Look) {
    out.push_str("<w:r>");
    if look.bold || look.italic || look.underline || look.mono || look.size > 0 {
        out.push_str("<w:rPr>");
        if look.mono {
            out.push_str(
                r#"<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>"#,
            );
        }
        if look.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if look.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        // In the order the schema gives (Word refuses another): size before underline.
        if look.size > 0 {
            let _ = write!(
                out,
                r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
                look.size
            );
        }
        if look.underline {
            out.push_str(r#"<w:u w:val="single"/>"#);
        }
        out.push_str("</w:rPr>");
    }
    let _ = write!(
        out,
        r#"<w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    );
}

/// A paragraph of one run; `ppr` its properties (without `<w:pPr>`).
fn para(out: &mut String, ppr: &str, text: &str, look: Look) {
    out.push_str("<w:p>");
    if !ppr.is_empty() {
        let _ = write!(out, "<w:pPr>{ppr}</w:pPr>");
    }
    if !text.is_empty() {
        run(out, text, look);
    }
    out.push_str("</w:p>");
}

/// Runs of a text; `base` the look of plain runs.
fn spans(out: &mut String, t: &Text, base: Look) {
    let mut first = true;
    for span in t {
        match span {
            Span::Plain(s) => run(out, s, base),
            Span::Code(s) => {
                if !first {
                    run(out, " ", base);
                }
                let look = Look {
                    mono: true,
                    size: 20,
                    ..base
                };
                run(out, s, look);
            }
            Span::Hint(s) => {
                if !first {
                    out.push_str("<w:r><w:br/></w:r>");
                }
                let look = Look {
                    italic: true,
                    size: 22,
                    ..base
                };
                run(out, s, look);
            }
            Span::Small(s) => {
                if !first {
                    out.push_str("<w:r><w:br/></w:r>");
                }
                run(out, s, base.sized(20));
            }
            Span::Link { text, target } => {
                let _ = write!(out, r#"<w:hyperlink w:anchor="{}">"#, mark(target));
                run(out, text, base);
                out.push_str("</w:hyperlink>");
            }
        }
        first = false;
    }
}

/// The document being written: the body into the sink, and what the fixed parts need to know.
struct Writer<'s, 'w> {
    out: &'s mut Sink<'w>,
    lang: Lang,
    /// Numbered lists so far (each its own numbering instance).
    lists: u32,
    /// Bookmarks so far (their ids).
    marks: u32,
}

impl Writer<'_, '_> {
    fn heading(&mut self, s: &Section, depth: usize) {
        let level = depth.clamp(1, 4);
        let mut ppr = format!(r#"<w:pStyle w:val="Heading{level}"/>"#);
        if s.new_page {
            ppr.push_str("<w:pageBreakBefore/>");
        }
        let _ = write!(self.out, "<w:p><w:pPr>{ppr}</w:pPr>");
        let bookmark = s.id.as_ref().map(|id| {
            self.marks += 1;
            let _ = write!(
                self.out,
                r#"<w:bookmarkStart w:id="{}" w:name="{}"/>"#,
                self.marks,
                mark(id)
            );
            self.marks
        });
        run(self.out, &s.title, Look::PLAIN);
        if let Some(n) = bookmark {
            let _ = write!(self.out, r#"<w:bookmarkEnd w:id="{n}"/>"#);
        }
        self.out.push_str("</w:p>");
    }

    fn section(&mut self, s: &Section, depth: usize) {
        self.heading(s, depth);
        for b in &s.blocks {
            self.block(b, depth);
            self.out.pass_on();
        }
    }

    fn block(&mut self, b: &Block, depth: usize) {
        match b {
            Block::Section(sub) => self.section(sub, depth + 1),
            Block::Paragraph(t) => {
                self.out.push_str("<w:p>");
                spans(self.out, t, Look::PLAIN);
                self.out.push_str("</w:p>");
            }
            Block::Fields(fields) => {
                for (label, t) in fields {
                    self.out.push_str(r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:jc w:val="left"/></w:pPr>"#);
                    run(self.out, &format!("{label}: "), Look::bold());
                    spans(self.out, t, Look::PLAIN);
                    self.out.push_str("</w:p>");
                }
            }
            Block::List { numbered, items } => {
                let id = if *numbered {
                    self.lists += 1;
                    self.lists + 1
                } else {
                    1
                };
                for t in items {
                    let _ = write!(
                        self.out,
                        r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{id}"/></w:numPr><w:jc w:val="both"/></w:pPr>"#
                    );
                    spans(self.out, t, Look::PLAIN);
                    self.out.push_str("</w:p>");
                }
            }
            Block::Table(t) => table(self.out, t, self.lang),
            Block::Findings { unit } => {
                if let Some(t) = (self.out.findings)(unit) {
                    table(self.out, &t, self.lang);
                }
            }
            Block::Figure(Figure::Months(p)) => month_picture(self.out, p, self.lang),
            // The bars say what the table of rules above them says (as in Markdown).
            Block::Figure(Figure::RuleBars { .. }) => {}
        }
    }
}

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

fn grid(out: &mut String, widths: &[u32], borders: bool) {
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
fn cell_start(out: &mut String, width: u32, fill: Option<&str>, no_wrap: bool) {
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

fn table(out: &mut String, t: &Table, lang: Lang) {
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
fn month_picture(out: &mut String, p: &MonthPicture, lang: Lang) {
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

/// The head of a party document.
fn head(out: &mut String, page: &Page) {
    let h = &page.head;
    // The party's name and the date line are the longer: the right column is the wider. The
    // head's lines are 13 pt (36-HD/VPTW: 14), so that a district's name and the date line
    // each keep to one line on a page 160 mm wide.
    let left = TEXT_WIDTH * 43 / 100;
    let right = TEXT_WIDTH - left;
    grid(out, &[left, right], false);
    out.push_str("<w:tr>");
    cell_start(out, left, None, false);
    let centred = r#"<w:pStyle w:val="Centred"/>"#;
    let line = Look::PLAIN.sized(26);
    if h.body.is_empty() {
        para(out, centred, "……………………………", line);
    }
    for (text, bold) in &h.body {
        let look = Look {
            bold: *bold,
            ..line
        };
        para(out, centred, &text.to_uppercase(), look);
    }
    para(out, centred, "*", line);
    para(out, centred, &h.number, line);
    out.push_str("</w:tc>");
    cell_start(out, right, None, false);
    para(
        out,
        centred,
        m::report::head::PARTY.get(page.head.lang),
        Look {
            bold: true,
            underline: true,
            size: 30,
            ..Look::PLAIN
        },
    );
    para(
        out,
        r#"<w:pStyle w:val="Centred"/><w:spacing w:before="240" w:after="0"/>"#,
        &h.date_line,
        Look {
            italic: true,
            ..line
        },
    );
    out.push_str("</w:tc></w:tr></w:tbl>");
    para(out, r#"<w:pStyle w:val="Title"/>"#, &h.title, Look::PLAIN);
    para(
        out,
        r#"<w:pStyle w:val="Subtitle"/>"#,
        &h.subtitle,
        Look::PLAIN,
    );
}

/// Nơi nhận on the left, the signer on the right, kept on one page.
fn signature(out: &mut String, page: &Page) {
    let sig = &page.signature;
    let left = TEXT_WIDTH * 42 / 100;
    let right = TEXT_WIDTH - left;
    para(
        out,
        r#"<w:keepNext/><w:spacing w:after="0"/>"#,
        "",
        Look::PLAIN,
    );
    grid(out, &[left, right], false);
    out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    cell_start(out, left, None, false);
    para(
        out,
        r#"<w:pStyle w:val="Recipients"/><w:keepNext/>"#,
        &sig.recipients_label,
        // 14 pt, upright, underlined; the recipients 12 pt (36-HD/VPTW).
        Look {
            underline: true,
            size: 28,
            ..Look::PLAIN
        },
    );
    for r in &sig.recipients {
        para(
            out,
            r#"<w:pStyle w:val="Recipients"/><w:keepNext/>"#,
            r,
            Look::PLAIN,
        );
    }
    out.push_str("</w:tc>");
    cell_start(out, right, None, false);
    let centred = r#"<w:pStyle w:val="Centred"/><w:keepNext/>"#;
    for line in &sig.lines {
        para(out, centred, line, Look::bold());
    }
    para(out, centred, &sig.note, Look::italic().sized(26));
    // The space for the signature and the seal.
    for _ in 0..4 {
        para(out, centred, "", Look::PLAIN);
    }
    if let Some(name) = &sig.name {
        para(out, centred, name, Look::bold());
    }
    out.push_str("</w:tc></w:tr></w:tbl>");
}

/// Writes the report as a `.docx`.
pub(crate) fn write(
    page: &Page,
    findings: &dyn Fn(&str) -> Option<Table>,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_in_parts(page, findings, out, None)
}

/// [`write`], the body handed to the zip entry in parts of `part` bytes (the sink's own size
/// when `None`).
pub(crate) fn write_in_parts(
    page: &Page,
    findings: &dyn Fn(&str) -> Option<Table>,
    out: &mut dyn Write,
    part: Option<usize>,
) -> io::Result<()> {
    let lang = page.head.lang;
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    let styles = parts::styles(report_docx::LANG_TAG.get(lang));
    for (name, text) in [
        ("[Content_Types].xml", parts::CONTENT_TYPES),
        ("_rels/.rels", parts::RELS),
        ("word/_rels/document.xml.rels", parts::DOCUMENT_RELS),
        ("word/styles.xml", styles.as_str()),
        ("word/settings.xml", parts::settings().as_str()),
        ("word/header1.xml", parts::header().as_str()),
    ] {
        zip.start_file(name, options).map_err(io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    zip.start_file("word/document.xml", options)
        .map_err(io::Error::other)?;
    let lists = {
        let mut sink = Sink::new(&mut zip, findings);
        if let Some(part) = part {
            sink.part = part;
        }
        let _ = write!(
            sink,
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>"
        );
        head(&mut sink, page);
        let mut w = Writer {
            out: &mut sink,
            lang,
            lists: 0,
            marks: 0,
        };
        for s in &page.sections {
            w.section(s, 1);
        }
        signature(w.out, page);
        for s in &page.appendices {
            w.section(s, 1);
        }
        let lists = w.lists;
        sink.push_str(parts::SECTION);
        sink.push_str("</w:body></w:document>");
        sink.finish()?;
        lists
    };
    zip.start_file("word/numbering.xml", options)
        .map_err(io::Error::other)?;
    zip.write_all(parts::numbering(lists).as_bytes())?;
    let bytes = zip.finish().map_err(io::Error::other)?.into_inner();
    out.write_all(&bytes)
}
