#!/usr/bin/env bash
# One command for every comparison of issue 12, on a quiet machine (nothing else building or testing):
#   bench/run-all.sh            # writes bench/RESULTS.md (and keeps each harness's raw output beside it)
# Installs what it needs from Debian's packages (nginx-light, wrk, postgresql-client, bc), then runs:
#   proxy    bench/proxy/run.sh     Keybridge vs nginx reverse proxy vs direct, alternating rounds, medians of 3
#   upsert   bench/upsert/run.sh    Keybridge PUT vs pgbench (same upsert + event), 3 runs, medians
#   webhooks bench/webhooks/run.sh  events/s delivered by one node; delay p99 at 1,000 events/s
#   refresh  bench/health/run.sh    a wave of BENCH_CONNECTIONS expiring at once (default 100,000)
#   start    bench/start/measure.sh start to the listening line with an existing data directory, 3 runs
#   profile  bench/proxy/run.sh once more with PROFILE=after (async-profiler): bench/profile/after.svg
#            (BEFORE_LAUNCHER=path/to/older/keybridge adds PROFILE=before from that build)
# The separate harnesses stay callable on their own. Each refuses a busy machine (load average over 1.5 at its
# start, after waiting up to 180 s: bench/lib/quiet.sh) unless BENCH_BUSY_OK=1, which marks its figures busy.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/bench/results-raw"; mkdir -p "$OUT"
export JAVA_HOME="$("$ROOT/keybridge" java-home)"
. "$ROOT/bench/lib/quiet.sh"; bench_quiet   # refuse (or mark, BENCH_BUSY_OK=1) a busy machine before anything starts
need=()
command -v nginx >/dev/null || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
command -v pgbench >/dev/null || need+=(postgresql-client)
command -v bc >/dev/null || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
  pkill -x nginx 2>/dev/null || true      # the package starts a system nginx; the benches start their own
fi
"$ROOT/keybridge" build
machine="$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
commit="$(git -C "$ROOT" log --oneline -1)"

echo "== proxy"; ROUNDS=3 "$ROOT/bench/proxy/run.sh" | tee "$OUT/proxy.txt"
echo "== upsert"; for i in 1 2 3; do "$ROOT/bench/upsert/run.sh" "${UPSERT_SECONDS:-20}" 50; done | tee "$OUT/upsert.txt"
echo "== webhooks"; BENCH_EVENTS=20000 BENCH_RATE=1000 BENCH_SECONDS=10 "$ROOT/bench/webhooks/run.sh" | tee "$OUT/webhooks.txt"
echo "== refresh"; BENCH_CONNECTIONS="${REFRESH_CONNECTIONS:-100000}" BENCH_SECONDS=5 "$ROOT/bench/health/run.sh" | tee "$OUT/refresh.txt"
echo "== start"; data="$(mktemp -d)/data"; "$ROOT/bench/start/measure.sh" "$data" "$ROOT/keybridge" serve >/dev/null
for i in 1 2 3; do "$ROOT/bench/start/measure.sh" "$data" "$ROOT/keybridge" serve; done | tee "$OUT/start.txt"
echo "== profile"; PROFILE=after ROUNDS=1 SECONDS_PER_ROUND=20 "$ROOT/bench/proxy/run.sh" | tee "$OUT/profile-after.txt"
if [ -n "${BEFORE_LAUNCHER:-}" ]; then
  KEYBRIDGE_LAUNCHER="$BEFORE_LAUNCHER" PROFILE=before ROUNDS=1 SECONDS_PER_ROUND=20 "$ROOT/bench/proxy/run.sh" | tee "$OUT/profile-before.txt"
fi

echo "$machine" > "$OUT/machine.txt"; echo "$commit" > "$OUT/commit.txt"
python3 "$ROOT/bench/report.py" "$OUT" "$ROOT/bench/RESULTS.md" "$machine" "$commit"
