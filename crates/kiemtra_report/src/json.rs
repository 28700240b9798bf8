//! The JSON format: the whole result, for other programs. The field names listed in
//! the report format are a contract; the rest may grow.

use std::io::{self, Write};

use kiemtra_rules::Severity;
use kiemtra_runner::{Outcome, PastFinding, WaiverScope, WaiverUse};
use serde::Serialize;

use crate::rollup::Rating;
use crate::{Context, Document};

/// A pretty-printed JSON object written a field at a time, byte for byte as serde_json prints
/// a whole one: so that the findings, the bulk of a report, can be worded in parallel.
struct Object<'w> {
    out: &'w mut dyn Write,
    fields: usize,
}

impl<'w> Object<'w> {
    fn begin(out: &'w mut dyn Write) -> io::Result<Object<'w>> {
        out.write_all(b"{")?;
        Ok(Object { out, fields: 0 })
    }

    fn key(&mut self, key: &str) -> io::Result<()> {
        let comma = if self.fields == 0 { "" } else { "," };
        self.fields += 1;
        write!(self.out, "{comma}\n  \"{key}\": ")
    }

    /// A field whose value is written as serde_json writes it, one level down.
    fn field(&mut self, key: &str, value: &impl Serialize) -> io::Result<()> {
        self.key(key)?;
        pretty(value, 1, &mut *self.out)
    }

    /// An array of findings, each worded by `word` in parallel and written in order.
    fn findings<'f, T: Serialize>(
        &mut self,
        key: &str,
        findings: &'f [kiemtra_runner::Finding],
        word: impl Fn(&'f kiemtra_runner::Finding) -> T + Sync,
    ) -> io::Result<()> {
        self.key(key)?;
        if findings.is_empty() {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[")?;
        // 2,048 worded findings are ~2 MiB.
        crate::ordered::write_in_order(
            findings,
            2048,
            |f, first, buf| {
                buf.extend_from_slice(if first { b"\n    " } else { b",\n    " });
                pretty(&word(f), 2, buf)
            },
            &mut *self.out,
        )?;
        self.out.write_all(b"\n  ]")
    }

    fn end(self) -> io::Result<()> {
        self.out
            .write_all(if self.fields == 0 { b"}" } else { b"\n}" })
    }
}

/// `value` pretty-printed as it is `depth` levels down in the report; the data exactly, with C1
/// and bidirectional controls as `\uXXXX` escapes.
fn pretty(value: &impl Serialize, depth: usize, out: &mut dyn Write) -> io::Result<()> {
    let formatter = kiemtra_input::escape::JsonFormatter::pretty_at(depth);
    let mut ser = serde_json::Serializer::with_formatter(out, formatter);
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// Version of this JSON layout (what `--baseline` reads back).
pub const FORMAT_VERSION: u32 = kiemtra_runner::REPORT_FORMAT;

#[derive(Serialize)]
struct Totals {
    units: usize,
    months_expected: u32,
    months_held: u32,
    months_compliant: u32,
    compliance_rate: f64,
    rating: Option<&'static str>,
    units_by_rating: ByRating,
}

#[derive(Serialize)]
struct ByRating {
    good: usize,
    fair: usize,
    average: usize,
    poor: usize,
}

impl ByRating {
    fn of(n: [usize; 4]) -> ByRating {
        ByRating {
            good: n[0],
            fair: n[1],
            average: n[2],
            poor: n[3],
        }
    }
}

#[derive(Serialize)]
struct Parent<'a> {
    parent: Option<&'a str>,
    units: Vec<&'a str>,
    months_expected: u32,
    months_held: u32,
    months_compliant: u32,
    compliance_rate: f64,
    rating: Option<&'static str>,
    units_by_rating: ByRating,
    error: usize,
    warning: usize,
    info: usize,
}

#[derive(Serialize)]
struct RuleCount {
    rule: &'static str,
    name: &'static str,
    severity: Severity,
    findings: usize,
    units: usize,
}

#[derive(Serialize)]
struct Inputs<'a> {
    digest: &'a str,
    files: Vec<InputFile<'a>>,
}

#[derive(Serialize)]
struct InputFile<'a> {
    file: &'a str,
    bytes: u64,
    sha256: &'a str,
}

#[derive(Serialize)]
struct AsOf {
    date: String,
    /// `given` (--as-of) or `latest-meeting`.
    source: &'static str,
}

#[derive(Serialize)]
struct Waiver<'a> {
    id: &'a str,
    rule: &'a str,
    unit: Option<&'a str>,
    parent: Option<&'a str>,
    from: String,
    to: String,
    justification: &'a str,
    approved_by: &'a str,
    expires: String,
    origin: &'a str,
    /// `applied`, `expired` or `unused`.
    state: &'static str,
    /// Findings it covers (applied) or would have covered (expired).
    matched: usize,
}

