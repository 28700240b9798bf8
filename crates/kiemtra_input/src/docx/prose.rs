//! Minutes written in sentences rather than labels, read as a person reads them: the day in
//! `Hôm nay, ngày …` or `Sáng ngày 25/7/2025`, who was present in `Tổng số đảng viên: 24 đ/c –
//! Số đảng viên có mặt: 21`, who chaired in `Đồng chí … chủ trì buổi sinh hoạt`, the themed
//! session where an agenda item or a sentence opens it (`2. Sinh hoạt chuyên đề “…”`, `… với
//! chủ đề “…”`), its topic or reason in `… trình bày nội dung: …`, tasks given inside the
//! conclusion (`giao chi ủy …, hoàn thành trước 30/4`). The words are data:
//! [`kiemtra_format::word_labels::prose`]. A value that is not written is never guessed.

use kiemtra_format::values;
use kiemtra_format::word_labels::prose;
use serde_json::{json, Map, Value};

use super::labels::{clean, fold_char, strip_marker};
use super::{field_mut, Builder, Place};

/// Byte ranges of the whole-word occurrences of `phrase` (written with diacritics) in `text`.
pub(super) fn occurrences(text: &str, phrase: &str) -> Vec<(usize, usize)> {
    values::fold::whole_word_occurrences(text, phrase, fold_char)
}

/// The first occurrence of any of `phrases` (the longest at a place wins).
fn first_of(text: &str, phrases: &[&str]) -> Option<(usize, usize)> {
    phrases
        .iter()
        .filter_map(|p| occurrences(text, p).into_iter().next())
        .min_by_key(|&(start, end)| (start, usize::MAX - end))
}

fn starts_with_any(text: &str, phrases: &[&str]) -> bool {
    phrases
        .iter()
        .any(|p| occurrences(text, p).first().is_some_and(|&(s, _)| s == 0))
}

const OPEN_QUOTES: &[char] = &['“', '"', '«', '‘'];
const CLOSE_QUOTES: &[char] = &['”', '"', '»', '’'];

/// The quoted texts of `text`: (byte start of the opening quote, the text inside, byte end of
/// the closing quote).
fn quotes(text: &str) -> Vec<(usize, &str, usize)> {
    let mut out = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find(OPEN_QUOTES).map(|i| rest + i) {
        let q = text[open..].chars().next().map_or(1, char::len_utf8);
        let inner_start = open + q;
        let Some(close) = text[inner_start..]
            .find(CLOSE_QUOTES)
            .map(|i| inner_start + i)
        else {
            break;
        };
        rest = close + text[close..].chars().next().map_or(1, char::len_utf8);
        out.push((open, &text[inner_start..close], rest));
    }
    out
}

fn same_words(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .map(fold_char)
            .filter(|c| c.is_alphanumeric() || *c == ' ')
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    key(a) == key(b)
}

fn is_movement(text: &str) -> bool {
    prose::MOVEMENT.iter().any(|m| same_words(m, text))
}

/// `từ 19 giờ 45 đến 20 giờ 30` outside quotes: the two times as written, each when it reads
/// as a time (a template's `từ 19:30 đến ……` gives the start only).
fn span(text: &str) -> Option<(Option<String>, Option<String>)> {
    // Quoted text is a topic's own words (`tự phê bình` folds to `tu`).
    let mut plain = text.to_owned();
    for (open, _, end) in quotes(text) {
        // Same length in bytes: the places found in `plain` are places in `text`.
        let blank = "_".repeat(end - open);
        plain.replace_range(open..end, &blank);
    }
    for (_, from_end) in occurrences(&plain, "từ") {
        let after = &plain[from_end..];
        let Some(&(to_at, to_end)) = occurrences(after, "đến").first() else {
            continue;
        };
        let start = clean(after[..to_at].trim_matches(|c: char| c == ',' || c.is_whitespace()));
        let tail = &after[to_end..];
        let stop = tail.find([',', ';', ')', '(']).unwrap_or(tail.len());
        let end = clean(tail[..stop].trim_end_matches(['.', ' ']));
        let start = values::time_of_day(&start).map(|_| start);
        let end = values::time_of_day(&end).map(|_| end);
        if start.is_some() || end.is_some() {
            return Some((start, end));
        }
    }
    None
}

