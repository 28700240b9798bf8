#!/usr/bin/env python3
"""fixtures/serve/: the Word minutes the self-check page's browser tests upload.

- ht-cb04-2017-04-thieu.docx: fixtures/docx/huyen/ht-cb04-2017-04-chu-toa-bang.docx as it is
  (no conclusion written, an assignment without a due date);
- ht-cb04-2017-04-da-sua.docx: the same minutes as the secretary fixes them: the conclusion
  written, the due date given.
"""
import pathlib
import shutil
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "fixtures/docx/huyen/ht-cb04-2017-04-chu-toa-bang.docx"
OUT = ROOT / "fixtures/serve"
OUT.mkdir(exist_ok=True)
shutil.copyfile(SOURCE, OUT / "ht-cb04-2017-04-thieu.docx")

FIXES = [
    ("Kết luận: …………………………",
     "Kết luận: Đồng chí Phan Văn Mười kết luận: chi bộ thống nhất mở lớp bồi dưỡng kỹ năng "
     "tiếp dân trong quý II/2017."),
    ("<w:t>thường xuyên</w:t>", "<w:t>30/06/2017</w:t>"),
]
with zipfile.ZipFile(SOURCE) as src, zipfile.ZipFile(
        OUT / "ht-cb04-2017-04-da-sua.docx", "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "word/document.xml":
            text = data.decode("utf-8")
            for old, new in FIXES:
                assert old in text, old
                text = text.replace(old, new)
            data = text.encode("utf-8")
        # A fixed date, so that the fixture is the same bytes each time it is made.
        info = zipfile.ZipInfo(item.filename, date_time=(2017, 4, 20, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        dst.writestr(info, data)
