#!/usr/bin/env bash
# Upsert throughput: Keybridge over HTTP (wrk) vs the same upsert directly in PostgreSQL (pgbench),
# both against one fresh database on the PostgreSQL server at 127.0.0.1:5432.
# Usage: [WARMUP=60] [BENCH_ANALYZE=0] [PROFILE=name] bench/upsert/run.sh [duration_seconds=30] [connections=50]
# PROFILE=name: async-profiler samples Keybridge during the measured run: bench/profile/<name>.{collapsed,svg,top.txt}.
# Run it on a quiet machine: on 2 cores any other build or test skews both figures.
# Keybridge gets as many database connections as pgbench has clients (BENCH_POOL_SIZE, default the
# connection count): with 16 for 50 pgbench clients it measured 1,349 req/s, with 50 it measured 2,265-2,689.
# Needs: wrk and pgbench (apt-get install -y wrk postgresql-client), PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
. "$ROOT/bench/lib/quiet.sh"; bench_quiet
JAVA_HOME="${JAVA_HOME:-$("$ROOT/keybridge" java-home)}"; export JAVA_HOME
DURATION="${1:-30}"
CONNECTIONS="${2:-50}"
PGURL_HOST="${BENCH_PGHOST:-127.0.0.1}"
PGUSER="${BENCH_PGUSER:-postgres}"
DB="kb_bench_$$"
WORK="$(mktemp -d)"
SERVER_PID=""

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  psql -h "$PGURL_HOST" -U "$PGUSER" -d postgres -qc "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

psql -h "$PGURL_HOST" -U "$PGUSER" -d postgres -qc "create database $DB"
KEYBRIDGE_DATABASE_URL="jdbc:postgresql://$PGURL_HOST:5432/$DB?user=$PGUSER" \
KEYBRIDGE_DATABASE_POOL_SIZE="${BENCH_POOL_SIZE:-$CONNECTIONS}" \
KEYBRIDGE_DATA_DIR="$WORK/data" KEYBRIDGE_PORT=0 KEYBRIDGE_LOG_LEVEL=WARN \
  "$ROOT/keybridge" serve > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do   # the first serve may build the jar
  grep -q "Keybridge listening on" "$WORK/server.log" && break
  sleep 1
done
BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/server.log" | head -1)
[ -n "$BASE" ] || { cat "$WORK/server.log"; exit 1; }
API_KEY=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['test']['api_key'])" "$WORK/data/bootstrap-credentials.json")
ORG=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['organization_id'])" "$WORK/data/bootstrap-credentials.json")

echo "== warm-up (${WARMUP:-60} s, lets the JIT compile the hot path)"
API_KEY="$API_KEY" wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-60}s" -s "$ROOT/bench/upsert/upsert.lua" "$BASE" | grep RESULT
# BENCH_ANALYZE=1 runs ANALYZE after the warm-up. Before migration V22 a young, never-analyzed
# table made the planner take the paging index for the unique-key lookup (286 req/s instead of
# 1,759); V22's indexes keep the lookup on the key without it, and this switch shows the difference.
if [ "${BENCH_ANALYZE:-0}" = "1" ]; then
  psql -h "$PGURL_HOST" -U "$PGUSER" -d "$DB" -qc "analyze"
fi
if [ -n "${PROFILE:-}" ]; then
  AP="$("$ROOT/bench/profile/ap-loader.sh")"
  "$JAVA_HOME/bin/java" -jar "$AP" profiler start -e itimer -i 1ms "$SERVER_PID" >/dev/null
fi
echo "== Keybridge PUT /api/v2/public/linked-account, ${DURATION}s, ${CONNECTIONS} connections"
API_KEY="$API_KEY" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$ROOT/bench/upsert/upsert.lua" "$BASE" | grep RESULT
if [ -n "${PROFILE:-}" ]; then
  "$JAVA_HOME/bin/java" -jar "$AP" profiler stop -o collapsed -f "$ROOT/bench/profile/$PROFILE.collapsed" "$SERVER_PID" >/dev/null
  python3 "$ROOT/bench/profile/flame.py" "$ROOT/bench/profile/$PROFILE.collapsed" "$ROOT/bench/profile/$PROFILE.svg" \
    "PUT /api/v2/public/linked-account under wrk -c$CONNECTIONS ($PROFILE, $(git -C "$ROOT" log --oneline -1 | cut -c1-7))"
  python3 "$ROOT/bench/profile/top.py" "$ROOT/bench/profile/$PROFILE.collapsed" | tee "$ROOT/bench/profile/$PROFILE.top.txt"
  gzip -9f "$ROOT/bench/profile/$PROFILE.collapsed"   # ~20 MB of text; flame.py and top.py read the .gz
fi

kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
echo "== pgbench: the same upsert + event in one transaction, ${DURATION}s, ${CONNECTIONS} clients"
(cd "$WORK" && pgbench -h "$PGURL_HOST" -U "$PGUSER" -n -M prepared -c "$CONNECTIONS" -j 2 -T "$DURATION" \
  -l --log-prefix=pgb -D org="$ORG" -f "$ROOT/bench/upsert/pg-upsert.sql" "$DB" 2>&1 \
  | grep -E "^tps|latency average|number of transactions actually processed")
cat "$WORK"/pgb.* | python3 -c '
import sys
lat = sorted(int(line.split()[2]) for line in sys.stdin)
pct = lambda p: lat[min(len(lat) - 1, int(len(lat) * p / 100))] / 1000
print("RESULT pgbench transactions=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f" % (len(lat), pct(50), pct(90), pct(99)))'
echo "(server and pgbench share this machine's 2 cores with PostgreSQL itself)"
