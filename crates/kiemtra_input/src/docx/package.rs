//! A `.docx` is a zip package: its text is in `word/document.xml`. The package is opened under
//! limits so that no document, however made, costs more than a bounded amount of memory: the
//! number of entries, and the bytes that part decompresses to (a zip bomb stops at the limit).

use std::io::{Cursor, Read};

use crate::zipshape::Shape;

/// Entries a package may have (a real document has a few dozen).
pub const MAX_ENTRIES: usize = crate::zipshape::MAX_ENTRIES as usize;

/// Bytes `word/document.xml` may decompress to (a hundred-page document is a few MiB).
pub const MAX_DOCUMENT_BYTES: u64 = 16 << 20;

/// Why a file gives no document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackageError {
    /// Not a zip package (a `.doc` renamed, a truncated download…).
    NotZip(String),
    TooManyEntries {
        entries: usize,
    },
    /// No `word/document.xml`: a zip, but not a Word document.
    NoDocument,
    /// `word/document.xml` decompresses to more than [`MAX_DOCUMENT_BYTES`].
    TooLarge,
    /// The part cannot be decompressed (corrupt).
    Unreadable(String),
    /// Saved with a password: the package is encrypted (an OLE file holding an
    /// `EncryptedPackage`, or zip entries encrypted).
    Encrypted,
    /// A Word 97–2003 document (an OLE compound file) under a `.docx` name.
    OldWord,
    /// The main part is compressed with a method other than Word's (deflate) or none.
    UnsupportedCompression {
        method: String,
    },
}

impl PackageError {
    pub fn message(&self, lang: kiemtra_rules::Lang) -> String {
        use kiemtra_messages::{m, Say};
        use kiemtra_rules::Lang::{En, Vi};
        match (self, lang) {
            (PackageError::NotZip(e), Vi) => {
                format!("không phải tệp .docx đọc được ({e}); mở bằng Word và lưu thành .docx")
            }
            (PackageError::NotZip(e), En) => {
                format!("not a readable .docx file ({e}); open it in Word and save as .docx")
            }
            (PackageError::TooManyEntries { entries }, Vi) => {
                format!("tệp .docx có {entries} phần, quá giới hạn {MAX_ENTRIES}: không đọc")
            }
            (PackageError::TooManyEntries { entries }, En) => format!(
                "the .docx package has {entries} entries, over the limit of {MAX_ENTRIES}: not read"
            ),
            (PackageError::NoDocument, Vi) => {
                "tệp zip không có word/document.xml: không phải văn bản Word".into()
            }
            (PackageError::NoDocument, En) => {
                "the zip has no word/document.xml: not a Word document".into()
            }
            (PackageError::TooLarge, Vi) => format!(
                "nội dung văn bản giải nén quá giới hạn {MAX_DOCUMENT_BYTES} byte: không đọc"
            ),
            (PackageError::TooLarge, En) => format!(
                "the document's text decompresses to more than {MAX_DOCUMENT_BYTES} bytes: not read"
            ),
            (PackageError::Unreadable(e), Vi) => {
                format!("không giải nén được nội dung văn bản: {e}")
            }
            (PackageError::Unreadable(e), En) => {
                format!("the document's text cannot be unpacked: {e}")
            }
            (PackageError::Encrypted, lang) => m::hostile::DOCX_ENCRYPTED.get(lang).into(),
            (PackageError::OldWord, lang) => m::hostile::DOCX_OLD_WORD.get(lang).into(),
            (PackageError::UnsupportedCompression { method }, lang) => {
                m::hostile::DocxCompression { method }.say(lang)
            }
        }
    }
}

/// The main part's bytes: the part `_rels/.rels` names as the office document (Word itself
/// writes `word/document.xml`; other writers may name it otherwise), else `word/document.xml`.
pub fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, PackageError> {
    match crate::zipshape::shape(bytes) {
        Shape::Zip => {}
        Shape::TooManyEntries { entries, .. } => {
            return Err(PackageError::TooManyEntries {
                entries: usize::try_from(entries).unwrap_or(usize::MAX),
            })
        }
        Shape::Encrypted => return Err(PackageError::Encrypted),
        Shape::OldBinary => return Err(PackageError::OldWord),
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| PackageError::NotZip(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(PackageError::TooManyEntries { entries: zip.len() });
    }
    let name = main_part(&mut zip).unwrap_or_else(|| "word/document.xml".to_owned());
    let index = zip.index_for_name(&name).ok_or(PackageError::NoDocument)?;
    let method = zip
        .by_index_raw(index)
        .map_err(|e| PackageError::Unreadable(e.to_string()))?
        .compression();
    if !matches!(
        method,
        zip::CompressionMethod::Stored | zip::CompressionMethod::Deflated
    ) {
        return Err(PackageError::UnsupportedCompression {
            method: method.to_string(),
        });
    }
    let part = zip.by_index(index).map_err(|e| match e {
        zip::result::ZipError::UnsupportedArchive(m)
            if m == zip::result::ZipError::PASSWORD_REQUIRED =>
        {
            PackageError::Encrypted
        }
        e => PackageError::Unreadable(e.to_string()),
    })?;
    if part.size() > MAX_DOCUMENT_BYTES {
        return Err(PackageError::TooLarge);
    }
    // The declared size may lie: stop reading one byte past the limit whatever it says.
    let mut out = Vec::new();
    part.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| PackageError::Unreadable(e.to_string()))?;
    if out.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(PackageError::TooLarge);
    }
    Ok(out)
}

