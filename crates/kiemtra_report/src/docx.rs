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
mod runs;
mod tables;

use std::fmt::Write as _;
use std::io::{self, Cursor, Write};

use kiemtra_messages::m;
use kiemtra_messages::m::report_docx;
use kiemtra_rules::Lang;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::page::{Block, Figure, Page, Section, Sink, Table};
use parts::{R, TEXT_WIDTH, W};
use runs::{mark, para, run, spans, Look};
use tables::{cell_start, grid, month_picture, table};

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
