//! Times of day and durations as secretaries write them.
//!
//! - time: `19:30`, `9:00`, `19h30`, `19h`, `19g30`, `19 giờ 30`, `19 giờ 30 phút`, `7:30 PM`,
//!   `7 giờ 30 tối` (`sáng` / `chiều` / `tối`), `19:30:00` (a spreadsheet's time, whole minute);
//! - duration in minutes: `40`, `40 phút`, `40'`, `40p`, `1 giờ 15 phút`, `1h15`, `1 tiếng`,
//!   `1 tiếng rưỡi`, `nửa tiếng`.
//!
//! Anything approximate or out of range (`khoảng 40 phút`, `30-40 phút`, `25:00`) is unreadable.

use chrono::NaiveTime;

use super::fold::{tokens, Token};

/// Reads a time of day in any accepted form.
pub fn time_of_day(text: &str) -> Option<NaiveTime> {
    if let Some(t) = hh_mm(text.trim()) {
        return Some(t);
    }
    time_of(&tokens(text))
}

/// A time of day from its tokens (see [`time_of_day`]).
fn time_of(t: &[Token]) -> Option<NaiveTime> {
    let (hm, part) = match t.split_last() {
        Some((last, rest)) => match part_of_day(last) {
            Some(p) => (rest, Some(p)),
            None => (t, None),
        },
        None => return None,
    };
    let (h, m) = hour_minute(hm)?;
    let h = match part {
        None => h,
        Some(p) => p.hour(h)?,
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// `H:MM`, `HH:MM`, `HhMM`, `HHhM`, `HHh` exactly (nearly every value): read without
/// tokenizing, as [`hour_minute`] reads them; anything else is left to it.
fn hh_mm(t: &str) -> Option<NaiveTime> {
    let (h, m, minute_digits) = match t.split_once(':') {
        Some((h, m)) => (h, m, 2..=2),
        None => {
            let (h, m) = t.split_once('h')?;
            (h, m, 0..=2)
        }
    };
    if h.is_empty() || h.len() > 2 || !minute_digits.contains(&m.len()) {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let m = if m.is_empty() { 0 } else { m.parse().ok()? };
    NaiveTime::from_hms_opt(h.parse().ok()?, m, 0)
}

/// The hour and minute written before any part of the day.
fn hour_minute(t: &[Token]) -> Option<(u32, u32)> {
    let hour = |h: &Token| h.number_of(1..=2);
    let minute = |m: &Token| m.number_of(2..=2);
    let hour_word = |w: &Token| w.is_word("h") || w.is_word("g") || w.is_word("giờ");
    match t {
        [h, Token::Mark(':'), m] => Some((hour(h)?, minute(m)?)),
        [h, Token::Mark(':'), m, Token::Mark(':'), s] if s.number_of(2..=2) == Some(0) => {
            Some((hour(h)?, minute(m)?))
        }
        [h, w] if hour_word(w) => Some((hour(h)?, 0)),
        [h, w, m] if hour_word(w) => Some((hour(h)?, m.number_of(1..=2)?)),
        [h, w, m, p] if hour_word(w) && p.is_word("phút") => Some((hour(h)?, m.number_of(1..=2)?)),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PartOfDay {
    /// `AM`, `SA` (a Vietnamese spreadsheet's AM): 12 AM is midnight.
    Morning12,
    /// `sáng`.
    Morning,
    /// `PM`, `CH` (a Vietnamese spreadsheet's PM).
    Afternoon12,
    /// `chiều`, `tối`: 1–11 are after noon, 12–23 as written.
    Evening,
}

fn part_of_day(t: &Token) -> Option<PartOfDay> {
    if t.is_word("am") || t.is_word("sa") {
        Some(PartOfDay::Morning12)
    } else if t.is_word("sáng") {
        Some(PartOfDay::Morning)
    } else if t.is_word("pm") || t.is_word("ch") {
        Some(PartOfDay::Afternoon12)
    } else if t.is_word("chiều") || t.is_word("tối") {
        Some(PartOfDay::Evening)
    } else {
        None
    }
}

impl PartOfDay {
    /// The hour on the 24-hour clock; `None` when the hour contradicts the part of the day.
    fn hour(self, h: u32) -> Option<u32> {
        match (self, h) {
            // 12 giờ sáng / 12 giờ tối: midnight or noon? Not guessed.
            (PartOfDay::Morning | PartOfDay::Morning12, 1..=11) => Some(h),
            (PartOfDay::Morning, 0) | (PartOfDay::Morning12, 12) => Some(0),
            (PartOfDay::Afternoon12, 1..=11) => Some(h + 12),
            (PartOfDay::Afternoon12, 12) => Some(12),
            (PartOfDay::Evening, 1..=11) => Some(h + 12),
            (PartOfDay::Evening, 13..=23) => Some(h),
            _ => None,
        }
    }
}

/// Reads a duration in whole minutes in any accepted form.
pub fn minutes(text: &str) -> Option<u32> {
    plain_minutes(text.trim()).or_else(|| minutes_of(&tokens(text)))
}

/// `40`, `40 phút`, `40'`, `40p` exactly (nearly every value): read without tokenizing, as
/// [`minutes_of`] reads them; anything else is left to it.
fn plain_minutes(t: &str) -> Option<u32> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let unit = t.get(digits..)?.trim_start();
    if !(1..=9).contains(&digits) || !matches!(unit, "" | "phút" | "'" | "p") {
        return None;
    }
    t.get(..digits)?.parse().ok()
}

fn minutes_of(t: &[Token]) -> Option<u32> {
    let minute_word = |w: &Token| w.is_mark('\'') || w.is_word("phút") || w.is_word("p");
    let hour_word =
        |w: &Token| w.is_word("h") || w.is_word("g") || w.is_word("giờ") || w.is_word("tiếng");
    let half = |w: &Token| w.is_word("rưỡi");
    let hours = |h: &Token, m: u32| h.number()?.checked_mul(60)?.checked_add(m);
    match t {
        [n] => n.number(),
        [n, w] if minute_word(w) => n.number(),
        [n, w] if n.is_word("nửa") && (w.is_word("tiếng") || w.is_word("giờ")) => Some(30),
        [h, w] if hour_word(w) => hours(h, 0),
        [h, w, r] if hour_word(w) && half(r) => hours(h, 30),
        [h, w, m] if hour_word(w) => hours(h, m.number_of(1..=2).filter(|m| *m < 60)?),
        [h, w, m, u] if hour_word(w) && minute_word(u) => {
            hours(h, m.number_of(1..=2).filter(|m| *m < 60)?)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn at(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn the_time_shortcut_reads_what_the_tokens_read() {
        let mut read = 0;
        for h in ["", "0", "7", "07", "19", "23", "24", "123", "a"] {
            for separator in [":", "h", "H", "g", " "] {
                for m in ["", "0", "5", "05", "30", "59", "60", "123"] {
                    let text = format!("{h}{separator}{m}");
                    let fast = hh_mm(&text);
                    assert!(fast.is_none() || fast == time_of(&tokens(&text)), "{text}");
                    read += usize::from(fast.is_some());
                }
            }
        }
        assert_eq!(hh_mm("19h30"), at(19, 30));
        assert_eq!(hh_mm("7h"), at(7, 0));
        assert_eq!(hh_mm("7h5"), at(7, 5));
        // Five hours, each with three minutes after `:` and six after `h`.
        assert_eq!(read, 45);
    }

    #[test]
    fn the_minutes_shortcut_reads_what_the_tokens_read() {
        let mut read = 0;
        for n in ["", "0", "5", "40", "035", "123456789", "1234567890", "4a"] {
            for unit in [
                "", "phút", " phút", "  '", "'", "p", "Phút", "phut", "ph", "x", "phút.",
            ] {
                let text = format!("{n}{unit}");
                let fast = plain_minutes(&text);
                assert!(
                    fast.is_none() || fast == minutes_of(&tokens(&text)),
                    "{text}"
                );
                read += usize::from(fast.is_some());
            }
        }
        assert_eq!(plain_minutes("40 phút"), Some(40));
        assert_eq!(plain_minutes("45'"), Some(45));
        assert_eq!(read, 30, "five numbers, each with six units");
    }

    #[test]
    fn every_time_of_the_spec_table() {
        for (form, h, m) in [
            ("19:30", 19, 30),
            ("9:00", 9, 0),
            ("09:00", 9, 0),
            ("19h30", 19, 30),
            ("19H30", 19, 30),
            ("19h", 19, 0),
            ("19g30", 19, 30),
            ("19 giờ 30", 19, 30),
            ("19 giờ 30 phút", 19, 30),
            ("19 GIỜ 30 PHÚT", 19, 30),
            ("19 gio 30 phut", 19, 30),
            ("19 giờ", 19, 0),
            ("7:30 PM", 19, 30),
            ("7:30PM", 19, 30),
            ("7:30 pm", 19, 30),
            ("7:30 AM", 7, 30),
            ("12:15 PM", 12, 15),
            ("7:30 CH", 19, 30),
            ("7:30 SA", 7, 30),
            ("7 giờ 30 tối", 19, 30),
            ("7 giờ tối", 19, 0),
            ("7h30 tối", 19, 30),
            ("7 gio 30 toi", 19, 30),
            ("7 giờ 30 sáng", 7, 30),
            ("2 giờ chiều", 14, 0),
            ("14 giờ chiều", 14, 0),
            ("19:30:00", 19, 30),
            ("19h05", 19, 5),
            ("19 giờ 5 phút", 19, 5),
        ] {
            assert_eq!(time_of_day(form), at(h, m), "{form}");
            let nfd: String = form.nfd().collect();
            assert_eq!(time_of_day(&nfd), at(h, m), "NFD {form}");
        }
    }

    #[test]
    fn impossible_or_ambiguous_times_are_unreadable() {
        for bad in [
            "25:00",
            "24:00",
            "19:60",
            "19:3",
            "19.30",
            "1930",
            "19h60",
            "19:30:15",
            "13:00 PM",
            "0:30 PM",
            "12 giờ sáng",
            "12 giờ tối",
            "19 giờ sáng",
            "7 giờ 30 tôi",
            "khoảng 19h30",
            "19h30-20h",
            "tối",
            "",
            "7:30 P.M",
            "19 giờ 30 phút tối tối",
        ] {
            assert_eq!(time_of_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_duration_of_the_spec_table() {
        for (form, n) in [
            ("40", 40),
            ("40 phút", 40),
            ("40phút", 40),
            ("40 PHÚT", 40),
            ("40 phut", 40),
            ("40'", 40),
            ("45'", 45),
            ("40p", 40),
            ("1 giờ 15 phút", 75),
            ("1 gio 15 phut", 75),
            ("1h15", 75),
            ("1h15'", 75),
            ("1 tiếng", 60),
            ("1 tiếng 15 phút", 75),
            ("2 giờ", 120),
            ("1h", 60),
            ("1 tiếng rưỡi", 90),
            ("nửa tiếng", 30),
            ("0", 0),
        ] {
            assert_eq!(minutes(form), Some(n), "{form}");
            let nfd: String = form.nfd().collect();
            assert_eq!(minutes(&nfd), Some(n), "NFD {form}");
        }
    }

    #[test]
    fn approximate_or_impossible_durations_are_unreadable() {
        for bad in [
            "khoảng nửa tiếng",
            "khoảng 40 phút",
            "30-40 phút",
            "40.5",
            "40,5 phút",
            "-40",
            "bốn mươi",
            "1h75",
            "1 giờ 60 phút",
            "40 giây",
            "phút",
            "",
            "99999999999",
            "1 tiếng hơn",
            "40 phút 40",
        ] {
            assert_eq!(minutes(bad), None, "{bad}");
        }
    }
}
