//! What reading one work item gives ([`Part`]: only each record's summary), and the guards
//! every reader uses: a record admissible for the run, a panic turned into a rejection.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::NaiveDate;
use kiemtra_input::{parse, Chunk, FileProblem, Position, Reason, Rejection};
use kiemtra_rules::rules::check_record;
use kiemtra_rules::{Meeting, Record, Violation};

use super::interner::Interner;
use super::{Mode, Packed, Small, NONE};

/// What one block (or one JSON file) gave.
#[derive(Debug, Default)]
pub(super) struct Part {
    pub(super) file: u32,
    /// Lines below are relative: add the newlines of the file's earlier blocks.
    pub(super) newlines: u32,
    pub(super) units: Interner,
    pub(super) labels: Interner,
    pub(super) ids: Vec<Box<str>>,
    pub(super) violations: Vec<Violation>,
    /// Beside each violation: where its field is written, for a record spread over several
    /// lines (pretty-printed JSON); `None` otherwise (the record's line is the place).
    pub(super) violation_at: Vec<Option<Position>>,
    /// (unit index in `units`, record).
    pub(super) records: Vec<(u32, Small)>,
    pub(super) rejected: Vec<Rejection>,
    pub(super) parsed: u64,
    /// Problems of the file met while reading this part.
    pub(super) errors: Vec<FileProblem>,
    /// A block of a JSON Lines file: its errors say after which line they came.
    pub(super) in_blocks: bool,
    /// For a CSV file or a worksheet: which field each column holds.
    pub(super) columns: Option<kiemtra_input::Columns>,
    /// For Word minutes: the paragraph and label of each field read.
    pub(super) word: Option<kiemtra_input::docx::Places>,
}

/// A meeting date that can be real: from the Party's founding (1930) to 2199. Waivers'
/// expiry dates are held to the same years.
pub fn plausible(date: NaiveDate) -> bool {
    use chrono::Datelike;
    (1930..=2199).contains(&date.year())
}

/// The longest id, unit code, unit name or parent kept for the run, in bytes.
const MAX_KEPT_FIELD: usize = 1024;

/// The first field kept for the whole run that is over [`MAX_KEPT_FIELD`].
fn too_long(record: &Record<'_>) -> Option<&'static str> {
    let over = |s: Option<&str>| s.is_some_and(|s| s.len() > MAX_KEPT_FIELD);
    if over(Some(&record.id)) {
        Some("/id")
    } else if over(Some(&record.unit)) {
        Some("/unit/code")
    } else if over(record.unit_name.as_deref()) {
        Some("/unit/name")
    } else if over(record.parent.as_deref()) {
        Some("/unit/parent")
    } else {
        None
    }
}

/// What the run refuses to keep of a record that format v1 accepts: a date outside the
/// plausible years, or an identifying field too long to keep for the whole run.
pub(super) fn admissible(record: &Record<'_>) -> Result<(), Reason> {
    if !plausible(record.date) {
        return Err(Reason::DateOutOfRange {
            date: record.date.format("%Y-%m-%d").to_string(),
        });
    }
    if let Some(pointer) = too_long(record) {
        return Err(Reason::FieldTooLong {
            pointer,
            limit: MAX_KEPT_FIELD,
        });
    }
    Ok(())
}

/// True when `id` is what validation gives a record without one: `code/YYYY-MM-DD`.
fn is_default_id(id: &str, code: &str, date: NaiveDate) -> bool {
    let Some(rest) = id.strip_prefix(code).and_then(|r| r.strip_prefix('/')) else {
        return false;
    };
    use chrono::Datelike;
    if (0..=9999).contains(&date.year()) && rest.len() == 10 {
        let b = rest.as_bytes();
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            std::str::from_utf8(b.get(r)?).ok()?.parse().ok()
        };
        return b.get(4) == Some(&b'-')
            && b.get(7) == Some(&b'-')
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
            && num(0..4) == u32::try_from(date.year()).ok()
            && num(5..7) == Some(date.month())
            && num(8..10) == Some(date.day());
    }
    rest == date.format("%Y-%m-%d").to_string()
}

/// What a panic said, for an internal-error rejection.
pub(super) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_owned()
    }
}

