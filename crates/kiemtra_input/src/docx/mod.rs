//! Word minutes (`.docx`): one file is one meeting. The reader finds the parts of the minutes by
//! their labels ([`kiemtra_format::word_labels`]) and builds a record of format v1 from them, as
//! a JSON value that goes through the same validation and rules as any other record.
//!
//! - Values are taken as written (`19 giờ 30`, `ngày 09 tháng 4 năm 2017`): the value readers of
//!   format v1 read them. Only sentences laid out the Word way are split into their fields
//!   (`Vào lúc 19 giờ 30 phút, ngày 09 tháng 4 năm 2017`, `Có mặt 17/19 đồng chí`,
//!   `Sinh hoạt chuyên đề từ 19 giờ 45 đến 20 giờ 30`).
//! - A label whose value is not on its line takes the paragraphs below it, up to the next
//!   label; list fields take one item a paragraph. Long texts (reason, assessment, causes,
//!   measures, conclusion) also take the paragraphs that follow their line.
//! - Assignments are read from a table whose header names their columns (`Nhiệm vụ`, `Thời
//!   hạn`…), or one a line under `Phân công thực hiện` (`Tổ đảng 1: nhiệm vụ, thời hạn …`).
//! - Nothing is dropped: a paragraph that gives no field is kept in the record under
//!   `_unmapped` (`{"paragraph": 7, "label": "Địa điểm", "text": "Hội trường thôn 3"}`), which
//!   `kiemtra convert` writes.
//! - Every field read has its place: the paragraph ("đoạn N") and the label as written.

mod assignments;
mod body;
mod finish;
mod labels;
mod package;
mod prose;
pub mod reading;
mod sentences;
pub mod template;
mod title;
pub mod write;

use kiemtra_format::word_labels::Reads;
use serde_json::{json, Map, Value};

pub use body::{Block, BodyError, Paragraph, MAX_CELLS, MAX_DEPTH, MAX_PARAGRAPHS};
pub use kiemtra_format::word_labels::label_of;
pub use package::{PackageError, MAX_DOCUMENT_BYTES, MAX_ENTRIES};
pub use reading::Reading;

use crate::layout::{self, Kind};
use finish::{is_no_opinion, is_opinion_line, quotes_or_span, split_at_label};
use labels::{clean, strip_marker};
use sentences::is_unfilled;

/// The paragraph style kiemtra's template gives its guidance lines: not read as minutes.
pub const GUIDANCE_STYLE: &str = "KiemtraHuongDan";

/// Where a field was read: its paragraph and its label as the document writes it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// JSON pointer of the field (`/session/conclusion`, `/session/assignments/0/due`).
    pub pointer: String,
    pub paragraph: u32,
    pub label: String,
}

/// The places of the fields of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Places(pub Vec<Place>);

impl Places {
    /// The places, kept sorted by pointer (a field's places in document order) so that a
    /// finding's place is found by binary search, not by reading every place.
    pub fn new(mut places: Vec<Place>) -> Places {
        places.sort_by(|a, b| a.pointer.cmp(&b.pointer));
        Places(places)
    }

    /// The place of the field at `pointer`, or of the nearest enclosing field that has one
    /// (`/session/assignments/0/due` falls back to the assignment's row, then the label), or
    /// of the first field inside it (`/session/assessment` is where `Mặt được` is).
    pub fn of(&self, pointer: &str) -> Option<&Place> {
        let mut p = pointer;
        loop {
            let at = self.0.partition_point(|x| x.pointer.as_str() < p);
            if let Some(place) = self.0.get(at).filter(|x| x.pointer == p) {
                return Some(place);
            }
            // Up to the enclosing field, never to a whole part (`/session`): a missing
            // `Kết luận` is not at the session's heading.
            match p.rfind('/') {
                Some(i) if p[..i].matches('/').count() >= 2 => p = &p[..i],
                _ => break,
            }
        }
        let inside = format!("{pointer}/");
        let from = self.0.partition_point(|x| x.pointer < inside);
        self.0[from..]
            .iter()
            .take_while(|x| x.pointer.starts_with(&inside))
            .min_by_key(|x| x.paragraph)
    }
}

