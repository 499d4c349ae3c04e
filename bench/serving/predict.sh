#!/usr/bin/env bash
# Batch prediction benchmark (docs/benchmarks.md, "Model serving"): trains a LightGBM regression of delay on a
# 300,000-row sample of flights-3m with `fathom train`'s featurizer (timestamp parts, one-hot origin/destination), then
#   1. `./fathom models predict` (the CLI published ReadyToRun, tiering delay 5 s: what a user runs) over all 3M rows,
#      Parquet in and out, end to end (wall, CPU, peak RSS), RUNS times writing the input columns back (the default),
#      then once writing the predictions only (--keep-columns none);
#   2. the same default run with the CLI as `dotnet build` leaves it (JIT at start-up and model load, tier-1
#      recompilation during the run), output compared byte for byte;
#   3. the ./fathom run once more thread by thread (bench/serving/thread-cpu.py: reader, scorers, writer, model load, GC);
#   4. IModel.Predict over the 3M rows in memory, tree scorer against ML.NET's transform chain.
# Usage: bench/serving/predict.sh [flights.parquet, default ../shared/data/flights-3m.parquet] [RUNS, default 3]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=$(realpath "${1:-$root/../shared/data/flights-3m.parquet}")
runs=${2:-3}
command -v /usr/bin/time >/dev/null || { echo "GNU time is not installed: apt-get install -y time" >&2; exit 1; }

dotnet build "$root/bench/Fathom.Bench.Serving" -c Release -nologo -v quiet >/dev/null
dotnet build "$root/src/Fathom.Cli" -c Release -nologo -v quiet >/dev/null
"$root/fathom" --help >/dev/null # publishes the CLI as ./fathom runs it
bench_dll="$root/bench/Fathom.Bench.Serving/bin/Release/net10.0/Fathom.Bench.Serving.dll"
built_dll="$root/src/Fathom.Cli/bin/Release/net10.0/fathom.dll"
fathom_dll="$(cat "$root/src/Fathom.Cli/bin/Release/.fathom-built")/fathom.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }

dotnet "$bench_dll" flights-model "$data" "$work/model"
for run in $(seq "$runs"); do
  echo "== ./fathom models predict, 3M rows, run $run (load average before: $(load)) =="
  /usr/bin/time -f "./fathom models predict: %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" \
    "$root/fathom" models predict -m "$work/model" --input "$data" --output "$work/predictions.parquet" | tail -1
done
echo "== ./fathom models predict --keep-columns none (predictions only; load average before: $(load)) =="
/usr/bin/time -f "./fathom models predict --keep-columns none: %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" \
  "$root/fathom" models predict -m "$work/model" --input "$data" --output "$work/predictions-only.parquet" --keep-columns none | tail -1
echo "== the CLI as dotnet build leaves it, no tiering delay (load average before: $(load)) =="
/usr/bin/time -f "built CLI models predict: %e s wall, %U s user + %S s sys CPU, %M KiB peak RSS" \
  dotnet "$built_dll" models predict -m "$work/model" --input "$data" --output "$work/predictions-built.parquet" | tail -1
cmp "$work/predictions.parquet" "$work/predictions-built.parquet"
echo "== ./fathom's CLI, CPU by thread (load average before: $(load)) =="
DOTNET_TC_CallCountingDelayMs=5000 "$root/bench/serving/thread-cpu.py" \
  dotnet "$fathom_dll" models predict -m "$work/model" --input "$data" --output "$work/predictions.parquet"
echo "load average after: $(load)"
dotnet "$bench_dll" flights-compare "$work/model" "$data"
