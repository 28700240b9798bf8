//! A deterministic generator of realistic meeting records (record format v1, JSON Lines), for
//! benchmarks, load tests and fuzzing seeds.
//!
//! `units × months` periodic meetings (about 1.5–2 KB each, like real minutes: several opinions,
//! assignments, a follow-up of the previous topic), plus some thematic and extraordinary
//! meetings. A configurable share of records breaks one rule each, chosen among all 24 rules of
//! catalogue v1 (cross-record ones included: a missing month, two meetings in a month, a topic
//! kept too long…); another share of lines is malformed (truncated JSON, bad date, no unit code,
//! bytes that are not UTF-8, unknown kind). The records of a unit are spread over the output
//! files and written out of date order, as real exports are merged.
//!
//! Everything comes from one seed: the same configuration gives byte-identical files, on any
//! machine (the generator uses its own SplitMix64, not a library whose stream may change).

use std::fmt::Write as _;
use std::io::{self, Write};

use unicode_normalization::UnicodeNormalization;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Config {
    /// Number of cells.
    pub units: u32,
    /// Months of records per cell, from `start`.
    pub months: u32,
    /// First month: (year, month).
    pub start: (i32, u32),
    /// Share of records that break one rule (0.0–1.0).
    pub violations: f64,
    /// Share of lines that are malformed (0.0–1.0).
    pub malformed: f64,
    /// Share of records written in decomposed Unicode (NFD).
    pub nfd: f64,
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            units: 100,
            months: 12,
            start: (2017, 1),
            violations: 0.05,
            malformed: 0.001,
            nfd: 0.01,
            seed: 2016,
        }
    }
}

/// Counts of what was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Lines written (records and malformed lines).
    pub lines: u64,
    /// Lines made malformed on purpose.
    pub malformed: u64,
    /// Records made to break a rule on purpose.
    pub violations: u64,
    pub bytes: u64,
}

/// SplitMix64: small, fast, and fixed forever.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        // The modulo bias is irrelevant here.
        (self.next_u64() % (n.max(1) as u64)) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        // 53 random bits as a fraction in [0, 1).
        let x = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        x < p
    }

    pub fn choose<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE: &[&str] = &["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc"];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hùng", "Khoa", "Lan", "Liên", "Minh", "Nam",
    "Phúc", "Quang", "Tâm", "Thảo", "Thuý", "Tài", "Trung", "Vinh", "Xuân", "Yến",
];
const COMMUNES: &[&str] = &[
    "Hàm Chính",
    "Hàm Liêm",
    "Hàm Trí",
    "Hàm Phú",
    "Thuận Minh",
    "Đông Giang",
    "La Dạ",
    "Hồng Sơn",
    "Hồng Liêm",
    "Hàm Hiệp",
    "Hàm Thắng",
    "Hàm Đức",
    "Thuận Hòa",
    "Đa Mi",
    "Hàm Cần",
    "Mương Mán",
];
const PLACES: &[&str] = &["thôn", "khu phố", "ấp", "tổ dân phố", "bản"];

/// A topic, the shortcoming it addresses and a fitting source.
struct Topic {
    title: &'static str,
    area: &'static str,
    source: (&'static str, &'static str),
}