/// A document read: the record and where each field was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Minutes {
    pub record: Map<String, Value>,
    pub places: Places,
    /// The paragraph where the themed session is shown as a part of its own (a heading, an
    /// agenda item, a sentence that opens it, or its labelled lines), if it is: on minutes, the
    /// document is the minutes book (catalogue v1.2, CD102).
    pub session_part: Option<u32>,
}

impl Minutes {
    /// Marks a record validated from these minutes as read from the minutes themselves
    /// (catalogue v1.2: CD102 holds when the session is a part of its own).
    pub fn mark(&self, record: &mut kiemtra_rules::Record<'_>) {
        record.minutes_document = Some(self.session_part.is_some());
    }
}

/// Why a file gives no minutes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocxError {
    Package(PackageError),
    Body(BodyError),
}

impl DocxError {
    pub fn message(&self, lang: kiemtra_rules::Lang) -> String {
        use kiemtra_rules::Lang::{En, Vi};
        match (self, lang) {
            (DocxError::Package(p), lang) => p.message(lang),
            (DocxError::Body(BodyError::Xml(e)), Vi) => {
                format!("nội dung văn bản (word/document.xml) hỏng: {e}")
            }
            (DocxError::Body(BodyError::Xml(e)), En) => {
                format!("the document's text (word/document.xml) is broken: {e}")
            }
            (DocxError::Body(BodyError::TooDeep), Vi) => {
                format!("nội dung văn bản lồng nhau quá {MAX_DEPTH} cấp: không đọc")
            }
            (DocxError::Body(BodyError::TooDeep), En) => {
                format!("the document's text nests deeper than {MAX_DEPTH} levels: not read")
            }
            (DocxError::Body(b), lang) => b.message(lang),
        }
    }
}

/// A Word document's body as a reader sees it: paragraphs and tables, in order (the tests read
/// kiemtra's own Word report back with it).
pub fn blocks(bytes: &[u8]) -> Result<Vec<Block>, DocxError> {
    let xml = package::document_xml(bytes).map_err(DocxError::Package)?;
    body::read(&xml).map_err(DocxError::Body)
}

/// Reads Word minutes. `unit` is the cell's code when the document has no `Mã chi bộ` line.
pub fn read(bytes: &[u8], unit: Option<&str>) -> Result<Minutes, DocxError> {
    let xml = package::document_xml(bytes).map_err(DocxError::Package)?;
    let blocks = body::read(&xml).map_err(DocxError::Body)?;
    Ok(minutes(&blocks, unit))
}

/// Every paragraph with visible text, in the document's order (those in tables too), numbered
/// as the reader numbers them: what the self-check page quotes beside a finding.
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<Paragraph>, DocxError> {
    let mut out = Vec::new();
    for block in blocks(bytes)? {
        match block {
            Block::Paragraph(p) => out.push(p),
            Block::Table(rows) => out.extend(rows.into_iter().flatten().flatten()),
        }
    }
    out.sort_by_key(|p| p.number);
    Ok(out)
}

/// Whether a table is the signatures at the foot of the minutes (`THƯ KÝ` | `CHỦ TRÌ`, each
/// over “(Ký, ghi rõ họ tên)” and a name): a signer's title in capitals heads every cell of its
/// first row. It holds nothing of the record: the chair and the secretary are read from their
/// own lines.
fn signature_table(rows: &[Vec<Vec<Paragraph>>]) -> bool {
    let signer = |text: &str| {
        let text = text.trim();
        let folded: String = text.chars().map(labels::fold_char).collect();
        !text.is_empty()
            && !text.chars().any(char::is_lowercase)
            && ["thu ky", "chu tri", "chu toa", "t/m", "tm.", "bi thu"]
                .iter()
                .any(|title| folded.starts_with(title))
    };
    rows.first().is_some_and(|row| {
        row.len() >= 2
            && row
                .iter()
                .all(|cell| cell.first().is_some_and(|p| signer(&p.text)))
    })
}

