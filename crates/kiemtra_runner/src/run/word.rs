//! Word minutes: one file, one meeting, validated and checked like a JSON record. Its place is
//! paragraph 1; its fields' paragraphs are kept for the reports.

use kiemtra_input::{Position, Reason, Rejection};
use kiemtra_rules::rules::check_record;
use kiemtra_rules::{Meeting, RecordDoc};
use serde::Deserialize;

use super::part::{admissible, guarded, Part};
use super::{Mode, Reading};

pub(super) fn read(part: &mut Part, bytes: &[u8], reading: &Reading<'_>) {
    let minutes = match kiemtra_input::docx::read(bytes, reading.unit) {
        Ok(m) => m,
        Err(e) => {
            part.errors.push(kiemtra_input::FileProblem::Word(e));
            return;
        }
    };
    let value = serde_json::Value::Object(minutes.record);
    // A rejection points at the paragraph of the field at fault (its "line").
    let paragraph = |pointer: &str| Position {
        line: minutes.places.of(pointer).map_or(1, |p| p.paragraph),
        column: 1,
    };
    let at = Position::START;
    let checked = guarded(at, || {
        let doc = RecordDoc::deserialize(&value).map_err(|e| Rejection {
            at,
            reason: Reason::Syntax(kiemtra_input::JsonProblem::of(&e)),
        })?;
        let record = kiemtra_rules::validate(doc).map_err(|invalid| Rejection {
            at: paragraph(invalid.pointer()),
            reason: Reason::Invalid(invalid),
        })?;
        admissible(&record).map_err(|reason| Rejection { at, reason })?;
        match reading.mode {
            Mode::Check(params) => {
                let mut violations = Vec::new();
                check_record(&record, params, &mut violations);
                let meeting = Meeting::of(&record);
                part.keep(at.line, &record, violations, &meeting);
            }
            Mode::ParseOnly => part.parsed += 1,
        }
        Ok(())
    });
    if let Err(r) = checked {
        part.rejected.push(r);
    }
    part.word = Some(minutes.places);
}