const TOPICS: &[Topic] = &[
    Topic {
        title: "Nâng cao chất lượng tự phê bình và phê bình trong sinh hoạt chi bộ",
        area: "self-criticism",
        source: ("ho-chi-minh-writing", "Sửa đổi lối làm việc (1947)"),
    },
    Topic {
        title: "Phát huy dân chủ ở cơ sở, lắng nghe ý kiến nhân dân",
        area: "democracy",
        source: ("ho-chi-minh-writing", "Dân vận (1949)"),
    },
    Topic {
        title: "Nâng cao hiệu quả công tác dân vận của chi bộ",
        area: "mass-mobilization",
        source: ("ho-chi-minh-writing", "Dân vận (1949)"),
    },
    Topic {
        title: "Giữ gìn vệ sinh môi trường, xây dựng nông thôn mới",
        area: "pressing-issues",
        source: ("central-materials", "Tài liệu sinh hoạt chuyên đề năm 2017"),
    },
    Topic {
        title: "Khắc phục tình trạng đảng viên sinh hoạt không đều, đóng đảng phí chậm",
        area: "shortcomings",
        source: ("ho-chi-minh-writing", "Đạo đức cách mạng (1958)"),
    },
    Topic {
        title: "Nâng cao tinh thần trách nhiệm, gương mẫu của cán bộ, đảng viên",
        area: "responsibility",
        source: (
            "compiled-teachings",
            "Những lời dạy của Bác Hồ về đạo đức cách mạng",
        ),
    },
    Topic {
        title: "Xây dựng khối đại đoàn kết, giữ gìn hoà thuận trong khu dân cư",
        area: "mass-mobilization",
        source: (
            "compiled-teachings",
            "Những lời dạy của Bác Hồ về đại đoàn kết toàn dân tộc",
        ),
    },
    Topic {
        title: "Nâng cao chất lượng phục vụ nhân dân của cán bộ, công chức",
        area: "professional-quality",
        source: ("central-materials", "Chuyên đề toàn khóa 2016-2021"),
    },
    Topic {
        title: "Thực hành tiết kiệm, chống lãng phí trong chi tiêu của đơn vị",
        area: "shortcomings",
        source: ("ho-chi-minh-writing", "Cần kiệm liêm chính (1949)"),
    },
    Topic {
        title: "Phòng, chống tệ nạn cờ bạc, rượu chè trong thôn",
        area: "pressing-issues",
        source: ("central-materials", "Tài liệu học tập chuyên đề năm 2018"),
    },
    Topic {
        title: "Giữ gìn an ninh trật tự, phòng chống trộm cắp tài sản",
        area: "pressing-issues",
        source: ("compiled-teachings", "Bác Hồ với công tác công an"),
    },
    Topic {
        title: "Học tập phong cách làm việc khoa học, sâu sát cơ sở",
        area: "professional-quality",
        source: ("ho-chi-minh-writing", "Sửa đổi lối làm việc (1947)"),
    },
    Topic {
        title: "Chăm lo giáo dục thế hệ trẻ, phòng chống bỏ học",
        area: "responsibility",
        source: ("compiled-teachings", "Bác Hồ với thế hệ trẻ"),
    },
    Topic {
        title: "Nói đi đôi với làm, nêu gương của người đứng đầu",
        area: "self-criticism",
        source: (
            "central-materials",
            "Quy định 101-QĐ/TW về trách nhiệm nêu gương",
        ),
    },
    Topic {
        title: "Vận động nhân dân hiến đất làm đường giao thông nông thôn",
        area: "democracy",
        source: ("central-materials", "Tài liệu sinh hoạt chuyên đề năm 2019"),
    },
];

