//! The text report's parts about waivers and re-inspection: tags on findings, the findings
//! resolved since the baseline, the waived findings, waivers that expired or were not used.

use std::io::{self, Write};

use kiemtra_rules::Lang;
use kiemtra_runner::{Change, Finding, NotRechecked, Outcome, PastFinding, WaiverState};

use kiemtra_input::escape::Shown;

use crate::text::Styles;
use crate::Context;

/// `[mới] ` / `[còn] ` before a finding's message, against a baseline.
pub(crate) fn change_tag(f: &Finding, lang: Lang, st: Styles) -> String {
    let Styles { dim, new, .. } = st;
    match f.change {
        Some(Change::New) => format!("{new}[{}]{new:#} ", lang.pick("mới", "new")),
        Some(Change::Open) => format!("{dim}[{}]{dim:#} ", lang.pick("còn", "open")),
        None => String::new(),
    }
}

fn day(date: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => date.format("%d/%m/%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
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
    let w = &u.waiver;
    if u.state == WaiverState::Expired {
        let red = st.error;
        match lang {
            Lang::Vi => writeln!(
                out,
                "      {red}↳ miễn trừ {} đã hết hạn ngày {}{red:#} ({})",
                Shown(&w.id),
                day(w.expires, lang),
                Shown(&w.origin.to_string())
            ),
            Lang::En => writeln!(
                out,
                "      {red}↳ waiver {} expired on {}{red:#} ({})",
                Shown(&w.id),
                day(w.expires, lang),
                Shown(&w.origin.to_string())
            ),
        }
    } else {
        match lang {
            Lang::Vi => writeln!(
                out,
                "      {dim}↳ miễn trừ {}:{dim:#} {} — {} duyệt, hiệu lực đến {}",
                Shown(&w.id),
                Shown(&w.justification),
                Shown(&w.approved_by),
                day(w.expires, lang)
            ),
            Lang::En => writeln!(
                out,
                "      {dim}↳ waiver {}:{dim:#} {} — approved by {}, until {}",
                Shown(&w.id),
                Shown(&w.justification),
                Shown(&w.approved_by),
                day(w.expires, lang)
            ),
        }
    }
}

fn past_place(p: &PastFinding, lang: Lang) -> String {
    match (&p.file, p.line, p.month) {
        (Some(file), Some(line), _) => format!("{}:{line}", Shown(file)),
        (_, _, Some(m)) => match lang {
            Lang::Vi => format!("(chi bộ, tháng {:02}/{})", m.month, m.year),
            Lang::En => format!("(unit, {m})"),
        },
        _ => String::new(),
    }
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
        lang.pick("đã khắc phục", "resolved"),
        Shown(&p.message)
    )
}

fn why(n: NotRechecked, lang: Lang) -> &'static str {
    match n {
        NotRechecked::RuleOff => lang.pick("quy tắc không chạy lần này", "rule not run this time"),
        NotRechecked::UnitAbsent => {
            lang.pick("không có bản ghi nào của chi bộ", "no record of the unit")
        }
        NotRechecked::RecordAbsent => lang.pick(
            "bản ghi không được xét lần này",
            "record not judged this time",
        ),
        NotRechecked::OutsidePeriod => lang.pick("ngoài kỳ kiểm tra", "outside the audited period"),
        NotRechecked::PackChanged => {
            lang.pick("bộ quy tắc hoặc tham số đã thay đổi", "pack changed")
        }
    }
}

