//! The command line in the reader's language: clap's help (headings, usage, every option's
//! line) and its argument errors, in Vietnamese by default and in English with `--lang en`,
//! every word from the catalogue (`cli.*`).
//!
//! The language must be known before clap parses: [`scan`] finds what the raw arguments ask
//! for (`--lang`, `--config`, `--no-config`), the configuration file is read once with that,
//! and the parser is built in the language of both.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};
use kiemtra_messages::{m, Lang, Phrase, Say};

use crate::cli::{ArgValueError, Cli};

/// What the raw arguments ask for before clap parses them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Asked {
    /// The last `--lang X` / `--lang=X` before `--` (an unknown value is left for clap).
    pub lang: Option<Lang>,
    /// `--config FILE`.
    pub config: Option<PathBuf>,
    /// `--no-config`.
    pub no_config: bool,
}

/// The language and configuration the arguments ask for.
pub fn scan(args: &[OsString]) -> Asked {
    let mut asked = Asked::default();
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        let (name, value) = match a.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_owned(), Some(value.to_owned()))
            }
            _ => (a.clone().into_owned(), None),
        };
        match name.as_str() {
            "--" => break,
            "--no-config" => asked.no_config = true,
            "--lang" | "--config" => {
                let Some(value) = value.or_else(|| it.next().map(|v| v.into_owned())) else {
                    continue;
                };
                if name == "--config" {
                    asked.config = Some(value.into());
                } else if let Some(lang) = kiemtra_config::file::parse_lang(&value) {
                    asked.lang = Some(lang);
                }
            }
            _ => {}
        }
    }
    asked
}

/// The parser, with every text a person reads in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = localize(Cli::command(), lang, "");
    if lang == Lang::Vi {
        // clap adds its `help` subcommand and writes the usage lines when building; both are
        // put in Vietnamese afterwards.
        cmd.build();
        let template = template(lang);
        cmd = cmd.mut_subcommand("help", |s| {
            s.about(m::cli::about::HELP.get(lang))
                .help_template(template)
        });
        cmd = usage_in(cmd, lang);
    }
    cmd
}

/// Each command's usage line with clap's words in `lang`.
fn usage_in(mut cmd: Command, lang: Lang) -> Command {
    let usage = cmd.render_usage().to_string();
    let usage = usage_words(&usage, lang);
    let usage = usage
        .trim()
        .trim_start_matches(m::cli::help::USAGE.get(lang))
        .trim()
        .to_owned();
    cmd.override_usage(usage)
        .mut_subcommands(|s| usage_in(s, lang))
}

/// clap's help layout with its one heading in `lang`.
fn template(lang: Lang) -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        m::cli::help::USAGE.get(lang)
    )
}

fn localize(cmd: Command, lang: Lang, parent: &str) -> Command {
    let name = if parent.is_empty() {
        String::new()
    } else {
        cmd.get_name().to_owned()
    };
    let mut cmd = cmd
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(m::cli::arg::all::HELP.get(lang)),
        )
        .mut_subcommands(|s| localize(s, lang, "kiemtra"));
    if parent.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(m::cli::arg::all::VERSION.get(lang)),
        );
    }
    if let Some(about) = about(&name) {
        cmd = cmd.about(about.get(lang));
    }
    let command = name.clone();
    cmd = cmd.mut_args(move |a| {
        let a = match arg_help(&command, a.get_id().as_str(), lang) {
            Some(help) => a.help(help),
            None => a,
        };
        match a.get_value_names().and_then(|n| n.first()) {
            Some(value) => match value_name(value.as_str()) {
                Some(named) => a.value_name(named.get(lang)),
                None => a,
            },
            None => a,
        }
    });
    if lang == Lang::En {
        // clap's own headings and value lists are English.
        return cmd;
    }
    cmd.help_template(template(lang))
        .subcommand_help_heading(m::cli::help::COMMANDS.get(lang))
        .subcommand_value_name(m::cli::value_name::COMMAND.get(lang))
        .mut_args(move |a| {
            let heading = if a.is_positional() {
                m::cli::help::ARGUMENTS.get(lang)
            } else {
                m::cli::help::OPTIONS.get(lang)
            };
            if !a.get_action().takes_values() {
                return a.help_heading(heading);
            }
            // clap's "[possible values: …]" and "[default: …]", in the reader's words.
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let mut help = a.get_help().map(ToString::to_string).unwrap_or_default();
            if !values.is_empty() && !a.is_hide_possible_values_set() {
                m::cli::help::PossibleValues {
                    values: &values.join(", "),
                }
                .say_into(lang, &mut help);
            }
            if !defaults.is_empty() && !a.is_hide_default_value_set() {
                m::cli::help::Default {
                    values: &defaults.join(", "),
                }
                .say_into(lang, &mut help);
            }
            a.help(help.trim().to_owned())
                .hide_possible_values(true)
                .hide_default_value(true)
                .help_heading(heading)
        })
}

