#!/usr/bin/env bash
# Installs Debian's Chromium for the Playwright test (LinkBrowserTest) when it is missing.
# Idempotent: does nothing when /usr/bin/chromium (or $KEYBRIDGE_CHROMIUM) already runs.
set -euo pipefail
CHROMIUM="${KEYBRIDGE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ] && "$CHROMIUM" --version >/dev/null 2>&1; then
  echo "chromium: $("$CHROMIUM" --version)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium
"$CHROMIUM" --version
