//! Tests of the fast reader: it reads as serde_json does, and its vector scan is the byte scan.

use super::*;
use crate::{check_readers_agree, Chunk, Position};

fn agree(text: &str) {
    check_readers_agree(&Chunk {
        text: text.as_bytes(),
        at: Position::START,
    });
}

fn fixture_chunks(mut each: impl FnMut(&[u8])) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut dirs = vec![root];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            match path.extension().and_then(|e| e.to_str()) {
                Some("jsonl") => crate::split_jsonl(&bytes).for_each(|c| each(c.text)),
                Some("json") => crate::split_json(&bytes)
                    .0
                    .iter()
                    .for_each(|c| each(c.text)),
                _ => {}
            }
        }
    }
}

/// The scan one byte at a time: what the vector scan must give.
fn scan_by_bytes(b: &[u8], mut at: usize) -> Option<(usize, bool)> {
    let mut nfc = true;
    while let Some(&c) = b.get(at) {
        if c == b'"' || c == b'\\' || c < 0x20 {
            return Some((at, nfc));
        }
        let follows = b.get(at + 1).is_some_and(|&n| n & 0xFC == 0xB8);
        if c >= 0xCC && !(c == 0xE1 && follows) {
            nfc = false;
        }
        at += 1;
    }
    None
}

#[test]
fn the_vector_scan_is_the_byte_scan_at_every_place_and_length() {
    // E1 with and without a follower, at every lane and across blocks of 16.
    let parts: [&[u8]; 9] = [
        b"a",
        b"\xE1\xBA\xBF",
        b"\xE1",
        b"\xB8",
        b"\xCC\x81",
        b"\"",
        b"\\",
        b"\x1F",
        b"\xC3\xA0",
    ];
    let mut x = 7u64;
    for n in 0..20_000usize {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mut b = Vec::new();
        for k in 0..(x % 60) as usize {
            // Mostly plain letters, so that runs are long.
            let pick = (x >> (k % 50)) as usize % 40;
            b.extend_from_slice(parts.get(pick).copied().unwrap_or(b"x"));
        }
        let at = n % 3;
        assert_eq!(scan(&b, at), scan_by_bytes(&b, at), "{b:?} from {at}");
    }
    // An E1 at every lane, followed by a follower or not, or by the string's end.
    for lane in 0..40 {
        for next in [&b"\xB8"[..], b"\xBA", b"\xBC", b"a", b"", b"\xE1\xBB\x87"] {
            let mut b = vec![b'a'; lane];
            b.push(0xE1);
            b.extend_from_slice(next);
            b.extend_from_slice(b"abc\"");
            let mut cut = b.clone();
            cut.truncate(lane + 1 + next.len());
            cut.push(b'"');
            for b in [b, cut] {
                assert_eq!(scan(&b, 0), scan_by_bytes(&b, 0), "{b:?}");
            }
        }
    }
}

#[test]
fn both_readers_read_every_fixture_alike() {
    let (mut all, mut fast) = (0, 0);
    fixture_chunks(|text| {
        check_readers_agree(&Chunk {
            text,
            at: Position::START,
        });
        all += 1;
        if std::str::from_utf8(text).ok().and_then(parse_doc).is_some() {
            fast += 1;
        }
    });
    assert!(all > 300, "{all}");
    // The fast reader reads nearly all of them itself.
    assert!(fast * 10 > all * 8, "{fast} of {all}");
}

#[test]
fn odd_but_valid_records_read_alike() {
    for t in [
        r#"{}"#,
        r#" { "unit" : { "code" : 7 } , "date":"2017-01-05","kind":"periodic" } "#,
        r#"{"unit":{"code":"A"},"date":"2017-01-05","kind":"periodic","x":{"y":[1,2.5e3,-1,true,null,"\\u0041"]}}"#,
        r#"{"session":{"topics":"one","questions":{"a":1},"minutes":"40","start":7,"assignments":[null,1,"x",[],{"due":"cuối quý","kind":null}]}}"#,
        r#"{"session":{"topics":["a\"b\\c\/d\n\t",12,false,null,[1],{"a":[]}],"reason":"tab\there"}}"#,
        r#"{"attendance":{"present":18446744073709551615,"total":9223372036854775807}}"#,
        r#"{"attendance":{"present":0,"total":-3},"minutes_book":{"recorded":1,"page":12}}"#,
        r#"{"unit":[1,2],"session":true,"minutes_book":"yes","attendance":null}"#,
        r#"{"id":"x","id":"y"}"#,
        r#"{"kind":"hop-mat","session":{"area":"sports","follow_up":{"result":"done"}}}"#,
        r#"{"date":"15/01/2017","session":{"topics":["Hoà"],"follow_up":{"topic":"Hòa"}}}"#,
        r#"{"a":01}"#,
        r#"{"a":1,}"#,
        r#"{"a":[1,]}"#,
        r#"{"a":"\u0000"}"#,
        "{\"a\":\"\u{1}\"}",
        r#"{"a":1} x"#,
        r#"{"unit":{"code":"A","code":"B"}}"#,
        r#"{"session":{"minutes":40.0,"start":1e2}}"#,
    ] {
        agree(t);
    }
    let deep = format!("{{\"x\":{}{}}}", "[".repeat(200), "]".repeat(200));
    agree(&deep);
}

