#!/usr/bin/env bash
# Webhook delivery bench: one node (the test server with embedded PostgreSQL), one fast receiver on
# loopback. Stops by itself; prints and writes keybridge-server/target/webhook-bench.txt.
#   BENCH_EVENTS=5000 BENCH_RATE=200 BENCH_SECONDS=10 bench/webhooks/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/bench/lib/quiet.sh"; bench_quiet
JAVA_HOME="$("$ROOT/keybridge" java-home)"
export JAVA_HOME
cd "$ROOT"
./mvnw -B -q test -pl keybridge-server -Dtest=WebhookBench -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
  > "$ROOT/keybridge-server/target/webhook-bench.log" 2>&1 || { tail -50 "$ROOT/keybridge-server/target/webhook-bench.log"; exit 1; }
cat "$ROOT/keybridge-server/target/webhook-bench.txt"
