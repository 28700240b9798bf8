#!/usr/bin/env bash
# CI: the self-check page (`kiemtra serve`) in a real browser: tests/browser/page.test.mjs drives
# Debian's Chromium with playwright-core from npm (no browser download). Installs Chromium from
# Debian when missing (as root). Expects the Linux build at target/debug/kiemtra (cargo test
# builds it). Screenshots (1366×768, 390×844) go to tests/browser/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

if [[ ! -x /usr/bin/chromium ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi
[[ -x target/debug/kiemtra ]] || cargo build --locked -p kiemtra

cd tests/browser
npm ci --no-audit --no-fund --loglevel=error
npm test
echo "ci-browser: $((SECONDS - started)) s"
