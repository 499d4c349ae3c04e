#!/usr/bin/env python3
"""get-history of a 100,000-step metric over HTTP (issue 2: under 100 ms): logs the steps with log-batch, then reads
every page (MLflow's default page, no max_results) WARMUP_READS times to warm the server (tiered JIT, page cache), then
READS more times (default 5), printing wall time per full read and, at the end, the median and the server's CPU
averaged over all measured reads (the per-read counter ticks in 10 ms). HISTORY_LOG=0 skips the logging and reads a run logged before;
HISTORY_LOG=single logs the steps one log-metric request each (the store's small-block path) instead of 100 log-batches;
SERVER_PID=pid adds the server's CPU time (user + sys, /proc/PID/stat) per read, which the load of a shared machine
distorts less than wall time, and the CPU time every other process on the machine used meanwhile (/proc/stat), which
says whether the cores were free.
Usage: history.py BASE_URL RUN_ID [WARMUP_READS, default 20]"""
import http.client, json, os, sys, time, urllib.parse

base, run_id = urllib.parse.urlparse(sys.argv[1]), sys.argv[2]
WARMUP_READS = int(sys.argv[3]) if len(sys.argv) > 3 else 20
READS = int(os.environ.get("READS", "5"))
conn = http.client.HTTPConnection(base.hostname, base.port)

def call(method, path, body=None):
    conn.request(method, path, body=json.dumps(body) if body else None, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: {response.status} {data[:200]!r}")
    return data

LOG = os.environ.get("HISTORY_LOG", "1")
for b in range(100 if LOG == "1" else 0):
    metrics = [{"key": "long", "value": i * 0.5, "timestamp": 1700000000000 + i, "step": b * 1000 + i} for i in range(1000)]
    call("POST", "/api/2.0/mlflow/runs/log-batch", {"run_id": run_id, "metrics": metrics})
for step in range(100_000 if LOG == "single" else 0):
    call("POST", "/api/2.0/mlflow/runs/log-metric",
         {"run_id": run_id, "key": "long", "value": step * 0.5, "timestamp": 1700000000000 + step, "step": step})

def server_cpu_ms():
    pid = os.environ.get("SERVER_PID")
    if not pid:
        return None
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

def machine_cpu_ms():
    with open("/proc/stat") as stat:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, stat.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) * 1000 / os.sysconf("SC_CLK_TCK")

walls, server_cpu_total = [], 0.0
for attempt in range(WARMUP_READS + READS):
    cpu_before, machine_before, own_before = server_cpu_ms(), machine_cpu_ms(), time.process_time()
    started, points, token, pages, transfer = time.perf_counter(), 0, None, 0, 0.0
    while True:
        query = urllib.parse.urlencode({"run_id": run_id, "metric_key": "long", **({"page_token": token} if token else {})})
        sent = time.perf_counter()
        body = call("GET", "/api/2.0/mlflow/metrics/get-history?" + query)
        transfer += time.perf_counter() - sent
        page = json.loads(body)
        points, pages, token = points + len(page.get("metrics", [])), pages + 1, page.get("next_page_token")
        if not token:
            break
    if attempt >= WARMUP_READS:  # the first reads warm the JIT (tiered compilation) and the page cache
        cpu, machine, own = server_cpu_ms(), machine_cpu_ms(), time.process_time()
        walls.append(transfer * 1000)
        server_cpu_total += cpu - cpu_before if cpu is not None else 0
        others = machine - machine_before - (own - own_before) * 1000 - (cpu - cpu_before if cpu is not None else 0)
        print(f"get-history: {points} points in {pages} pages: {transfer * 1000:.0f} ms request to last byte, "
              f"{(time.perf_counter() - started) * 1000:.0f} ms with Python's JSON parsing"
              + (f", server CPU {cpu - cpu_before:.0f} ms, other processes {others:.0f} ms" if cpu is not None else ""))
walls.sort()
print(f"get-history over {READS} reads: median {walls[len(walls) // 2]:.0f} ms, max {walls[-1]:.0f} ms request to last byte, "
      f"{sum(w < 100 for w in walls)} of {READS} under 100 ms"
      + (f", server CPU {server_cpu_total / READS:.1f} ms per read" if os.environ.get("SERVER_PID") else ""))
