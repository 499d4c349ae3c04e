#!/usr/bin/env bash
# Tracking server benchmarks (docs/benchmarks.md, "Tracking server"): starts the server in Release on a fresh SQLite
# store in a temporary folder, creates a run, and drives it with wrk over loopback with 8 keep-alive connections:
#   1. runs/log-metric, one metric per request (requests/s, latency percentiles incl. p99)
#   2. runs/log-batch with 1000 metrics per request (metrics/s = requests/s x 1000)
#   3. get-history of a 100,000-step metric (bench/wrk/history.py), logged by log-batch, then logged one point per request
# Usage: bench/wrk/run.sh [seconds per run, default 10]. Needs wrk (apt-get install -y wrk).
# BENCH_AUTH=1 runs the server with --auth and sends HTTP Basic credentials on every request (FATHOM_AUTH_CACHE_SECONDS
# passes through, e.g. 0 to see the cost of a PBKDF2 check per request).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
duration=${1:-10}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }

dotnet build "$root/tests/Fathom.Server.TestHost" -c Release -nologo -v quiet >/dev/null
host_dll="$root/tests/Fathom.Server.TestHost/bin/Release/net10.0/Fathom.Server.TestHost.dll"

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
auth_env=()
curl_auth=()
if [ "${BENCH_AUTH:-0}" = 1 ]; then
  auth_env=(FATHOM_AUTH=true FATHOM_ADMIN_USERNAME=bench FATHOM_ADMIN_PASSWORD=bench-password)
  curl_auth=(-u bench:bench-password)
  export AUTH_HEADER="Basic $(printf 'bench:bench-password' | base64)"
fi
env "${auth_env[@]}" FATHOM_PORT=$port FATHOM_BACKEND_STORE_URI="sqlite:///$work/fathom.db" FATHOM_ARTIFACTS_DESTINATION="$work/artifacts" \
  FATHOM_REQUEST_LOGGING=${FATHOM_REQUEST_LOGGING:-true} dotnet "$host_dll" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/health" >/dev/null && break; sleep 0.2; done

new_run() {
  curl -sf "${curl_auth[@]}" -H 'Content-Type: application/json' -d "{\"experiment_id\":\"0\",\"run_name\":\"$1\"}" \
    "$base/api/2.0/mlflow/runs/create" | python3 -c 'import json,sys; print(json.load(sys.stdin)["run"]["info"]["run_id"])'
}

# CPU seconds the server process has used (utime + stime). On a shared machine wall-clock rates depend on the load;
# server CPU time per request does not, so both are printed.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server/stat"; }

run_wrk() { # name script
  local before after
  echo "== $1: 8 connections, ${duration}s (load average: $(cut -d' ' -f1-3 /proc/loadavg)) =="
  before=$(cpu_seconds)
  RUN_ID=$(new_run "bench-$1") wrk -t2 -c8 -d"${duration}s" --latency -s "$root/bench/wrk/$2" "$base" | tee "$work/$1.txt"
  after=$(cpu_seconds)
  awk -v cpu="$(echo "$after - $before" | bc)" '/^Requests\/sec/ { rate = $2 } / requests in / { n = $1 }
    END { if (n > 0) printf "server CPU: %.2f s for %d requests = %.3f ms per request\n", cpu, n, cpu * 1000 / n }' "$work/$1.txt"
}

# Warm up before measuring steady state: the runtime keeps re-compiling hot methods (tiered compilation with PGO) for
# 10-40 s of load on two busy cores, and that JIT work was a third of the server's CPU in a 3 s warm-up
# (BENCH_WARMUP seconds, default 20).
RUN_ID=$(new_run bench-warmup) wrk -t2 -c8 -d"${BENCH_WARMUP:-20}s" -s "$root/bench/wrk/log-metric.lua" "$base" >/dev/null
RUN_ID=$(new_run bench-warmup-batch) wrk -t1 -c1 -d2s -s "$root/bench/wrk/log-batch.lua" "$base" >/dev/null

run_wrk log-metric log-metric.lua
run_wrk log-batch-1000 log-batch.lua

echo "== get-history of 100,000 steps over HTTP (load average: $(cut -d' ' -f1-3 /proc/loadavg)) =="
before=$(cpu_seconds)
SERVER_PID=$server python3 "$root/bench/wrk/history.py" "$base" "$(new_run bench-history)"
echo "server CPU for logging 100,000 steps and 25 full reads: $(echo "$(cpu_seconds) - $before" | bc) s"

echo "== get-history of 100,000 steps logged one log-metric request each (load average: $(cut -d' ' -f1-3 /proc/loadavg)) =="
HISTORY_LOG=single SERVER_PID=$server python3 "$root/bench/wrk/history.py" "$base" "$(new_run bench-history-single)"
