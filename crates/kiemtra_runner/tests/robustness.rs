//! Hostile and broken input: each case ends in a clear rejection or file error with its place,
//! in bounded time and memory, and the run goes on. Large inputs are made at test time in a
//! temporary directory (nothing large is committed). Also: every input the fuzzers found a bug
//! with (`fixtures/fuzz/`) stays fixed.

use std::io::Write;
use std::time::Duration;

use kiemtra_input::{Format, Reason};
use kiemtra_rules::Rule;
use kiemtra_runner::{run, run_bytes, run_with, Limits};

mod common;

use common::{assert_counts, fixtures, options, timed, write};

/// A valid, compliant record of unit `unit` in month `month` of 2017.
fn record(unit: &str, month: u32) -> String {
    let line = std::fs::read_to_string(fixtures().join("bad/mixed.jsonl")).unwrap();
    let first = line.lines().next().unwrap();
    first
        .replace("B-MIX-01", unit)
        .replace("2017-01-", &format!("2017-{month:02}-"))
}

#[test]
fn a_line_longer_than_the_limit_is_rejected_with_its_line_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = Vec::new();
    writeln!(text, "{}", record("L-1", 1)).unwrap();
    // 20 MiB of one line, over the 16 MiB limit.
    text.extend(std::iter::repeat_n(b'x', 20 << 20));
    text.push(b'\n');
    writeln!(text, "{}", record("L-1", 2)).unwrap();
    let path = write(dir.path(), "long.jsonl", &text);
    let o = timed(Duration::from_secs(20), || {
        run(&[path], &options()).unwrap()
    });
    assert_counts(&o);
    assert_eq!((o.summary.checked, o.summary.rejected), (2, 1));
    assert_eq!(o.rejected[0].line, 2);
    assert!(matches!(o.rejected[0].reason, Reason::TooLong { .. }));
}

#[test]
fn a_ten_megabyte_field_is_read_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let big = "Đảng viên ".repeat(1 << 20); // about 11 MB
    let line =
        record("F-1", 1).replacen("\"conclusion\": \"", &format!("\"conclusion\": \"{big}"), 1);
    let path = write(dir.path(), "field.jsonl", format!("{line}\n").as_bytes());
    let o = timed(Duration::from_secs(20), || {
        run(&[path], &options()).unwrap()
    });
    assert_counts(&o);
    assert_eq!(o.summary.checked, 1);
}

#[test]
fn ten_thousand_topics_are_one_finding_in_linear_time() {
    let topics: Vec<String> = (0..10_000).map(|i| format!("\"Chủ đề {i}\"")).collect();
    let line = record("T-1", 1).replacen(
        "\"topics\": [",
        &format!("\"topics\": [{}, ", topics.join(", ")),
        1,
    );
    let o = timed(Duration::from_secs(20), || {
        run_bytes(
            &[("t.jsonl", Format::JsonLines, line.as_bytes())],
            &options(),
            &Limits::DEFAULT,
        )
    });
    assert_counts(&o);
    let cd202: Vec<_> = o
        .findings
        .iter()
        .filter(|f| f.rule() == Rule::SingleTopic)
        .collect();
    assert_eq!(cd202.len(), 1);
}

