//! The command line in the reader's language: clap's help (headings, usage, every option's
//! line) and its argument errors, in Vietnamese by default and in English with `--lang en`.
//!
//! The language must be known before clap parses, so it is taken from the raw arguments
//! (`--lang en`, `--lang=en`). The English texts are the doc comments of [`crate::cli`]; the
//! Vietnamese ones are here, keyed by command and argument id.

use std::ffi::OsString;
use std::sync::OnceLock;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};
use kiemtra_rules::Lang;

use crate::cli::Cli;

static LANG: OnceLock<Lang> = OnceLock::new();

/// The language of this run's command line, as [`scan`] found it (Vietnamese before).
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::Vi)
}

/// Picks the text for this run's language (for value parsers, which clap calls without context).
pub fn pick(vi: &'static str, en: &'static str) -> &'static str {
    lang().pick(vi, en)
}

/// The language the arguments ask for: the last `--lang X` / `--lang=X` before `--`, else
/// `lang` of the configuration file (`--config FILE`, or kiemtra.toml here unless
/// `--no-config`), else Vietnamese. An unknown value, or a configuration that cannot be read,
/// is left for clap and the configuration to report.
pub fn scan(args: &[OsString]) -> Lang {
    let mut lang = None;
    let mut config: Option<std::path::PathBuf> = None;
    let mut no_config = false;
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
            "--no-config" => no_config = true,
            "--lang" | "--config" => {
                let Some(value) = value.or_else(|| it.next().map(|v| v.into_owned())) else {
                    continue;
                };
                if name == "--config" {
                    config = Some(value.into());
                } else if value.trim().eq_ignore_ascii_case("en") {
                    lang = Some(Lang::En);
                } else if value.trim().eq_ignore_ascii_case("vi") {
                    lang = Some(Lang::Vi);
                }
            }
            _ => {}
        }
    }
    let lang = lang
        .or_else(|| (!no_config).then(|| configured(config)).flatten())
        .unwrap_or(Lang::Vi);
    let _ = LANG.set(lang);
    lang
}

/// `lang` of the configuration file, when it can be read.
fn configured(named: Option<std::path::PathBuf>) -> Option<Lang> {
    let path = named.unwrap_or_else(|| kiemtra_config::effective::FILE_NAME.into());
    let text = std::fs::read_to_string(&path).ok()?;
    let names = crate::cli::ReportFormat::names();
    let formats: Vec<&str> = names.iter().map(String::as_str).collect();
    let file = kiemtra_config::ConfigFile::parse(&text, &path, &formats, Lang::Vi).ok()?;
    file.lang.map(|l| l.value)
}

/// The parser, with every text a person reads in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = localize(Cli::command(), lang, "");
    if lang == Lang::Vi {
        // clap adds its `help` subcommand and writes the usage lines when building; both are
        // put in Vietnamese afterwards.
        cmd.build();
        cmd = cmd.mut_subcommand("help", |s| {
            s.about("In trợ giúp của kiemtra hoặc của một lệnh")
                .help_template(TEMPLATE_VI)
        });
        cmd = usage_in_vietnamese(cmd);
    }
    cmd
}

/// Each command's usage line with clap's `[OPTIONS]` in Vietnamese.
fn usage_in_vietnamese(mut cmd: Command) -> Command {
    let usage = cmd.render_usage().to_string();
    let usage = usage_vi(&usage);
    let usage = usage
        .trim()
        .trim_start_matches("Cách dùng:")
        .trim()
        .to_owned();
    cmd.override_usage(usage)
        .mut_subcommands(usage_in_vietnamese)
}

const TEMPLATE_VI: &str = "\
{before-help}{about-with-newline}
Cách dùng: {usage}

