//! The inspection report in Markdown: a serialiser of the report document (`page.rs`), in
//! plain form. The month picture is a grid of symbols in a code block. Text from records is
//! escaped so that it can neither break a table nor become markup.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;

use kiemtra_messages::m;
use kiemtra_rules::{Lang, Month};
use kiemtra_runner::MonthState;

use crate::page::{
    Block, Cell, Figure, MonthPicture, Page, Section, Sink, Span, Style, Table, Text,
};

/// Text as a table cell or paragraph: no line breaks or controls, and nothing that Markdown or HTML would
/// read as markup. `<` and `&` are escaped only where they could start a tag or an entity, so
/// that `70–<90 %` stays readable as plain text.
fn md(text: &str) -> String {
    // Controls, line breaks and bidirectional marks shown first (see kiemtra_input::escape).
    let text = kiemtra_input::escape::visible(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' if next.is_some_and(|n| n.is_alphabetic() || matches!(n, '/' | '!' | '?')) => {
                out.push_str("&lt;");
            }
            '&' if next.is_some_and(|n| n.is_alphanumeric() || n == '#') => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A code span for a field path or digest (these hold no backtick).
fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

/// Text with its runs marked up. `cell`: inside a table, where a hint stays on the line.
fn text(t: &Text, cell: bool) -> String {
    let mut out = String::new();
    for span in t {
        // Runs are parted by a space unless the text already has one.
        if !matches!(span, Span::Plain(_)) && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        match span {
            Span::Plain(s) => out.push_str(&md(s)),
            Span::Code(s) => out.push_str(&code(s)),
            Span::Hint(s) if cell => {
                let _ = write!(out, "*{}*", md(s));
            }
            Span::Hint(s) => {
                let _ = write!(out, "  \n*{}*", md(s));
            }
            Span::Small(s) => {
                let _ = write!(
                    out,
                    "({})",
                    md(s.trim_start_matches('(').trim_end_matches(')'))
                );
            }
            Span::Link { text, .. } => out.push_str(&md(text)),
        }
    }
    out
}

fn cell(c: &Cell, lang: Lang) -> String {
    let mut s = match &c.value {
        crate::page::Value::Empty if !c.more.is_empty() => String::new(),
        v if c.style == Style::Digest => code(&v.show(lang)),
        v => md(&v.show(lang)),
    };
    let more = text(&c.more, true);
    if !more.is_empty() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&more);
    }
    s
}

