//! Renderers: each output format is a small function of an [`Outcome`]. Nothing here judges a
//! record; wording in the reader's language is chosen here. The printed report (Markdown,
//! HTML) is one document built once (`compose.rs`, `page.rs`) and written by each format. The roll-ups every summary shows
//! (per parent committee, per unit, per rule, the rating) are computed once, in [`rollup`].

mod assess;
mod compose;
pub mod csv;
mod document;
mod docx;
pub mod html;
pub mod json;
pub mod md;
mod ordered;
mod page;
pub mod place;
mod review;
pub mod rollup;
mod scope;
pub mod split;
mod styles;
mod tables;
pub mod text;
pub mod verdict;
pub mod xlsx;

use std::io::{self, Write};
use std::path::Path;

use kiemtra_messages::m;
use kiemtra_rules::Lang;
use kiemtra_runner::{Finding, Outcome, Policy, UnitSummary};

pub use document::Document;
pub use scope::{ParameterChange, RuleOff, SeverityChange, Tailoring, WaiversFile};

/// The report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Linter-style lines for the terminal.
    Text,
    /// The whole result, for other programs.
    Json,
    /// The findings table, for spreadsheets.
    Csv,
    /// The inspection report in Markdown.
    Md,
    /// The inspection report as one self-contained HTML file, printable on A4.
    Html,
    /// The inspector's workbook: summary, units, findings, rejected, waived.
    Xlsx,
    /// The filed report as a Word document, laid out as a party document.
    Docx,
}

impl Format {
    /// The format a file name's extension names.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "md" | "markdown" => Format::Md,
            "html" | "htm" => Format::Html,
            "xlsx" => Format::Xlsx,
            "docx" => Format::Docx,
            _ => return None,
        })
    }

    /// The extensions [`Format::of_path`] knows, for messages.
    pub const EXTENSIONS: &'static [&'static str] = &[
        "txt", "text", "json", "csv", "md", "markdown", "html", "htm", "xlsx", "docx",
    ];

    /// Whether the format is the printed report, which a run can split per committee.
    pub fn is_report(self) -> bool {
        matches!(
            self,
            Format::Md | Format::Html | Format::Xlsx | Format::Docx
        )
    }
}

/// Writes `outcome` in `format`.
pub fn render(
    format: Format,
    outcome: &Outcome,
    ctx: &Context<'_>,
    doc: &Document<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => {
            let styles = if doc.plain_text {
                text::Styles::PLAIN
            } else {
                text::Styles::TERMINAL
            };
            text::render_with(outcome, ctx, styles, out)
        }
        Format::Json => json::render_with(outcome, ctx, doc, out),
        Format::Csv => csv::render_with(outcome, ctx, doc.csv_delimiter.unwrap_or(b','), out),
        Format::Md | Format::Html => {
            let page = page(outcome, ctx, doc);
            let tables = compose::FindingTables::new(outcome, ctx);
            let findings = |unit: &str| tables.of(unit);
            let sink = page::Sink::new(out, &findings);
            if format == Format::Md {
                md::write(&page, sink)
            } else {
                html::write(&page, sink)
            }
        }
        Format::Xlsx => xlsx::render(outcome, ctx, doc, out),
        Format::Docx => {
            let page = page(outcome, ctx, doc);
            let tables = compose::FindingTables::new(outcome, ctx);
            let findings = |unit: &str| tables.of(unit);
            docx::write(&page, &findings, out)
        }
    }
}

/// The printed report, built once for the format that writes it.
fn page(outcome: &Outcome, ctx: &Context<'_>, doc: &Document<'_>) -> page::Page {
    compose::page(outcome, ctx, doc, &ctx.rollup(outcome))
}

/// The summary of a unit by its code (units are in code order).
pub fn unit<'o>(outcome: &'o Outcome, code: &str) -> Option<&'o UnitSummary> {
    outcome
        .units
        .binary_search_by(|u| u.code.as_str().cmp(code))
        .ok()
        .and_then(|i| outcome.units.get(i))
}

/// What every renderer needs besides the outcome.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub lang: Lang,
    pub policy: &'a Policy,
}

