//! The inspector's filed report: the same figures in every format (html, md, xlsx, csv, json),
//! a scope that says exactly what was checked, the audited period, the workbook, CSV for Excel,
//! outputs refused before the run, the signature, recommendations, one report per committee.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::{kiemtra, kiemtra_in, root, stdout, DOC};

/// A fresh directory for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kiemtra-report-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn path(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

/// A unit's figures as a report shows them.
#[derive(Debug, Clone, PartialEq)]
struct UnitFigures {
    expected: u64,
    held: u64,
    compliant: u64,
    /// Percent, as shown (one decimal).
    rate: f64,
    rating: String,
    errors: u64,
    warnings: u64,
}

fn number(s: &str) -> u64 {
    s.trim()
        .trim_matches('*')
        .parse()
        .unwrap_or_else(|_| panic!("«{s}» is not a number"))
}

fn percent(s: &str) -> f64 {
    s.trim()
        .trim_matches('*')
        .trim_end_matches('%')
        .trim()
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("«{s}» is not a percentage"))
}

fn rating_label(code: &str) -> &'static str {
    match code {
        "good" => "tốt",
        "fair" => "khá",
        "average" => "trung bình",
        "poor" => "kém",
        _ => "—",
    }
}

/// Per unit (code), per parent (name: units, expected, held, compliant) and per rule (code:
/// findings, units) from the JSON report: the reference.
struct Figures {
    units: BTreeMap<String, UnitFigures>,
    parents: BTreeMap<String, [u64; 4]>,
    rules: BTreeMap<String, [u64; 2]>,
    findings: usize,
    rejected: usize,
}

fn from_json(v: &serde_json::Value) -> Figures {
    let n = |v: &serde_json::Value| v.as_u64().expect("number");
    let units = v["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| {
            (
                u["unit"].as_str().unwrap_or_default().to_owned(),
                UnitFigures {
                    expected: n(&u["months_expected"]),
                    held: n(&u["months_held"]),
                    compliant: n(&u["months_compliant"]),
                    rate: u["compliance_rate"].as_f64().unwrap_or(-1.0) * 100.0,
                    rating: rating_label(u["rating"].as_str().unwrap_or_default()).to_owned(),
                    errors: n(&u["error"]),
                    warnings: n(&u["warning"]),
                },
            )
        })
        .collect();
    let parents = v["parents"]
        .as_array()
        .expect("parents")
        .iter()
        .map(|p| {
            (
                p["parent"].as_str().unwrap_or_default().to_owned(),
                [
                    p["units"].as_array().map_or(0, |u| u.len() as u64),
                    n(&p["months_expected"]),
                    n(&p["months_held"]),
                    n(&p["months_compliant"]),
                ],
            )
        })
        .collect();
    let rules = v["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap_or_default().to_owned(),
                [n(&r["findings"]), n(&r["units"])],
            )
        })
        .collect();
    Figures {
        units,
        parents,
        rules,
        findings: v["findings"].as_array().map_or(0, Vec::len),
        rejected: v["rejected"].as_array().map_or(0, Vec::len)
            + v["file_errors"].as_array().map_or(0, Vec::len),
    }
}

