-- wrk script: one runs/log-metric per request against the run in $RUN_ID.
-- Each wrk thread writes its own step range so that every request is a new metric row.
local run_id = os.getenv("RUN_ID")
local counter = 0

-- thread_offset is a global that setup() gives each thread's Lua state.
local threads = 0
function setup(thread)
  thread:set("thread_offset", threads * 1000000000)
  threads = threads + 1
end

local headers = { ["Content-Type"] = "application/json" }
-- bench/wrk/run.sh sets AUTH_HEADER when the server runs with --auth.
if os.getenv("AUTH_HEADER") then headers["Authorization"] = os.getenv("AUTH_HEADER") end

function request()
  counter = counter + 1
  local step = (thread_offset or 0) + counter
  local body = string.format(
    '{"run_id":"%s","key":"loss","value":%.6f,"timestamp":%d,"step":%d}',
    run_id, 1.0 / counter, 1700000000000 + counter, step)
  return wrk.format("POST", "/api/2.0/mlflow/runs/log-metric", headers, body)
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
