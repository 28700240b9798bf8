//! The errors of the libraries below the command line, worded in the reader's language from
//! the catalogue: configuration, waivers and pack problems, and what the system says about a
//! file.

use kiemtra_config::{ConfigError, Expected, FileRole, Hint, Problem, TomlMistake};
use kiemtra_messages::{m, Lang, Say};
use kiemtra_rules::pack::PackError;
use kiemtra_rules::Rule;

/// A configuration error as `place: message`.
pub fn config_error(e: &ConfigError, lang: Lang) -> String {
    let message = problem(&e.problem, lang);
    match &e.place {
        Some(place) => format!("{place}: {message}"),
        None => message,
    }
}

fn problem(p: &Problem, lang: Lang) -> String {
    use m::config as c;
    match p {
        Problem::NotToml { kind, detail } => c::NotToml {
            detail: &toml_mistake(*kind, detail, lang),
        }
        .say(lang),
        Problem::UnknownKey { key, table, hint } => c::UnknownKey {
            key,
            table,
            hint: &hint_text(hint, lang),
        }
        .say(lang),
        Problem::WrongType {
            key,
            expected,
            found,
        } => c::WrongType {
            key,
            expected: &expected_text(expected, lang),
            found,
        }
        .say(lang),
        Problem::EmptyFileName { key } => c::EmptyFileName { key }.say(lang),
        Problem::UnknownRule { selector, near } => c::UnknownRule {
            selector,
            hint: &rule_hint(near.as_deref(), lang),
        }
        .say(lang),
        Problem::BadValue { key, value, hint } => c::BadValue {
            key,
            value,
            hint: &hint_text(hint, lang),
        }
        .say(lang),
        Problem::SameRule { selector, other } => c::SameRule { selector, other }.say(lang),
        Problem::DuplicateWaiver { id } => c::DuplicateWaiver { id }.say(lang),
        Problem::WaiversNotTables => c::WAIVERS_NOT_TABLES.get(lang).to_owned(),
        Problem::UnknownColumn { column, hint } => c::UnknownColumn {
            column,
            hint: &hint_text(hint, lang),
        }
        .say(lang),
        Problem::CsvRowLength { expected, found } => c::CsvRowLength {
            count: *found,
            expected,
        }
        .say(lang),
        Problem::Csv { detail } => c::Csv { detail }.say(lang),
        Problem::WaiverLacks { field } => c::WaiverLacks { field }.say(lang),
        Problem::WaiverScope => c::WAIVER_SCOPE.get(lang).to_owned(),
        Problem::NotAMonth { field, text } => c::NotAMonth { field, text }.say(lang),
        Problem::FromAfterTo { from, to } => c::FromAfterTo { from, to }.say(lang),
        Problem::NotAnExpiry { text } => c::NotAnExpiry { text }.say(lang),
        Problem::Blank { field } => c::Blank { field }.say(lang),
        Problem::CannotRead {
            file,
            kind,
            detail,
            side,
        } => c::CannotRead {
            file: &file_role(*file).get(lang),
            why: &side
                .as_ref()
                .map_or_else(|| io_kind(*kind, detail, lang), |p| p.message(lang)),
        }
        .say(lang),
        Problem::Pack(e) => c::Pack {
            why: &pack_error(e, lang),
        }
        .say(lang),
        Problem::Parameters(p) => c::Parameters {
            why: &p.problem(lang).unwrap_or_default(),
        }
        .say(lang),
    }
}

/// A TOML mistake in the reader's words; the TOML reader's own for a rare kind.
fn toml_mistake(kind: TomlMistake, detail: &str, lang: Lang) -> String {
    use m::config::toml as t;
    let phrase = match kind {
        TomlMistake::UnclosedList => t::UNCLOSED_LIST,
        TomlMistake::UnclosedTable => t::UNCLOSED_TABLE,
        TomlMistake::UnclosedString => t::UNCLOSED_STRING,
        TomlMistake::DuplicateKey => t::DUPLICATE_KEY,
        TomlMistake::NoEquals => t::NO_EQUALS,
        TomlMistake::Unquoted => t::UNQUOTED,
        TomlMistake::NoKey => t::NO_KEY,
        TomlMistake::Trailing => t::TRAILING,
        TomlMistake::Other => return detail.to_owned(),
    };
    phrase.get(lang).to_owned()
}

fn file_role(file: FileRole) -> kiemtra_messages::Phrase {
    match file {
        FileRole::Configuration => m::config::file::CONFIGURATION,
        FileRole::Pack => m::config::file::PACK,
        FileRole::Waivers => m::config::file::WAIVERS,
    }
}

