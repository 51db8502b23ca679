#!/usr/bin/env bash
# Installs Debian's Prometheus for its promtool, which DeployConfigTest runs on
# deploy/prometheus/keybridge-rules.yml. Idempotent: does nothing when promtool (or $KEYBRIDGE_PROMTOOL) runs.
set -euo pipefail
# shellcheck source=ci/lib/debian.sh
source "$(dirname "$0")/lib/debian.sh"
PROMTOOL="${KEYBRIDGE_PROMTOOL:-/usr/bin/promtool}"
if [ -x "$PROMTOOL" ] && "$PROMTOOL" --version >/dev/null 2>&1; then
  echo "promtool: $("$PROMTOOL" --version 2>&1 | sed -n 1p)"
  exit 0
fi
debian_install prometheus
# The package starts a Prometheus service; the test needs only promtool.
debian_stop_service prometheus
"$PROMTOOL" --version 2>&1 | sed -n 1p
