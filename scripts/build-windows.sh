#!/usr/bin/env bash
# Builds kiemtra.exe for Windows (64-bit, x86_64-pc-windows-gnu) on Debian, without rustup:
# Debian's Rust (rustc-web, cargo-web) builds the standard library for Windows from its source
# (rust-web-src, `-Z build-std`), and mingw-w64 links. The exe is written to
# target/windows/kiemtra.exe, with mo-trang-kiem-tra.cmd beside it (double-clicked: the self-check
# page opens); the build's own folder is target/windows/, apart from the host's.
#
#   scripts/build-windows.sh            # installs what is missing (as root), then builds
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(rustc-web cargo-web rust-web-src gcc-mingw-w64-x86-64)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "build-windows: missing Debian packages: ${missing[*]} (apt-get install them as root)" >&2
    exit 2
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian's toolchain, whatever rustup puts first on PATH.
export RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
# -Z build-std is unstable: allowed on Debian's stable compiler for this build only.
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_AR=x86_64-w64-mingw32-ar

/usr/bin/cargo build --release --locked -p kiemtra \
  -Z build-std=std,panic_abort \
  --target x86_64-pc-windows-gnu \
  --target-dir target/windows
cp target/windows/x86_64-pc-windows-gnu/release/kiemtra.exe target/windows/kiemtra.exe
# Double-clicked on Windows: the page served and opened in the browser; the window stays open
# while the page is used (Ctrl+C, or closing it, stops kiemtra).
printf '%s\r\n' '@echo off' 'cd /d "%~dp0"' 'kiemtra.exe serve --open' 'pause' \
  > target/windows/mo-trang-kiem-tra.cmd
echo "target/windows/kiemtra.exe: $(stat -c %s target/windows/kiemtra.exe) bytes"
