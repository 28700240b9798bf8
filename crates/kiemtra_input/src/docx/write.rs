//! Writes a `.docx`: the few parts Word needs (content types, relationships, styles, the
//! document), paragraphs and simple tables, by hand with the `zip` crate kiemtra already has
//! for reading. A template needs no more than that, and the output is byte-identical from run
//! to run (fixed entry times, no generated ids).

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use super::GUIDANCE_STYLE;

/// How a paragraph looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    Normal,
    /// Centred, bold, larger: the title.
    Title,
    /// Centred (the party header).
    Centred,
    /// Grey italics, in the guidance style (the reader skips it).
    Guidance,
}

/// A run of text; `bold` for a label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

/// A paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Para {
    pub look: Look,
    pub runs: Vec<Run>,
}

impl Para {
    pub fn new(look: Look, text: impl Into<String>) -> Para {
        Para {
            look,
            runs: vec![Run {
                text: text.into(),
                bold: false,
            }],
        }
    }

    /// `Label: value` with the label in bold.
    pub fn labelled(label: &str, value: impl Into<String>) -> Para {
        Para {
            look: Look::Normal,
            runs: vec![
                Run {
                    text: format!("{label}: "),
                    bold: true,
                },
                Run {
                    text: value.into(),
                    bold: false,
                },
            ],
        }
    }

    /// The paragraph's text.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A part of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Para(Para),
    /// Rows of cells; the first row is the header, in bold.
    Table(Vec<Vec<String>>),
    /// Blocks of paragraphs side by side, without borders (the signatures).
    Signatures(Vec<Vec<Para>>),
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:customStyle="1" w:styleId="{GUIDANCE_STYLE}"><w:name w:val="Hướng dẫn (kiemtra)"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="284"/></w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val="808080"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>"#
    )
}

/// Text as XML character data. A character XML 1.0 cannot hold at all, even escaped (control
/// characters but tab and line ends, U+FFFE, U+FFFF), becomes U+FFFD: the file stays one Word
/// opens, whatever text it is given.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if !xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document (its production `Char`).
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn run(out: &mut String, r: &Run, bold_all: bool) {
    out.push_str("<w:r>");
    if r.bold || bold_all {
        out.push_str("<w:rPr><w:b/></w:rPr>");
    }
    for (i, line) in r.text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        out.push_str(&format!(
            r#"<w:t xml:space="preserve">{}</w:t>"#,
            escape(line)
        ));
    }
    out.push_str("</w:r>");
}

