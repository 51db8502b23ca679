#!/usr/bin/env bash
# Installs a Japanese font for Chromium, so the Link screenshots in Japanese (LinkScreensBrowserTest)
# show glyphs rather than boxes. Idempotent: does nothing when one is present.
set -euo pipefail
# shellcheck source=ci/lib/debian.sh
source "$(dirname "$0")/lib/debian.sh"
if command -v fc-list >/dev/null 2>&1 && fc-list :lang=ja | grep . >/dev/null; then
  echo "fonts: a Japanese font is installed"
  exit 0
fi
debian_install fonts-ipafont-gothic
