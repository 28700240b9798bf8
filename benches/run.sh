#!/usr/bin/env bash
# The whole-run benchmark: kiemtra over generated files of 100k and 1M records, its parse floor,
# 1 vs 2 threads, peak memory, and the same rules as SQL in DuckDB over the same files.
#
#   benches/run.sh                 # both sizes
#   SIZES=100k benches/run.sh      # one size
#   SIZES=1m-v15 benches/run.sh    # 1M records, 15 % of them breaking a rule (realistic findings)
#   RUNS=5 benches/run.sh          # hyperfine runs per command (default 5)
#
# Needs: hyperfine and GNU time (apt-get install -y hyperfine time), python3 with duckdb
# (pip install duckdb). Data goes to $BENCH_DIR (default target/bench-data), generated once.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-target/bench-data}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"100k 1m 1m-v15"}
cargo build --release -q -p kiemtra -p kiemtra_gen
bin=target/release/kiemtra
gen=target/release/kiemtra-gen
mkdir -p "$BENCH_DIR"
declare -A UNITS=([100k]=810 [1m]=8100 [1m-v15]=8100)
# Share of records breaking a rule: the generator's default (5 %) and a realistic 15 %, so
# that the cost of many findings (222k at 15 %) can never regress unseen.
declare -A VIOLATIONS=([100k]=0.05 [1m]=0.05 [1m-v15]=0.15)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(uptime)"
for size in $SIZES; do
  dir="$BENCH_DIR/$size"
  if [ ! -d "$dir" ]; then
    "$gen" "$dir" --units "${UNITS[$size]}" --months 120 --files 8 --seed 2016 \
      --violations "${VIOLATIONS[$size]}"
  fi
  bytes=$(du -cb "$dir"/*.jsonl | tail -1 | cut -f1)
  records=$("$bin" check --parse-only "$dir" | awk '{print $4}')
  echo
  echo "== $size: $records records, $((bytes / 1048576)) MiB in $(ls "$dir" | wc -l) files"
  out="$BENCH_DIR/hyperfine-$size.json"
  hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$out" \
    -n "check (2 threads, JSON report)" "$bin check $dir -o $BENCH_DIR/report-$size.json" \
    -n "check (2 threads, text report)" "$bin check $dir -o $BENCH_DIR/report-$size.txt" \
    -n "parse floor (2 threads)" "$bin check --parse-only $dir" \
    -n "check (1 thread)" "$bin check -j 1 $dir -o $BENCH_DIR/report-$size.json" \
    -n "parse floor (1 thread)" "$bin check -j 1 --parse-only $dir" \
    -n "duckdb SQL (2 threads)" "python3 benches/duckdb_check.py $dir 2" >/dev/null
  echo "peak memory (GNU time, max RSS) and time of one run, every report format:"
  for cmd in "$bin check $dir -o $BENCH_DIR/report-$size.json" \
             "$bin check $dir -o $BENCH_DIR/report-$size.txt" \
             "$bin check $dir -o $BENCH_DIR/report-$size.csv" \
             "$bin check $dir -o $BENCH_DIR/report-$size.md" \
             "$bin check $dir -o $BENCH_DIR/report-$size.html" \
             "$bin check $dir -o $BENCH_DIR/report-$size.xlsx" \
             "$bin check --parse-only $dir" "python3 benches/duckdb_check.py $dir 2"; do
    /usr/bin/time -f '%M %e %U %S' -o "$BENCH_DIR/rss" $cmd >/dev/null 2>&1 || true
    read -r rss wall user sys < <(tail -1 "$BENCH_DIR/rss")
    echo "  $((rss / 1024)) MiB  ${wall} s wall, ${user} s user, ${sys} s sys  $cmd"
  done
  # The work the check cannot avoid besides parsing: the input digest, SHA-256 of every file on
  # one core (OpenSSL, the CPU's SHA instructions), fastest of 3.
  digest=0
  if command -v openssl >/dev/null; then
    for _ in 1 2 3; do
      /usr/bin/time -f '%U %S' -o "$BENCH_DIR/rss" openssl dgst -sha256 "$dir"/*.jsonl >/dev/null
      digest=$(awk -v best="$digest" '{t = $1 + $2; print (best == 0 || t < best) ? t : best}' "$BENCH_DIR/rss")
    done
    echo "the input digest alone (openssl dgst -sha256, one core): $digest s of CPU"
  fi
  python3 - "$out" "$records" "$bytes" "$digest" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
digest = float(sys.argv[4])
records, size = int(sys.argv[2]), int(sys.argv[3])
t = {r["command"]: r for r in runs}
print(f"{'command':34} {'mean s':>8} {'± s':>6} {'min s':>7} {'records/s':>11} {'MB/s':>7}")
for name, r in t.items():
    print(f"{name:34} {r['mean']:8.3f} {r['stddev']:6.3f} {r['min']:7.3f} "
          f"{records / r['mean']:11,.0f} {size / r['mean'] / 1e6:7.0f}")
c2, p2 = t["check (2 threads, JSON report)"]["mean"], t["parse floor (2 threads)"]["mean"]
c1 = t["check (1 thread)"]["mean"]
tx = t["check (2 threads, text report)"]["mean"]
d2 = t["duckdb SQL (2 threads)"]["mean"]
print(f"check / parse floor: {c2 / p2:.2f}x   1 -> 2 threads: {c1 / c2:.2f}x   "
      f"DuckDB / kiemtra: {d2 / c2:.1f}x   text / JSON: {tx / c2:.2f}x")
if digest:
    print(f"check / (parse floor + digest over both cores): {c2:.3f} / ({p2:.3f} + {digest:.2f} / 2)"
          f" = {c2 / (p2 + digest / 2):.2f}x")
PY
done
