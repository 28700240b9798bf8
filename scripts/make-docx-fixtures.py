#!/usr/bin/env python3
"""Generates fixtures/docx/: Word minutes in the layouts cells really use, deterministically.

    cargo build && python3 scripts/make-docx-fixtures.py [path/to/kiemtra]

fixtures/docx/huyen/ is a district folder of Hàm Thắng commune (units HT-CB01 … HT-CB05) for
January–April 2017 that mixes routes: January–March as a CSV export (HT-CB01), JSON Lines
(HT-CB02) and an Excel workbook (HT-CB03); April as Word minutes, one file a meeting:

- ht-cb01-2017-04-mau-kiemtra.docx: kiemtra's own template (`kiemtra template --format docx`),
  filled in here with python-docx, complete and compliant.
- ht-cb02-2017-04-so-tay.docx: the province handbook's layout written by hand: the party header
  in a two-column table, "Vào lúc 19 giờ 30 phút, ngày 09 tháng 4 năm 2017", "Có mặt 17/19 đồng
  chí", "Diễn biến cuộc họp", "Đồng chí chủ trì kết luận", times in words.
- ht-cb03-2017-04-chu-hoa-khong-dau.docx: labels in capitals without diacritics ("CHU TOA:",
  "KET LUAN:"), no "Nguyên nhân" and no questions (findings name the missing parts).
- ht-cb04-2017-04-chu-toa-bang.docx: "Chủ tọa", the assignments as a table with an STT column,
  a deadline "thường xuyên", the conclusion left as dots.
- ht-cb05-2017-04-mau-chua-dien.docx: kiemtra's template left unfilled (must not pass).
- bien-ban-cu.doc: minutes in the old Word format (reported: "lưu thành .docx").

fixtures/docx/hong/: a truncated .docx, a zip that is not a Word document, and a zip bomb (a
document.xml of 20 MiB of spaces, 20 KiB compressed): each must be a file error, never a crash.

Needs python-docx and openpyxl (pip install python-docx openpyxl). Running it twice gives the
same bytes: zip entries and document properties carry fixed times.
"""

import csv
import io
import json
import os
import subprocess
import sys
import zipfile

import docx
import openpyxl
from docx.shared import Pt

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "fixtures", "docx")
KIEMTRA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "kiemtra")
FIXED = (2017, 1, 1, 0, 0, 0)


def deterministic(data: bytes) -> bytes:
    """The same package with fixed entry times and fixed document properties."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = fixed_core(body)
            z = zipfile.ZipInfo(info.filename, date_time=FIXED)
            z.compress_type = zipfile.ZIP_DEFLATED
            z.external_attr = 0o644 << 16
            dst.writestr(z, body)
    return out.getvalue()


def fixed_core(xml: bytes) -> bytes:
    import re

    text = xml.decode("utf-8")
    text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", r"\g<1>2017-01-01T00:00:00Z\3", text)
    return text.encode("utf-8")


def save(document, path):
    buf = io.BytesIO()
    document.save(buf)
    write(path, deterministic(buf.getvalue()))


def write(path, data: bytes):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def template(unit, month):
    """kiemtra's template, as python-docx opens it."""
    data = subprocess.run(
        [KIEMTRA, "--no-config", "template", "--format", "docx", "--unit", unit, "--month", month],
        check=True,
        capture_output=True,
    ).stdout
    return docx.Document(io.BytesIO(data)), data


def fill_line(document, label, value):
    """Replaces the placeholder run of the template's line `label: ……` with `value`."""
    for p in document.paragraphs:
        if p.runs and p.runs[0].text.rstrip().rstrip(":") == label:
            p.runs[1].text = value
            return
    raise KeyError(label)