/// The waiver of a finding: in force (in `waived[]`) or expired (in `findings[]`).
#[derive(Serialize)]
struct FindingWaiver<'a> {
    id: &'a str,
    state: &'static str,
    justification: &'a str,
    approved_by: &'a str,
    expires: String,
}

#[derive(Serialize)]
struct Baseline<'a> {
    file: &'a str,
    new: usize,
    open: usize,
    resolved: Vec<Past<'a>>,
    not_rechecked: Vec<Past<'a>>,
}

#[derive(Serialize)]
struct Past<'a> {
    rule: &'a str,
    unit: &'a str,
    record: Option<&'a str>,
    month: Option<String>,
    pointer: Option<&'a str>,
    fingerprint: String,
    severity: Option<Severity>,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<u32>,
    waived: bool,
    /// Why it was not re-checked (`not_rechecked[]` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
}

#[derive(Serialize)]
struct Tool {
    version: &'static str,
    format: u32,
    lang: kiemtra_rules::Lang,
}

#[derive(Serialize)]
struct Pack<'a> {
    id: &'a str,
    version: &'a str,
    /// The rule catalogue the pack encodes (`1.1`).
    catalogue: &'a str,
    title: &'a str,
    issuer: &'a str,
    source: Option<&'a str>,
    date: String,
    effective: String,
    /// The first month the pack judges.
    first_month: String,
    min_minutes: u32,
    max_topic_months: u32,
}

#[derive(Serialize)]
struct Period {
    /// As asked (`--from`, `--to`).
    from: Option<String>,
    to: Option<String>,
    /// As audited: from the first to the last month of any unit's audited period.
    audited_from: Option<String>,
    audited_to: Option<String>,
    /// Why the audited period starts later than asked, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    records: usize,
    checked: usize,
    rejected: usize,
    outside_period: usize,
    before_effective: usize,
    units: usize,
    findings: usize,
    error: usize,
    warning: usize,
    info: usize,
    waived: usize,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'static str,
    name: &'static str,
    severity: Severity,
    unit: &'a str,
    record: Option<std::borrow::Cow<'a, str>>,
    month: String,
    date: Option<String>,
    file: Option<&'a str>,
    line: Option<u32>,
    /// For a CSV file or a worksheet: the column of the field at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
    /// For Word minutes: the field's paragraph and label, or the label not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    word: Option<Word>,
    pointer: Option<&'a str>,
    message: String,
    /// A value written but unreadable (catalogue v1.1): not a proven breach, at most a warning.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    unverifiable: bool,
    cites: &'a [String],
    hint: String,
    /// Stable across inspections: rule, unit, record id (or month) and pointer.
    fingerprint: String,
    /// `new` or `open` against the baseline; absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'static str>,
    waiver: Option<FindingWaiver<'a>>,
}

#[derive(Serialize)]
struct Rejected<'a> {
    file: &'a str,
    line: u32,
    column: u32,
    reason: String,
}

#[derive(Serialize)]
struct FileError<'a> {
    file: &'a str,
    reason: String,
}

