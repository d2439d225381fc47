#!/usr/bin/env python3
"""Print the benchmark's tables (Markdown) from the runs that run.sh recorded.

Usage: report.py RESULTS.jsonl META.json
       report.py --drop-steps RESULTS.jsonl STEP...   (forget those steps' runs)

Table 1: every timed step with the median, min and max wall time of its runs
and the peak RSS (the largest "Maximum resident set size" of its runs).
Table 2: the performance targets, target vs measured.
On PostgreSQL (META's "backend"), the floors are psql's, and a third table
gives the median CPU time of the client process and of the server.

Baseline mode (META has "baseline"; run.sh --baseline REV or --baseline-bin
PATH): one table of the pairs instead, per step the number of pairs, the
baseline's and the current binary's median, the median and range of the pair
ratios current ÷ baseline (each current run ÷ the baseline run just before
it), the median pair ratio of CPU time (user + system, 10 ms resolution: only
a hint for short runs), and both peak RSS, with the target of a median pair
ratio of wall times of at most 1.05× for every step.
"""

import json
import statistics
import sys


# The labels that run.sh records, by step.
STEP_LABELS = {
    "1": ["pt import measures", "baseline import measures"],
    "2": ["sqlite3 .import measures", "psql \\copy measures"],
    "3": ["pt import updates", "sqlite3 .import updates", "psql \\copy updates", "baseline import updates"],
    "4": ["pt report summary", "pt report summary --as-of", "pt report overdue", "pt report stale",
          "pt report changes --since", "pt report changes --since first", "baseline report summary", "baseline report summary --as-of",
          "baseline report overdue", "baseline report stale", "baseline report changes --since",
          "baseline report changes --since first"],
    "5": ["pt add-measure", "sqlite3 INSERT measure", "pt update-status", "sqlite3 INSERT status_update",
          "psql INSERT measure", "psql INSERT status_update"],
    "6": ["pt import slice", "sqlite-utils insert slice"],
    "7": ["sqlite3 alone measures", "sqlite3 alone updates",
          "sqlite3 alone measures, no indexes", "sqlite3 alone updates, no indexes"],
    "8": ["pt import measures.xlsx", "pt import measures-export.csv"],
}

# What each backend's floors are called in the tables: (label, description).
FLOORS = {
    "sqlite": {
        "import measures": ("sqlite3 .import measures", "sqlite3 .import --csv, same file, fresh db (floor)"),
        "import updates": ("sqlite3 .import updates", "sqlite3 .import --csv, same file, fresh db (floor)"),
        "insert measure": ("sqlite3 INSERT measure", "sqlite3: one INSERT INTO measures, same db (floor)"),
        "insert update": ("sqlite3 INSERT status_update", "sqlite3: one INSERT INTO status_updates, same db (floor)"),
        "name": "sqlite3 .import",
    },
    "postgresql": {
        "import measures": ("psql \\copy measures", "psql \\copy … CSV HEADER into a text table, same file, fresh db (floor)"),
        "import updates": ("psql \\copy updates", "psql \\copy … CSV HEADER into a text table, same file, fresh db (floor)"),
        "insert measure": ("psql INSERT measure", "psql: one INSERT INTO measures, same db (floor)"),
        "insert update": ("psql INSERT status_update", "psql: one INSERT INTO status_updates, same db (floor)"),
        "name": "psql \\copy",
    },
}


def drop_steps(results_path, steps):
    drop = {label for s in steps for label in STEP_LABELS[s]}
    with open(results_path, encoding="utf-8") as f:
        kept = [line for line in f if line.strip() and json.loads(line)["label"] not in drop]
    with open(results_path, "w", encoding="utf-8") as f:
        f.writelines(kept)


def load(results_path):
    runs = {}
    with open(results_path, encoding="utf-8") as f:
        for seq, line in enumerate(f):
            if line.strip():
                r = json.loads(line)
                r["seq"] = seq
                runs.setdefault(r["label"], []).append(r)
    return runs