def fill_template_complete(path):
    d, _ = template("HT-CB01", "2017-04")
    fill_line(d, "ĐẢNG BỘ", "Đảng bộ xã Hàm Thắng")
    fill_line(d, "CHI BỘ", "Chi bộ thôn 1")
    fill_line(d, "Thời gian", "19 giờ 30 phút, 09/04/2017")
    fill_line(d, "Địa điểm", "Nhà văn hóa thôn 1")
    fill_line(d, "Chủ trì", "Nguyễn Văn An")
    fill_line(d, "Thư ký", "Trần Thị Bình")
    for p in d.paragraphs:
        if p.text.startswith("Có mặt"):
            p.runs[1].text = "18/20"
        if p.text.startswith("Sinh hoạt chuyên đề từ"):
            p.runs[2].text = "19:45"
            p.runs[4].text = "20:30"
        if p.text.startswith("Kết thúc lúc"):
            p.runs[1].text = "21 giờ 00 phút"
    fill_line(d, "Vắng mặt", "đồng chí Võ Văn Tư (ốm), đồng chí Lê Thị Năm (đi làm xa)")
    fill_line(d, "Thời lượng (phút)", "45")
    fill_line(d, "Chủ đề", "Nâng cao tinh thần tự phê bình và phê bình")
    fill_line(d, "Vấn đề hạn chế cần khắc phục", "tự phê bình và phê bình")
    fill_line(d, "Loại tài liệu", "bài viết của Bác")
    fill_line(d, "Tài liệu sử dụng", "Sửa đổi lối làm việc (1947)")
    fill_line(d, "Lý do chọn chủ đề", "Góp ý trong chi bộ còn nể nang, ngại va chạm.")
    fill_line(d, "Mặt được", "Đảng viên dự họp đầy đủ, đóng góp ý kiến.")
    fill_line(d, "Mặt chưa được", "Góp ý còn chung chung, chưa chỉ rõ khuyết điểm.")
    fill_line(d, "Câu hỏi gợi ý thảo luận", "Vì sao còn nể nang khi góp ý?\nLàm gì để góp ý thẳng thắn?")
    fill_line(
        d,
        "Ý kiến thảo luận",
        "Đồng chí Lê Văn Hùng: cần góp ý thẳng thắn ngay trong sinh hoạt.\n"
        "Đồng chí Phạm Thị Lan: chi ủy nên gương mẫu tự phê bình trước.",
    )
    fill_line(d, "Nguyên nhân", "Tâm lý ngại va chạm, sợ mất lòng.")
    fill_line(d, "Biện pháp khắc phục", "Chi ủy gương mẫu tự phê bình trước; mỗi đảng viên nhận một khuyết điểm.")
    fill_line(d, "Kết luận", "Mỗi đảng viên tự nhận một khuyết điểm và đăng ký biện pháp khắc phục.")
    table = d.tables[0]
    rows = [
        ["Chi ủy", "tập thể", "Theo dõi việc sửa chữa khuyết điểm của đảng viên", "30/06/2017", "không"],
        ["Đồng chí Lê Văn Hùng", "cá nhân", "Sửa khuyết điểm đi họp muộn", "31/05/2017", "có"],
    ]
    for r, values in enumerate(rows, start=1):
        for c, v in enumerate(values):
            table.rows[r].cells[c].paragraphs[0].text = v
    fill_line(d, "Chủ đề tháng trước", "Nâng cao tinh thần tự phê bình và phê bình")
    fill_line(d, "Kết quả", "đang thực hiện")
    fill_line(d, "Nhận xét", "Có chuyển biến, cần tiếp tục.")
    fill_line(d, "Đã ghi vào sổ biên bản", "có")
    fill_line(d, "Trang sổ biên bản", "24")
    save(d, path)


def base():
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    return d


