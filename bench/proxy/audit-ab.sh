#!/usr/bin/env bash
# The audit log's cost on the proxy (issue 20, item 4: with the log on, at least 0.95 of the throughput with it off),
# measured A/B: two Keybridge nodes on one database, the same connection, one with the audit log on and one with
# KEYBRIDGE_AUDIT_ENABLED=false, and wrk rounds alternating on, off, on, off… so the machine's drift (other work,
# the JIT, PostgreSQL's caches) hits both alike. Runs must not overlap: the idle node waits while the other is loaded.
#   [ROUNDS=5] [SECONDS_PER_ROUND=10] [WARMUP=30] [CONNECTIONS=10] bench/proxy/audit-ab.sh
# Prints RESULT lines per round, MEDIAN per node, and "RATIO on/off=<median on / median off> pairs=<each pair's ratio>".
# Needs: nginx (nginx-light, the upstream), wrk, psql; PostgreSQL on 127.0.0.1:5432 (BENCH_PGHOST, BENCH_PGUSER).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/bench/lib/quiet.sh"; bench_quiet
JAVA_HOME="${JAVA_HOME:-$("$ROOT/keybridge" java-home)}"; export JAVA_HOME
ROUNDS="${ROUNDS:-5}"; SECS="${SECONDS_PER_ROUND:-10}"; WARMUP="${WARMUP:-30}"; CONN="${CONNECTIONS:-10}"
PGHOST_="${BENCH_PGHOST:-127.0.0.1}"; PGUSER_="${BENCH_PGUSER:-postgres}"
DB="kb_audit_ab_$$"; WORK="$(mktemp -d)"; ON_PID=""; OFF_PID=""; NGINX_PID=""
UP_PORT=$((20000 + RANDOM % 5000))
cleanup() {
  for p in "$ON_PID" "$OFF_PID"; do [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  psql -h "$PGHOST_" -U "$PGUSER_" -d postgres -qc "drop database if exists $DB with (force)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

. "$ROOT/bench/lib/upstream.sh"
bench_upstream "$UP_PORT"

psql -h "$PGHOST_" -U "$PGUSER_" -d postgres -qc "create database $DB"
start() {  # start <log> <audit enabled>: one node on the shared database and data directory; prints its URL
  KEYBRIDGE_DATABASE_URL="jdbc:postgresql://$PGHOST_:5432/$DB?user=$PGUSER_" KEYBRIDGE_CATALOG_FILE="$WORK/catalog.yaml" \
  KEYBRIDGE_DATA_DIR="$WORK/data" KEYBRIDGE_PORT=0 KEYBRIDGE_LOG_LEVEL=WARN KEYBRIDGE_AUDIT_ENABLED="$2" \
    "$ROOT/keybridge" serve > "$WORK/$1" 2>&1 &
}
wait_url() {
  for _ in $(seq 1 600); do grep -q "Keybridge listening on" "$WORK/$1" && break; sleep 1; done
  grep -o 'http://127.0.0.1:[0-9]*' "$WORK/$1" | head -1
}
start on.log true; ON_PID=$!
ON=$(wait_url on.log); [ -n "$ON" ] || { cat "$WORK/on.log"; exit 1; }
start off.log false; OFF_PID=$!
OFF=$(wait_url off.log); [ -n "$OFF" ] || { cat "$WORK/off.log"; exit 1; }
bench_connect "$ON"
curl -fsS "$OFF/v1/proxy/me" -H "x-api-key: $KEY" -H "access_token: $AT" | grep -q Bench

run() {  # run <label> <base url> <seconds>
  HEADERS="x-api-key: $KEY|access_token: $AT" PROXY_PATH=/v1/proxy/me wrk -t2 -c"$CONN" -d"${3}s" --latency \
    -s "$ROOT/bench/proxy/me.lua" "$2" | grep RESULT | sed "s/^RESULT/RESULT $1/"
}
echo "== warm-up ${WARMUP}s each (the JIT of both nodes)"
run on "$ON" "$WARMUP" >/dev/null
run off "$OFF" "$WARMUP" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then run on "$ON" "$SECS"; run off "$OFF" "$SECS"; else run off "$OFF" "$SECS"; run on "$ON" "$SECS"; fi
done | tee "$WORK/results.txt"
RECORDS=$(psql -h "$PGHOST_" -U "$PGUSER_" -d "$DB" -Atc "select count(*) from audit_record where action = 'proxy.call'")
echo "RESULT audit records=$RECORDS (the on node's calls; the off node writes none)"
python3 - "$WORK/results.txt" <<'PY'
import re, statistics, sys
rows = {"on": [], "off": []}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT (on|off) .*rps=(\d+) p50_ms=([\d.]+) .*p99_ms=([\d.]+)", line)
    if m:
        rows[m.group(1)].append((int(m.group(2)), float(m.group(3)), float(m.group(4))))
for k, v in rows.items():
    print("MEDIAN %s rps=%d p50_ms=%.2f p99_ms=%.2f" % (k, statistics.median(x[0] for x in v),
          statistics.median(x[1] for x in v), statistics.median(x[2] for x in v)))
on, off = rows["on"], rows["off"]
pairs = ["%.2f" % (a[0] / b[0]) for a, b in zip(on, off)]
print("RATIO on/off=%.3f pairs=%s" % (statistics.median(x[0] for x in on) / statistics.median(x[0] for x in off),
      ",".join(pairs)))
PY
