//! Why a file, or part of one, could not be read: a typed reason, worded by the reports in
//! Vietnamese or English (never a library's English sentence standing alone in a Vietnamese
//! report; a library's own detail, when there is one, follows the sentence).

use kiemtra_rules::Lang;

/// What the operating system said, in the few cases a user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IoProblem {
    NotFound,
    PermissionDenied,
    /// Anything else: the system's own message.
    Other(String),
}

impl IoProblem {
    pub fn of(e: &std::io::Error) -> IoProblem {
        match e.kind() {
            std::io::ErrorKind::NotFound => IoProblem::NotFound,
            std::io::ErrorKind::PermissionDenied => IoProblem::PermissionDenied,
            _ => IoProblem::Other(e.to_string()),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (IoProblem::NotFound, Lang::Vi) => "không tồn tại".into(),
            (IoProblem::NotFound, Lang::En) => "does not exist".into(),
            (IoProblem::PermissionDenied, Lang::Vi) => "không có quyền đọc".into(),
            (IoProblem::PermissionDenied, Lang::En) => "permission denied".into(),
            (IoProblem::Other(e), _) => e.clone(),
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
    /// Not a workbook kiemtra can open (calamine's detail).
    NotAWorkbook { detail: String },
    /// A worksheet stops being readable: the rows before `row` were read; from `row` on (the
    /// row being read may be incomplete) nothing is.
    SheetUnreadable {
        sheet: String,
        row: Option<u32>,
        detail: String,
    },
    /// Another worksheet also holds records; it was not read.
    OtherSheetHasRecords { sheet: String },
    /// A part of the workbook decompresses to more than `limit` bytes: nothing of it is read.
    PartTooLarge { part: String, limit: u64 },
    /// A part of the workbook cannot be decompressed whole (a checksum error): what was read
    /// from it may be wrong.
    PartDamaged { part: String, detail: String },
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
    pub fn message(&self, lang: Lang) -> String {
        use FileProblem as P;
        let vi = lang == Lang::Vi;
        match self {
            P::NoHeader if vi => "không có dòng tiêu đề nêu các cột của định dạng v1 (unit.code / \
                 Mã chi bộ, date / Ngày họp, kind / Loại sinh hoạt, …) trong những dòng đầu"
                .into(),
            P::NoHeader => "no header row naming format v1 columns (unit.code / Mã chi bộ, date / \
                 Ngày họp, kind / Loại sinh hoạt, …) in the first rows"
                .into(),
            P::NoHeaderNotUtf8 if vi => "không phải văn bản UTF-8 nên không đọc được dòng tiêu đề \
                 (tệp mã Windows-1258 cũ? thêm --encoding windows-1258)"
                .into(),
            P::NoHeaderNotUtf8 => "not UTF-8 text, so no header row could be read (a legacy \
                 Windows-1258 file? add --encoding windows-1258)"
                .into(),
            P::Utf16WithoutBom if vi => "tệp có vẻ là UTF-16 nhưng thiếu dấu thứ tự byte (BOM): \
                 lưu lại dưới dạng UTF-8 (hoặc “Unicode Text” có BOM)"
                .into(),
            P::Utf16WithoutBom => "the file looks like UTF-16 without a byte order mark: save it \
                 as UTF-8 (or as Unicode text with a BOM)"
                .into(),
            P::NotAWorkbook { detail } if vi => {
                format!("không phải sổ tính .xlsx đọc được: {detail}")
            }
            P::NotAWorkbook { detail } => format!("not a readable .xlsx workbook: {detail}"),
            P::SheetUnreadable { sheet, row, detail } => match (row, vi) {
                (Some(r), true) => format!(
                    "trang tính “{sheet}” hỏng: từ dòng {r} trở đi không được đọc: {detail}"
                ),
                (Some(r), false) => format!(
                    "sheet “{sheet}” is broken: nothing from row {r} on is read: {detail}"
                ),
                (None, true) => format!("trang tính “{sheet}” không đọc được: {detail}"),
                (None, false) => format!("sheet “{sheet}” cannot be read: {detail}"),
            },
            P::OtherSheetHasRecords { sheet } if vi => format!(
                "trang tính “{sheet}” cũng chứa bản ghi nhưng không được đọc (kiemtra đọc trang \
                 tính đầu tiên có dòng tiêu đề; hãy lưu mỗi trang tính thành một tệp)"
            ),
            P::OtherSheetHasRecords { sheet } => format!(
                "sheet “{sheet}” also holds records and was not read (kiemtra reads the first \
                 sheet with a header row; save each sheet as its own file)"
            ),
            P::PartTooLarge { part, limit } if vi => format!(
                "phần “{part}” của sổ tính giải nén ra hơn {limit} byte: không đọc"
            ),
            P::PartTooLarge { part, limit } => format!(
                "the workbook's part “{part}” decompresses to more than {limit} bytes: not read"
            ),
            P::PartDamaged { part, detail } if vi => format!(
                "phần “{part}” của sổ tính bị hỏng ({detail}): dữ liệu đọc từ đó có thể sai"
            ),
            P::PartDamaged { part, detail } => format!(
                "the workbook's part “{part}” is damaged ({detail}): what was read from it may be wrong"
            ),
            P::TooManyCells { sheet, limit, row } if vi => format!(
                "trang tính “{sheet}” có hơn {limit} ô có dữ liệu: từ dòng {row} trở đi không được đọc"
            ),
            P::TooManyCells { sheet, limit, row } => format!(
                "sheet “{sheet}” has more than {limit} filled cells: rows from {row} on are not read"
            ),
            P::TooLarge { bytes, limit, json } if vi => format!(
                "tệp {bytes} byte vượt giới hạn {limit} byte cho một tài liệu{}",
                if *json { "; hãy ghi lô lớn dưới dạng JSON Lines (.jsonl)" } else { "" }
            ),
            P::TooLarge { bytes, limit, json } => format!(
                "a file of {bytes} bytes is over the limit of {limit} bytes for one document{}",
                if *json { "; write large batches as JSON Lines (.jsonl)" } else { "" }
            ),
            P::Read { offset, io } => match (offset, vi) {
                (Some(o), true) => format!("lỗi đọc tại byte {o}: {}", io.message(lang)),
                (Some(o), false) => format!("read error at byte {o}: {}", io.message(lang)),
                (None, true) => format!("lỗi đọc: {}", io.message(lang)),
                (None, false) => format!("read error: {}", io.message(lang)),
            },
            P::Changed { ended_at, len } if vi => format!(
                "tệp thay đổi trong khi đọc: kết thúc ở byte {ended_at} trên {len}"
            ),
            P::Changed { ended_at, len } => format!(
                "the file changed while it was read: it ended at byte {ended_at} of {len}"
            ),
            P::Open(io) if vi => format!("không mở được: {}", io.message(lang)),
            P::Open(io) => format!("cannot be opened: {}", io.message(lang)),
            P::NotRegular { kind } if vi => format!(
                "không phải tệp thường ({}): không đọc",
                match *kind {
                    "fifo" => "ống FIFO",
                    "device" => "thiết bị",
                    "socket" => "socket",
                    other => other,
                }
            ),
            P::NotRegular { kind } => format!("not a regular file ({kind}): not read"),
            P::Directory(io) if vi => {
                format!("không vào được thư mục, các tệp trong đó không được đọc: {}", io.message(lang))
            }
            P::Directory(io) => format!(
                "the directory cannot be entered; the files in it are not read: {}",
                io.message(lang)
            ),
            P::Unsupported if vi => format!(
                "loại tệp không hỗ trợ (cần {})",
                crate::Format::extensions_read()
            ),
            P::Unsupported => format!(
                "unsupported file type (expected {})",
                crate::Format::extensions_read()
            ),
            P::OtherDocument if vi => {
                "kiemtra không đọc được định dạng này: mở bằng Word và lưu thành .docx".into()
            }
            P::OtherDocument => {
                "kiemtra does not read this format: open it in Word and save it as .docx".into()
            }
            P::Word(e) => e.message(lang),
            P::TooManyParts { entries, limit } => {
                use kiemtra_messages::Say;
                kiemtra_messages::m::hostile::XlsxTooManyParts { entries, limit }.say(lang)
            }
            P::EncryptedWorkbook => kiemtra_messages::m::hostile::XLSX_ENCRYPTED
                .get(lang)
                .into(),
            P::OtherSpreadsheet if vi => {
                "định dạng bảng tính kiemtra không đọc: hãy lưu thành .xlsx hoặc .csv".into()
            }
            P::OtherSpreadsheet => {
                "a spreadsheet format kiemtra does not read: save it as .xlsx or .csv".into()
            }
            P::ReaderFailed { detail } if vi => {
                format!("lỗi nội bộ khi đọc tệp, tệp không được đọc: {detail}")
            }
            P::ReaderFailed { detail } => {
                format!("internal error while reading the file; it is not read: {detail}")
            }
            P::UnitRulesFailed { unit, detail } if vi => format!(
                "chi bộ “{unit}”: lỗi nội bộ trong các quy tắc liên bản ghi (CD5xx, CD6xx), không \
                 áp dụng cho chi bộ này: {detail}"
            ),
            P::UnitRulesFailed { unit, detail } => format!(
                "unit “{unit}”: internal error in the cross-record rules (CD5xx, CD6xx), not \
                 applied to this unit: {detail}"
            ),
        }
    }
}