fn paragraph(out: &mut String, p: &Para) {
    out.push_str("<w:p>");
    match p.look {
        Look::Normal => {}
        Look::Title => out.push_str(
            r#"<w:pPr><w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:pPr>"#,
        ),
        Look::Centred => out.push_str(r#"<w:pPr><w:jc w:val="center"/></w:pPr>"#),
        Look::Guidance => {
            out.push_str(&format!(r#"<w:pPr><w:pStyle w:val="{GUIDANCE_STYLE}"/></w:pPr>"#));
        }
    }
    for r in &p.runs {
        if p.look == Look::Title {
            out.push_str(r#"<w:r><w:rPr><w:b/><w:sz w:val="28"/></w:rPr>"#);
            out.push_str(&format!(
                r#"<w:t xml:space="preserve">{}</w:t></w:r>"#,
                escape(&r.text)
            ));
        } else {
            run(out, r, false);
        }
    }
    out.push_str("</w:p>");
}

fn table(out: &mut String, rows: &[Vec<String>]) {
    out.push_str(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr>"#);
    for (i, row) in rows.iter().enumerate() {
        out.push_str("<w:tr>");
        for cell in row {
            out.push_str("<w:tc><w:p>");
            run(
                out,
                &Run {
                    text: cell.clone(),
                    bold: false,
                },
                i == 0,
            );
            out.push_str("</w:p></w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// Side by side in a table without borders, the width of the page shared evenly.
fn signatures(out: &mut String, blocks: &[Vec<Para>]) {
    // Kept on one page: a title never parted from its name.
    out.push_str(
        r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tr><w:trPr><w:cantSplit/></w:trPr>"#,
    );
    for paras in blocks {
        out.push_str("<w:tc>");
        for p in paras {
            paragraph(out, p);
        }
        if paras.is_empty() {
            out.push_str("<w:p/>");
        }
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr></w:tbl>");
}

/// `word/document.xml` of these parts.
pub fn document_xml(parts: &[Part]) -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"><w:body>"#
    );
    for part in parts {
        match part {
            Part::Para(p) => paragraph(&mut out, p),
            Part::Table(rows) => table(&mut out, rows),
            Part::Signatures(blocks) => signatures(&mut out, blocks),
        }
    }
    out.push_str(
        r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>"#,
    );
    out
}

/// The parts of a document written as plain text, as the corpus of minutes
/// (`fixtures/minutes/`) is: a paragraph a line; `⏎` a line break inside it; `| a | b |` a table
/// row (rows in a row make one table); `#` a comment; blank lines skipped.
pub fn parts_of_text(text: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if let Some(row) = line.strip_prefix('|') {
            let row = row.strip_suffix('|').unwrap_or(row);
            table.push(
                row.split(" | ")
                    .map(|c| c.trim().replace('⏎', "\n"))
                    .collect(),
            );
            continue;
        }
        if !table.is_empty() {
            parts.push(Part::Table(std::mem::take(&mut table)));
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        parts.push(Part::Para(Para::new(Look::Normal, line.replace('⏎', "\n"))));
    }
    if !table.is_empty() {
        parts.push(Part::Table(table));
    }
    parts
}

/// A `.docx` file of these parts.
pub fn docx(parts: &[Part]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let document = document_xml(parts);
    let styles = styles();
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", styles.as_str()),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_xml_cannot_hold_never_reaches_the_document() {
        let parts = [Part::Para(Para::labelled(
            "Mã chi bộ",
            "HC\u{1}CB\u{FFFF}\u{0}<&>",
        ))];
        let xml = document_xml(&parts);
        assert!(!xml.contains(['\u{1}', '\u{FFFF}', '\u{0}']), "{xml}");
        assert!(
            xml.contains("HC\u{FFFD}CB\u{FFFD}\u{FFFD}&lt;&amp;&gt;"),
            "{xml}"
        );
        // Well-formed: read back without error.
        let bytes = docx(&parts).unwrap();
        assert!(crate::docx::read(&bytes, None).is_ok());
    }

    #[test]
    fn dots_inside_values_are_text_only_blanks_are_taken_out() {
        let parts = [
            Part::Para(Para::labelled("Mã chi bộ", "HC-CB01")),
            // A themed session shown, so that the conclusion is the session's.
            Part::Para(Para::labelled("Chủ đề", "Công tác dân vận")),
            Part::Para(Para::labelled("Kết luận", "xem mục 2..3, v.v... và tổ 2…")),
            Part::Para(Para::labelled("Chủ trì", "……Nguyễn Văn An.........")),
            Part::Para(Para::labelled("Thư ký", "..")),
        ];
        let m = crate::docx::read(&docx(&parts).unwrap(), None).unwrap();
        let get = |k: &str| m.record.get(k).cloned();
        let session = m
            .record
            .get("session")
            .and_then(|s| s.get("conclusion"))
            .cloned();
        assert_eq!(
            session
                .and_then(|v| v.as_str().map(str::to_owned))
                .as_deref(),
            Some("xem mục 2..3, v.v... và tổ 2…")
        );
        assert_eq!(
            get("chair")
                .and_then(|v| v.as_str().map(str::to_owned))
                .as_deref(),
            Some("Nguyễn Văn An")
        );
        assert!(
            get("secretary").is_none_or(|v| v.as_str().is_none_or(str::is_empty)),
            "{m:?}"
        );
    }

    #[test]
    fn every_assignment_row_keeps_its_own_place() {
        let mut rows = vec![vec![
            "Người được giao".to_owned(),
            "Nhiệm vụ".into(),
            "Thời hạn".into(),
        ]];
        rows.extend(
            (0..500).map(|i| vec![format!("Tổ {i}"), format!("Việc {i}"), "khi xong".into()]),
        );
        let parts = [
            Part::Para(Para::labelled("Mã chi bộ", "HC-CB01")),
            Part::Para(Para::labelled("Chủ đề", "Công tác dân vận")),
            Part::Para(Para::labelled("Phân công thực hiện", "")),
            Part::Table(rows),
        ];
        let m = crate::docx::read(&docx(&parts).unwrap(), None).unwrap();
        let first = m.places.of("/session/assignments/0/due").unwrap().paragraph;
        for i in 0..500u32 {
            let p = m
                .places
                .of(&format!("/session/assignments/{i}/due"))
                .unwrap();
            assert_eq!(p.paragraph, first + 3 * i, "row {i}");
        }
    }
}
