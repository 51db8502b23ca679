#!/usr/bin/env python3
"""Writes bench/RESULTS.md from the raw outputs bench/run-all.sh keeps in bench/results-raw/.
   report.py <raw dir> <RESULTS.md> <machine line> <commit line>"""
import re, statistics, sys, datetime
out, target, machine, commit = sys.argv[1:5]
read = lambda n: open(f"{out}/{n}.txt").read()
med = lambda xs: statistics.median(xs) if xs else float("nan")
proxy = {m.group(1): (int(m.group(2)), float(m.group(3))) for m in re.finditer(r"MEDIAN (\w+) rps=(\d+) p50_ms=([\d.]+)", read("proxy"))}
mem_load = re.search(r"RESULT memory rss_mb=(\d+)", read("proxy"))
up = read("upsert")
# the measured runs only (each follows its "== Keybridge PUT" line; the warm-up's RESULT lines do not count)
kb = [int(x) for x in re.findall(r"== Keybridge PUT[^\n]*\nRESULT requests=\d+ duration_s=[\d.]+ rps=(\d+)", up)]
pg = [float(x) for x in re.findall(r"tps = ([\d.]+)", up)]
wh = read("webhooks")
delivered = re.search(r"first to last arrival [\d.]+ s: (\d+) events/s delivered", wh)
delay = re.search(r"delay at (\d+) events/s .*?p99 ([\d.]+) ms", wh)
rf = re.search(r"(\d+) connections expiring at once: all refreshed in ([\d.]+) s .*?(\d+) token calls", read("refresh"))
starts = [tuple(map(float, l.split()[:1])) for l in read("start").split("\n") if re.match(r"^[\d.]+ ", l)]
idle = [l.split()[1] for l in read("start").split("\n") if re.match(r"^[\d.]+ \d+", l)]
def load(*names):
    """The highest one-minute load average any of the harness's runs started at, marked when one was busy."""
    text = "".join(read(n) for n in names)
    loads = [float(x) for x in re.findall(r"^LOAD start=([\d.]+)", text, re.M)]
    shown = f"{max(loads):.2f}" if loads else "not recorded"
    return f"**busy: {shown}, not comparable**" if re.search(r"^BUSY ", text, re.M) else shown
rows = []
if proxy.get("keybridge") and proxy.get("nginx"):
    k, n, d = proxy["keybridge"], proxy["nginx"], proxy.get("direct", (0, 0))
    rows.append(("proxy `GET /v1/proxy/me` vs nginx reverse proxy", f"{n[0]:,} req/s (direct {d[0]:,})", f"{k[0]:,} req/s, p50 {k[1]:.2f} ms",
                 f"{k[0]/n[0]:.2f}; added p50 {k[1]-d[1]:.2f} ms", "≥ 0.70, added p50 ≤ 1 ms", load("proxy")))
if kb and pg:
    rows.append(("upsert `PUT /api/v2/public/linked-account` vs pgbench", f"{med(pg):,.0f} tps (runs: {', '.join(f'{x:,.0f}' for x in pg)})",
                 f"{med(kb):,.0f} req/s (runs: {', '.join(f'{x:,}' for x in kb)})", f"{med(kb)/med(pg):.2f}", "≥ 0.60", load("upsert")))
if delivered:
    rows.append(("webhook delivery, one node", "—", f"{int(delivered.group(1)):,} events/s; p99 delay {delay.group(2) if delay else '?'} ms at {delay.group(1) if delay else '?'}/s",
                 "—", "≥ 2,000/s; p99 ≤ 1 s at 1,000/s", load("webhooks")))
if rf:
    rows.append(("refresh wave", "—", f"{int(rf.group(1)):,} in {float(rf.group(2)):.1f} s, {int(rf.group(3)):,} token calls", "—", "100,000 in ≤ 30 s, one call each", load("refresh")))
if starts:
    rows.append(("start, existing data directory", "—", f"{med([s[0] for s in starts]):.1f} s (runs: {', '.join('%.1f' % s[0] for s in starts)})", "—", "≤ 4 s", load("start")))
rows.append(("memory", "—", f"idle {', '.join(idle) or '?'} MB (RSS 10 s after start); under proxy load {mem_load.group(1) if mem_load else '?'} MB", "—", "idle ≤ 256 MB, load ≤ 512 MB", load("start", "proxy")))
with open(target, "w") as f:
    f.write(f"# Bench results (bench/run-all.sh)\n\nRun {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC on {machine}; commit `{commit}`.\n")
    f.write("Raw output of each harness: `bench/results-raw/`. A figure counts only when its harness started with a\none-minute load average of at most 1.5 (`bench/lib/quiet.sh`); one measured anyway (`BENCH_BUSY_OK=1`) is marked.\n\n| path | reference | Keybridge | ratio | goal | load at start |\n|---|---|---|---|---|---|\n")
    for r in rows:
        f.write("| " + " | ".join(r) + " |\n")
    import glob, os
    profiles = sorted(glob.glob(os.path.join(os.path.dirname(target), "profile", "*.top.txt")))
    if profiles:
        f.write("\n## Where the proxy's CPU goes (async-profiler, `GET /v1/proxy/me` under wrk)\n\n")
        for t in profiles:
            name = os.path.basename(t)[:-len(".top.txt")]
            f.write(f"### {name}: [flame graph](profile/{name}.svg)\n\n```\n{open(t).read()}```\n\n")
print(open(target).read())
