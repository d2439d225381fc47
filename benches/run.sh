#!/usr/bin/env bash
# The policy-track benchmark: builds the release binary, generates deterministic
# synthetic data, times every step as whole processes (median of RUNS runs,
# peak RSS from /usr/bin/time -v) against sqlite3's own .import and a
# single-row INSERT, and prints the tables of BENCHMARKS.md.
#
# Usage: benches/run.sh [--n ROWS] [--runs R] [--out DIR] [--steps LIST]
#   --n ROWS      measures rows (env N, default 1000000); the updates file has 3 × ROWS
#   --runs R      runs per step, median reported (env RUNS, default 3)
#   --out DIR     work directory (env OUT, default bench-out; gitignored)
#   --steps LIST  only these steps, e.g. "4 5" (env STEPS, default all: "1 2 3 4 5 6");
#                 steps 3 to 5 then reuse the databases an earlier run left in
#                 DIR/work, and the new runs replace theirs in DIR/results.jsonl
#
# Installs what is missing: Debian's sqlite3 and time (apt-get), sqlite-utils
# (PyPI, into a venv under the work directory). Run from anywhere in the repo.
set -euo pipefail

N=${N:-1000000}
RUNS=${RUNS:-3}
OUT=${OUT:-bench-out}
STEPS=${STEPS:-1 2 3 4 5 6}
SLICE=100000
SEED=20230601
TODAY=2025-06-30   # POLICY_TRACK_TODAY: the reports' "today", so overdue figures are reproducible
AS_OF=2024-06-30   # the middle of the generated history (2023-07 .. 2025-06)

while [ $# -gt 0 ]; do
    case "$1" in
        --n) N=$2; shift 2 ;;
        --n=*) N=${1#*=}; shift ;;
        --runs) RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#*=}; shift ;;
        --out) OUT=$2; shift 2 ;;
        --out=*) OUT=${1#*=}; shift ;;
        --steps) STEPS=$2; shift 2 ;;
        --steps=*) STEPS=${1#*=}; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (allowed: --n ROWS, --runs R, --out DIR, --steps LIST)" >&2; exit 2 ;;
    esac
done
case "$N" in ''|*[!0-9]*) echo "run.sh: --n '$N': not a whole number of rows" >&2; exit 2 ;; esac
case "$RUNS" in ''|*[!0-9]*|0) echo "run.sh: --runs '$RUNS': not a positive whole number" >&2; exit 2 ;; esac
for s in $STEPS; do
    case "$s" in [1-6]) ;; *) echo "run.sh: --steps '$STEPS': steps are 1 to 6" >&2; exit 2 ;; esac
done
step() { case " $STEPS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
[ "$RUNS" -ge 3 ] || echo "run.sh: note: --runs $RUNS; the published figures use at least 3" >&2

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCHES=$ROOT/benches
cd "$ROOT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
DATA=$OUT/data
WORK=$OUT/work
RESULTS=$OUT/results.jsonl
META=$OUT/meta.json
LOG=$OUT/stderr.log
mkdir -p "$DATA" "$WORK"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "$STEPS" = "1 2 3 4 5 6" ] || [ ! -f "$RESULTS" ]; then
    : > "$RESULTS"
else
    python3 "$BENCHES/report.py" --drop-steps "$RESULTS" $STEPS
fi
: > "$LOG"

say() { printf '\n== %s\n' "$*"; }

