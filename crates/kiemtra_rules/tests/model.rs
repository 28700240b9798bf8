//! Reading records: what is accepted, what counts as absent, what rejects.

use kiemtra_rules::model::{ClockTime, Date};
use kiemtra_rules::{validate, Field, FollowUpResult, Invalid, Kind, RecordDoc};

fn read(json: &str) -> Result<kiemtra_rules::Record<'_>, Invalid> {
    let doc: RecordDoc<'_> = serde_json::from_str(json).expect("JSON");
    validate(doc)
}

#[test]
fn kinds_in_english_and_vietnamese_with_or_without_diacritics() {
    for (word, kind) in [
        ("periodic", Kind::Periodic),
        ("định kỳ", Kind::Periodic),
        ("Dinh Ky", Kind::Periodic),
        ("chuyên đề", Kind::Thematic),
        ("bat thuong", Kind::Extraordinary),
    ] {
        assert_eq!(Kind::parse(word), Some(kind), "{word}");
    }
    assert_eq!(Kind::parse("họp mặt"), None);
    assert_eq!(
        FollowUpResult::parse("Chưa đạt"),
        Some(FollowUpResult::NotAchieved)
    );
    assert_eq!(FollowUpResult::parse("dat"), Some(FollowUpResult::Achieved));
}

#[test]
fn dates_are_iso_or_day_first() {
    assert_eq!(
        Date::parse("2017-01-15").map(|d| d.0.to_string()),
        Some("2017-01-15".into())
    );
    assert_eq!(
        Date::parse("15/01/2017").map(|d| d.0.to_string()),
        Some("2017-01-15".into())
    );
    assert_eq!(
        Date::parse("5/1/2017").map(|d| d.0.to_string()),
        Some("2017-01-05".into())
    );
    for bad in [
        "12/31/2017",
        "2017-02-30",
        "20170115",
        "15/01/17",
        "cuối quý",
        "2017-01-15T19:30",
    ] {
        assert!(Date::parse(bad).is_none(), "{bad}");
    }
}

#[test]
fn clock_times_are_hh_mm() {
    assert!(ClockTime::parse("19:30").is_some());
    assert!(ClockTime::parse("7:05").is_some());
    for bad in ["7h30", "19:3", "24:00", "19:60", "", "19:30:00"] {
        assert!(ClockTime::parse(bad).is_none(), "{bad}");
    }
}

#[test]
fn unreadable_values_count_as_absent_but_are_kept() {
    let r = read(
        r#"{"unit":{"code":"X"},"date":"2017-01-15","kind":"periodic",
            "session":{"minutes":"40","start":"7h30","topics":"một chủ đề",
                       "assignments":[{"assignee":"A","task":"B","due":"cuối quý"}]}}"#,
    )
    .unwrap();
    let s = r.session().unwrap();
    assert_eq!(s.minutes, Field::Unreadable("40".into()));
    assert_eq!(s.start.unreadable(), Some("7h30"));
    assert_eq!(s.topics.unreadable(), Some("một chủ đề"));
    let a = s.assignments.value().unwrap()[0].value().unwrap();
    assert_eq!(a.due.unreadable(), Some("cuối quý"));
}

#[test]
fn what_rejects_a_record() {
    let cases = [
        (r#"{"date":"2017-01-15","kind":"periodic"}"#, "/unit/code"),
        (
            r#"{"unit":"X","date":"2017-01-15","kind":"periodic"}"#,
            "/unit/code",
        ),
        (
            r#"{"unit":{"code":" ... "},"date":"2017-01-15","kind":"periodic"}"#,
            "/unit/code",
        ),
        (r#"{"unit":{"code":"X"},"kind":"periodic"}"#, "/date"),
        (
            r#"{"unit":{"code":"X"},"date":"31/02/2017","kind":"periodic"}"#,
            "/date",
        ),
        (r#"{"unit":{"code":"X"},"date":"2017-01-15"}"#, "/kind"),
        (
            r#"{"unit":{"code":"X"},"date":"2017-01-15","kind":"meeting"}"#,
            "/kind",
        ),
        (
            r#"{"unit":{"code":"X"},"date":"2017-01-15","kind":"periodic","session":{"area":"sports"}}"#,
            "/session/area",
        ),
        (
            r#"{"unit":{"code":"X"},"date":"2017-01-15","kind":"periodic","session":{"assignments":[{},{"kind":"team"}]}}"#,
            "/session/assignments/1/kind",
        ),
        (
            r#"{"unit":{"code":"X"},"date":"2017-01-15","kind":"periodic","session":{"follow_up":{"result":"done"}}}"#,
            "/session/follow_up/result",
        ),
    ];
    for (json, pointer) in cases {
        let err = read(json).expect_err(json);
        assert_eq!(err.pointer(), pointer, "{json}");
    }
}

#[test]
fn blank_enumerations_are_absent_not_rejected() {
    let r = read(r#"{"unit":{"code":"X"},"date":"2017-01-15","kind":"periodic","session":{"area":"N/A","follow_up":{"result":"-"}}}"#)
        .expect("accepted");
    let s = r.session().unwrap();
    assert!(s.area.value().is_none());
    assert!(s.follow_up.value().unwrap().result.value().is_none());
}

#[test]
fn text_is_nfc_after_reading_and_ids_default_to_unit_and_date() {
    let nfd = "Thu\u{31b}\u{323}c ha\u{300}nh";
    let json = format!(
        r#"{{"unit":{{"code":"X"}},"date":"15/01/2017","kind":"periodic","session":{{"reason":"{nfd}"}}}}"#
    );
    let r = read(&json).unwrap();
    assert_eq!(r.session().unwrap().reason.value().unwrap(), "Thực hành");
    assert_eq!(r.id, "X/2017-01-15");
}
