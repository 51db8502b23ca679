#!/usr/bin/env bash
# Installs Debian's Prometheus for its promtool, which DeployConfigTest runs on
# deploy/prometheus/keybridge-rules.yml. Idempotent: does nothing when promtool (or $KEYBRIDGE_PROMTOOL) runs.
set -euo pipefail
PROMTOOL="${KEYBRIDGE_PROMTOOL:-/usr/bin/promtool}"
if [ -x "$PROMTOOL" ] && "$PROMTOOL" --version >/dev/null 2>&1; then
  echo "promtool: $("$PROMTOOL" --version 2>&1 | head -1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends prometheus
# The package starts a Prometheus service; the test needs only promtool.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  $SUDO systemctl stop prometheus || true
fi
"$PROMTOOL" --version 2>&1 | head -1
