#!/usr/bin/env python3
"""Run one command as a whole process under `/usr/bin/time -v` and record it.

Usage: timeit.py RESULTS LABEL LOG -- COMMAND [ARG...]

Appends one JSON line to RESULTS: {"label", "wall_s", "rss_kb", "cpu_s",
"exit"}, and "server_cpu_s" when BENCH_SERVER_PID is set. wall_s is
measured here around the process (monotonic clock, ns resolution; `time
-v`'s own elapsed time has only 10 ms resolution), rss_kb is `time -v`'s
"Maximum resident set size", cpu_s its user + system time. The command's
stdout goes to /dev/null, its stderr to LOG (appended). Exits with the
command's status, printing the tail of LOG when it failed.

BENCH_SERVER_PID: the process id of a local database server (PostgreSQL's
postmaster). server_cpu_s is then the CPU time (user + system) that the
server and all its processes spent between just before the command and
shortly after it ended: the postmaster's own and its reaped children's
times, plus the times of its children still alive.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

TICK = os.sysconf("SC_CLK_TCK")


def stat_times(pid):
    """(ppid, own user + system ticks, reaped children's ticks) of a process."""
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # After the command name: state ppid ... utime(12) stime(13) cutime(14) cstime(15).
    return int(fields[1]), int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def server_ticks(server):
    """CPU ticks of the server process and its children, reaped or alive."""
    _, own, reaped = stat_times(server)
    total = own + reaped
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == server:
            continue
        try:
            ppid, child, _ = stat_times(entry)
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile, or not readable
        if ppid == server:
            total += child
    return total


def main():
    if len(sys.argv) < 6 or sys.argv[4] != "--":
        sys.exit(__doc__)
    results, label, log = sys.argv[1:4]
    command = sys.argv[5:]
    server = int(os.environ["BENCH_SERVER_PID"]) if os.environ.get("BENCH_SERVER_PID") else None
    fd, time_out = tempfile.mkstemp(prefix="timeit-", suffix=".txt")
    os.close(fd)
    try:
        server_before = server_ticks(server) if server else None
        with open(log, "ab") as err:
            offset = err.tell()
            err.write(f"== {label}: {' '.join(command)}\n".encode())
            err.flush()
            start = time.perf_counter_ns()
            proc = subprocess.run(
                ["/usr/bin/time", "-v", "-o", time_out, *command],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err,
            )
            wall = (time.perf_counter_ns() - start) / 1e9
        server_cpu = None
        if server:
            # The server process of the command's connection ends after the
            # client does; give it a moment to be reaped (not timed).
            time.sleep(0.2)
            server_cpu = (server_ticks(server) - server_before) / TICK
        rss_kb = None
        cpu = 0.0
        with open(time_out, encoding="utf-8", errors="replace") as f:
            for line in f:
                if "Maximum resident set size" in line:
                    rss_kb = int(line.rsplit(":", 1)[1])
                elif "User time (seconds)" in line or "System time (seconds)" in line:
                    cpu += float(line.rsplit(":", 1)[1])
    finally:
        os.unlink(time_out)
    record = {"label": label, "wall_s": wall, "rss_kb": rss_kb, "cpu_s": round(cpu, 2),
              "exit": proc.returncode}
    if server_cpu is not None:
        record["server_cpu_s"] = round(server_cpu, 2)
    with open(results, "a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
    rss = f"{rss_kb / 1024:.1f} MiB" if rss_kb is not None else "?"
    cpus = f"cpu {cpu:.2f} s" + (f" + server {server_cpu:.2f} s" if server_cpu is not None else "")
    print(f"  {label:<40} {wall:9.3f} s  {rss:>12}  {cpus}  {status}", flush=True)
    if proc.returncode != 0:
        with open(log, "rb") as f:
            f.seek(offset)
            own = f.read().decode("utf-8", errors="replace").splitlines()[1:6]
        sys.stderr.write("".join(f"    | {line}\n" for line in own))
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