/// Bytes `_rels/.rels` may take (a real one is under 1 KiB).
const MAX_RELS_BYTES: u64 = 64 << 10;

/// The name of the part `_rels/.rels` gives as the office document, without its leading `/`.
fn main_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<String> {
    use quick_xml::events::Event;
    let mut rels = Vec::new();
    zip.by_name("_rels/.rels")
        .ok()?
        .take(MAX_RELS_BYTES)
        .read_to_end(&mut rels)
        .ok()?;
    let mut reader = quick_xml::Reader::from_reader(rels.as_slice());
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                let attr = |name: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == name)
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                let is_main = attr(b"Type").is_some_and(|t| t.ends_with("/officeDocument"));
                if is_main && attr(b"TargetMode").is_none_or(|m| m != "External") {
                    let target = attr(b"Target")?;
                    return Some(target.trim_start_matches('/').to_owned());
                }
            }
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const DOC: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Mã chi bộ: HC-CB01</w:t></w:r></w:p></w:body></w:document>"#;

    fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(body).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn the_main_part_is_the_one_the_relationships_name() {
        let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        let p = package(&[
            ("_rels/.rels", rels.as_bytes()),
            ("word/document2.xml", DOC.as_bytes()),
        ]);
        assert_eq!(document_xml(&p).unwrap(), DOC.as_bytes());
        // Without relationships, Word's own name.
        let p = package(&[("word/document.xml", DOC.as_bytes())]);
        assert_eq!(document_xml(&p).unwrap(), DOC.as_bytes());
    }

    #[test]
    fn a_directory_declaring_too_many_entries_is_refused_before_it_is_read() {
        let mut p = package(&[("word/document.xml", DOC.as_bytes())]);
        // The end record's entry counts (offsets 8 and 10) say 4 million: refused at once.
        let end = p.len() - 22;
        p[end + 8..end + 10].copy_from_slice(&0xFFFFu16.to_le_bytes());
        p[end + 10..end + 12].copy_from_slice(&0xFFFFu16.to_le_bytes());
        p[end + 12..end + 16].copy_from_slice(&(46u32 * 4_000_000).to_le_bytes());
        assert!(matches!(
            document_xml(&p),
            Err(PackageError::TooManyEntries { .. })
        ));
        let said =
            PackageError::TooManyEntries { entries: 65_535 }.message(kiemtra_rules::Lang::Vi);
        assert!(said.contains("quá giới hạn"), "{said}");
    }

    #[test]
    fn encrypted_old_and_strangely_compressed_documents_each_have_their_reason() {
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend([0u8; 1000]);
        assert_eq!(document_xml(&ole), Err(PackageError::OldWord));
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(document_xml(&ole), Err(PackageError::Encrypted));
        // Compression method 12 (bzip2) written in both headers.
        let mut p = package(&[("word/document.xml", DOC.as_bytes())]);
        let local = p.windows(4).position(|w| w == b"PK\x03\x04").unwrap();
        p[local + 8..local + 10].copy_from_slice(&12u16.to_le_bytes());
        let central = p.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
        p[central + 10..central + 12].copy_from_slice(&12u16.to_le_bytes());
        let e = document_xml(&p).unwrap_err();
        assert!(
            matches!(e, PackageError::UnsupportedCompression { .. }),
            "{e:?}"
        );
        for e in [
            PackageError::Encrypted,
            PackageError::OldWord,
            PackageError::UnsupportedCompression {
                method: "BZIP2".into(),
            },
        ] {
            let vi = e.message(kiemtra_rules::Lang::Vi);
            let en = e.message(kiemtra_rules::Lang::En);
            assert!(vi.contains("lưu lại thành") && !vi.is_empty(), "{vi}");
            assert!(
                en.contains("save it") || en.contains("save it again"),
                "{en}"
            );
        }
    }
}
