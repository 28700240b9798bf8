//! A `.docx` is a zip package: its text is in `word/document.xml`. The package is opened under
//! limits so that no document, however made, costs more than a bounded amount of memory: the
//! number of entries, and the bytes that part decompresses to (a zip bomb stops at the limit).

use std::io::{Cursor, Read};

/// Entries a package may have (a real document has a few dozen).
pub const MAX_ENTRIES: usize = 10_000;

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
    /// The part cannot be decompressed (corrupt, encrypted, an unsupported method).
    Unreadable(String),
}

impl PackageError {
    pub fn message(&self, lang: kiemtra_rules::Lang) -> String {
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
        }
    }
}

/// The bytes of `word/document.xml`.
pub fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, PackageError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| PackageError::NotZip(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(PackageError::TooManyEntries { entries: zip.len() });
    }
    let part = zip
        .by_name("word/document.xml")
        .map_err(|_| PackageError::NoDocument)?;
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
