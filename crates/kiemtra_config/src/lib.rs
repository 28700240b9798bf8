//! Configuration an inspector can trust.
//!
//! - [`file`]: `kiemtra.toml` — which rules, their severities, the pack's parameters, the
//!   failing level, the default language and format;
//! - [`waivers`]: findings accepted for a reason (TOML or CSV);
//! - [`effective`]: defaults, the pack, the file and the command line merged into the
//!   [`Settings`] of a run, each value with where it came from ([`Origin`]), and the
//!   [`kiemtra_runner::Policy`] built from them.
//!
//! Everything is read strictly: an unknown key, rule code or parameter is an error that names
//! it, where it is (`file:line:column`), and the closest valid name. Nothing is silently
//! ignored.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod effective;
pub mod file;
mod located;
pub mod waivers;

pub use effective::{resolve, CommandLine, Origin, PackSource, Setting, Settings};
pub use file::ConfigFile;
pub use located::ConfigError;

/// Why a file could not be read, in `lang` (the system's own words only for rare causes).
pub fn io_error(e: &std::io::Error, lang: kiemtra_rules::Lang) -> String {
    use std::io::ErrorKind;
    if let Some(p) = kiemtra_input::side::problem(e) {
        return p.message(lang);
    }
    let vi = match e.kind() {
        ErrorKind::NotFound => "không có tệp này",
        ErrorKind::PermissionDenied => "không có quyền đọc tệp này",
        ErrorKind::IsADirectory => "đây là thư mục, không phải tệp",
        ErrorKind::InvalidData => "tệp không phải văn bản UTF-8",
        _ => return e.to_string(),
    };
    match lang {
        kiemtra_rules::Lang::Vi => vi.to_owned(),
        kiemtra_rules::Lang::En => e.to_string(),
    }
}

#[cfg(test)]
mod io_error_tests {
    use super::*;

    #[test]
    fn a_missing_file_is_said_in_vietnamese() {
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(io_error(&e, kiemtra_rules::Lang::Vi), "không có tệp này");
        assert_eq!(io_error(&e, kiemtra_rules::Lang::En), e.to_string());
    }
}