def handbook(path):
    d = base()
    header = d.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = "ĐẢNG BỘ XÃ HÀM THẮNG"
    left.add_paragraph("CHI BỘ THÔN 2")
    left.add_paragraph("*")
    right.paragraphs[0].text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    right.add_paragraph("Hàm Thắng, ngày 09 tháng 4 năm 2017")
    d.add_paragraph("Mã chi bộ: HT-CB02")
    d.add_paragraph("BIÊN BẢN SINH HOẠT CHI BỘ ĐỊNH KỲ tháng 4 năm 2017")
    d.add_paragraph("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")
    d.add_paragraph("Vào lúc 19 giờ 30 phút, ngày 09 tháng 4 năm 2017, tại Hội trường thôn 2.")
    d.add_paragraph("Chủ trì: đồng chí Huỳnh Văn Sáu, Bí thư chi bộ")
    d.add_paragraph("Thư ký: đồng chí Đỗ Thị Bảy")
    d.add_paragraph("Có mặt 17/19 đồng chí, vắng 2 đồng chí (có lý do).")
    d.add_paragraph("II. NỘI DUNG SINH HOẠT")
    d.add_paragraph("1. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh")
    d.add_paragraph("Thời gian sinh hoạt chuyên đề: từ 19 giờ 45 đến 20 giờ 25")
    d.add_paragraph("Chủ đề: Phát huy dân chủ ở cơ sở")
    d.add_paragraph("Vấn đề hạn chế: thực hành dân chủ")
    d.add_paragraph("Tài liệu: Dân vận (1949)")
    d.add_paragraph("Loại tài liệu: bài viết của Bác")
    d.add_paragraph("Lý do chọn chủ đề:")
    d.add_paragraph("Việc bàn bạc công khai các khoản đóng góp của nhân dân còn hạn chế.")
    d.add_paragraph("Mặt được: Chi bộ công khai kế hoạch năm.")
    d.add_paragraph("Mặt chưa được: Chưa lấy ý kiến nhân dân về các khoản đóng góp.")
    d.add_paragraph("Câu hỏi thảo luận:")
    d.add_paragraph("- Vì sao nhân dân ít tham gia góp ý?")
    d.add_paragraph("Diễn biến cuộc họp:")
    d.add_paragraph("- Đồng chí Sáu: cần họp dân trước khi thu các khoản đóng góp.")
    d.add_paragraph("- Đồng chí Bảy: thống nhất, đề nghị niêm yết công khai.")
    d.add_paragraph("Nguyên nhân: Chưa quan tâm đúng mức việc lấy ý kiến nhân dân.")
    d.add_paragraph("Biện pháp: Họp dân công khai trước mỗi khoản đóng góp.")
    d.add_paragraph("Đồng chí chủ trì kết luận: Từ tháng 5, mọi khoản đóng góp đều đưa ra họp dân.")
    d.add_paragraph("Phân công thực hiện:")
    d.add_paragraph("- Tổ đảng số 1: tổ chức họp dân về khoản đóng góp làm đường, thời hạn: tháng 5/2017")
    d.add_paragraph("Đánh giá chuyên đề tháng trước:")
    d.add_paragraph("Chủ đề kỳ trước: Phát huy dân chủ ở cơ sở")
    d.add_paragraph("Kết quả: đang thực hiện")
    d.add_paragraph("Đã ghi vào sổ biên bản: Đã ghi")
    d.add_paragraph("Trang sổ: 31")
    d.add_paragraph("Cuộc họp kết thúc lúc 21 giờ 15 phút cùng ngày.")
    d.add_paragraph("THƯ KÝ                                   CHỦ TRÌ")
    save(d, path)


def capitals_without_diacritics(path):
    d = base()
    for text in [
        "DANG BO: DANG BO XA HAM THANG",
        "CHI BO: CHI BO THON 3",
        "MA CHI BO: HT-CB03",
        "BIEN BAN SINH HOAT CHI BO DINH KY THANG 4 NAM 2017",
        "THOI GIAN: 19h30, 12/04/2017",
        "CHU TOA: NGUYEN VAN TAM",
        "THU KY: LE THI CHIN",
        "CO MAT 15/18 DONG CHI",
        "NOI DUNG SINH HOAT:",
        "GIO BAT DAU: 19:40",
        "GIO KET THUC: 20:20",
        "CHU DE: Nâng cao tinh thần trách nhiệm của đảng viên",
        "VAN DE HAN CHE: tinh thần trách nhiệm",
        "LOAI TAI LIEU: lời dạy của Bác",
        "TAI LIEU: Tuyển chọn lời Bác dạy về tinh thần trách nhiệm",
        "LY DO: Một số đảng viên chưa hoàn thành nhiệm vụ được giao.",
        "UU DIEM: Đa số đảng viên hoàn thành nhiệm vụ.",
        "HAN CHE: Còn đảng viên đi họp muộn.",
        "Y KIEN THAO LUAN:",
        "+ Đồng chí Tám: đề nghị nhắc nhở đảng viên đi họp muộn.",
        "BIEN PHAP: Tổ đảng theo dõi, nhắc nhở hằng tháng.",
        "KET LUAN: Chi bộ thống nhất theo dõi việc thực hiện nhiệm vụ của từng đảng viên.",
        "PHAN CONG:",
        "- Tổ đảng số 2: theo dõi, nhắc nhở đảng viên, thời hạn: 30/06/2017",
        "KET QUA KY TRUOC: đạt",
        "DA GHI SO: có",
        "TRANG SO: 8",
    ]:
        d.add_paragraph(text)
    save(d, path)