{all-args}{after-help}";

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
                .help(lang.pick("In trợ giúp này", "Print help")),
        )
        .mut_subcommands(|s| localize(s, lang, "kiemtra"));
    if parent.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(lang.pick("In số phiên bản", "Print version")),
        );
    }
    if lang == Lang::En {
        return cmd;
    }
    if let Some(about) = about_vi(&name) {
        cmd = cmd.about(about);
    }
    let command = name.clone();
    cmd.help_template(TEMPLATE_VI)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .mut_args(move |a| {
            let heading = if a.is_positional() {
                "Đối số"
            } else {
                "Tùy chọn"
            };
            let a = match arg_vi(&command, a.get_id().as_str()) {
                Some(help) => a.help(help),
                None => a,
            };
            let a = match a.get_value_names().and_then(|n| n.first()) {
                Some(value) => match value_name_vi(value.as_str()) {
                    Some(vi) => a.value_name(vi),
                    None => a,
                },
                None => a,
            };
            if !a.get_action().takes_values() {
                return a.help_heading(heading);
            }
            // clap's "[possible values: …]" and "[default: …]", in Vietnamese.
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
                help.push_str(&format!(" [chấp nhận: {}]", values.join(", ")));
            }
            if !defaults.is_empty() && !a.is_hide_default_value_set() {
                help.push_str(&format!(" [mặc định: {}]", defaults.join(", ")));
            }
            a.help(help.trim().to_owned())
                .hide_possible_values(true)
                .hide_default_value(true)
                .help_heading(heading)
        })
}

/// A subcommand's one-line description in Vietnamese (`""`: kiemtra itself).
fn about_vi(command: &str) -> Option<&'static str> {
    Some(match command {
        "" => {
            "Kiểm tra sinh hoạt chuyên đề “Học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” \
             trong biên bản sinh hoạt chi bộ."
        }
        "check" => {
            "Kiểm tra biên bản (tệp .json, .jsonl, .ndjson, .csv, .xlsx, .docx hoặc thư mục) và báo cáo các lỗi tìm thấy."
        }
        "convert" => "Chuyển biên bản giữa JSON, JSON Lines và CSV, không mất dữ liệu.",
        "rules" => "Liệt kê các quy tắc kiểm tra, mức độ và điều khoản hướng dẫn mà mỗi quy tắc dựa vào.",
        "explain" => {
            "Giải thích một quy tắc: kiểm tra gì, vì sao, trích điều khoản, cách sửa, ví dụ."
        }
        "config" => "In cấu hình đang dùng và nguồn của từng giá trị.",
        "schema" => "In JSON Schema của định dạng biên bản v1.",
        "template" => "In mẫu biên bản trống để điền, kèm hướng dẫn ngắn cho từng mục.",
        "serve" => {
            "Mở trang tự kiểm tra trên máy này: kéo thả biên bản để biết cần ghi thêm gì; lập báo \
             cáo của huyện từ một thư mục."
        }
        _ => return None,
    })
}

