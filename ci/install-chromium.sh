#!/usr/bin/env bash
# Installs Debian's Chromium for the Playwright test (LinkBrowserTest) when it is missing.
# Idempotent: does nothing when /usr/bin/chromium (or $KEYBRIDGE_CHROMIUM) already runs.
set -euo pipefail
# shellcheck source=ci/lib/debian.sh
source "$(dirname "$0")/lib/debian.sh"
CHROMIUM="${KEYBRIDGE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ] && "$CHROMIUM" --version >/dev/null 2>&1; then
  echo "chromium: $("$CHROMIUM" --version)"
  exit 0
fi
debian_install chromium
"$CHROMIUM" --version
