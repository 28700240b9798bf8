//! The cost of one record, by stage: read (parse + validate), the 17 record rules, the
//! meeting summary the cross-record rules use, and all of it together; and the cross-record
//! rules on one unit's ten years of meetings. `cargo bench -p kiemtra_runner --bench record`
//! (see benches/README.md at the repository root).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kiemtra_input::{parse, Chunk, Position};
use kiemtra_rules::rules::{check_record, check_unit};
use kiemtra_rules::{Meeting, Month, Pack, Period};

fn record(c: &mut Criterion) {
    let line = kiemtra_gen::sample_record(7);
    let chunk = Chunk {
        text: line.as_bytes(),
        at: Position::START,
    };
    let params = Pack::embedded().parameters;
    let mut g = c.benchmark_group("record");
    g.throughput(Throughput::Bytes(line.len() as u64));
    g.bench_function("parse", |b| b.iter(|| parse(&chunk).map(|r| r.date)));
    let parsed = parse(&chunk).expect("a valid record");
    g.bench_function("record_rules", |b| {
        b.iter_batched_ref(
            Vec::new,
            |out| check_record(&parsed, &params, out),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("meeting_summary", |b| b.iter(|| Meeting::of(&parsed)));
    g.bench_function("all", |b| {
        b.iter(|| {
            let r = parse(&chunk).expect("valid");
            let mut out = Vec::new();
            check_record(&r, &params, &mut out);
            (Meeting::of(&r), out.len())
        })
    });
    g.finish();

    // One unit, 120 months.
    let config = kiemtra_gen::Config {
        units: 1,
        months: 120,
        violations: 0.05,
        malformed: 0.0,
        ..kiemtra_gen::Config::default()
    };
    let mut meetings = Vec::new();
    kiemtra_gen::generate(&config, |_, l| {
        let chunk = Chunk {
            text: l.text.as_bytes(),
            at: Position::START,
        };
        if let Ok(r) = parse(&chunk) {
            meetings.push(Meeting::of(&r));
        }
        Ok(())
    })
    .expect("generated");
    meetings.sort_by_key(|m| m.date);
    let period = Period {
        from: Month::of(meetings[0].date),
        to: Month::of(meetings[meetings.len() - 1].date),
    };
    let mut g = c.benchmark_group("unit");
    g.throughput(Throughput::Elements(meetings.len() as u64));
    g.bench_function("cross_record_rules_120_months", |b| {
        b.iter_batched_ref(
            Vec::new,
            |out| check_unit(&meetings, period, &params, out),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(benches, record);
criterion_main!(benches);
