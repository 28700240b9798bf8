//! The last line of a run, in plain words: what was checked, what is to fix, and what could not
//! be checked. One unit in one month reads as a sentence about that month's minutes; several
//! months or units as a summary of the batch.

use kiemtra_rules::violation::Note;
use kiemtra_rules::{Lang, Month};
use kiemtra_runner::{Outcome, UnitSummary};

/// `n` followed by the singular or the plural noun (Vietnamese has one form).
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `tháng 4/2017` / `April 2017`.
fn month_words(m: Month, lang: Lang) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        Lang::Vi => format!("tháng {}/{}", m.month, m.year),
        Lang::En => {
            let name = usize::try_from(m.month)
                .ok()
                .and_then(|i| EN.get(i.wrapping_sub(1)))
                .copied()
                .unwrap_or("?");
            format!("{name} {}", m.year)
        }
    }
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
    match (errors, warnings, lang) {
        (0, 0, Lang::Vi) => "không có lỗi nào".into(),
        (0, 0, Lang::En) => "nothing to fix".into(),
        (e, w, Lang::Vi) => format!("{e} lỗi cần sửa, {w} cảnh báo"),
        (e, w, Lang::En) => format!(
            "{} to fix, {}",
            count(e, "error", "errors"),
            count(w, "warning", "warnings")
        ),
    }
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
        [] if s.records == 0 => {
            return lang
                .pick(
                    "Không có biên bản nào được đọc: chưa kiểm tra gì.",
                    "No record was read: nothing was checked.",
                )
                .to_owned()
        }
        [] => lang
            .pick(
                "Không biên bản nào kiểm tra được",
                "No record could be checked",
            )
            .to_owned(),
        [unit] => {
            let name = unit.name.as_deref().unwrap_or(&unit.code);
            let months: Vec<Month> = unit.period.months().collect();
            let mut line = match (months.as_slice(), lang) {
                ([m], Lang::Vi) => format!("Biên bản {} của {name}", month_words(*m, lang)),
                ([m], Lang::En) => format!("The minutes of {name} for {}", month_words(*m, lang)),
                ([first, .., last], Lang::Vi) => format!(
                    "{name}, {}–{}: {}/{} tháng đạt",
                    month_words(*first, lang),
                    month_words(*last, lang).trim_start_matches("tháng "),
                    unit.months_compliant,
                    unit.months_expected()
                ),
                (_, Lang::En) => format!(
                    "{name}, {}–{}: {} of {} compliant",
                    months
                        .first()
                        .map_or(String::new(), |m| month_words(*m, lang)),
                    months
                        .last()
                        .map_or(String::new(), |m| month_words(*m, lang)),
                    unit.months_compliant,
                    count(unit.months_expected() as usize, "month", "months")
                ),
                ([], Lang::Vi) => name.to_owned(),
            };
            let sep = if months.len() == 1 { ": " } else { "; " };
            line.push_str(&format!("{sep}{}", to_fix(s.errors, s.warnings, lang)));
            if let Some(first) = follow_up_unchecked(unit) {
                let before = month_words(previous(first), lang);
                line.push_str(&match lang {
                    Lang::Vi => format!(
                        "; chưa kiểm tra được việc đánh giá chủ đề {before} vì không có biên bản {before}"
                    ),
                    Lang::En => format!(
                        "; the evaluation of the {before} topic could not be checked: there are no minutes for {before}"
                    ),
                });
            }
            line
        }
        units => {
            let failing = units
                .iter()
                .filter(|u| u.months_compliant < u.months_expected())
                .count();
            match lang {
                Lang::Vi => format!(
                    "{} chi bộ, {} biên bản đã kiểm tra: {}; {failing} chi bộ có tháng chưa đạt",
                    units.len(),
                    s.checked,
                    to_fix(s.errors, s.warnings, lang)
                ),
                Lang::En => format!(
                    "{}, {} checked: {}; {} with a month not compliant",
                    count(units.len(), "unit", "units"),
                    count(s.checked, "record", "records"),
                    to_fix(s.errors, s.warnings, lang),
                    count(failing, "unit", "units")
                ),
            }
        }
    };
    if s.rejected > 0 {
        line.push_str(&match lang {
            Lang::Vi => format!("; {} biên bản bị loại, chưa kiểm tra", s.rejected),
            Lang::En => format!(
                "; {} rejected, not checked",
                count(s.rejected, "record", "records")
            ),
        });
    }
    if !outcome.file_errors.is_empty() {
        let n = outcome.file_errors.len();
        line.push_str(&match lang {
            Lang::Vi => format!("; {n} tệp không đọc được"),
            Lang::En => format!("; {} could not be read", count(n, "file", "files")),
        });
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
        assert_eq!(month_words(m, Lang::Vi), "tháng 1/2017");
        assert_eq!(month_words(previous(m), Lang::En), "December 2016");
    }
}
