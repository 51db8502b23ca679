#!/usr/bin/env bash
# Installs Debian's HAProxy for the two-node test (TwoNodeIT), which puts it in front of two
# Keybridge processes. Idempotent: does nothing when haproxy (or $KEYBRIDGE_HAPROXY) already runs.
set -euo pipefail
# shellcheck source=ci/lib/debian.sh
source "$(dirname "$0")/lib/debian.sh"
HAPROXY="${KEYBRIDGE_HAPROXY:-/usr/sbin/haproxy}"
if [ -x "$HAPROXY" ] && "$HAPROXY" -v >/dev/null 2>&1; then
  echo "haproxy: $("$HAPROXY" -v | sed -n 1p)"
  exit 0
fi
debian_install haproxy
# The package starts a system service with its default configuration; the test runs its own.
debian_stop_service haproxy
"$HAPROXY" -v | sed -n 1p