# --- tools ------------------------------------------------------------------
apt_install() {
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "installing $* (apt-get)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
command -v sqlite3 >/dev/null || apt_install sqlite3
[ -x /usr/bin/time ] || apt_install time
if command -v sqlite-utils >/dev/null; then
    SQLITE_UTILS=$(command -v sqlite-utils)
else
    SQLITE_UTILS=$OUT/venv/bin/sqlite-utils
    if [ ! -x "$SQLITE_UTILS" ]; then
        echo "installing sqlite-utils into $OUT/venv (PyPI)"
        python3 -m venv "$OUT/venv"
        "$OUT/venv/bin/pip" install -q sqlite-utils
    fi
fi

say "cargo build --release"
cargo build --release
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/policy-track
export POLICY_TRACK_TODAY=$TODAY
unset POLICY_TRACK_DB

# --- data -------------------------------------------------------------------
MEASURES=$DATA/measures-$N.csv
UPDATES=$DATA/updates-$N.csv
SLICED=$DATA/measures-$N-head$SLICE.csv
say "data (N=$N, seed $SEED)"
if [ -s "$MEASURES" ] && [ -s "$UPDATES" ] && [ -s "$SLICED" ] && [ -f "$DATA/.seed-$N-$SEED" ]; then
    echo "reusing $DATA (delete it to regenerate)"
else
    rm -f "$DATA/.seed-$N-"*
    python3 "$BENCHES/gen_data.py" --n "$N" --slice "$SLICE" --seed "$SEED" --out "$DATA"
    touch "$DATA/.seed-$N-$SEED"
fi
UPDATE_ROWS=$(($(wc -l < "$UPDATES") - 1))
SLICE_ROWS=$(($(wc -l < "$SLICED") - 1))

# --- helpers ----------------------------------------------------------------
FAILED=0
# measure LABEL COMMAND...: one timed run (stdout discarded, stderr to the log).
measure() {
    local label=$1; shift
    python3 "$BENCHES/timeit.py" "$RESULTS" "$label" "$LOG" -- "$@" || FAILED=1
}
# fresh DB: remove a database and its WAL files.
fresh() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }
# copy_db FROM TO: a byte copy of a closed database (no WAL left behind),
# flushed to disk, so that the timed command's first fsync does not pay for
# writing back the copy.
copy_db() { fresh "$2"; cp "$1" "$2"; sync "$2"; }
pt_init() { "$BIN" --db "$1" --quiet init >/dev/null 2>>"$LOG" || true; }

LOADED=$WORK/loaded-measures.db   # after step 1
FULL=$WORK/loaded-full.db         # after step 3: measures and their updates
RUN_DB=$WORK/run.db
# The first measure of meeting bm-25 (its code's width depends on N).
TARGET=$(awk -F, '$1 == "bm-25" { print $4; exit }' "$MEASURES")

if step 1; then
say "1. policy-track import of $N measures rows into a fresh database"
for i in $(seq "$RUNS"); do
    fresh "$RUN_DB"; pt_init "$RUN_DB"
    measure "pt import measures" "$BIN" --db "$RUN_DB" import "$MEASURES"
done
fresh "$LOADED"; mv "$RUN_DB" "$LOADED"; rm -f "$RUN_DB-wal" "$RUN_DB-shm"
[ -s "$LOADED" ] || pt_init "$LOADED"
fi

if step 2; then
say "2. sqlite3 .import --csv of the same file into a fresh database (floor)"
for i in $(seq "$RUNS"); do
    fresh "$RUN_DB"
    measure "sqlite3 .import measures" sqlite3 "$RUN_DB" ".import --csv $MEASURES measures"
done
fi

if step 3; then
say "3. updates: policy-track import of $UPDATE_ROWS rows into the db of step 1; sqlite3 .import (floor)"
for i in $(seq "$RUNS"); do
    copy_db "$LOADED" "$RUN_DB"
    measure "pt import updates" "$BIN" --db "$RUN_DB" import "$UPDATES"
done
fresh "$FULL"; mv "$RUN_DB" "$FULL"; rm -f "$RUN_DB-wal" "$RUN_DB-shm"
for i in $(seq "$RUNS"); do
    fresh "$RUN_DB"
    measure "sqlite3 .import updates" sqlite3 "$RUN_DB" ".import --csv $UPDATES status_updates"
done
fi

if step 4; then
say "4. reports on the loaded database (today $TODAY)"
for i in $(seq "$RUNS"); do
    measure "pt report summary" "$BIN" --db "$FULL" report summary
    measure "pt report summary --as-of" "$BIN" --db "$FULL" report summary --as-of "$AS_OF"
    measure "pt report overdue" "$BIN" --db "$FULL" report overdue
done
fi

