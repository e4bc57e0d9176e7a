#!/usr/bin/env bash
# The end-to-end tests drive Debian's chromium through playwright-core (no browser download).
# Idempotent: installs it only when it is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium
/usr/bin/chromium --version || true
