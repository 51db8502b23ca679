# Sourced by every harness (issue 24, "honest numbers"): a figure counts only when the machine was quiet
# when it started. bench_quiet waits up to BENCH_QUIET_WAIT seconds (default 180) for the one-minute load
# average to fall to BENCH_MAX_LOAD (default 1.5; a harness that just ran raises it for a minute or so), then:
#   - quiet: prints "LOAD start=<load> cores=<n> commit=<hash>" and returns;
#   - still busy: refuses with exit code 3 and says why, unless BENCH_BUSY_OK=1, in which case it prints
#     "BUSY load=<load> max=<max>" before the LOAD line, so every figure that follows is marked (report.py
#     copies the mark into RESULTS.md next to the figure).
bench_load() { cut -d' ' -f1 /proc/loadavg; }

bench_over() { awk -v l="$1" -v m="$2" 'BEGIN { exit !(l > m) }'; }

bench_quiet() {
  local max="${BENCH_MAX_LOAD:-1.5}" wait="${BENCH_QUIET_WAIT:-180}" waited=0 load
  load="$(bench_load)"
  while bench_over "$load" "$max" && [ "$waited" -lt "$wait" ]; do
    [ "$waited" -eq 0 ] && echo "== waiting up to ${wait} s for the load average ($load) to fall to $max" >&2
    sleep 5; waited=$((waited + 5)); load="$(bench_load)"
  done
  if bench_over "$load" "$max"; then
    if [ "${BENCH_BUSY_OK:-0}" != 1 ]; then
      echo "refused: the load average is $load (over $max) after waiting ${waited} s; a bench on a busy machine" \
           "measures the other work. Run it on a quiet machine, or set BENCH_BUSY_OK=1 to measure anyway" \
           "with every figure marked busy." >&2
      exit 3
    fi
    echo "BUSY load=$load max=$max"
  fi
  local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  echo "LOAD start=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/') cores=$(nproc) commit=$(git -C "$root" log -1 --format=%h 2>/dev/null || echo '?')"
}
