//! The body of `word/document.xml` as a secretary sees it: paragraphs, numbered as she counts
//! them, and tables of rows of cells.
//!
//! - A paragraph's text is its runs' text (`w:t`), tabs and line breaks; deleted text of tracked
//!   changes (`w:del`), field codes and the fallback copy of drawings are not text she sees.
//! - Paragraphs are numbered 1, 2, … in document order, tables' too, counting only those with
//!   visible text (as Word's own count of paragraphs does): "đoạn 14" is the 14th.
//! - No entity is expanded beyond XML's five and character references; a document type
//!   declaration is ignored; nesting deeper than [`MAX_DEPTH`] is refused.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Elements nested deeper than this make the document unreadable (Word writes fewer than 30).
pub const MAX_DEPTH: usize = 256;

/// Paragraphs with visible text a document may have (a hundred-page document has a few
/// thousand): what a document costs to read is bounded by this, not by what its zip unfolds to.
pub const MAX_PARAGRAPHS: u32 = 50_000;

/// Table rows and cells a document may have, empty ones included.
pub const MAX_CELLS: u32 = 200_000;

/// A paragraph with visible text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based, among the paragraphs with visible text.
    pub number: u32,
    /// NFC text; tabs as `\t`, line breaks as `\n`.
    pub text: String,
    /// The paragraph style's id (`w:pStyle`), when one is set.
    pub style: Option<String>,
}

/// A part of the body, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    /// Rows of cells; a cell's paragraphs (those of a table nested in it included).
    Table(Vec<Vec<Vec<Paragraph>>>),
}

/// Why the document's XML cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyError {
    Xml(String),
    TooDeep,
    /// More than [`MAX_PARAGRAPHS`] paragraphs, or [`MAX_CELLS`] table rows and cells.
    TooManyParagraphs,
    /// The part is not the XML of a Word document (no `w:document` element: binary bytes,
    /// another kind of XML).
    NotWordXml,
    /// The XML is written in UTF-16, which Word never writes.
    Utf16,
}

impl BodyError {
    /// The reason in the reader's words, for the errors [`super::DocxError`] does not word.
    pub fn message(&self, lang: kiemtra_rules::Lang) -> String {
        use kiemtra_messages::{m::hostile, Say};
        match self {
            BodyError::TooManyParagraphs => hostile::DocxTooManyParagraphs {
                paragraphs: &MAX_PARAGRAPHS,
                cells: &MAX_CELLS,
            }
            .say(lang),
            BodyError::NotWordXml => hostile::DOCX_NOT_WORD_XML.get(lang).into(),
            BodyError::Utf16 => hostile::DOCX_UTF16.get(lang).into(),
            BodyError::Xml(detail) => hostile::DocxXml { detail }.say(lang),
            BodyError::TooDeep => hostile::DocxTooDeep { depth: &MAX_DEPTH }.say(lang),
        }
    }
}

#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    /// Open tables (a table inside a cell nests).
    tables: Vec<Vec<Vec<Vec<Paragraph>>>>,
    /// Open paragraphs (a text box inside a paragraph holds paragraphs of its own).
    paragraphs: Vec<(String, Option<String>)>,
    number: u32,
    /// Depth inside elements whose text is not shown (`w:del`, `w:instrText`, `mc:Fallback`).
    hidden: usize,
    in_text: bool,
    /// Table rows and cells opened.
    cells: u32,
    /// Whether a `document` element was seen.
    document: bool,
    /// A limit passed: reading stops.
    over: bool,
}