fn table(out: &mut String, t: &Table, lang: Lang) {
    let header: Vec<String> = t.columns.iter().map(|c| md(&c.title)).collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let right: Vec<bool> = (0..t.columns.len())
        .map(|i| {
            !t.rows.is_empty()
                && t.rows
                    .iter()
                    .all(|r| r.cells.get(i).is_some_and(|c| c.value.is_number()))
        })
        .collect();
    let rule: Vec<&str> = right
        .iter()
        .map(|&r| if r { "---:" } else { "---" })
        .collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for r in &t.rows {
        let cells: Vec<String> = r
            .cells
            .iter()
            .map(|c| {
                let s = cell(c, lang);
                if r.total && !s.is_empty() {
                    format!("**{s}**")
                } else {
                    s
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// The month picture as symbols: a year line, then a line per unit.
fn months(out: &mut String, picture: &MonthPicture) {
    let (span, units, key) = (&picture.span, &picture.units, &picture.key);
    if picture.show_key {
        let _ = writeln!(
            out,
            "`●` {}, `◐` {}, `○` {}, `·` {}.\n",
            md(&key[0]),
            md(&key[1]),
            md(&key[2]),
            md(&key[3])
        );
    }
    let all: Vec<Month> = span.months().collect();
    let width = units
        .iter()
        .map(|(c, _)| c.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    out.push_str("```text\n");
    let _ = writeln!(out, "{}", picture.parent.replace('`', "'"));
    let mut years = format!("{:width$}  ", "");
    for (i, m) in all.iter().enumerate() {
        if i > 0 && m.month == 1 {
            years.push(' ');
        }
        if i == 0 || m.month == 1 {
            let y = m.year.to_string();
            years.push_str(&y);
            let left = (13 - m.month as usize).min(all.len() - i);
            years.push_str(&" ".repeat(left.saturating_sub(y.len())));
        }
    }
    let _ = writeln!(out, "{}", years.trim_end());
    for (code, states) in units {
        let states: BTreeMap<Month, MonthState> = states.iter().copied().collect();
        let mut line = format!("{:width$}  ", code.replace('`', "'"));
        for (i, m) in all.iter().enumerate() {
            if i > 0 && m.month == 1 {
                line.push(' ');
            }
            line.push(match states.get(m) {
                Some(MonthState::Compliant) => '●',
                Some(MonthState::Failing) => '◐',
                Some(MonthState::Missing) => '○',
                None => '·',
            });
        }
        let _ = writeln!(out, "{line}");
    }
    out.push_str("```\n\n");
}

fn section(out: &mut Sink<'_>, s: &Section, depth: usize, lang: Lang) {
    let _ = writeln!(out, "{} {}\n", "#".repeat(depth + 1), md(&s.title));
    for b in &s.blocks {
        block(out, b, depth, lang);
        out.pass_on();
    }
}

fn block(out: &mut Sink<'_>, b: &Block, depth: usize, lang: Lang) {
    match b {
        Block::Section(s) => section(out, s, depth + 1, lang),
        Block::Paragraph(t) => {
            let _ = writeln!(out, "{}\n", text(t, false));
        }
        Block::Fields(fields) => {
            for (label, t) in fields {
                let _ = writeln!(out, "- **{}**: {}", md(label), text(t, false));
            }
            out.push('\n');
        }
        Block::List { numbered, items } => {
            for (i, t) in items.iter().enumerate() {
                if *numbered {
                    let _ = writeln!(out, "{}. {}", i + 1, text(t, false));
                } else {
                    let _ = writeln!(out, "- {}", text(t, false));
                }
            }
            out.push('\n');
        }
        Block::Table(t) => table(out, t, lang),
        Block::Findings { unit } => {
            if let Some(t) = (out.findings)(unit) {
                table(out, &t, lang);
            }
        }
        Block::Figure(Figure::Months(p)) => months(out, p),
        // The bars say what the table above them says.
        Block::Figure(Figure::RuleBars { .. }) => {}
    }
}

/// Writes the report document.
pub(crate) fn write(page: &Page, mut s: Sink<'_>) -> io::Result<()> {
    let lang = page.head.lang;
    let h = &page.head;
    // The inspecting body on its lines (the committee above, the body itself in bold).
    let body: Vec<String> = if h.body.is_empty() {
        vec!["……………………………".to_owned()]
    } else {
        h.body
            .iter()
            .map(|(l, bold)| {
                if *bold {
                    format!("**{}**", md(l))
                } else {
                    md(l)
                }
            })
            .collect()
    };
    let _ = writeln!(s, "{}  \n\\*  \n{}\n", body.join("  \n"), md(&h.number));
    let _ = writeln!(
        s,
        "**{}**  \n*{}*\n",
        m::report::head::PARTY.get(lang),
        md(&h.date_line)
    );
    let _ = writeln!(s, "# {}\n\n**{}**\n", md(&h.title), md(&h.subtitle));
    for sec in &page.sections {
        section(&mut s, sec, 1, lang);
    }
    let sig = &page.signature;
    let mut who: Vec<String> = sig.lines.iter().map(|l| format!("**{}**", md(l))).collect();
    who.push(format!("*{}*", md(&sig.note)));
    if let Some(name) = &sig.name {
        who.push(String::new());
        who.push(format!("**{}**", md(name)));
    }
    let _ = writeln!(
        s,
        "**{}**  \n{}\n\n{}\n",
        md(&sig.recipients_label),
        sig.recipients
            .iter()
            .map(|r| md(r))
            .collect::<Vec<_>>()
            .join("  \n"),
        who.join("  \n")
    );
    for sec in &page.appendices {
        section(&mut s, sec, 1, lang);
    }
    // The end trimmed (the last unit's part is always still in the buffer: the signature and
    // appendices follow it).
    let end = s.trim_end().len();
    s.truncate(end);
    s.push('\n');
    s.finish()
}
