#!/usr/bin/env python3
"""Generates the bundled batch and the encoding fixtures, deterministically.

    python3 scripts/make-fixtures.py          # rewrites fixtures/batch/ and fixtures/encodings/

fixtures/batch/ is a district inspection over 2017-01 .. 2018-12: three parent committees, fifteen
cells, in the formats cells really send (CSV with Vietnamese headers, an Excel workbook with a
title row and Excel date/time cells, JSON Lines, a UTF-16 CSV with ';' and headers without
diacritics), with defects planned per cell so that every rating (tốt, khá, trung bình, kém)
occurs, and a few rows that must be rejected.

fixtures/encodings/ holds the same three records in every encoding kiemtra reads.

Needs only the Python standard library and openpyxl (pip install openpyxl). Running it twice
gives the same bytes: no clock, no unseeded randomness, fixed zip timestamps in the .xlsx.
"""

import csv
import datetime as dt
import io
import json
import os
import re
import sys
import unicodedata
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BATCH = os.path.join(ROOT, "fixtures", "batch")
ENCODINGS = os.path.join(ROOT, "fixtures", "encodings")


class Rng:
    """A tiny xorshift generator: the same numbers on every Python."""

    def __init__(self, seed):
        self.s = (seed * 2654435761 + 0x9E3779B9) & 0xFFFFFFFF or 1

    def next(self):
        x = self.s
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        self.s = x & 0xFFFFFFFF
        return self.s

    def below(self, n):
        return self.next() % n

    def pick(self, items):
        return items[self.below(len(items))]


# --- What the sessions are about -----------------------------------------------------------

