//! Why a file, or part of one, could not be read: a typed reason, worded by the reports in
//! Vietnamese or English (never a library's English sentence standing alone in a Vietnamese
//! report; a library's own detail, when there is one, follows the sentence).

use kiemtra_messages::{m, Lang, Say};

/// What the operating system said, in the few cases a user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IoProblem {
    NotFound,
    PermissionDenied,
    /// A directory where a file is expected.
    IsADirectory,
    /// The bytes could not be read whole (a disk or network error, a file cut short).
    Damaged,
    /// Anything else: the system's error number, when it gave one.
    Other {
        code: Option<i32>,
    },
}

impl IoProblem {
    pub fn of(e: &std::io::Error) -> IoProblem {
        match e.kind() {
            std::io::ErrorKind::NotFound => IoProblem::NotFound,
            std::io::ErrorKind::PermissionDenied => IoProblem::PermissionDenied,
            std::io::ErrorKind::IsADirectory => IoProblem::IsADirectory,
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof => {
                IoProblem::Damaged
            }
            _ => IoProblem::Other {
                code: e.raw_os_error(),
            },
        }
    }
}

impl Say for IoProblem {
    fn say_into(&self, lang: Lang, out: &mut String) {
        match self {
            IoProblem::NotFound => out.push_str(m::input::io::NOT_FOUND.get(lang)),
            IoProblem::PermissionDenied => out.push_str(m::input::io::PERMISSION_DENIED.get(lang)),
            IoProblem::IsADirectory => out.push_str(m::input::io::IS_A_DIRECTORY.get(lang)),
            IoProblem::Damaged => out.push_str(m::input::io::DAMAGED.get(lang)),
            IoProblem::Other { code: Some(code) } => {
                m::input::io::OtherCode { code }.say_into(lang, out)
            }
            IoProblem::Other { code: None } => out.push_str(m::input::io::OTHER.get(lang)),
        }
    }
}

/// What is wrong with a workbook or one of its sheets, by kind (calamine's and zip's errors).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkbookProblem {
    /// Not a zip package: not an .xlsx at all, or one cut short.
    NotAPackage,
    /// An OLE container: a workbook protected by a password, or an old .xls renamed.
    Protected,
    /// A part the workbook needs is missing (`part` when calamine names it).
    MissingPart { part: Option<String> },
    /// The XML of a part is broken.
    BadXml,
    /// The package's compressed data is damaged.
    Damaged,
    /// A value or cell reference that cannot be read.
    BadValue,
}

impl WorkbookProblem {
    /// The kind of a calamine error.
    pub fn of(e: &calamine::XlsxError) -> WorkbookProblem {
        use calamine::XlsxError as E;
        match e {
            E::Zip(zip::result::ZipError::InvalidArchive(_))
            | E::Zip(zip::result::ZipError::UnsupportedArchive(_)) => WorkbookProblem::NotAPackage,
            E::Zip(_) | E::Io(_) => WorkbookProblem::Damaged,
            E::FileNotFound(part) => WorkbookProblem::MissingPart {
                part: Some(part.clone()),
            },
            E::RelationshipNotFound => WorkbookProblem::MissingPart { part: None },
            E::Xml(_) | E::XmlAttr(_) | E::XmlEof(_) | E::UnexpectedNode(_) => {
                WorkbookProblem::BadXml
            }
            _ => WorkbookProblem::BadValue,
        }
    }
}

impl Say for WorkbookProblem {
    fn say_into(&self, lang: Lang, out: &mut String) {
        use m::input::workbook as w;
        match self {
            WorkbookProblem::NotAPackage => w::NOT_A_PACKAGE.say_into(lang, out),
            WorkbookProblem::Protected => w::PROTECTED.say_into(lang, out),
            WorkbookProblem::MissingPart { part: Some(part) } => {
                w::MissingPart { part }.say_into(lang, out)
            }
            WorkbookProblem::MissingPart { part: None } => w::MISSING_LINKS.say_into(lang, out),
            WorkbookProblem::BadXml => w::BAD_XML.say_into(lang, out),
            WorkbookProblem::Damaged => w::DAMAGED.say_into(lang, out),
            WorkbookProblem::BadValue => w::BAD_VALUE.say_into(lang, out),
        }
    }
}

