//! CD403 duration-consistent: start, end and minutes agree (§III.2).

use crate::{Detail, Lang, Rule, Session, Violation};

pub(super) fn check(session: &Session<'_>, out: &mut Vec<Violation>) {
    let (Some(start), Some(end)) = (session.start.value(), session.end.value()) else {
        return;
    };
    let computed = end.minutes() - start.minutes();
    let minutes = session.minutes.value().map(|m| m.0);
    let pointer = if computed <= 0 {
        "/session/end"
    } else if minutes.is_some_and(|m| (i64::from(m) - computed).abs() > 1) {
        "/session/minutes"
    } else {
        return;
    };
    out.push(Violation::new(
        Rule::DurationConsistent,
        pointer,
        Detail::Inconsistent {
            start: start.0.format("%H:%M").to_string(),
            end: end.0.format("%H:%M").to_string(),
            minutes,
            computed,
        },
    ));
}

pub(super) fn message(d: &Detail, lang: Lang) -> String {
    let Detail::Inconsistent {
        start,
        end,
        minutes,
        computed,
    } = d
    else {
        return lang
            .pick("Thời gian ghi không khớp", "Times do not agree")
            .to_owned();
    };
    match (minutes, *computed <= 0, lang) {
        (_, true, Lang::Vi) => format!("Giờ kết thúc {end} không sau giờ bắt đầu {start}"),
        (_, true, Lang::En) => format!("The end {end} is not after the start {start}"),
        (Some(m), false, Lang::Vi) => {
            format!("Ghi {m} phút nhưng từ {start} đến {end} là {computed} phút")
        }
        (Some(m), false, Lang::En) => {
            format!("{m} minutes are stated but {start}–{end} is {computed} minutes")
        }
        (None, false, _) => lang
            .pick("Thời gian ghi không khớp", "Times do not agree")
            .to_owned(),
    }
}