/// After the units: waived findings, waivers expired or unused, baseline findings not
/// re-checked.
pub(crate) fn sections(
    outcome: &Outcome,
    ctx: &Context<'_>,
    st: Styles,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Styles { dim, bold, .. } = st;
    let lang = ctx.lang;
    if !outcome.waived.is_empty() {
        writeln!(
            out,
            "{bold}{}{bold:#}",
            lang.pick(
                "Phát hiện được miễn trừ (không tính là vi phạm):",
                "Waived findings (not counted as failures):"
            )
        )?;
        for f in &outcome.waived {
            write!(out, "  {}  ", Shown(outcome.unit_of(f)))?;
            let mut line = Vec::new();
            crate::text::finding(f, outcome, ctx, st, &mut line)?;
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
        writeln!(
            out,
            "{bold}{}{bold:#}",
            lang.pick(
                "Miễn trừ đã hết hạn (không còn áp dụng):",
                "Expired waivers (no longer applied):"
            )
        )?;
        for u in expired {
            let w = &u.waiver;
            match lang {
                Lang::Vi => writeln!(
                    out,
                    "  {}  {}  {}..{}  hết hạn {}; {} phát hiện không còn được miễn  ({})",
                    Shown(&w.id),
                    w.rule,
                    w.from,
                    w.to,
                    day(w.expires, lang),
                    u.matched,
                    Shown(&w.origin.to_string())
                )?,
                Lang::En => writeln!(
                    out,
                    "  {}  {}  {}..{}  expired {}; {} no longer waived  ({})",
                    Shown(&w.id),
                    w.rule,
                    w.from,
                    w.to,
                    day(w.expires, lang),
                    crate::verdict::count(u.matched, "finding", "findings"),
                    Shown(&w.origin.to_string())
                )?,
            }
        }
        writeln!(out)?;
    }
    let unused: Vec<_> = outcome
        .waivers
        .iter()
        .filter(|u| u.state == WaiverState::Unused)
        .collect();
    if !unused.is_empty() {
        writeln!(
            out,
            "{bold}{}{bold:#}",
            lang.pick(
                "Miễn trừ không khớp phát hiện nào (có thể bỏ):",
                "Unused waivers (matched no finding; may be removed):"
            )
        )?;
        for u in unused {
            let w = &u.waiver;
            let scope = match &w.scope {
                kiemtra_runner::WaiverScope::Unit(c) => c.clone(),
                kiemtra_runner::WaiverScope::Parent(p) => p.clone(),
            };
            writeln!(
                out,
                "  {}  {}  {}  {}..{}  ({})",
                Shown(&w.id),
                w.rule,
                Shown(&scope),
                w.from,
                w.to,
                Shown(&w.origin.to_string())
            )?;
        }
        writeln!(out)?;
    }
    if let Some(b) = &outcome.baseline {
        if !b.not_rechecked.is_empty() {
            writeln!(
                out,
                "{bold}{}{bold:#}",
                lang.pick(
                    "Phát hiện lần trước không được kiểm tra lại (chưa thể coi là đã khắc phục):",
                    "Previous findings not re-checked (cannot be called resolved):"
                )
            )?;
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
        match lang {
            Lang::Vi => writeln!(
                out,
                "So với lần kiểm tra trước ({}): {} mới, {} còn tồn tại, {} đã khắc phục, {} không kiểm tra lại.",
                Shown(&b.file),
                b.new,
                b.open,
                b.resolved.len(),
                b.not_rechecked.len()
            )?,
            Lang::En => writeln!(
                out,
                "Against the previous inspection ({}): {} new, {} still open, {} resolved, {} not re-checked.",
                Shown(&b.file),
                b.new,
                b.open,
                b.resolved.len(),
                b.not_rechecked.len()
            )?,
        }
    }
    if let (Some(a), false) = (outcome.as_of, outcome.waivers.is_empty()) {
        let source = if a.given {
            lang.pick("theo --as-of", "from --as-of")
        } else {
            lang.pick(
                "ngày họp muộn nhất trong dữ liệu",
                "the latest meeting date in the input",
            )
        };
        match lang {
            Lang::Vi => writeln!(
                out,
                "Hạn miễn trừ xét theo ngày {} ({source}).",
                day(a.date, lang)
            )?,
            Lang::En => writeln!(
                out,
                "Waiver expiry judged as of {} ({source}).",
                day(a.date, lang)
            )?,
        }
    }
    Ok(())
}
