#!/usr/bin/env bash
# Regenerates the prediction log encoder's oracle (tests/Fathom.Serving.Tests/PredictionLog/Oracle): the test
# PredictionLogOracleTests writes its file there when FATHOM_PREDICTION_LOG_ORACLE_OUT is set, then hyparquet reads
# it into prediction-log.json, which the tests compare with the rows that were logged.
# Usage: tools/oracle/parquet/prediction_log.sh (needs node and npm; installs hyparquet here with npm ci).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out="$root/tests/Fathom.Serving.Tests/PredictionLog/Oracle"
(cd "$here" && npm ci --no-audit --no-fund >/dev/null)
FATHOM_PREDICTION_LOG_ORACLE_OUT="$out" dotnet test "$root/tests/Fathom.Serving.Tests" -c Release -nologo -v quiet \
  --filter "FullyQualifiedName~PredictionLogOracleTests.The_encoder_writes_the_file_the_independent_reader_checked"
node "$here/dump_parquet.mjs" "$out/prediction-log.parquet" >"$out/prediction-log.json"
echo "wrote $out/prediction-log.parquet and prediction-log.json"
