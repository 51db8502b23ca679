#!/usr/bin/env bash
# Connection-health bench: one node (the test server with embedded PostgreSQL), one local upstream
# (a JDK HttpServer on loopback that is both the API and the OAuth2 token endpoint). Prints and
# writes keybridge-server/target/health-bench.txt.
#   BENCH_CONCURRENCY=32 BENCH_SECONDS=10 BENCH_CONNECTIONS=10000 bench/health/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/bench/lib/quiet.sh"; bench_quiet
JAVA_HOME="$("$ROOT/keybridge" java-home)"
export JAVA_HOME
cd "$ROOT"
./mvnw -B -q test -pl keybridge-server -Dtest=HealthBench -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
  > "$ROOT/keybridge-server/target/health-bench.log" 2>&1 || { tail -50 "$ROOT/keybridge-server/target/health-bench.log"; exit 1; }
cat "$ROOT/keybridge-server/target/health-bench.txt"