/// A command's one-line description (`""`: kiemtra itself).
fn about(command: &str) -> Option<Phrase> {
    use m::cli::about;
    Some(match command {
        "" => about::KIEMTRA,
        "check" => about::CHECK,
        "convert" => about::CONVERT,
        "rules" => about::RULES,
        "explain" => about::EXPLAIN,
        "config" => about::CONFIG,
        "schema" => about::SCHEMA,
        "template" => about::TEMPLATE,
        "read" => about::READ,
        "serve" => about::SERVE,
        _ => return None,
    })
}

/// An argument's help: first for this command, then for every command (global options and
/// the tailoring shared by `check` and `config`).
fn arg_help(command: &str, id: &str, lang: Lang) -> Option<String> {
    if (command, id) == ("check", "outputs") {
        let extensions = report_extensions()
            .iter()
            .map(|e| format!(".{e}"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = m::cli::arg::check::Outputs {
            extensions: &extensions,
        };
        return Some(help.say(lang));
    }
    arg_phrase(command, id).map(|p| p.get(lang).to_owned())
}

/// The extensions `-o` writes, each format once (`.md`, not `.markdown` too).
fn report_extensions() -> Vec<&'static str> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for ext in kiemtra_report::Format::EXTENSIONS {
        let format = kiemtra_report::Format::of_path(std::path::Path::new(&format!("x.{ext}")));
        if !seen.contains(&format) {
            seen.push(format);
            out.push(*ext);
        }
    }
    out
}

fn arg_phrase(command: &str, id: &str) -> Option<Phrase> {
    use m::cli::arg::{all, check, config, convert, explain, read, rules, serve, template};
    let own = match (command, id) {
        ("check", "paths") => Some(check::PATHS),
        ("check", "format") => Some(check::FORMAT),
        ("check", "from") => Some(check::FROM),
        ("check", "to") => Some(check::TO),
        ("check", "threads") => Some(check::THREADS),
        ("check", "baseline") => Some(check::BASELINE),
        ("check", "encoding") => Some(check::ENCODING),
        ("check", "body") => Some(check::BODY),
        ("check", "place") => Some(check::PLACE),
        ("check", "signer_title") => Some(check::SIGNER_TITLE),
        ("check", "signer_name") => Some(check::SIGNER_NAME),
        ("check", "recommendations") => Some(check::RECOMMENDATIONS),
        ("check", "assessment") => Some(check::ASSESSMENT),
        ("read", "files") => Some(read::FILES),
        ("read", "unit") => Some(read::UNIT),
        ("read", "format") => Some(read::FORMAT),
        ("serve", "port") => Some(serve::PORT),
        ("serve", "open") => Some(serve::OPEN),
        ("serve", "listen") => Some(serve::LISTEN),
        ("check", "csv_delimiter") => Some(check::CSV_DELIMITER),
        ("check", "split_by") => Some(check::SPLIT_BY),
        ("check", "date") => Some(check::DATE),
        ("check", "unit") => Some(check::UNIT),
        ("convert", "paths") => Some(convert::PATHS),
        ("convert", "to") => Some(convert::TO),
        ("convert", "output") => Some(convert::OUTPUT),
        ("convert", "headers") => Some(convert::HEADERS),
        ("convert", "encoding") => Some(convert::ENCODING),
        ("convert", "unit") => Some(convert::UNIT),
        ("rules", "format") => Some(rules::FORMAT),
        ("config", "format") => Some(config::FORMAT),
        ("explain", "rule") => Some(explain::RULE),
        ("template", "unit") => Some(template::UNIT),
        ("template", "month") => Some(template::MONTH),
        ("template", "format") => Some(template::FORMAT),
        ("template", "headers") => Some(template::HEADERS),
        ("template", "output") => Some(template::OUTPUT),
        _ => None,
    };
    own.or(match id {
        "lang" => Some(all::LANG),
        "config" => Some(all::CONFIG),
        "no_config" => Some(all::NO_CONFIG),
        "pack" => Some(all::PACK),
        "select" => Some(all::SELECT),
        "ignore" => Some(all::IGNORE),
        "fail_on" => Some(all::FAIL_ON),
        "waivers" => Some(all::WAIVERS),
        "as_of" => Some(all::AS_OF),
        _ => None,
    })
}