/// The minutes in a document's blocks.
pub fn minutes(blocks: &[Block], unit: Option<&str>) -> Minutes {
    let mut b = Builder::default();
    for block in blocks {
        match block {
            Block::Paragraph(p) => b.paragraph(p),
            Block::Table(rows) if signature_table(rows) => {}
            Block::Table(rows) => {
                if !b.assignment_table(rows) && !b.signature_table(rows) {
                    for p in rows.iter().flatten().flatten() {
                        b.paragraph(p);
                    }
                }
            }
        }
    }
    if let Some((n, first)) = b.title_opened.take() {
        b.keep(n, None, &first);
    }
    b.finish();
    if let Some(code) = unit.map(str::trim).filter(|c| !c.is_empty()) {
        if field_mut(&mut b.record, "unit.code").is_none() {
            b.set_value("unit.code", Value::String(code.to_owned()));
        }
    }
    // No code written nor given: the cell is known by the name its header writes (one cell,
    // one name), so its minutes are checked rather than rejected.
    if field_mut(&mut b.record, "unit.code").is_none() {
        if let Some(Value::String(name)) = field_mut(&mut b.record, "unit.name").cloned() {
            if let Some(p) = b.places.iter().find(|p| p.pointer == "/unit/name").cloned() {
                b.places.push(Place {
                    pointer: "/unit/code".into(),
                    ..p
                });
            }
            b.set_value("unit.code", Value::String(name));
        }
    }
    if !b.unmapped.is_empty() {
        b.record.insert(
            "_unmapped".into(),
            Value::Array(std::mem::take(&mut b.unmapped)),
        );
    }
    b.places.sort();
    b.places.dedup_by(|a, b| a.pointer == b.pointer);
    let session_part = b.session_part();
    Minutes {
        record: b.record,
        places: Places::new(b.places),
        session_part,
    }
}

/// What the paragraphs after a label belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    /// A field; `more`: a paragraph below adds to it.
    Field {
        path: &'static str,
        more: bool,
    },
    Assignments,
    /// Kept as read, under the label.
    Kept,
}

#[derive(Default)]
struct Builder {
    record: Map<String, Value>,
    places: Vec<Place>,
    unmapped: Vec<Value>,
    open: Option<(Open, String)>,
    /// A line `BIÊN BẢN` alone: the title goes on in the next paragraph
    /// (`SINH HOẠT CHI BỘ ĐỊNH KỲ tháng 4 năm 2017`).
    title_opened: Option<(u32, String)>,
    /// The paragraph where the themed session opens (a heading, agenda item or sentence).
    session_at: Option<u32>,
    /// Paragraphs of the session that may give a task (`giao …`).
    task_lines: Vec<(u32, String)>,
    /// A dated line that is not the meeting's sentence (the header's `…, ngày … tháng …`).
    dated_line: Option<(u32, String)>,
    /// A title was read: (its paragraph, whether it has a kind word).
    title: Option<(u32, bool)>,
    /// The title's month: month, year when written, paragraph.
    title_month: Option<(u32, Option<i32>, u32)>,
    /// The paragraph just before was the title: this one may give its month (`Tháng 9/2020`).
    after_title: bool,
    /// The agenda item that opened the session (`1-`): the next item (`2-`) ends its part.
    session_item: Option<(u32, char)>,
}

/// The value at a dotted path of a record, to change in place.
fn field_mut<'r>(record: &'r mut Map<String, Value>, path: &str) -> Option<&'r mut Value> {
    let mut parts = path.split('.');
    let mut v = record.get_mut(parts.next()?)?;
    for key in parts {
        v = v.as_object_mut()?.get_mut(key)?;
    }
    Some(v)
}

/// The kind of a field's value in the table layout (lists, whole numbers, yes/no).
fn kind_of(path: &str) -> Kind {
    layout::COLUMNS
        .iter()
        .find(|c| c.path == path)
        .map_or(Kind::Text, |c| c.kind)
}