/// An argument's help in Vietnamese: first for this command, then for every command (global
/// options and the tailoring shared by `check` and `config`).
fn arg_vi(command: &str, id: &str) -> Option<&'static str> {
    let own = match (command, id) {
        ("serve", "port") => Some("Cổng (mặc định: 8017; 0: một cổng trống bất kỳ)."),
        ("serve", "open") => Some("Mở trang bằng trình duyệt mặc định."),
        ("serve", "listen") => Some(
            "Nghe ở địa chỉ này thay vì chỉ máy này (127.0.0.1), ví dụ 0.0.0.0 cho mọi mạng; khi \
             đó mọi yêu cầu cần mã truy cập in ra lúc khởi động.",
        ),
        ("check", "paths") => Some("Tệp hoặc thư mục biên bản."),
        ("check", "format") => Some(
            "Định dạng báo cáo in ra màn hình (mặc định: text, hoặc `format` của kiemtra.toml). \
             Khi có -o, chỉ in báo cáo ra màn hình nếu có --format.",
        ),
        ("check", "outputs") => Some(
            "Ghi báo cáo vào tệp này, theo định dạng của phần mở rộng (.txt, .json, .csv, .md, \
             .html; phần mở rộng khác thì theo --format). Lặp lại để ghi nhiều báo cáo; `-` là màn hình.",
        ),
        ("check", "from") => Some(
            "Tháng đầu của kỳ kiểm tra (YYYY-MM); mặc định: biên bản đầu tiên của mỗi chi bộ.",
        ),
        ("check", "to") => Some(
            "Tháng cuối của kỳ kiểm tra (YYYY-MM); mặc định: biên bản cuối cùng của mỗi chi bộ.",
        ),
        ("check", "threads") => Some("Số luồng xử lý (mặc định: mỗi lõi một luồng)."),
        ("check", "baseline") => Some(
            "Báo cáo JSON của lần kiểm tra trước (`kiemtra check --format json`): đánh dấu lỗi mới \
             hay còn tồn tại, và liệt kê lỗi đã khắc phục.",
        ),
        ("check" | "convert", "encoding") => Some(
            "Bảng mã của tệp không có BOM: utf-8 (mặc định) hoặc windows-1258 (tệp cũ; tệp là \
             UTF-8 hợp lệ thì vẫn đọc là UTF-8).",
        ),
        ("check", "body") => Some(
            "Cơ quan kiểm tra, in ở đầu báo cáo md/html, ví dụ “BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC”.",
        ),
        ("check", "place") => Some("Địa danh ở dòng ngày tháng của báo cáo, ví dụ “Hàm Thuận Bắc”."),
        ("check", "signer_title") => Some(
            "Chức danh người ký, hai dòng ngăn bằng `|`, ví dụ “T/M ĐOÀN KIỂM TRA|TRƯỞNG ĐOÀN” \
             (mặc định: theo cơ quan ở --body).",
        ),
        ("check", "signer_name") => Some("Họ tên người ký, in dưới chữ ký."),
        ("check", "recommendations") => Some(
            "Tệp văn bản Kiến nghị của đoàn kiểm tra: các đoạn cách nhau một dòng trống, mỗi ý bắt \
             đầu bằng `-`. Mặc định: rút ra từ các quy tắc bị vi phạm nhiều nhất.",
        ),
        ("check", "csv_delimiter") => Some(
            "Dấu phân cách của báo cáo CSV: `,` (mặc định, cho phần mềm), `;` (Excel cài đặt vùng \
             Việt Nam), `tab` hoặc `|` (hoặc `csv_delimiter` của kiemtra.toml).",
        ),
        ("check", "split_by") => Some(
            "Khi có -o: ghi thêm một báo cáo cho mỗi đảng bộ cơ sở, tên tệp theo tên đảng bộ \
             (`bao-cao-dang-bo-xa-ham-chinh.html`), bên cạnh báo cáo chung của huyện.",
        ),
        ("check", "date") => Some(
            "Ngày của báo cáo: YYYY-MM-DD, hoặc `today` (lần duy nhất kiemtra đọc đồng hồ). Không \
             có thì để trống dòng ngày tháng để ghi tay.",
        ),
        ("convert", "paths") => Some("Tệp hoặc thư mục biên bản (.json, .jsonl, .ndjson, .csv, .xlsx, .docx)."),
        ("convert", "to") => Some("Định dạng ghi ra (mặc định: theo phần mở rộng của -o)."),
        ("convert", "output") => Some("Ghi vào tệp này thay vì ra màn hình."),
        ("convert", "headers") => Some(
            "Tên cột CSV: đường dẫn của định dạng v1 (unit.code) hoặc nhãn tiếng Việt (Mã chi bộ).",
        ),
        ("rules" | "config", "format") => Some("Định dạng in ra."),
        ("explain", "rule") => Some("Mã quy tắc (CD401) hoặc tên (minimum-duration)."),
        ("template", "unit") => Some(
            "Mã chi bộ (unit.code); bắt buộc với mẫu json, csv, xlsx; với mẫu docx thì ghi vào dòng \
             “Mã chi bộ”.",
        ),
        ("template", "month") => Some(
            "Tháng họp (YYYY-MM); bắt buộc với mẫu json, csv, xlsx; với mẫu docx thì ghi vào tiêu đề.",
        ),
        ("check" | "convert", "unit") => Some(
            "Mã chi bộ cho biên bản Word (.docx) không có dòng “Mã chi bộ”.",
        ),
        ("template", "format") => Some(
            "json: biên bản kèm mục `_huong_dan` hướng dẫn từng trường; csv: dòng tiêu đề và một \
             dòng để điền; xlsx: bảng tính để điền, có danh sách chọn và trang hướng dẫn; docx: biên \
             bản Word để điền, có hướng dẫn dưới từng mục.",
        ),
        ("template", "headers") => Some(
            "Tên cột của mẫu csv và xlsx: nhãn tiếng Việt (vi, mặc định) hoặc đường dẫn của định \
             dạng v1 (dotted).",
        ),
        ("template", "output") => Some(
            "Ghi mẫu vào tệp này thay vì ra màn hình (cần cho xlsx khi in ra màn hình).",
        ),
        _ => None,
    };
    own.or(match id {
        "lang" => Some("Ngôn ngữ của mọi thứ in ra: vi (mặc định) hoặc en."),
        "config" => Some(
            "Tệp cấu hình (mặc định: kiemtra.toml trong thư mục hiện tại, nếu có).",
        ),
        "no_config" => Some("Không đọc tệp cấu hình nào."),
        "pack" => Some(
            "Tệp bộ quy tắc thay cho bộ có sẵn (cùng lược đồ với rules/btghu-2016.toml).",
        ),
        "select" => Some(
            "Các quy tắc cần chạy: mã, tên hoặc tiền tố, cách nhau bằng dấu phẩy (thay `select` của kiemtra.toml).",
        ),
        "ignore" => Some(
            "Các quy tắc không chạy: mã, tên hoặc tiền tố (thay `ignore` của kiemtra.toml).",
        ),
        "fail_on" => Some(
            "Kết thúc với mã 1 khi có lỗi từ mức này trở lên (mặc định: error).",
        ),
        "waivers" => Some("Tệp miễn trừ (.toml hoặc .csv)."),
        "as_of" => Some(
            "Ngày dùng để xét miễn trừ hết hạn (YYYY-MM-DD); mặc định: ngày họp muộn nhất trong \
             dữ liệu, không bao giờ là đồng hồ máy.",
        ),
        _ => None,
    })
}

