#!/usr/bin/env bash
# Seconds from process start to the "Keybridge listening" line, for a command that starts the server.
#   bench/start/measure.sh <data-dir> <command...>
# The data directory is created by a first (unmeasured) start when it does not exist yet. Prints one
# number (seconds, 2 decimals), the server's RSS in MB once idle (IDLE_WAIT seconds after the listening
# line, default 10) and its peak RSS; stops the server with SIGTERM.
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/lib/quiet.sh"; bench_quiet
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
java_pid="$pid"   # setsid and the launcher both exec, so this is the JVM
sleep "${IDLE_WAIT:-10}"
rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/"$java_pid"/status 2>/dev/null || echo "?")
peak=$(awk '/VmHWM/ {print int($2/1024)}' /proc/"$java_pid"/status 2>/dev/null || echo "?")
kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid"
wait "$pid" 2>/dev/null || true
rm -f "$log"
printf '%.2f %s %s\n' "$(echo "$end - $start" | bc)" "$rss" "$peak"
