#!/usr/bin/env bash
# Registry benchmark (docs/benchmarks.md, "Registry"): an in-process server on a fresh SQLite store, 1,000 models x 10
# versions created over HTTP, then p50/p95 latency and CPU per call of the registry's read calls.
# Usage: bench/registry.sh [--models 1000 --versions 10 --iterations 300]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec dotnet run -c Release --project "$root/bench/Fathom.Bench.Registry" -- "$@"
