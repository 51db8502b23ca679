#!/usr/bin/env bash
# Installs Debian's HAProxy for the two-node test (TwoNodeIT), which puts it in front of two
# Keybridge processes. Idempotent: does nothing when haproxy (or $KEYBRIDGE_HAPROXY) already runs.
set -euo pipefail
HAPROXY="${KEYBRIDGE_HAPROXY:-/usr/sbin/haproxy}"
if [ -x "$HAPROXY" ] && "$HAPROXY" -v >/dev/null 2>&1; then
  echo "haproxy: $("$HAPROXY" -v | head -1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends haproxy
# The package starts a system service with its default configuration; the test runs its own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet haproxy 2>/dev/null; then
  $SUDO systemctl stop haproxy || true
fi
"$HAPROXY" -v | head -1
