use super::write::{docx, Para, Part};
use super::*;

fn paras(texts: &[&str]) -> Vec<Block> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Block::Paragraph(Paragraph {
                number: i as u32 + 1,
                text: (*t).to_owned(),
                style: None,
            })
        })
        .collect()
}

#[test]
fn the_layout_of_the_handbook() {
    let m = minutes(
        &paras(&[
            "ĐẢNG BỘ XÃ HÀM CHÍNH",
            "CHI BỘ: Chi bộ thôn 3",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Mã chi bộ: HC-CB03",
            "BIÊN BẢN SINH HOẠT CHI BỘ ĐỊNH KỲ tháng 4 năm 2017",
            "Vào lúc 19 giờ 30 phút, ngày 09 tháng 4 năm 2017, tại hội trường thôn 3",
            "Thành phần tham dự:",
            "- Chủ tọa: đồng chí Nguyễn Văn An, Bí thư chi bộ",
            "- Thư ký: đồng chí Trần Thị Bình",
            "- Có mặt 17/19 đồng chí, vắng 2 (có lý do)",
            "NỘI DUNG SINH HOẠT",
            "Sinh hoạt chuyên đề từ 19 giờ 45 đến 20 giờ 30",
            "Chủ đề: Nâng cao tinh thần tự phê bình và phê bình",
            "Lý do chọn chủ đề:",
            "Góp ý còn nể nang.",
            "Còn ngại va chạm.",
            "Ý kiến thảo luận:",
            "- Đồng chí Hùng: cần góp ý thẳng thắn.",
            "- Đồng chí Lan: đồng ý.",
            "Đồng chí chủ trì kết luận: Mỗi đảng viên tự nhận một khuyết điểm.",
            "Phân công thực hiện:",
            "- Tổ đảng số 1: theo dõi việc sửa chữa khuyết điểm, thời hạn: tháng 5/2017",
            "Một đoạn không nhãn.",
            "Kết thúc lúc 21 giờ cùng ngày.",
        ]),
        None,
    );
    let r = Value::Object(m.record.clone());
    assert_eq!(
        r["unit"],
        json!({"parent": "Đảng bộ xã Hàm Chính", "name": "Chi bộ thôn 3", "code": "HC-CB03"})
    );
    assert_eq!(r["kind"], "ĐỊNH KỲ");
    assert_eq!(r["date"], "ngày 09 tháng 4 năm 2017");
    assert_eq!(r["chair"], "đồng chí Nguyễn Văn An, Bí thư chi bộ");
    assert_eq!(r["attendance"], json!({"present": 17, "total": 19}));
    assert_eq!(r["session"]["start"], "19 giờ 45");
    assert_eq!(r["session"]["end"], "20 giờ 30");
    assert_eq!(
        r["session"]["topics"],
        json!(["Nâng cao tinh thần tự phê bình và phê bình"])
    );
    assert_eq!(
        r["session"]["reason"],
        "Góp ý còn nể nang.\nCòn ngại va chạm."
    );
    assert_eq!(
        r["session"]["discussion"]["opinions"],
        json!([
            "Đồng chí Hùng: cần góp ý thẳng thắn.",
            "Đồng chí Lan: đồng ý."
        ])
    );
    assert_eq!(
        r["session"]["conclusion"],
        "Mỗi đảng viên tự nhận một khuyết điểm."
    );
    assert_eq!(
        r["session"]["assignments"],
        json!([{"assignee": "Tổ đảng số 1", "kind": "tập thể", "task": "theo dõi việc sửa chữa khuyết điểm", "due": "tháng 5/2017"}])
    );
    assert_eq!(
        r["_unmapped"],
        json!([
            {"paragraph": 6, "label": "Vào lúc", "text": "19 giờ 30 phút, tại hội trường thôn 3"},
            {"paragraph": 10, "label": "Có mặt", "text": "vắng 2 (có lý do)"},
            {"paragraph": 23, "text": "Một đoạn không nhãn."},
            {"paragraph": 24, "label": "Kết thúc lúc", "text": "21 giờ cùng ngày."},
        ])
    );
    let place = m.places.of("/session/conclusion").unwrap();
    assert_eq!(
        (place.paragraph, place.label.as_str()),
        (20, "Đồng chí chủ trì kết luận")
    );
    assert_eq!(
        m.places.of("/session/assignments/0/due").unwrap().paragraph,
        22
    );
    assert!(m.places.of("/session/questions").is_none());
}