impl Context<'_> {
    /// The roll-ups of an outcome, rated with the pack's thresholds.
    pub fn rollup<'o>(&self, outcome: &'o Outcome) -> rollup::Rollup<'o> {
        rollup::rollup(outcome, &self.policy.parameters().rating)
    }

    pub fn message(&self, outcome: &Outcome, f: &Finding) -> String {
        kiemtra_rules::rules::message_of(f.rule, outcome.pointer_of(f), &f.detail, self.lang)
    }

    pub fn hint(&self, f: &Finding) -> String {
        kiemtra_rules::docs::doc(f.rule(), self.lang).hint(self.policy.parameters())
    }

    /// The clauses a finding cites, as one string: `§III.1 bước 3, §III.2`.
    pub fn cites(&self, f: &Finding) -> String {
        self.rule_cites(f.rule())
    }

    /// The clauses a rule cites, as one string, in the reader's language.
    pub fn rule_cites(&self, rule: kiemtra_rules::Rule) -> String {
        let cites = self.policy.cites(rule);
        let joined = cites.join(", ");
        // The pack cites its clauses in the guidance's words; each word worded in the reader's.
        [m::report::cite::STEP, m::report::cite::NOTE]
            .iter()
            .fold(joined, |text, word| {
                text.replace(word.get(Lang::Vi), word.get(self.lang))
            })
    }
}

/// A JSON pointer as a secretary reads it: `/session/assignments/0/due` →
/// `session.assignments[0].due`.
pub fn dotted(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for part in pointer.split('/').filter(|p| !p.is_empty()) {
        if part.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(part);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// The printed report handed on a unit at a time is the report written whole.
    #[test]
    fn a_report_written_in_parts_is_the_report_written_whole() {
        use kiemtra_rules::{Lang, Pack};
        use kiemtra_runner::{Limits, Options, Policy};
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let bytes = std::fs::read(root.join("fixtures/batch/ma-lam.jsonl")).unwrap();
        let policy = Policy::new(Pack::embedded());
        let files = [("ma-lam.jsonl", kiemtra_input::Format::JsonLines, &bytes[..])];
        let outcome =
            kiemtra_runner::run_bytes(&files, &Options::new(policy.clone()), &Limits::DEFAULT);
        assert!(outcome.findings.len() > 10);
        for lang in [Lang::Vi, Lang::En] {
            let ctx = super::Context {
                lang,
                policy: &policy,
            };
            let page = super::page(&outcome, &ctx, &super::Document::default());
            let tables = super::compose::FindingTables::new(&outcome, &ctx);
            let findings = |unit: &str| tables.of(unit);
            for md in [true, false] {
                let write = |part: usize| {
                    let mut out = Vec::new();
                    let mut sink = super::page::Sink::new(&mut out, &findings);
                    sink.part = part;
                    if md {
                        super::md::write(&page, sink).unwrap();
                    } else {
                        super::html::write(&page, sink).unwrap();
                    }
                    String::from_utf8(out).unwrap()
                };
                let whole = write(usize::MAX);
                assert_eq!(write(1), whole);
                assert!(whole.contains("CD"), "{whole}");
            }
            // The same parts, whatever the size of the pieces the body is handed on in (the
            // compressed bytes depend on those pieces, which depend only on the report).
            let docx = |part: usize| {
                let mut out = Vec::new();
                super::docx::write_in_parts(&page, &findings, &mut out, Some(part)).unwrap();
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out)).unwrap();
                (0..zip.len())
                    .map(|i| {
                        let mut entry = zip.by_index(i).unwrap();
                        let mut text = String::new();
                        std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
                        (entry.name().to_owned(), text)
                    })
                    .collect::<Vec<_>>()
            };
            let whole = docx(usize::MAX);
            assert!(whole
                .iter()
                .any(|(name, text)| name == "word/document.xml" && text.contains("CD")));
            assert!(docx(1) == whole, "the Word report written in parts");
        }
    }

    #[test]
    fn dotted_paths() {
        assert_eq!(
            super::dotted("/session/assignments/0/due"),
            "session.assignments[0].due"
        );
        assert_eq!(super::dotted("/date"), "date");
    }
}
