//! Calendar months, the unit of the cadence rules and of reports.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A calendar month, `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Reads `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// Months since year 0: two months `a`, `b` are `b.index() - a.index()` months apart.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// The month `n` months after this one (before it when `n` is negative).
    pub fn plus(self, n: i64) -> Month {
        let i = self.index() + n;
        Month {
            year: i32::try_from(i.div_euclid(12)).unwrap_or(self.year),
            month: u32::try_from(i.rem_euclid(12) + 1).unwrap_or(1),
        }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The months from `self` to `last`, both included.
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        std::iter::successors(Some(self), move |m| Some(m.next())).take_while(move |m| *m <= last)
    }

    /// Number of months from `self` to `last`, both included (0 when `last` is before).
    pub fn count_through(self, last: Month) -> u32 {
        let n = (last.year - self.year) * 12 + (last.month as i32 - self.month as i32) + 1;
        u32::try_from(n).unwrap_or(0)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The months a unit is audited for, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Month,
    pub to: Month,
}

impl Period {
    pub fn contains(&self, m: Month) -> bool {
        self.from <= m && m <= self.to
    }

    pub fn months(&self) -> impl Iterator<Item = Month> {
        self.from.through(self.to)
    }

    pub fn len(&self) -> u32 {
        self.from.count_through(self.to)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_roll_over_the_year() {
        let a = Month::parse("2016-11").unwrap();
        let b = Month::parse("2017-02").unwrap();
        let all: Vec<String> = a.through(b).map(|m| m.to_string()).collect();
        assert_eq!(all, ["2016-11", "2016-12", "2017-01", "2017-02"]);
        assert_eq!(a.count_through(b), 4);
        assert_eq!(b.count_through(a), 0);
        assert!(Month::parse("2017-13").is_none());
        assert!(Month::parse("2017-1").is_none());
    }
}
