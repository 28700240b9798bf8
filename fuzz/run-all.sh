#!/usr/bin/env bash
# Runs every fuzz target in turn for SECONDS_EACH seconds (default 1800) on one core, logging
# to logs/<target>.log. Seeds first with ./seed.sh. Stable toolchain: RUSTC_BOOTSTRAP=1.
set -uo pipefail
cd "$(dirname "$0")"
each=${SECONDS_EACH:-1800}
[ -d corpus/record ] || ./seed.sh
mkdir -p logs
for t in ${TARGETS:-record jsonl json csv xlsx docx}; do
  case $t in record|jsonl|json) dict=-dict=json.dict ;; *) dict= ;; esac
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$t" "corpus/$t" -- $dict -max_len=8192 \
    -max_total_time="$each" -print_final_stats=1 > "logs/$t.log" 2>&1
  echo "$t exit $?" >> logs/summary.log
done
