//! What was read from Word minutes, shown to the person who wrote or inspects them: every value
//! with the paragraph it came from and the label as the document writes it, the paragraphs
//! that gave no value, and where the themed session is shown. `kiemtra read` prints it; its JSON
//! form is this structure, serialised as is:
//!
//! ```json
//! {
//!   "session_part": 15,
//!   "fields": [
//!     {"field": "date", "value": "ngày 08 tháng 4 năm 2017", "paragraph": 6, "label": "Thời gian"},
//!     {"field": "session.topics.0", "value": "Phong cách dân chủ …", "paragraph": 17, "label": "trình bày nội dung"}
//!   ],
//!   "unmapped": [{"paragraph": 7, "label": "Địa điểm", "text": "Hội trường thôn 3"}]
//! }
//! ```
//!
//! `field` is the dotted path of record format v1, with the index of a list's item
//! (`session.assignments.0.due`); `value` is the value as read (text as written, numbers,
//! `true`/`false`); `paragraph` counts the paragraphs with visible text, as Word does; `label`
//! is absent when the value was read from a sentence rather than after a label.

use serde::Serialize;
use serde_json::Value;

use super::Minutes;

/// One value read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadValue {
    pub field: String,
    pub value: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// Text that gave no value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unmapped {
    pub paragraph: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub text: String,
}

/// What was read from one document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reading {
    /// The paragraph where the themed session is shown as a part of its own, if it is.
    pub session_part: Option<u32>,
    pub fields: Vec<ReadValue>,
    pub unmapped: Vec<Unmapped>,
}

impl Reading {
    pub fn of(minutes: &Minutes) -> Reading {
        let mut fields = Vec::new();
        let mut unmapped = Vec::new();
        for (key, value) in &minutes.record {
            if key == "_unmapped" {
                for u in value.as_array().into_iter().flatten() {
                    unmapped.push(Unmapped {
                        paragraph: u["paragraph"].as_u64().map_or(0, |n| n as u32),
                        label: u["label"].as_str().map(str::to_owned),
                        text: u["text"].as_str().unwrap_or_default().to_owned(),
                    });
                }
                continue;
            }
            leaves(key, value, &mut |path, v| {
                let pointer = format!("/{}", path.replace('.', "/"));
                let place = minutes.places.of(&pointer);
                fields.push(ReadValue {
                    field: path.to_owned(),
                    value: v.clone(),
                    paragraph: place.map(|p| p.paragraph).filter(|&n| n > 0),
                    label: place.map(|p| p.label.clone()).filter(|l| !l.is_empty()),
                });
            });
        }
        // In the document's order, then the format's.
        fields.sort_by_key(|f| f.paragraph.unwrap_or(u32::MAX));
        unmapped.sort_by_key(|u| u.paragraph);
        Reading {
            session_part: minutes.session_part,
            fields,
            unmapped,
        }
    }
}

/// Every value that is not an object or a list, with its dotted path.
fn leaves(path: &str, value: &Value, out: &mut dyn FnMut(&str, &Value)) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                leaves(&format!("{path}.{k}"), v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaves(&format!("{path}.{i}"), v, out);
            }
        }
        v => out(path, v),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{minutes, Block, Paragraph};
    use super::*;

    #[test]
    fn every_value_with_its_paragraph_and_what_gave_none() {
        let blocks: Vec<Block> = [
            "BIÊN BẢN HỌP CHI BỘ THÁNG 5 NĂM 2017",
            "Hôm nay, vào lúc 19 giờ 00 phút, ngày 14 tháng 5 năm 2017, tại nhà văn hóa.",
            "Chủ trì: đồng chí Đỗ Văn Lâm",
            "Sinh hoạt chuyên đề “Giữ gìn vệ sinh môi trường”",
            "Một câu không nói gì về biên bản.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Block::Paragraph(Paragraph {
                number: i as u32 + 1,
                text: (*t).into(),
                style: None,
            })
        })
        .collect();
        let r = Reading::of(&minutes(&blocks, Some("CB")));
        let field = |f: &str| r.fields.iter().find(|v| v.field == f).unwrap();
        assert_eq!(field("chair").paragraph, Some(3));
        assert_eq!(field("chair").label.as_deref(), Some("Chủ trì"));
        assert_eq!(field("session.topics.0").paragraph, Some(4));
        assert_eq!(field("kind").value, "định kỳ");
        assert_eq!(r.session_part, Some(4));
        assert!(r
            .unmapped
            .iter()
            .any(|u| u.paragraph == 5 && u.text == "Một câu không nói gì về biên bản."));
        let json = serde_json::to_value(&r).unwrap();
        assert!(json["fields"][0].get("field").is_some());
    }
}