/// The rows of the Markdown table under a heading.
fn md_table(md: &str, heading: &str) -> Vec<Vec<String>> {
    let start = md.find(heading).unwrap_or_else(|| panic!("{heading}"));
    md[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

/// The rows of the HTML table in the section whose heading is `heading`.
fn html_table(doc: &scraper::Html, heading: &str) -> Vec<Vec<String>> {
    let sel = |s: &str| scraper::Selector::parse(s).expect("selector");
    let section = doc
        .select(&sel("section"))
        .find(|s| {
            s.select(&sel("h2, h3"))
                .next()
                .is_some_and(|h| h.text().collect::<String>() == heading)
        })
        .unwrap_or_else(|| panic!("{heading}"));
    let table = section.select(&sel("table.data")).next().expect("table");
    table
        .select(&sel("tbody tr"))
        .map(|tr| {
            tr.select(&sel("td"))
                .map(|td| td.text().collect::<String>().trim().to_owned())
                .collect()
        })
        .collect()
}

/// The Word report's body, read back with kiemtra's own Word reader.
fn docx_blocks(path: &str) -> Vec<kiemtra_input::docx::Block> {
    let bytes = std::fs::read(path).expect("the Word report");
    kiemtra_input::docx::blocks(&bytes).expect("a readable Word document")
}

/// A cell's text: its paragraphs, one after the other.
fn docx_cell(cell: &[kiemtra_input::docx::Paragraph]) -> String {
    cell.iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        .trim()
        .to_owned()
}

/// The rows (header left out) of the first table after the heading that starts with `heading`.
fn docx_table(blocks: &[kiemtra_input::docx::Block], heading: &str) -> Vec<Vec<String>> {
    use kiemtra_input::docx::Block;
    let start = blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph(p) if p.text.starts_with(heading)))
        .unwrap_or_else(|| panic!("{heading}"));
    blocks[start..]
        .iter()
        .find_map(|b| match b {
            Block::Table(rows) => Some(rows),
            Block::Paragraph(_) => None,
        })
        .expect("a table")
        .iter()
        .skip(1)
        .map(|row| row.iter().map(|c| docx_cell(c)).collect())
        .collect()
}

fn unit_rows(rows: &[Vec<String>]) -> BTreeMap<String, UnitFigures> {
    rows.iter()
        .map(|r| {
            (
                r[1].clone(),
                UnitFigures {
                    expected: number(&r[4]),
                    held: number(&r[5]),
                    compliant: number(&r[6]),
                    rate: percent(&r[7]),
                    rating: r[8].clone(),
                    errors: number(&r[9]),
                    warnings: number(&r[10]),
                },
            )
        })
        .collect()
}

fn parent_rows(rows: &[Vec<String>]) -> BTreeMap<String, [u64; 4]> {
    rows.iter()
        .filter(|r| !r[0].contains("Tổng cộng"))
        .map(|r| {
            (
                r[0].clone(),
                [number(&r[1]), number(&r[2]), number(&r[3]), number(&r[4])],
            )
        })
        .collect()
}

fn rule_rows(rows: &[Vec<String>]) -> BTreeMap<String, [u64; 2]> {
    rows.iter()
        .map(|r| (r[0].clone(), [number(&r[4]), number(&r[5])]))
        .collect()
}

/// Rates shown to one decimal agree with the exact rate to within that decimal.
fn same_units(shown: &BTreeMap<String, UnitFigures>, json: &BTreeMap<String, UnitFigures>) {
    assert_eq!(
        shown.keys().collect::<Vec<_>>(),
        json.keys().collect::<Vec<_>>()
    );
    for (code, s) in shown {
        let j = &json[code];
        assert!((s.rate - j.rate).abs() <= 0.1, "{code}: {s:?} vs {j:?}");
        let (mut s, mut j) = (s.clone(), j.clone());
        s.rate = 0.0;
        j.rate = 0.0;
        assert_eq!(s, j, "{code}");
    }
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    }
}

fn cell_number(d: &Data) -> u64 {
    match d {
        Data::Float(f) if f.fract() == 0.0 && *f >= 0.0 => *f as u64,
        Data::Int(i) if *i >= 0 => *i as u64,
        other => panic!("{other:?} is not a whole number cell"),
    }
}

