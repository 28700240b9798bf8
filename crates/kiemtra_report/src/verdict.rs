//! The last line of a run, in plain words: what was checked, what is to fix, and what could not
//! be checked. One unit in one month reads as a sentence about that month's minutes; several
//! months or units as a summary of the batch.

use kiemtra_messages::m::report::{count, verdict as w};
use kiemtra_messages::{Phrase, Say};
use kiemtra_rules::violation::Note;
use kiemtra_rules::{Lang, Month};
use kiemtra_runner::{Outcome, UnitSummary};

/// `n` followed by the singular or the plural noun (Vietnamese has one form). Kept for the
/// command line's callers until they word their counts from the catalogue's plural forms.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A month in words, with the catalogue's format (`tháng 4/2017`, `April 2017`).
fn month_words(m: Month, format: Phrase, lang: Lang) -> String {
    chrono::NaiveDate::from_ymd_opt(m.year, m.month, 1)
        .map_or_else(|| m.to_string(), |d| d.format(format.get(lang)).to_string())
}

fn previous(m: Month) -> Month {
    if m.month == 1 {
        Month {
            year: m.year - 1,
            month: 12,
        }
    } else {
        Month {
            year: m.year,
            month: m.month - 1,
        }
    }
}

/// Errors and warnings: "2 lỗi cần sửa, 1 cảnh báo" / "no error".
fn to_fix(errors: usize, warnings: usize, lang: Lang) -> String {
    if errors == 0 && warnings == 0 {
        return w::NOTHING_TO_FIX.get(lang).to_owned();
    }
    w::ToFix {
        errors: &count::Errors {
            count: errors as u64,
        }
        .in_lang(lang),
        warnings: &count::Warnings {
            count: warnings as u64,
        }
        .in_lang(lang),
    }
    .say(lang)
}

/// The month of the unit's session whose follow-up could not be judged (catalogue v1.1: its
/// earliest judged session has no earlier session in the input), as the run noted it.
fn follow_up_unchecked(unit: &UnitSummary) -> Option<Month> {
    unit.notes
        .iter()
        .map(|n| match n {
            Note::FollowUpNotJudged { date } => Month::of(*date),
        })
        .next()
}

/// The last line of the run.
pub fn verdict(outcome: &Outcome, lang: Lang) -> String {
    // A unit's name comes from the input: shown, never sent raw to a terminal.
    kiemtra_input::escape::visible(&verdict_words(outcome, lang)).into_owned()
}

fn verdict_words(outcome: &Outcome, lang: Lang) -> String {
    let s = &outcome.summary;
    let mut line = match outcome.units.as_slice() {
        [] if s.records == 0 => return w::NOTHING_READ.get(lang).to_owned(),
        [] => w::NONE_CHECKED.get(lang).to_owned(),
        [unit] => {
            let name = unit.name.as_deref().unwrap_or(&unit.code);
            let months: Vec<Month> = unit.period.months().collect();
            let mut line = match months.as_slice() {
                [m] => w::OneMonth {
                    month: &month_words(*m, w::MONTH_ALONE, lang),
                    unit: &name,
                }
                .say(lang),
                [first, .., last] => w::Months {
                    count: u64::from(unit.months_expected()),
                    unit: &name,
                    first: &month_words(*first, w::MONTH_IN_RANGE, lang),
                    last: &month_words(*last, w::MONTH_IN_RANGE, lang),
                    compliant: &unit.months_compliant,
                }
                .say(lang),
                [] => name.to_owned(),
            };
            let sep = if months.len() == 1 { ": " } else { "; " };
            line.push_str(&format!("{sep}{}", to_fix(s.errors, s.warnings, lang)));
            if let Some(first) = follow_up_unchecked(unit) {
                w::FollowUpUnchecked {
                    month: &month_words(previous(first), w::MONTH_ALONE, lang),
                }
                .say_into(lang, &mut line);
            }
            line
        }
        units => {
            let failing = units
                .iter()
                .filter(|u| u.months_compliant < u.months_expected())
                .count();
            w::Batch {
                units: &count::Units {
                    count: units.len() as u64,
                }
                .in_lang(lang),
                minutes: &count::Minutes {
                    count: s.checked as u64,
                }
                .in_lang(lang),
                to_fix: &to_fix(s.errors, s.warnings, lang),
                failing: &count::Units {
                    count: failing as u64,
                }
                .in_lang(lang),
            }
            .say(lang)
        }
    };
    if s.rejected > 0 {
        w::Rejected {
            minutes: &count::Minutes {
                count: s.rejected as u64,
            }
            .in_lang(lang),
        }
        .say_into(lang, &mut line);
    }
    if !outcome.file_errors.is_empty() {
        w::FilesUnreadable {
            files: &count::Files {
                count: outcome.file_errors.len() as u64,
            }
            .in_lang(lang),
        }
        .say_into(lang, &mut line);
    }
    line.push('.');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_agree_with_their_noun() {
        assert_eq!(count(1, "finding", "findings"), "1 finding");
        assert_eq!(count(2, "finding", "findings"), "2 findings");
        assert_eq!(count(0, "finding", "findings"), "0 findings");
        assert_eq!(to_fix(1, 2, Lang::En), "1 error to fix, 2 warnings");
        assert_eq!(to_fix(2, 1, Lang::Vi), "2 lỗi cần sửa, 1 cảnh báo");
    }

    #[test]
    fn months_in_words() {
        let m = Month {
            year: 2017,
            month: 1,
        };
        assert_eq!(month_words(m, w::MONTH_ALONE, Lang::Vi), "tháng 1/2017");
        assert_eq!(
            month_words(previous(m), w::MONTH_ALONE, Lang::En),
            "December 2016"
        );
    }
}
