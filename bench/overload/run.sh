#!/usr/bin/env bash
# Honest overload: 200 concurrent clients (closed loop) on a mixed load (reads, lists, upserts, session
# tokens, calls with a session token) against one node; prints capacity (requests/s), p50/p90/p99/max,
# the status counts and every 5xx by its error code (LoadClient.java).
# Usage: [BENCH_DATABASE=external|embedded] [BENCH_JAR=path/to/keybridge-server.jar] \
#        bench/overload/run.sh [clients=200] [warmup_s=20] [measure_s=60]
# external (default): a fresh database on the PostgreSQL server at 127.0.0.1:5432 (BENCH_PGUSER, postgres);
# embedded: the node's own embedded PostgreSQL in a scratch data directory.
# Any KEYBRIDGE_* variable set in the environment reaches the server (e.g. KEYBRIDGE_DATABASE_POOL_SIZE);
# BENCH_JAR runs that jar (e.g. an older build) with the launcher's memory options instead of ./keybridge serve;
# BENCH_KEEP_LOG=path keeps the server's log there.
# Run it on a quiet machine: the load client, the server and PostgreSQL share the cores.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bench/lib/quiet.sh"; bench_quiet
JAVA_HOME="${JAVA_HOME:-$("$ROOT/keybridge" java-home)}"; export JAVA_HOME
CLIENTS="${1:-200}"
WARMUP="${2:-20}"
MEASURE="${3:-60}"
PGHOST="${BENCH_PGHOST:-127.0.0.1}"
PGUSER="${BENCH_PGUSER:-postgres}"
DB="kb_overload_$$"
WORK="$(mktemp -d)"
SERVER_PID=""

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  if [ "${BENCH_DATABASE:-external}" = external ]; then
    psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  fi
  [ -n "${BENCH_KEEP_LOG:-}" ] && cp "$WORK/server.log" "$BENCH_KEEP_LOG"
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${BENCH_DATABASE:-external}" = external ]; then
  psql -h "$PGHOST" -U "$PGUSER" -d postgres -qc "create database $DB"
  export KEYBRIDGE_DATABASE_URL="jdbc:postgresql://$PGHOST:5432/$DB?user=$PGUSER"
fi
export KEYBRIDGE_DATA_DIR="$WORK/data" KEYBRIDGE_PORT=0 KEYBRIDGE_LOG_LEVEL="${KEYBRIDGE_LOG_LEVEL:-WARN}"
if [ -n "${BENCH_JAR:-}" ]; then
  "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xms16m -Xmx256m -XX:TrimNativeHeapInterval=1000 -jar "$BENCH_JAR" \
    > "$WORK/server.log" 2>&1 &
else
  "$ROOT/keybridge" serve > "$WORK/server.log" 2>&1 &
fi
SERVER_PID=$!
for _ in $(seq 1 600); do   # the first serve may build the jar
  grep -q "Keybridge listening on" "$WORK/server.log" && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 1
done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/server.log" | head -1)
[ -n "$BASE" ] || { cat "$WORK/server.log"; exit 1; }
API_KEY=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['test']['api_key'])" "$WORK/data/bootstrap-credentials.json")

dirty=""; [ -z "${BENCH_JAR:-}" ] && [ -n "$(git -C "$ROOT" status --porcelain -- keybridge-server/src/main 2>/dev/null)" ] \
  && dirty=" + uncommitted changes"
echo "== $(git -C "$ROOT" log --oneline -1 | cut -c1-60)$dirty${BENCH_JAR:+ (jar: $BENCH_JAR)}"
echo "== database: ${BENCH_DATABASE:-external}, pool: ${KEYBRIDGE_DATABASE_POOL_SIZE:-default}, queue wait: ${KEYBRIDGE_DATABASE_QUEUE_WAIT:-default}, $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" "$ROOT/bench/overload/LoadClient.java" "$BASE" "$API_KEY" "$CLIENTS" "$WARMUP" "$MEASURE"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== server log lines at WARN or above: $(grep -cE ' (WARN|ERROR) ' "$WORK/server.log" || true)"
grep -E ' (WARN|ERROR) ' "$WORK/server.log" | sed -E 's/^[0-9:.]+ //' | cut -c1-160 | sort | uniq -c | sort -rn | head -8 || true
