#!/usr/bin/env python3
"""Times a batch inspection of many cells, from every input format to every report.

    cargo build --release && python3 scripts/bench-batch.py [COPIES]

Builds target/bench/batch/ from COPIES (default 40) renamed copies of fixtures/batch (CSV with
BOM, UTF-16 CSV, JSON Lines; the workbook once), plus the same records as one JSON Lines file
and one CSV file (with `kiemtra convert`), then reports the best of five wall-clock times of
`kiemtra check` with 1 and 2 worker threads, and checks that the reports are byte-identical
whatever the number of threads. Standard library only.
"""

import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
KIEMTRA = os.path.join(ROOT, "target", "release", "kiemtra")
SRC = os.path.join(ROOT, "fixtures", "batch")
OUT = os.path.join(ROOT, "target", "bench")


def build(copies):
    batch = os.path.join(OUT, "batch")
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(batch)
    csv1 = open(os.path.join(SRC, "ham-chinh.csv"), "rb").read().decode("utf-8-sig")
    csv2 = open(os.path.join(SRC, "ma-lam-kp05-06.csv"), "rb").read().decode("utf-16")
    jsonl = open(os.path.join(SRC, "ma-lam.jsonl"), "rb").read().decode("utf-8")
    for n in range(copies):
        def sub(text):
            text = re.sub(r"\b(HC|ML)-(CB|KP)", lambda m: f"{m.group(1)}{n:02d}-{m.group(2)}", text)
            return (text.replace("Đảng bộ xã Hàm Chính", f"Đảng bộ xã số {n:02d}")
                        .replace("Đảng bộ thị trấn Ma Lâm", f"Đảng bộ thị trấn số {n:02d}"))
        d = os.path.join(batch, f"xa-{n:02d}")
        os.makedirs(d)
        open(os.path.join(d, "a.csv"), "wb").write(b"\xef\xbb\xbf" + sub(csv1).encode())
        open(os.path.join(d, "b.csv"), "wb").write(b"\xff\xfe" + sub(csv2).encode("utf-16-le"))
        open(os.path.join(d, "c.jsonl"), "wb").write(sub(jsonl).encode())
    shutil.copy(os.path.join(SRC, "ham-liem.xlsx"), batch)
    one_jsonl = os.path.join(OUT, "all.jsonl")
    one_csv = os.path.join(OUT, "all.csv")
    subprocess.run([KIEMTRA, "convert", batch, "-o", one_jsonl], stderr=subprocess.DEVNULL)
    subprocess.run([KIEMTRA, "convert", batch, "-o", one_csv], stderr=subprocess.DEVNULL)
    return batch, one_jsonl, one_csv


def best(args, runs=5):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return min(times)


def main():
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    if not os.path.exists(KIEMTRA):
        sys.exit("build first: cargo build --release")
    batch, one_jsonl, one_csv = build(copies)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(batch) for f in fs)
    out = subprocess.run([KIEMTRA, "check", batch, "--format", "json"], capture_output=True).stdout
    import json
    s = json.loads(out)["summary"]
    print(f"{s['files']} files, {size / 1e6:.1f} MB, {s['records']} records "
          f"({s['checked']} checked, {s['rejected']} rejected), {s['units']} units")
    reports = [f"-o{os.path.join(OUT, 'r.' + e)}" for e in ("html", "md", "csv", "json", "txt")]
    cases = [
        ("mixed directory, JSON report", [batch, "--format", "json"]),
        ("mixed directory, all five reports", [batch] + reports),
        (f"one JSONL file ({os.path.getsize(one_jsonl) / 1e6:.0f} MB), JSON report", [one_jsonl, "--format", "json"]),
        (f"one CSV file ({os.path.getsize(one_csv) / 1e6:.0f} MB), JSON report", [one_csv, "--format", "json"]),
    ]
    for name, args in cases:
        t1 = best([KIEMTRA, "check", "-j", "1"] + args)
        t2 = best([KIEMTRA, "check", "-j", "2"] + args)
        print(f"  {name:48} -j1 {t1:6.3f} s   -j2 {t2:6.3f} s")
    same = True
    for fmt in ("html", "md", "csv", "json", "text"):
        a = subprocess.run([KIEMTRA, "check", batch, "-j", "1", "--format", fmt], capture_output=True).stdout
        b = subprocess.run([KIEMTRA, "check", batch, "-j", "2", "--format", fmt], capture_output=True).stdout
        same &= a == b
    print(f"  reports byte-identical with 1 and 2 threads: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
