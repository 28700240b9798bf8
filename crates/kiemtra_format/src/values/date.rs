//! Dates as secretaries write them: `2017-03-05`, `5/3/2017`, `05-03-2017`, `05.03.2017`,
//! `5/3/17`, `ngày 05 tháng 3 năm 2017`, `ngày 5/3/2017`. Day before month, always; a
//! two-digit year is 20YY. Whether the date is plausible (not in 1890) is the caller's to say.

use chrono::NaiveDate;

use super::fold::{tokens, Token};

/// Reads a date in any accepted form; `None` for anything else, an impossible day
/// (31/02/2017) included.
pub fn date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Some(d) = iso(t).or_else(|| day_first(t)) {
        return Some(d);
    }
    date_of(&tokens(text))
}

/// `D/M/YYYY`, `DD-MM-YYYY`, `DD.MM.YY` exactly (the way minutes write dates): read without
/// tokenizing, as [`date_of`] reads them; anything else is left to it.
fn day_first(t: &str) -> Option<NaiveDate> {
    let separator = *t.as_bytes().iter().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, b'/' | b'-' | b'.') {
        return None;
    }
    let mut parts = t.split(char::from(separator));
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let day_or_month = |s: &str| (1..=2).contains(&s.len()).then(|| number(s.as_bytes()))?;
    let (d, m) = (day_or_month(d)?, day_or_month(m)?);
    let y = match y.len() {
        4 => number(y.as_bytes())?,
        2 => 2000 + number(y.as_bytes())?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// `YYYY-MM-DD` exactly (nearly every value): read without tokenizing.
fn iso(t: &str) -> Option<NaiveDate> {
    let b: &[u8; 10] = t.as_bytes().try_into().ok()?;
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (number(&b[0..4])?, number(&b[5..7])?, number(&b[8..10])?);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// The number some ASCII digits write (at most 9 of them); `None` for anything else.
fn number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// A year as written: four digits, or two meaning 20YY.
pub(super) fn year(t: &Token) -> Option<i32> {
    match t {
        Token::Number {
            value: Some(y),
            digits: 4,
        } => i32::try_from(*y).ok(),
        Token::Number {
            value: Some(y),
            digits: 2,
        } => i32::try_from(2000 + *y).ok(),
        _ => None,
    }
}

/// A date from its tokens (see [`date`]).
pub(super) fn date_of(t: &[Token]) -> Option<NaiveDate> {
    let t = match t {
        [first, rest @ ..] if first.is_word("ngày") => rest,
        _ => t,
    };
    let day_month = |d: &Token, m: &Token| Some((d.number_of(1..=2)?, m.number_of(1..=2)?));
    match t {
        // Year first: `2017-03-05`, `2017-3-5`.
        [y, Token::Mark('-'), m, Token::Mark('-'), d] if y.number_of(4..=4).is_some() => {
            let (d, m) = day_month(d, m)?;
            NaiveDate::from_ymd_opt(year(y)?, m, d)
        }
        // Day first: `5/3/2017`, `05-03-2017`, `05.03.2017`, `5/3/17`.
        [d, Token::Mark(s1), m, Token::Mark(s2), y]
            if s1 == s2 && matches!(s1, '/' | '-' | '.') =>
        {
            let (d, m) = day_month(d, m)?;
            NaiveDate::from_ymd_opt(year(y)?, m, d)
        }
        // `05 tháng 3 năm 2017` (after `ngày`).
        [d, th, m, n, y] if th.is_word("tháng") && n.is_word("năm") => {
            let (d, m) = day_month(d, m)?;
            NaiveDate::from_ymd_opt(year(y)?, m, d)
        }
        _ => None,
    }
}

/// The last day of a month.
pub(super) fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn the_iso_shortcut_reads_what_the_tokens_read() {
        for y in [
            "0000", "0999", "1890", "2017", "2024", "9999", "20a7", "2O17",
        ] {
            for m in 0..=13 {
                for d in 0..=32 {
                    let text = format!("{y}-{m:02}-{d:02}");
                    let read = iso(&text);
                    assert!(read.is_none() || read == date_of(&tokens(&text)), "{text}");
                    let by_parts = || Some((y.parse::<i32>().ok()?, m, d));
                    let expected = by_parts().and_then(|(y, m, d)| ymd(y, m, d));
                    assert_eq!(read, expected, "{text}");
                }
            }
        }
        for not_iso in [
            "2017-3-05",
            "2017-03-5",
            " 2017-03-05",
            "2017/03/05",
            "+017-03-05",
            "2017-03-05 ",
        ] {
            assert_eq!(iso(not_iso), None, "{not_iso}");
        }
    }

    #[test]
    fn the_day_first_shortcut_reads_what_the_tokens_read() {
        let days = ["5", "05", "005", "0", "31", "32", "29", "a"];
        let years = ["2017", "17", "2016", "017", "20170", "00", ""];
        let mut read = 0;
        for d in days {
            for m in ["3", "03", "12", "13", "2", "003"] {
                for y in years {
                    for (s1, s2) in [('/', '/'), ('-', '-'), ('.', '.'), ('/', '-'), (' ', ' ')] {
                        let text = format!("{d}{s1}{m}{s2}{y}");
                        let fast = day_first(&text);
                        assert!(fast.is_none() || fast == date_of(&tokens(&text)), "{text}");
                        read += usize::from(fast.is_some());
                    }
                }
            }
        }
        // Every valid day-first date with one separator was read by the shortcut.
        assert_eq!(day_first("5/3/2017"), ymd(2017, 3, 5));
        assert_eq!(day_first("29.02.16"), ymd(2016, 2, 29));
        assert_eq!(day_first("29-02-17"), None);
        assert!(read > 100, "{read}");
    }

    #[test]
    fn every_accepted_form_of_the_spec_table() {
        for form in [
            "2017-03-05",
            "5/3/2017",
            "05/03/2017",
            "05-03-2017",
            "05.03.2017",
            "5/3/17",
            "ngày 05 tháng 3 năm 2017",
            "ngày 5/3/2017",
            "Ngày 5 tháng 03 năm 2017",
            "NGÀY 05 THÁNG 3 NĂM 2017",
            "ngay 5 thang 3 nam 2017",
            " 05 / 03 / 2017 ",
            "05/03/2017.",
            "2017-3-5",
            "05 tháng 3 năm 2017",
        ] {
            assert_eq!(date(form), ymd(2017, 3, 5), "{form}");
            let nfd: String = form.nfd().collect();
            assert_eq!(date(&nfd), ymd(2017, 3, 5), "NFD {form}");
        }
    }

    #[test]
    fn day_before_month_always() {
        assert_eq!(date("12/01/2017"), ymd(2017, 1, 12));
        assert_eq!(date("13/01/2017"), ymd(2017, 1, 13));
        // Month-first would be 31 December: never read so.
        assert_eq!(date("12/31/2017"), None);
    }

    #[test]
    fn impossible_or_ambiguous_dates_are_unreadable() {
        for bad in [
            "31/02/2017",
            "29/02/2017",
            "2017-02-30",
            "2017-13-01",
            "00/01/2017",
            "5/3/217",
            "5/3/2017/1",
            "05/03-2017",
            "5.3",
            "5/3",
            "20170305",
            "2017-03-05T19:30",
            "005/03/2017",
            "ngày 5 tháng 3",
            "ngày 5 tháng 3 năm",
            "ngảy 5/3/2017",
            "cuối quý",
            "",
            "+2017-03-05",
            "2017/03/05",
        ] {
            assert_eq!(date(bad), None, "{bad}");
        }
        assert_eq!(date("29/02/2016"), ymd(2016, 2, 29));
    }

    #[test]
    fn a_two_digit_year_is_this_century() {
        assert_eq!(date("5/3/17"), ymd(2017, 3, 5));
        assert_eq!(date("05.03.99"), ymd(2099, 3, 5));
    }

    #[test]
    fn months_end_where_the_calendar_says() {
        assert_eq!(last_of_month(2017, 2), ymd(2017, 2, 28));
        assert_eq!(last_of_month(2016, 2), ymd(2016, 2, 29));
        assert_eq!(last_of_month(2017, 12), ymd(2017, 12, 31));
        assert_eq!(last_of_month(2017, 13), None);
    }
}