/// Long free text, which may run over several paragraphs.
fn is_long(path: &str) -> bool {
    matches!(
        path,
        "session.reason"
            | "session.assessment.strengths"
            | "session.assessment.weaknesses"
            | "session.discussion.causes"
            | "session.discussion.measures"
            | "session.conclusion"
            | "session.follow_up.notes"
    )
}

fn pointer(path: &str) -> String {
    format!("/{}", path.replace('.', "/"))
}

impl Builder {
    fn place(&mut self, path: &str, paragraph: u32, label: &str) {
        self.places.push(Place {
            pointer: pointer(path),
            paragraph,
            label: label.to_owned(),
        });
    }

    fn keep(&mut self, paragraph: u32, label: Option<&str>, text: &str) {
        let mut entry = Map::new();
        entry.insert("paragraph".into(), json!(paragraph));
        if let Some(l) = label {
            entry.insert("label".into(), json!(l));
        }
        entry.insert("text".into(), json!(text));
        self.unmapped.push(Value::Object(entry));
    }

    fn set_value(&mut self, path: &str, value: Value) {
        let parts: Vec<&str> = path.split('.').collect();
        if let Err(v) = layout::set(&mut self.record, &parts, value) {
            self.record.insert(path.to_owned(), v);
        }
    }

    /// Adds text to a field: an item of a list, more lines of a long text; a second value of
    /// a short field is kept apart rather than overwrite the first.
    fn add(&mut self, path: &'static str, text: &str, paragraph: u32, label: &str) {
        let kind = kind_of(path);
        if matches!(kind, Kind::Date | Kind::Time | Kind::Integer) && is_unfilled(text) {
            return;
        }
        if kind == Kind::List && text.contains('\n') {
            // A line break inside a list's paragraph starts another item.
            for item in text.split('\n').map(|l| clean(strip_marker(l))) {
                if !item.is_empty() {
                    self.add(path, &item, paragraph, label);
                }
            }
            return;
        }
        if path == "session.discussion.opinions" && is_no_opinion(text) {
            // “Không có ý kiến” gives no opinion; kept, not lost.
            return self.keep(paragraph, Some(label), text);
        }
        if path == "session.source.title" && self.source_with_kind(text, paragraph, label) {
            return;
        }
        if path == "session.conclusion" {
            self.task_lines.push((paragraph, text.to_owned()));
        }
        // In place: a document of thousands of paragraphs costs linear time.
        match (kind, field_mut(&mut self.record, path)) {
            (Kind::List, Some(Value::Array(items))) => items.push(Value::String(text.to_owned())),
            (Kind::List, _) => self.set_value(path, json!([text])),
            (_, Some(Value::String(s))) if is_long(path) => {
                s.push('\n');
                s.push_str(text);
            }
            (_, Some(_)) => self.keep(paragraph, Some(label), text),
            (kind, None) => {
                if let Some(v) = layout::decode(kind, text) {
                    self.set_value(path, v);
                }
            }
        }
    }

    fn paragraph(&mut self, p: &Paragraph) {
        if p.style.as_deref() == Some(GUIDANCE_STYLE) {
            return;
        }
        if p.text.contains('\n') {
            // Lines broken with Shift+Enter (`ĐẢNG BỘ XÃ …⏎CHI BỘ THÔN 2`) are read one by one,
            // all in the paragraph.
            for line in p.text.split('\n') {
                self.paragraph(&Paragraph {
                    number: p.number,
                    text: line.to_owned(),
                    style: None,
                });
            }
            return;
        }
        if let Some((n, first)) = self.title_opened.take() {
            let whole = Paragraph {
                number: p.number,
                text: format!("{first} {}", p.text.trim()),
                style: None,
            };
            if matches!(labels::find(&whole.text), Some(l) if l.label.reads == Reads::Title) {
                return self.paragraph(&whole);
            }
            self.keep(n, None, &first);
        }
        if labels::is_word(&p.text, "bien ban") {
            self.title_opened = Some((p.number, p.text.trim().to_owned()));
            return;
        }
        if let (Some((n, style)), Some((next, s))) =
            (self.session_item, prose::agenda_number(&p.text))
        {
            if next == n + 1 && s == style {
                // The next agenda item: the session's part (and its open field) ends.
                self.session_item = None;
                self.open = None;
            }
        }
        if std::mem::take(&mut self.after_title) && self.title_month.is_none() {
            if let Some((m, y)) = title::month_alone(&p.text) {
                self.title_month = Some((m, y, p.number));
                self.place("month", p.number, "");
                return;
            }
        }
        match labels::find(&p.text) {
            Some(l) => self.labelled(p, &l),
            None => self.unlabelled(p),
        }
    }