const REASONS: &[&str] = &[
    "Qua kiểm điểm cuối năm, việc này còn nhiều hạn chế; chi ủy chọn nội dung này để khắc phục.",
    "Nhân dân phản ánh tại buổi tiếp xúc cử tri; một số đảng viên chưa gương mẫu, còn nể nang.",
    "Theo kế hoạch của Đảng ủy xã về thực hiện Chỉ thị 05-CT/TW, kết hợp tình hình thực tế của địa phương trong quý vừa qua.",
];
const STRENGTHS: &[&str] = &[
    "Đa số đảng viên chấp hành tốt; nhiều đồng chí mạnh dạn góp ý xây dựng chi bộ.",
    "Chi ủy chủ động nắm tình hình; các đoàn thể phối hợp tốt trong vận động.",
];
const WEAKNESSES: &[&str] = &[
    "Một số đảng viên còn ngại va chạm, góp ý chung chung, hình thức.",
    "Tổ đảng nắm tình hình chưa sâu; một số nhiệm vụ còn chậm.",
];
const QUESTIONS: &[&str] = &[
    "Vì sao tình trạng này vẫn còn kéo dài trong chi bộ?",
    "Mỗi đảng viên cần làm gì để góp phần giải quyết dứt điểm vấn đề?",
    "Chi ủy cần kiểm tra, đánh giá kết quả như thế nào vào kỳ sinh hoạt sau?",
    "Làm thế nào để vận động nhân dân cùng tham gia thực hiện?",
];
const OPINIONS: &[&str] = &[
    "cần góp ý thẳng thắn ngay trong sinh hoạt, không để sau cuộc họp mới bàn tán.",
    "chi ủy nên gương mẫu tự phê bình trước để đảng viên noi theo.",
    "tổ đảng phải nắm tình hình hằng tuần và báo cáo kịp thời với chi ủy.",
    "đề nghị phân công cụ thể từng đảng viên phụ trách nhóm hộ, có thời hạn rõ ràng.",
    "mời người cao tuổi có uy tín cùng tham gia vận động, hòa giải ở cơ sở.",
    "cần công khai kết quả thực hiện tại kỳ sinh hoạt sau để nhân dân giám sát.",
];
const CAUSES: &[&str] = &[
    "Tâm lý sợ mất lòng, ngại va chạm; kiểm tra sau sinh hoạt còn buông lỏng.",
    "Nhận thức của một bộ phận đảng viên chưa đầy đủ; phân công chưa cụ thể.",
];
const MEASURES: &[&str] = &[
    "Mỗi kỳ sinh hoạt dành thời gian tự phê bình; chi ủy đi đầu, theo dõi sửa chữa.",
    "Phân công đảng viên phụ trách nhóm hộ; tổ đảng báo cáo hằng tháng.",
];
const CONCLUSIONS: &[&str] = &[
    "Chi bộ thống nhất các giải pháp; chi ủy theo dõi, đánh giá tại kỳ sau.",
    "Mỗi đảng viên đăng ký việc làm cụ thể; tổ đảng báo cáo tại kỳ sau.",
];
const TASKS: &[&str] = &[
    "Lập sổ theo dõi việc sửa chữa khuyết điểm của đảng viên sau góp ý",
    "Nắm tình hình khu dân cư, báo cáo chi ủy hằng tuần",
    "Phối hợp các đoàn thể tuyên truyền, vận động nhân dân thực hiện",
    "Khắc phục việc chậm nộp báo cáo của tổ, báo cáo kết quả tại kỳ sinh hoạt sau",
];
const NOTES: &[&str] = &[
    "Các nhiệm vụ đã triển khai; tiếp tục theo dõi.",
    "Còn một số việc chưa xong, chi ủy đôn đốc.",
];

/// Every rule a generated record may break on purpose: the rules crate's list. A rule this
/// generator does not know how to break yet leaves its record as it would be.
fn rules() -> Vec<&'static str> {
    kiemtra_rules::Rule::ALL.iter().map(|r| r.code()).collect()
}

/// What a unit carries from one month to the next.
#[derive(Clone, Debug)]
struct UnitState {
    topic: usize,
    /// Meetings held so far on `topic`.
    run: u32,
    /// Meetings the unit means to keep `topic` for.
    target: u32,
    /// The previous session's topic (none before the first meeting).
    previous: Option<usize>,
    dmy: bool,
}

/// One meeting to write.
struct Meeting<'u> {
    code: &'u str,
    name: &'u str,
    parent: &'u str,
    dmy: bool,
    year: i32,
    month: u32,
    day: u32,
    kind: &'static str,
    /// The session's topic, or none (a meeting without a session).
    topic: Option<usize>,
    follow_up: Option<(usize, &'static str)>,
    /// The rule to break, if any.
    breaks: Option<&'static str>,
}

fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn person(rng: &mut Rng) -> String {
    format!(
        "{} {} {}",
        rng.choose(FAMILY),
        rng.choose(MIDDLE),
        rng.choose(GIVEN)
    )
}

