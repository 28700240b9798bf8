#!/usr/bin/env python3
"""Rewrites generated JSON Lines as minutes typed in Word or Excel have them: “ ” around names,
… and – in sentences, dates DD/MM/YYYY, times 19h30, durations "35 phút", "Đã ghi" for the
minutes book. The findings stay the same (kiemtra reads every one of these forms).

    python3 benches/as-typed.py target/bench-data/100k-v15 target/bench-data/100k-v15-typed
"""
import glob
import os
import re
import sys

DATE = re.compile(r'"(\d{4})-(\d{2})-(\d{2})"')
TIME = re.compile(r'"(\d{2}):(\d{2})"')
MINUTES = re.compile(r'"minutes": (\d+)')


def typed(line):
    for plain, written in [
        ('"Nhân dân ', '"“Nhân dân” '),
        ('"Chi ủy ', '"“Chi ủy” '),
        ("; ", "… "),
        ("ổ đảng", "ổ đảng –"),
        ('"recorded": true', '"recorded": "Đã ghi"'),
    ]:
        line = line.replace(plain, written)
    line = DATE.sub(lambda m: f'"{m[3]}/{m[2]}/{m[1]}"', line)
    line = TIME.sub(lambda m: f'"{m[1]}h{m[2]}"', line)
    return MINUTES.sub(lambda m: f'"minutes": "{m[1]} phút"', line)


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(src, "*.jsonl"))):
        # The generator's malformed lines (bad UTF-8) are kept as they are.
        with open(path, encoding="utf-8", errors="surrogateescape") as f, open(
            os.path.join(dst, os.path.basename(path)), "w", encoding="utf-8", errors="surrogateescape"
        ) as out:
            for line in f:
                out.write(typed(line))


if __name__ == "__main__":
    main(*sys.argv[1:3])
