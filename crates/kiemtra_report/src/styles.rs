//! The text report's styles: ANSI for a terminal, none for a file.

use anstyle::{AnsiColor, Style};
use kiemtra_rules::Severity;

/// The text report's styles: ANSI for a terminal (where anstream strips them if it is not
/// one, or `NO_COLOR` is set), none at all for a file — nothing written to strip again.
#[derive(Clone, Copy, Debug)]
pub struct Styles {
    pub dim: Style,
    pub bold: Style,
    pub code: Style,
    pub new: Style,
    pub good: Style,
    pub error: Style,
    pub warning: Style,
    pub info: Style,
}

const fn colour(c: AnsiColor) -> Style {
    Style::new().bold().fg_color(Some(anstyle::Color::Ansi(c)))
}

impl Styles {
    pub const TERMINAL: Styles = Styles {
        dim: Style::new().dimmed(),
        bold: Style::new().bold(),
        code: colour(AnsiColor::Cyan),
        new: colour(AnsiColor::Magenta),
        good: colour(AnsiColor::Green),
        error: colour(AnsiColor::Red),
        warning: colour(AnsiColor::Yellow),
        info: colour(AnsiColor::Blue),
    };

    pub const PLAIN: Styles = Styles {
        dim: Style::new(),
        bold: Style::new(),
        code: Style::new(),
        new: Style::new(),
        good: Style::new(),
        error: Style::new(),
        warning: Style::new(),
        info: Style::new(),
    };

    pub fn severity(&self, s: Severity) -> Style {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}
