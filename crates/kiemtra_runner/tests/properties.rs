//! Properties of a whole run, over generated and arbitrary input (proptest; kept small so
//! that the suite stays fast in a debug build).

use std::borrow::Cow;

use kiemtra_gen::{generate, write_line, Config};
use kiemtra_input::Format;
use kiemtra_rules::text::{nfc, topic_key};
use kiemtra_rules::Pack;
use kiemtra_runner::{run_bytes, Limits, Options, Outcome, Policy};
use proptest::prelude::*;

fn options() -> Options {
    Options::new(Policy::new(Pack::embedded()))
}

fn generated(seed: u64) -> Vec<Vec<u8>> {
    let config = Config {
        units: 4,
        months: 8,
        violations: 0.3,
        malformed: 0.05,
        nfd: 0.1,
        seed,
        ..Config::default()
    };
    let mut lines = Vec::new();
    generate(&config, |_, line| {
        let mut bytes = Vec::new();
        write_line(&mut bytes, line)?;
        lines.push(bytes);
        Ok(())
    })
    .unwrap();
    lines
}

fn same(a: &Outcome, b: &Outcome) {
    assert_eq!(a.summary, b.summary);
    assert_eq!(a.findings, b.findings);
    assert_eq!(a.units, b.units);
    // Rejections keep their (file, line) places: compare the reasons.
    let reasons = |o: &Outcome| {
        let mut r: Vec<String> = o
            .rejected
            .iter()
            .map(|r| format!("{:?}", r.reason))
            .collect();
        r.sort();
        r
    };
    assert_eq!(reasons(a), reasons(b));
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

/// The same records, in any order, any split over files, any number of threads and any block
/// size, give the same findings. (Record ids are unique in generated data, so the order of
/// records is fixed by the data, not by where they were read.)
fn order_free(seed: u64, order: &[usize], files: usize, block: usize) {
    let lines = generated(seed);
    let whole: Vec<u8> = lines.concat();
    let one = in_pool(1, || {
        run_bytes(
            &[("a.jsonl", Format::JsonLines, &whole)],
            &options(),
            &Limits::DEFAULT,
        )
    });
    let s = &one.summary;
    assert_eq!(s.records, s.checked + s.rejected);
    assert_eq!(s.records, lines.len());

    let mut shuffled: Vec<Vec<u8>> = Vec::new();
    let mut rest: Vec<usize> = (0..lines.len()).collect();
    for &k in order {
        if rest.is_empty() {
            break;
        }
        shuffled.push(lines[rest.remove(k % rest.len())].clone());
    }
    shuffled.extend(rest.iter().map(|&i| lines[i].clone()));
    let parts: Vec<Vec<u8>> = (0..files)
        .map(|f| {
            shuffled
                .iter()
                .skip(f)
                .step_by(files)
                .flatten()
                .copied()
                .collect()
        })
        .collect();
    let names: Vec<String> = (0..files).map(|f| format!("p{f}.jsonl")).collect();
    let inputs: Vec<(&str, Format, &[u8])> = names
        .iter()
        .zip(&parts)
        .map(|(n, p)| (n.as_str(), Format::JsonLines, p.as_slice()))
        .collect();
    let limits = Limits {
        block,
        max_record: 1 << 20,
    };
    let two = in_pool(2, || run_bytes(&inputs, &options(), &limits));
    // Findings carry their file and line: compare them without.
    let strip = |o: &Outcome| {
        let mut o = o.clone();
        for f in &mut o.findings {
            f.file = None;
            f.line = None;
        }
        o.findings
            .sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
        o.summary.files = 0;
        o
    };
    same(&strip(&one), &strip(&two));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn findings_do_not_depend_on_order_files_threads_or_blocks(
        seed in 0u64..1000,
        order in proptest::collection::vec(0usize..1000, 0..40),
        files in 1usize..4,
        block in 1usize..3000,
    ) {
        order_free(seed, &order, files, block);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn any_bytes_as_a_record_line_are_checked_or_rejected(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let line: Vec<u8> = bytes.iter().map(|&b| if b == b'\n' { b' ' } else { b }).collect();
        let o = run_bytes(&[("x.jsonl", Format::JsonLines, &line)], &options(), &Limits::DEFAULT);
        let s = &o.summary;
        prop_assert_eq!(s.records, s.checked + s.rejected);
        let blank = line.iter().all(u8::is_ascii_whitespace) || line.as_slice() == b"\xEF\xBB\xBF";
        prop_assert_eq!(s.records, usize::from(!blank));
    }

    #[test]
    fn mutated_records_are_read_alike_by_both_readers_and_never_crash(
        seed in 0u64..50,
        edits in proptest::collection::vec((0usize..4000, any::<u8>()), 1..6),
    ) {
        let lines = generated(seed);
        let mut line = lines[seed as usize % lines.len()].clone();
        line.pop(); // the newline
        for (at, b) in edits {
            if line.is_empty() { break; }
            let at = at % line.len();
            match b % 3 {
                0 => line[at] = b,
                1 => { line.remove(at); }
                _ => line.insert(at, b),
            }
        }
        let line: Vec<u8> = line.into_iter().map(|b| if b == b'\n' { b' ' } else { b }).collect();
        kiemtra_input::check_readers_agree(&kiemtra_input::Chunk { text: &line, at: kiemtra_input::Position::START });
        let o = run_bytes(&[("x.jsonl", Format::JsonLines, &line)], &options(), &Limits::DEFAULT);
        prop_assert_eq!(o.summary.records, o.summary.checked + o.summary.rejected);
    }

    #[test]
    fn normalisation_is_idempotent(s in "\\PC{0,40}", marks in proptest::collection::vec(0x300u32..0x370, 0..4)) {
        let mut text = s.clone();
        for m in marks { text.extend(char::from_u32(m)); }
        let once = nfc(Cow::Borrowed(text.as_str())).into_owned();
        let twice = nfc(Cow::Borrowed(once.as_str())).into_owned();
        prop_assert_eq!(&once, &twice);
        // A topic's key is the same for its text and its normal form.
        prop_assert_eq!(topic_key(&text), topic_key(&once));
    }

    #[test]
    fn vietnamese_text_normalises_like_the_unicode_algorithm(
        parts in proptest::collection::vec(prop::sample::select(vec![
            "a", "ă", "â", "e", "ê", "o", "ô", "ơ", "u", "ư", "y", "đ", "Đ", " ", "h", "n", "g",
            "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{306}", "\u{31B}",
            "ệ", "ộ", "ữ", "ỳ", "ả", "Ọ", "ứ", "…", "’", "\"",
        ]), 0..30)
    ) {
        use unicode_normalization::UnicodeNormalization;
        let text: String = parts.concat();
        let expected: String = text.nfc().collect();
        let ours = nfc(Cow::Borrowed(text.as_str())).into_owned();
        prop_assert_eq!(ours, expected);
    }
}
