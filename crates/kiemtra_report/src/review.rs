//! The text report's parts about waivers and re-inspection: tags on findings, the findings
//! resolved since the baseline, the waived findings, waivers that expired or were not used.

use std::io::{self, Write};

use kiemtra_messages::{m, m::report::review as w, Say};
use kiemtra_rules::Lang;
use kiemtra_runner::{Change, Finding, NotRechecked, Outcome, PastFinding, WaiverState};

use kiemtra_input::escape::Shown;

use crate::styles::Styles;

/// `[mới] ` / `[còn] ` before a finding's message, against a baseline.
pub(crate) fn change_tag(f: &Finding, lang: Lang, st: Styles) -> String {
    let Styles { dim, new, .. } = st;
    match f.change {
        Some(Change::New) => format!("{new}[{}]{new:#} ", w::NEW.get(lang)),
        Some(Change::Open) => format!("{dim}[{}]{dim:#} ", w::OPEN.get(lang)),
        None => String::new(),
    }
}

/// Under a finding: the waiver that covers it, or that would have and expired.
pub(crate) fn waiver_line(
    f: &Finding,
    outcome: &Outcome,
    lang: Lang,
    st: Styles,
    out: &mut dyn Write,
) -> io::Result<()> {
    let dim = st.dim;
    let Some(u) = outcome.waiver_of(f) else {
        return Ok(());
    };
    let wv = &u.waiver;
    let until = kiemtra_messages::date(lang, wv.expires);
    if u.state == WaiverState::Expired {
        let red = st.error;
        let expired = w::WaiverExpired {
            id: &Shown(&wv.id),
            date: &until,
        };
        writeln!(
            out,
            "      {red}{}{red:#} ({})",
            expired.in_lang(lang),
            Shown(&wv.origin.to_string())
        )
    } else {
        let approved = m::report::cell::Approved {
            justification: &Shown(&wv.justification),
            approved_by: &Shown(&wv.approved_by),
            until: &until,
        };
        writeln!(
            out,
            "      {dim}{}{dim:#} {}",
            w::Waiver { id: &Shown(&wv.id) }.in_lang(lang),
            approved.in_lang(lang)
        )
    }
}

/// Where a finding of the baseline was: its file and line, or its unit's month.
pub(crate) fn past_place(p: &PastFinding, lang: Lang) -> String {
    match (&p.file, p.line, p.month) {
        (Some(file), Some(line), _) => format!("{}:{line}", Shown(file)),
        (_, _, Some(m)) => unit_month(m, lang),
        _ => String::new(),
    }
}

/// A finding about a unit's whole month: `(chi bộ, tháng 03/2017)`.
pub(crate) fn unit_month(month: kiemtra_rules::Month, lang: Lang) -> String {
    m::report::text::UnitMonth {
        month: &kiemtra_messages::month(lang, month.year, month.month),
    }
    .say(lang)
}

/// A finding of the baseline that is gone, under its unit.
pub(crate) fn resolved(
    p: &PastFinding,
    lang: Lang,
    st: Styles,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Styles { dim, good, .. } = st;
    writeln!(
        out,
        "  {good}✓{good:#} {}  {}  {good}[{}]{good:#}  {dim}{}{dim:#}",
        past_place(p, lang),
        Shown(&p.key.rule),
        w::RESOLVED.get(lang),
        Shown(&p.message)
    )
}

fn why(n: NotRechecked, lang: Lang) -> &'static str {
    match n {
        NotRechecked::RuleOff => w::RULE_OFF,
        NotRechecked::UnitAbsent => w::UNIT_ABSENT,
        NotRechecked::RecordAbsent => w::RECORD_ABSENT,
        NotRechecked::OutsidePeriod => w::OUTSIDE_PERIOD,
        NotRechecked::PackChanged => w::PACK_CHANGED,
    }
    .get(lang)
}

/// A finding written as the text report writes it under its unit.
pub(crate) type WriteFinding<'a> = &'a dyn Fn(&Finding, &mut Vec<u8>) -> io::Result<()>;

