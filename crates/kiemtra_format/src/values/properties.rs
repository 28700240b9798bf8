//! Every valid value, written in every accepted form, reads back as itself.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use proptest::prelude::*;

use super::{date, deadline, minutes, time_of_day, Deadline};

fn forms_of_date(d: NaiveDate) -> Vec<String> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let mut out = vec![
        format!("{y:04}-{m:02}-{day:02}"),
        format!("{day}/{m}/{y}"),
        format!("{day:02}/{m:02}/{y}"),
        format!("{day:02}-{m:02}-{y}"),
        format!("{day:02}.{m:02}.{y}"),
        format!("ngày {day:02} tháng {m} năm {y}"),
        format!("Ngày {day}/{m}/{y}"),
        format!("NGAY {day} THANG {m} NAM {y}"),
    ];
    if (2000..2100).contains(&y) {
        out.push(format!("{day}/{m}/{:02}", y - 2000));
    }
    out
}

proptest! {
    #[test]
    fn every_date_in_every_form_reads_back(days in 0i64..(200 * 366)) {
        let d = NaiveDate::from_ymd_opt(1930, 1, 1).unwrap() + chrono::Duration::days(days);
        for form in forms_of_date(d) {
            prop_assert_eq!(date(&form), Some(d), "{}", form);
            prop_assert_eq!(deadline(&form), Some(Deadline::Day(d)), "{}", form);
            let nfd: String = unicode_normalization::UnicodeNormalization::nfd(form.as_str()).collect();
            prop_assert_eq!(date(&nfd), Some(d), "NFD {}", form);
        }
    }

    #[test]
    fn every_time_in_every_form_reads_back(h in 0u32..24, m in 0u32..60) {
        let t = NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let mut forms = vec![
            format!("{h}:{m:02}"),
            format!("{h:02}:{m:02}"),
            format!("{h}h{m:02}"),
            format!("{h}g{m:02}"),
            format!("{h} giờ {m}"),
            format!("{h} giờ {m} phút"),
            format!("{h:02}:{m:02}:00"),
        ];
        if m == 0 {
            forms.push(format!("{h}h"));
            forms.push(format!("{h} giờ"));
        }
        let twelve = if h % 12 == 0 { 12 } else { h % 12 };
        forms.push(format!("{twelve}:{m:02} {}", if h < 12 { "AM" } else { "PM" }));
        if (1..12).contains(&h) {
            forms.push(format!("{h} giờ {m} sáng"));
        }
        if (13..24).contains(&h) {
            forms.push(format!("{} giờ {m} {}", h - 12, if h < 18 { "chiều" } else { "tối" }));
        }
        for form in forms {
            prop_assert_eq!(time_of_day(&form), Some(t), "{}", form);
            prop_assert_eq!(time_of_day(&t.format("%H:%M").to_string()).map(|x| x.hour()), Some(h));
        }
    }

    #[test]
    fn every_duration_in_every_form_reads_back(n in 0u32..600) {
        let (h, m) = (n / 60, n % 60);
        let mut forms = vec![format!("{n}"), format!("{n} phút"), format!("{n}'")];
        if h > 0 {
            forms.push(format!("{h} giờ {m} phút"));
            forms.push(format!("{h}h{m:02}"));
            if m == 0 {
                forms.push(format!("{h} tiếng"));
            }
        }
        for form in forms {
            prop_assert_eq!(minutes(&form), Some(n), "{}", form);
        }
    }

    /// Whatever is written, reading never panics.
    #[test]
    fn any_text_is_read_or_refused(s in "\\PC{0,40}") {
        let _ = (date(&s), time_of_day(&s), minutes(&s), deadline(&s), super::yes_no(&s));
    }
}
