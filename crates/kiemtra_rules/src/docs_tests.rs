//! What each rule's documentation says of values written but unreadable, and of lists in the
//! wrong shape, held against what the rule does with them.

use serde_json::{json, Value};

use crate::rules::check_record;
use crate::{docs::doc, validate, Lang, Pack, RecordDoc, Rule, Violation};

/// What a rule does with a probe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Behaviour {
    /// It fires, unverifiable: a data problem, not a proven breach.
    Unverifiable,
    /// It does not fire (another rule speaks of the case).
    Silent,
}

/// A record every record rule passes.
fn base() -> Value {
    json!({
        "unit": {"code": "T-DOC"}, "date": "2017-03-12", "kind": "periodic",
        "chair": "Nguyễn Văn An", "minutes_book": {"recorded": true, "page": "20"},
        "session": {
            "topics": ["Nâng cao chất lượng công tác dân vận"], "area": "mass-mobilization",
            "source": {"kind": "ho-chi-minh-writing", "title": "Dân vận (1949)"},
            "start": "19:30", "end": "20:15", "minutes": 45,
            "reason": "Công tác dân vận còn hạn chế",
            "assessment": {"strengths": "Đảng viên gương mẫu", "weaknesses": "Chưa sâu sát"},
            "questions": ["Vì sao còn hạn chế?"],
            "discussion": {"opinions": ["Đồng chí Bình: cần sâu sát"], "causes": "Chưa phân công",
                           "measures": "Phân công phụ trách từng tổ"},
            "conclusion": "Thống nhất các biện pháp",
            "assignments": [{"assignee": "Chi ủy", "kind": "collective", "task": "Theo dõi",
                             "due": "31/03/2017", "remedy": false}]
        }
    })
}

/// What a probe writes where: `(pointer, value)`.
type Writes = Vec<(&'static str, Value)>;

/// Each probe: the rule, what is written where, and whether it is a list in the wrong shape.
fn probes() -> Vec<(Rule, Writes, bool)> {
    let unreadable_duration = vec![
        ("/session/minutes", json!("khoảng nửa tiếng")),
        ("/session/start", Value::Null),
        ("/session/end", Value::Null),
    ];
    vec![
        (Rule::SessionHeld, vec![("/session", json!(42))], false),
        (
            Rule::MinutesBook,
            vec![("/minutes_book/recorded", json!("có lẽ"))],
            false,
        ),
        (
            Rule::TopicStated,
            vec![("/session/topics", json!("Dân vận"))],
            true,
        ),
        (
            Rule::SourceMaterial,
            vec![("/session/source", json!(42))],
            false,
        ),
        (
            Rule::ReasonStated,
            vec![("/session/reason", json!(["Vì"]))],
            false,
        ),
        (
            Rule::MemberOpinions,
            vec![("/session/discussion/opinions", json!("Ý kiến"))],
            true,
        ),
        (
            Rule::DiscussionQuestions,
            vec![("/session/questions", json!("Câu hỏi"))],
            true,
        ),
        (
            Rule::Conclusion,
            vec![("/session/conclusion", json!(["Kết luận"]))],
            false,
        ),
        (
            Rule::Assignments,
            vec![("/session/assignments", json!(42))],
            false,
        ),
        (
            Rule::AssignmentDeadline,
            vec![("/session/assignments/0/due", json!("khi nào xong thì thôi"))],
            false,
        ),
        (
            Rule::RemedyAssigned,
            vec![
                ("/session/area", json!("shortcomings")),
                ("/session/assignments/0/remedy", json!("có lẽ")),
            ],
            false,
        ),
        (Rule::ChairNamed, vec![("/chair", json!(["An"]))], false),
        (Rule::MinimumDuration, unreadable_duration.clone(), false),
        (Rule::DurationRecorded, unreadable_duration, false),
        (
            Rule::DurationConsistent,
            vec![("/session/start", json!("sau khi họp xong"))],
            false,
        ),
    ]
}

fn behaviour(rule: Rule, writes: &[(&str, Value)]) -> Behaviour {
    let mut record = base();
    for (pointer, value) in writes {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let slot = record.pointer_mut(parent).unwrap();
        match slot {
            Value::Array(items) => items[key.parse::<usize>().unwrap()] = value.clone(),
            _ => {
                slot[key] = value.clone();
            }
        }
    }
    let text = record.to_string();
    let doc: RecordDoc<'_> = serde_json::from_str(&text).unwrap();
    let record = validate(doc).unwrap();
    let mut out: Vec<Violation> = Vec::new();
    check_record(&record, &Pack::embedded().parameters, &mut out);
    let found: Vec<&Violation> = out.iter().filter(|v| v.rule == rule).collect();
    match found.as_slice() {
        [] => Behaviour::Silent,
        [v] if v.unverifiable() => Behaviour::Unverifiable,
        other => panic!("{rule}: a probe of an unreadable value gave {other:?}"),
    }
}

/// The words a doc uses, per language: of an unreadable value, of a list in the wrong shape,
/// of "counts as absent", of "unverifiable", of "this rule does not report".
struct Claims {
    unreadable: &'static [&'static str],
    wrong_shape: &'static [&'static str],
    absent: &'static [&'static str],
    unverifiable: &'static str,
    silent: &'static [&'static str],
}