class Step:
    def __init__(self, runs):
        self.runs = runs
        self.failed = any(r["exit"] != 0 for r in runs)
        ok = [r for r in runs if r["exit"] == 0]
        walls = [r["wall_s"] for r in ok]
        self.median = statistics.median(walls) if walls and not self.failed else None
        self.min = min(walls) if walls else None
        self.max = max(walls) if walls else None
        rss = [r["rss_kb"] for r in ok if r["rss_kb"] is not None]
        self.rss_kb = max(rss) if rss else None
        cpu = [r["cpu_s"] for r in ok if r.get("cpu_s") is not None]
        self.cpu = statistics.median(cpu) if cpu else None
        server = [r["server_cpu_s"] for r in ok if r.get("server_cpu_s") is not None]
        self.server_cpu = statistics.median(server) if server else None


def matched(steps, a, b):
    """Each successful run of step a with the successful run of step b that
    follows it before a's next run (run.sh interleaves them, so that both see
    the machine in the same state): a list of (run of a, run of b)."""
    sa, sb = steps.get(a), steps.get(b)
    if not sa or not sb:
        return []
    ok = sorted((r for r in sa.runs if r["exit"] == 0), key=lambda r: r["seq"])
    bs = sorted((r for r in sb.runs if r["exit"] == 0), key=lambda r: r["seq"])
    out = []
    for i, x in enumerate(ok):
        until = ok[i + 1]["seq"] if i + 1 < len(ok) else float("inf")
        y = next((r for r in bs if x["seq"] < r["seq"] < until), None)
        if y is not None:
            out.append((x, y))
    return out


def secs(x):
    if x is None:
        return "—"
    if x < 1:
        return f"{x * 1000:.0f} ms"
    return f"{x:.2f} s"


def mib(kb):
    return "—" if kb is None else f"{kb / 1024:.1f} MiB"


# Baseline mode: the most a step's median pair ratio (current ÷ baseline) may be.
BASELINE_LIMIT = 1.05