fn date(out: &mut String, dmy: bool, y: i32, m: u32, d: u32) {
    if dmy {
        let _ = write!(out, "\"{d:02}/{m:02}/{y:04}\"");
    } else {
        let _ = write!(out, "\"{y:04}-{m:02}-{d:02}\"");
    }
}

fn end_of_next_month(y: i32, m: u32) -> (i32, u32, u32) {
    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    let d = match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (y, m, d)
}

/// Writes one record as a JSON line (without the newline).
fn record(rng: &mut Rng, m: &Meeting<'_>, out: &mut String) {
    let b = m.breaks.unwrap_or("");
    out.push_str("{\"id\": ");
    let id = format!("{}/{:04}-{:02}-{:02}", m.code, m.year, m.month, m.day);
    json_str(out, &id);
    out.push_str(", \"unit\": {\"code\": ");
    json_str(out, m.code);
    out.push_str(", \"name\": ");
    json_str(out, m.name);
    out.push_str(", \"parent\": ");
    json_str(out, m.parent);
    out.push_str("}, \"date\": ");
    date(out, m.dmy, m.year, m.month, m.day);
    out.push_str(", \"kind\": ");
    json_str(out, m.kind);
    out.push_str(", \"chair\": ");
    let chair = person(rng);
    json_str(out, if b == "CD310" { "" } else { &chair });
    out.push_str(", \"secretary\": ");
    json_str(out, &person(rng));
    let total = 12 + rng.below(20);
    let present = total - rng.below(5);
    let _ = write!(
        out,
        ", \"attendance\": {{\"present\": {present}, \"total\": {total}}}"
    );
    let recorded = if b == "CD102" { "false" } else { "true" };
    let _ = write!(
        out,
        ", \"minutes_book\": {{\"recorded\": {recorded}, \"page\": \"{}\"}}",
        1 + rng.below(200)
    );
    let Some(t) = m.topic.filter(|_| b != "CD101") else {
        out.push_str(", \"session\": null}");
        return;
    };
    let topic = &TOPICS[t];
    out.push_str(", \"session\": {\"topics\": [");
    match b {
        "CD201" => out.push_str("\"...\""),
        "CD202" => {
            json_str(out, topic.title);
            out.push_str(", ");
            json_str(out, TOPICS[(t + 1) % TOPICS.len()].title);
        }
        _ => json_str(out, topic.title),
    }
    out.push_str("], \"area\": ");
    if b == "CD203" {
        out.push_str("\"\"");
    } else if b == "CD309" {
        json_str(out, "shortcomings");
    } else {
        json_str(out, topic.area);
    }
    out.push_str(", \"source\": {\"kind\": ");
    json_str(out, topic.source.0);
    out.push_str(", \"title\": ");
    json_str(out, if b == "CD204" { "N/A" } else { topic.source.1 });
    out.push('}');
    let start_h = 7 + rng.below(13);
    let start_m = [0, 15, 30][rng.below(3)];
    let minutes: u32 = match b {
        "CD401" => 20,
        _ => 35 + 5 * rng.below(8) as u32,
    };
    let end = start_h * 60 + start_m + minutes as usize;
    match b {
        "CD402" => {}
        "CD403" => {
            let _ = write!(
                out,
                ", \"start\": \"{start_h:02}:{start_m:02}\", \"end\": \"{:02}:{:02}\", \"minutes\": {}",
                end / 60,
                end % 60,
                minutes + 10
            );
        }
        _ => {
            let _ = write!(
                out,
                ", \"start\": \"{start_h:02}:{start_m:02}\", \"end\": \"{:02}:{:02}\", \"minutes\": {minutes}",
                end / 60,
                end % 60
            );
        }
    }
    out.push_str(", \"reason\": ");
    json_str(
        out,
        if b == "CD301" {
            ""
        } else {
            rng.choose(REASONS)
        },
    );
    out.push_str(", \"assessment\": {\"strengths\": ");
    json_str(out, rng.choose(STRENGTHS));
    out.push_str(", \"weaknesses\": ");
    json_str(
        out,
        if b == "CD302" {
            "N/A"
        } else {
            rng.choose(WEAKNESSES)
        },
    );
    out.push_str("}, \"questions\": [");
    if b != "CD305" {
        let n = 1 + rng.below(2);
        let first = rng.below(QUESTIONS.len());
        for i in 0..n {
            if i > 0 {
                out.push_str(", ");
            }
            json_str(out, QUESTIONS[(first + i) % QUESTIONS.len()]);
        }
    }
    out.push_str("], \"discussion\": {\"opinions\": [");
    if b != "CD304" {
        let n = 2 + rng.below(2);
        let first = rng.below(OPINIONS.len());
        for i in 0..n {
            if i > 0 {
                out.push_str(", ");
            }
            let who = person(rng);
            json_str(
                out,
                &format!("Đồng chí {who}: {}", OPINIONS[(first + i) % OPINIONS.len()]),
            );
        }
    }
    out.push_str("], \"causes\": ");
    json_str(
        out,
        if b == "CD303" {
            "..."
        } else {
            rng.choose(CAUSES)
        },
    );
    out.push_str(", \"measures\": ");
    json_str(out, rng.choose(MEASURES));
    out.push_str("}, \"conclusion\": ");
    json_str(
        out,
        if b == "CD306" {
            "-"
        } else {
            rng.choose(CONCLUSIONS)
        },
    );
    out.push_str(", \"assignments\": [");
    if b != "CD307" {
        let (dy, dm, dd) = end_of_next_month(m.year, m.month);
        let n = 2 + usize::from(rng.chance(0.25));
        for i in 0..n {
            if i > 0 {
                out.push_str(", ");
            }
            let collective = i == 0;
            out.push_str("{\"assignee\": ");
            if collective {
                json_str(out, "Chi ủy");
            } else {
                json_str(out, &format!("Đồng chí {}", person(rng)));
            }
            out.push_str(", \"kind\": ");
            json_str(
                out,
                if collective {
                    "collective"
                } else {
                    "individual"
                },
            );
            out.push_str(", \"task\": ");
            json_str(out, rng.choose(TASKS));
            out.push_str(", \"due\": ");
            if b == "CD308" && i == n - 1 {
                // Read, and sets no time limit: CD308 (`cuối quý` is a deadline since format 1.1).
                json_str(out, "thường xuyên");
            } else {
                date(out, false, dy, dm, dd);
            }
            // A session on members' shortcomings assigns a remedy (CD309, catalogue v1.1); the
            // chance is drawn as before, so the rest of the data stays the same.
            let remedy = !collective
                && (rng.chance(0.3) || (topic.area == "shortcomings" && i == n - 1))
                && b != "CD309";
            let _ = write!(out, ", \"remedy\": {remedy}}}");
        }
    }
    out.push(']');
    if let Some((previous, result)) = m.follow_up.filter(|_| b != "CD501") {
        out.push_str(", \"follow_up\": {\"topic\": ");
        let shown = if b == "CD502" {
            (previous + 7) % TOPICS.len()
        } else {
            previous
        };
        json_str(out, TOPICS[shown].title);
        out.push_str(", \"result\": ");
        json_str(out, result);
        out.push_str(", \"notes\": ");
        json_str(out, rng.choose(NOTES));
        out.push('}');
    }
    out.push_str("}}");
}

