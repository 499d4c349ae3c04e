#!/usr/bin/env bash
# Model serving benchmark (docs/benchmarks.md, "Model serving"). In one run, on loopback, with wrk (2 threads,
# 64 connections): a do-nothing ASP.NET Core JSON endpoint (the ceiling), then `fathom models serve` on a FastTree
# regressor with 10 features: single-row dataframe_split requests with the prediction log off and on, and 100-row
# requests. Prints requests/s, rows/s, p50/p99 and the server's CPU seconds per 1000 requests (on a shared machine
# wall-clock rates depend on the load; CPU per request much less so).
# Usage: bench/serving/run.sh [seconds per run, default 15]. Needs wrk (apt-get install -y wrk).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
duration=${1:-15}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }

dotnet build "$root/bench/Fathom.Bench.Serving" -c Release -nologo -v quiet >/dev/null
dotnet build "$root/src/Fathom.Cli" -c Release -nologo -v quiet >/dev/null
bench_dll="$root/bench/Fathom.Bench.Serving/bin/Release/net10.0/Fathom.Bench.Serving.dll"
cli_dll="$root/src/Fathom.Cli/bin/Release/net10.0/fathom.dll"

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

measure() { # name rows
  local before after
  echo "== $1 (load average: $(cut -d' ' -f1-3 /proc/loadavg)) =="
  ROWS=$2 ROW_FILE="$work/row.json" wrk -t2 -c64 -d"${duration}s" -s "$root/loadtest/invocations.lua" "http://127.0.0.1:$port/invocations" >/dev/null 2>&1 || true
  before=$(cpu_seconds)
  ROWS=$2 ROW_FILE="$work/row.json" wrk -t2 -c64 -d"${duration}s" --latency -s "$root/loadtest/invocations.lua" \
    "http://127.0.0.1:$port/invocations" | tee "$work/$1.txt" | grep -E "rows_per_request|Socket errors|Non-2xx"
  after=$(cpu_seconds)
  awk -v cpu="$(echo "$after - $before" | bc)" '/^rows_per_request/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
    END { printf "server CPU: %.1f s for %d requests = %.3f CPU s per 1000 requests\n", cpu, v["requests"], 1000 * cpu / v["requests"] }' "$work/$1.txt"
}

port=$(free_port)
start dotnet "$bench_dll" baseline "$port"
measure "baseline: do-nothing ASP.NET Core endpoint, 1 row" 1
stop

port=$(free_port)
start env FATHOM_SERVE_PREDICTION_LOG=false dotnet "$cli_dll" models serve -m "$work/model" --port "$port"
measure "fathom models serve, 1 row, prediction log off" 1
measure "fathom models serve, 100 rows, prediction log off" 100
stop

port=$(free_port)
start env FATHOM_SERVE_PREDICTION_LOG_DESTINATION="$work/predictions" dotnet "$cli_dll" models serve -m "$work/model" --port "$port"
measure "fathom models serve, 1 row, prediction log on" 1
measure "fathom models serve, 100 rows, prediction log on" 100
curl -sf "http://127.0.0.1:$port/metrics" | grep -E "^fathom_serving_prediction_log_rows_(written|dropped)_total" || true
stop