/// The name after `đồng chí` / `đ/c` in `clause`: its capitalised words (two or more).
fn name_in(clause: &str) -> Option<String> {
    for (_, end) in prose::COMRADE.iter().flat_map(|c| occurrences(clause, c)) {
        let words: Vec<&str> = clause[end..]
            .split_whitespace()
            .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        let mut name = Vec::new();
        for w in words {
            let bare = w.trim_end_matches([',', '.', ';', ':', '-', '–', ')']);
            name.push(bare);
            if bare.len() != w.len() {
                break;
            }
        }
        if name.len() >= 2 {
            return Some(name.join(" "));
        }
    }
    None
}

/// A day in a sentence: `ngày 04 tháng 05 năm 2022`, `ngày 25/7/2025`, `Ngày 24,25/9/2022`
/// (the first day), as the date reader reads it.
pub(super) fn day_in(text: &str) -> Option<String> {
    for (_, end) in occurrences(text, "ngày") {
        let after = text[end..].trim_start();
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            continue;
        }
        let mut rest = &after[digits.len()..];
        // A meeting of two days: `24,25/9/2022`, `24-25/9/2022`.
        if let Some(r) = rest.strip_prefix([',', '-', '–']) {
            let more: String = r
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !more.is_empty() {
                let r = &r.trim_start()[more.len()..];
                if r.starts_with(['/', '-', '.']) {
                    rest = r;
                }
            }
        }
        let candidate = if rest.starts_with(['/', '-', '.']) {
            let tail: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.'))
                .collect();
            format!("{digits}{}", tail.trim_end_matches(['.', '-', '/']))
        } else {
            // `ngày 04 tháng 05 năm 2022`: through the year's digits.
            let Some(&(_, y_end)) = occurrences(rest, "năm").first() else {
                continue;
            };
            let year: String = rest[y_end..]
                .trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let upto =
                y_end + (rest[y_end..].len() - rest[y_end..].trim_start().len()) + year.len();
            format!("ngày {digits}{}", &rest[..upto])
        };
        if values::date(&candidate).is_some() {
            return Some(candidate);
        }
    }
    None
}

/// The number after `at` in `text`, skipping `:`, `là` and spaces; with `/total` when written.
fn count_after(text: &str, at: usize) -> Option<(u32, Option<u32>)> {
    let mut rest = text[at..].trim_start_matches([' ', ':', '\u{a0}']);
    for word in ["là", "la"] {
        if let Some(r) = rest.strip_prefix(word) {
            rest = r.trim_start();
        }
    }
    let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let present = n.parse().ok()?;
    let after = rest[n.len()..].trim_start();
    let total = after.strip_prefix('/').and_then(|t| {
        let d: String = t
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        d.parse().ok()
    });
    Some((present, total))
}

