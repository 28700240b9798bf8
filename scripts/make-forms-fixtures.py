#!/usr/bin/env python3
"""Generates fixtures/forms/: every accepted form of record format 1.1 (*Accepted forms*) in
JSON Lines, CSV and an Excel workbook, and a cell secretary's own file.

    python3 scripts/make-forms-fixtures.py

- forms.jsonl, forms.csv, forms.xlsx: the same rows. Each row is one complete meeting of its own
  unit that changes one or a few values to an accepted form (a date written `16-04-2017`, a
  start `19h30`, minutes `45 phút`, …); a few units hold a second meeting (kinds other than
  periodic, follow-up results). The workbook writes the same text as the CSV, except in the rows
  marked `cell`, where it writes what a spreadsheet holds: a date cell, time cells, a number
  cell, a TRUE cell, an ISO date cell (`t="d"`). Read by kiemtra, the three files give the same
  records (tests/forms.rs); the findings are only the ones the guidance gives for the
  deadlines `thường xuyên` and `lâu dài` (CD308: no time limit).
- secretary.csv: a cell secretary's minutes for March-May 2017 as she keeps them: `;` between
  cells, Vietnamese headers (one the reader does not know), `19h30`, `Đã ghi`, `05-03-2017`,
  `40 phút`, a deadline `tháng 5/2017`.

Only the Python standard library; running it twice gives the same bytes (fixed zip times).
"""

import copy
import csv
import datetime as dt
import io
import json
import os
import unicodedata
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "fixtures", "forms")

BASE = {
    "unit": {"name": "Chi bộ thôn Phú Lộc", "parent": "Đảng bộ xã Hàm Phú"},
    "date": "2017-04-16",
    "kind": "periodic",
    "chair": "Trần Văn Hòa",
    "secretary": "Nguyễn Thị Thuý",
    "attendance": {"present": 19, "total": 21},
    "minutes_book": {"recorded": True, "page": "18"},
    "session": {
        "topics": ["Phòng, chống tệ nạn cờ bạc trong thôn"],
        "area": "pressing-issues",
        "source": {"kind": "ho-chi-minh-writing", "title": "Đời sống mới (1947)"},
        "start": "19:30",
        "end": "20:15",
        "minutes": 45,
        "reason": "Sau Tết xuất hiện một số điểm tụ tập đánh bài ăn tiền.",
        "assessment": {
            "strengths": "Tổ tự quản đã nhắc nhở kịp thời.",
            "weaknesses": "Việc xử lý chưa triệt để.",
        },
        "questions": ["Vì sao tệ cờ bạc còn tái diễn?"],
        "discussion": {
            "opinions": ["Đồng chí Lương Văn Hải: tăng cường tuần tra buổi tối."],
            "causes": "Tuyên truyền chưa thường xuyên; xử lý chưa nghiêm.",
            "measures": "Tuyên truyền trên loa; tuần tra buổi tối.",
        },
        "conclusion": "Đảng viên gương mẫu, vận động gia đình không tham gia cờ bạc.",
        "assignments": [
            {
                "assignee": "Chi hội Phụ nữ thôn",
                "kind": "collective",
                "task": "Tuyên truyền đến từng hộ gia đình",
                "due": "2017-05-31",
                "remedy": False,
            }
        ],
    },
}

NEXT_TOPIC = "Giữ gìn vệ sinh môi trường khu dân cư"


def nfd(s):
    return unicodedata.normalize("NFD", s)


# (unit, {dotted path: value}, {dotted path: spreadsheet cell}) — `assignments.N.field` for an
# assignment's field. A cell is ("date", "2017-04-16"), ("time", "19:30"), ("number", 45),
# ("bool", True) or ("iso", "2017-04-16").
ROWS = []


def row(unit, values, cells=None):
    ROWS.append((unit, values, cells or {}))


# date
for i, d in enumerate([
    "2017-04-16", "16/4/2017", "16/04/2017", "16-04-2017", "16.04.2017", "16/4/17",
    "ngày 16 tháng 4 năm 2017", "ngày 16/4/2017", "NGÀY 16 THÁNG 04 NĂM 2017",
    nfd("ngày 16 tháng 4 năm 2017"), "ngay 16 thang 4 nam 2017", "2017-4-16",
]):
    row(f"F-DATE-{i + 1:02}", {"date": d})
row("F-DATE-CELL", {"date": "2017-04-16"}, {"date": ("date", "2017-04-16")})
row("F-DATE-ISO-CELL", {"date": "2017-04-16"}, {"date": ("iso", "2017-04-16")})

