#!/usr/bin/env bash
# Model serving benchmark (docs/benchmarks.md, "Model serving"). On loopback, with wrk (2 threads, 64 connections):
# a do-nothing ASP.NET Core JSON endpoint (the ceiling), then `fathom models serve` (as `./fathom` runs it) on a
# FastTree regressor with 10 features: single-row dataframe_split requests with the prediction log off and on, and
# 100-row requests. Prints requests/s, rows/s, p50/p99 and the server's CPU seconds per 1000 requests (on a shared
# machine wall-clock rates depend on the load; CPU per request much less so).
# A server process's CPU per request settles at a level that differs by up to 25% from one process to the next
# (docs/benchmarks.md, "Single-row serving, session 8"), so one process per configuration decides a ratio by chance:
# the run repeats baseline, log off and log on in ROUNDS rounds, each with fresh processes, and ends with the median
# of every figure over the rounds and the ratios of those medians.
# Usage: bench/serving/run.sh [seconds per measurement, default 15] [rounds, default 3]. Needs wrk (apt-get install -y wrk).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
duration=${1:-15}
rounds=${2:-3}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }

dotnet build "$root/bench/Fathom.Bench.Serving" -c Release -nologo -v quiet >/dev/null
"$root/fathom" --help >/dev/null # publishes the CLI as ./fathom runs it
bench_dll="$root/bench/Fathom.Bench.Serving/bin/Release/net10.0/Fathom.Bench.Serving.dll"
cli_dll="$(cat "$root/src/Fathom.Cli/bin/Release/.fathom-built")/fathom.dll"

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
dotnet "$bench_dll" model "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server/stat"; }

start() { # command... (listening on $port)
  "$@" >"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    curl -sf -XPOST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port/invocations" >/dev/null 2>&1 && break; sleep 0.2; done
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

measure() { # name rows: one line of "name<TAB>req_per_s<TAB>rows_per_s<TAB>p99_ms<TAB>cpu_ms_per_request" into $work/figures
  local before after
  echo "== round $round: $1 (load average: $(cut -d' ' -f1-3 /proc/loadavg)) =="
  ROWS=$2 ROW_FILE="$work/row.json" wrk -t2 -c64 -d"${duration}s" -s "$root/loadtest/invocations.lua" "http://127.0.0.1:$port/invocations" >/dev/null 2>&1 || true
  before=$(cpu_seconds)
  ROWS=$2 ROW_FILE="$work/row.json" wrk -t2 -c64 -d"${duration}s" --latency -s "$root/loadtest/invocations.lua" \
    "http://127.0.0.1:$port/invocations" | tee "$work/$1.txt" | grep -E "rows_per_request|Socket errors|Non-2xx"
  after=$(cpu_seconds)
  awk -v cpu="$(echo "$after - $before" | bc)" '/^rows_per_request/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
    END { printf "server CPU: %.1f s for %d requests = %.3f CPU s per 1000 requests\n", cpu, v["requests"], 1000 * cpu / v["requests"]
      printf "%s\t%s\t%s\t%s\t%.4f\n", name, v["req_per_s"], v["rows_per_s"], v["p99_ms"], 1000 * cpu / v["requests"] >> figures }' \
    name="$1" figures="$work/figures" "$work/$1.txt"
}

for round in $(seq "$rounds"); do
  port=$(free_port)
  start dotnet "$bench_dll" baseline "$port"
  measure "baseline, 1 row" 1
  stop

  port=$(free_port)
  start env FATHOM_SERVE_PREDICTION_LOG=false dotnet "$cli_dll" models serve -m "$work/model" --port "$port"
  measure "log off, 1 row" 1
  measure "log off, 100 rows" 100
  stop

  port=$(free_port)
  start env FATHOM_SERVE_PREDICTION_LOG_DESTINATION="$work/predictions" dotnet "$cli_dll" models serve -m "$work/model" --port "$port"
  measure "log on, 1 row" 1
  measure "log on, 100 rows" 100
  curl -sf "http://127.0.0.1:$port/metrics" | grep -E "^fathom_serving_prediction_log_rows_(written|dropped)_total" || true
  stop
done

echo "== medians over $rounds rounds =="
python3 - "$work/figures" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, *values = line.rstrip("\n").split("\t")
    runs.setdefault(name, []).append([float(v) for v in values])
median = {name: [statistics.median(column) for column in zip(*rows)] for name, rows in runs.items()}
for name, (rps, rows, p99, cpu) in median.items():
    print(f"{name:20} {rps:9,.0f} req/s {rows:10,.0f} rows/s  p99 {p99:6.2f} ms  {cpu:.4f} ms CPU/request"
          f"  (rounds: {' / '.join(f'{r[0]:,.0f}' for r in runs[name])} req/s)")
print(f"1 row, log off: {100 * median['log off, 1 row'][0] / median['baseline, 1 row'][0]:.1f}% of the do-nothing endpoint")
for rows in ("1 row", "100 rows"):
    off, on = median[f"log off, {rows}"][0], median[f"log on, {rows}"][0]
    print(f"prediction log cost, {rows}: {100 * (off - on) / off:+.1f}% of throughput")
PY
