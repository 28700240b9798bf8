//! CSV files and spreadsheets: one record per row, validated and checked like a JSON record.

use kiemtra_input::{FileProblem, Format, Rejection, TableLimits};
use kiemtra_rules::rules::check_record;
use kiemtra_rules::{Meeting, Record, Violation};
use rayon::prelude::*;

use super::part::{admissible, guarded, panic_message, Part};
use super::{Mode, Reading};

/// Reads a table's rows into `part`: rows are parsed and checked in parallel, kept in order.
pub(super) fn read(part: &mut Part, bytes: &[u8], format: Format, reading: &Reading<'_>) {
    let limits = TableLimits::with_record_limit(reading.limits.max_record);
    let encoding = reading.encoding;
    let (table, problems) =
        match guarded_read(|| kiemtra_input::read_table(bytes, format, encoding, &limits)) {
            Ok(t) => t,
            Err(problems) => {
                part.errors.extend(problems);
                return;
            }
        };
    part.errors.extend(problems);
    part.columns = Some(table.columns_read());
    let params = match reading.mode {
        Mode::Check(params) => Some(params),
        Mode::ParseOnly => None,
    };
    // Rows become records in parallel; each is parsed, validated and checked once.
    let rows: Vec<Result<kiemtra_input::TableRecord, Rejection>> =
        table.rows.par_iter().map(|raw| table.record(raw)).collect();
    let checked: Vec<Result<Checked<'_>, Rejection>> = rows
        .par_iter()
        .map(|row| {
            let row = row.as_ref().map_err(Clone::clone)?;
            guarded(row.at, || {
                let record = table.parse(row)?;
                admissible(&record).map_err(|reason| Rejection { at: row.at, reason })?;
                Ok(params.map(|params| {
                    let mut violations = Vec::new();
                    check_record(&record, params, &mut violations);
                    let meeting = Meeting::of(&record);
                    (row.at.line, record, violations, meeting)
                }))
            })
        })
        .collect();
    let mut rejected = Vec::new();
    for c in checked {
        match c {
            Ok(Some((line, record, violations, meeting))) => {
                part.keep(line, &record, violations, &meeting);
            }
            Ok(None) => part.parsed += 1,
            Err(e) => rejected.push(e),
        }
    }
    rejected.sort_by_key(|r| r.at);
    part.rejected.extend(rejected);
}

/// Runs a reader, turning a panic inside it (calamine, on a workbook nobody foresaw) into an
/// error of the file: never the end of the batch.
fn guarded_read<T>(
    read: impl FnOnce() -> Result<T, Vec<FileProblem>> + std::panic::UnwindSafe,
) -> Result<T, Vec<FileProblem>> {
    std::panic::catch_unwind(read).unwrap_or_else(|payload| {
        Err(vec![FileProblem::ReaderFailed {
            detail: panic_message(payload.as_ref()),
        }])
    })
}

/// A checked row: its line, the record, its violations and its meeting summary; `None` when
/// only parsing.
type Checked<'r> = Option<(u32, Record<'r>, Vec<Violation>, Meeting)>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_reader_is_an_error_of_the_file() {
        let r: Result<(), _> = guarded_read(|| panic!("calamine bug"));
        assert_eq!(
            r,
            Err(vec![FileProblem::ReaderFailed {
                detail: "calamine bug".into()
            }])
        );
        assert_eq!(guarded_read(|| Ok(1)), Ok(1));
    }
}
