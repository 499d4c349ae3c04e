-- wrk script: runs/log-batch with 1000 metrics per request against the run in $RUN_ID
-- (metrics/s = requests/s x 1000). Every request writes new rows. The metric entries are prebuilt once and only the
-- numbers that change are spliced in with table.concat, so that wrk's own CPU use stays small.
-- LOG_BATCH_PATTERN picks what a request holds (10 keys x 100 steps either way):
--   training (default): what a training loop sends (the Fathom client buffers this way): each request carries the
--     next 100 steps of 10 keys, so steps advance and the run's history grows at the end of each key's range;
--   rewrite: the same steps 0-99 of each key again on every request with a new timestamp (the script's pattern before
--     2026-11-27 16:00), so each request inserts into ~1000 scattered places of the run's history.
local run_id = os.getenv("RUN_ID")
local pattern = os.getenv("LOG_BATCH_PATTERN") or "training"
local batch = 1000
local keys = 10
local counter = 0
local headers = { ["Content-Type"] = "application/json" }
-- bench/wrk/run.sh sets AUTH_HEADER when the server runs with --auth.
if os.getenv("AUTH_HEADER") then headers["Authorization"] = os.getenv("AUTH_HEADER") end

-- thread_offset is a global that setup() gives each thread's Lua state: each thread writes its own step range.
local threads = 0
function setup(thread)
  thread:set("thread_offset", threads * 1000000000)
  threads = threads + 1
end

local parts = nil

-- Per metric: '{"key":"mK","value":V.5,"step":' STEP ',"timestamp":' TS '}' (STEP and TS are slots).
local function build_parts()
  parts = { '{"run_id":"' .. run_id .. '","metrics":[' }
  for i = 0, batch - 1 do
    local sep = (i < batch - 1) and "}," or "}"
    parts[#parts + 1] = string.format('{"key":"m%d","value":%d.5,"step":', i % keys, i)
    parts[#parts + 1] = 0 -- step slot
    parts[#parts + 1] = ',"timestamp":'
    parts[#parts + 1] = 0 -- timestamp slot
    parts[#parts + 1] = sep
  end
  parts[#parts + 1] = "]}"
end

function request()
  if parts == nil then build_parts() end
  counter = counter + 1
  local ts = tostring(1700000000000 + (thread_offset or 0) + counter)
  local first_step = 0
  if pattern == "training" then first_step = (thread_offset or 0) + (counter - 1) * (batch / keys) end
  local i = 0
  for slot = 3, #parts - 1, 5 do
    parts[slot] = tostring(first_step + math.floor(i / keys))
    parts[slot + 2] = ts
    i = i + 1
  end
  return wrk.format("POST", "/api/2.0/mlflow/runs/log-batch", headers, table.concat(parts))
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