#[test]
fn nesting_ten_thousand_deep_is_read_or_rejected_quickly() {
    let head = r#"{"unit": {"code": "N-1"}, "date": "2017-01-05", "kind": "periodic""#;
    let deep =
        |open: &str, close: &str| format!("{}1{}", open.repeat(10_000), close.repeat(10_000));
    for (line, checked) in [
        // Not an object: rejected.
        (deep("[", "]"), 0),
        // Deep but valid JSON under a key format v1 does not have: ignored, as any such key.
        (format!(r#"{head}, "x": {}}}"#, deep(r#"{"a":"#, "}")), 1),
        // Deep where a session is expected: unreadable, so no session (CD101).
        (format!(r#"{head}, "session": {}}}"#, deep("[", "]")), 1),
        // Deep and broken: rejected.
        (
            format!(r#"{head}, "x": {}}}"#, r#"{"a":"#.repeat(10_000)),
            0,
        ),
    ] {
        let o = timed(Duration::from_secs(10), || {
            run_bytes(
                &[("deep.jsonl", Format::JsonLines, line.as_bytes())],
                &options(),
                &Limits::DEFAULT,
            )
        });
        assert_counts(&o);
        assert_eq!(o.summary.records, 1);
        assert_eq!(o.summary.checked, checked, "{:?}", o.rejected);
        if checked == 1 && line.contains("session") {
            assert!(o.findings.iter().any(|f| f.rule() == Rule::SessionHeld));
        }
    }
}

#[cfg(unix)]
#[test]
fn a_directory_loop_of_symlinks_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    std::fs::create_dir(&a).unwrap();
    write(&a, "x.jsonl", format!("{}\n", record("S-1", 1)).as_bytes());
    std::os::unix::fs::symlink(dir.path(), a.join("up")).unwrap();
    std::os::unix::fs::symlink(&a, a.join("self")).unwrap();
    // A file symlink loop too.
    std::os::unix::fs::symlink(a.join("l2.jsonl"), a.join("l1.jsonl")).unwrap();
    std::os::unix::fs::symlink(a.join("l1.jsonl"), a.join("l2.jsonl")).unwrap();
    let o = timed(Duration::from_secs(10), || {
        run(&[dir.path().to_path_buf()], &options()).unwrap()
    });
    assert_counts(&o);
    assert_eq!(o.summary.checked, 1);
    // The looping file links are errors of their own, with their names.
    assert!(
        o.file_errors.iter().any(|e| e.file.ends_with("l1.jsonl")),
        "{:?}",
        o.file_errors
    );
}

#[test]
fn a_file_that_is_not_text_is_rejected_line_by_line_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    // Pseudo-random bytes (with newlines now and then), then a file without any newline.
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let noise: Vec<u8> = (0..(1 << 20))
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    write(dir.path(), "a-noise.jsonl", &noise);
    let no_newline: Vec<u8> = noise
        .iter()
        .map(|&b| if b == b'\n' { 0 } else { b })
        .collect();
    write(dir.path(), "b-noise.json", &no_newline);
    write(
        dir.path(),
        "c-good.jsonl",
        format!("{}\n", record("G-1", 1)).as_bytes(),
    );
    let o = timed(Duration::from_secs(20), || {
        run(&[dir.path().to_path_buf()], &options()).unwrap()
    });
    assert_counts(&o);
    assert_eq!(o.summary.checked, 1);
    let newlines = noise.iter().filter(|&&b| b == b'\n').count();
    assert!(o.summary.rejected >= newlines / 2, "{}", o.summary.rejected);
    assert!(o.rejected.iter().all(|r| r.line >= 1 && r.column >= 1));
}

#[test]
fn rejections_past_ten_thousand_in_a_file_are_counted_not_listed() {
    let mut text = Vec::new();
    for i in 0..12_345 {
        writeln!(text, "not a record {i}").unwrap();
    }
    writeln!(text, "{}", record("R-1", 1)).unwrap();
    let o = run_bytes(
        &[
            ("a.jsonl", Format::JsonLines, &text),
            ("b.jsonl", Format::JsonLines, b"oops\n"),
        ],
        &options(),
        &Limits {
            block: 4096,
            max_record: 1 << 20,
        },
    );
    assert_counts(&o);
    assert_eq!((o.summary.checked, o.summary.rejected), (1, 12_346));
    let a: Vec<_> = o.rejected.iter().filter(|r| r.file == "a.jsonl").collect();
    assert_eq!(a.len(), 10_001);
    let last = a.last().unwrap();
    assert_eq!(last.reason, Reason::NotListed { count: 2_345 });
    assert_eq!(last.line, 10_001);
    assert_eq!(o.rejected.iter().filter(|r| r.file == "b.jsonl").count(), 1);
}

#[cfg(unix)]
#[test]
fn a_file_gone_before_it_is_read_is_an_error_of_that_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.jsonl",
        format!("{}\n", record("D-1", 1)).as_bytes(),
    );
    // Listed (it has the right name) but gone: as if deleted between listing and reading.
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("b.jsonl")).unwrap();
    let o = run(&[dir.path().to_path_buf()], &options()).unwrap();
    assert_counts(&o);
    assert_eq!(o.summary.checked, 1);
    assert_eq!(o.file_errors.len(), 1, "{:?}", o.file_errors);
    assert!(o.file_errors[0].file.ends_with("b.jsonl"));
}

