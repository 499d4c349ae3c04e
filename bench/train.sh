#!/usr/bin/env bash
# `fathom train` benchmark (docs/benchmarks.md, "Training"): starts a tracking server on a fresh SQLite store in a
# temporary folder, then times the CLI end to end on flights-3m (read, featurize, train, evaluate, log):
#   1. regression on delay with lightgbm
#   2. binary on "delay > 15" with lightgbm
# and the batch prediction throughput of each trained model over all 3M rows (bench/Fathom.Bench.Training).
# Prints wall time, CPU time (user+sys) and peak memory of each command, and the load average around it: on a shared
# machine wall time depends on the load, CPU time much less.
# Usage: bench/train.sh [data.parquet, default ../shared/data/flights-3m.parquet]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(realpath "${1:-$root/../shared/data/flights-3m.parquet}")

dotnet build "$root/src/Fathom.Cli" -c Release -nologo -v quiet >/dev/null
dotnet build "$root/bench/Fathom.Bench.Training" -c Release -nologo -v quiet >/dev/null
fathom_dll="$root/src/Fathom.Cli/bin/Release/net10.0/fathom.dll"
bench_dll="$root/bench/Fathom.Bench.Training/bin/Release/net10.0/Fathom.Bench.Training.dll"

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet "$fathom_dll" server --port "$port" --backend-store-uri "sqlite:///$work/fathom.db" \
  --artifacts-destination "$work/artifacts" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
export FATHOM_TRACKING_URI="http://127.0.0.1:$port"
for _ in $(seq 150); do curl -sf "$FATHOM_TRACKING_URI/health" >/dev/null && break; sleep 0.2; done

timed() { # name command...
  local name=$1; shift
  echo "== $name (load average before: $(cut -d' ' -f1-3 /proc/loadavg)) =="
  /usr/bin/time -f "$name: %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" -o "$work/$name.time" "$@" >"$work/$name.out"
  cat "$work/$name.time"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

train_and_predict() { # name fathom-train-args...
  local name=$1; shift
  timed "$name" dotnet "$fathom_dll" train --data "$data" --experiment bench-train --json "$@"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("run", d["run_id"], "metrics", {k: round(v, 4) for k, v in d["metrics"].items()})' "$work/$name.out"
  run_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["run_id"])' "$work/$name.out")
  dotnet "$fathom_dll" artifacts download "$run_id" model/model.zip -o "$work/$name-model" >/dev/null
  echo "== $name: batch prediction (load average before: $(cut -d' ' -f1-3 /proc/loadavg)) =="
  dotnet "$bench_dll" "$(find "$work/$name-model" -name model.zip | head -1)" "$data" 3
}

command -v /usr/bin/time >/dev/null || { echo "GNU time is not installed: apt-get install -y time" >&2; exit 1; }
train_and_predict regression-delay --label delay --task regression --trainer lightgbm
train_and_predict binary-delay-gt-15 --label-expr "delay > 15" --task binary --trainer lightgbm
