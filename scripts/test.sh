#!/usr/bin/env bash
# The one test command (README, CI): starts the real services the tests need, builds, runs every test project,
# and ends with the line "N passed, N failed, N skipped".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/test-services.sh

dotnet build Fathom.slnx -c Release -nologo -v quiet
set +e
dotnet test Fathom.slnx -c Release --no-build -nologo 2>&1 | tee "$root/.test-services/test.log"
status=${PIPESTATUS[0]}
set -e
# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12").
awk -F'[:,]' '/(Passed|Failed)! +- Failed:/ { f+=$2; p+=$4; s+=$6 }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$root/.test-services/test.log"
# A fixture that throws while closing fails the run without failing a test; name it so the red exit is explained.
if grep -q 'Cleanup Failure' "$root/.test-services/test.log"; then
  echo "fixture cleanup failures (they fail the run):"
  grep -o 'Cleanup Failure ([^)]*)' "$root/.test-services/test.log" | sort | uniq -c
fi
exit "$status"