#[test]
fn the_batch_agrees_figure_for_figure_in_every_format() {
    let dir = scratch("formats");
    let files = ["r.html", "r.md", "r.xlsx", "r.csv", "r.json", "r.docx"].map(|f| path(&dir, f));
    let mut args = vec!["check", "fixtures/batch"];
    for f in &files {
        args.extend(["-o", f.as_str()]);
    }
    args.extend(DOC);
    let o = kiemtra(&args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let read = |i: usize| std::fs::read_to_string(&files[i]).expect("report");

    let json: serde_json::Value = serde_json::from_str(&read(4)).expect("JSON");
    let want = from_json(&json);
    assert_eq!(want.units.len(), 15);

    // Markdown.
    let md = read(1);
    same_units(
        &unit_rows(&md_table(&md, "### 3. Kết quả từng chi bộ")),
        &want.units,
    );
    assert_eq!(
        parent_rows(&md_table(&md, "### 2. Kết quả theo đảng bộ")),
        want.parents
    );
    assert_eq!(
        rule_rows(&md_table(&md, "### 4. Các nội dung vi phạm")),
        want.rules
    );
    let details = &md[md.find("## V. CHI TIẾT").expect("details")
        ..md.find("## VI. BIÊN BẢN").expect("rejected")];
    let finding_rows = details
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Thời điểm"))
        .count();
    assert_eq!(finding_rows, want.findings);
    assert_eq!(md_table(&md, "## VI. BIÊN BẢN").len(), want.rejected);

    // HTML.
    let doc = scraper::Html::parse_document(&read(0));
    same_units(
        &unit_rows(&html_table(
            &doc,
            "3. Kết quả từng chi bộ (mức tuân thủ thấp nhất trước)",
        )),
        &want.units,
    );
    assert_eq!(
        parent_rows(&html_table(&doc, "2. Kết quả theo đảng bộ")),
        want.parents
    );
    assert_eq!(
        rule_rows(&html_table(
            &doc,
            "4. Các nội dung vi phạm (nhiều nhất trước)"
        )),
        want.rules
    );
    let sel = scraper::Selector::parse("section.unit table.data tbody tr").unwrap();
    assert_eq!(doc.select(&sel).count(), want.findings);
    assert_eq!(
        html_table(&doc, "VI. BIÊN BẢN KHÔNG KIỂM TRA ĐƯỢC").len(),
        want.rejected
    );

    // The Word report, read back from its document.xml.
    let blocks = docx_blocks(&files[5]);
    same_units(
        &unit_rows(&docx_table(&blocks, "3. Kết quả từng chi bộ")),
        &want.units,
    );
    assert_eq!(
        parent_rows(&docx_table(&blocks, "2. Kết quả theo đảng bộ")),
        want.parents
    );
    assert_eq!(
        rule_rows(&docx_table(&blocks, "4. Các nội dung vi phạm")),
        want.rules
    );
    let heading = |b: &kiemtra_input::docx::Block, start: &str| matches!(b, kiemtra_input::docx::Block::Paragraph(p) if p.text.starts_with(start));
    let from = blocks
        .iter()
        .position(|b| heading(b, "V. CHI TIẾT"))
        .expect("details");
    let to = blocks
        .iter()
        .position(|b| heading(b, "VI. BIÊN BẢN"))
        .expect("rejected");
    let finding_rows: usize = blocks[from..to]
        .iter()
        .map(|b| match b {
            kiemtra_input::docx::Block::Table(rows) => rows.len() - 1,
            kiemtra_input::docx::Block::Paragraph(_) => 0,
        })
        .sum();
    assert_eq!(finding_rows, want.findings);
    assert_eq!(docx_table(&blocks, "VI. BIÊN BẢN").len(), want.rejected);

    // CSV: one row per finding, per rejected record.
    let csv = read(3);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let mut per_rule: BTreeMap<String, u64> = BTreeMap::new();
    let mut rejected = 0;
    for row in reader.records() {
        let row = row.expect("CSV row");
        match &row[6] {
            "" => rejected += 1,
            rule => *per_rule.entry(rule.to_owned()).or_default() += 1,
        }
    }
    assert_eq!(rejected, want.rejected);
    assert_eq!(
        per_rule,
        want.rules
            .iter()
            .map(|(k, v)| (k.clone(), v[0]))
            .collect::<BTreeMap<_, _>>()
    );

    // The workbook.
    let mut book: Xlsx<_> = open_workbook(&files[2]).expect("workbook");
    assert_eq!(
        book.sheet_names(),
        ["Tổng hợp", "Chi bộ", "Vi phạm", "Bị loại", "Miễn trừ"]
    );
    let summary = book.worksheet_range("Tổng hợp").expect("Tổng hợp");
    let rows: Vec<&[Data]> = summary.rows().skip(1).collect();
    let parents: BTreeMap<String, [u64; 4]> = rows
        .iter()
        .filter(|r| cell_text(&r[0]) != "Tổng cộng")
        .map(|r| {
            (
                cell_text(&r[0]),
                [
                    cell_number(&r[1]),
                    cell_number(&r[2]),
                    cell_number(&r[3]),
                    cell_number(&r[4]),
                ],
            )
        })
        .collect();
    assert_eq!(parents, want.parents);
    let total = rows.last().expect("total row");
    assert_eq!(cell_text(&total[0]), "Tổng cộng");
    assert_eq!(
        cell_number(&total[2]),
        json["totals"]["months_expected"].as_u64().unwrap()
    );
    let units = book.worksheet_range("Chi bộ").expect("Chi bộ");
    let shown: BTreeMap<String, UnitFigures> = units
        .rows()
        .skip(1)
        .map(|r| {
            let rate = match &r[7] {
                Data::Float(f) => f * 100.0,
                other => panic!("the rate is a number cell, not {other:?}"),
            };
            (
                cell_text(&r[1]),
                UnitFigures {
                    expected: cell_number(&r[4]),
                    held: cell_number(&r[5]),
                    compliant: cell_number(&r[6]),
                    rate,
                    rating: cell_text(&r[8]),
                    errors: cell_number(&r[9]),
                    warnings: cell_number(&r[10]),
                },
            )
        })
        .collect();
    same_units(&shown, &want.units);
    let findings = book.worksheet_range("Vi phạm").expect("Vi phạm");
    assert_eq!(findings.rows().count() - 1, want.findings);
    // Months and meeting days are date cells, lines whole numbers.
    let first = findings.rows().nth(1).expect("a finding");
    assert!(matches!(first[3], Data::DateTime(_)), "{:?}", first[3]);
    assert!(
        findings
            .rows()
            .skip(1)
            .any(|r| matches!(r[4], Data::DateTime(_))),
        "meeting days are dates"
    );
    let per_rule = findings
        .rows()
        .skip(1)
        .fold(BTreeMap::<String, u64>::new(), |mut m, r| {
            *m.entry(cell_text(&r[8])).or_default() += 1;
            m
        });
    assert_eq!(
        per_rule,
        want.rules
            .iter()
            .map(|(k, v)| (k.clone(), v[0]))
            .collect::<BTreeMap<_, _>>()
    );
    let rejected = book.worksheet_range("Bị loại").expect("Bị loại");
    assert_eq!(rejected.rows().count() - 1, want.rejected);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_workbook_is_the_same_bytes_for_the_same_input() {
    let dir = scratch("xlsx-bytes");
    for ext in ["xlsx", "docx"] {
        let (a, b) = (
            path(&dir, &format!("a.{ext}")),
            path(&dir, &format!("b.{ext}")),
        );
        kiemtra(&[
            "check",
            "fixtures/batch",
            "-j",
            "1",
            "-o",
            &a,
            "--date",
            "2019-01-15",
        ]);
        kiemtra(&[
            "check",
            "-j",
            "2",
            "-o",
            &b,
            "fixtures/batch",
            "--date",
            "2019-01-15",
        ]);
        let a = std::fs::read(&a).unwrap();
        assert!(a.len() > 1000, "{ext}");
        assert!(a == std::fs::read(&b).unwrap(), "{ext}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The scope section and the rules appendix of a Markdown report, and the JSON's scope.
fn scope_of(args: &[&str]) -> String {
    let mut md_args = args.to_vec();
    md_args.extend(["--format", "md"]);
    let md = stdout(&kiemtra(&md_args));
    let scope = &md[md.find("## I.").expect("scope")..md.find("## II.").expect("results")];
    let appendix =
        &md[md.find("## Phụ lục 1").expect("appendix")..md.find("## Phụ lục 2").unwrap()];
    // Of the appendix, each rule's code, severity and whether it was applied.
    let rules: Vec<String> = appendix
        .lines()
        .filter(|l| l.starts_with("| CD"))
        .map(|l| {
            let c: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            format!("{} | {} | {}", c[0], c[2], c[3])
        })
        .collect();
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&kiemtra(&json_args))).unwrap();
    format!(
        "{scope}\n{}\n\n{}\n{}",
        rules.join("\n"),
        serde_json::to_string_pretty(&json["period"]).unwrap(),
        serde_json::to_string_pretty(&json["scope"]).unwrap()
    )
}

#[test]
fn a_tailored_run_lists_exactly_the_rules_and_parameters_in_force() {
    let out = scope_of(&[
        "--config",
        "fixtures/config/tailored.toml",
        "check",
        "fixtures/batch",
        "--waivers",
        "fixtures/config/waivers.toml",
    ]);
    // Rules off are not "applied"; 25 minutes is not the pack's value, and where it was set.
    assert!(out.contains("áp dụng 20 trên 26 quy tắc"), "{out}");
    assert!(out.contains("CD203 (ignore CD203, fixtures/config/tailored.toml:3)"));
    assert!(
        out.contains("`min_minutes` = 25 (bộ quy tắc: 30; đặt tại fixtures/config/tailored.toml:")
    );
    assert!(out.contains("CD203 (topic-area) | — | không"), "{out}");
    assert!(!out.contains("(24 quy tắc)"));
    insta::assert_snapshot!(out);
}

#[test]
fn the_audited_period_is_the_one_audited_with_the_reason() {
    let args = [
        "check",
        "fixtures/batch",
        "--from",
        "1990-01",
        "--format",
        "md",
    ];
    let md = stdout(&kiemtra(&args));
    assert!(
        md.contains(
            "tháng 01/2017 – tháng 12/2018 (kỳ kiểm tra bắt đầu từ tháng 01/2017, tháng trọn vẹn \
             đầu tiên kể từ ngày hướng dẫn có hiệu lực 30/12/2016, không từ tháng 01/1990)"
        ),
        "{}",
        &md[..3000.min(md.len())]
    );
    assert!(!md.contains("1990 "), "no month picture of 1990");
    assert!(!md.contains("tháng 01/1990 –"));
    let html = stdout(&kiemtra(&[
        "check",
        "fixtures/batch",
        "--from",
        "1990-01",
        "--format",
        "html",
    ]));
    assert!(!html.contains(">1990<"), "the picture starts in 2017");
    assert!(html.contains(">2017<"));
    let json: serde_json::Value = serde_json::from_str(&stdout(&kiemtra(&[
        "check",
        "fixtures/batch",
        "--from",
        "1990-01",
        "--format",
        "json",
    ])))
    .unwrap();
    // The period audited, never the one asked for, and why (catalogue v1.1).
    assert_eq!(json["period"]["from"], "2017-01");
    assert_eq!(json["period"]["audited_from"], "2017-01");
    assert!(json["period"]["reason"].is_string());
}

#[test]
fn an_output_kiemtra_does_not_write_is_refused_before_the_run() {
    let dir = scratch("refused");
    // Refused even before the input is looked at (it does not exist).
    for (file, says) in [
        ("report.pdf", "HTML"),
        ("report.odt", ".docx"),
        ("report", ".html"),
    ] {
        let out = path(&dir, file);
        let o = kiemtra(&["check", "no-such-dir", "-o", &out]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{file}: {err}");
        assert!(!Path::new(&out).exists(), "{file} not written");
    }
    let o = kiemtra(&[
        "--lang",
        "en",
        "check",
        "fixtures/batch",
        "-o",
        &path(&dir, "r.pdf"),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("does not write PDF") && err.contains("Print"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn csv_for_excel_takes_another_delimiter() {
    let plain = stdout(&kiemtra(&["check", "fixtures/batch", "--format", "csv"]));
    assert!(plain.lines().next().unwrap().contains("Đảng bộ,Mã chi bộ"));
    let semi = stdout(&kiemtra(&[
        "check",
        "fixtures/batch",
        "--format",
        "csv",
        "--csv-delimiter",
        ";",
    ]));
    assert!(semi.lines().next().unwrap().contains("Đảng bộ;Mã chi bộ"));
    let rows = |text: &str, d: u8| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .delimiter(d)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    };
    // The same cells, whatever the delimiter.
    assert_eq!(rows(&plain, b','), rows(&semi, b';'));
    // From kiemtra.toml, shown by `kiemtra config` with where it was set.
    let dir = scratch("delimiter");
    std::fs::write(dir.join("kiemtra.toml"), "csv_delimiter = \";\"\n").unwrap();
    let batch = root().join("fixtures/batch");
    let o = kiemtra_in(&dir, &["check", batch.to_str().unwrap(), "--format", "csv"]);
    assert!(stdout(&o)
        .lines()
        .next()
        .unwrap()
        .contains("Đảng bộ;Mã chi bộ"));
    let config = stdout(&kiemtra_in(&dir, &["config"]));
    let line = config
        .lines()
        .find(|l| l.starts_with("csv_delimiter"))
        .expect("csv_delimiter shown");
    assert!(
        line.contains(';') && line.contains("kiemtra.toml:1"),
        "{line}"
    );
    // A delimiter it cannot write is refused.
    let o = kiemtra(&["check", "fixtures/batch", "--csv-delimiter", "x"]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_signature_follows_the_body_or_the_options() {
    let sign = |args: &[&str]| -> String {
        let mut all = vec![
            "check",
            "fixtures/samples/xa-ham-chinh.jsonl",
            "--format",
            "html",
        ];
        all.extend(args);
        let html = stdout(&kiemtra(&all));
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse(".sign .who").unwrap();
        let who = doc.select(&sel).next().expect("signature");
        who.text().collect::<Vec<_>>().join("|")
    };
    assert!(sign(&["--body", "BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC"]).starts_with("TRƯỞNG BAN|"));
    // Written in decomposed Unicode (NFD), with the old tone placement (UỶ): the same.
    let nfd = "BAN TUYE\u{302}N GIA\u{301}O HUYE\u{323}\u{302}N U\u{309}Y HA\u{300}M THUA\u{323}\u{302}N BA\u{306}\u{301}C";
    assert!(sign(&["--body", nfd]).starts_with("TRƯỞNG BAN|"));
    assert!(sign(&["--body", "ĐOÀN KIỂM TRA SỐ 2"]).starts_with("T/M ĐOÀN KIỂM TRA|TRƯỞNG ĐOÀN|"));
    assert!(
        sign(&["--body", "Huyện ủy Hàm Thuận Bắc | Đảng ủy xã Hàm Chính"])
            .starts_with("T/M ĐẢNG ỦY XÃ HÀM CHÍNH|BÍ THƯ|")
    );
    let given = sign(&[
        "--signer-title",
        "K/T TRƯỞNG BAN|PHÓ TRƯỞNG BAN",
        "--signer-name",
        "Nguyễn Thị Hoà",
    ]);
    assert!(
        given.starts_with("K/T TRƯỞNG BAN|PHÓ TRƯỞNG BAN|"),
        "{given}"
    );
    assert!(given.ends_with("Nguyễn Thị Hoà"), "{given}");
}

#[test]
fn recommendations_are_the_inspectors_own_or_drawn_from_the_rules_broken_most() {
    let md = |args: &[&str]| -> String {
        let mut all = vec!["check", "fixtures/batch", "--format", "md"];
        all.extend(args);
        let md = stdout(&kiemtra(&all));
        let start = md.find("## IV. KIẾN NGHỊ").expect("Kiến nghị");
        let end = md.find("## V. ").expect("next part");
        md[start..end].to_owned()
    };
    let generated = md(&[]);
    // The three rules broken most, each with its fix.
    assert!(generated.contains(
        "1. Về “Giao biện pháp khắc phục cho đảng viên còn khuyết điểm” (CD309, 13 chi bộ): "
    ));
    assert_eq!(
        generated
            .lines()
            .filter(|l| l.starts_with(char::is_numeric))
            .count(),
        3
    );
    let own = md(&["--recommendations", "fixtures/report/kien-nghi.txt"]);
    assert!(own.contains("Đề nghị Ban Thường vụ Huyện ủy"), "{own}");
    assert!(
        own.contains("- Đảng ủy xã Hàm Liêm chỉ đạo Chi bộ thôn 2"),
        "{own}"
    );
    assert!(!own.contains("CD307"));
    let o = kiemtra(&[
        "check",
        "fixtures/batch",
        "--recommendations",
        "no-such-file.txt",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_assessment_is_drawn_from_the_figures() {
    let md = stdout(&kiemtra(&["check", "fixtures/batch", "--format", "md"]));
    let start = md.find("## III. ĐÁNH GIÁ CHUNG").expect("Đánh giá chung");
    let part = &md[start..md.find("## IV.").unwrap()];
    assert!(part.contains("Trong 15 chi bộ được kiểm tra có 5 chi bộ xếp loại tốt (33,3 %)"));
    assert!(part.contains("“Phân công trách nhiệm thực hiện” (CD307): 14 lần, ở 8 trên 15 chi bộ"));
    assert!(part.contains(
        "Chi bộ không sinh hoạt định kỳ từ 2 tháng liền trở lên (1 chi bộ): HC-CB04 (2 tháng liền, \
         12/2017 – 01/2018)."
    ));
}

#[test]
fn split_by_parent_writes_one_report_per_committee_and_the_districts() {
    let dir = scratch("split");
    let (html, xlsx) = (path(&dir, "bao-cao.html"), path(&dir, "bao-cao.xlsx"));
    let o = kiemtra(&[
        "check",
        "fixtures/batch",
        "-o",
        &html,
        "-o",
        &xlsx,
        "--split-by",
        "parent",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "bao-cao-dang-bo-thi-tran-ma-lam.html",
            "bao-cao-dang-bo-thi-tran-ma-lam.xlsx",
            "bao-cao-dang-bo-xa-ham-chinh.html",
            "bao-cao-dang-bo-xa-ham-chinh.xlsx",
            "bao-cao-dang-bo-xa-ham-liem.html",
            "bao-cao-dang-bo-xa-ham-liem.xlsx",
            "bao-cao.html",
            "bao-cao.xlsx",
        ]
    );
    let units = |file: &str| -> (usize, usize) {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(dir.join(file)).unwrap());
        let s = |q: &str| doc.select(&scraper::Selector::parse(q).unwrap()).count();
        (s("section.unit"), s("section.unit table.data tbody tr"))
    };
    let district = units("bao-cao.html");
    let parts = [
        units("bao-cao-dang-bo-thi-tran-ma-lam.html"),
        units("bao-cao-dang-bo-xa-ham-chinh.html"),
        units("bao-cao-dang-bo-xa-ham-liem.html"),
    ];
    assert_eq!(parts.map(|p| p.0), [6, 5, 4]);
    assert_eq!(parts.iter().map(|p| p.1).sum::<usize>(), district.1);
    let chinh = std::fs::read_to_string(dir.join("bao-cao-dang-bo-xa-ham-chinh.html")).unwrap();
    assert!(chinh.contains("5 chi bộ thuộc 1 đảng bộ: Đảng bộ xã Hàm Chính (5 chi bộ)"));
    assert!(!chinh.contains("ML-KP01"));
    // Its data line says what part of the whole inspection it is.
    assert!(
        chinh.contains(
            "trích từ đợt kiểm tra chung: 4 tệp, đọc 389 biên bản, 384 đã kiểm tra, 5 bị loại"
        ),
        "{chinh}"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bao-cao-dang-bo-xa-ham-liem.xlsx"), "{err}");
    // Without a file there is nothing to split.
    let o = kiemtra(&["check", "fixtures/batch", "--split-by", "parent"]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}