/// The words for clap's name of an option's value (`FILE`).
fn value_name(name: &str) -> Option<Phrase> {
    use m::cli::value_name as v;
    Some(match name {
        "FILE" => v::FILE,
        "RULES" => v::RULES,
        "RULE" => v::RULE,
        "DATE" => v::DATE,
        "PATHS" => v::PATHS,
        "MONTH" => v::MONTH,
        "FROM" => v::FROM,
        "TO" => v::TO,
        "AS_OF" => v::AS_OF,
        "UNIT" => v::UNIT,
        "FORMAT" => v::FORMAT,
        "THREADS" => v::THREADS,
        "BODY" => v::BODY,
        "PLACE" => v::PLACE,
        "ENCODING" => v::ENCODING,
        "OUTPUT" => v::OUTPUT,
        "LANG" => v::LANG,
        "FAIL_ON" => v::FAIL_ON,
        "HEADERS" => v::HEADERS,
        "TITLE" => v::TITLE,
        "NAME" => v::NAME,
        "CODE" => v::CODE,
        "CHAR" => v::CHAR,
        "BY" => v::BY,
        "PORT" => v::PORT,
        "ADDRESS" => v::ADDRESS,
        _ => return None,
    })
}

/// Parses the arguments, or says in `lang` what is wrong with them (help and version are
/// printed too) and gives the exit code.
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Cli, std::process::ExitCode> {
    let mut cmd = command(lang);
    // The subcommand named, for the usage line of an error about its options.
    let named = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find_map(|a| cmd.find_subcommand(a).cloned());
    let matches = cmd.try_get_matches_from_mut(args);
    let result = matches.and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    result.map_err(|mut e| {
        closest_first(&mut e);
        let code = e.exit_code();
        if lang == Lang::En
            || matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        {
            // clap's own English.
            let _ = e.print();
        } else {
            let text = reworded(&e, named.as_ref().unwrap_or(&cmd), lang);
            let mut err = anstream::stderr();
            let _ = std::io::Write::write_all(&mut err, text.as_bytes());
        }
        std::process::ExitCode::from(u8::try_from(code).unwrap_or(2))
    })
}

/// clap's suggested commands, the closest to what was typed first (`chek`: “check”, then
/// “schema”).
fn closest_first(e: &mut clap::Error) {
    let typed = value(e, ContextKind::InvalidSubcommand, "").unwrap_or_default();
    if let Some(ContextValue::Strings(names)) = e.get(ContextKind::SuggestedSubcommand) {
        let mut names = names.clone();
        names.sort_by_key(|n| strsim::damerau_levenshtein(&typed, n));
        e.insert(
            ContextKind::SuggestedSubcommand,
            ContextValue::Strings(names),
        );
    }
}

/// A context value of clap's error as text, several values joined by `sep`.
fn value(e: &clap::Error, kind: ContextKind, sep: &str) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(sep)),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        _ => None,
    }
}