# time of day (start, end; 45 minutes)
for i, (s, e) in enumerate([
    ("19:30", "20:15"), ("19h30", "20h15"), ("19H30", "20H15"), ("19g30", "20g15"),
    ("19 giờ 30", "20 giờ 15 phút"), ("7:30 PM", "8:15 PM"), ("7:30 CH", "8:15 CH"),
    ("7 giờ 30 tối", "8 giờ 15 tối"), ("7h30 tối", "8h15 tối"), ("19 gio 30", "20 gio 15 phut"),
    (nfd("19 giờ 30 phút"), nfd("8 giờ 15 tối")), ("19h", "19h45"), ("9:00", "9:45"),
    ("2 giờ chiều", "2 giờ 45 chiều"), ("7 giờ sáng", "7 giờ 45 sáng"), ("19:30:00", "20:15:00"),
]):
    minutes = 45
    row(f"F-TIME-{i + 1:02}", {"session.start": s, "session.end": e, "session.minutes": minutes})
row("F-TIME-CELL", {"session.start": "19:30", "session.end": "20:15"},
    {"session.start": ("time", "19:30"), "session.end": ("time", "20:15")})

# duration in minutes (the end follows, so that CD403 agrees)
for i, (m, end) in enumerate([
    (45, "20:15"), ("45", "20:15"), ("45 phút", "20:15"), ("45'", "20:15"), ("45p", "20:15"),
    ("45 PHUT", "20:15"), (nfd("45 phút"), "20:15"), ("1 giờ 15 phút", "20:45"),
    ("1h15", "20:45"), ("1 tiếng", "20:30"), ("1 tiếng 15 phút", "20:45"),
    ("1 tiếng rưỡi", "21:00"), ("nửa tiếng", "20:00"), ("2 giờ", "21:30"),
]):
    row(f"F-MIN-{i + 1:02}", {"session.minutes": m, "session.end": end})
row("F-MIN-CELL", {"session.minutes": 45}, {"session.minutes": ("number", 45)})

# yes (minutes book) and no (remedy)
YES = ["true", "có", "Có", "co", "có ghi", "Đã ghi", "da ghi", "ĐÃ GHI", nfd("Đã ghi"), "rồi",
       "x", "X", "1", "yes", "✓"]
NO = ["false", "không", "Không", "khong", "chưa ghi", "chưa", "0", "no", "No", "FALSE"]
for i, y in enumerate(YES):
    row(f"F-YES-{i + 1:02}", {"minutes_book.recorded": y,
                              "session.assignments.0.remedy": NO[i % len(NO)]})
row("F-YES-NUMBER", {"minutes_book.recorded": 1, "session.assignments.0.remedy": 0})
row("F-YES-CELL", {"minutes_book.recorded": True},
    {"minutes_book.recorded": ("bool", True)})
row("F-YES-NUMBER-CELL", {"minutes_book.recorded": "1"},
    {"minutes_book.recorded": ("number", 1)})

# deadlines (meeting 16/04/2017)
for i, due in enumerate([
    "2017-05-31", "31/5/2017", "31-05-2017", "31.05.2017", "31/5/17", "ngày 31 tháng 5 năm 2017",
    "tháng 5/2017", "Tháng 05/2017", "thang 5/2017", "tháng 5 năm 2017", "5/2017", "05-2017",
    "quý II/2017", "Quý II/2017", "quy II/2017", nfd("quý II/2017"), "quý 2/2017",
    "quý 2 năm 2017", "quý III năm 2017", "6 tháng đầu năm 2017", "6 tháng cuối năm 2017",
    "năm 2017", "cuối năm 2017", "cuối tháng 5/2017", "trong tháng 5/2017",
    "trước ngày 31/5/2017", "đến hết quý II/2017", "chậm nhất 31/5/2017", "cuối tháng",
    "cuối quý", "Cuối năm", "cuoi quy", "tháng sau", "quý sau", "năm sau", "cuối tháng sau",
    "trong tháng", "trong quý này", "tháng tới",
]):
    row(f"F-DUE-{i + 1:02}", {"session.assignments.0.due": due})
# Not a deadline: read, and CD308 says there is none.
row("F-DUE-NO-LIMIT-1", {"session.assignments.0.due": "thường xuyên"})
row("F-DUE-NO-LIMIT-2", {"session.assignments.0.due": "Lâu dài"})
row("F-DUE-NO-LIMIT-3", {"session.assignments.0.due": "thuong xuyen"})