#[test]
fn labels_without_diacritics_in_capitals_and_the_unit_from_the_command_line() {
    let m = minutes(
        &paras(&[
            "CHU TRI: Nguyen Van An",
            "THU KY:",
            "Tran Thi Binh",
            "SINH HOAT CHUYEN DE",
            "Ket luan",
            "Thong nhat.",
        ]),
        Some("HC-01"),
    );
    let r = Value::Object(m.record);
    assert_eq!(r["chair"], "Nguyen Van An");
    assert_eq!(r["secretary"], "Tran Thi Binh");
    assert_eq!(r["session"]["conclusion"], "Thong nhat.");
    assert_eq!(r["unit"]["code"], "HC-01");
    assert!(r.get("_unmapped").is_none());
}

#[test]
fn an_assignments_table() {
    let cell = |n: u32, t: &str| {
        vec![Paragraph {
            number: n,
            text: t.into(),
            style: None,
        }]
    };
    let rows = vec![
        vec![
            cell(1, "STT"),
            cell(2, "Người/tập thể được giao"),
            cell(3, "Nhiệm vụ"),
            cell(4, "Thời hạn"),
            cell(5, "Khắc phục khuyết điểm"),
        ],
        vec![
            cell(6, "1"),
            cell(7, "Chi ủy"),
            cell(8, "Theo dõi"),
            cell(9, "cuối quý"),
            cell(10, "không"),
        ],
        vec![vec![], vec![], vec![], vec![], vec![]],
        vec![
            cell(11, "2"),
            cell(12, "Đ/c Hùng"),
            vec![],
            cell(13, "30/6/2017"),
            vec![],
        ],
    ];
    let heading = Block::Paragraph(Paragraph {
        number: 0,
        text: "Sinh hoạt chuyên đề".into(),
        style: None,
    });
    let m = minutes(&[heading, Block::Table(rows)], None);
    let r = Value::Object(m.record);
    assert_eq!(
        r["session"]["assignments"],
        json!([
            {"assignee": "Chi ủy", "task": "Theo dõi", "due": "cuối quý", "remedy": false},
            {"assignee": "Đ/c Hùng", "due": "30/6/2017"},
        ])
    );
    let due = m.places.of("/session/assignments/1/due").unwrap();
    assert_eq!((due.paragraph, due.label.as_str()), (13, "Thời hạn"));
    assert_eq!(
        m.places
            .of("/session/assignments/1/task")
            .unwrap()
            .paragraph,
        12
    );
}

#[test]
fn written_then_read() {
    let bytes = docx(&[
        Part::Para(Para::labelled("Mã chi bộ", "HC-01")),
        Part::Para(Para::new(
            write::Look::Guidance,
            "Kết luận: không phải là kết luận",
        )),
        Part::Para(Para::new(write::Look::Normal, "Sinh hoạt chuyên đề")),
        Part::Para(Para::labelled("Kết luận", "Đạt & tốt <1>\ndòng hai")),
    ])
    .unwrap();
    let m = read(&bytes, None).unwrap();
    let r = Value::Object(m.record);
    assert_eq!(r["session"]["conclusion"], "Đạt & tốt <1>\ndòng hai");
    assert_eq!(m.places.of("/session/conclusion").unwrap().paragraph, 4);
}

#[test]
fn broken_files_are_errors_never_panics() {
    let good = docx(&[Part::Para(Para::labelled("Chủ trì", "An"))]).unwrap();
    for n in [0, 1, 4, 22, 100, good.len() / 2, good.len() - 1] {
        let _ = read(&good[..n], None);
    }
    assert!(matches!(
        read(b"PK\x03\x04garbage", None),
        Err(DocxError::Package(_))
    ));
    assert!(matches!(
        read(b"{\\rtf1 not a docx", None),
        Err(DocxError::Package(PackageError::NotZip(_)))
    ));
    // A zip that is not a Word document.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    let other = zip.finish().unwrap().into_inner();
    assert_eq!(
        read(&other, None),
        Err(DocxError::Package(PackageError::NoDocument))
    );
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..(MAX_DOCUMENT_BYTES >> 20) + 1 {
        zip.write_all(&block).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    assert_eq!(
        read(&bomb, None),
        Err(DocxError::Package(PackageError::TooLarge))
    );
}

#[test]
fn a_zip_bomb_that_lies_about_its_size_stops_at_the_limit_too() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..(MAX_DOCUMENT_BYTES >> 20) + 4 {
        zip.write_all(&block).unwrap();
    }
    let mut bomb = zip.finish().unwrap().into_inner();
    // Declare 100 bytes in the central directory (signature PK\1\2, size at offset 24): the
    // reading still stops one byte past the limit.
    let cd = bomb.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    bomb[cd + 24..cd + 28].copy_from_slice(&100u32.to_le_bytes());
    assert_eq!(
        read(&bomb, None),
        Err(DocxError::Package(PackageError::TooLarge))
    );
}