/// clap's usage line (`Usage: kiemtra check [OPTIONS] <PATHS>...`) in `lang`.
fn usage_words(text: &str, lang: Lang) -> String {
    text.replace(
        m::cli::help::USAGE.get(Lang::En),
        m::cli::help::USAGE.get(lang),
    )
    .replace(
        m::cli::value_name::OPTIONS.get(Lang::En),
        m::cli::value_name::OPTIONS.get(lang),
    )
}

/// clap's error in `lang`: what is wrong, a suggestion when clap has one, the usage line and
/// where to read more.
pub fn reworded(e: &clap::Error, cmd: &Command, lang: Lang) -> String {
    use m::cli::arg_error as w;
    let get = |k| value(e, k, ", ");
    let q = |s: String| format!("“{s}”");
    let arg = get(ContextKind::InvalidArg).map(q).unwrap_or_default();
    let given = get(ContextKind::InvalidValue).map(q).unwrap_or_default();
    let mut lines: Vec<String> = Vec::new();
    let head = match e.kind() {
        ErrorKind::UnknownArgument => w::UnknownArgument { arg: &arg }.say(lang),
        ErrorKind::InvalidSubcommand => w::InvalidSubcommand {
            command: &get(ContextKind::InvalidSubcommand)
                .map(q)
                .unwrap_or_default(),
        }
        .say(lang),
        ErrorKind::InvalidValue if given == "“”" => w::ValueNeeded { arg: &arg }.say(lang),
        ErrorKind::InvalidValue => w::InvalidValue {
            value: &given,
            arg: &arg,
        }
        .say(lang),
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(source) => {
                let why = if let Some(bad) = source.downcast_ref::<ArgValueError>() {
                    bad.say(lang)
                } else if source.downcast_ref::<std::num::ParseIntError>().is_some() {
                    // The standard library's words for a number option (`-j abc`).
                    w::NOT_A_WHOLE_NUMBER.get(lang).to_owned()
                } else {
                    source.to_string()
                };
                w::InvalidValueWhy {
                    value: &given,
                    arg: &arg,
                    why: &why,
                }
                .say(lang)
            }
            None => w::InvalidValue {
                value: &given,
                arg: &arg,
            }
            .say(lang),
        },
        ErrorKind::MissingRequiredArgument => w::MissingArgument {
            arg: &usage_words(&arg, lang),
        }
        .say(lang),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            w::MISSING_COMMAND.get(lang).to_owned()
        }
        ErrorKind::ArgumentConflict => w::Conflict {
            arg: &arg,
            other: &get(ContextKind::PriorArg).map(q).unwrap_or_default(),
        }
        .say(lang),
        ErrorKind::NoEquals => w::NoEquals { arg: &arg }.say(lang),
        ErrorKind::TooManyValues => w::TooManyValues {
            arg: &arg,
            value: &given,
        }
        .say(lang),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            w::WrongNumberOfValues { arg: &arg }.say(lang)
        }
        ErrorKind::InvalidUtf8 => w::NOT_UTF8.get(lang).to_owned(),
        _ => {
            // Kinds the parser cannot meet with these options: clap's own words.
            return e.render().to_string();
        }
    };
    lines.push(format!("kiemtra: {head}"));
    if let Some(valid) = get(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        lines.push(w::ValidValues { values: &valid }.say(lang));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
    ] {
        if let Some(s) = value(e, kind, w::OR.get(lang)) {
            lines.push(w::DidYouMean { suggestion: &s }.say(lang));
        }
    }
    lines.push(String::new());
    let usage = get(ContextKind::Usage).unwrap_or_else(|| cmd.clone().render_usage().to_string());
    lines.push(usage_words(usage.trim(), lang));
    let name = usage
        .trim()
        .trim_start_matches(m::cli::help::USAGE.get(Lang::En))
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ");
    let name = if name.is_empty() {
        "kiemtra".into()
    } else {
        name
    };
    lines.push(String::new());
    lines.push(m::cli::help::SeeMore { command: &name }.say(lang));
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_known_before_parsing() {
        let lang = |args: &[&str]| scan(&os(args)).lang;
        assert_eq!(lang(&["kiemtra", "check", "x"]), None);
        assert_eq!(lang(&["kiemtra", "--lang", "en", "check"]), Some(Lang::En));
        assert_eq!(lang(&["kiemtra", "check", "--lang=EN"]), Some(Lang::En));
        assert_eq!(
            lang(&["kiemtra", "--lang=en", "--lang", "vi"]),
            Some(Lang::Vi)
        );
        // After `--` it is a path, not an option.
        assert_eq!(lang(&["kiemtra", "check", "--", "--lang=en"]), None);
    }

    #[test]
    fn the_configuration_asked_for_is_found_before_parsing() {
        let asked = scan(&os(&["kiemtra", "--config", "k.toml", "check"]));
        assert_eq!(asked.config, Some(PathBuf::from("k.toml")));
        let asked = scan(&os(&["kiemtra", "--config=k.toml", "--no-config"]));
        assert_eq!(asked.config, Some(PathBuf::from("k.toml")));
        assert!(asked.no_config);
    }

    /// Every option and command a person can see has its words: an option added to `cli.rs`
    /// without them fails here.
    #[test]
    fn every_visible_text_has_its_words() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if a.is_hide_set() || matches!(id, "help" | "version") {
                    continue;
                }
                if arg_help(path, id, Lang::Vi).is_none() {
                    missing.push(format!("{path} {id}"));
                }
                let value = a.get_value_names().and_then(|n| n.first());
                if a.get_action().takes_values()
                    && value.is_some_and(|v| value_name(v.as_str()).is_none())
                {
                    missing.push(format!("{path} {id} value"));
                }
            }
            for s in cmd.get_subcommands() {
                if about(s.get_name()).is_none() {
                    missing.push(s.get_name().to_owned());
                }
                walk(s, s.get_name(), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no words for: {missing:?}");
    }

    #[test]
    fn a_mistyped_command_suggests_the_closest_first() {
        for lang in Lang::ALL {
            let mut cmd = command(lang);
            let mut e = cmd
                .try_get_matches_from_mut(os(&["kiemtra", "chek", "x"]))
                .unwrap_err();
            closest_first(&mut e);
            // The Vietnamese is reworded; the English is clap's own.
            let text = if lang == Lang::En {
                e.render().to_string()
            } else {
                reworded(&e, &cmd, lang)
            };
            let check = text.find("check").unwrap();
            if let Some(schema) = text.find("schema") {
                assert!(check < schema, "{text}");
            }
        }
    }

    #[test]
    fn fail_on_takes_the_vietnamese_words() {
        for (given, want) in [
            ("lỗi", crate::cli::FailOn::Error),
            ("thieu sot", crate::cli::FailOn::Error),
            ("cảnh báo", crate::cli::FailOn::Warning),
            ("cần lưu ý", crate::cli::FailOn::Warning),
            ("ghi nhận", crate::cli::FailOn::Info),
            ("Info", crate::cli::FailOn::Info),
        ] {
            let cli = parse(os(&["kiemtra", "config", "--fail-on", given]), Lang::Vi).unwrap();
            let crate::cli::Command::Config(args) = cli.command else {
                panic!("config");
            };
            assert_eq!(args.tailor.fail_on, Some(want), "{given}");
        }
    }

    #[test]
    fn the_help_speaks_vietnamese_placeholders_and_names_every_report_extension() {
        let help = command(Lang::Vi)
            .find_subcommand_mut("check")
            .unwrap()
            .render_help()
            .to_string();
        for placeholder in [
            "<CHỨC_DANH>",
            "<HỌ_TÊN>",
            "<MÃ_CHI_BỘ>",
            "<KÝ_TỰ>",
            "<THEO>",
        ] {
            assert!(help.contains(placeholder), "{placeholder}\n{help}");
        }
        for name in ["<TITLE>", "<NAME>", "<CODE>", "<CHAR>", "<BY>"] {
            assert!(!help.contains(name), "{name}\n{help}");
        }
        for lang in Lang::ALL {
            let help = arg_help("check", "outputs", lang).unwrap();
            assert!(help.contains(".xlsx"), "{help}");
        }
    }

    #[test]
    fn the_parser_is_consistent_in_both_languages() {
        command(Lang::Vi).debug_assert();
        command(Lang::En).debug_assert();
    }
}
