//! The JSON format: the whole result, for other programs. The field names listed in
//! the report format are a contract; the rest may grow.

use std::io::{self, Write};

use kiemtra_runner::{Outcome, PastFinding, WaiverScope, WaiverUse};

use crate::rollup::Rating;
use crate::{Context, Document};

mod layout;
mod object;

use layout::*;
use object::Object;

/// Version of this JSON layout (what `--baseline` reads back).
pub const FORMAT_VERSION: u32 = kiemtra_runner::REPORT_FORMAT;

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
        month: f.month().to_string(),
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