/// After the units: waived findings (each written by `finding`), waivers expired or unused,
/// baseline findings not re-checked.
pub(crate) fn sections(
    outcome: &Outcome,
    lang: Lang,
    st: Styles,
    finding: WriteFinding<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Styles { dim, bold, .. } = st;
    if !outcome.waived.is_empty() {
        writeln!(out, "{bold}{}{bold:#}", w::WAIVED_HEADING.get(lang))?;
        for f in &outcome.waived {
            write!(out, "  {}  ", Shown(outcome.unit_of(f)))?;
            let mut line = Vec::new();
            finding(f, &mut line)?;
            out.write_all(trim_indent(&line))?;
        }
        writeln!(out)?;
    }
    let expired: Vec<_> = outcome
        .waivers
        .iter()
        .filter(|u| u.state == WaiverState::Expired)
        .collect();
    if !expired.is_empty() {
        writeln!(out, "{bold}{}{bold:#}", w::EXPIRED_HEADING.get(lang))?;
        for u in expired {
            let wv = &u.waiver;
            let expired = w::Expired {
                count: u.matched as u64,
                date: &kiemtra_messages::date(lang, wv.expires),
            };
            writeln!(
                out,
                "  {}  {}  {}..{}  {}  ({})",
                Shown(&wv.id),
                wv.rule,
                wv.from,
                wv.to,
                expired.in_lang(lang),
                Shown(&wv.origin.to_string())
            )?;
        }
        writeln!(out)?;
    }
    let unused: Vec<_> = outcome
        .waivers
        .iter()
        .filter(|u| u.state == WaiverState::Unused)
        .collect();
    if !unused.is_empty() {
        writeln!(out, "{bold}{}{bold:#}", w::UNUSED_HEADING.get(lang))?;
        for u in unused {
            let wv = &u.waiver;
            let scope = match &wv.scope {
                kiemtra_runner::WaiverScope::Unit(c) => c.clone(),
                kiemtra_runner::WaiverScope::Parent(p) => p.clone(),
            };
            writeln!(
                out,
                "  {}  {}  {}  {}..{}  ({})",
                Shown(&wv.id),
                wv.rule,
                Shown(&scope),
                wv.from,
                wv.to,
                Shown(&wv.origin.to_string())
            )?;
        }
        writeln!(out)?;
    }
    if let Some(b) = &outcome.baseline {
        if !b.not_rechecked.is_empty() {
            writeln!(out, "{bold}{}{bold:#}", w::NOT_RECHECKED_HEADING.get(lang))?;
            for (p, n) in &b.not_rechecked {
                writeln!(
                    out,
                    "  {}  {}  {}  {dim}{}{dim:#}  ({})",
                    Shown(&p.key.unit),
                    past_place(p, lang),
                    Shown(&p.key.rule),
                    Shown(&p.message),
                    why(*n, lang)
                )?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// A finding rendered for a unit list, without its leading indent.
fn trim_indent(line: &[u8]) -> &[u8] {
    let start = line.iter().position(|&b| b != b' ').unwrap_or(0);
    line.get(start..).unwrap_or(line)
}

/// Lines after the summary: the comparison with the baseline, and the day expiry was judged.
pub(crate) fn summary(outcome: &Outcome, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    if let Some(b) = &outcome.baseline {
        let line = w::Baseline {
            file: &Shown(&b.file),
            new: &b.new,
            open: &b.open,
            resolved: &b.resolved.len(),
            not_rechecked: &b.not_rechecked.len(),
        };
        writeln!(out, "{}", line.in_lang(lang))?;
    }
    if let (Some(a), false) = (outcome.as_of, outcome.waivers.is_empty()) {
        let source = if a.given {
            w::AS_OF_GIVEN
        } else {
            w::AS_OF_LATEST
        };
        let line = w::AsOf {
            date: &kiemtra_messages::date(lang, a.date),
            source: &source.get(lang),
        };
        writeln!(out, "{}", line.in_lang(lang))?;
    }
    Ok(())
}