/// Runs `f` on a record, turning a panic into a rejection of that record with its place: a
/// bug in one rule never stops the batch.
pub(super) fn guarded<'a, T>(
    at: Position,
    f: impl FnOnce() -> Result<T, Rejection> + 'a,
) -> Result<T, Rejection> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(Rejection {
            at,
            reason: Reason::Internal(panic_message(payload.as_ref())),
        }),
    }
}

impl Part {
    pub(super) fn new(file: u32) -> Part {
        Part {
            file,
            ..Part::default()
        }
    }

    /// Parses, validates and checks one record, and keeps its summary or its rejection.
    pub(super) fn record(&mut self, chunk: &Chunk<'_>, mode: Mode<'_>) {
        let params = match mode {
            Mode::ParseOnly => {
                match parse(chunk) {
                    Ok(_) => self.parsed += 1,
                    Err(r) => self.rejected.push(r),
                }
                return;
            }
            Mode::Check(params) => params,
        };
        // Everything happens inside the guard, so that the record is never moved out of it.
        let checked = guarded(chunk.at, || {
            let record = parse(chunk)?;
            let reject = |reason| Rejection {
                at: chunk.at,
                reason,
            };
            admissible(&record).map_err(reject)?;
            let mut violations = Vec::new();
            check_record(&record, params, &mut violations);
            let meeting = Meeting::of(&record);
            let first = self.violations.len();
            self.keep(chunk.at.line, &record, violations, &meeting);
            // A line of JSON Lines has no line break: only a record of a JSON file, and only one
            // with findings, is looked at again.
            let findings = self.violations.len() > first;
            if findings && !self.in_blocks && memchr::memchr(b'\n', chunk.text).is_some() {
                // Pretty-printed: each finding points at its field's own line and column.
                let locator = kiemtra_input::Locator::new(chunk.text, chunk.at);
                for (v, at) in self.violations[first..]
                    .iter()
                    .zip(&mut self.violation_at[first..])
                {
                    *at = v
                        .pointer
                        .as_deref()
                        .and_then(|p| locator.pointer_position(p));
                }
            }
            Ok(())
        });
        if let Err(r) = checked {
            self.rejected.push(r);
        }
    }

    pub(super) fn keep(
        &mut self,
        line: u32,
        record: &Record<'_>,
        violations: Vec<Violation>,
        meeting: &Meeting,
    ) {
        let unit = self.units.get(&record.unit);
        let id = if is_default_id(&record.id, &record.unit, record.date) {
            NONE
        } else {
            self.ids.push(record.id.as_ref().into());
            u32::try_from(self.ids.len() - 1).unwrap_or(NONE - 1)
        };
        let name = record
            .unit_name
            .as_deref()
            .map_or(NONE, |n| self.labels.get(n));
        let parent = record
            .parent
            .as_deref()
            .map_or(NONE, |n| self.labels.get(n));
        let viol_start = u32::try_from(self.violations.len()).unwrap_or(NONE);
        let viol_len = u32::try_from(violations.len()).unwrap_or(NONE);
        self.violations.extend(violations);
        self.violation_at.resize(self.violations.len(), None);
        self.records.push((
            unit,
            Small {
                line,
                file: self.file,
                date: record.date,
                id,
                name,
                parent,
                viol_start,
                viol_len,
                meeting: Packed::of(meeting),
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use kiemtra_rules::validate::default_id;

    use super::*;

    #[test]
    fn a_panic_while_checking_is_a_rejection_with_its_place() {
        let at = Position { line: 7, column: 1 };
        let r: Result<(), Rejection> = guarded(at, || panic!("rule bug"));
        let r = r.unwrap_err();
        assert_eq!(r.at, at);
        assert_eq!(r.reason, Reason::Internal("rule bug".into()));
    }

    #[test]
    fn default_ids_are_recognised() {
        let d = NaiveDate::from_ymd_opt(2017, 3, 5).unwrap();
        assert!(is_default_id("HC-CB01/2017-03-05", "HC-CB01", d));
        assert!(!is_default_id("HC-CB01/2017-03-06", "HC-CB01", d));
        assert!(!is_default_id("HC-CB01/2017-3-05", "HC-CB01", d));
        assert!(!is_default_id("HC-CB0/2017-03-05", "HC-CB01", d));
        assert!(!is_default_id("HC-CB01/2017-03-05 ", "HC-CB01", d));
        assert_eq!(default_id("X", d), "X/2017-03-05");
    }
}
