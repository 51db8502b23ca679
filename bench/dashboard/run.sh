#!/usr/bin/env bash
# Dashboard page timings with 100,000 linked accounts in one environment: the test server (embedded
# PostgreSQL, or KEYBRIDGE_TEST_DATABASE_URL), one signed-in operator, sequential requests.
# Prints and writes keybridge-server/target/dashboard-bench.txt.
#   BENCH_ACCOUNTS=100000 BENCH_WARMUP=50 BENCH_REQUESTS=300 bench/dashboard/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/bench/lib/quiet.sh"; bench_quiet
JAVA_HOME="$("$ROOT/keybridge" java-home)"
export JAVA_HOME
cd "$ROOT"
./mvnw -B -q test -pl keybridge-server -Dtest=DashboardBench -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
  > "$ROOT/keybridge-server/target/dashboard-bench.log" 2>&1 || { tail -50 "$ROOT/keybridge-server/target/dashboard-bench.log"; exit 1; }
cat "$ROOT/keybridge-server/target/dashboard-bench.txt"
