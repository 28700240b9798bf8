//! The records not judged: rejected by a reader, dated beyond the batch, or counted but not
//! listed; and the run's record counts they give (read = checked + rejected).

use kiemtra_input::Reason;

use crate::outcome::{Rejected, Summary};
use crate::run::collect::Collected;
use crate::run::{beyond, Options};

/// The rejections of the run, and its summary's record counts. Records dated beyond the batch
/// leave `c.per_unit` here.
pub(super) fn count(
    c: &mut Collected,
    names: &[String],
    options: &Options,
) -> (Vec<Rejected>, Summary) {
    let mut rejected: Vec<Rejected> = std::mem::take(&mut c.rejected)
        .into_iter()
        .map(|(file, r)| Rejected {
            file: names.get(file as usize).cloned().unwrap_or_default(),
            line: r.at.line,
            column: r.at.column,
            reason: r.reason,
        })
        .collect();
    let mut summary = Summary {
        files: names.len(),
        ..Summary::default()
    };
    for (file, r, latest) in beyond::beyond_batch(&mut c.per_unit, options.policy.as_of()) {
        rejected.push(Rejected {
            file: names.get(file as usize).cloned().unwrap_or_default(),
            line: r.line,
            column: 1,
            reason: Reason::DateBeyondBatch {
                date: r.date.to_string(),
                latest: latest.to_string(),
                given: options.policy.as_of().is_some(),
            },
        });
    }
    summary.checked = c.per_unit.iter().map(Vec::len).sum();
    summary.rejected = rejected.len();
    for (file, count, at) in std::mem::take(&mut c.not_listed) {
        summary.rejected += usize::try_from(count).unwrap_or(usize::MAX);
        rejected.push(Rejected {
            file: names.get(file as usize).cloned().unwrap_or_default(),
            line: at.line,
            column: at.column,
            reason: Reason::NotListed { count },
        });
    }
    summary.records = summary.checked + summary.rejected;
    (rejected, summary)
}
