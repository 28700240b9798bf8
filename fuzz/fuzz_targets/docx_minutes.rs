//! Word minutes (`.docx`), read and checked. Nothing may panic, `read = checked + rejected`,
//! memory stays bounded.
//!
//! Random bytes are rarely a zip, so the first byte chooses: even, the rest is the document's
//! bytes; odd, the rest is the text of the minutes, a paragraph a line (`|` separates the cells
//! of a table row), written into a `.docx` by kiemtra's own writer — so that the fuzzer works on
//! what the reader of minutes reads: titles, dated sentences, agenda items, quotes, spans,
//! signature tables, tasks in the conclusion.
#![no_main]

use kiemtra_input::docx::write::{docx, Look, Para, Part};
use kiemtra_input::Format;
use kiemtra_rules::Pack;
use kiemtra_runner::{run_bytes, Limits, Options, Policy};
use libfuzzer_sys::fuzz_target;

fn parts(text: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        if line.contains('|') {
            table.push(line.split('|').map(str::to_owned).collect());
            continue;
        }
        if !table.is_empty() {
            parts.push(Part::Table(std::mem::take(&mut table)));
        }
        parts.push(Part::Para(Para::new(Look::Normal, line.replace('⏎', "\n"))));
    }
    if !table.is_empty() {
        parts.push(Part::Table(table));
    }
    parts
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let built;
    let bytes = if mode % 2 == 0 {
        rest
    } else {
        let text = String::from_utf8_lossy(rest);
        let Ok(b) = docx(&parts(&text)) else { return };
        built = b;
        // The reading itself, with and without a unit from the command line.
        if let Ok(m) = kiemtra_input::docx::read(&built, None) {
            let _ = serde_json::to_string(&m.record);
        }
        &built[..]
    };
    let options = Options::new(Policy::new(Pack::embedded()));
    let limits = Limits {
        block: 1 << 20,
        max_record: 4096,
    };
    let o = run_bytes(&[("f.docx", Format::Docx, bytes)], &options, &limits);
    let s = &o.summary;
    assert_eq!(s.records, s.checked + s.rejected);
});