    fn unlabelled(&mut self, p: &Paragraph) {
        let text = clean(&p.text);
        // Dots, stars and rules between parts carry nothing.
        if !text.chars().any(char::is_alphanumeric) {
            return;
        }
        if prose::opens_session(&p.text) {
            // `Buổi sinh hoạt chuyên đề từ … đến …` after a conclusion is not more of it.
            self.open = None;
        }
        let open = match self.open.clone() {
            // Opinions go on while each is a bullet or names its speaker; another sentence
            // ends them.
            Some((Open::Field { path, .. }, _))
                if path == "session.discussion.opinions" && !is_opinion_line(&p.text) =>
            {
                self.open = None;
                None
            }
            other => other,
        };
        match open {
            Some((Open::Field { path, more: true }, label)) => {
                let item = if kind_of(path) == Kind::List {
                    clean(strip_marker(&p.text))
                } else {
                    text
                };
                self.add(path, &item, p.number, &label);
                if !is_long(path) && kind_of(path) != Kind::List {
                    // A short field takes one paragraph.
                    self.open = None;
                }
            }
            Some((Open::Assignments, _)) => self.assignment_line(p),
            Some((Open::Kept, label)) => self.keep(p.number, Some(&label), &text),
            _ => {
                if self.prose(p.number, &text) {
                } else if self.session_at.is_some() && finish::is_speaker_line(&p.text) {
                    // `- Đồng chí Sáu: cần họp dân …` in the session's part, under no label
                    // (after `Diễn biến cuộc họp`): what a member said.
                    let item = clean(strip_marker(&p.text));
                    self.place("session.discussion.opinions", p.number, "");
                    self.add("session.discussion.opinions", &item, p.number, "");
                } else {
                    self.keep(p.number, None, &text);
                }
            }
        }
    }