def chair_and_table(path):
    d = base()
    for text in [
        "ĐẢNG BỘ: Đảng bộ xã Hàm Thắng",
        "CHI BỘ: Chi bộ thôn 4",
        "Mã chi bộ: HT-CB04",
        "BIÊN BẢN SINH HOẠT CHI BỘ ĐỊNH KỲ tháng 4 năm 2017",
        "Thời gian: 19 giờ 00 phút, 15/04/2017",
        "Địa điểm: Nhà văn hóa thôn 4",
        "Thành phần tham dự:",
        "- Chủ tọa: Phan Văn Mười",
        "- Thư ký: Nguyễn Thị Một",
        "- Có mặt: 12/14 đồng chí",
        "Nội dung sinh hoạt:",
        "Sinh hoạt chuyên đề từ 19:15 đến 20:00",
        "Chủ đề: Nâng cao chất lượng công tác dân vận",
        "Vấn đề hạn chế cần khắc phục: dân vận",
        "Loại tài liệu: tài liệu Trung ương",
        "Tài liệu sử dụng: Chuyên đề năm 2017 của Ban Tuyên giáo Trung ương",
        "Lý do chọn chủ đề: Nhân dân còn phản ánh về thái độ của cán bộ thôn.",
        "Mặt được: Cán bộ thôn có mặt đầy đủ ở các buổi tiếp dân.",
        "Mặt chưa được: Thái độ tiếp dân có lúc chưa đúng mực.",
        "Câu hỏi gợi ý:",
        "a) Nhân dân phản ánh điều gì nhiều nhất?",
        "b) Cán bộ thôn cần thay đổi điều gì?",
        "Ý kiến thảo luận:",
        "- Đồng chí Mười: cần lắng nghe nhân dân nhiều hơn.",
        "Nguyên nhân: Một số cán bộ chưa được bồi dưỡng kỹ năng tiếp dân.",
        "Biện pháp khắc phục: Mở lớp bồi dưỡng kỹ năng tiếp dân.",
        "Kết luận: …………………………",
        "Phân công thực hiện:",
    ]:
        d.add_paragraph(text)
    table = d.add_table(rows=3, cols=4)
    for r, values in enumerate(
        [
            ["STT", "Người được giao", "Nhiệm vụ", "Thời hạn"],
            ["1", "Chi ủy", "Mở lớp bồi dưỡng kỹ năng tiếp dân", "thường xuyên"],
            ["2", "Đồng chí Phan Văn Mười", "Tổng hợp ý kiến nhân dân", "31/05/2017"],
        ]
    ):
        for c, v in enumerate(values):
            table.rows[r].cells[c].text = v
    for text in [
        "Chủ đề tháng trước: Nâng cao chất lượng công tác dân vận",
        "Kết quả: chưa đạt",
        "Đã ghi vào sổ biên bản: có",
        "Trang sổ biên bản: 40",
    ]:
        d.add_paragraph(text)
    save(d, path)