TOPICS = [
    dict(
        topic="Nâng cao chất lượng tự phê bình và phê bình trong sinh hoạt chi bộ",
        area="self-criticism",
        source=("ho-chi-minh-writing", "Sửa đổi lối làm việc (1947)"),
        reason="Qua kiểm điểm cuối năm, việc tự phê bình và phê bình trong chi bộ còn nể nang, ngại va chạm.",
        strengths="Đảng viên dự sinh hoạt đầy đủ, nhiều đồng chí mạnh dạn góp ý xây dựng chi bộ.",
        weaknesses="Góp ý còn chung chung; một số đồng chí chưa tự nhận khuyết điểm của bản thân.",
        causes="Tâm lý sợ mất lòng; chi ủy chưa thật sự gương mẫu tự phê bình trước.",
        measures="Mỗi kỳ sinh hoạt dành thời gian cho đảng viên tự phê bình; chi ủy đi đầu; theo dõi việc sửa chữa sau góp ý.",
        conclusion="Mỗi đảng viên tự nhận ít nhất một khuyết điểm và đăng ký biện pháp khắc phục; chi ủy theo dõi, đánh giá ở kỳ sau.",
        task="Lập sổ theo dõi việc sửa chữa khuyết điểm của đảng viên sau góp ý",
    ),
    dict(
        topic="Phát huy dân chủ ở cơ sở, công khai các khoản đóng góp của nhân dân",
        area="democracy",
        source=("central-materials", "Chuyên đề năm 2017 về phong cách quần chúng, dân chủ, nêu gương"),
        reason="Một số hộ chưa rõ các khoản đóng góp làm đường giao thông nông thôn, có ý kiến thắc mắc.",
        strengths="Các khoản thu được niêm yết tại nhà văn hóa; ban giám sát cộng đồng hoạt động đều.",
        weaknesses="Chưa công khai kịp thời quyết toán; tiếp dân, giải thích còn chậm.",
        causes="Ban phát triển thôn chưa thống nhất thời điểm công khai; chi bộ chưa kiểm tra thường xuyên.",
        measures="Công khai quyết toán từng tháng; tổ chức đối thoại với nhân dân; đảng viên giải thích cho hộ mình phụ trách.",
        conclusion="Giao ban phát triển thôn công khai quyết toán trước ngày 10 hằng tháng; chi ủy giám sát.",
        task="Niêm yết quyết toán các khoản đóng góp tại nhà văn hóa thôn",
    ),
    dict(
        topic="Nâng cao hiệu quả công tác dân vận của chi bộ",
        area="mass-mobilization",
        source=("ho-chi-minh-writing", "Dân vận (1949)"),
        reason="Việc vận động nhân dân hiến đất mở rộng đường liên thôn còn chậm, một số hộ chưa đồng thuận.",
        strengths="Đảng viên tích cực tham gia vận động; nhiều hộ tự nguyện hiến đất, tháo dỡ hàng rào.",
        weaknesses="Một số đảng viên chưa gương mẫu; cách vận động còn nóng vội.",
        causes="Chưa phân công cụ thể đảng viên phụ trách hộ; tuyên truyền chưa rõ lợi ích của công trình.",
        measures="Phân công đảng viên phụ trách từng hộ; phối hợp mặt trận, đoàn thể; đảng viên vận động gia đình mình trước.",
        conclusion="Mỗi đảng viên phụ trách vận động từ ba đến năm hộ, phấn đấu giải phóng mặt bằng trong quý.",
        task="Vận động các hộ được phân công hiến đất, tháo dỡ vật kiến trúc",
    ),
    dict(
        topic="Đảng viên gương mẫu chấp hành giờ giấc sinh hoạt, đóng đảng phí đúng hạn",
        area="shortcomings",
        source=("ho-chi-minh-writing", "Đạo đức cách mạng (1958)"),
        reason="Năm qua có nhiều lượt đảng viên vắng sinh hoạt không lý do, một số đồng chí đóng đảng phí chậm.",
        strengths="Đa số đảng viên chấp hành tốt chế độ sinh hoạt và đóng đảng phí đúng quy định.",
        weaknesses="Một số đảng viên đi làm ăn xa không báo cáo; việc nhắc nhở của chi ủy chưa kịp thời.",
        causes="Ý thức tổ chức kỷ luật của một số đảng viên chưa cao; chi ủy chưa kiểm tra, nhắc nhở thường xuyên.",
        measures="Thông báo lịch sinh hoạt trước ba ngày; kiểm điểm đảng viên vắng không lý do; thu đảng phí đúng kỳ.",
        conclusion="Đảng viên vắng sinh hoạt phải có lý do chính đáng; các đồng chí còn nợ đảng phí nộp đủ trong tháng.",
        task="Nhắc lịch sinh hoạt, theo dõi đảng viên đi làm ăn xa",
    ),
    dict(
        topic="Nâng cao tinh thần trách nhiệm của đảng viên trong thực hiện nhiệm vụ được giao",
        area="responsibility",
        source=("ho-chi-minh-writing", "Nâng cao đạo đức cách mạng, quét sạch chủ nghĩa cá nhân (1969)"),
        reason="Một số nhiệm vụ chi bộ giao trong quý chưa hoàn thành đúng hạn.",
        strengths="Phần lớn đảng viên hoàn thành nhiệm vụ, nhiều đồng chí chủ động đề xuất cách làm.",
        weaknesses="Còn tình trạng làm cho xong việc, báo cáo chậm, đùn đẩy trách nhiệm.",
        causes="Phân công chưa rõ người, rõ việc, rõ thời hạn; chưa đánh giá kết quả từng nhiệm vụ.",
        measures="Phân công bằng văn bản; đánh giá kết quả tại mỗi kỳ sinh hoạt; biểu dương, nhắc nhở kịp thời.",
        conclusion="Mỗi nhiệm vụ giao phải rõ người, rõ việc, rõ thời hạn; chi ủy đánh giá tại kỳ sinh hoạt sau.",
        task="Lập bảng theo dõi nhiệm vụ được giao của từng đảng viên",
    ),
    dict(
        topic="Giữ gìn vệ sinh môi trường, xây dựng nông thôn mới",
        area="pressing-issues",
        source=("compiled-teachings", "Lời dạy của Bác về xây dựng đời sống mới"),
        reason="Rác thải còn đổ ven đường, kênh mương; tiêu chí môi trường nông thôn mới chưa đạt.",
        strengths="Thôn đã có tổ thu gom rác; nhiều hộ làm hàng rào xanh, trồng cây ven đường.",
        weaknesses="Một số hộ chưa đăng ký thu gom; ngày chủ nhật xanh chưa duy trì đều.",
        causes="Tuyên truyền chưa thường xuyên; chưa có chế tài với hộ vi phạm.",
        measures="Đảng viên vận động hộ mình phụ trách đăng ký thu gom rác; duy trì ngày chủ nhật xanh hằng tháng.",
        conclusion="Phấn đấu toàn bộ hộ đăng ký thu gom rác trong quý; các đoàn thể ra quân dọn vệ sinh hằng tháng.",
        task="Vận động các hộ đăng ký thu gom rác thải",
    ),
    dict(
        topic="Phòng, chống tệ nạn cờ bạc, rượu chè trong thôn",
        area="pressing-issues",
        source=("ho-chi-minh-writing", "Đời sống mới (1947)"),
        reason="Dịp lễ, tết còn tụ tập cờ bạc, uống rượu gây mất trật tự.",
        strengths="Công an viên, đoàn thanh niên phối hợp tuần tra; đã giải tán nhiều điểm tụ tập.",
        weaknesses="Một số gia đình đảng viên chưa gương mẫu; việc phát hiện, xử lý còn chậm.",
        causes="Tâm lý nể nang; hương ước chưa được thực hiện nghiêm.",
        measures="Đảng viên cam kết không tham gia, vận động gia đình; tăng tuần tra dịp lễ, tết.",
        conclusion="Đảng viên ký cam kết; chi bộ đề nghị xử lý nghiêm các trường hợp tái phạm.",
        task="Tổ chức cho đảng viên và gia đình ký cam kết",
    ),
    dict(
        topic="Cán bộ, đảng viên nói đi đôi với làm, nêu gương trước quần chúng",
        area="responsibility",
        source=("central-materials", "Chuyên đề năm 2017 về phong cách quần chúng, dân chủ, nêu gương"),
        reason="Nhân dân phản ánh có đảng viên nói nhiều làm ít, chưa gương mẫu trong phong trào của thôn.",
        strengths="Nhiều đảng viên đi đầu trong các phong trào, được nhân dân tin tưởng.",
        weaknesses="Một số đảng viên lớn tuổi ít tham gia; việc nêu gương chưa được đánh giá cụ thể.",
        causes="Chưa có tiêu chí nêu gương cụ thể; chi bộ chưa lấy ý kiến nhân dân.",
        measures="Mỗi đảng viên đăng ký việc làm nêu gương; lấy ý kiến nhân dân nơi cư trú cuối năm.",
        conclusion="Đảng viên đăng ký việc làm nêu gương, chi ủy đánh giá hằng quý.",
        task="Tổng hợp bản đăng ký việc làm nêu gương của đảng viên",
    ),
    dict(
        topic="Xây dựng tác phong công tác của người đứng đầu và của đảng viên",
        area="professional-quality",
        source=("central-materials", "Chuyên đề năm 2018 về xây dựng phong cách, tác phong công tác"),
        reason="Việc giải quyết công việc của nhân dân ở một số bộ phận còn chậm, thái độ chưa niềm nở.",
        strengths="Cán bộ đảng viên có ý thức phục vụ nhân dân; nhiều việc giải quyết đúng hẹn.",
        weaknesses="Còn trễ hẹn, hướng dẫn thủ tục chưa rõ ràng.",
        causes="Chưa niêm yết đầy đủ thủ tục; chưa theo dõi thời hạn giải quyết.",
        measures="Niêm yết thủ tục; lập sổ theo dõi hẹn; người đứng đầu kiểm tra hằng tuần.",
        conclusion="Chấm dứt tình trạng trễ hẹn trong quý; người đứng đầu chịu trách nhiệm kiểm tra.",
        task="Lập sổ theo dõi thời hạn giải quyết công việc của nhân dân",
    ),
    dict(
        topic="Vận động nhân dân chuyển đổi cây trồng, phát triển kinh tế hộ",
        area="mass-mobilization",
        source=("compiled-teachings", "Lời dạy của Bác về phát triển kinh tế, chăm lo đời sống nhân dân"),
        reason="Diện tích lúa kém hiệu quả còn nhiều; nhân dân còn e ngại chuyển sang cây thanh long.",
        strengths="Một số mô hình chuyển đổi cho thu nhập cao; đảng viên đi đầu làm mẫu.",
        weaknesses="Thiếu vốn, thiếu kỹ thuật; đầu ra chưa ổn định.",
        causes="Chưa phối hợp tốt với hội nông dân, ngân hàng chính sách; tuyên truyền chưa sâu.",
        measures="Phối hợp tập huấn kỹ thuật; giới thiệu vay vốn; tham quan mô hình hiệu quả.",
        conclusion="Phấn đấu chuyển đổi thêm diện tích kém hiệu quả trong năm; đảng viên làm mẫu.",
        task="Phối hợp hội nông dân tổ chức tập huấn kỹ thuật trồng thanh long",
    ),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Công"]
MIDDLE_F = ["Thị", "Ngọc", "Thị Thu", "Thị Kim"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hùng", "Tâm", "Sơn", "Tài", "Lộc", "Phúc", "Quang", "Thành"]
GIVEN_F = ["Lan", "Hạnh", "Mai", "Dung", "Giang", "Hoa", "Hương", "Thủy", "Yến", "Nga"]


def person(rng, female=None):
    f = rng.below(2) == 1 if female is None else female
    mid = rng.pick(MIDDLE_F if f else MIDDLE_M)
    given = rng.pick(GIVEN_F if f else GIVEN_M)
    return f"{rng.pick(FAMILY)} {mid} {given}"


# --- The cells and their planned defects ---------------------------------------------------

MONTHS = [(2017 + i // 12, i % 12 + 1) for i in range(24)]

ERRORS = ["missing", "short", "not_recorded", "no_conclusion", "no_follow_up", "no_assignments",
          "two_topics", "no_session", "no_reason", "no_causes"]
WARNINGS = ["due_text", "no_questions", "no_area", "duplicate"]

# Months that fail per profile (out of 24): tốt ≤ 2, khá 3–7, trung bình 8–12, kém ≥ 13.
PROFILE = {"tot": (1, 2), "kha": (3, 6), "tb": (8, 11), "kem": (13, 15)}

PARENTS = [
    ("HC", "Đảng bộ xã Hàm Chính", "Chi bộ thôn", ["tot", "kha", "tot", "tb", "kha"]),
    ("HL", "Đảng bộ xã Hàm Liêm", "Chi bộ thôn", ["kha", "kem", "tot", "tb"]),
    ("ML", "Đảng bộ thị trấn Ma Lâm", "Chi bộ khu phố", ["tot", "kha", "tot", "kem", "kha", "tb"]),
]


def plan(rng, profile):
    lo, hi = PROFILE[profile]
    n = lo + rng.below(hi - lo + 1)
    months = set()
    while len(months) < n:
        months.add(rng.below(24))
    defects = {}
    for m in sorted(months):
        d = rng.pick(ERRORS)
        if d == "no_follow_up" and m == 0:
            d = "short"
        defects[m] = d
    # A few warnings anywhere, which do not make a month fail.
    for _ in range(rng.below(3)):
        m = rng.below(24)
        defects.setdefault(m, rng.pick(WARNINGS))
    return defects


def unit_records(code_prefix, parent, unit_word, index, profile):
    code = f"{code_prefix}-{'KP' if code_prefix == 'ML' else 'CB'}{index:02d}"
    name = f"{unit_word} {index}"
    rng = Rng(hash_str(code))
    chair, secretary = person(rng, False), person(rng, True)
    members = 12 + rng.below(20)
    defects = plan(rng, profile)
    # A cell rated kém keeps one topic too long (CD505).
    long_topic = profile == "kem"
    records = []
    topic_i = rng.below(len(TOPICS))
    months_on_topic = 0
    previous = None  # the previous session's topic
    page = 3
    for m, (year, month) in enumerate(MONTHS):
        defect = defects.get(m)
        if defect == "missing":
            continue
        # Topic: kept 1–3 months (5 for the cell that keeps it too long), then the next one.
        limit = 5 if long_topic and m < 8 else 1 + rng.below(3)
        change = months_on_topic >= limit
        if change:
            topic_i = (topic_i + 1 + rng.below(3)) % len(TOPICS)
            months_on_topic = 0
        months_on_topic += 1
        t = TOPICS[topic_i]
        day = 3 + (index * 5 + m * 3) % 22
        date = f"{year:04d}-{month:02d}-{day:02d}"
        start_h = rng.pick([7, 14, 19])
        minutes = 35 + 5 * rng.below(6)
        if defect == "short":
            minutes = 20
        start = f"{start_h:02d}:30"
        end_min = start_h * 60 + 30 + minutes
        end = f"{end_min // 60:02d}:{end_min % 60:02d}"
        page += 2
        present = members - rng.below(4)
        rec = {
            "id": f"{code}/{date}",
            "unit": {"code": code, "name": name, "parent": parent},
            "date": date,
            "kind": "periodic",
            "chair": chair,
            "secretary": secretary,
            "attendance": {"present": present, "total": members},
            "minutes_book": {"recorded": defect != "not_recorded", "page": str(page)},
        }
        due_month = month + 1 if month < 12 else 1
        due_year = year if month < 12 else year + 1
        due = f"{due_year:04d}-{due_month:02d}-28"
        helper = person(rng)
        session = {
            "topics": [t["topic"]],
            "area": t["area"],
            "source": {"kind": t["source"][0], "title": t["source"][1]},
            "start": start,
            "end": end,
            "minutes": minutes,
            "reason": t["reason"],
            "assessment": {"strengths": t["strengths"], "weaknesses": t["weaknesses"]},
            "questions": [
                f"Vì sao {t['weaknesses'][0].lower()}{t['weaknesses'][1:].rstrip('.')}?",
                "Mỗi đảng viên cần làm gì để khắc phục trong tháng tới?",
            ],
            "discussion": {
                "opinions": [
                    f"Đồng chí {helper}: đề nghị chi ủy phân công cụ thể, có thời hạn.",
                    f"Đồng chí {person(rng)}: đảng viên phải gương mẫu trước, vận động gia đình mình.",
                ],
                "causes": t["causes"],
                "measures": t["measures"],
            },
            "conclusion": t["conclusion"],
            "assignments": [
                {"assignee": "Chi ủy", "kind": "collective", "task": t["task"], "due": due, "remedy": False},
                {"assignee": f"Đồng chí {helper}", "kind": "individual",
                 "task": "Báo cáo kết quả thực hiện tại kỳ sinh hoạt sau", "due": due, "remedy": False},
            ],
        }
        if previous is not None:
            session["follow_up"] = {
                "topic": previous,
                "result": "achieved" if change else "in-progress",
                "notes": "Chi ủy đánh giá tại kỳ sinh hoạt này.",
            }
        if defect == "no_conclusion":
            session["conclusion"] = "..."
        elif defect == "no_follow_up":
            session.pop("follow_up", None)
        elif defect == "no_assignments":
            session["assignments"] = []
        elif defect == "two_topics":
            session["topics"].append(TOPICS[(topic_i + 4) % len(TOPICS)]["topic"])
        elif defect == "no_reason":
            session["reason"] = ""
        elif defect == "no_causes":
            session["discussion"]["causes"] = "N/A"
        elif defect == "due_text":
            session["assignments"][0]["due"] = "thường xuyên"
        elif defect == "no_questions":
            session["questions"] = []
        elif defect == "no_area":
            session.pop("area")
        if defect == "no_session":
            rec["session"] = None
        else:
            rec["session"] = session
            previous = session["topics"][0]
        records.append(rec)
        if defect == "duplicate":
            extra = json.loads(json.dumps(rec))
            d2 = f"{year:04d}-{month:02d}-{min(day + 2, 28):02d}"
            extra["id"] = f"{code}/{d2}"
            extra["date"] = d2
            extra["session"]["follow_up"] = {"topic": previous, "result": "in-progress"}
            records.append(extra)
        # Now and then an extraordinary meeting without a session (no finding).
        if rng.below(12) == 0:
            d3 = f"{year:04d}-{month:02d}-{min(day + 7, 28):02d}"
            records.append({
                "id": f"{code}/{d3}",
                "unit": {"code": code, "name": name, "parent": parent},
                "date": d3,
                "kind": "extraordinary",
                "chair": chair,
                "secretary": secretary,
                "minutes_book": {"recorded": True, "page": str(page + 1)},
            })
    return code, records


def hash_str(s):
    h = 2166136261
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


# --- Writing rows --------------------------------------------------------------------------

COLUMNS = [
    ("id", "Mã biên bản"), ("unit.code", "Mã chi bộ"), ("unit.name", "Tên chi bộ"),
    ("unit.parent", "Đảng bộ"), ("date", "Ngày họp"), ("month", "Sinh hoạt tháng"),
    ("kind", "Loại sinh hoạt"),
    ("chair", "Chủ trì"), ("secretary", "Thư ký"), ("attendance.present", "Số có mặt"),
    ("attendance.total", "Tổng số đảng viên"), ("minutes_book.recorded", "Ghi sổ biên bản"),
    ("minutes_book.page", "Trang sổ"), ("session.topics", "Chủ đề"),
    ("session.area", "Vấn đề hạn chế"), ("session.source.kind", "Loại tài liệu"),
    ("session.source.title", "Tài liệu"), ("session.start", "Giờ bắt đầu"),
    ("session.end", "Giờ kết thúc"), ("session.minutes", "Số phút"),
    ("session.reason", "Lý do chọn chủ đề"), ("session.assessment.strengths", "Mặt được"),
    ("session.assessment.weaknesses", "Mặt chưa được"), ("session.questions", "Câu hỏi gợi ý"),
    ("session.discussion.opinions", "Ý kiến thảo luận"),
    ("session.discussion.causes", "Nguyên nhân"), ("session.discussion.measures", "Biện pháp"),
    ("session.conclusion", "Kết luận"), ("session.assignments", "Phân công"),
    ("session.follow_up.topic", "Chủ đề kỳ trước"), ("session.follow_up.result", "Kết quả kỳ trước"),
    ("session.follow_up.notes", "Nhận xét kỳ trước"),
]

KIND_VI = {"periodic": "định kỳ", "extraordinary": "bất thường", "thematic": "chuyên đề"}
RESULT_VI = {"achieved": "đạt", "in-progress": "đang thực hiện", "not-achieved": "chưa đạt"}
ASSIGNEE_VI = {"collective": "tập thể", "individual": "cá nhân"}


def get(rec, path):
    v = rec
    for k in path.split("."):
        if not isinstance(v, dict) or k not in v:
            return None
        v = v[k]
    return v


def cell(rec, path, style):
    """The text of a cell, the way a cell secretary's spreadsheet would hold it."""
    v = get(rec, path)
    if v is None:
        return ""
    if path == "date" and style["dmy"]:
        y, m, d = v.split("-")
        return f"{d}/{m}/{y}"
    if path == "kind" and style["vi_words"]:
        return KIND_VI[v]
    if path == "session.follow_up.result" and style["vi_words"]:
        return RESULT_VI[v]
    if isinstance(v, bool):
        return ("có" if v else "không") if style["vi_words"] else ("true" if v else "false")
    if path == "session.assignments":
        lines = []
        for a in v:
            kind = ASSIGNEE_VI[a["kind"]] if style["vi_words"] else a["kind"]
            remedy = ("có" if a["remedy"] else "không") if style["vi_words"] else str(a["remedy"]).lower()
            lines.append(" | ".join([a["assignee"], kind, a["task"], a["due"], remedy]))
        return "\n".join(lines)
    if isinstance(v, list):
        return "\n".join(v)
    return str(v)


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("đ", "d").replace("Đ", "D")


def write_csv(path, records, style, bad_rows=()):
    header = [c[1] if style["vi_headers"] else c[0] for c in COLUMNS]
    if style["fold_headers"]:
        header = [fold(h) for h in header]
    out = io.StringIO()
    w = csv.writer(out, delimiter=style["delimiter"], lineterminator="\r\n")
    w.writerow(header)
    rows = [[cell(r, c[0], style) for c in COLUMNS] for r in records]
    for at, row in bad_rows:
        rows.insert(at, row)
    w.writerows(rows)
    text = out.getvalue()
    if style["encoding"] == "utf-8-sig":
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    elif style["encoding"] == "utf-16-le":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        raise ValueError(style["encoding"])
    with open(path, "wb") as f:
        f.write(data)


def write_xlsx(path, title, records, bad_rows=()):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Biên bản"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append([c[1] for c in COLUMNS])
    for c in ws[3]:
        c.font = Font(bold=True)
    style = {"dmy": False, "vi_words": True}
    rows = []
    for r in records:
        row = []
        for field, _ in COLUMNS:
            v = get(r, field)
            if v is None:
                row.append(None)
            elif field == "date":
                row.append(dt.date.fromisoformat(v))
            elif field in ("session.start", "session.end"):
                h, m = v.split(":")
                row.append(dt.time(int(h), int(m)))
            elif isinstance(v, bool):
                row.append(v)
            elif isinstance(v, int):
                row.append(v)
            else:
                row.append(cell(r, field, style))
        rows.append(row)
    for at, row in bad_rows:
        rows.insert(at, row)
    for row in rows:
        ws.append(row)
    date_col = [c[0] for c in COLUMNS].index("date") + 1
    for row in ws.iter_rows(min_row=4):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
        d = row[date_col - 1]
        if isinstance(d.value, (dt.date, dt.datetime)):
            d.number_format = "DD/MM/YYYY"
        for c in row:
            if isinstance(c.value, dt.time):
                c.number_format = "HH:MM"
    wb.properties.creator = "kiemtra fixtures"
    fixed = dt.datetime(2019, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps the time of saving and the zip entries carry the clock: fix both.
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>",
                              rb"<dcterms:modified\1>2019-01-01T00:00:00Z</dcterms:modified>", data)
            z = zipfile.ZipInfo(info.filename, date_time=(2019, 1, 1, 0, 0, 0))
            z.compress_type = zipfile.ZIP_DEFLATED
            z.external_attr = 0o644 << 16
            dst.writestr(z, data)
    with open(path, "wb") as f:
        f.write(out.getvalue())


def blank_row():
    return [""] * len(COLUMNS)


def make_batch():
    os.makedirs(BATCH, exist_ok=True)
    for f in os.listdir(BATCH):
        os.remove(os.path.join(BATCH, f))
    units = {}
    for prefix, parent, word, profiles in PARENTS:
        for i, profile in enumerate(profiles, start=1):
            code, recs = unit_records(prefix, parent, word, i, profile)
            units[code] = recs

    def of(prefix, codes=None):
        out = []
        for code, recs in units.items():
            if code.startswith(prefix) and (codes is None or code in codes):
                out.extend(recs)
        return out

    col = [c[0] for c in COLUMNS]

    # Hàm Chính: one CSV, UTF-8 with BOM, Vietnamese headers, DD/MM/YYYY dates, Vietnamese words.
    hc = of("HC")
    bad1 = blank_row()
    for k, v in [("unit.code", "HC-CB02"), ("unit.name", "Chi bộ thôn 2"), ("unit.parent", "Đảng bộ xã Hàm Chính"),
                 ("kind", "định kỳ"), ("chair", "Lê Văn Cường"), ("session.topics", "Họp bàn công tác thu thuế")]:
        bad1[col.index(k)] = v  # the date was never written: rejected
    bad2 = blank_row()
    for k, v in [("unit.code", "HC-CB04"), ("date", "20/06/2018"), ("kind", "họp chi ủy"),
                 ("session.topics", "Kiểm điểm công tác tháng 6")]:
        bad2[col.index(k)] = v  # an unknown kind of meeting: rejected
    write_csv(os.path.join(BATCH, "ham-chinh.csv"), hc,
              dict(vi_headers=True, fold_headers=False, delimiter=",", encoding="utf-8-sig", dmy=True, vi_words=True),
              bad_rows=[(17, bad1), (70, bad2)])

    # Hàm Liêm: an Excel workbook with a title row, Excel dates and times, typed numbers and booleans.
    hl = of("HL")
    bad3 = [None] * len(COLUMNS)
    bad3[col.index("unit.name")] = "Chi bộ thôn 3"
    bad3[col.index("date")] = dt.date(2018, 3, 14)
    bad3[col.index("kind")] = "định kỳ"
    bad3[col.index("session.topics")] = "Nâng cao tinh thần trách nhiệm"
    write_xlsx(os.path.join(BATCH, "ham-liem.xlsx"),
               "DANH SÁCH BIÊN BẢN SINH HOẠT CHI BỘ NĂM 2017–2018 — ĐẢNG BỘ XÃ HÀM LIÊM", hl,
               bad_rows=[(40, bad3)])

    # Ma Lâm: JSON Lines for four cells, one broken line.
    ml = of("ML", {"ML-KP01", "ML-KP02", "ML-KP03", "ML-KP04"})
    lines = [json.dumps(r, ensure_ascii=False) for r in ml]
    broken = json.dumps(ml[30], ensure_ascii=False)
    lines.insert(31, broken[: len(broken) // 2])  # a line cut off mid-record: rejected
    with open(os.path.join(BATCH, "ma-lam.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")

    # Ma Lâm KP05–06: saved by a spreadsheet as UTF-16 with ';', headers without diacritics.
    ml2 = of("ML", {"ML-KP05", "ML-KP06"})
    bad4 = [cell(ml2[5], c, dict(dmy=False, vi_words=False)) for c in col]
    bad4[col.index("date")] = "31/02/2018"  # no such day: rejected
    bad4[col.index("id")] = "ML-KP05/2018-02-31"
    write_csv(os.path.join(BATCH, "ma-lam-kp05-06.csv"), ml2,
              dict(vi_headers=True, fold_headers=True, delimiter=";", encoding="utf-16-le", dmy=False, vi_words=False),
              bad_rows=[(6, bad4)])
    return units


# --- Encodings -----------------------------------------------------------------------------

ENCODING_RECORDS = [
    {"unit": {"code": "MH-CB01", "name": "Chi bộ thôn Phú Điền", "parent": "Đảng bộ xã Hàm Đức"},
     "date": "2017-01-08", "kind": "định kỳ", "chair": "Huỳnh Thị Thủy", "secretary": "Đặng Ngọc Yến",
     "minutes_book": {"recorded": True, "page": "4"},
     "session": {"topics": ["Giữ gìn đoàn kết, thống nhất trong chi bộ"], "area": "self-criticism",
                 "source": {"kind": "ho-chi-minh-writing", "title": "Di chúc (1969)"},
                 "start": "19:30", "end": "20:15", "minutes": 45,
                 "reason": "Có ý kiến trái chiều kéo dài về việc mở rộng hội trường thôn.",
                 "assessment": {"strengths": "Đảng viên thẳng thắn, cởi mở.", "weaknesses": "Còn nói sau lưng, thiếu xây dựng."},
                 "questions": ["Làm gì để giữ gìn sự đoàn kết nhất trí?"],
                 "discussion": {"opinions": ["Đồng chí Phạm Hữu Lộc: góp ý ngay tại cuộc họp."],
                                "causes": "Thông tin chưa đầy đủ, kịp thời.", "measures": "Công khai thông tin; góp ý trực tiếp."},
                 "conclusion": "Thống nhất phương án mở rộng hội trường, công khai dự toán.",
                 "assignments": [{"assignee": "Chi ủy", "kind": "tập thể", "task": "Công khai dự toán", "due": "2017-02-28", "remedy": False}]}},
    {"unit": {"code": "MH-CB01", "name": "Chi bộ thôn Phú Điền", "parent": "Đảng bộ xã Hàm Đức"},
     "date": "2017-02-09", "kind": "định kỳ", "chair": "Huỳnh Thị Thủy", "secretary": "Đặng Ngọc Yến",
     "minutes_book": {"recorded": True, "page": "6"},
     "session": {"topics": ["Giữ gìn đoàn kết, thống nhất trong chi bộ"], "area": "self-criticism",
                 "source": {"kind": "ho-chi-minh-writing", "title": "Di chúc (1969)"},
                 "start": "19:30", "end": "19:50", "minutes": 20,
                 "reason": "Tiếp tục nội dung tháng trước.",
                 "assessment": {"strengths": "Đã công khai dự toán.", "weaknesses": "Một vài hộ chưa đồng tình."},
                 "questions": ["Còn vướng mắc gì?"],
                 "discussion": {"opinions": ["Đồng chí Bùi Công Quang: gặp riêng từng hộ."],
                                "causes": "Chưa gặp gỡ trực tiếp.", "measures": "Tổ đảng gặp từng hộ."},
                 "conclusion": "Hoàn thành vận động trong tháng ba.",
                 "assignments": [{"assignee": "Tổ đảng số 2", "kind": "tập thể", "task": "Gặp các hộ chưa đồng tình", "due": "thường xuyên", "remedy": False}],
                 "follow_up": {"topic": "Giữ gìn đoàn kết, thống nhất trong chi bộ", "result": "đang thực hiện"}}},
    {"unit": {"code": "MH-CB01", "name": "Chi bộ thôn Phú Điền", "parent": "Đảng bộ xã Hàm Đức"},
     "date": "2017-03-10", "kind": "định kỳ", "chair": "Huỳnh Thị Thủy", "secretary": "Đặng Ngọc Yến",
     "minutes_book": {"recorded": False},
     "session": {"topics": ["Phòng chống rượu chè, cờ bạc dịp lễ hội"], "area": "pressing-issues",
                 "source": {"kind": "lời dạy của Bác", "title": "Đời sống mới (1947)"},
                 "start": "19:30", "end": "20:10", "minutes": 40,
                 "reason": "Dịp lễ hội đầu năm có tụ tập uống rượu, cờ bạc.",
                 "assessment": {"strengths": "Tuần tra thường xuyên.", "weaknesses": "Xử lý chưa nghiêm."},
                 "questions": ["Vì sao tệ nạn còn tái diễn?"],
                 "discussion": {"opinions": ["Đồng chí Võ Đức Phúc: đưa vào hương ước."],
                                "causes": "Nể nang, ngại va chạm.", "measures": "Ký cam kết; đưa vào hương ước."},
                 "conclusion": "Đảng viên và gia đình ký cam kết không tham gia.",
                 "assignments": [{"assignee": "Chi hội phụ nữ", "kind": "tập thể", "task": "Vận động hội viên ký cam kết", "due": "2017-04-30", "remedy": False}],
                 "follow_up": {"topic": "Giữ gìn đoàn kết, thống nhất trong chi bộ", "result": "đạt"}}},
]


def cp1258(text):
    """Vietnamese Windows-1258: base letters with their own marks precomposed (ô, ơ, ư, â, ă,
    ê, đ), tone marks as separate combining characters, as legacy Vietnamese software writes."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        tone = "".join(c for c in parts if c in tones)
        out.append(base + tone)
    return "".join(out).encode("cp1258")


def make_encodings():
    os.makedirs(ENCODINGS, exist_ok=True)
    for f in os.listdir(ENCODINGS):
        if f != "README.md":
            os.remove(os.path.join(ENCODINGS, f))
    style = dict(vi_headers=True, fold_headers=False, delimiter=",", dmy=True, vi_words=False)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([c[1] for c in COLUMNS])
    for r in ENCODING_RECORDS:
        row = []
        for path, _ in COLUMNS:
            v = get(r, path)
            if path == "session.assignments" and v is not None:
                row.append("\n".join(" | ".join([a["assignee"], a["kind"], a["task"], a["due"], str(a["remedy"]).lower()]) for a in v))
            else:
                row.append(cell(r, path, style))
        w.writerow(row)
    text = out.getvalue()
    jsonl = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ENCODING_RECORDS)
    files = {
        "utf8.csv": text.encode("utf-8"),
        "utf8-bom.csv": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "utf16le-bom.csv": b"\xff\xfe" + text.encode("utf-16-le"),
        "utf16be-bom.csv": b"\xfe\xff" + text.encode("utf-16-be"),
        "windows-1258.csv": cp1258(text),
        "utf8.jsonl": jsonl.encode("utf-8"),
        "utf16le-bom.jsonl": b"\xff\xfe" + jsonl.encode("utf-16-le"),
        "windows-1258.jsonl": cp1258(jsonl),
    }
    for name, data in files.items():
        with open(os.path.join(ENCODINGS, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    units = make_batch()
    make_encodings()
    n = sum(len(r) for r in units.values())
    print(f"fixtures/batch: {len(units)} units, {n} records (+ rejected rows); fixtures/encodings: {len(ENCODING_RECORDS)} records", file=sys.stderr)