#[test]
fn a_file_that_shrinks_while_it_is_read_is_an_error_with_its_place() {
    use kiemtra_runner::blocks::{read_block, Source};
    /// Says it is 1000 bytes long, has 300.
    struct Shrunk(Vec<u8>);
    impl Source for Shrunk {
        fn len(&self) -> u64 {
            1000
        }
        fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
            self.0.as_slice().read_at(buf, offset)
        }
    }
    /// Fails after 100 bytes.
    struct Failing(Vec<u8>);
    impl Source for Failing {
        fn len(&self) -> u64 {
            self.0.len() as u64
        }
        fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
            if offset >= 100 {
                return Err(std::io::Error::other("device gone"));
            }
            let n = buf.len().min(100 - offset as usize);
            self.0.as_slice().read_at(&mut buf[..n], offset)
        }
    }
    let text: Vec<u8> = b"{\"a\":1}\n".repeat(40);
    let limits = Limits {
        block: 64,
        max_record: 1024,
    };
    let shrunk = Shrunk(text[..300].to_vec());
    let mut lines = 0;
    let mut shrank = None;
    for i in 0..(1000u64).div_ceil(64) {
        let end = read_block(&shrunk, i, &limits, &mut |_| lines += 1);
        shrank = shrank.or(end.shrank_at);
    }
    assert_eq!(lines, 300 / 8 + 1); // every line that was there, the cut one included
    assert_eq!(shrank, Some(300));
    let failing = Failing(text.clone());
    let end = read_block(&failing, 2, &limits, &mut |_| {});
    assert_eq!(end.error.map(|(at, _)| at), Some(127));
}

#[test]
fn every_input_a_fuzzer_broke_stays_fixed() {
    let dir = fixtures().join("fuzz");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&path).unwrap();
        n += 1;
        if name.starts_with("jsonl-") {
            // As the `jsonl` target: the first byte chooses the block size.
            let (&size, bytes) = data.split_first().unwrap();
            let files = [("f.jsonl", Format::JsonLines, bytes)];
            let small = Limits {
                block: usize::from(size) + 1,
                max_record: 4096,
            };
            let whole = Limits {
                block: 1 << 20,
                max_record: 4096,
            };
            let a = run_bytes(&files, &options(), &small);
            let b = run_bytes(&files, &options(), &whole);
            assert_counts(&a);
            assert_eq!(a.summary, b.summary, "{name}");
            assert_eq!(a.findings, b.findings, "{name}");
            assert_eq!(a.rejected, b.rejected, "{name}");
        } else if name.starts_with("json-") {
            let o = run_bytes(
                &[("f.json", Format::Json, &data)],
                &options(),
                &Limits::DEFAULT,
            );
            assert_counts(&o);
        } else if name.starts_with("record-") {
            let chunk = kiemtra_input::Chunk {
                text: &data,
                at: kiemtra_input::Position::START,
            };
            kiemtra_input::check_readers_agree(&chunk);
            let o = run_bytes(
                &[("f.jsonl", Format::JsonLines, &data)],
                &options(),
                &Limits::DEFAULT,
            );
            assert_counts(&o);
        }
    }
    assert!(n > 0);
}

#[test]
fn the_record_limit_applies_to_json_arrays_too() {
    let big = format!(
        "[{}, {{\"x\": \"{}\"}}]",
        record("J-1", 1),
        "y".repeat(5000)
    );
    let limits = Limits {
        block: 1 << 20,
        max_record: 4096,
    };
    let o = run_bytes(
        &[("a.json", Format::Json, big.as_bytes())],
        &options(),
        &limits,
    );
    assert_counts(&o);
    assert_eq!((o.summary.checked, o.summary.rejected), (1, 1));
    assert!(matches!(o.rejected[0].reason, Reason::TooLong { .. }));
    let _ = run_with;
}