#[derive(Serialize)]
struct UnknownColumn<'a> {
    file: &'a str,
    column: u32,
    /// Excel's letter for the column.
    letter: String,
    header: &'a str,
    /// The closest label kiemtra knows, if one is close.
    closest: Option<&'static str>,
}

#[derive(Serialize)]
struct Unit<'a> {
    unit: &'a str,
    name: Option<&'a str>,
    parent: Option<&'a str>,
    from: String,
    to: String,
    meetings: usize,
    months_expected: u32,
    months_held: u32,
    months_compliant: u32,
    compliance_rate: f64,
    rating: Option<&'static str>,
    error: usize,
    warning: usize,
    info: usize,
    waived: usize,
    /// Against the baseline: findings new, still open, resolved; absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    new: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    open: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved: Option<usize>,
    /// What could not be checked for the unit (catalogue v1.1).
    notes: Vec<Note>,
}

#[derive(Serialize)]
struct Note {
    code: &'static str,
    message: String,
}

fn past<'a>(p: &'a PastFinding, reason: Option<&'static str>) -> Past<'a> {
    Past {
        rule: &p.key.rule,
        unit: &p.key.unit,
        record: match &p.key.at {
            kiemtra_runner::FindingAt::Record(id) => Some(id),
            kiemtra_runner::FindingAt::Month(_) => None,
        },
        month: p.month.map(|m| m.to_string()),
        pointer: p.key.pointer.as_deref(),
        fingerprint: p.key.fingerprint(),
        severity: p.severity,
        message: &p.message,
        file: p.file.as_deref(),
        line: p.line,
        waived: p.waived,
        reason,
    }
}

fn waiver(u: &WaiverUse) -> Waiver<'_> {
    let w = &u.waiver;
    let (unit, parent) = match &w.scope {
        WaiverScope::Unit(c) => (Some(c.as_str()), None),
        WaiverScope::Parent(p) => (None, Some(p.as_str())),
    };
    Waiver {
        id: &w.id,
        rule: &w.rule,
        unit,
        parent,
        from: w.from.to_string(),
        to: w.to.to_string(),
        justification: &w.justification,
        approved_by: &w.approved_by,
        expires: w.expires.to_string(),
        origin: &w.origin,
        state: u.state.code(),
        matched: u.matched,
    }
}

/// Where a finding is in Word minutes.
#[derive(Serialize)]
struct Word {
    /// The paragraph ("đoạn N") of the field.
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<u32>,
    /// The field's label as the document writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    /// The label looked for and not found in the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    missing: Option<&'static str>,
}

fn finding<'a>(
    f: &'a kiemtra_runner::Finding,
    outcome: &'a Outcome,
    ctx: &'a Context<'_>,
) -> Finding<'a> {
    Finding {
        rule: f.rule().code(),
        name: f.rule().name(),
        severity: f.severity,
        unit: outcome.unit_of(f),
        record: outcome.record_of(f),
        month: f.month.to_string(),
        date: f.date.map(|d| d.to_string()),
        file: outcome.file_of(f),
        line: f.line.map(std::num::NonZeroU32::get),
        column: outcome.column(f),
        word: outcome.word_place(f).map(|p| match p {
            kiemtra_runner::WordPlace::Found { paragraph, label } => Word {
                paragraph: Some(paragraph),
                label: (!label.is_empty()).then_some(label),
                missing: None,
            },
            kiemtra_runner::WordPlace::Missing { label } => Word {
                paragraph: None,
                label: None,
                missing: Some(label),
            },
        }),
        pointer: outcome.pointer_of(f),
        message: ctx.message(outcome, f),
        unverifiable: f.unverifiable(),
        cites: ctx.policy.cites(f.rule()),
        hint: ctx.hint(f),
        fingerprint: outcome.fingerprint(f),
        baseline: f.change.map(|c| c.code()),
        waiver: outcome.waiver_of(f).map(|u| FindingWaiver {
            id: &u.waiver.id,
            state: u.state.code(),
            justification: &u.waiver.justification,
            approved_by: &u.waiver.approved_by,
            expires: u.waiver.expires.to_string(),
        }),
    }
}