# the meeting's kind
for i, k in enumerate(["periodic", "định kỳ", "Định kỳ", "ĐỊNH KỲ", "dinh ky", "định kì",
                       "thường kỳ", "thường lệ", "hằng tháng", "hàng tháng",
                       "sinh hoạt định kỳ", nfd("định kỳ")]):
    row(f"F-KIND-{i + 1:02}", {"kind": k})

# the shortcoming's area
for i, (a, remedy) in enumerate([
    ("self-criticism", None), ("tự phê bình", None), ("phê bình và tự phê bình", None),
    ("tự phê bình, phê bình", None), ("Về công tác tự phê bình, phê bình.", None),
    ("democracy", None), ("dân chủ", None), ("thực hành dân chủ", None),
    ("mass-mobilization", None), ("dân vận", None), ("công tác dân vận", None),
    ("dan van", None), ("professional-quality", None), ("chất lượng chuyên môn", None),
    ("shortcomings", "có"), ("tồn tại, khuyết điểm", "x"), ("khuyết điểm", "true"),
    ("responsibility", None), ("tinh thần trách nhiệm", None), ("pressing-issues", None),
    ("bức xúc, nổi cộm", None), ("vấn đề bức xúc", None), (nfd("vấn đề bức xúc"), None),
    ("other", None), ("khác", None),
]):
    values = {"session.area": a}
    if remedy:
        values["session.assignments.0.remedy"] = remedy
    row(f"F-AREA-{i + 1:02}", values)

# the material's kind
for i, s in enumerate(["ho-chi-minh-writing", "bài viết của Bác", "Bài viết của Bác Hồ",
                       "tác phẩm của Chủ tịch Hồ Chí Minh", "bai viet cua Bac",
                       "central-materials", "tài liệu Trung ương",
                       "tài liệu của Ban Tuyên giáo Trung ương", "tài liệu chuyên đề",
                       "compiled-teachings", "lời dạy của Bác", "tổng hợp lời dạy của Bác"]):
    row(f"F-SOURCE-{i + 1:02}", {"session.source.kind": s})

# the assignee's kind
for i, k in enumerate(["collective", "tập thể", "Tập thể", "tap the", nfd("tập thể"),
                       "individual", "cá nhân", "CÁ NHÂN", "ca nhan"]):
    row(f"F-ASSIGNEE-{i + 1:02}", {"session.assignments.0.kind": k})

# Two meetings of one unit: the second follows up the first's topic with a result written in
# words, or is a meeting of another kind.
SECOND = []
for i, r in enumerate(["achieved", "đạt", "Đạt", "đạt yêu cầu", "cơ bản đạt", "hoàn thành",
                       "in-progress", "đang thực hiện", "đang triển khai", "tiếp tục",
                       "not-achieved", "chưa đạt", "chưa đạt yêu cầu", "không đạt", "dat"]):
    keep = r in ("in-progress", "đang thực hiện", "đang triển khai", "tiếp tục",
                 "not-achieved", "chưa đạt", "chưa đạt yêu cầu", "không đạt")
    SECOND.append((f"F-RESULT-{i + 1:02}", "periodic", r, keep))
for i, k in enumerate(["thematic", "chuyên đề", "sinh hoạt chuyên đề", "extraordinary",
                       "bất thường", "đột xuất", "bat thuong"]):
    SECOND.append((f"F-OTHER-KIND-{i + 1:02}", k, "đạt", False))


def set_path(rec, path, value):
    keys = path.split(".")
    o = rec
    for k in keys[:-1]:
        o = o[int(k)] if isinstance(o, list) else o[k]
    last = keys[-1]
    if isinstance(o, list):
        o[int(last)] = value
    else:
        o[last] = value