    fn labelled(&mut self, p: &Paragraph, l: &labels::Labelled<'_>) {
        let n = p.number;
        let written = l.written;
        let rest = clean(l.rest);
        self.open = None;
        match l.label.reads {
            Reads::Field("attendance.total") => {
                // `Tổng số đảng viên: 24 đ/c – Số đảng viên có mặt: 21`: both counts.
                if !self.attendance_sentence(n, &p.text) {
                    self.place("attendance.total", n, written);
                    self.keep(n, Some(written), &rest);
                }
            }
            Reads::Field(path) if !is_long(path) && kind_of(path) != Kind::List => {
                // `Chủ trì: …; thư ký: …`: another label on the same line starts its own part.
                let (own, next) = split_at_label(l.rest);
                let value = clean(own);
                self.place(path, n, written);
                if !value.is_empty() {
                    self.add(path, &value, n, written);
                }
                self.open = Some((
                    Open::Field {
                        path,
                        more: value.is_empty(),
                    },
                    written.to_owned(),
                ));
                if let Some(next) = next {
                    self.paragraph(&Paragraph {
                        number: n,
                        text: next.to_owned(),
                        style: None,
                    });
                }
            }
            Reads::Field(path) | Reads::Header(path) => {
                let value = match l.label.reads {
                    Reads::Header(_) if !l.colon && !rest.is_empty() => {
                        clean(strip_marker(&p.text))
                    }
                    _ => rest.clone(),
                };
                let value = match l.label.reads {
                    Reads::Header(_) => header_case(&value),
                    _ => value,
                };
                self.place(path, n, written);
                if !value.is_empty() {
                    self.add(path, &value, n, written);
                }
                let more = value.is_empty() || is_long(path) || kind_of(path) == Kind::List;
                self.open = Some((Open::Field { path, more }, written.to_owned()));
            }
            Reads::MeetingTime => self.meeting_time(n, written, &rest),
            Reads::Attendance => self.attendance(n, written, &rest),
            Reads::SessionSpan => {
                self.session_sentence(n, &p.text, Some(written));
                let left = clean(rest.trim_matches(|c: char| c == ':' || c.is_whitespace()));
                if quotes_or_span(&left) {
                    self.open = None;
                } else if kiemtra_format::values::minutes(&left).is_some() {
                    // `Thời gian sinh hoạt chuyên đề: 40 phút`: its duration.
                    self.place("session.minutes", n, written);
                    self.add("session.minutes", &left, n, written);
                } else if !left.is_empty() && !sentences::is_unfilled(&left) {
                    self.keep(n, Some(written), &left);
                }
            }
            Reads::Assignments => {
                self.place("session.assignments", n, written);
                if !rest.is_empty() {
                    self.assignment_text(n, &rest);
                }
                self.open = Some((Open::Assignments, written.to_owned()));
            }
            Reads::Title => {
                let Some(t) = title::read(written, &rest) else {
                    // `Sinh hoạt chi bộ chuyên đề “…”`, `Họp chi bộ đã …`: a sentence.
                    return self.unlabelled(p);
                };
                self.place("kind", n, written);
                if let Some(words) = &t.kind {
                    self.add("kind", words, n, written);
                }
                self.title = Some((n, t.kind.is_some()));
                if let Some((m, y)) = t.month {
                    self.title_month = Some((m, y, n));
                    self.place("month", n, written);
                }
                self.after_title = true;
            }
            Reads::MeetingEnd | Reads::Kept => {
                if !is_unfilled(&rest) {
                    self.keep(n, Some(written), &rest);
                }
                if l.label.reads == Reads::Kept {
                    self.open = Some((Open::Kept, written.to_owned()));
                }
            }
            Reads::Heading => {
                // `Thành phần: có mặt 23/26 đồng chí`: the sentence after a heading is read.
                if !rest.is_empty() && !self.prose(n, &rest) {
                    self.keep(n, Some(written), &rest);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;

/// A name the party header writes in capitals (`ĐẢNG BỘ XÃ HÀM THẮNG`), written as the same
/// name is everywhere else (`Đảng bộ xã Hàm Thắng`), so that one committee is one committee in
/// the reports: the kind of organisation in lower case after its first word, each word of the
/// place capitalised. A name with any lower-case letter is kept as written.
fn header_case(text: &str) -> String {
    // Without a diacritic the words cannot be told apart (`BO` is `bộ`, or a place's `Bờ`):
    // kept as written.
    if text.chars().any(char::is_lowercase)
        || !text.chars().any(char::is_uppercase)
        || text.is_ascii()
    {
        return text.to_owned();
    }
    // A word with a sign in it (`TH&THCS`) is an abbreviation: kept in capitals.
    let keep = |w: &str| w.chars().any(|c| !c.is_alphanumeric());
    // Words that name a kind of organisation or place, never part of a place's own name.
    const KIND: &[&str] = &[
        "đảng",
        "bộ",
        "chi",
        "xã",
        "phường",
        "thị",
        "trấn",
        "huyện",
        "quận",
        "tỉnh",
        "thôn",
        "ấp",
        "khu",
        "tổ",
        "cơ",
        "quan",
        "ủy",
        "ban",
        "số",
    ];
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let capital = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            // "thành phố" and "khu phố" name a kind; "Thành", "Phố" alone may be a place's.
            let kind = KIND.contains(&w.as_str())
                || (w == "thành" && words.get(i + 1).is_some_and(|n| n == "phố"))
                || (w == "phố" && i > 0 && matches!(words[i - 1].as_str(), "thành" | "khu"));
            if keep(w) {
                w.to_uppercase()
            } else if i == 0 {
                capital(w)
            } else if kind {
                w.clone()
            } else {
                capital(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
