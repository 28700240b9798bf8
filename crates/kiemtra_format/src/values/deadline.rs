//! Deadlines (`session.assignments[].due`): a date, or a period read as its last day —
//! `tháng 5/2017`, `5/2017`, `quý II/2017`, `quý 2 năm 2017`, `6 tháng đầu năm 2017`,
//! `năm 2017` — or a period relative to the meeting (`cuối tháng`, `cuối quý`, `cuối năm`,
//! `tháng sau`, `quý sau`), which needs the meeting's date to become a day. `thường xuyên` and
//! `lâu dài` are read, and say there is no time limit: that is not the same as unreadable.

use chrono::{Datelike, NaiveDate};

use super::date::{date_of, last_of_month, year};
use super::fold::{tokens, Token};

/// A deadline as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Deadline {
    /// A day: a date, or the last day of a period written in full (`tháng 5/2017`).
    Day(NaiveDate),
    /// The last day of the meeting's month, quarter or year (`later` 0), or of the one after
    /// (`later` 1: `tháng sau`).
    EndOf { period: Period, later: u8 },
    /// Written, and says the task has no time limit (`thường xuyên`, `lâu dài`).
    NoLimit,
}

/// A calendar period a deadline may be relative to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Month,
    Quarter,
    Year,
}

impl Deadline {
    /// The last day allowed, for a meeting held on `meeting`; `None` when there is no limit.
    pub fn day(self, meeting: NaiveDate) -> Option<NaiveDate> {
        match self {
            Deadline::Day(d) => Some(d),
            Deadline::NoLimit => None,
            Deadline::EndOf { period, later } => {
                let (y, m) = (meeting.year(), meeting.month());
                let later = u32::from(later);
                match period {
                    Period::Month => {
                        let months = m - 1 + later;
                        last_of_month(
                            y.checked_add(i32::try_from(months / 12).ok()?)?,
                            months % 12 + 1,
                        )
                    }
                    Period::Quarter => {
                        let quarters = (m - 1) / 3 + later;
                        let y = y.checked_add(i32::try_from(quarters / 4).ok()?)?;
                        last_of_month(y, (quarters % 4) * 3 + 3)
                    }
                    Period::Year => {
                        NaiveDate::from_ymd_opt(y.checked_add(i32::try_from(later).ok()?)?, 12, 31)
                    }
                }
            }
        }
    }
}

/// Reads a deadline in any accepted form.
pub fn deadline(text: &str) -> Option<Deadline> {
    if let Some(d) = super::date(text) {
        return Some(Deadline::Day(d));
    }
    let t = tokens(text);
    let t = strip_lead_in(&t);
    if let Some(d) = date_of(t) {
        return Some(Deadline::Day(d));
    }
    if no_limit(t) {
        return Some(Deadline::NoLimit);
    }
    if let Some(d) = period_end(t) {
        return Some(Deadline::Day(d));
    }
    relative(t)
}

/// Words that may stand before a deadline without changing it: `trong tháng 5/2017`,
/// `trước ngày 30/6/2017`, `đến hết quý II/2017`, `chậm nhất 30/6/2017`, `cuối tháng 5/2017`.
fn strip_lead_in(mut t: &[Token]) -> &[Token] {
    loop {
        t = match t {
            [a, b, rest @ ..] if a.is_word("chậm") && b.is_word("nhất") => rest,
            [a, rest @ ..]
                if ["trong", "trước", "đến", "hết", "hạn", "cuối"]
                    .iter()
                    .any(|w| a.is_word(w))
                    && !rest.is_empty()
                    && !is_relative_unit(rest) =>
            {
                rest
            }
            _ => return t,
        };
    }
}

/// `tháng`, `quý`, `năm` with nothing or `này` / `sau` / `tới` after them: relative.
fn is_relative_unit(t: &[Token]) -> bool {
    relative_period(t).is_some()
}

fn no_limit(t: &[Token]) -> bool {
    matches!(t, [a, b] if (a.is_word("thường") && b.is_word("xuyên"))
        || (a.is_word("lâu") && b.is_word("dài"))
        || (a.is_word("liên") && b.is_word("tục")))
}