/// Makes a line malformed, one of several ways.
fn break_line(rng: &mut Rng, line: &mut String) {
    match rng.below(5) {
        0 => {
            // Truncated at a character boundary.
            let mut cut = line.len() / 2 + rng.below(line.len() / 3 + 1);
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            line.truncate(cut);
        }
        1 => {
            if let Some(at) = line.find("\"date\": \"") {
                line.replace_range(at + 9..at + 13, "2017-13-45\", \"x\": \"");
            }
        }
        2 => *line = line.replacen("\"code\": ", "\"ma\": ", 1),
        3 => *line = line.replacen("\"kind\": \"periodic\"", "\"kind\": \"hop-mat\"", 1),
        _ => {
            let mut at = line.len() / 2;
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            line.insert_str(at, "\u{FFFD}\u{FFFD}\" oops");
        }
    }
}

/// One generated line: its text, and whether it holds bytes that are not UTF-8.
#[derive(Clone, Debug)]
pub struct Line {
    pub text: String,
    /// Replace each U+FFFD with the raw byte 0xFF when writing (to make non-UTF-8 input).
    pub raw_ff: bool,
    pub malformed: bool,
    pub violation: bool,
}

/// Generates every line, calling `emit(file_index_hint, line)` in output order. The hint is a
/// random number: a caller spreading lines over `k` files uses `hint % k`.
pub fn generate(
    config: &Config,
    mut emit: impl FnMut(u64, &Line) -> io::Result<()>,
) -> io::Result<Written> {
    let mut rng = Rng::new(config.seed);
    let mut written = Written::default();
    let rules = rules();
    let mut states: Vec<UnitState> = (0..config.units)
        .map(|i| UnitState {
            topic: rng.below(TOPICS.len()),
            run: 0,
            target: 1 + rng.below(3) as u32,
            previous: None,
            dmy: i % 10 == 7,
        })
        .collect();
    let names: Vec<(String, String, String)> = (0..config.units)
        .map(|i| {
            let commune = COMMUNES[(i as usize / 12) % COMMUNES.len()];
            let place = PLACES[(i as usize / 12 / COMMUNES.len()) % PLACES.len()];
            let district = i / (12 * COMMUNES.len() as u32 * PLACES.len() as u32);
            (
                format!("D{district:03}-{:04}-CB{:02}", i / 12, i % 12 + 1),
                format!("Chi bộ {place} {}", i % 12 + 1),
                format!("Đảng bộ xã {commune}"),
            )
        })
        .collect();

    let mut text = String::with_capacity(4096);
    let mut window_start = 0;
    while window_start < config.months {
        let window = (config.months - window_start).min(12);
        for (u, state) in states.iter_mut().enumerate() {
            let (code, name, parent) = &names[u];
            // This unit's meetings of the window, in date order; written in a shuffled order.
            let mut lines: Vec<Line> = Vec::with_capacity(window as usize + 2);
            for k in 0..window {
                let index = config.start.1 - 1 + window_start + k;
                let year = config.start.0 + (index / 12) as i32;
                let month = index % 12 + 1;
                let breaks = rng.chance(config.violations).then(|| rng.choose(&rules));
                if breaks == Some("CD601") {
                    written.violations += 1;
                    continue; // a month without a meeting
                }
                // The follow-up of the previous session, and this session's topic.
                let mut follow_up = None;
                if let Some(previous) = state.previous {
                    let done = state.run >= state.target;
                    let (result, switch) = match breaks {
                        Some("CD503") => ("in-progress", true),
                        Some("CD504") => ("achieved", false),
                        _ if done => ("achieved", true),
                        _ => ("in-progress", false),
                    };
                    follow_up = Some((previous, result));
                    if switch {
                        state.topic =
                            (state.topic + 1 + rng.below(TOPICS.len() - 1)) % TOPICS.len();
                        state.run = 0;
                        state.target = if breaks == Some("CD505") {
                            5
                        } else {
                            1 + rng.below(3) as u32
                        };
                    }
                }
                if breaks == Some("CD505") {
                    state.target = state.target.max(5);
                }
                let day = 1 + rng.below(27) as u32;
                let kind = if rng.chance(0.02) {
                    "định kỳ"
                } else {
                    "periodic"
                };
                let meeting = Meeting {
                    code,
                    name,
                    parent,
                    dmy: state.dmy,
                    year,
                    month,
                    day,
                    kind,
                    topic: Some(state.topic),
                    follow_up,
                    breaks,
                };
                text.clear();
                record(&mut rng, &meeting, &mut text);
                lines.push(finish(
                    &mut rng,
                    config,
                    &text,
                    breaks.is_some(),
                    &mut written,
                ));
                if breaks != Some("CD101") {
                    state.previous = Some(state.topic);
                    state.run += 1;
                }
                if breaks == Some("CD602") || rng.chance(0.03) {
                    // A second meeting in the month: another periodic one (CD602), or an
                    // extraordinary meeting without a session.
                    let second = Meeting {
                        day: 28,
                        kind: if breaks == Some("CD602") {
                            "periodic"
                        } else {
                            "extraordinary"
                        },
                        topic: if breaks == Some("CD602") {
                            Some(state.topic)
                        } else {
                            None
                        },
                        follow_up: if breaks == Some("CD602") {
                            Some((state.topic, "in-progress"))
                        } else {
                            None
                        },
                        breaks: None,
                        ..meeting
                    };
                    text.clear();
                    record(&mut rng, &second, &mut text);
                    lines.push(finish(&mut rng, config, &text, false, &mut written));
                }
            }
            // Out of date order: a random rotation and a few swaps.
            let n = lines.len();
            if n > 1 {
                lines.rotate_left(rng.below(n));
                for _ in 0..n / 2 {
                    let (a, b) = (rng.below(n), rng.below(n));
                    lines.swap(a, b);
                }
            }
            for line in &lines {
                written.lines += 1;
                written.bytes += line.text.len() as u64 + 1;
                emit(rng.next_u64(), line)?;
            }
        }
        window_start += window;
    }
    Ok(written)
}

