//! CSV files and spreadsheets: one record per row, validated and checked like a JSON record.

use kiemtra_input::{Columns, Encoding, Format, Rejection};
use kiemtra_rules::rules::check_record;
use kiemtra_rules::{Meeting, Parameters};
use rayon::prelude::*;

use super::{Checked, FileResult};

pub(super) fn read(
    index: usize,
    bytes: &[u8],
    format: Format,
    encoding: Encoding,
    params: &Parameters,
) -> FileResult {
    let (table, problem) = match kiemtra_input::read_table(bytes, format, encoding) {
        Ok(t) => t,
        Err(e) => {
            return FileResult {
                error: Some(e),
                ..FileResult::default()
            }
        }
    };
    let results: Vec<Result<Checked, Rejection>> = table
        .rows
        .par_iter()
        .map(|row| {
            let row = table.record(row)?;
            let record = table.parse(&row)?;
            let mut violations = Vec::new();
            check_record(&record, params, &mut violations);
            Ok(Checked {
                file: index,
                line: row.at.line,
                id: record.id.clone().into_owned(),
                unit: record.unit.clone().into_owned(),
                name: record.unit_name.as_ref().map(|s| s.clone().into_owned()),
                parent: record.parent.as_ref().map(|s| s.clone().into_owned()),
                date: record.date,
                meeting: Meeting::of(&record),
                violations,
            })
        })
        .collect();
    let mut rejected = Vec::new();
    let mut checked = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(c) => checked.push(c),
            Err(e) => rejected.push(e),
        }
    }
    rejected.sort_by_key(|r| r.at);
    FileResult {
        checked,
        rejected,
        error: problem,
        columns: Some(Columns(table.columns())),
    }
}
