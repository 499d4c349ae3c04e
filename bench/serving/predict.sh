#!/usr/bin/env bash
# Batch prediction benchmark (docs/benchmarks.md, "Model serving"): trains a LightGBM regression of delay on a
# 300,000-row sample of flights-3m with `fathom train`'s featurizer (timestamp parts, one-hot origin/destination), then
#   1. `fathom models predict` over all 3M rows, Parquet in and out, end to end (wall, CPU, peak RSS), writing the
#      input columns back (the default) and writing the predictions only (--keep-columns none), with the CLI as
#      `dotnet build` leaves it (./fathom runs that one);
#   2. the same default run with the CLI published ReadyToRun (`dotnet publish -r linux-x64 -p:PublishReadyToRun=true`:
#      assemblies precompiled, so the ~1.5 s CPU of JIT before and during the run mostly goes), then once more
#      with DOTNET_TC_CallCountingDelayMs=5000 (no tier-1 recompilation in a run this short), then once more
#      thread by thread (bench/serving/thread-cpu.py: reader, scorers, writer, model load, tier-1 JIT, GC);
#   3. IModel.Predict over the 3M rows in memory, tree scorer against ML.NET's transform chain.
# Usage: bench/serving/predict.sh [flights.parquet, default ../shared/data/flights-3m.parquet]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$(realpath "${1:-$root/../shared/data/flights-3m.parquet}")
command -v /usr/bin/time >/dev/null || { echo "GNU time is not installed: apt-get install -y time" >&2; exit 1; }

dotnet build "$root/bench/Fathom.Bench.Serving" -c Release -nologo -v quiet >/dev/null
dotnet build "$root/src/Fathom.Cli" -c Release -nologo -v quiet >/dev/null
bench_dll="$root/bench/Fathom.Bench.Serving/bin/Release/net10.0/Fathom.Bench.Serving.dll"
cli_dll="$root/src/Fathom.Cli/bin/Release/net10.0/fathom.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet publish "$root/src/Fathom.Cli" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$work/cli-r2r" -nologo -v quiet >/dev/null
r2r_dll="$work/cli-r2r/fathom.dll"

dotnet "$bench_dll" flights-model "$data" "$work/model"
echo "== fathom models predict, 3M rows (load average before: $(cut -d' ' -f1-3 /proc/loadavg)) =="
/usr/bin/time -f "fathom models predict: %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" \
  dotnet "$cli_dll" models predict -m "$work/model" --input "$data" --output "$work/predictions.parquet" | tail -1
echo "== fathom models predict --keep-columns none (predictions only; load average before: $(cut -d' ' -f1-3 /proc/loadavg)) =="
/usr/bin/time -f "fathom models predict --keep-columns none: %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" \
  dotnet "$cli_dll" models predict -m "$work/model" --input "$data" --output "$work/predictions-only.parquet" --keep-columns none | tail -1
echo "== fathom models predict, CLI published ReadyToRun (load average before: $(cut -d' ' -f1-3 /proc/loadavg)) =="
/usr/bin/time -f "fathom models predict (ReadyToRun): %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" \
  dotnet "$r2r_dll" models predict -m "$work/model" --input "$data" --output "$work/predictions-r2r.parquet" | tail -1
cmp "$work/predictions.parquet" "$work/predictions-r2r.parquet"
# A batch run is over in seconds: a long tiering delay keeps the runtime from recompiling hot methods at tier 1 before
# it exits (an environment variable only; docs/serving.md, "Batch scoring without a server").
echo "== the same with DOTNET_TC_CallCountingDelayMs=5000 (load average before: $(cut -d' ' -f1-3 /proc/loadavg)) =="
DOTNET_TC_CallCountingDelayMs=5000 /usr/bin/time -f "fathom models predict (ReadyToRun, tiering delay 5 s): %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" \
  dotnet "$r2r_dll" models predict -m "$work/model" --input "$data" --output "$work/predictions-r2r.parquet" | tail -1
echo "== the same, CPU by thread (load average before: $(cut -d' ' -f1-3 /proc/loadavg)) =="
"$root/bench/serving/thread-cpu.py" dotnet "$r2r_dll" models predict -m "$work/model" --input "$data" --output "$work/predictions-r2r.parquet"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$bench_dll" flights-compare "$work/model" "$data"
