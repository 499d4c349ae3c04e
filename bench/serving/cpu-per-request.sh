#!/usr/bin/env bash
# Server CPU per request of one build of `fathom models serve` (docs/benchmarks.md, "Model serving, session 6"): the
# figure to compare before/after a change on a shared machine, where wall-clock rates swing with the load.
# Starts the server on the benchmark model (bench/serving/run.sh's), 10 s of wrk warm-up, then SECONDS measured
# with wrk (2 threads, 64 connections); prints wrk's line, and the server's user+sys CPU per request.
# Also prints the measured seconds' CPU per thread name (request threads are ".NET TP Worker", the log's writer
# "fathom-predlog", server GC ".NET SVR GC"/".NET BGC"): where a change's CPU goes.
# Usage: bench/serving/cpu-per-request.sh [ROWS (1)] [SECONDS (10)] [log: on|off (off)] [perf]
#   ROOT=/path/to/other/checkout measures that checkout's build instead (e.g. `git archive main | tar -x -C DIR`).
#   perf: also records the server with /usr/bin/perf into ./perf.data (read with `perf report -i perf.data`).
#   Extra server environment through SERVER_ENV, e.g. SERVER_ENV="DOTNET_gcServer=0"; WARMUP=30 warms up 30 s.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
root=${ROOT:-$here}
rows=${1:-1}; seconds=${2:-10}; log=${3:-off}; mode=${4:-}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
dotnet build "$root/bench/Fathom.Bench.Serving" -c Release -nologo -v quiet >/dev/null
dotnet build "$root/src/Fathom.Cli" -c Release -nologo -v quiet >/dev/null

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
dotnet "$root/bench/Fathom.Bench.Serving/bin/Release/net10.0/Fathom.Bench.Serving.dll" model "$work" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
if [ "$log" = on ]; then logging="FATHOM_SERVE_PREDICTION_LOG_DESTINATION=$work/predictions"; else logging="FATHOM_SERVE_PREDICTION_LOG=false"; fi
# Perf maps name JIT-compiled frames; W^X off keeps them at the addresses perf sees.
[ "$mode" = perf ] && perf_env="DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0" || perf_env=""
# shellcheck disable=SC2086 # word splitting of the environment assignments is intended
env $logging $perf_env ${SERVER_ENV:-} dotnet "$root/src/Fathom.Cli/bin/Release/net10.0/fathom.dll" models serve -m "$work/model" --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server/stat"; }
load() { ROWS=$rows ROW_FILE="$work/row.json" wrk -t2 -c64 -d"$1" --latency -s "$here/loadtest/invocations.lua" "http://127.0.0.1:$port/invocations"; }

# user+sys clock ticks per thread: "tid<TAB>name<TAB>ticks" (the name may hold spaces).
threads() { for t in /proc/$server/task/*; do printf '%s\t%s\t%s\n' "${t##*/}" "$(cat "$t/comm")" "$(sed 's/.*) //' "$t/stat" | awk '{ print $12 + $13 }')"; done 2>/dev/null; }

load "${WARMUP:-10}s" >/dev/null
threads >"$work/threads.before"
before=$(cpu)
if [ "$mode" = perf ]; then /usr/bin/perf record -F 999 -g -p "$server" -o perf.data -- sleep "$seconds" >/dev/null 2>&1 & recorder=$!; fi
load "${seconds}s" >"$work/wrk.txt"
after=$(cpu)
threads >"$work/threads.after"
[ "$mode" = perf ] && wait "$recorder"
grep rows_per_request "$work/wrk.txt"
awk -v cpu="$(echo "$after - $before" | bc)" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" \
  '/^rows_per_request/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
   END { printf "server CPU: %.2f s for %d requests = %.4f ms per request (load average %s)\n", cpu, v["requests"], 1000 * cpu / v["requests"], load }' "$work/wrk.txt"
awk -F'\t' -v hz="$(getconf CLK_TCK)" 'NR == FNR { before[$1] = $3; next } { name = $2; sub(/[ #]*[0-9]+$/, "", name); cpu[name] += $3 - before[$1] }
  END { for (n in cpu) if (cpu[n] > 0) printf "  %-24s %6.2f s\n", n, cpu[n] / hz }' "$work/threads.before" "$work/threads.after" | sort -k2 -t$'\t'
