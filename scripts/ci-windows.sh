#!/usr/bin/env bash
# CI: the Windows build (scripts/build-windows.sh) and its smoke test under Wine:
# - `kiemtra.exe check fixtures/batch --format json` gives the Linux build's report, byte for byte;
# - `kiemtra.exe serve` answers POST /api/check over loopback with that same report.
# Installs what it needs from Debian (as root). Expects the Linux build at target/debug/kiemtra
# (cargo test builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

scripts/build-windows.sh
built=$SECONDS

need=()
for p in wine64 gcc-mingw-w64-x86-64 curl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
WINE=/usr/lib/wine/wine64
LINUX=target/debug/kiemtra
[[ -x $LINUX ]] || cargo build --locked -p kiemtra

work=$(mktemp -d)
server=
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The exe with the test-only ProcessPrng stand-in beside it (see scripts/wine/processprng.c).
cp target/windows/kiemtra.exe "$work/"
x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" scripts/wine/processprng.c -ladvapi32
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="bcryptprimitives=n,b;mscoree,mshtml=" DISPLAY=
"$WINE" wineboot --init >/dev/null 2>&1 || true

# 1. The batch report, byte for byte.
"$LINUX" --no-config check fixtures/batch --format json > "$work/linux.json" || [[ $? == 1 ]]
"$WINE" "$work/kiemtra.exe" --no-config check fixtures/batch --format json > "$work/windows.json" 2>"$work/windows.err" || [[ $? == 1 ]]
if ! cmp -s "$work/linux.json" "$work/windows.json"; then
  echo "ci-windows: kiemtra.exe's report differs from the Linux build's" >&2
  cmp "$work/linux.json" "$work/windows.json" >&2 || true
  line=$(cmp "$work/linux.json" "$work/windows.json" | grep -o 'line [0-9]*' | grep -o '[0-9]*' || echo 1)
  echo "Linux:   $(sed -n "${line}p" "$work/linux.json")" >&2
  echo "Windows: $(sed -n "${line}p" "$work/windows.json")" >&2
  cat "$work/windows.err" >&2
  exit 1
fi
echo "ci-windows: kiemtra.exe check fixtures/batch --format json: identical to Linux ($(stat -c %s "$work/linux.json") bytes)"

# 2. The page's interface over loopback.
"$WINE" "$work/kiemtra.exe" --no-config serve --port 0 > "$work/serve.out" 2>"$work/serve.err" &
server=$!
url=
for _ in $(seq 1 120); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.out" | head -1 || true)
  [[ -n $url ]] && break
  sleep 0.5
done
[[ -n $url ]] || { echo "ci-windows: kiemtra.exe serve printed no address" >&2; cat "$work/serve.out" "$work/serve.err" >&2; exit 1; }
(cd fixtures && "../$LINUX" --no-config check batch --format json > "$work/linux-batch.json") || [[ $? == 1 ]]
args=()
for f in fixtures/batch/*; do args+=(-F "file=@$f;filename=batch/$(basename "$f")"); done
curl -sS --max-time 120 "${args[@]}" "${url}api/check" -o "$work/served.json"
if ! cmp -s "$work/linux-batch.json" "$work/served.json"; then
  echo "ci-windows: kiemtra.exe serve's /api/check differs from the Linux build's report" >&2
  head -c 2000 "$work/served.json" >&2
  exit 1
fi
echo "ci-windows: kiemtra.exe serve at $url: POST /api/check identical to Linux"
echo "ci-windows: kiemtra.exe $(stat -c %s target/windows/kiemtra.exe) bytes; build $((built - started)) s, smoke test $((SECONDS - built)) s"
echo "ci-windows: 2 passed, 0 failed"