def baseline_tables(steps, meta):
    n, n_updates = meta["n"], meta["updates_rows"]
    print(f"Machine: {meta['nproc']} CPUs ({meta['cpu']}), {meta['memory']} RAM, {meta['os']}")
    print(f"Baseline: {meta['baseline']} ({meta['baseline_version']})")
    print(f"Current: {meta['current']} ({meta['policy_track']})")
    print(f"SQLite; sqlite3 {meta['sqlite3']} for the copies")
    print(f"Data: {n:,} measures rows ({meta['measures_mib']} MiB), {n_updates:,} update rows "
          f"({meta['updates_mib']} MiB); seed {meta['seed']}; today {meta['today']}, "
          f"--as-of {meta['as_of']}, changes --since {meta['since']} and "
          f"{meta.get('since_first', '—')}; pairs of runs, the baseline's "
          f"run and then the current one's")
    print(f"Load average (1, 5, 15 min) of this invocation (steps {meta['steps']}): "
          f"{meta['load_before']} before, {meta['load_after']} after; "
          f"{meta['steps_s'] / 60:.1f} min of steps, {meta['duration_s'] / 60:.1f} min in all")
    print()
    rows = [
        ("1", "import measures", f"import, {n:,} measures rows, fresh db"),
        ("3", "import updates", f"import, {n_updates:,} updates rows, into db of step 1"),
        ("4", "report summary", "report summary"),
        ("4", "report summary --as-of", f"report summary --as-of {meta['as_of']}"),
        ("4", "report overdue", "report overdue"),
        ("4", "report stale", "report stale"),
        ("4", "report changes --since", f"report changes --since {meta['since']}"),
        ("4", "report changes --since first",
         f"report changes --since {meta.get('since_first', '—')} (the first day of the updates' history)"),
    ]
    print("| Step | What | Pairs | Baseline | Current | Pair ratio, median | Pair ratios, range "
          f"| CPU pair ratio, median | Peak RSS, baseline | Peak RSS, current | Median ≤ {BASELINE_LIMIT:.2f}× |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    every, by_run = [], []
    for number, name, what in rows:
        old, new = steps.get(f"baseline {name}"), steps.get(f"pt {name}")
        if old is None and new is None:
            print(f"| {number} | {what} | not run | | | | | | | | |")
            continue
        both = matched(steps, f"baseline {name}", f"pt {name}")
        in_order = [y["wall_s"] / x["wall_s"] for x, y in both if x["wall_s"] > 0]
        ratios = sorted(in_order)
        cpu = [y["cpu_s"] / x["cpu_s"] for x, y in both if x.get("cpu_s") and y.get("cpu_s") is not None]
        failed = (old is None or old.failed) or (new is None or new.failed)
        cells = [str(len(in_order)),
                 secs(old.median) if old and not old.failed else "**failed**",
                 secs(new.median) if new and not new.failed else "**failed**"]
        if ratios and not failed:
            median = statistics.median(ratios)
            met = median <= BASELINE_LIMIT
            every.append(met)
            cells += [f"{median:.2f}×", f"{ratios[0]:.2f}–{ratios[-1]:.2f}×",
                      f"{statistics.median(cpu):.2f}×" if cpu else "—"]
            by_run.append(f"{name} {', '.join(f'{r:.2f}×' for r in in_order)}")
        else:
            every.append(False)
            met = None
            cells += ["—", "—", "—"]
        cells += [mib(old.rss_kb if old else None), mib(new.rss_kb if new else None),
                  "—" if met is None else ("yes" if met else "**no**")]
        print(f"| {number} | {what} | " + " | ".join(cells) + " |")
    print()
    if by_run:
        print("Pair by pair, in the order run, each current run ÷ the baseline run just before it: "
              + "; ".join(by_run) + ".")
        print()
    if every and all(every):
        print(f"Every step's median pair ratio is at most {BASELINE_LIMIT:.2f}×.")
    else:
        print(f"**Not every step's median pair ratio is at most {BASELINE_LIMIT:.2f}×** (or a step failed).")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--drop-steps":
        drop_steps(sys.argv[2], sys.argv[3:])
        return
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    runs = load(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        meta = json.load(f)
    steps = {label: Step(r) for label, r in runs.items()}
    if "baseline" in meta:
        baseline_tables(steps, meta)
        return
    n, n_updates, n_slice = meta["n"], meta["updates_rows"], meta["slice_rows"]

    def step(label):
        return steps.get(label)

    backend = meta.get("backend", "sqlite")
    floor = FLOORS[backend]
    print(f"Machine: {meta['nproc']} CPUs ({meta['cpu']}), {meta['memory']} RAM, {meta['os']}")
    if backend == "postgresql":
        print(f"Backend: PostgreSQL {meta['server_version']} ({meta['server']}); psql {meta['psql']}")
        print(f"Versions: {meta['policy_track']} (built with --features postgres)")
    else:
        print(f"Versions: {meta['policy_track']}; sqlite3 {meta['sqlite3']}; sqlite-utils {meta['sqlite_utils']}")
    print(f"Data: {n:,} measures rows ({meta['measures_mib']} MiB), {n_updates:,} update rows "
          f"({meta['updates_mib']} MiB), {n_slice:,}-row slice; seed {meta['seed']}; "
          f"today {meta['today']}, --as-of {meta['as_of']}; median of {meta['runs']} runs")
    if "load_before" in meta:
        print(f"Load average (1, 5, 15 min) of the last invocation (steps {meta['steps']}): "
              f"{meta['load_before']} before, {meta['load_after']} after")
    if backend == "postgresql":
        print("Peak RSS and client CPU are those of the timed process (policy-track or psql); "
              "the server's memory is not included, its CPU is in the last table")
    print()

    rows = [
        ("1", "pt import measures", f"policy-track import, {n:,} measures rows, fresh db"),
        ("2", *floor["import measures"]),
        ("3", "pt import updates", f"policy-track import, {n_updates:,} updates rows, into db of step 1"),
        ("3", *floor["import updates"]),
        ("4", "pt report summary", "report summary"),
        ("4", "pt report summary --as-of", f"report summary --as-of {meta['as_of']}"),
        ("4", "pt report overdue", "report overdue"),
        ("5", "pt add-measure", "add-measure on a copy of the loaded db"),
        ("5", *floor["insert measure"]),
        ("5", "pt update-status", "update-status on a copy of the loaded db"),
        ("5", *floor["insert update"]),
        ("6", "pt import slice", f"policy-track import, first {n_slice:,} rows, fresh db"),
    ]
    if backend == "sqlite":
        rows += [
            ("6", "sqlite-utils insert slice", f"sqlite-utils insert --csv, same {n_slice:,} rows, fresh db"),
            ("7", "sqlite3 alone measures", "sqlite3 alone: the rows step 1 stored, into a fresh db of policy-track's schema"),
            ("7", "sqlite3 alone updates", "sqlite3 alone: what step 3 added, into a copy of the db of step 1"),
            ("7", "sqlite3 alone measures, no indexes", "the same as the measures' step 7, the dropped secondary indexes not built again"),
            ("7", "sqlite3 alone updates, no indexes", "the same as the updates' step 7, the dropped secondary indexes not built again"),
            ("8", "pt import measures.xlsx", f"policy-track import, {n:,} measures as an .xlsx workbook, fresh db"),
            ("8", "pt import measures-export.csv", f"policy-track import, the same {n:,} measures as CSV, fresh db"),
        ]
    print("| Step | What | Median | Min | Max | Peak RSS |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for number, label, what in rows:
        s = step(label)
        if s is None:
            print(f"| {number} | {what} | not run | | | |")
        elif s.failed:
            print(f"| {number} | {what} | **failed** | {secs(s.min)} | {secs(s.max)} | {mib(s.rss_kb)} |")
        else:
            print(f"| {number} | {what} | {secs(s.median)} | {secs(s.min)} | {secs(s.max)} | {mib(s.rss_kb)} |")
    print()

    def ratio(a, b, attr="median"):
        sa, sb = step(a), step(b)
        if not sa or not sb:
            return None
        x, y = getattr(sa, attr if attr != "rss" else "rss_kb"), getattr(sb, attr if attr != "rss" else "rss_kb")
        if x is None or y is None or y == 0:
            return None
        return x / y

    def absolute(a):
        s = step(a)
        return s.median if s else None

    targets = [
        (f"measures import ÷ {floor['name']}", "≤ 2×", ratio("pt import measures", floor["import measures"][0]), 2.0, "x"),
        (f"updates import ÷ {floor['name']}", "≤ 2×", ratio("pt import updates", floor["import updates"][0]), 2.0, "x"),
        ("report summary", "< 1 s", absolute("pt report summary"), 1.0, "s<"),
        (f"report summary --as-of {meta['as_of']}", "< 2 s", absolute("pt report summary --as-of"), 2.0, "s<"),
        ("report overdue", "< 1 s", absolute("pt report overdue"), 1.0, "s<"),
        ("add-measure ÷ single INSERT", "≤ 3×", ratio("pt add-measure", floor["insert measure"][0]), 3.0, "x"),
        ("update-status ÷ single INSERT", "≤ 3×", ratio("pt update-status", floor["insert update"][0]), 3.0, "x"),
        (f"peak RSS: {n:,}-row import ÷ {n_slice:,}-row import", "≤ 1.5×",
         ratio("pt import measures", "pt import slice", "rss"), 1.5, "x"),
    ]
    if backend == "sqlite":
        targets += [
            (f"sqlite-utils ÷ policy-track, {n_slice:,}-row slice", "(no target)",
             ratio("sqlite-utils insert slice", "pt import slice"), None, "x"),
            (f"sqlite3 alone ÷ {floor['name']}, measures", "(no target)",
             ratio("sqlite3 alone measures", floor["import measures"][0]), None, "x"),
            (f"sqlite3 alone ÷ {floor['name']}, updates", "(no target)",
             ratio("sqlite3 alone updates", floor["import updates"][0]), None, "x"),
            ("workbook import ÷ the same rows as CSV", "≤ 2.5×",
             ratio("pt import measures.xlsx", "pt import measures-export.csv"), 2.5, "x"),
            ("measures import ÷ sqlite3 alone", "(no target)",
             ratio("pt import measures", "sqlite3 alone measures"), None, "x"),
            ("updates import ÷ sqlite3 alone", "(no target)",
             ratio("pt import updates", "sqlite3 alone updates"), None, "x"),
            (f"sqlite3 alone without the secondary indexes ÷ {floor['name']}, measures", "(no target)",
             ratio("sqlite3 alone measures, no indexes", floor["import measures"][0]), None, "x"),
            (f"sqlite3 alone without the secondary indexes ÷ {floor['name']}, updates", "(no target)",
             ratio("sqlite3 alone updates, no indexes", floor["import updates"][0]), None, "x"),
        ]
    print("| Target | Goal | Measured | Met |")
    print("| --- | --- | ---: | --- |")
    for name, goal, value, limit, kind in targets:
        if value is None:
            print(f"| {name} | {goal} | — | not measured |")
            continue
        shown = f"{value:.2f}×" if kind == "x" else secs(value)
        if limit is None:
            met = "—"
        elif kind == "s<":
            met = "yes" if value < limit else "**no**"
        else:
            met = "yes" if value <= limit else "**no**"
        print(f"| {name} | {goal} | {shown} | {met} |")

    # Each run of a ÷ the run of b that follows it before a's next run.
    def pairs(a, b):
        return sorted(x["wall_s"] / y["wall_s"] for x, y in matched(steps, a, b) if y["wall_s"] > 0)

    for title, rel in [("each import ÷ the floor's run after it", [
                           ("measures", "pt import measures", floor["import measures"][0]),
                           ("updates", "pt import updates", floor["import updates"][0])]),
                       ("each import ÷ the sqlite3-alone run after it (step 7)", [
                           ("measures", "pt import measures", "sqlite3 alone measures"),
                           ("updates", "pt import updates", "sqlite3 alone updates")]),
                       ("each sqlite3-alone run ÷ the floor's run after it", [
                           ("measures", "sqlite3 alone measures", floor["import measures"][0]),
                           ("updates", "sqlite3 alone updates", floor["import updates"][0])]),
                       ("each sqlite3-alone run without the secondary indexes ÷ the floor's run after it", [
                           ("measures", "sqlite3 alone measures, no indexes", floor["import measures"][0]),
                           ("updates", "sqlite3 alone updates, no indexes", floor["import updates"][0])])]:
        shown = []
        for what, a, b in rel:
            rs = pairs(a, b)
            if rs:
                shown.append(f"{what} {', '.join(f'{r:.2f}×' for r in rs)} (median {statistics.median(rs):.2f}×)")
        if shown:
            print()
            print(f"Run by run, {title}: " + "; ".join(shown) + ".")

    if backend == "postgresql":
        print()
        print("| Step | What | Wall (median) | CPU, client (median) | CPU, server (median) |")
        print("| --- | --- | ---: | ---: | ---: |")
        for number, label, what in rows:
            s = step(label)
            if s is None or s.failed:
                continue
            print(f"| {number} | {what} | {secs(s.median)} | {secs(s.cpu)} | {secs(s.server_cpu)} |")


if __name__ == "__main__":
    main()
