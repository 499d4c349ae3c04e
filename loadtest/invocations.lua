-- wrk script for a Fathom model server's /invocations (MLflow scoring protocol).
--   wrk -t2 -c64 -d30s -s loadtest/invocations.lua http://127.0.0.1:8080/invocations
-- ROWS (default 1) rows per request, built from loadtest/row.json (one dataframe_split row of your model's inputs):
--   ROWS=100 wrk ... -s loadtest/invocations.lua ...
local rows = tonumber(os.getenv("ROWS") or "1")
local row_file = os.getenv("ROW_FILE") or "loadtest/row.json"

local function read_file(path)
  local f = assert(io.open(path, "r"), "cannot open " .. path)
  local text = f:read("*a")
  f:close()
  return text
end

-- row.json: {"columns": [...], "data": [ ...one row... ]}
local spec = read_file(row_file)
local columns = spec:match('"columns"%s*:%s*(%b[])')
local row = spec:match('"data"%s*:%s*(%b[])')
assert(columns and row, row_file .. " must hold \"columns\" and \"data\" (one row)")
local data = {}
for i = 1, rows do data[i] = row end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"dataframe_split": {"columns": ' .. columns .. ', "data": [' .. table.concat(data, ",") .. ']}}'

local failures = 0
function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("HTTP " .. status .. ": " .. body .. "\n") end
  end
end

function done(summary, latency, requests)
  io.write(string.format("rows_per_request=%d requests=%d non_2xx=%d p50_ms=%.2f p99_ms=%.2f req_per_s=%.0f rows_per_s=%.0f\n",
    rows, summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), rows * summary.requests / (summary.duration / 1e6)))
end