if step 5; then
say "5. one add-measure and one update-status vs one INSERT through sqlite3 (each on a fresh copy)"
PRAGMAS="PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
INSERT_MEASURE="$PRAGMAS INSERT INTO measures (code, meeting_id, title, category_id, lead_ministry_id, due_date, status, created_at, updated_at) VALUES ('bm-25-999999', (SELECT id FROM meetings WHERE code = 'bm-25'), '벤치마크 추가 과제', (SELECT id FROM categories WHERE code = 'infrastructure'), (SELECT id FROM agencies WHERE code = 'MSIT'), '2025-12-31', 'planned', datetime('now'), datetime('now'));"
INSERT_UPDATE="$PRAGMAS INSERT INTO status_updates (measure_id, status, progress, reported_on, reported_by_id, note, recorded_at) VALUES ((SELECT id FROM measures WHERE code = '$TARGET'), 'in-progress', 50, '2025-07-01', (SELECT id FROM agencies WHERE code = 'MSIT'), '벤치마크 보고', datetime('now'));"
for i in $(seq "$RUNS"); do
    copy_db "$FULL" "$RUN_DB"
    measure "pt add-measure" "$BIN" --db "$RUN_DB" add-measure --meeting bm-25 \
        --title '벤치마크 추가 과제' --category 인프라 --ministry 과기정통부 --due '2025년 하반기'
    copy_db "$FULL" "$RUN_DB"
    measure "sqlite3 INSERT measure" sqlite3 "$RUN_DB" "$INSERT_MEASURE"
    copy_db "$FULL" "$RUN_DB"
    measure "pt update-status" "$BIN" --db "$RUN_DB" update-status "$TARGET" \
        --status 추진중 --progress 50% --on 2025-07-01 --by 과기정통부 --note '벤치마크 보고'
    copy_db "$FULL" "$RUN_DB"
    measure "sqlite3 INSERT status_update" sqlite3 "$RUN_DB" "$INSERT_UPDATE"
done
fresh "$RUN_DB"
fi

if step 6; then
say "6. the first $SLICE_ROWS rows: policy-track import vs sqlite-utils insert --csv (fresh db each)"
for i in $(seq "$RUNS"); do
    fresh "$RUN_DB"; pt_init "$RUN_DB"
    measure "pt import slice" "$BIN" --db "$RUN_DB" import "$SLICED"
    fresh "$RUN_DB"
    measure "sqlite-utils insert slice" "$SQLITE_UTILS" insert "$RUN_DB" measures "$SLICED" --csv
done
fresh "$RUN_DB"
fi

# --- machine and tables -----------------------------------------------------
mib() { echo $(( ($(stat -c %s "$1") + 524288) / 1048576 )); }
python3 - "$META" <<EOF
import json, sys
meta = {
    "n": $N, "updates_rows": $UPDATE_ROWS, "slice_rows": $SLICE_ROWS, "runs": $RUNS, "seed": $SEED,
    "today": "$TODAY", "as_of": "$AS_OF", "steps": "$STEPS",
    "load_before": "$LOAD_BEFORE", "load_after": "$(cut -d' ' -f1-3 /proc/loadavg)",
    "measures_mib": $(mib "$MEASURES"), "updates_mib": $(mib "$UPDATES"),
    "nproc": "$(nproc)",
    "cpu": """$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')""",
    "memory": "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)",
    "os": """$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), $(uname -r)""",
    "policy_track": """$("$BIN" --version)""",
    "sqlite3": """$(sqlite3 --version | cut -d' ' -f1-2)""",
    "sqlite_utils": """$("$SQLITE_UTILS" --version | awk '{print $NF}')""",
}
json.dump(meta, open(sys.argv[1], "w"), ensure_ascii=False, indent=1)
EOF

say "results (also in $OUT/results.md; every run in $RESULTS; stderr of every run in $LOG)"
python3 "$BENCHES/report.py" "$RESULTS" "$META" | tee "$OUT/results.md"
if [ "$FAILED" -ne 0 ]; then
    echo "run.sh: some runs failed; see $LOG" >&2
    exit 1
fi