#[test]
fn a_missing_label_is_not_placed_at_an_enclosing_heading() {
    let m = minutes(
        &paras(&[
            "1. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "Sinh hoạt chuyên đề từ 19:30 đến 20:10",
            "Phân công thực hiện:",
            "- Chi ủy: theo dõi",
        ]),
        None,
    );
    assert_eq!(m.places.of("/session").unwrap().paragraph, 1);
    assert_eq!(m.places.of("/session/start").unwrap().paragraph, 2);
    assert!(m.places.of("/session/conclusion").is_none());
    assert_eq!(
        m.places.of("/session/assignments/0/due").unwrap().paragraph,
        4
    );
}

#[test]
fn lines_broken_inside_a_paragraph_are_read_one_by_one() {
    let m = minutes(
        &paras(&[
            "ĐẢNG BỘ XÃ HÀM THẮNG\nCHI BỘ THÔN 2",
            "Chủ trì: An\nThư ký: Bình",
            "Kết luận: Thống nhất.\nGiao chi ủy theo dõi.",
            "Câu hỏi: Vì sao?\n- Làm gì?",
        ]),
        None,
    );
    let r = Value::Object(m.record);
    // No code written nor given: the cell is known by its header's name.
    assert_eq!(
        r["unit"],
        json!({"parent": "Đảng bộ xã Hàm Thắng", "name": "Chi bộ thôn 2", "code": "Chi bộ thôn 2"})
    );
    assert_eq!(
        (r["chair"].as_str(), r["secretary"].as_str()),
        (Some("An"), Some("Bình"))
    );
    assert_eq!(
        r["session"]["conclusion"],
        "Thống nhất.\nGiao chi ủy theo dõi."
    );
    assert_eq!(r["session"]["questions"], json!(["Vì sao?", "Làm gì?"]));
    assert_eq!(m.places.of("/secretary").unwrap().paragraph, 2);
}

#[test]
fn a_title_over_two_lines() {
    let m = minutes(
        &paras(&["BIÊN BẢN", "SINH HOẠT CHI BỘ ĐỊNH KỲ THÁNG 4 NĂM 2017"]),
        None,
    );
    assert_eq!(m.record["kind"], "ĐỊNH KỲ");
    assert_eq!(m.places.of("/kind").unwrap().paragraph, 2);
    // `BIÊN BẢN` before anything else is kept, not dropped.
    let m = minutes(&paras(&["BIÊN BẢN", "Chủ trì: An"]), None);
    assert_eq!(
        m.record["_unmapped"],
        json!([{"paragraph": 1, "text": "BIÊN BẢN"}])
    );
    assert_eq!(m.record["chair"], "An");
    let m = minutes(&paras(&["Chủ trì: An", "BIÊN BẢN"]), None);
    assert_eq!(
        m.record["_unmapped"],
        json!([{"paragraph": 2, "text": "BIÊN BẢN"}])
    );
}

/// A small deterministic generator (xorshift), for the fuzz-ish tests below.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn broken_xml_never_panics() {
    let parts = super::template::parts(Some("HC-01"), Some((2017, 4)), kiemtra_rules::Lang::Vi);
    let xml = write::document_xml(&parts).into_bytes();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let alphabet = b"<>/&;:\"'=wptbl \n.#x0123456789";
    for _ in 0..2000 {
        let mut bytes = xml.clone();
        for _ in 0..1 + rng.below(12) {
            if bytes.len() < 2 {
                break;
            }
            let at = rng.below(bytes.len());
            match rng.below(3) {
                0 => bytes[at] = alphabet[rng.below(alphabet.len())],
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.truncate(at.max(1)),
            }
        }
        if let Ok(blocks) = body::read(&bytes) {
            let _ = minutes(&blocks, None);
        }
    }
}

