//! Assignments: a table whose header names their columns, or one a line under `Phân công
//! thực hiện`.

use serde_json::{json, Map, Value};

use super::labels::{self, clean, strip_marker};
use super::{field_mut, Builder, Paragraph, Place, GUIDANCE_STYLE};
use crate::layout;
use kiemtra_format::values;

impl Builder {
    fn assignment_count(&mut self) -> usize {
        match field_mut(&mut self.record, "session.assignments") {
            Some(Value::Array(all)) => all.len(),
            _ => 0,
        }
    }

    fn push_assignment(&mut self, a: Map<String, Value>) {
        match field_mut(&mut self.record, "session.assignments") {
            Some(Value::Array(all)) => all.push(Value::Object(a)),
            _ => self.set_value("session.assignments", json!([a])),
        }
    }

    /// A line under `Phân công thực hiện`: an assignment when it names who or by when
    /// (record format 1.2, *assignments*); otherwise it is kept, not guessed at.
    pub(super) fn assignment_line(&mut self, p: &Paragraph) {
        let text = clean(strip_marker(&p.text));
        let a = values::assignment(&text);
        if a.assignee.is_some() || a.due.is_some() {
            self.assignment_text(p.number, &text);
        } else {
            self.keep(p.number, None, &text);
        }
    }

    /// One assignment a line, read as every route reads one (`Chi ủy: …, thời hạn …`,
    /// `Đ/c Nam - … - 30/4/2017`).
    pub(super) fn assignment_text(&mut self, n: u32, text: &str) {
        let i = self.assignment_count();
        let read = values::assignment(text);
        let mut a = Map::new();
        if let Some(who) = read.assignee {
            a.insert("assignee".into(), json!(clean(&who)));
        }
        if let Some(kind) = read.kind {
            a.insert("kind".into(), json!(kind));
        }
        if let Some(task) = read.task {
            a.insert("task".into(), json!(clean(&task)));
        }
        if let Some(due) = read.due {
            a.insert("due".into(), json!(clean(&due)));
        }
        if a.is_empty() {
            return;
        }
        self.places.push(Place {
            pointer: format!("/session/assignments/{i}"),
            paragraph: n,
            label: String::new(),
        });
        self.push_assignment(a);
    }

    /// Reads a table of assignments, if its header row names their columns; `false` when the
    /// table is something else.
    pub(super) fn assignment_table(&mut self, rows: &[Vec<Vec<Paragraph>>]) -> bool {
        let cell_text = |cell: &[Paragraph]| {
            cell.iter()
                .filter(|p| p.style.as_deref() != Some(GUIDANCE_STYLE))
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let Some(header_at) = rows.iter().take(2).position(|row| {
            row.iter()
                .filter(|c| labels::assignment_column(&cell_text(c)).is_some())
                .count()
                >= 2
        }) else {
            return false;
        };
        let header: Vec<(Option<&'static str>, String, u32)> = rows[header_at]
            .iter()
            .map(|c| {
                let text = cell_text(c);
                let n = c.first().map_or(0, |p| p.number);
                (
                    labels::assignment_column(&text).map(|col| col.key),
                    clean(&text),
                    n,
                )
            })
            .collect();
        if let Some(n) = header.iter().map(|h| h.2).find(|&n| n > 0) {
            self.place("session.assignments", n, "Phân công thực hiện");
        }
        for row in &rows[header_at + 1..] {
            let i = self.assignment_count();
            let mut a = Map::new();
            let mut places = Vec::new();
            let mut first = None;
            for (cell, (key, label, _)) in row.iter().zip(&header) {
                let text = clean(&cell_text(cell));
                if text.is_empty() {
                    continue;
                }
                let n = cell.first().map_or(0, |p| p.number);
                if key.is_some() || !is_numbering(label) {
                    first.get_or_insert(n);
                }
                match key {
                    Some(key) => {
                        let value = match *key {
                            "remedy" => {
                                layout::boolean(&text).map_or(Value::String(text), Value::Bool)
                            }
                            _ => Value::String(text),
                        };
                        a.insert((*key).to_owned(), value);
                        places.push(Place {
                            pointer: format!("/session/assignments/{i}/{key}"),
                            paragraph: n,
                            label: label.clone(),
                        });
                    }
                    // A numbering column is not kept; another column is, under its header.
                    None if is_numbering(label) => {}
                    None => {
                        let name = if label.is_empty() {
                            "column".to_owned()
                        } else {
                            label.clone()
                        };
                        a.insert(name, Value::String(text));
                    }
                }
            }
            if places.is_empty() {
                continue;
            }
            if let Some(n) = first {
                self.places.push(Place {
                    pointer: format!("/session/assignments/{i}"),
                    paragraph: n,
                    label: String::new(),
                });
            }
            self.places.extend(places);
            self.push_assignment(a);
        }
        self.open = None;
        true
    }
}

fn is_numbering(label: &str) -> bool {
    let f: String = label.chars().map(labels::fold_char).collect();
    matches!(f.trim(), "stt" | "tt" | "so tt" | "so thu tu" | "#")
}
