-- wrk script: runs/log-batch with 1000 metrics per request against the run in $RUN_ID
-- (metrics/s = requests/s x 1000). Every request writes new rows: the metric entries are prebuilt once and only the
-- timestamp changes, spliced in with table.concat so that wrk's own CPU use stays small.
local run_id = os.getenv("RUN_ID")
local batch = 1000
local counter = 0
local headers = { ["Content-Type"] = "application/json" }
-- bench/wrk/run.sh sets AUTH_HEADER when the server runs with --auth.
if os.getenv("AUTH_HEADER") then headers["Authorization"] = os.getenv("AUTH_HEADER") end

-- thread_offset is a global that setup() gives each thread's Lua state.
local threads = 0
function setup(thread)
  thread:set("thread_offset", threads * 1000000000)
  threads = threads + 1
end

local parts = nil

local function build_parts()
  parts = { '{"run_id":"' .. run_id .. '","metrics":[' }
  for i = 1, batch do
    local sep = (i < batch) and "}," or "}"
    parts[#parts + 1] = string.format('{"key":"m%d","value":%d.5,"step":%d,"timestamp":', i % 10, i, i)
    parts[#parts + 1] = 0 -- timestamp slot
    parts[#parts + 1] = sep
  end
  parts[#parts + 1] = "]}"
end

function request()
  if parts == nil then build_parts() end
  counter = counter + 1
  local ts = tostring(1700000000000 + (thread_offset or 0) + counter)
  for slot = 3, #parts - 1, 3 do
    parts[slot] = ts
  end
  return wrk.format("POST", "/api/2.0/mlflow/runs/log-batch", headers, table.concat(parts))
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
