#!/bin/sh
# The HTML reports in a real browser (headless Chromium): at 390 and 1280 px
# the page does not scroll sideways and no table cell is squeezed to a
# syllable; printed on A4 (PDF), the second page starts with a repeated
# table header. Screenshots and PDFs are left in target/browser/ to look at.
#
# Not part of `cargo test` or .ci/run: it needs Chromium, Korean fonts and
# poppler's pdftotext, which it installs (Debian) when they are missing.
#
#   tests/browser/run.sh
set -eu
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null || ! command -v pdftotext >/dev/null \
    || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
    flock /tmp/apt.lock apt-get install -y chromium fonts-noto-cjk poppler-utils
fi
cargo build --quiet
exec python3 tests/browser/check.py target/debug/policy-track target/browser
