//! Runs and paragraphs of the Word report: text escaped for XML, the look of a run, a
//! paragraph of one run, the runs of a text with its spans.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::page::{Span, Text};

/// Text for XML: controls and bidirectional marks shown (see [`kiemtra_input::escape`]), the
/// five XML characters escaped, and the two characters XML cannot hold replaced.
pub(super) fn esc(text: &str) -> Cow<'_, str> {
    let shown = kiemtra_input::escape::visible(text);
    if !shown
        .chars()
        .any(|c| matches!(c, '&' | '<' | '>' | '"' | '\u{fffe}' | '\u{ffff}'))
    {
        return shown;
    }
    let mut out = String::with_capacity(shown.len() + 16);
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A bookmark's name for a link target: Word takes letters, digits and `_`, at most 40.
pub(super) fn mark(target: &str) -> String {
    std::iter::once('k')
        .chain(
            target
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }),
        )
        .take(40)
        .collect()
}

/// Run properties.
#[derive(Clone, Copy, Default)]
pub(super) struct Look {
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) underline: bool,
    pub(super) mono: bool,
    /// Half-points; 0: the style's.
    pub(super) size: u32,
}

impl Look {
    pub(super) const PLAIN: Look = Look {
        bold: false,
        italic: false,
        underline: false,
        mono: false,
        size: 0,
    };
    pub(super) fn bold() -> Look {
        Look {
            bold: true,
            ..Look::PLAIN
        }
    }
    pub(super) fn italic() -> Look {
        Look {
            italic: true,
            ..Look::PLAIN
        }
    }
    pub(super) fn sized(mut self, size: u32) -> Look {
        self.size = size;
        self
    }
}

pub(super) fn run(out: &mut String, text: &str, look: Look) {
    out.push_str("<w:r>");
    if look.bold || look.italic || look.underline || look.mono || look.size > 0 {
        out.push_str("<w:rPr>");
        if look.mono {
            out.push_str(
                r#"<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>"#,
            );
        }
        if look.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if look.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        // In the order the schema gives (Word refuses another): size before underline.
        if look.size > 0 {
            let _ = write!(
                out,
                r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#,
                look.size
            );
        }
        if look.underline {
            out.push_str(r#"<w:u w:val="single"/>"#);
        }
        out.push_str("</w:rPr>");
    }
    let _ = write!(
        out,
        r#"<w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    );
}

/// A paragraph of one run; `ppr` its properties (without `<w:pPr>`).
pub(super) fn para(out: &mut String, ppr: &str, text: &str, look: Look) {
    out.push_str("<w:p>");
    if !ppr.is_empty() {
        let _ = write!(out, "<w:pPr>{ppr}</w:pPr>");
    }
    if !text.is_empty() {
        run(out, text, look);
    }
    out.push_str("</w:p>");
}

/// Runs of a text; `base` the look of plain runs.
pub(super) fn spans(out: &mut String, t: &Text, base: Look) {
    let mut first = true;
    for span in t {
        match span {
            Span::Plain(s) => run(out, s, base),
            Span::Code(s) => {
                if !first {
                    run(out, " ", base);
                }
                let look = Look {
                    mono: true,
                    size: 20,
                    ..base
                };
                run(out, s, look);
            }
            Span::Hint(s) => {
                if !first {
                    out.push_str("<w:r><w:br/></w:r>");
                }
                let look = Look {
                    italic: true,
                    size: 22,
                    ..base
                };
                run(out, s, look);
            }
            Span::Small(s) => {
                if !first {
                    out.push_str("<w:r><w:br/></w:r>");
                }
                run(out, s, base.sized(20));
            }
            Span::Link { text, target } => {
                let _ = write!(out, r#"<w:hyperlink w:anchor="{}">"#, mark(target));
                run(out, text, base);
                out.push_str("</w:hyperlink>");
            }
        }
        first = false;
    }
}