impl Walk {
    fn start(&mut self, e: &BytesStart<'_>) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.hidden > 0 || hides(e) {
            self.hidden += 1;
            return;
        }
        match name {
            b"document" => self.document = true,
            b"p" => self.paragraphs.push((String::new(), None)),
            b"tbl" => self.tables.push(Vec::new()),
            b"tr" | b"tc" if self.cells >= MAX_CELLS => self.over = true,
            b"tr" => {
                self.cells += 1;
                if let Some(t) = self.tables.last_mut() {
                    t.push(Vec::new());
                }
            }
            b"tc" => {
                self.cells += 1;
                if let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(Vec::new());
                }
            }
            b"t" => self.in_text = true,
            _ => {}
        }
    }

    /// An element without content (`<w:tab/>`, `<w:pStyle w:val="…"/>`).
    fn empty(&mut self, e: &BytesStart<'_>) {
        if self.hidden > 0 {
            return;
        }
        let Some((text, style)) = self.paragraphs.last_mut() else {
            return;
        };
        match e.local_name().as_ref() {
            b"tab" => text.push('\t'),
            b"br" | b"cr" => text.push('\n'),
            b"pStyle" => {
                *style = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"val")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned());
            }
            _ => {}
        }
    }

    fn end(&mut self, local: &[u8]) {
        if self.hidden > 0 {
            self.hidden -= 1;
            return;
        }
        match local {
            b"t" => self.in_text = false,
            b"p" => {
                if let Some((text, style)) = self.paragraphs.pop() {
                    self.paragraph(text, style);
                }
            }
            b"tbl" => {
                if let Some(table) = self.tables.pop() {
                    match self.tables.last_mut().and_then(|t| t.last_mut()) {
                        // A nested table: its paragraphs belong to the enclosing cell.
                        Some(row) => {
                            if let Some(cell) = row.last_mut() {
                                cell.extend(table.into_iter().flatten().flatten());
                            }
                        }
                        None => self.blocks.push(Block::Table(table)),
                    }
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if self.hidden == 0 && self.in_text {
            if let Some((text, _)) = self.paragraphs.last_mut() {
                text.push_str(s);
            }
        }
    }

    fn paragraph(&mut self, text: String, style: Option<String>) {
        if !text.chars().any(|c| !c.is_whitespace()) {
            return;
        }
        if self.number >= MAX_PARAGRAPHS {
            self.over = true;
            return;
        }
        self.number += 1;
        let p = Paragraph {
            number: self.number,
            text: kiemtra_rules::text::nfc(text.into()).into_owned(),
            style,
        };
        let cell = self
            .tables
            .last_mut()
            .and_then(|t| t.last_mut())
            .and_then(|row| row.last_mut());
        match cell {
            Some(cell) => cell.push(p),
            None => self.blocks.push(Block::Paragraph(p)),
        }
    }
}

/// A byte order mark of UTF-16, or `<?` / `<w` written in it.
fn is_utf16(xml: &[u8]) -> bool {
    matches!(
        xml.get(..2),
        Some([0xFF, 0xFE] | [0xFE, 0xFF] | [b'<', 0] | [0, b'<'])
    )
}

/// Elements whose content is not visible text.
fn hides(e: &BytesStart<'_>) -> bool {
    matches!(
        e.local_name().as_ref(),
        b"del" | b"instrText" | b"delText" | b"Fallback" | b"footnoteReference"
    )
}

/// The body of a `word/document.xml`.
pub fn read(xml: &[u8]) -> Result<Vec<Block>, BodyError> {
    if is_utf16(xml) {
        return Err(BodyError::Utf16);
    }
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut walk = Walk::default();
    let mut depth = 0usize;
    let mut buf = Vec::new();
    loop {
        // Broken before any `w:document` element: not Word's XML at all (binary bytes).
        let seen = walk.document;
        let broken = |e: &dyn std::fmt::Display| match seen {
            true => BodyError::Xml(e.to_string()),
            false => BodyError::NotWordXml,
        };
        let event = reader.read_event_into(&mut buf).map_err(|e| broken(&e))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(BodyError::TooDeep);
                }
                walk.start(&e);
            }
            Event::Empty(e) => walk.empty(&e),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                walk.end(e.local_name().as_ref());
            }
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| broken(&e))?;
                walk.text(&s);
            }
            Event::CData(t) => {
                let s = t.decode().map_err(|e| broken(&e))?;
                walk.text(&s);
            }
            Event::GeneralRef(r) => {
                // XML's five entities and character references; any other is not expanded.
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &*r {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    walk.text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if walk.over {
            return Err(BodyError::TooManyParagraphs);
        }
        buf.clear();
    }
    if !walk.document {
        return Err(BodyError::NotWordXml);
    }
    // Paragraphs or tables left open by a truncated document still count.
    while let Some((text, style)) = walk.paragraphs.pop() {
        walk.paragraph(text, style);
    }
    while !walk.tables.is_empty() {
        walk.end(b"tbl");
    }
    Ok(walk.blocks)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn texts(blocks: &[Block]) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        for b in blocks {
            match b {
                Block::Paragraph(p) => out.push((p.number, p.text.clone())),
                Block::Table(rows) => {
                    for p in rows.iter().flatten().flatten() {
                        out.push((p.number, format!("[{}]", p.text)));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn paragraphs_and_tables_in_order_numbered_as_seen() {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document {W}><w:body>
            <w:p><w:r><w:t>Chủ trì: </w:t></w:r><w:r><w:t>Nguyễn Văn An</w:t></w:r></w:p>
            <w:p></w:p>
            <w:p><w:pPr><w:pStyle w:val="KiemtraHuongDan"/></w:pPr><w:r><w:t>A&amp;B</w:t><w:tab/><w:t>&#x43;</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Nhiệm vụ</w:t></w:r></w:p></w:tc>
            <w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>nested</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>Kết </w:t></w:r><w:del><w:r><w:delText>xoá</w:delText></w:r></w:del><w:ins><w:r><w:t>luận</w:t></w:r></w:ins></w:p>
            </w:body></w:document>"#
        );
        let blocks = read(xml.as_bytes()).unwrap();
        assert_eq!(
            texts(&blocks),
            [
                (1, "Chủ trì: Nguyễn Văn An".to_string()),
                (2, "A&B\tC".into()),
                (3, "[Nhiệm vụ]".into()),
                (4, "[nested]".into()),
                (5, "Kết luận".into()),
            ]
        );
        let Block::Paragraph(p) = &blocks[1] else {
            panic!()
        };
        assert_eq!(p.style.as_deref(), Some("KiemtraHuongDan"));
    }

    #[test]
    fn a_text_box_is_read_once_after_its_paragraph() {
        // Word writes a text box twice: in the drawing and in its fallback for old readers.
        let xml = format!(
            r#"<w:document {W} xmlns:mc="m" xmlns:wps="s"><w:body><w:p><w:r><w:t>Trước </w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>CHI BỘ THÔN 2</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>CHI BỘ THÔN 2</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>sau</w:t></w:r></w:p></w:body></w:document>"#
        );
        assert_eq!(
            texts(&read(xml.as_bytes()).unwrap()),
            [(1, "CHI BỘ THÔN 2".into()), (2, "Trước sau".into())]
        );
    }

    #[test]
    fn nfd_text_is_read_as_nfc() {
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Kết luận").collect();
        let xml = format!(
            r#"<w:document {W}><w:body><w:p><w:r><w:t>{nfd}</w:t></w:r></w:p></w:body></w:document>"#
        );
        assert_eq!(
            texts(&read(xml.as_bytes()).unwrap()),
            [(1, "Kết luận".into())]
        );
    }

    #[test]
    fn entities_are_not_expanded_and_depth_is_bounded() {
        let bomb = format!(
            r#"<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><w:document {W}><w:body><w:p><w:r><w:t>&b;&b;</w:t></w:r></w:p></w:body></w:document>"#
        );
        assert!(texts(&read(bomb.as_bytes()).unwrap()).is_empty());
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        assert_eq!(read(deep.as_bytes()), Err(BodyError::TooDeep));
    }

    #[test]
    fn memory_is_bounded_by_a_count_of_paragraphs_not_by_the_unzipped_size() {
        let many = format!(
            "<w:document {W}><w:body>{}</w:body></w:document>",
            "<w:p><w:t>a</w:t></w:p>".repeat(MAX_PARAGRAPHS as usize + 1)
        );
        assert_eq!(read(many.as_bytes()), Err(BodyError::TooManyParagraphs));
        let cells = format!(
            "<w:document {W}><w:body><w:tbl>{}</w:tbl></w:body></w:document>",
            "<w:tr></w:tr>".repeat(MAX_CELLS as usize + 1)
        );
        assert_eq!(read(cells.as_bytes()), Err(BodyError::TooManyParagraphs));
        let fine = format!(
            "<w:document {W}><w:body>{}</w:body></w:document>",
            "<w:p><w:t>a</w:t></w:p>".repeat(1000)
        );
        assert_eq!(read(fine.as_bytes()).unwrap().len(), 1000);
    }

    #[test]
    fn garbage_and_utf16_are_not_read_as_an_empty_document() {
        let garbage: Vec<u8> = (0..4000u32)
            .map(|i| (i * 7919 % 251) as u8)
            .filter(|&b| b != b'<')
            .collect();
        assert_eq!(read(&garbage), Err(BodyError::NotWordXml));
        assert_eq!(read(b"<html><p>x</p></html>"), Err(BodyError::NotWordXml));
        let utf16: Vec<u8> = format!("\u{FEFF}<w:document {W}></w:document>")
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(read(&utf16), Err(BodyError::Utf16));
        for e in [
            BodyError::NotWordXml,
            BodyError::Utf16,
            BodyError::TooManyParagraphs,
        ] {
            assert!(e.message(kiemtra_rules::Lang::Vi).contains("văn bản"));
        }
    }
}
