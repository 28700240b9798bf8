//! One record, the whole check path: parse (fast reader and serde reader must agree),
//! validate, every record rule, the meeting summary, the cross-record rules on it, and every
//! message in both languages. Nothing may panic.
#![no_main]

use kiemtra_input::{Chunk, Position};
use kiemtra_rules::{rules, Lang, Meeting, Month, Pack, Period};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let chunk = Chunk {
        text: data,
        at: Position::START,
    };
    kiemtra_input::check_readers_agree(&chunk);
    let Ok(record) = kiemtra_input::parse(&chunk) else {
        return;
    };
    let pack = Pack::embedded();
    let mut out = Vec::new();
    rules::check_record(&record, &pack.parameters, &mut out);
    let meeting = Meeting::of(&record);
    let month = Month::of(record.date);
    let mut unit = Vec::new();
    let meetings = [meeting, meeting];
    rules::check_unit(&meetings, Period { from: month, to: month }, &pack.parameters, &mut unit);
    for v in out.iter().chain(unit.iter().map(|(_, v)| v)) {
        for lang in [Lang::Vi, Lang::En] {
            let _ = rules::message(v, lang);
        }
    }
});