def records():
    """(record, cells) in file order."""
    out = []
    for unit, values, cells in ROWS:
        rec = copy.deepcopy(BASE)
        rec["unit"] = {"code": unit, **rec["unit"]}
        for path, v in values.items():
            set_path(rec, path, v)
        out.append((rec, cells))
    for unit, kind, result, keep in SECOND:
        first = copy.deepcopy(BASE)
        first["unit"] = {"code": unit, **first["unit"]}
        first["date"] = "2017-03-12"
        first["session"]["assignments"][0]["due"] = "2017-04-30"
        out.append((first, {}))
        second = copy.deepcopy(first)
        second["date"] = "2017-04-16"
        second["kind"] = kind
        second["session"]["assignments"][0]["due"] = "2017-05-31"
        if not keep:
            second["session"]["topics"] = [NEXT_TOPIC]
        second["session"]["follow_up"] = {
            "topic": BASE["session"]["topics"][0],
            "result": result,
            "notes": "Chi ủy đánh giá tại kỳ họp này.",
        }
        out.append((second, {}))
        if kind != "periodic":
            # The month's periodic meeting, on another day.
            third = copy.deepcopy(first)
            third["date"] = "2017-04-09"
            third["session"]["assignments"][0]["due"] = "2017-05-31"
            third["session"]["follow_up"] = {
                "topic": BASE["session"]["topics"][0],
                "result": "in-progress",
            }
            out.append((third, {}))
    return out


COLUMNS = [
    "unit.code", "unit.name", "unit.parent", "date", "kind", "chair", "secretary",
    "attendance.present", "attendance.total", "minutes_book.recorded", "minutes_book.page",
    "session.topics", "session.area", "session.source.kind", "session.source.title",
    "session.start", "session.end", "session.minutes", "session.reason",
    "session.assessment.strengths", "session.assessment.weaknesses", "session.questions",
    "session.discussion.opinions", "session.discussion.causes", "session.discussion.measures",
    "session.conclusion", "session.assignments", "session.follow_up.topic",
    "session.follow_up.result", "session.follow_up.notes",
]


def get(rec, path):
    o = rec
    for k in path.split("."):
        if not isinstance(o, dict) or k not in o:
            return None
        o = o[k]
    return o


def text(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "\n".join(v)
    return str(v)


def cell_text(rec, path):
    v = get(rec, path)
    if path == "session.assignments":
        return "\n".join(
            " | ".join(text(a.get(k)) for k in ("assignee", "kind", "task", "due", "remedy"))
            for a in v
        )
    return text(v)


def write_jsonl(path, recs):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for rec, _ in recs:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def write_csv(path, recs):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for rec, _ in recs:
        w.writerow([cell_text(rec, c) for c in COLUMNS])
    with open(path, "wb") as f:
        f.write(out.getvalue().encode("utf-8"))


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def xml_cell(ref, value):
    if isinstance(value, tuple):
        kind, v = value
        if kind == "date":
            serial = (dt.date.fromisoformat(v) - dt.date(1899, 12, 30)).days
            return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
        if kind == "time":
            h, m = map(int, v.split(":"))
            return f'<c r="{ref}" s="2"><v>{(h * 60 + m) / 1440!r}</v></c>'
        if kind == "number":
            return f'<c r="{ref}"><v>{v}</v></c>'
        if kind == "bool":
            return f'<c r="{ref}" t="b"><v>{1 if v else 0}</v></c>'
        if kind == "iso":
            return f'<c r="{ref}" t="d"><v>{v}</v></c>'
        raise ValueError(kind)
    if value == "":
        return ""
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def write_xlsx(path, recs):
    rows = [COLUMNS] + [
        [cells.get(c, cell_text(rec, c)) for c in COLUMNS] for rec, cells in recs
    ]
    sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             "<sheetData>"]
    for r, values in enumerate(rows, start=1):
        sheet.append(f'<row r="{r}">')
        for c, v in enumerate(values):
            sheet.append(xml_cell(f"{col_name(c)}{r}", v))
        sheet.append("</row>")
    sheet.append("</sheetData></worksheet>")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{ct}.styles+xml"/>'
            "</Types>",
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Biên bản" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            "</Relationships>",
        "xl/styles.xml":
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<styleSheet xmlns="{main}">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
            '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
            '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
            '<xf numFmtId="20" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": "".join(sheet),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2019, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8"))


SECRETARY_HEADERS = [
    "Mã chi bộ", "Tên chi bộ", "Ngày họp", "Loại sinh hoạt", "Chủ trì", "Thư ký",
    "Ghi sổ biên bản", "Chủ đề", "Vấn đề hạn chế", "Loại tài liệu", "Tài liệu", "Giờ bắt đầu",
    "Giờ kết thúc", "Số phút", "Lý do chọn chủ đề", "Mặt được", "Mặt chưa được",
    "Câu hỏi gợi ý", "Ý kiến thảo luận", "Nguyên nhân", "Biện pháp", "Kết luận", "Phân công",
    "Chủ đề kỳ trước", "Kết quả kỳ trước", "Ghi chú thêm",
]