/// The words of the docs in each language, Vietnamese first (as [`Lang::ALL`]).
const CLAIMS: [Claims; 2] = [
    Claims {
        unreadable: &["không đọc được", "sai dạng"],
        wrong_shape: &["sai dạng"],
        absent: &["coi như không có", "coi là không có"],
        unverifiable: "không kiểm tra được",
        silent: &["không báo"],
    },
    Claims {
        unreadable: &["cannot be read", "unreadable", "wrong shape"],
        wrong_shape: &["wrong shape"],
        absent: &["counts as absent", "count as absent", "treated as absent"],
        unverifiable: "unverifiable",
        silent: &["does not report", "does not fire"],
    },
];

fn claims(lang: Lang) -> &'static Claims {
    let i = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
    &CLAIMS[i]
}

/// The sentences of "what it checks" that speak of `words`.
fn sentences<'d>(what: &'d str, words: &[&str]) -> Vec<&'d str> {
    what.split(". ")
        .filter(|s| words.iter().any(|w| s.contains(w)))
        .collect()
}

#[test]
fn each_doc_says_what_its_rule_does_with_unreadable_values_and_badly_shaped_lists() {
    for (rule, writes, list) in probes() {
        let behaviour = behaviour(rule, &writes);
        for lang in Lang::ALL {
            let c = claims(lang);
            let what = doc(rule, lang).what;
            let about = sentences(what, c.unreadable);
            let says = |words: &[&str]| about.iter().any(|s| words.iter().any(|w| s.contains(w)));
            assert!(
                !says(c.absent),
                "{rule} {lang:?}: the doc says an unreadable value counts as absent"
            );
            match behaviour {
                Behaviour::Unverifiable => {
                    assert!(
                        says(&[c.unverifiable]),
                        "{rule} {lang:?}: the rule reports an unreadable value as unverifiable; the doc does not say so"
                    );
                    if list {
                        let shape = sentences(what, c.wrong_shape);
                        assert!(
                            shape.iter().any(|s| s.contains(c.unverifiable)),
                            "{rule} {lang:?}: a list in the wrong shape is unverifiable; the doc does not say so"
                        );
                    }
                }
                Behaviour::Silent => assert!(
                    says(c.silent) && !says(&[c.unverifiable]),
                    "{rule} {lang:?}: the rule does not report an unreadable value; the doc must say so"
                ),
            }
        }
    }
}

/// No doc, probed or not, says that a value written but unreadable counts as absent: such a
/// value is unverifiable, or left to another rule.
#[test]
fn no_doc_treats_an_unreadable_value_as_absent() {
    for &rule in Rule::ALL {
        for lang in Lang::ALL {
            let c = claims(lang);
            let d = doc(rule, lang);
            for s in sentences(d.sections, c.unreadable) {
                assert!(
                    !c.absent.iter().any(|w| s.contains(w)),
                    "{rule} {lang:?}: {s}"
                );
            }
        }
    }
}