fn finish(
    rng: &mut Rng,
    config: &Config,
    text: &str,
    violation: bool,
    written: &mut Written,
) -> Line {
    let mut line = if rng.chance(config.nfd) {
        text.nfd().collect()
    } else {
        text.to_owned()
    };
    let malformed = rng.chance(config.malformed);
    let mut raw_ff = false;
    if malformed {
        written.malformed += 1;
        break_line(rng, &mut line);
        raw_ff = line.contains('\u{FFFD}');
    } else if violation {
        written.violations += 1;
    }
    Line {
        text: line,
        raw_ff,
        malformed,
        violation,
    }
}

/// Writes a line's bytes (with raw 0xFF bytes where asked) and a newline.
pub fn write_line(out: &mut impl Write, line: &Line) -> io::Result<()> {
    if line.raw_ff {
        let bytes: Vec<u8> = line
            .text
            .replace('\u{FFFD}', "\u{1}")
            .bytes()
            .map(|b| if b == 1 { 0xFF } else { b })
            .collect();
        out.write_all(&bytes)?;
    } else {
        out.write_all(line.text.as_bytes())?;
    }
    out.write_all(b"\n")
}

/// One typical, valid, compliant-looking record line (for per-record benchmarks).
/// Every line of a generated batch, in order (for benchmarks).
pub fn lines(config: &Config) -> Vec<String> {
    let mut out = Vec::new();
    let _ = generate(config, |_, line| {
        out.push(line.text.clone());
        Ok(())
    });
    out
}

pub fn sample_record(seed: u64) -> String {
    let config = Config {
        units: 1,
        months: 2,
        violations: 0.0,
        malformed: 0.0,
        nfd: 0.0,
        seed,
        ..Config::default()
    };
    lines(&config)
        .into_iter()
        .max_by_key(String::len)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_lines() {
        let config = Config {
            units: 20,
            months: 14,
            violations: 0.2,
            malformed: 0.05,
            ..Config::default()
        };
        let collect = || {
            let mut all = Vec::new();
            let w = generate(&config, |h, l| {
                all.push((h, l.text.clone()));
                Ok(())
            })
            .unwrap();
            (all, w)
        };
        let (a, wa) = collect();
        let (b, wb) = collect();
        assert_eq!(a, b);
        assert_eq!(wa, wb);
        assert!(wa.malformed > 0 && wa.violations > 0);
    }

    #[test]
    fn records_are_the_size_of_real_minutes() {
        let r = sample_record(1);
        assert!((1200..2600).contains(&r.len()), "{}", r.len());
    }
}
