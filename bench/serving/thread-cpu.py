#!/usr/bin/python3
"""Runs a command and reports its CPU thread by thread (docs/benchmarks.md, "models predict, session 8").

Polls /proc/PID/task/*/stat every 20 ms and keeps each thread's last user+sys ticks, so a thread that ends before the
process is still counted (up to its last 20 ms). Prints the command's last output line, the process's CPU from
wait4 (every thread, exact), the load average, then one line per thread name (.NET names its threads: "Long Runni"
are BatchRun's reader, scorers and writer, in start order; "TP Worker" the thread pool, where the model loads;
"Tiered Com" the background JIT that recompiles hot methods at tier 1; "Server GC"/"BGC" the collector).
Usage: bench/serving/thread-cpu.py COMMAND ARGS...
"""
import collections
import os
import subprocess
import sys
import time

ticks = os.sysconf("SC_CLK_TCK")
process = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
threads = {}
started = time.time()
while True:
    try:
        for tid in os.listdir(f"/proc/{process.pid}/task"):
            try:
                with open(f"/proc/{process.pid}/task/{tid}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            fields = stat[stat.rindex(")") + 2:].split()
            threads[tid] = (stat[stat.index("(") + 1:stat.rindex(")")], int(fields[11]) + int(fields[12]))
    except OSError:
        pass
    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    if pid:
        break
    time.sleep(0.02)
wall = time.time() - started
output = process.stdout.read().decode().strip().splitlines()
# Spectre wraps the closing "Scored ... rows/s" line at 80 columns when stdout is not a terminal.
print(" ".join(output[-2:]))
with open("/proc/loadavg") as f:
    load = " ".join(f.read().split()[:3])
print(f"{wall:.2f} s wall, {usage.ru_utime:.2f} s user + {usage.ru_stime:.2f} s sys CPU, load average after {load}")
by_name = collections.defaultdict(list)
for tid, (name, used) in sorted(threads.items(), key=lambda t: int(t[0])):
    by_name[name].append(used / ticks)
for name, seconds in sorted(by_name.items(), key=lambda n: -sum(n[1])):
    if sum(seconds) >= 0.01:
        print(f"  {name:16s} {sum(seconds):5.2f} s CPU  ({', '.join(f'{s:.2f}' for s in seconds if s >= 0.01)})")
sys.exit(status >> 8)
