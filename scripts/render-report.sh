#!/usr/bin/env bash
# Renders an HTML inspection report to PDF and PNG with headless Chromium, to look at it as
# an inspector would print it. Offline: no network, a throw-away profile.
#
#   scripts/render-report.sh [REPORT.html] [OUT-DIR]
#
# Without arguments: checks fixtures/batch into target/report/batch.html first. Writes
# OUT-DIR/NAME.pdf (A4, as printed), OUT-DIR/NAME.png (the screen view, first 1800 px) and, when
# pdftoppm is there (Debian: poppler-utils), OUT-DIR/NAME-page-N.png for every printed page.
# Needs Debian's `chromium` (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

html=${1:-}
out=${2:-target/report}
mkdir -p "$out"
if [[ -z "$html" ]]; then
  html=$out/batch.html
  cargo run --quiet --release -- check fixtures/batch -o "$html" \
    --body "BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC" --place "Hàm Thuận Bắc" --date 2019-01-15 || true
fi
name=$(basename "$html" .html)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
  echo "render-report: chromium not found (apt-get install -y chromium)" >&2
  exit 2
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --no-first-run --hide-scrollbars --user-data-dir="$profile")
url="file://$(realpath "$html")"
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "$url" 2>/dev/null
"$browser" "${flags[@]}" --window-size=1000,1800 --screenshot="$out/$name.png" "$url" 2>/dev/null
if command -v pdftoppm >/dev/null; then
  rm -f "$out/$name"-page-*.png
  pdftoppm -png -r 70 "$out/$name.pdf" "$out/$name-page"
fi
ls -1 "$out/$name".pdf "$out/$name".png "$out/$name"-page-*.png 2>/dev/null