#[test]
fn same_bytes_is_slice_equality_at_every_length() {
    for n in 0..40usize {
        let a: Vec<u8> = (0..n as u8).map(|i| b'a' + i % 26).collect();
        assert!(same_bytes(&a, &a.clone()), "{n}");
        for at in 0..n {
            let mut b = a.clone();
            b[at] ^= 0x20;
            assert!(!same_bytes(&a, &b), "{n} differing at {at}");
        }
        assert!(!same_bytes(&a, &a[..n.saturating_sub(1)]) || n == 0);
    }
}

/// `v` as JSON with `colon` between a key and its value and `comma` between items.
fn spaced(v: &serde_json::Value, colon: &str, comma: &str) -> String {
    use serde_json::Value;
    let items =
        |parts: Vec<String>, open: &str, close: &str| format!("{open}{}{close}", parts.join(comma));
    match v {
        Value::Array(a) => items(
            a.iter().map(|x| spaced(x, colon, comma)).collect(),
            "[",
            "]",
        ),
        Value::Object(o) => items(
            o.iter()
                .map(|(k, x)| {
                    format!(
                        "{}{colon}{}",
                        Value::from(k.as_str()),
                        spaced(x, colon, comma)
                    )
                })
                .collect(),
            "{",
            "}",
        ),
        scalar => scalar.to_string(),
    }
}

/// Records as the format writes them (`"key": value, `) take the reader's shortcuts; spaced any
/// other way (compact, pretty-printed, spaces before colons, tabs, line breaks), the same records
/// are read the same, and by the fast reader itself, but for a value after two spaces (left to
/// serde_json once the shortcut has passed the first).
#[test]
fn a_record_spaced_any_way_is_read_alike() {
    let mut records = Vec::new();
    fixture_chunks(|c| {
        let v = std::str::from_utf8(c)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok());
        if let Some(v) = v.filter(|v| v.get("session").is_some_and(|s| s.is_object())) {
            records.push(v);
        }
    });
    assert!(records.len() > 50, "{}", records.len());
    let mut read_fast = 0;
    for v in &records {
        // The format's own spacing, as the generator and the exports write it.
        let written = spaced(v, ": ", ", ");
        agree(&spaced(v, ":  ", ", "));
        let Some(as_written) = parse_doc(&written).map(|d| format!("{d:?}")) else {
            agree(&written);
            continue;
        };
        read_fast += 1;
        let mut tabs = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b"\t");
        serde::Serialize::serialize(
            v,
            &mut serde_json::Serializer::with_formatter(&mut tabs, formatter),
        )
        .unwrap();
        for text in [
            serde_json::to_string(v).unwrap(),
            serde_json::to_string_pretty(v).unwrap(),
            String::from_utf8(tabs).unwrap(),
            spaced(v, " :  ", " , "),
            spaced(v, ":\n", ",\r\n "),
            spaced(v, ":", " ,"),
            spaced(v, ": ", ",\n"),
        ] {
            agree(&text);
            let doc = parse_doc(&text).map(|d| format!("{d:?}"));
            assert_eq!(doc.as_ref(), Some(&as_written), "{text}");
        }
    }
    assert!(
        read_fast * 10 > records.len() * 9,
        "{read_fast} of {}",
        records.len()
    );
}

/// A key as records write it is taken whole (key, quotes, colon and space) and only whole;
/// near a line's end (fewer than 16 bytes left) it is left to the general path.
#[test]
fn a_key_as_written_is_taken_whole_and_only_whole() {
    let date = Written::of("\"date\": ");
    for (text, taken) in [
        ("\"date\": \"2017-01-05\"}", Some(8)),
        ("\"date\":\"2017-01-05\"}}", None),
        ("\"date\" : \"2017-01-05\"}", None),
        ("\"dates\": \"2017-01-05\"}", None),
        ("\"Date\": \"2017-01-05\"}", None),
        ("\"date\":  \"2017-01-05\"}", Some(8)),
        ("\"date\": 20170105}", Some(8)),
        ("\"date\": 1}", None),
    ] {
        let mut p = Parser {
            text,
            b: text.as_bytes(),
            i: 0,
            depth: 0,
        };
        let hit = p.written(&date);
        assert_eq!(hit.then_some(p.i), taken, "{text}");
        assert_eq!(p.i, taken.unwrap_or(0), "{text}");
    }
}
