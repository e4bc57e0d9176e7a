#!/usr/bin/env bash
# The end-to-end tests drive Debian's chromium through playwright-core (no browser download);
# the document tests read rendered PDFs with poppler's pdftotext and pdfinfo.
# Idempotent: installs only what is missing.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/pdftotext ] || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "${missing[@]}"
/usr/bin/chromium --version || true