def write_secretary(path):
    topic_3 = "Nâng cao tinh thần tự phê bình và phê bình trong chi bộ"
    topic_4 = "Giữ gìn vệ sinh môi trường khu dân cư"
    common = ["TL-CB02", "Chi bộ thôn Tân Lập 2"]
    rows = [
        common + ["05-03-2017", "Định kỳ", "Đ/c Nguyễn Văn Bình", "Đ/c Lê Thị Hoa", "Đã ghi",
                  topic_3, "phê bình và tự phê bình", "bài viết của Bác",
                  "Sửa đổi lối làm việc (1947)", "19h30", "20h10", "40 phút",
                  "Một số đảng viên còn ngại góp ý thẳng thắn trong sinh hoạt.",
                  "Đa số đảng viên nhận rõ khuyết điểm của mình.",
                  "Còn nể nang, né tránh khi góp ý.",
                  "Vì sao còn ngại góp ý?\nLàm gì để góp ý có hiệu quả?",
                  "Đ/c Phạm Văn Tâm: góp ý ngay tại cuộc họp.\nĐ/c Võ Thị Lành: góp ý với thái độ xây dựng.",
                  "Tâm lý nể nang, sợ mất lòng.",
                  "Mỗi đảng viên tự nhận khuyết điểm và góp ý ít nhất một đồng chí.",
                  "Chi bộ thống nhất thực hiện nghiêm tự phê bình và phê bình.",
                  "Chi ủy | tập thể | Theo dõi việc góp ý của đảng viên | tháng 5/2017 | không",
                  "", "", "Họp tại nhà văn hóa thôn"],
        common + ["09-04-2017", "Định kỳ", "Đ/c Nguyễn Văn Bình", "Đ/c Lê Thị Hoa", "Đã ghi",
                  topic_4, "công tác dân vận", "tài liệu của Ban Tuyên giáo Trung ương",
                  "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về dân vận",
                  "19h30", "20h15", "45 phút",
                  "Rác thải còn đổ ven đường liên thôn.",
                  "Đã có tổ thu gom rác hằng tuần.", "Một số hộ chưa đăng ký thu gom.",
                  "Đảng viên cần làm gì để vận động các hộ?",
                  "Đ/c Phạm Văn Tâm: vận động từng hộ.",
                  "Tuyên truyền chưa thường xuyên.",
                  "Vận động các hộ đăng ký thu gom; ngày chủ nhật xanh.",
                  "Toàn bộ hộ đăng ký thu gom trong quý II.",
                  "Đ/c Phạm Văn Tâm | cá nhân | Vận động các hộ xóm 2 đăng ký | tháng 5/2017 | không\n"
                  "Chi hội Phụ nữ | tập thể | Tổ chức ngày chủ nhật xanh | cuối quý | không",
                  topic_3, "Cơ bản đạt", "Chi ủy đánh giá đầu tháng 4"],
        common + ["07-05-2017", "Định kỳ", "Đ/c Nguyễn Văn Bình", "Đ/c Lê Thị Hoa", "Đã ghi",
                  topic_4, "công tác dân vận", "tài liệu của Ban Tuyên giáo Trung ương",
                  "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về dân vận",
                  "19h30", "20h10", "40 phút",
                  "Tiếp tục nội dung tháng trước: còn hộ chưa đăng ký thu gom.",
                  "Thêm 20 hộ đăng ký.", "Còn 5 hộ chưa đăng ký.",
                  "Vì sao 5 hộ chưa đăng ký?",
                  "Đ/c Võ Thị Lành: gặp riêng từng hộ.",
                  "Hộ ở xa tuyến thu gom.",
                  "Đề nghị tổ thu gom mở rộng tuyến.",
                  "Hoàn thành vận động trong tháng 6.",
                  "Chi ủy | tập thể | Làm việc với tổ thu gom mở rộng tuyến | tháng 6/2017 | không",
                  topic_4, "Đang thực hiện", ""],
    ]
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    w.writerow(SECRETARY_HEADERS)
    w.writerows(rows)
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    recs = records()
    write_jsonl(os.path.join(OUT, "forms.jsonl"), recs)
    write_csv(os.path.join(OUT, "forms.csv"), recs)
    write_xlsx(os.path.join(OUT, "forms.xlsx"), recs)
    write_secretary(os.path.join(OUT, "secretary.csv"))
    print(f"fixtures/forms: {len(recs)} records in each of forms.jsonl, forms.csv, forms.xlsx; "
          "secretary.csv")
