#!/usr/bin/env bash
# Dashboard sign-in time for an e-mail address that belongs to an operator and for one that does not
# (both with a wrong password), and for the right password: the test server (embedded PostgreSQL, or
# KEYBRIDGE_TEST_DATABASE_URL), each attempt from a client address of its own so the throttle never
# answers without hashing. Prints and writes keybridge-server/target/signin-bench.txt.
#   BENCH_WARMUP=20 BENCH_REQUESTS=200 bench/signin/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
. "$ROOT/bench/lib/quiet.sh"; bench_quiet
JAVA_HOME="$("$ROOT/keybridge" java-home)"
export JAVA_HOME
cd "$ROOT"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
./mvnw -B -q test -pl keybridge-server -Dtest=SigninBench -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
  > "$ROOT/keybridge-server/target/signin-bench.log" 2>&1 || { tail -50 "$ROOT/keybridge-server/target/signin-bench.log"; exit 1; }
cat "$ROOT/keybridge-server/target/signin-bench.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