def earlier_months(folder):
    """January–March 2017 of HT-CB01 (CSV), HT-CB02 (JSON Lines), HT-CB03 (a workbook)."""

    def record(code, name, month, topic, area, day=8):
        return {
            "unit": {"code": code, "name": name, "parent": "Đảng bộ xã Hàm Thắng"},
            "date": f"2017-{month:02d}-{day:02d}",
            "kind": "periodic",
            "chair": "Nguyễn Văn An",
            "secretary": "Trần Thị Bình",
            "attendance": {"present": 16, "total": 19},
            "minutes_book": {"recorded": True, "page": str(month * 3)},
            "session": {
                "topics": [topic],
                "area": area,
                "source": {"kind": "ho-chi-minh-writing", "title": "Sửa đổi lối làm việc (1947)"},
                "start": "19:30",
                "end": "20:10",
                "minutes": 40,
                "reason": "Theo kế hoạch của chi bộ.",
                "assessment": {"strengths": "Dự họp đầy đủ.", "weaknesses": "Góp ý còn ít."},
                "questions": ["Làm gì để thực hiện tốt hơn?"],
                "discussion": {
                    "opinions": ["Đồng chí Hùng: thống nhất."],
                    "causes": "Chưa quyết liệt.",
                    "measures": "Theo dõi hằng tháng.",
                },
                "conclusion": "Tiếp tục thực hiện.",
                "assignments": [
                    {"assignee": "Chi ủy", "kind": "collective", "task": "Theo dõi", "due": f"2017-{month + 1:02d}-28", "remedy": False}
                ],
                "follow_up": {"topic": topic, "result": "in-progress"},
            },
        }

    csv_topic = "Nâng cao tinh thần tự phê bình và phê bình"
    rows = [record("HT-CB01", "Chi bộ thôn 1", m, csv_topic, "self-criticism") for m in (1, 2, 3)]
    # January's topic was achieved and changed in February: April is the topic's third month.
    rows[0]["session"]["topics"] = ["Giữ gìn đoàn kết nội bộ"]
    rows[0]["session"].pop("follow_up")
    rows[1]["session"]["follow_up"] = {"topic": "Giữ gìn đoàn kết nội bộ", "result": "achieved"}
    columns = [
        "unit.code", "unit.name", "unit.parent", "date", "kind", "chair", "secretary",
        "attendance.present", "attendance.total", "minutes_book.recorded", "minutes_book.page",
        "session.topics", "session.area", "session.source.kind", "session.source.title",
        "session.start", "session.end", "session.minutes", "session.reason",
        "session.assessment.strengths", "session.assessment.weaknesses", "session.questions",
        "session.discussion.opinions", "session.discussion.causes", "session.discussion.measures",
        "session.conclusion", "session.assignments", "session.follow_up.topic",
        "session.follow_up.result",
    ]

    def cell(r, path):
        v = r
        for k in path.split("."):
            v = v.get(k) if isinstance(v, dict) else None
        if v is None:
            return ""
        if isinstance(v, bool):
            return "true" if v else "false"
        if path == "session.assignments":
            return "\n".join(
                " | ".join([a["assignee"], a["kind"], a["task"], a["due"], "true" if a["remedy"] else "false"]) for a in v
            )
        if isinstance(v, list):
            return "\n".join(v)
        return str(v)

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow([cell(r, c) for c in columns])
    write(os.path.join(folder, "ht-cb01-2017-01-03.csv"), buf.getvalue().encode("utf-8"))

    lines = [record("HT-CB02", "Chi bộ thôn 2", m, "Phát huy dân chủ ở cơ sở", "democracy") for m in (1, 2, 3)]
    lines[0]["session"]["topics"] = ["Giữ gìn đoàn kết nội bộ"]
    lines[0]["session"]["follow_up"] = None
    lines[1]["session"]["follow_up"] = {"topic": "Giữ gìn đoàn kết nội bộ", "result": "achieved"}
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)
    write(os.path.join(folder, "ht-cb02-2017-01-03.jsonl"), text.encode("utf-8"))

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Biên bản"
    sheet.append(columns)
    sheet_rows = [record("HT-CB03", "Chi bộ thôn 3", m, "Nâng cao tinh thần trách nhiệm của đảng viên", "responsibility") for m in (1, 2, 3)]
    sheet_rows[0]["session"].pop("follow_up")
    for r in sheet_rows:
        sheet.append([cell(r, c) for c in columns])
    import datetime

    book.properties.created = datetime.datetime(2017, 1, 1)
    book.properties.modified = datetime.datetime(2017, 1, 1)
    buf = io.BytesIO()
    book.save(buf)
    write(os.path.join(folder, "ht-cb03-2017-01-03.xlsx"), deterministic(buf.getvalue()))


def broken(folder):
    _, good = template("HT-CB09", "2017-04")
    write(os.path.join(folder, "cat-do.docx"), good[: len(good) // 2])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("noi-dung.txt", date_time=FIXED), "không phải văn bản Word")
    write(os.path.join(folder, "khong-phai-word.docx"), out.getvalue())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        info = zipfile.ZipInfo("word/document.xml", date_time=FIXED)
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as f:
            block = b" " * (1 << 20)
            for _ in range(20):
                f.write(block)
    write(os.path.join(folder, "bom-zip.docx"), out.getvalue())


def main():
    huyen = os.path.join(OUT, "huyen")
    fill_template_complete(os.path.join(huyen, "ht-cb01-2017-04-mau-kiemtra.docx"))
    handbook(os.path.join(huyen, "ht-cb02-2017-04-so-tay.docx"))
    capitals_without_diacritics(os.path.join(huyen, "ht-cb03-2017-04-chu-hoa-khong-dau.docx"))
    chair_and_table(os.path.join(huyen, "ht-cb04-2017-04-chu-toa-bang.docx"))
    _, blank = template("HT-CB05", "2017-04")
    write(os.path.join(huyen, "ht-cb05-2017-04-mau-chua-dien.docx"), blank)
    # Old Word 97 files start with the OLE2 signature; kiemtra goes by the extension.
    write(os.path.join(huyen, "bien-ban-cu.doc"), bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504)
    earlier_months(huyen)
    broken(os.path.join(OUT, "hong"))


if __name__ == "__main__":
    main()