/// A period written in full, read as its last day.
fn period_end(t: &[Token]) -> Option<NaiveDate> {
    let t = match t {
        [first, rest @ ..] if first.is_word("tháng") || first.is_word("quý") => {
            return named_period(first, rest);
        }
        _ => t,
    };
    match t {
        // `5/2017`, `05-2017`
        [m, Token::Mark(s), y] if matches!(s, '/' | '-' | '.') && y.number_of(4..=4).is_some() => {
            last_of_month(year(y)?, month(m)?)
        }
        // `năm 2017`
        [n, y] if n.is_word("năm") => NaiveDate::from_ymd_opt(year4(y)?, 12, 31),
        // `6 tháng đầu năm 2017`, `6 tháng cuối năm 2017`
        [k, th, side, n, y] if th.is_word("tháng") && n.is_word("năm") => {
            let y = year4(y)?;
            if side.is_word("đầu") {
                last_of_month(y, month(k)?)
            } else if side.is_word("cuối") && month(k).is_some() {
                NaiveDate::from_ymd_opt(y, 12, 31)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// After `tháng` or `quý`: `5/2017`, `5 năm 2017`, `II/2017`, `2 năm 2017`.
fn named_period(unit: &Token, t: &[Token]) -> Option<NaiveDate> {
    let (n, y) = match t {
        [n, Token::Mark('/' | '-' | '.'), y] => (n, y),
        [n, w, y] if w.is_word("năm") => (n, y),
        _ => return None,
    };
    let y = year4(y)?;
    if unit.is_word("tháng") {
        last_of_month(y, month(n)?)
    } else {
        let q = quarter(n)?;
        last_of_month(y, q * 3)
    }
}

fn year4(t: &Token) -> Option<i32> {
    t.number_of(4..=4).and_then(|y| i32::try_from(y).ok())
}

fn month(t: &Token) -> Option<u32> {
    t.number_of(1..=2).filter(|m| (1..=12).contains(m))
}

/// A quarter: 1–4 or I–IV.
fn quarter(t: &Token) -> Option<u32> {
    if let Some(q) = t.number_of(1..=1) {
        return (1..=4).contains(&q).then_some(q);
    }
    let Token::Word(s) = t else { return None };
    match s.plain() {
        "i" if !s.is_marked() => Some(1),
        "ii" if !s.is_marked() => Some(2),
        "iii" if !s.is_marked() => Some(3),
        "iv" if !s.is_marked() => Some(4),
        _ => None,
    }
}

/// `cuối tháng`, `cuối quý`, `cuối năm`, `tháng sau`, `quý sau`, `trong tháng`, `cuối tháng
/// sau`, `quý tới`, `năm nay`, …
fn relative(t: &[Token]) -> Option<Deadline> {
    match t {
        [a, rest @ ..] if a.is_word("cuối") || a.is_word("trong") || a.is_word("hết") => {
            relative_period(rest)
        }
        // Without `cuối` or `trong`, a bare `tháng` says nothing: `tháng sau` does.
        [_, _] => relative_period(t),
        _ => None,
    }
}

fn relative_period(t: &[Token]) -> Option<Deadline> {
    let (unit, later) = match t {
        [unit] => (unit, 0),
        [unit, w] if w.is_word("này") || w.is_word("nay") => (unit, 0),
        [unit, w] if w.is_word("sau") || w.is_word("tới") => (unit, 1),
        _ => return None,
    };
    let period = if unit.is_word("tháng") {
        Period::Month
    } else if unit.is_word("quý") {
        Period::Quarter
    } else if unit.is_word("năm") {
        Period::Year
    } else {
        return None;
    };
    Some(Deadline::EndOf { period, later })
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_period_of_the_spec_table() {
        let meeting = ymd(2017, 3, 15);
        for (form, day) in [
            ("2017-05-31", ymd(2017, 5, 31)),
            ("31/5/2017", ymd(2017, 5, 31)),
            ("tháng 5/2017", ymd(2017, 5, 31)),
            ("Tháng 05/2017", ymd(2017, 5, 31)),
            ("thang 5/2017", ymd(2017, 5, 31)),
            ("tháng 2/2016", ymd(2016, 2, 29)),
            ("tháng 5 năm 2017", ymd(2017, 5, 31)),
            ("5/2017", ymd(2017, 5, 31)),
            ("05/2017", ymd(2017, 5, 31)),
            ("quý II/2017", ymd(2017, 6, 30)),
            ("Quý II/2017", ymd(2017, 6, 30)),
            ("quy II/2017", ymd(2017, 6, 30)),
            ("quý 2/2017", ymd(2017, 6, 30)),
            ("quý 2 năm 2017", ymd(2017, 6, 30)),
            ("quý IV năm 2017", ymd(2017, 12, 31)),
            ("quý I/2018", ymd(2018, 3, 31)),
            ("6 tháng đầu năm 2017", ymd(2017, 6, 30)),
            ("6 tháng cuối năm 2017", ymd(2017, 12, 31)),
            ("năm 2017", ymd(2017, 12, 31)),
            ("cuối năm 2017", ymd(2017, 12, 31)),
            ("cuối tháng 5/2017", ymd(2017, 5, 31)),
            ("trong tháng 5/2017", ymd(2017, 5, 31)),
            ("trước ngày 30/6/2017", ymd(2017, 6, 30)),
            ("đến hết quý II/2017", ymd(2017, 6, 30)),
            ("chậm nhất 30/6/2017", ymd(2017, 6, 30)),
            ("cuối tháng", ymd(2017, 3, 31)),
            ("Cuối quý", ymd(2017, 3, 31)),
            ("cuối năm", ymd(2017, 12, 31)),
            ("cuoi nam", ymd(2017, 12, 31)),
            ("tháng sau", ymd(2017, 4, 30)),
            ("quý sau", ymd(2017, 6, 30)),
            ("năm sau", ymd(2018, 12, 31)),
            ("cuối tháng sau", ymd(2017, 4, 30)),
            ("trong tháng", ymd(2017, 3, 31)),
            ("trong quý này", ymd(2017, 3, 31)),
            ("tháng tới", ymd(2017, 4, 30)),
        ] {
            let d = deadline(form).unwrap_or_else(|| panic!("{form}"));
            assert_eq!(d.day(meeting), Some(day), "{form}");
            let nfd: String = form.nfd().collect();
            assert_eq!(deadline(&nfd), Some(d), "NFD {form}");
        }
    }

    #[test]
    fn relative_periods_follow_the_meeting_across_years() {
        let december = ymd(2017, 12, 5);
        let at = |s: &str| deadline(s).and_then(|d| d.day(december));
        assert_eq!(at("tháng sau"), Some(ymd(2018, 1, 31)));
        assert_eq!(at("quý sau"), Some(ymd(2018, 3, 31)));
        assert_eq!(at("cuối quý"), Some(ymd(2017, 12, 31)));
        let november = ymd(2017, 11, 30);
        assert_eq!(
            deadline("cuối quý").and_then(|d| d.day(november)),
            Some(ymd(2017, 12, 31))
        );
        assert_eq!(
            deadline("tháng sau").and_then(|d| d.day(ymd(2017, 1, 31))),
            Some(ymd(2017, 2, 28))
        );
    }

    #[test]
    fn no_limit_is_read_apart_from_unreadable() {
        for form in [
            "thường xuyên",
            "Thường xuyên.",
            "thuong xuyen",
            "lâu dài",
            "liên tục",
        ] {
            assert_eq!(deadline(form), Some(Deadline::NoLimit), "{form}");
            assert_eq!(Deadline::NoLimit.day(ymd(2017, 3, 1)), None);
        }
    }

    #[test]
    fn vague_or_impossible_deadlines_are_unreadable() {
        for bad in [
            "sớm",
            "tháng",
            "quý",
            "cuối",
            "tháng 13/2017",
            "quý V/2017",
            "quý 5/2017",
            "quý IIII/2017",
            "5/17",
            "tháng 5",
            "đầu tháng 6/2017",
            "6 tháng",
            "13 tháng đầu năm 2017",
            "31/02/2017",
            "khi có yêu cầu",
            "thường",
            "quý ii/2017 và quý iii/2017",
            "",
        ] {
            assert_eq!(deadline(bad), None, "{bad}");
        }
    }
}