/// Where the task given starts in `giao …` (the word as written: `giáo viên` is not `giao`).
pub(super) fn gives(text: &str) -> Option<usize> {
    prose::GIVES.iter().find_map(|g| {
        text.match_indices(g)
            .chain(text.match_indices(&*g.to_uppercase()))
            .chain(text.match_indices(&*capitalised(g)))
            .find(|&(i, w)| {
                let before = text[..i].chars().next_back();
                let rest = &text[i + w.len()..];
                let after = rest.chars().next();
                // `họp giao ban`, `giao lưu`: other words, no task given.
                let next = rest.split_whitespace().next().unwrap_or("");
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
                    && !prose::NOT_GIVEN_BEFORE.contains(&next)
            })
            .map(|(i, w)| i + w.len())
    })
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Whether a paragraph opens the themed session (it is read as such even inside a long text).
pub(super) fn opens_session(text: &str) -> bool {
    let body = strip_marker(text);
    starts_with_any(body, prose::SESSION)
        || (first_of(body, prose::SESSION).is_some()
            && (body.contains(OPEN_QUOTES) || span(body).is_some()))
}

/// The number and style of an agenda item (`2-` is `(2, '-')`, `3.` is `(3, '.')`).
pub(super) fn agenda_number(text: &str) -> Option<(u32, char)> {
    let t = text.trim_start();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let style = t[digits.len()..].chars().next()?;
    let n = digits.parse().ok()?;
    matches!(style, '-' | '–' | '.' | ')').then_some((n, style))
}

/// `17/19 đồng chí` anywhere: present and total.
fn fraction(text: &str) -> Option<(u32, u32)> {
    let b = text.as_bytes();
    for (i, _) in text.match_indices('/') {
        let before = text[..i].trim_end();
        let n: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after = text[i + 1..].trim_start();
        let d: String = after.chars().take_while(char::is_ascii_digit).collect();
        if n.is_empty() || d.is_empty() || b.get(i + 1).is_none() {
            continue;
        }
        // A date (`25/7/2025`) or a year (`11/2023`) is no count of members.
        let next = after[d.len()..].trim_start();
        if next.starts_with('/') || d.len() > 3 {
            continue;
        }
        if starts_with_any(next, &["đồng chí", "đảng viên", "đ/c", "đc"]) || next.starts_with(')')
        {
            return Some((n.parse().ok()?, d.parse().ok()?));
        }
    }
    None
}

impl Builder {
    fn is_set(&mut self, path: &str) -> bool {
        field_mut(&mut self.record, path).is_some()
    }

    /// Reads what the sentences of a paragraph say; `true` when a value was read from it.
    pub(super) fn prose(&mut self, n: u32, text: &str) -> bool {
        let mut read = false;
        read |= self.session_sentence(n, text, None);
        read |= self.presenter(n, text);
        read |= self.people(n, text);
        read |= self.day(n, text);
        read |= self.attendance_sentence(n, text);
        read |= self.book_line(n, text);
        if self.session_at.is_some() && gives(text).is_some() {
            self.task_lines.push((n, text.to_owned()));
        }
        read
    }

    /// A sentence or agenda item that opens the themed session: its topic (the quoted text,
    /// unless it only names the movement) and its span.
    pub(super) fn session_sentence(&mut self, n: u32, text: &str, label: Option<&str>) -> bool {
        let body = strip_marker(text);
        let opener = first_of(body, prose::SESSION).or_else(|| {
            // `Sinh hoạt “…”`: the words then a quote at once.
            prose::SESSION_BEFORE_QUOTE.iter().find_map(|p| {
                let (s, e) = *occurrences(body, p).first()?;
                (s == 0 && body[e..].trim_start().starts_with(OPEN_QUOTES)).then_some((s, e))
            })
        });
        let topic_word = prose::TOPIC
            .iter()
            .filter_map(|p| {
                occurrences(body, p)
                    .into_iter()
                    .find(|&(_, e)| body[e..].trim_start().starts_with(OPEN_QUOTES))
            })
            .min();
        let opener = match (label, opener, topic_word) {
            (Some(_), _, _) => Some((0, 0)),
            (None, Some(o), _) => Some(o),
            (None, None, Some(t)) => Some(t),
            (None, None, None) => None,
        };
        let Some((start, end)) = opener else {
            return false;
        };
        let written = label.map_or_else(|| clean(&body[start..end]), str::to_owned);
        self.session_at.get_or_insert(n);
        if let Some(item) = agenda_number(text) {
            self.session_item = Some(item);
        }
        self.place("session", n, &written);
        let after = &body[start..];
        let qs = quotes(after);
        let topic = match topic_word {
            Some((_, e)) if e >= start => qs
                .iter()
                .find(|(at, _, _)| start + at >= e)
                .map(|(_, q, _)| *q),
            _ => None,
        }
        .or_else(|| qs.iter().map(|(_, q, _)| *q).find(|q| !is_movement(q)));
        if let Some(t) = topic.map(|t| clean(t.trim_end_matches(['.', ',']))) {
            self.add_topic(n, &written, &t);
        }
        if let Some((s, e)) = span(after) {
            self.place("session.start", n, &written);
            self.place("session.end", n, &written);
            if let (Some(s), false) = (s, self.is_set("session.start")) {
                self.add("session.start", &s, n, &written);
            }
            if let (Some(e), false) = (e, self.is_set("session.end")) {
                self.add("session.end", &e, n, &written);
            }
        }
        true
    }

    fn add_topic(&mut self, n: u32, label: &str, topic: &str) {
        if topic.is_empty() {
            return;
        }
        if let Some(Value::Array(items)) = field_mut(&mut self.record, "session.topics") {
            if items
                .iter()
                .any(|i| i.as_str().is_some_and(|i| same_words(i, topic)))
            {
                return;
            }
        }
        self.place("session.topics", n, label);
        self.add("session.topics", topic, n, label);
    }

    /// `Đồng chí … trình bày nội dung: …`: the topic when none is stated yet and this is one
    /// short sentence; else the reason, when none is written.
    fn presenter(&mut self, n: u32, text: &str) -> bool {
        if self.session_at.is_none() {
            return false;
        }
        let Some((_, end)) = first_of(text, prose::PRESENTS) else {
            return false;
        };
        let Some(said) = text[end..].trim_start().strip_prefix(':') else {
            return false;
        };
        let said = clean(said);
        if said.is_empty() {
            return false;
        }
        let label = clean(&text[..end]);
        let one_sentence = !said.contains(';')
            && !said.trim_end_matches('.').contains(". ")
            && said.split_whitespace().count() <= 25;
        if !self.is_set("session.topics") && one_sentence {
            self.add_topic(n, &label, said.trim_end_matches('.'));
            return true;
        }
        if !self.is_set("session.reason") {
            self.place("session.reason", n, &label);
            self.add("session.reason", &said, n, &label);
            return true;
        }
        false
    }

    /// `Đồng chí … chủ trì`, `Chủ trì cuộc họp, đồng chí …`, `đồng chí … làm thư ký`.
    fn people(&mut self, n: u32, text: &str) -> bool {
        let mut read = false;
        for clause in text.split([';']).flat_map(|c| c.split(". ")) {
            let chairs = first_of(clause, prose::CHAIRS);
            let records = first_of(clause, prose::SECRETARY);
            let concludes = !occurrences(clause, "kết luận").is_empty();
            if let (Some((at, end)), false) = (chairs, concludes) {
                if !self.is_set("chair") {
                    if let Some(name) = name_in(clause) {
                        self.place("chair", n, &clean(&clause[at..end]));
                        self.add("chair", &name, n, "");
                        read = true;
                    }
                }
            } else if let Some((at, end)) = records {
                if !self.is_set("secretary") {
                    if let Some(name) = name_in(clause) {
                        self.place("secretary", n, &clean(&clause[at..end]));
                        self.add("secretary", &name, n, "");
                        read = true;
                    }
                }
            }
        }
        read
    }

    /// The meeting's day in a sentence that gives it (`Hôm nay, ngày …`, `Sáng ngày …`); a
    /// dated line of the header (`Tân Phú, ngày 10 tháng 3 năm 2018`) only when no sentence
    /// gives the day.
    fn day(&mut self, n: u32, text: &str) -> bool {
        if self.is_set("date") {
            return false;
        }
        let body = strip_marker(text);
        let Some(day) = day_in(body) else {
            return false;
        };
        let opens =
            starts_with_any(body, prose::DAY_SENTENCE) || !occurrences(body, "hôm nay").is_empty();
        if opens {
            self.place("date", n, "");
            self.add("date", &day, n, "");
            true
        } else {
            if self.dated_line.is_none() {
                self.dated_line = Some((n, day));
            }
            false
        }
    }

    /// Members present and in the cell, in a sentence.
    pub(super) fn attendance_sentence(&mut self, n: u32, text: &str) -> bool {
        let mut read = false;
        if !self.is_set("attendance.total") {
            let total = prose::TOTAL
                .iter()
                .flat_map(|p| occurrences(text, p))
                .find_map(|(_, e)| count_after(text, e));
            if let Some((t, _)) = total {
                self.place("attendance.total", n, "");
                self.add("attendance.total", &t.to_string(), n, "");
                read = true;
            }
        }
        if !self.is_set("attendance.present") {
            let mut found = prose::PRESENT
                .iter()
                .flat_map(|p| occurrences(text, p))
                .find_map(|(_, e)| count_after(text, e));
            let mentions = first_of(text, prose::PRESENT).is_some();
            if found.is_none() && mentions {
                found = fraction(text).map(|(p, t)| (p, Some(t)));
            }
            if let Some((p, t)) = found {
                self.place("attendance.present", n, "");
                self.add("attendance.present", &p.to_string(), n, "");
                let all = first_of(text, prose::ALL_PRESENT).is_some();
                let total = t.or(all.then_some(p));
                if let (Some(t), false) = (total, self.is_set("attendance.total")) {
                    self.place("attendance.total", n, "");
                    self.add("attendance.total", &t.to_string(), n, "");
                }
                read = true;
            }
        }
        read
    }

    /// `Sinh hoạt chuyên đề được ghi vào sổ biên bản …, trang 14.`
    fn book_line(&mut self, n: u32, text: &str) -> bool {
        if first_of(text, prose::BOOK).is_none() || self.is_set("minutes_book.recorded") {
            return false;
        }
        if !occurrences(text, "không").is_empty() || !occurrences(text, "chưa").is_empty() {
            return false;
        }
        self.place("minutes_book.recorded", n, "");
        self.set_value("minutes_book.recorded", Value::Bool(true));
        if let Some(page) = prose::PAGE
            .iter()
            .flat_map(|p| occurrences(text, p))
            .find_map(|(_, e)| count_after(text, e))
        {
            self.place("minutes_book.page", n, "");
            self.set_value("minutes_book.page", json!(page.0.to_string()));
        }
        true
    }

    /// Tasks given inside the conclusion or a sentence of the session: `giao X làm Y, hoàn
    /// thành trước D` is an assignment to X of Y, due D.
    pub(super) fn tasks_in_sentences(&mut self) {
        let has_any = matches!(
            field_mut(&mut self.record, "session.assignments"),
            Some(Value::Array(a)) if !a.is_empty()
        );
        if has_any || self.session_at.is_none() {
            return;
        }
        for (n, text) in std::mem::take(&mut self.task_lines) {
            for clause in text.split(';').flat_map(|c| c.split(". ")) {
                if let Some(end) = gives(clause) {
                    let given = &clause[end..];
                    let (main, due) = values::split_due(given);
                    let verb = prose::TASK_VERBS
                        .iter()
                        .filter_map(|v| occurrences(main, v).into_iter().find(|&(s, _)| s > 0))
                        .min();
                    let mut a = Map::new();
                    let (who, what) = match verb {
                        Some((at, _)) => (Some(main[..at].trim()), main[at..].trim()),
                        None => (None, main.trim()),
                    };
                    let what = what.trim_end_matches(['.', ',', ';', ' ']);
                    if let Some(who) = who.filter(|w| !w.is_empty()) {
                        a.insert("assignee".into(), json!(who));
                        if let Some(kind) = values::kind_of_assignee(who) {
                            a.insert("kind".into(), json!(kind));
                        }
                    }
                    if !what.is_empty() {
                        a.insert("task".into(), json!(what));
                    }
                    if let Some(due) = due {
                        a.insert("due".into(), json!(due));
                    }
                    if a.is_empty() {
                        continue;
                    }
                    let i = match field_mut(&mut self.record, "session.assignments") {
                        Some(Value::Array(all)) => all.len(),
                        _ => 0,
                    };
                    self.places.push(Place {
                        pointer: format!("/session/assignments/{i}"),
                        paragraph: n,
                        label: "giao".into(),
                    });
                    match field_mut(&mut self.record, "session.assignments") {
                        Some(Value::Array(all)) => all.push(Value::Object(a)),
                        _ => self.set_value("session.assignments", json!([a])),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_sentences() {
        assert_eq!(
            day_in("Cứ theo định kỳ, hôm nay ngày 04 tháng 05 năm 2022, Chi bộ").as_deref(),
            Some("ngày 04 tháng 05 năm 2022")
        );
        assert_eq!(
            day_in("Sáng ngày 25/7/2025, Chi bộ").as_deref(),
            Some("25/7/2025")
        );
        assert_eq!(
            day_in("Ngày 24,25/9/2022, Chi bộ").as_deref(),
            Some("24/9/2022")
        );
        assert_eq!(
            day_in("8 giờ 00 ngày 09/6/2019.").as_deref(),
            Some("09/6/2019")
        );
        assert_eq!(day_in("ngày …… tháng …… năm ……"), None);
    }

    #[test]
    fn spans_names_and_counts() {
        assert_eq!(
            span("“Nâng cao tinh thần tự phê bình” (từ 9 giờ 00 đến 9 giờ 40)."),
            Some((Some("9 giờ 00".into()), Some("9 giờ 40".into())))
        );
        assert_eq!(
            name_in("Đồng chí Phạm Văn Toàn – Bí thư Chi bộ chủ trì").as_deref(),
            Some("Phạm Văn Toàn")
        );
        assert_eq!(name_in("đồng chí Bí thư chủ trì"), None);
        assert_eq!(fraction("(có mặt 25/26)"), Some((25, 26)));
        assert_eq!(fraction("ngày 25/7/2025 có 18 đồng chí"), None);
    }
}
