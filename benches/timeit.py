#!/usr/bin/env python3
"""Run one command as a whole process under `/usr/bin/time -v` and record it.

Usage: timeit.py RESULTS LABEL LOG -- COMMAND [ARG...]

Appends one JSON line to RESULTS: {"label", "wall_s", "rss_kb", "exit"}.
wall_s is measured here around the process (monotonic clock, ns resolution;
`time -v`'s own elapsed time has only 10 ms resolution), rss_kb is
`time -v`'s "Maximum resident set size". The command's stdout goes to
/dev/null, its stderr to LOG (appended). Exits with the command's status,
printing the tail of LOG when it failed.
"""

import json
import os
import subprocess
import sys
import tempfile
import time


def main():
    if len(sys.argv) < 6 or sys.argv[4] != "--":
        sys.exit(__doc__)
    results, label, log = sys.argv[1:4]
    command = sys.argv[5:]
    fd, time_out = tempfile.mkstemp(prefix="timeit-", suffix=".txt")
    os.close(fd)
    try:
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
        rss_kb = None
        with open(time_out, encoding="utf-8", errors="replace") as f:
            for line in f:
                if "Maximum resident set size" in line:
                    rss_kb = int(line.rsplit(":", 1)[1])
    finally:
        os.unlink(time_out)
    with open(results, "a", encoding="utf-8") as f:
        f.write(json.dumps({"label": label, "wall_s": wall, "rss_kb": rss_kb,
                            "exit": proc.returncode}) + "\n")
    status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
    rss = f"{rss_kb / 1024:.1f} MiB" if rss_kb is not None else "?"
    print(f"  {label:<40} {wall:9.3f} s  {rss:>12}  {status}", flush=True)
    if proc.returncode != 0:
        with open(log, "rb") as f:
            f.seek(offset)
            own = f.read().decode("utf-8", errors="replace").splitlines()[1:6]
        sys.stderr.write("".join(f"    | {line}\n" for line in own))
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
