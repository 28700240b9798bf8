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
    // The accepted forms of record format 1.1 (every one is tested in kiemtra_format).
    for form in [
        "15-01-2017",
        "15.01.2017",
        "15/01/17",
        "ngày 15 tháng 1 năm 2017",
    ] {
        assert_eq!(
            Date::parse(form).map(|d| d.0.to_string()),
            Some("2017-01-15".into()),
            "{form}"
        );
    }
    for bad in [
        "12/31/2017",
        "2017-02-30",
        "20170115",
        "cuối quý",
        "2017-01-15T19:30",
    ] {
        assert!(Date::parse(bad).is_none(), "{bad}");
    }
}

#[test]
fn clock_times_in_the_accepted_forms() {
    assert!(ClockTime::parse("19:30").is_some());
    assert!(ClockTime::parse("7:05").is_some());
    assert_eq!(ClockTime::parse("7h30"), ClockTime::parse("07:30"));
    assert_eq!(ClockTime::parse("7 giờ 30 tối"), ClockTime::parse("19:30"));
    for bad in ["19:3", "24:00", "19:60", "", "19:30:15", "khoảng 7h"] {
        assert!(ClockTime::parse(bad).is_none(), "{bad}");
    }
}

#[test]
fn unreadable_values_count_as_absent_but_are_kept() {
    let r = read(
        r#"{"unit":{"code":"X"},"date":"2017-01-15","kind":"periodic",
            "session":{"minutes":"khoảng nửa tiếng","start":"7 rưỡi","topics":"một chủ đề",
                       "assignments":[{"assignee":"A","task":"B","due":"sớm"}]}}"#,
    )
    .unwrap();
    let s = r.session().unwrap();
    assert_eq!(s.minutes, Field::Unreadable("khoảng nửa tiếng".into()));
    assert_eq!(s.start.unreadable(), Some("7 rưỡi"));
    assert_eq!(s.topics.unreadable(), Some("một chủ đề"));
    let a = s.assignments.value().unwrap()[0].value().unwrap();
    assert_eq!(a.due.unreadable(), Some("sớm"));
}

#[test]
fn accepted_forms_are_read_in_json_strings_too() {
    use kiemtra_rules::model::{Deadline, Minutes};
    let r = read(
        r#"{"unit":{"code":"X"},"date":"05-03-2017","kind":"Định kỳ",
            "minutes_book":{"recorded":"Đã ghi"},
            "session":{"minutes":"40","start":"19h30","end":"20g10",
                       "area":"phê bình và tự phê bình",
                       "source":{"kind":"bài viết của Bác"},
                       "assignments":[{"kind":"tập thể","due":"tháng 5/2017","remedy":"x"},
                                      {"kind":"ca nhan","due":"cuối quý","remedy":0},
                                      {"due":"thường xuyên","remedy":"không"}],
                       "follow_up":{"result":"Cơ bản đạt"}}}"#,
    )
    .unwrap();
    assert_eq!(r.date.to_string(), "2017-03-05");
    assert_eq!(r.kind, Kind::Periodic);
    assert_eq!(
        r.doc.minutes_book.value().unwrap().recorded,
        Field::Value(true)
    );
    let s = r.session().unwrap();
    assert_eq!(s.minutes, Field::Value(Minutes(40)));
    assert_eq!(s.start, Field::Value(ClockTime::parse("19:30").unwrap()));
    assert_eq!(s.end, Field::Value(ClockTime::parse("20:10").unwrap()));
    assert_eq!(
        s.follow_up.value().unwrap().result,
        Field::Value(FollowUpResult::Achieved)
    );
    let a: Vec<_> = s
        .assignments
        .value()
        .unwrap()
        .iter()
        .map(|a| a.value().unwrap())
        .collect();
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(a[0].due, Field::Value(Deadline::Day(day(2017, 5, 31))));
    assert_eq!(
        a[1].due.value().and_then(|d| d.day(r.date)),
        Some(day(2017, 3, 31))
    );
    assert_eq!(a[2].due, Field::Value(Deadline::NoLimit));
    assert_eq!(
        a.iter().map(|a| a.remedy.clone()).collect::<Vec<_>>(),
        [Field::Value(true), Field::Value(false), Field::Value(false)]
    );
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
            r#"{"unit":{"code":"X"},"date":"2017-01-15","kind":"periodic","session":{"source":{"kind":"sports"}}}"#,
            "/session/source/kind",
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

#[test]
fn an_area_outside_the_list_is_other_never_a_rejection() {
    // Catalogue v1.2: §II.1 lists examples; “chống lãng phí” is a stated area (CD203 holds).
    let text = r#"{"unit":{"code":"X"},"date":"2017-01-15","kind":"periodic","session":{"area":"chống lãng phí"}}"#;
    let doc: kiemtra_rules::RecordDoc = serde_json::from_str(text).unwrap();
    let record = kiemtra_rules::validate(doc).expect("not rejected");
    let area = &record.session().unwrap().area;
    assert!(matches!(area, kiemtra_rules::Field::Invalid(w) if w == "chống lãng phí"));
    let mut out = Vec::new();
    let params = kiemtra_rules::Pack::embedded().parameters;
    kiemtra_rules::rules::check_record(&record, &params, &mut out);
    assert!(out.iter().all(|v| v.rule.code() != "CD203"));
}

/// Catalogue v1.2: the August meeting held on 25/7 (`month: 2025-08`) is August's, so July is
/// no duplicate (CD602) and August no missing month (CD601); a `month` more than a month from
/// the date counts the date's month and is reported as unverifiable.
#[test]
fn the_month_a_meeting_belongs_to_is_the_one_the_cadence_rules_count() {
    use kiemtra_rules::{Meeting, Month, Period};
    let record = |text: &'static str| {
        let doc: kiemtra_rules::RecordDoc<'static> = serde_json::from_str(text).unwrap();
        kiemtra_rules::validate(doc).unwrap()
    };
    let texts = [
        r#"{"unit":{"code":"X"},"date":"2025-07-05","kind":"periodic"}"#,
        r#"{"unit":{"code":"X"},"date":"2025-07-25","month":"2025-08","kind":"periodic"}"#,
        r#"{"unit":{"code":"X"},"date":"2025-09-10","kind":"periodic"}"#,
    ];
    let records: Vec<_> = texts.into_iter().map(record).collect();
    let meetings: Vec<Meeting> = records.iter().map(Meeting::of).collect();
    assert_eq!(
        meetings[1].month,
        Month {
            year: 2025,
            month: 8
        }
    );
    let period = Period {
        from: Month {
            year: 2025,
            month: 7,
        },
        to: Month {
            year: 2025,
            month: 9,
        },
    };
    let params = kiemtra_rules::Pack::embedded().parameters;
    let mut out = Vec::new();
    kiemtra_rules::rules::check_unit(&meetings, period, &params, &mut out);
    let codes: Vec<&str> = out.iter().map(|(_, v)| v.rule.code()).collect();
    assert!(
        !codes.contains(&"CD601") && !codes.contains(&"CD602"),
        "{codes:?}"
    );

    let far =
        record(r#"{"unit":{"code":"X"},"date":"2025-07-25","month":"2025-12","kind":"periodic"}"#);
    assert_eq!(
        Meeting::of(&far).month,
        Month {
            year: 2025,
            month: 7
        }
    );
    let mut found = Vec::new();
    kiemtra_rules::rules::check_record(&far, &params, &mut found);
    let v = found
        .iter()
        .find(|v| v.pointer.as_deref() == Some("/month"))
        .unwrap();
    assert!(v.detail.unverifiable());
}
