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

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
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
