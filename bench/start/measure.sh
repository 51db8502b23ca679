#!/usr/bin/env bash
# Seconds from process start to the "Keybridge listening" line, for a command that starts the server.
#   bench/start/measure.sh <data-dir> <command...>
# The data directory is created by a first (unmeasured) start when it does not exist yet. Prints one
# number (seconds, 2 decimals) and the server's peak RSS in MB; stops the server with SIGTERM.
set -euo pipefail
data="$1"; shift
log=$(mktemp)
start=$(date +%s.%N)
KEYBRIDGE_DATA_DIR="$data" KEYBRIDGE_PORT=0 setsid "$@" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  if grep -q "Keybridge listening" "$log"; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log" >&2; exit 1; fi
  sleep 0.05
done
end=$(date +%s.%N)
java_pid=$(pgrep -f -n "keybridge-server.jar" || true)
rss=$([ -n "$java_pid" ] && awk '/VmHWM/ {print int($2/1024)}' /proc/"$java_pid"/status || echo "?")
kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
rm -f "$log"
printf '%.2f %s\n' "$(echo "$end - $start" | bc)" "$rss"