fn expected_text(e: &Expected, lang: Lang) -> String {
    match e {
        Expected::Text => m::config::expected::TEXT.get(lang).to_owned(),
        Expected::TextList { key } => m::config::expected::TextList { key }.say(lang),
        Expected::WholeNumber => m::config::expected::WHOLE_NUMBER.get(lang).to_owned(),
        Expected::Table => m::config::expected::TABLE.get(lang).to_owned(),
    }
}

/// `; có phải “x”?`, or the valid names.
fn hint_text(hint: &Hint, lang: Lang) -> String {
    match hint {
        Hint::Near(near) => m::config::hint::Near { near }.say(lang),
        Hint::Valid { names, more } => {
            let mut list = names.join(", ");
            if *more {
                list.push_str(" …");
            }
            m::config::hint::Valid { names: &list }.say(lang)
        }
    }
}

/// `; có phải “CD401”?` for a rule selector, else a pointer to `kiemtra rules`.
fn rule_hint(near: Option<&str>, lang: Lang) -> String {
    match near {
        Some(near) => m::config::hint::Near { near: &near }.say(lang),
        None => m::config::hint::SEE_RULES.get(lang).to_owned(),
    }
}

/// What is wrong with a pack file.
pub fn pack_error(e: &PackError, lang: Lang) -> String {
    use m::config::pack_error as p;
    match e {
        PackError::Syntax(detail) => detail.clone(),
        PackError::UnknownRule(code) => {
            let mut text = p::UnknownRule { code }.say(lang);
            if let Some(near) =
                kiemtra_rules::suggest::closest(code, Rule::ALL.iter().map(|r| r.code()))
            {
                p::DidYouMean { near: &near }.say_into(lang, &mut text);
            }
            text
        }
        PackError::MissingRule(code) => p::MissingRule { code }.say(lang),
        PackError::Parameter(problem) => problem.message(lang),
    }
}

/// Why a file could not be written.
pub fn cannot_write(path: &std::path::Path, e: &std::io::Error, lang: Lang) -> String {
    m::cli::check::CannotWrite {
        file: &path.display(),
        why: &io_error(e, lang),
    }
    .say(lang)
}

/// Why a file could not be read or written, by the kind of failure (the system's own words
/// only for rare kinds).
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    if let Some(p) = kiemtra_input::side::problem(e) {
        return p.message(lang);
    }
    io_kind(e.kind(), &e.to_string(), lang)
}

fn io_kind(kind: std::io::ErrorKind, detail: &str, lang: Lang) -> String {
    use std::io::ErrorKind;
    let phrase = match kind {
        ErrorKind::NotFound => m::cli::io::NOT_FOUND,
        ErrorKind::PermissionDenied => m::cli::io::PERMISSION_DENIED,
        ErrorKind::IsADirectory => m::cli::io::IS_A_DIRECTORY,
        ErrorKind::InvalidData => m::cli::io::NOT_UTF8,
        _ => return detail.to_owned(),
    };
    phrase.get(lang).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_said_by_its_kind() {
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(io_error(&e, Lang::Vi), "không có tệp này");
        assert_eq!(io_error(&e, Lang::En), "No such file or directory");
    }

    #[test]
    fn a_toml_mistake_is_said_in_vietnamese() {
        let e = kiemtra_config::ConfigFile::parse(
            "select = [",
            std::path::Path::new("k.toml"),
            &["text"],
        )
        .unwrap_err();
        assert_eq!(
            config_error(&e, Lang::Vi),
            "k.toml:1:11: không đọc được TOML: danh sách chưa đóng, thiếu “]”"
        );
        assert_eq!(
            config_error(&e, Lang::En),
            "k.toml:1:11: not valid TOML: unclosed array, expected `]`"
        );
    }

    #[test]
    fn a_bad_pack_is_said_in_the_readers_language() {
        let e = PackError::UnknownRule("CD620".into());
        assert_eq!(
            pack_error(&e, Lang::Vi),
            "không có quy tắc mã CD620 (trong [rules]); có phải CD602?"
        );
        assert_eq!(
            pack_error(&e, Lang::En),
            "unknown rule code CD620 in [rules]; did you mean CD602?"
        );
        assert_eq!(
            pack_error(&PackError::MissingRule("CD101"), Lang::Vi),
            "thiếu quy tắc CD101 trong [rules]"
        );
    }

    #[test]
    fn a_configuration_error_says_where_and_what() {
        let e = kiemtra_config::ConfigFile::parse(
            "[parameters]\nmin_minute = 45",
            std::path::Path::new("dir/kiemtra.toml"),
            &["text"],
        )
        .unwrap_err();
        assert_eq!(
            config_error(&e, Lang::Vi),
            "dir/kiemtra.toml:2:1: khóa không hợp lệ “min_minute” trong [parameters]; có phải “min_minutes”?"
        );
        assert_eq!(
            config_error(&e, Lang::En),
            "dir/kiemtra.toml:2:1: unknown key “min_minute” in [parameters]; did you mean “min_minutes”?"
        );
    }
}
