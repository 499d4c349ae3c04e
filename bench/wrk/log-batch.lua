-- wrk script: runs/log-batch with 1000 metrics per request against the run in $RUN_ID
-- (metrics/s = requests/s x 1000). Each request writes new steps.
local run_id = os.getenv("RUN_ID")
local batch = 1000
local counter = 0

-- thread_offset is a global that setup() gives each thread's Lua state.
local threads = 0
function setup(thread)
  thread:set("thread_offset", threads * 1000000000)
  threads = threads + 1
end

local headers = { ["Content-Type"] = "application/json" }

function request()
  counter = counter + 1
  local base = (thread_offset or 0) + counter * batch
  local parts = {}
  for i = 1, batch do
    parts[i] = string.format('{"key":"m%d","value":%d.5,"timestamp":%d,"step":%d}', i % 10, i, 1700000000000 + counter, base + i)
  end
  local body = '{"run_id":"' .. run_id .. '","metrics":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", "/api/2.0/mlflow/runs/log-batch", headers, body)
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
