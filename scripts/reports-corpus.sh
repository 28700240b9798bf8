#!/usr/bin/env bash
# Every report of every fixture, in every format and both languages, plus what the other
# commands print: run it with the binary before and after a change that must not change a word
# (moving words into the catalogue, say), then `diff -r` the two folders.
#
#   scripts/reports-corpus.sh target/release/kiemtra /tmp/before
set -uo pipefail
bin=$(realpath "$1"); out=$2
cd "$(dirname "$0")/.."
rm -rf "$out"; mkdir -p "$out"
inputs=$(find fixtures -type f \( -name '*.jsonl' -o -name '*.json' -o -name '*.csv' -o -name '*.xlsx' -o -name '*.docx' \) \
  -not -path 'fixtures/fuzz/*' | sort)
inputs="$inputs
fixtures/batch
fixtures/samples
fixtures/docx"
for lang in vi en; do
  while IFS= read -r input; do
    [ -n "$input" ] || continue
    name=$(echo "$input" | tr '/' '_')
    for fmt in text json csv md html; do
      "$bin" --lang "$lang" check "$input" --format "$fmt" --date 2019-01-15 \
        >"$out/$lang.$name.$fmt" 2>"$out/$lang.$name.$fmt.err"
      echo "exit $?" >>"$out/$lang.$name.$fmt.err"
    done
  done <<<"$inputs"
  # The district report with every side input, and the workbook's cells as text.
  "$bin" --lang "$lang" check fixtures/batch fixtures/docx --body "BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC" \
    --place "Hàm Thuận Bắc" --date 2019-01-15 --recommendations fixtures/report/kien-nghi.txt \
    --waivers fixtures/config/waivers.toml --baseline fixtures/reinspection/previous-report.json \
    -o "$out/$lang.district.md" -o "$out/$lang.district.html" -o "$out/$lang.district.json" \
    -o "$out/$lang.district.txt" -o "$out/$lang.district.xlsx" 2>"$out/$lang.district.err"
  echo "exit $?" >>"$out/$lang.district.err"
  (cd "$out" && mkdir -p "$lang.district.xlsx.d" && cd "$lang.district.xlsx.d" && unzip -q -o "../$lang.district.xlsx" && rm -f docProps/core.xml) 2>/dev/null
  rm -f "$out/$lang.district.xlsx"
  "$bin" --lang "$lang" rules >"$out/$lang.rules" 2>&1
  "$bin" --lang "$lang" --help >"$out/$lang.help" 2>&1
  "$bin" --lang "$lang" check --help >"$out/$lang.check.help" 2>&1
  "$bin" --lang "$lang" config >"$out/$lang.config" 2>&1
  "$bin" --lang "$lang" check --fail-on nonsense x >"$out/$lang.badarg" 2>&1
  "$bin" --lang "$lang" check fixtures/batch --config fixtures/config/wrong-rule.toml >"$out/$lang.wrongrule" 2>&1
  "$bin" --lang "$lang" check fixtures/batch --pack fixtures/config/bad-pack.toml >"$out/$lang.badpack" 2>&1
  for code in CD101 CD102 CD201 CD202 CD203 CD204 CD301 CD302 CD303 CD304 CD305 CD306 CD307 CD308 CD309 CD310 CD401 CD402 CD403 CD501 CD502 CD503 CD504 CD505 CD601 CD602; do
    "$bin" --lang "$lang" explain "$code" >"$out/$lang.explain.$code" 2>&1
  done
  "$bin" --lang "$lang" template --unit HC-CB01 --month 2017-03 >"$out/$lang.template.json" 2>&1
  "$bin" --lang "$lang" template --unit HC-CB01 --month 2017-03 --format csv >"$out/$lang.template.csv" 2>&1
  for f in docx xlsx; do
    "$bin" --lang "$lang" template --unit HC-CB01 --month 2017-03 --format $f -o "$out/$lang.template.$f" >/dev/null 2>&1
    (cd "$out" && mkdir -p "$lang.template.$f.d" && cd "$lang.template.$f.d" && unzip -q -o "../$lang.template.$f" && rm -f docProps/core.xml) 2>/dev/null
    rm -f "$out/$lang.template.$f"
  done
done
"$bin" schema >"$out/schema.json" 2>&1
# The folder's own name is printed in places: the same for every run.
abs=$(realpath "$out")
grep -rlF "$abs" "$out" | xargs -r sed -i "s#$abs#OUT#g"
echo "$(ls "$out" | wc -l) outputs in $out"
