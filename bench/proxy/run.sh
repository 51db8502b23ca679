#!/usr/bin/env bash
# Proxy bench: GET /v1/proxy/me through Keybridge (API key + access token, the key injected) next to an
# nginx reverse proxy (1 worker, keep-alive upstream) in front of the same nginx upstream, and the
# upstream called directly. Rounds alternate (keybridge, nginx, direct) so drift hits all three alike.
#   [ROUNDS=3] [SECONDS_PER_ROUND=10] [WARMUP=30] [CONNECTIONS=10] [PROFILE=name] bench/proxy/run.sh
# PROFILE=name: async-profiler (ap-loader from Maven Central) samples Keybridge's CPU during the measured
# rounds and writes bench/profile/<name>.collapsed and <name>.svg (bench/profile/flame.py).
# KEYBRIDGE_LAUNCHER=path/to/keybridge: run another build's launcher (e.g. a worktree of an older commit).
# Prints RESULT lines (one per round and target) and a MEDIAN line per target.
# Needs: nginx (nginx-light), wrk, psql; PostgreSQL on 127.0.0.1:5432 (BENCH_PGHOST, BENCH_PGUSER).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/bench/lib/quiet.sh"; bench_quiet
JAVA_HOME="${JAVA_HOME:-$("$ROOT/keybridge" java-home)}"; export JAVA_HOME
ROUNDS="${ROUNDS:-3}"; SECS="${SECONDS_PER_ROUND:-10}"; WARMUP="${WARMUP:-30}"; CONN="${CONNECTIONS:-10}"
PGHOST_="${BENCH_PGHOST:-127.0.0.1}"; PGUSER_="${BENCH_PGUSER:-postgres}"
DB="kb_proxy_bench_$$"; WORK="$(mktemp -d)"; SERVER_PID=""; NGINX_PID=""
UP_PORT=$((20000 + RANDOM % 5000)); PROXY_PORT=$((UP_PORT + 5000))
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  psql -h "$PGHOST_" -U "$PGUSER_" -d postgres -qc "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

. "$ROOT/bench/lib/upstream.sh"
bench_upstream "$UP_PORT" "$PROXY_PORT"

psql -h "$PGHOST_" -U "$PGUSER_" -d postgres -qc "create database $DB"
KEYBRIDGE_DATABASE_URL="jdbc:postgresql://$PGHOST_:5432/$DB?user=$PGUSER_" KEYBRIDGE_CATALOG_FILE="$WORK/catalog.yaml" \
KEYBRIDGE_DATA_DIR="$WORK/data" KEYBRIDGE_PORT=0 KEYBRIDGE_LOG_LEVEL=WARN \
  "${KEYBRIDGE_LAUNCHER:-$ROOT/keybridge}" serve > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do grep -q "Keybridge listening on" "$WORK/server.log" && break; sleep 1; done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/server.log" | head -1)
[ -n "$BASE" ] || { cat "$WORK/server.log"; exit 1; }
bench_connect "$BASE"

run() {  # run <label> <base url> <path> <seconds> [headers]
  HEADERS="${5:-}" PROXY_PATH="$3" wrk -t2 -c"$CONN" -d"${4}s" --latency -s "$ROOT/bench/proxy/me.lua" "$2" \
    | grep RESULT | sed "s/^RESULT/RESULT $1/"
}
echo "== warm-up ${WARMUP}s (Keybridge's JIT)"
run keybridge "$BASE" /v1/proxy/me "$WARMUP" "x-api-key: $KEY|access_token: $AT" >/dev/null
run nginx "http://127.0.0.1:$PROXY_PORT" /me 5 >/dev/null
JAVA_PID="$SERVER_PID"   # the launcher execs java, so this is the JVM itself
if [ -n "${PROFILE:-}" ]; then
  AP="$("$ROOT/bench/profile/ap-loader.sh")"
  "$JAVA_HOME/bin/java" -jar "$AP" profiler start -e itimer -i 1ms "$JAVA_PID" >/dev/null
fi
for r in $(seq 1 "$ROUNDS"); do
  run keybridge "$BASE" /v1/proxy/me "$SECS" "x-api-key: $KEY|access_token: $AT"
  run nginx "http://127.0.0.1:$PROXY_PORT" /me "$SECS"
  run direct "http://127.0.0.1:$UP_PORT" /me "$SECS"
done | tee "$WORK/results.txt"
if [ -n "${PROFILE:-}" ]; then
  "$JAVA_HOME/bin/java" -jar "$AP" profiler stop -o collapsed -f "$ROOT/bench/profile/$PROFILE.collapsed" "$JAVA_PID" >/dev/null
  python3 "$ROOT/bench/profile/flame.py" "$ROOT/bench/profile/$PROFILE.collapsed" "$ROOT/bench/profile/$PROFILE.svg" \
    "GET /v1/proxy/me under wrk -c$CONN ($PROFILE, $(git -C "$(dirname "${KEYBRIDGE_LAUNCHER:-$ROOT/keybridge}")" log --oneline -1 | cut -c1-7))"
  python3 "$ROOT/bench/profile/top.py" "$ROOT/bench/profile/$PROFILE.collapsed" | tee "$ROOT/bench/profile/$PROFILE.top.txt"
  gzip -9f "$ROOT/bench/profile/$PROFILE.collapsed"   # ~20 MB of text; flame.py and top.py read the .gz
fi
[ -n "$JAVA_PID" ] && echo "RESULT memory rss_mb=$(awk '/VmRSS/ {print int($2/1024)}' /proc/"$JAVA_PID"/status) peak_mb=$(awk '/VmHWM/ {print int($2/1024)}' /proc/"$JAVA_PID"/status)"
python3 - "$WORK/results.txt" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT (\w+) .*rps=(\d+) p50_ms=([\d.]+) .*p99_ms=([\d.]+)", line)
    if m:
        rows.setdefault(m.group(1), []).append((int(m.group(2)), float(m.group(3)), float(m.group(4))))
for k, v in rows.items():
    print("MEDIAN %s rps=%d p50_ms=%.2f p99_ms=%.2f" % (k, statistics.median(x[0] for x in v),
          statistics.median(x[1] for x in v), statistics.median(x[2] for x in v)))
PY