#[test]
fn any_mix_of_labels_and_text_never_panics() {
    let pieces = [
        "Chủ trì",
        "Có mặt",
        "Vào lúc",
        "Thời gian",
        "Sinh hoạt chuyên đề",
        "từ",
        "đến",
        "ngày",
        "tháng",
        "năm",
        "giờ",
        "phút",
        "Phân công",
        "thời hạn",
        "Kết luận",
        "BIÊN BẢN",
        ":",
        "/",
        "……",
        "....",
        "17",
        "19",
        "2017",
        "đ/c",
        "đồng chí",
        ",",
        "(",
        ")",
        "-",
        "1.",
        "a)",
        "Ⅳ.",
        "ĐẢNG BỘ",
        "CHI BỘ",
        "\t",
        "\u{a0}",
        "ệ",
        "😀",
        "\u{301}",
        " ",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let texts: Vec<String> = (0..1 + rng.below(6))
            .map(|_| {
                (0..rng.below(10))
                    .map(|_| pieces[rng.below(pieces.len())])
                    .collect::<Vec<_>>()
                    .join(if rng.below(2) == 0 { " " } else { "" })
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let m = minutes(&paras(&refs), Some("X"));
        // Whatever was read, it is an object the validator can take.
        assert!(serde_json::to_string(&m.record).is_ok());
    }
}

#[test]
fn a_header_in_capitals_names_the_committee_as_everywhere_else() {
    for (written, name) in [
        ("ĐẢNG BỘ XÃ HÀM THẮNG", "Đảng bộ xã Hàm Thắng"),
        ("CHI BỘ THÔN 2", "Chi bộ thôn 2"),
        ("ĐẢNG BỘ THỊ TRẤN MA LÂM", "Đảng bộ thị trấn Ma Lâm"),
        ("CHI BỘ KHU PHỐ 1", "Chi bộ khu phố 1"),
        ("ĐẢNG BỘ XÃ TÂN THÀNH", "Đảng bộ xã Tân Thành"),
        (
            "ĐẢNG BỘ THÀNH PHỐ PHAN THIẾT",
            "Đảng bộ thành phố Phan Thiết",
        ),
        ("Đảng bộ xã Hàm Chính", "Đảng bộ xã Hàm Chính"),
        // Without diacritics the words cannot be told apart: kept as written.
        ("DANG BO XA HAM THANG", "DANG BO XA HAM THANG"),
    ] {
        assert_eq!(super::header_case(written), name, "{written}");
    }
}

#[test]
fn a_meeting_without_a_themed_session_keeps_its_own_conclusion() {
    let m = minutes(
        &paras(&[
            "BIÊN BẢN HỌP CHI BỘ THÁNG 11 NĂM 2023",
            "Hôm nay, vào lúc 8 giờ 00 phút, ngày 05 tháng 11 năm 2023.",
            "1. Chi bộ đánh giá kết quả tháng 10.",
            "Kết luận: Chi bộ thống nhất các nhiệm vụ tháng 11.",
        ]),
        Some("CB"),
    );
    let r = Value::Object(m.record.clone());
    assert!(r.get("session").is_none(), "{r}");
    assert_eq!(r["kind"], "định kỳ");
    assert_eq!(r["month"], "2023-11");
    assert_eq!(m.session_part, None);
    assert!(r["_unmapped"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["text"] == "Chi bộ thống nhất các nhiệm vụ tháng 11."));
}

#[test]
fn a_session_opened_by_a_sentence_with_its_topic_span_and_tasks() {
    let m = minutes(
        &paras(&[
            "SINH HOẠT CHI BỘ THÁNG 8 NĂM 2025",
            "Sáng ngày 25/7/2025, Chi bộ tổ chức sinh hoạt định kỳ tháng 8 (18/18 đồng chí tham dự).",
            "Đồng chí Phạm Văn Toàn – Bí thư Chi bộ chủ trì buổi sinh hoạt.",
            "2. Sinh hoạt chuyên đề “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” với chủ đề “Nêu gương” (từ 9 giờ 00 đến 9 giờ 40).",
            "* Các ý kiến tham gia: Không có ý kiến.",
            "Đồng chí chủ trì kết luận: giao các tổ trưởng tổng hợp danh sách, hoàn thành trước 10/8/2025.",
        ]),
        Some("CB"),
    );
    let r = Value::Object(m.record.clone());
    assert_eq!(r["date"], "25/7/2025");
    assert_eq!(r["month"], "2025-08");
    assert_eq!(r["chair"], "Phạm Văn Toàn");
    assert_eq!(r["attendance"], json!({"present": 18, "total": 18}));
    assert_eq!(r["session"]["topics"], json!(["Nêu gương"]));
    assert_eq!(r["session"]["start"], "9 giờ 00");
    assert_eq!(r["session"]["end"], "9 giờ 40");
    assert!(r["session"].get("discussion").is_none());
    assert_eq!(
        r["session"]["assignments"],
        json!([{"assignee": "các tổ trưởng", "kind": "tập thể", "task": "tổng hợp danh sách", "due": "10/8/2025"}])
    );
    assert_eq!(m.session_part, Some(4));
}

#[test]
fn a_session_whose_duration_is_written_after_its_label() {
    let m = minutes(
        &paras(&[
            "Ngày họp: 09/4/2017",
            "Thời gian sinh hoạt chuyên đề: 40 phút",
            "Nội dung sinh hoạt chuyên đề: Phát huy dân chủ ở cơ sở",
        ]),
        Some("CB"),
    );
    let r = Value::Object(m.record);
    assert!(
        r["session"]["minutes"] == 40 || r["session"]["minutes"] == "40 phút",
        "{r}"
    );
    assert_eq!(r["session"]["topics"], json!(["Phát huy dân chủ ở cơ sở"]));
    assert_eq!(r["kind"], "định kỳ");
}