fn value_name_vi(name: &str) -> Option<&'static str> {
    Some(match name {
        "FILE" => "TỆP",
        "RULES" => "QUY_TẮC",
        "RULE" => "QUY_TẮC",
        "DATE" => "NGÀY",
        "PATHS" => "ĐƯỜNG_DẪN",
        "MONTH" | "FROM" | "TO" | "AS_OF" => "THÁNG",
        "UNIT" => "MÃ_CHI_BỘ",
        "FORMAT" => "ĐỊNH_DẠNG",
        "THREADS" => "SỐ",
        "BODY" => "CƠ_QUAN",
        "PLACE" => "ĐỊA_DANH",
        "ENCODING" => "BẢNG_MÃ",
        "OUTPUT" => "TỆP",
        "LANG" => "NGÔN_NGỮ",
        "FAIL_ON" => "MỨC",
        "HEADERS" => "TÊN_CỘT",
        _ => return None,
    })
}

/// Parses the arguments, or says in the reader's language what is wrong with them (help and
/// version are printed too) and gives the exit code.
pub fn parse(args: Vec<OsString>) -> Result<Cli, std::process::ExitCode> {
    let lang = scan(&args);
    let mut cmd = command(lang);
    // The subcommand named, for the usage line of an error about its options.
    let named = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find_map(|a| cmd.find_subcommand(a).cloned());
    let matches = cmd.try_get_matches_from_mut(args);
    let result = matches.and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    result.map_err(|e| {
        let code = e.exit_code();
        if lang == Lang::En
            || matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        {
            let _ = e.print();
        } else {
            let text = vietnamese(&e, named.as_ref().unwrap_or(&cmd));
            let mut err = anstream::stderr();
            let _ = std::io::Write::write_all(&mut err, text.as_bytes());
        }
        std::process::ExitCode::from(u8::try_from(code).unwrap_or(2))
    })
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

/// Translates clap's usage line (`Usage: kiemtra check [OPTIONS] <PATHS>...`).
fn usage_vi(text: &str) -> String {
    text.replace("Usage:", "Cách dùng:")
        .replace("[OPTIONS]", "[TÙY_CHỌN]")
}

/// clap's error in Vietnamese: what is wrong, a suggestion when clap has one, the usage line
/// and where to read more.
pub fn vietnamese(e: &clap::Error, cmd: &Command) -> String {
    let get = |k| value(e, k, ", ");
    let q = |s: String| format!("“{s}”");
    let arg = get(ContextKind::InvalidArg).map(q).unwrap_or_default();
    let given = get(ContextKind::InvalidValue).map(q).unwrap_or_default();
    let mut lines: Vec<String> = Vec::new();
    let head = match e.kind() {
        ErrorKind::UnknownArgument => format!("không có tùy chọn {arg}"),
        ErrorKind::InvalidSubcommand => format!(
            "không có lệnh {}",
            get(ContextKind::InvalidSubcommand)
                .map(q)
                .unwrap_or_default()
        ),
        ErrorKind::InvalidValue if given == "“”" => format!("{arg} cần một giá trị"),
        ErrorKind::InvalidValue => format!("giá trị {given} không hợp lệ cho {arg}"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| match s.downcast_ref::<std::num::ParseIntError>() {
                    // The standard library's words for a number option (`-j abc`).
                    Some(_) => ": cần một số nguyên".to_owned(),
                    None => format!(": {s}"),
                })
                .unwrap_or_default();
            format!("giá trị {given} không hợp lệ cho {arg}{why}")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu đối số bắt buộc: {}", usage_vi(&arg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "cần một lệnh".to_owned()
        }
        ErrorKind::ArgumentConflict => format!(
            "không dùng được {arg} cùng với {}",
            get(ContextKind::PriorArg).map(q).unwrap_or_default()
        ),
        ErrorKind::NoEquals => format!("{arg} cần dấu “=” trước giá trị"),
        ErrorKind::TooManyValues => format!("{arg} nhận quá nhiều giá trị: {given}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} nhận sai số giá trị")
        }
        ErrorKind::InvalidUtf8 => "đối số không phải văn bản UTF-8".to_owned(),
        _ => {
            // Kinds the parser cannot meet with these options: clap's own words.
            return e.render().to_string();
        }
    };
    lines.push(format!("kiemtra: {head}"));
    if let Some(valid) = get(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        lines.push(format!("  các giá trị chấp nhận: {valid}"));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
    ] {
        if let Some(s) = value(e, kind, "” hoặc “") {
            lines.push(format!("  gợi ý: có phải “{s}”?"));
        }
    }
    lines.push(String::new());
    let usage = get(ContextKind::Usage).unwrap_or_else(|| cmd.clone().render_usage().to_string());
    lines.push(usage_vi(usage.trim()));
    let name = usage
        .trim()
        .trim_start_matches("Usage:")
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
    lines.push(format!("Xem thêm: “{name} --help”."));
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
        assert_eq!(scan(&os(&["kiemtra", "check", "x"])), Lang::Vi);
        assert_eq!(scan(&os(&["kiemtra", "--lang", "en", "check"])), Lang::En);
        assert_eq!(scan(&os(&["kiemtra", "check", "--lang=EN"])), Lang::En);
        assert_eq!(
            scan(&os(&["kiemtra", "--lang=en", "--lang", "vi"])),
            Lang::Vi
        );
        // After `--` it is a path, not an option.
        assert_eq!(
            scan(&os(&["kiemtra", "check", "--", "--lang=en"])),
            Lang::Vi
        );
    }

    #[test]
    fn the_configuration_can_choose_the_language() {
        let dir = std::env::temp_dir().join(format!("kiemtra-lang-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("k.toml");
        std::fs::write(&file, "lang = \"en\"\n").unwrap();
        let f = file.to_str().unwrap();
        assert_eq!(scan(&os(&["kiemtra", "--config", f, "check"])), Lang::En);
        assert_eq!(
            scan(&os(&["kiemtra", &format!("--config={f}"), "rules"])),
            Lang::En
        );
        // The command line wins; --no-config reads none.
        assert_eq!(
            scan(&os(&["kiemtra", "--config", f, "--lang", "vi"])),
            Lang::Vi
        );
        assert_eq!(
            scan(&os(&["kiemtra", "--config", f, "--no-config"])),
            Lang::Vi
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    /// Every option and command a person can see has its Vietnamese text: an option added to
    /// `cli.rs` without one fails here.
    #[test]
    fn every_visible_text_has_its_vietnamese() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if a.is_hide_set() || matches!(id, "help" | "version") {
                    continue;
                }
                if arg_vi(path, id).is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for s in cmd.get_subcommands() {
                if about_vi(s.get_name()).is_none() {
                    missing.push(s.get_name().to_owned());
                }
                walk(s, s.get_name(), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no Vietnamese text for: {missing:?}");
    }

    #[test]
    fn the_parser_is_consistent_in_both_languages() {
        command(Lang::Vi).debug_assert();
        command(Lang::En).debug_assert();
    }
}