#[test]
fn identifying_fields_kept_for_the_run_are_limited() {
    let long = "X".repeat(5000);
    let mut text = String::new();
    text.push_str(&record("K-1", 1).replace("\"K-1\"", &format!("\"{long}\"")));
    text.push('\n');
    text.push_str(&record("K-2", 1).replacen("\"Chi bộ thôn 6\"", &format!("\"{long}\""), 1));
    text.push('\n');
    text.push_str(&record("K-3", 1));
    text.push('\n');
    let o = run_bytes(
        &[("k.jsonl", Format::JsonLines, text.as_bytes())],
        &options(),
        &Limits::DEFAULT,
    );
    assert_counts(&o);
    assert_eq!((o.summary.checked, o.summary.rejected), (1, 2));
    let pointers: Vec<_> = o
        .rejected
        .iter()
        .map(|r| match &r.reason {
            Reason::FieldTooLong { pointer, .. } => *pointer,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(pointers, ["/unit/code", "/unit/name"]);
}

#[test]
fn implausible_dates_are_rejected_not_audited_for_centuries() {
    let mut text = String::new();
    for date in ["0001-01-05", "9999-12-05", "1929-12-31", "2200-01-01"] {
        text.push_str(&record("Y-1", 1).replace("2017-01-08", date));
        text.push('\n');
    }
    text.push_str(&record("Y-1", 2));
    text.push('\n');
    let o = timed(Duration::from_secs(10), || {
        run_bytes(
            &[("y.jsonl", Format::JsonLines, text.as_bytes())],
            &options(),
            &Limits::DEFAULT,
        )
    });
    assert_counts(&o);
    assert_eq!((o.summary.checked, o.summary.rejected), (1, 4));
    assert!(o
        .rejected
        .iter()
        .all(|r| matches!(r.reason, Reason::DateOutOfRange { .. })));
    assert!(o.findings.len() < 10, "{}", o.findings.len());
}

/// Each file's SHA-256 is made from the blocks as they are read, in whatever order the workers
/// read them: with blocks of a few bytes, three files, a long line, CRLF and a file that is
/// not JSON Lines, it is still each file's SHA-256, and the digest `sha256sum`'s.
#[test]
fn the_digest_made_while_reading_in_tiny_blocks_is_each_files_sha256() {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().unwrap();
    let mut a = Vec::new();
    for month in 1..=12 {
        writeln!(a, "{}", record("H-1", month)).unwrap();
    }
    // Lines ended by CRLF, then a line too long for the smallest blocks.
    let mut b: Vec<u8> = a
        .iter()
        .flat_map(|&c| {
            if c == b'\n' {
                vec![b'\r', b'\n']
            } else {
                vec![c]
            }
        })
        .collect();
    b.extend(std::iter::repeat_n(b'x', 5000));
    let c = std::fs::read(fixtures().join("samples/thi-tran.json")).unwrap();
    let paths = vec![
        write(dir.path(), "a.jsonl", &a),
        write(dir.path(), "b.jsonl", &b),
        write(dir.path(), "c.json", &c),
    ];
    let hex = |bytes: &[u8]| -> String {
        Sha256::digest(bytes)
            .iter()
            .map(|x| format!("{x:02x}"))
            .collect()
    };
    let whole = run(&paths, &options()).unwrap().inputs;
    for block in [1, 3, 64, 1000] {
        let limits = Limits {
            block,
            ..Limits::DEFAULT
        };
        let o = run_with(&paths, &options(), &limits).unwrap();
        assert_eq!(o.inputs, whole, "block {block}");
    }
    let files: Vec<(u64, String)> = whole
        .files
        .iter()
        .map(|f| (f.bytes, f.sha256.clone()))
        .collect();
    assert_eq!(
        files,
        [&a, &b, &c].map(|x| (x.len() as u64, hex(x))).to_vec()
    );
}
