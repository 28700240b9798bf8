//! The forms read as a cell secretary reads them (`kiemtra template --format docx|xlsx`): the
//! guidance quoted word for word or cut with “…”, the labels the messages name, last month's
//! topic first, the signatures, no command-line words; and no document number, anywhere a
//! person reads, that the guidance does not bear.

mod common;

use std::collections::BTreeSet;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{kiemtra, root, DOC};
use kiemtra_format::word_labels::WORD_LABELS;
use kiemtra_input::docx::template::parts;
use kiemtra_input::docx::write::{Look, Part};
use kiemtra_rules::Lang;

/// The guidance as the pack carries it (`rules/`, named by the pack's `source`).
fn guidance() -> String {
    let pack = kiemtra_rules::Pack::embedded();
    let source = pack.pack.source.clone().expect("the pack names its source");
    std::fs::read_to_string(root().join("rules").join(source)).expect("the pack's source text")
}

/// The Word form's paragraphs: (is guidance, text); a table's cells and the signatures' lines
/// as paragraphs too.
fn form(lang: Lang) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for part in parts(Some("HC-CB01"), Some((2017, 4)), lang) {
        match part {
            Part::Para(p) => out.push((p.look == Look::Guidance, p.text())),
            Part::Table(rows) => out.extend(rows.into_iter().flatten().map(|c| (false, c))),
            Part::Signatures(blocks) => {
                out.extend(blocks.into_iter().flatten().map(|p| (false, p.text())));
            }
        }
    }
    out
}

/// Text between “ and ” followed by a citation of the guidance (`(mục …` or `(§…`).
fn quotes(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('“') {
        let after = &rest[open + '“'.len_utf8()..];
        let Some(close) = after.find('”') else {
            break;
        };
        let quoted = &after[..close];
        let next = after[close + '”'.len_utf8()..].trim_start();
        if next.starts_with("(mục") || next.starts_with("(§") {
            out.push(quoted);
        }
        rest = &after[close + '”'.len_utf8()..];
    }
    out
}

#[test]
fn the_word_form_quotes_the_guidance_word_for_word_or_cut_with_an_ellipsis() {
    let text = guidance();
    let mut seen = 0;
    for lang in Lang::ALL {
        for (_, line) in form(lang).iter().filter(|(g, _)| *g) {
            for quote in quotes(line) {
                for piece in quote.split('…').map(str::trim).filter(|p| !p.is_empty()) {
                    seen += 1;
                    assert!(
                        text.contains(piece),
                        "«{piece}» is not in the guidance (quoted in «{line}»)"
                    );
                }
            }
        }
    }
    assert!(seen >= 20, "the form quotes the guidance ({seen} pieces)");
}

#[test]
fn the_word_form_reads_in_the_order_a_meeting_goes() {
    let form = form(Lang::Vi);
    let at = |start: &str| {
        form.iter()
            .position(|(g, t)| !*g && t.starts_with(start))
            .unwrap_or_else(|| panic!("no line «{start}»"))
    };
    // Last month's topic first in the session: its result decides whether the topic is kept.
    assert!(at("1. Học tập và làm theo") < at("Đánh giá chuyên đề kỳ trước"));
    assert!(at("Kết quả kỳ trước:") < at("Sinh hoạt chuyên đề từ"));
    assert!(at("Kết quả kỳ trước:") < at("Chủ đề:"));
    // The signatures last, each with a line for the name.
    let end = at("Kết thúc lúc");
    assert!(at("THƯ KÝ") > end && at("CHỦ TRÌ") > end);
    assert_eq!(
        form.iter()
            .filter(|(_, t)| t == "(Ký, ghi rõ họ tên)")
            .count(),
        2
    );
    for lang in Lang::ALL {
        for (_, t) in self::form(lang) {
            assert!(!t.contains("--"), "a command-line word in the form: «{t}»");
            assert!(!t.contains("Một trong:"), "the areas are examples: «{t}»");
            assert!(!t.contains("bản ghi"), "“biên bản”, not “bản ghi”: «{t}»");
        }
    }
}

