#!/usr/bin/env bash
# Installs a Japanese font for Chromium, so the Link screenshots in Japanese (LinkScreensBrowserTest)
# show glyphs rather than boxes. Idempotent: does nothing when one is present.
set -euo pipefail
if command -v fc-list >/dev/null 2>&1 && fc-list :lang=ja | grep -q .; then
  echo "fonts: a Japanese font is installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends fonts-ipafont-gothic
