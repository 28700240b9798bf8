//! Meeting dates far beyond the rest of the batch: a mistyped year (`2071`) must not decide
//! the day waivers expire by, nor stretch its unit's audited period by decades.

use chrono::NaiveDate;

use super::Small;

/// How far after the rest of the batch a meeting date may be before it is taken for a typo.
const BEYOND_BATCH_DAYS: i64 = 366;

/// Takes out of the batch the records dated more than [`BEYOND_BATCH_DAYS`] after every other
/// record (one at a time from the latest, so two records agreeing on a date keep each other),
/// or after `as_of` when it is given, and returns them with the date they were measured
/// against. No single date can then decide the day waivers expire by, nor stretch its unit's
/// audited period by decades.
pub(super) fn beyond_batch(
    per_unit: &mut [Vec<Small>],
    as_of: Option<NaiveDate>,
) -> Vec<(u32, Small, NaiveDate)> {
    let mut dates: Vec<NaiveDate> = per_unit.iter().flatten().map(|r| r.date).collect();
    dates.sort_unstable();
    let far =
        |later: NaiveDate, earlier: NaiveDate| (later - earlier).num_days() > BEYOND_BATCH_DAYS;
    let limit = match as_of {
        Some(day) => day,
        None => {
            // From the latest date down, while it stands more than the limit after the next.
            let mut top = dates.len();
            while let (Some(&last), Some(&before)) = (
                dates.get(top.wrapping_sub(1)),
                dates.get(top.wrapping_sub(2)),
            ) {
                if !far(last, before) {
                    break;
                }
                top -= 1;
            }
            match dates.get(top.wrapping_sub(1)) {
                Some(&d) => d,
                None => return Vec::new(),
            }
        }
    };
    let mut out = Vec::new();
    for records in per_unit.iter_mut() {
        if records.iter().any(|r| far(r.date, limit)) {
            records.retain(|r| {
                let keep = !far(r.date, limit);
                if !keep {
                    out.push((r.file, *r, limit));
                }
                keep
            });
        }
    }
    out
}