/// Every name in “ ” of the rules' Vietnamese messages and hints that the Word reader knows as
/// a label is the label the Word form writes: the secretary finds on her form the words the
/// finding names.
#[test]
fn the_word_form_labels_what_the_messages_name() {
    let catalogue =
        std::fs::read_to_string(root().join("crates/kiemtra_messages/messages/vi.toml")).unwrap();
    // A label before its colon, or opening a line without one (`Sinh hoạt chuyên đề từ …`).
    let lines: Vec<String> = form(Lang::Vi)
        .into_iter()
        .filter(|(g, _)| !*g)
        .map(|(_, t)| t.to_lowercase())
        .collect();
    let colons: BTreeSet<&str> = lines
        .iter()
        .filter_map(|t| t.split_once(':').map(|(l, _)| l.trim()))
        .collect();
    // The kind is written in the title; the line under it says so by name.
    let guides: Vec<String> = form(Lang::Vi)
        .into_iter()
        .filter(|(g, _)| *g)
        .map(|(_, t)| t.to_lowercase())
        .collect();
    let writes = |name: &str| {
        colons.contains(name)
            || guides.iter().any(|t| t.starts_with(name))
            || lines
                .iter()
                .any(|t| !t.contains(':') && t.starts_with(&format!("{name} ")))
    };
    let mut checked = 0;
    for name in catalogue
        .split('“')
        .skip(1)
        .filter_map(|s| s.split('”').next())
    {
        let known = WORD_LABELS.iter().any(|l| {
            std::iter::once(&l.label)
                .chain(l.variants)
                .any(|v| v.eq_ignore_ascii_case(name) || v.to_lowercase() == name.to_lowercase())
        });
        if known {
            checked += 1;
            assert!(
                writes(&name.to_lowercase()),
                "the messages name “{name}”; the Word form does not write it as a label"
            );
        }
    }
    assert!(checked >= 10, "{checked} labels named by the messages");
}

/// `12-HD/BTGHU`, `06-HD/ABC`…: each document number of a guidance (`-HD/`) in `text`.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("-HD/") {
        let digits = text[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        let letters: String = text[at + 4..]
            .chars()
            .take_while(|c| c.is_uppercase())
            .collect();
        if digits > 0 && !letters.is_empty() {
            out.push(format!("{}-HD/{letters}", &text[at - digits..at]));
        }
    }
    out
}

#[test]
fn no_document_number_the_guidance_does_not_bear() {
    let dir = std::env::temp_dir().join(format!("kiemtra-form-words-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut texts: Vec<(String, String)> = Vec::new();
    // The forms.
    for lang in Lang::ALL {
        let form: Vec<String> = form(lang).into_iter().map(|(_, t)| t).collect();
        texts.push((format!("the Word form ({lang:?})"), form.join("\n")));
        let book = dir.join(format!("mau-{}.xlsx", lang.code()));
        let o = kiemtra(&[
            "--no-config",
            "--lang",
            lang.code(),
            "template",
            "--format",
            "xlsx",
            "--unit",
            "HC-CB01",
            "--month",
            "2017-04",
            "-o",
            book.to_str().unwrap(),
        ]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let mut wb: Xlsx<_> = open_workbook(&book).expect("the workbook template");
        let mut cells = String::new();
        for name in wb.sheet_names() {
            for row in wb.worksheet_range(&name).unwrap().rows() {
                for c in row {
                    if let Data::String(s) = c {
                        cells.push_str(s);
                        cells.push('\n');
                    }
                }
            }
        }
        assert!(cells.contains("Ban Tuyên giáo") || cells.contains("guidance"));
        texts.push((format!("the workbook form ({lang:?})"), cells));
    }
    // The district report.
    let report = dir.join("r.md");
    let mut args = vec!["check", "fixtures/batch", "-o", report.to_str().unwrap()];
    args.extend(DOC);
    kiemtra(&args);
    texts.push((
        "the report".into(),
        std::fs::read_to_string(&report).unwrap(),
    ));
    // The project's documents and the catalogue.
    for file in [
        "README.md",
        "crates/kiemtra_messages/messages/vi.toml",
        "crates/kiemtra_messages/messages/en.toml",
    ] {
        texts.push((
            file.into(),
            std::fs::read_to_string(root().join(file)).unwrap(),
        ));
    }
    let source = guidance();
    let mut found = 0;
    for (place, text) in &texts {
        for n in numbers(text) {
            found += 1;
            assert!(
                source.contains(&n),
                "{place} prints “{n}”, a number the guidance does not bear"
            );
        }
    }
    assert!(found > 0, "the guidance it replaces is named by its number");
    assert_eq!(numbers("Hướng dẫn số 06-HD/BTGHU (2016)"), ["06-HD/BTGHU"]);
    std::fs::remove_dir_all(&dir).ok();
}