/// A rate as every format shows it: truncated to a tenth of a percent (0.899 for 224 of 249).
fn rate(r: f64) -> f64 {
    f64::from(crate::rollup::per_mille(r)) / 1000.0
}

/// Writes the whole result, the scope without where its settings were set.
pub fn render(outcome: &Outcome, ctx: &Context<'_>, out: &mut dyn Write) -> io::Result<()> {
    render_with(outcome, ctx, &Document::default(), out)
}

/// Writes the whole result, with what `document` says of the settings' origins.
pub fn render_with(
    outcome: &Outcome,
    ctx: &Context<'_>,
    document: &Document<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let pack = &ctx.policy.pack;
    let s = &outcome.summary;
    let rollup = ctx.rollup(outcome);
    let thresholds = &ctx.policy.parameters().rating;
    // Field by field, in the layout's order, as serde_json pretty-prints an object; the
    // findings are worded in parallel (see `ordered`).
    let mut top = Object::begin(out)?;
    top.field(
        "kiemtra",
        &Tool {
            version: env!("CARGO_PKG_VERSION"),
            format: FORMAT_VERSION,
            lang: ctx.lang,
        },
    )?;
    top.field(
        "pack",
        &Pack {
            id: &pack.pack.id,
            version: &pack.pack.version,
            catalogue: &pack.pack.catalogue,
            title: &pack.pack.title,
            issuer: &pack.pack.issuer,
            source: pack.pack.source.as_deref(),
            date: pack.pack.date.to_string(),
            effective: pack.pack.effective.to_string(),
            first_month: outcome.first_month.to_string(),
            min_minutes: pack.parameters.min_minutes,
            max_topic_months: pack.parameters.max_topic_months,
        },
    )?;
    top.field(
        "period",
        &Period {
            from: outcome.from.map(|m| m.to_string()),
            to: outcome.to.map(|m| m.to_string()),
            audited_from: rollup.span.map(|p| p.from.to_string()),
            audited_to: rollup.span.map(|p| p.to.to_string()),
            reason: outcome
                .asked_from
                .map(|asked| pack.period_reason(asked, ctx.lang)),
        },
    )?;
    top.field("scope", &crate::scope::json(ctx, document))?;
    // The day waivers' expiry was judged on.
    top.field(
        "as_of",
        &outcome.as_of.map(|a| AsOf {
            date: a.date.to_string(),
            source: if a.given { "given" } else { "latest-meeting" },
        }),
    )?;
    top.field(
        "summary",
        &Summary {
            files: s.files,
            records: s.records,
            checked: s.checked,
            rejected: s.rejected,
            outside_period: s.outside_period,
            before_effective: s.before_effective,
            units: s.units,
            findings: outcome.findings.len(),
            error: s.errors,
            warning: s.warnings,
            info: s.infos,
            waived: s.waived,
        },
    )?;
    top.findings("findings", &outcome.findings, |f| finding(f, outcome, ctx))?;
    // Findings covered by a waiver in force: not failing the run.
    top.findings("waived", &outcome.waived, |f| finding(f, outcome, ctx))?;
    // Every waiver, with what became of it.
    top.field(
        "waivers",
        &outcome.waivers.iter().map(waiver).collect::<Vec<_>>(),
    )?;
    // The comparison with a previous report (`--baseline`).
    top.field(
        "baseline",
        &outcome.baseline.as_ref().map(|b| Baseline {
            file: &b.file,
            new: b.new,
            open: b.open,
            resolved: b.resolved.iter().map(|p| past(p, None)).collect(),
            not_rechecked: b
                .not_rechecked
                .iter()
                .map(|(p, why)| past(p, Some(why.code())))
                .collect(),
        }),
    )?;
    top.field(
        "rejected",
        &outcome
            .rejected
            .iter()
            .map(|r| Rejected {
                file: &r.file,
                line: r.line,
                column: r.column,
                reason: r.reason.message(ctx.lang),
            })
            .collect::<Vec<_>>(),
    )?;
    top.field(
        "file_errors",
        &outcome
            .file_errors
            .iter()
            .map(|e| FileError {
                file: &e.file,
                reason: e.message(ctx.lang),
            })
            .collect::<Vec<_>>(),
    )?;
    // Columns of CSV files and worksheets kiemtra does not know: kept under their own name.
    top.field(
        "unknown_columns",
        &outcome
            .columns
            .iter()
            .flat_map(|(file, columns)| {
                columns.unknown.iter().map(move |u| UnknownColumn {
                    file,
                    column: u.column,
                    letter: kiemtra_input::table::column_letter(u.column),
                    header: &u.header,
                    closest: u.closest,
                })
            })
            .collect::<Vec<_>>(),
    )?;
    top.field(
        "units",
        &outcome
            .units
            .iter()
            .map(|u| {
                let counts = outcome
                    .baseline
                    .is_some()
                    .then(|| outcome.baseline_counts(&u.code));
                Unit {
                    unit: &u.code,
                    name: u.name.as_deref(),
                    parent: u.parent.as_deref(),
                    from: u.period.from.to_string(),
                    to: u.period.to.to_string(),
                    meetings: u.meetings,
                    months_expected: u.months_expected(),
                    months_held: u.months_held,
                    months_compliant: u.months_compliant,
                    compliance_rate: rate(u.compliance_rate()),
                    rating: Rating::of(u.months_compliant, u.months_expected(), thresholds)
                        .map(Rating::code),
                    error: u.errors,
                    warning: u.warnings,
                    info: u.infos,
                    waived: u.waived,
                    new: counts.map(|c| c.0),
                    open: counts.map(|c| c.1),
                    resolved: counts.map(|c| c.2),
                    notes: u
                        .notes
                        .iter()
                        .map(|n| Note {
                            code: n.code(),
                            message: n.message(ctx.lang),
                        })
                        .collect(),
                }
            })
            .collect::<Vec<_>>(),
    )?;
    // Roll-ups: all units, per parent committee, per rule.
    top.field(
        "totals",
        &Totals {
            units: rollup.total.units,
            months_expected: rollup.total.expected,
            months_held: rollup.total.held,
            months_compliant: rollup.total.compliant,
            compliance_rate: rate(rollup.total.rate()),
            rating: rollup.rating.map(Rating::code),
            units_by_rating: ByRating::of(rollup.by_rating),
        },
    )?;
    top.field(
        "parents",
        &rollup
            .parents
            .iter()
            .map(|p| Parent {
                parent: p.name,
                units: p.units.iter().map(|u| u.unit.code.as_str()).collect(),
                months_expected: p.counts.expected,
                months_held: p.counts.held,
                months_compliant: p.counts.compliant,
                compliance_rate: rate(p.counts.rate()),
                rating: p.rating.map(Rating::code),
                units_by_rating: ByRating::of(p.by_rating),
                error: p.counts.errors,
                warning: p.counts.warnings,
                info: p.counts.infos,
            })
            .collect::<Vec<_>>(),
    )?;
    top.field(
        "rules",
        &rollup
            .rules
            .iter()
            .map(|r| RuleCount {
                rule: r.rule.code(),
                name: r.rule.name(),
                severity: r.severity,
                findings: r.findings,
                units: r.units,
            })
            .collect::<Vec<_>>(),
    )?;
    // What was read: each file's SHA-256 and the digest over them.
    top.field(
        "inputs",
        &Inputs {
            digest: &outcome.inputs.digest,
            files: outcome
                .inputs
                .files
                .iter()
                .map(|f| InputFile {
                    file: &f.file,
                    bytes: f.bytes,
                    sha256: &f.sha256,
                })
                .collect(),
        },
    )?;
    top.end()?;
    writeln!(out)
}