/// Why a file gives no records, or not all of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// No row names two columns of format v1 among the first rows.
    NoHeader,
    /// No header row, and the text is not UTF-8 (a legacy Windows-1258 file?).
    NoHeaderNotUtf8,
    /// The bytes look like UTF-16 written without a byte order mark.
    Utf16WithoutBom,
    /// Not a workbook kiemtra can open.
    NotAWorkbook(WorkbookProblem),
    /// A worksheet stops being readable: the rows before `row` were read; from `row` on (the
    /// row being read may be incomplete) nothing is.
    SheetUnreadable {
        sheet: String,
        row: Option<u32>,
        problem: WorkbookProblem,
    },
    /// Another worksheet also holds records; it was not read.
    OtherSheetHasRecords { sheet: String },
    /// A part of the workbook decompresses to more than `limit` bytes: nothing of it is read.
    PartTooLarge { part: String, limit: u64 },
    /// A part of the workbook cannot be decompressed whole (a checksum error): what was read
    /// from it may be wrong.
    PartDamaged { part: String },
    /// A worksheet holds more than `limit` filled cells: rows from `row` on are not read.
    TooManyCells {
        sheet: String,
        limit: usize,
        row: u32,
    },
    /// The file is larger than one document may be (`json`: a `.json` file, which can be
    /// written as JSON Lines instead).
    TooLarge { bytes: u64, limit: u64, json: bool },
    /// Reading failed (at byte `offset` when known).
    Read { offset: Option<u64>, io: IoProblem },
    /// The file shrank while it was read.
    Changed { ended_at: u64, len: u64 },
    /// The file could not be opened.
    Open(IoProblem),
    /// Not a regular file (a FIFO, a device, a socket): never read, it could block the run or
    /// never end.
    NotRegular { kind: &'static str },
    /// A directory that could not be listed or entered: its files are not read.
    Directory(IoProblem),
    /// The extension is not one kiemtra reads.
    Unsupported,
    /// A spreadsheet format kiemtra does not read (`.xls`, `.ods`…).
    OtherSpreadsheet,
    /// Minutes in a document format kiemtra does not read (`.doc`, `.odt`, `.rtf`, `.pdf`).
    OtherDocument,
    /// Word minutes that cannot be read (a broken or oversized package, bad XML).
    Word(crate::docx::DocxError),
    /// A workbook whose zip directory declares more than `limit` entries (or a directory too
    /// large): refused before the directory is read.
    TooManyParts { entries: u64, limit: u64 },
    /// A workbook saved with a password.
    EncryptedWorkbook,
    /// Reading the file failed inside kiemtra or a library it uses (a bug): the file is not
    /// read, the run goes on.
    ReaderFailed { detail: String },
    /// The cross-record rules failed on a unit (a bug in kiemtra): not applied to it.
    UnitRulesFailed { unit: String, detail: String },
}

impl FileProblem {
    /// The problem in `lang` (see [`Say`]).
    pub fn message(&self, lang: Lang) -> String {
        self.say(lang)
    }
}

impl Say for FileProblem {
    fn say_into(&self, lang: Lang, out: &mut String) {
        use m::input::file as w;
        use FileProblem as P;
        match self {
            P::NoHeader => w::NO_HEADER.say_into(lang, out),
            P::NoHeaderNotUtf8 => w::NO_HEADER_NOT_UTF8.say_into(lang, out),
            P::Utf16WithoutBom => w::UTF16_WITHOUT_BOM.say_into(lang, out),
            P::NotAWorkbook(problem) => w::NotAWorkbook {
                problem: &problem.in_lang(lang),
            }
            .say_into(lang, out),
            P::SheetUnreadable {
                sheet,
                row: Some(row),
                problem,
            } => w::SheetBrokenFrom {
                sheet,
                row,
                problem: &problem.in_lang(lang),
            }
            .say_into(lang, out),
            P::SheetUnreadable {
                sheet,
                row: None,
                problem,
            } => w::SheetUnreadable {
                sheet,
                problem: &problem.in_lang(lang),
            }
            .say_into(lang, out),
            P::OtherSheetHasRecords { sheet } => {
                w::OtherSheetHasRecords { sheet }.say_into(lang, out)
            }
            P::PartTooLarge { part, limit } => w::PartTooLarge { part, limit }.say_into(lang, out),
            P::PartDamaged { part } => w::PartDamaged { part }.say_into(lang, out),
            P::TooManyCells { sheet, limit, row } => {
                w::TooManyCells { sheet, limit, row }.say_into(lang, out)
            }
            P::TooLarge { bytes, limit, json } => {
                let hint = if *json {
                    w::TOO_LARGE_JSON_HINT.get(lang)
                } else {
                    ""
                };
                w::TooLarge {
                    bytes,
                    limit,
                    hint: &hint,
                }
                .say_into(lang, out)
            }
            P::Read {
                offset: Some(offset),
                io,
            } => w::ReadAt {
                offset,
                io: &io.in_lang(lang),
            }
            .say_into(lang, out),
            P::Read { offset: None, io } => w::Read {
                io: &io.in_lang(lang),
            }
            .say_into(lang, out),
            P::Changed { ended_at, len } => w::Changed { ended_at, len }.say_into(lang, out),
            P::Open(io) => w::Open {
                io: &io.in_lang(lang),
            }
            .say_into(lang, out),
            P::NotRegular { kind } => {
                let kind = match *kind {
                    "fifo" => w::KIND_FIFO.get(lang),
                    "device" => w::KIND_DEVICE.get(lang),
                    "socket" => w::KIND_SOCKET.get(lang),
                    _ => w::KIND_OTHER.get(lang),
                };
                w::NotRegular { kind: &kind }.say_into(lang, out)
            }
            P::Directory(io) => w::Directory {
                io: &io.in_lang(lang),
            }
            .say_into(lang, out),
            P::Unsupported => w::Unsupported {
                extensions: &crate::Format::extensions_read(),
            }
            .say_into(lang, out),
            P::OtherDocument => w::OTHER_DOCUMENT.say_into(lang, out),
            P::Word(e) => out.push_str(&e.message(lang)),
            P::TooManyParts { entries, limit } => {
                kiemtra_messages::m::hostile::XlsxTooManyParts { entries, limit }
                    .say_into(lang, out)
            }
            P::EncryptedWorkbook => {
                kiemtra_messages::m::hostile::XLSX_ENCRYPTED.say_into(lang, out)
            }
            P::OtherSpreadsheet => w::OTHER_SPREADSHEET.say_into(lang, out),
            P::ReaderFailed { detail } => w::ReaderFailed { detail }.say_into(lang, out),
            P::UnitRulesFailed { unit, detail } => {
                w::UnitRulesFailed { unit, detail }.say_into(lang, out)
            }
        }
    }
}

/// What a path that is neither a regular file nor a directory is (`fifo`, `device`, `socket`,
/// `other`), for [`FileProblem::NotRegular`]: such a path is never opened (a FIFO would block,
/// a link to `/dev/zero` would never end).
pub fn irregular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() || t.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        Some(if t.is_fifo() {
            "fifo"
        } else if t.is_char_device() || t.is_block_device() {
            "device"
        } else if t.is_socket() {
            "socket"
        } else {
            "other"
        })
    }
    #[cfg(not(unix))]
    Some("other")
}
