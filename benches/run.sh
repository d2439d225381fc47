#!/usr/bin/env bash
# The policy-track benchmark: builds the release binary, generates deterministic
# synthetic data, times every step as whole processes (median of RUNS runs,
# peak RSS from /usr/bin/time -v) against sqlite3's own .import and a
# single-row INSERT, and prints the tables of BENCHMARKS.md.
#
# Usage: benches/run.sh [--n ROWS] [--runs R] [--out DIR] [--steps LIST] [--pg [--pg-url URL]]
#        benches/run.sh --baseline REV | --baseline-bin PATH [--n ROWS] [--runs R] [--report-runs R4]
#                       [--out DIR] [--steps LIST]
#   --n ROWS      measures rows (env N, default 1000000); the updates file has 3 × ROWS
#   --runs R      runs per step, median reported (env RUNS, default 3)
#   --out DIR     work directory (env OUT, default bench-out; gitignored)
#   --steps LIST  only these steps, e.g. "4 5" (env STEPS, default all: "1 2 3 4 5 6 7 8");
#                 steps 3 to 5 and 7 then reuse the databases an earlier run left
#                 in DIR/work, and the new runs replace theirs in DIR/results.jsonl;
#                 step 7 (SQLite alone writes the rows policy-track stored into a
#                 fresh database of its schema: what no import can beat) runs after
#                 each import run of steps 1 and 3 when they run too; step 8
#                 (a workbook against CSV: the measures of a database made from
#                 the generated file, exported by policy-track as .xlsx and as
#                 CSV, each imported into a fresh database) stands alone
#   --pg          the PostgreSQL backend instead (env BENCH_PG=1): built with
#                 --features postgres (into $CARGO_TARGET_DIR/postgres, or env
#                 BENCH_PG_TARGET_DIR), on a server of its own (cluster kept in
#                 DIR/pg-cluster, on 127.0.0.1:PORT, env BENCH_PG_PORT, default
#                 54330; default settings), floors through psql; default steps
#                 "1 2 3 4 5" (6: the slice import alone); results in DIR/pg-*;
#                 steps 3 to 5 reuse the databases pt_bench_loaded and
#                 pt_bench_full that an earlier run left on the server
#                 With env BENCH_PG_BIN=PATH, that binary (built with the
#                 postgres feature, e.g. an older commit's) is timed instead
#                 and nothing is built: run the same steps twice, once with
#                 each binary, for old against new on PostgreSQL
#   --pg-url URL  the same on this server instead (env BENCH_PG_URL, a URL that
#                 names a database, e.g. postgres://me@db:5432/postgres); the
#                 databases pt_bench_* are created and dropped on it
#   --baseline REV  old against new (env BENCH_BASELINE; SQLite only): the git
#                 revision REV, built with cargo build --release from its own
#                 copy of the tree (git archive into DIR/baseline/src; target
#                 dir DIR/baseline/target, or env BENCH_BASELINE_TARGET_DIR,
#                 seeded from this tree's target/release when it is new), and
#                 the current tree's binary run the same steps as interleaved
#                 pairs (the baseline's run, then the current one's, R pairs)
#                 on identical inputs, each on databases of its own schema (the
#                 two may differ by migrations): step 1 each import into a fresh
#                 copy of an empty database its own init made, step 3 each into
#                 a fresh copy of its own database of step 1, step 4 the reports
#                 of the default mode and report stale, report changes --since
#                 2025-04-01 (env SINCE) and --since 2023-07-01 (env
#                 SINCE_FIRST, the first day of the updates' history,
#                 HISTORY_START in gen_data.py), on its own database of step 3
#                 (steps 1 and 3 keep
#                 each binary's last database). Steps are 1, 3 and 4 (default
#                 all three). The table gives per step both medians, the median
#                 and range of the pair ratios current ÷ baseline, and both
#                 peak RSS; results in DIR/baseline-*. Neither binary may have a
#                 migration pending on its own database (checked before the first
#                 timed run)
#   --baseline-bin PATH  the same against a binary already built (env
#                 BENCH_BASELINE_BIN)
#   --report-runs R4  with a baseline, R4 pairs for each report of step 4
#                 (env REPORT_RUNS, default R): short runs need more pairs
#
# Installs what is missing: Debian's sqlite3 and time (apt-get), sqlite-utils
# (PyPI, into a venv under the work directory; not for a baseline); with --pg
# Debian's postgresql and time instead. Run from anywhere in the repo.
set -euo pipefail

N=${N:-1000000}
RUNS=${RUNS:-3}
REPORT_RUNS=${REPORT_RUNS:-}
OUT=${OUT:-bench-out}
STEPS=${STEPS:-}
PG=${BENCH_PG:-0}
PG_URL_GIVEN=${BENCH_PG_URL:-}
PG_PORT=${BENCH_PG_PORT:-54330}
BASELINE_REV=${BENCH_BASELINE:-}
BASELINE_BIN=${BENCH_BASELINE_BIN:-}
SLICE=100000
SEED=20230601
TODAY=2025-06-30   # POLICY_TRACK_TODAY: the reports' "today", so overdue figures are reproducible
AS_OF=2024-06-30   # the middle of the generated history (2023-07 .. 2025-06)
SINCE=${SINCE:-2025-04-01}   # report changes --since (baseline mode): the last quarter of the history
SINCE_FIRST=${SINCE_FIRST:-2023-07-01}   # and the first day of the updates' history (gen_data.py's HISTORY_START)

while [ $# -gt 0 ]; do
    case "$1" in
        --n) N=$2; shift 2 ;;
        --n=*) N=${1#*=}; shift ;;
        --runs) RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#*=}; shift ;;
        --report-runs) REPORT_RUNS=$2; shift 2 ;;
        --report-runs=*) REPORT_RUNS=${1#*=}; shift ;;
        --out) OUT=$2; shift 2 ;;
        --out=*) OUT=${1#*=}; shift ;;
        --steps) STEPS=$2; shift 2 ;;
        --steps=*) STEPS=${1#*=}; shift ;;
        --pg) PG=1; shift ;;
        --pg-url) PG=1; PG_URL_GIVEN=$2; shift 2 ;;
        --pg-url=*) PG=1; PG_URL_GIVEN=${1#*=}; shift ;;
        --baseline) BASELINE_REV=$2; shift 2 ;;
        --baseline=*) BASELINE_REV=${1#*=}; shift ;;
        --baseline-bin) BASELINE_BIN=$2; shift 2 ;;
        --baseline-bin=*) BASELINE_BIN=${1#*=}; shift ;;
        -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (allowed: --n ROWS, --runs R, --out DIR, --steps LIST, --pg, --pg-url URL, --baseline REV, --baseline-bin PATH, --report-runs R4)" >&2; exit 2 ;;
    esac
done
case "$PG" in 0|1) ;; *) echo "run.sh: BENCH_PG='$PG': 0 or 1" >&2; exit 2 ;; esac
if [ -n "$BASELINE_REV" ] && [ -n "$BASELINE_BIN" ]; then
    echo "run.sh: --baseline and --baseline-bin: one or the other" >&2; exit 2
fi
if [ -n "$BASELINE_REV$BASELINE_BIN" ]; then BASE=1; else BASE=0; fi
if [ "$BASE" = 1 ] && [ "$PG" = 1 ]; then
    echo "run.sh: --baseline and --baseline-bin time the SQLite backend only, not with --pg" >&2; exit 2
fi
if [ "$BASE" = 1 ]; then ALL_STEPS="1 3 4"; STEP_RANGE="1, 3 and 4"
elif [ "$PG" = 1 ]; then ALL_STEPS="1 2 3 4 5"; STEP_RANGE="1 to 6"
else ALL_STEPS="1 2 3 4 5 6 7 8"; STEP_RANGE="1 to 8"; fi
STEPS=${STEPS:-$ALL_STEPS}
case "$N" in ''|*[!0-9]*) echo "run.sh: --n '$N': not a whole number of rows" >&2; exit 2 ;; esac
case "$RUNS" in ''|*[!0-9]*|0) echo "run.sh: --runs '$RUNS': not a positive whole number" >&2; exit 2 ;; esac
if [ -n "$REPORT_RUNS" ] && [ "$BASE" = 0 ]; then
    echo "run.sh: --report-runs: only with --baseline or --baseline-bin" >&2; exit 2
fi
REPORT_RUNS=${REPORT_RUNS:-$RUNS}
case "$REPORT_RUNS" in *[!0-9]*|0) echo "run.sh: --report-runs '$REPORT_RUNS': not a positive whole number" >&2; exit 2 ;; esac
for s in $STEPS; do
    case "$BASE:$PG:$s" in 1:0:[134]|0:1:[1-6]|0:0:[1-8]) ;;
        *) echo "run.sh: --steps '$STEPS': steps are $STEP_RANGE" >&2; exit 2 ;;
    esac
done
in_steps() { case " $STEPS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
# step N: step N of the default mode (or of --pg) is to run; paired N: step N
# of the baseline mode is.
step() { [ "$BASE" = 0 ] && in_steps "$1"; }
paired() { [ "$BASE" = 1 ] && in_steps "$1"; }
if [ -n "$BASELINE_BIN" ]; then
    if [ ! -f "$BASELINE_BIN" ] || [ ! -x "$BASELINE_BIN" ]; then
        echo "run.sh: --baseline-bin '$BASELINE_BIN': not an executable file" >&2; exit 2
    fi
    BASELINE_BIN=$(cd "$(dirname "$BASELINE_BIN")" && pwd)/$(basename "$BASELINE_BIN")
fi
BASE_TARGET_GIVEN=${BENCH_BASELINE_TARGET_DIR:-}
case "$BASE_TARGET_GIVEN" in ''|/*) ;; *) BASE_TARGET_GIVEN=$PWD/$BASE_TARGET_GIVEN ;; esac
[ "$RUNS" -ge 3 ] || echo "run.sh: note: --runs $RUNS; the published figures use at least 3" >&2

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCHES=$ROOT/benches
cd "$ROOT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
DATA=$OUT/data
WORK=$OUT/work
if [ "$BASE" = 1 ]; then PREFIX=baseline-; elif [ "$PG" = 1 ]; then PREFIX=pg-; else PREFIX=; fi
RESULTS=$OUT/${PREFIX}results.jsonl
META=$OUT/${PREFIX}meta.json
LOG=$OUT/${PREFIX}stderr.log
mkdir -p "$DATA" "$WORK"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if [ "$STEPS" = "$ALL_STEPS" ] || [ ! -f "$RESULTS" ]; then
    : > "$RESULTS"
else
    read -r -a STEP_LIST <<< "$STEPS"
    python3 "$BENCHES/report.py" --drop-steps "$RESULTS" "${STEP_LIST[@]}"
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
[ -x /usr/bin/time ] || apt_install time
if [ "$PG" = 1 ]; then
    # shellcheck source=SCRIPTDIR/../.ci/pg-server.sh
    . "$ROOT/.ci/pg-server.sh"
    [ -n "$PG_URL_GIVEN" ] || pg_install
    command -v psql >/dev/null || apt_install postgresql-client
else
    command -v sqlite3 >/dev/null || apt_install sqlite3
    if [ "$BASE" = 1 ]; then
        SQLITE_UTILS=   # step 6 does not run
    elif command -v sqlite-utils >/dev/null; then
        SQLITE_UTILS=$(command -v sqlite-utils)
    else
        SQLITE_UTILS=$OUT/venv/bin/sqlite-utils
        if [ ! -x "$SQLITE_UTILS" ]; then
            echo "installing sqlite-utils into $OUT/venv (PyPI)"
            python3 -m venv "$OUT/venv"
            "$OUT/venv/bin/pip" install -q sqlite-utils
        fi
    fi
fi

if [ "$PG" = 1 ]; then
    if [ -n "${BENCH_PG_BIN:-}" ]; then
        [ -x "$BENCH_PG_BIN" ] || { echo "run.sh: BENCH_PG_BIN '$BENCH_PG_BIN': not an executable file" >&2; exit 2; }
        BIN=$(cd "$(dirname "$BENCH_PG_BIN")" && pwd)/$(basename "$BENCH_PG_BIN")
        say "timing $BIN (BENCH_PG_BIN; nothing built)"
    else
        PG_TARGET=${BENCH_PG_TARGET_DIR:-${CARGO_TARGET_DIR:-$ROOT/target}/postgres}
        say "cargo build --release --features postgres (target dir $PG_TARGET)"
        cargo build --release --features postgres --target-dir "$PG_TARGET"
        BIN=$PG_TARGET/release/policy-track
    fi
else
    say "cargo build --release"
    cargo build --release
    BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release/policy-track
fi
if [ -n "$BASELINE_REV" ]; then
    BASE_COMMIT=$(git rev-parse --verify --quiet "$BASELINE_REV^{commit}") || {
        echo "run.sh: --baseline '$BASELINE_REV': not a revision of this repository" >&2; exit 2; }
    BASE_DIR=$OUT/baseline
    BASE_SRC=$BASE_DIR/src
    BASE_TARGET=${BASE_TARGET_GIVEN:-$BASE_DIR/target}
    mkdir -p "$BASE_DIR"
    say "cargo build --release of $BASELINE_REV (${BASE_COMMIT:0:10}; tree in $BASE_SRC, target dir $BASE_TARGET)"
    if [ "$(cat "$BASE_DIR/src.commit" 2>/dev/null)" != "$BASE_COMMIT" ]; then
        rm -rf "$BASE_SRC"
        mkdir -p "$BASE_SRC"
        # -m: the files dated now, so that cargo rebuilds what differs from the last baseline.
        git archive "$BASE_COMMIT" | tar -x -m -C "$BASE_SRC"
        echo "$BASE_COMMIT" > "$BASE_DIR/src.commit"
    fi
    CURRENT_RELEASE=${CARGO_TARGET_DIR:-$ROOT/target}/release
    if [ ! -e "$BASE_TARGET/release" ] && [ -d "$CURRENT_RELEASE" ]; then
        # A copy of the current tree's release build: cargo then compiles
        # only the baseline's own crate and what its Cargo.lock changes.
        echo "seeding $BASE_TARGET/release with a copy of $CURRENT_RELEASE"
        mkdir -p "$BASE_TARGET"
        cp -a "$CURRENT_RELEASE" "$BASE_TARGET/"
    fi
    (cd "$BASE_SRC" && cargo build --release --target-dir "$BASE_TARGET")
    BASE_BIN=$BASE_TARGET/release/policy-track
    BASE_WHAT="$BASELINE_REV (${BASE_COMMIT:0:10}), built with cargo build --release"
elif [ -n "$BASELINE_BIN" ]; then
    BASE_BIN=$BASELINE_BIN
    BASE_WHAT=$BASE_BIN
fi
if [ "$BASE" = 1 ]; then
    CURRENT_WHAT="the tree at $(git rev-parse --short=10 HEAD)"
    # Uncommitted changes outside benches/ and the Markdown files: the binary may differ from HEAD's.
    [ -z "$(git status --porcelain --untracked-files=no -- . ':(exclude)benches' ':(exclude)*.md')" ] \
        || CURRENT_WHAT="$CURRENT_WHAT with uncommitted changes"
    CURRENT_WHAT="$CURRENT_WHAT, built with cargo build --release"
    # Runs of other binaries than these two are not paired with theirs.
    PAIR_KEY=$(sha256sum "$BASE_BIN" "$BIN" | awk '{print $1}' | tr '\n' ' ')
    if [ -s "$RESULTS" ] && [ "$(cat "$OUT/baseline-binaries" 2>/dev/null)" != "$PAIR_KEY" ]; then
        echo "run.sh: the runs in $RESULTS were of other binaries: not kept"
        : > "$RESULTS"
    fi
    echo "$PAIR_KEY" > "$OUT/baseline-binaries"
fi
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
STEPS_START=$SECONDS   # the timed steps start here (the builds and the data are done)
FAILED=0
# measure LABEL COMMAND...: one timed run (stdout discarded, stderr to the log).
measure() {
    local label=$1; shift
    python3 "$BENCHES/timeit.py" "$RESULTS" "$label" "$LOG" -- "$@" || FAILED=1
}
if [ "$PG" = 1 ]; then
    # --- PostgreSQL: the server, and databases instead of files ----------------
    if [ -n "$PG_URL_GIVEN" ]; then
        ADMIN_URL=$PG_URL_GIVEN
        SERVER="the server at $(printf '%s' "$ADMIN_URL" | sed -E 's#://([^:@/]*):[^@/]*@#://\1:***@#')"
    else
        say "PostgreSQL server (cluster in $OUT/pg-cluster, 127.0.0.1:$PG_PORT)"
        # shellcheck disable=SC2034 # read by pg_start and pg_stop
        PG_KEEP_DIR=$OUT/pg-cluster
        trap pg_stop EXIT
        pg_start "$PG_PORT"
        ADMIN_URL=$PG_URL
        SERVER="a server of its own on 127.0.0.1, default settings"
        # The server's CPU time, for timeit.py.
        BENCH_SERVER_PID=$(head -n 1 "$PGDATA/postmaster.pid")
        export BENCH_SERVER_PID
    fi
    # db_url NAME: the server's URL naming database NAME.
    db_url() {
        local base=${ADMIN_URL%%\?*} query=
        [ "$base" = "$ADMIN_URL" ] || query="?${ADMIN_URL#*\?}"
        printf '%s/%s%s' "${base%/*}" "$1" "$query"
    }
    PSQL=(psql -X -q -v ON_ERROR_STOP=1)
    admin() { PGOPTIONS="-c client_min_messages=warning" "${PSQL[@]}" -d "$ADMIN_URL" -c "$1" >/dev/null; }
    SERVER_VERSION=$("${PSQL[@]}" -At -d "$ADMIN_URL" -c "SHOW server_version")
    SERVER_VERSION_NUM=$("${PSQL[@]}" -At -d "$ADMIN_URL" -c "SHOW server_version_num")
    # A file-level copy (one checkpoint) rather than copying through the WAL.
    STRATEGY=
    [ "$SERVER_VERSION_NUM" -lt 150000 ] || STRATEGY=" STRATEGY = FILE_COPY"
    # fresh NAME: an empty database NAME.
    fresh() { admin "DROP DATABASE IF EXISTS $1 WITH (FORCE)"; admin "CREATE DATABASE $1"; }
    # copy_db FROM TO: TO is a copy of FROM, written to disk (CHECKPOINT), so
    # that the timed command does not pay for writing back the copy.
    copy_db() {
        admin "DROP DATABASE IF EXISTS $2 WITH (FORCE)"
        admin "CREATE DATABASE $2 TEMPLATE $1$STRATEGY"
        admin "CHECKPOINT"
    }
    # keep FROM TO: database FROM becomes TO.
    keep() { admin "DROP DATABASE IF EXISTS $2 WITH (FORCE)"; admin "ALTER DATABASE $1 RENAME TO $2"; }
    # settle NAME: statistics and visibility map as autovacuum leaves them a
    # minute after a large load; done here so that every run starts alike.
    settle() { "${PSQL[@]}" -d "$(db_url "$1")" -c "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null; }
    pt_init() { "$BIN" --db "$(db_url "$1")" --quiet init >/dev/null 2>>"$LOG" || true; }
    # floor_columns FILE: the columns of a table for FILE, named after its
    # header, all text (the table sqlite3 .import would create).
    floor_columns() { head -n 1 "$1" | tr -d '\r' | sed -E 's/([^,]+)/"\1" text/g'; }
    # floor TABLE FILE LABEL: psql's \copy of FILE into a new such table, timed.
    floor() {
        measure "psql \\copy $3" "${PSQL[@]}" -d "$(db_url "$FLOOR_DB")" \
            -c "CREATE TABLE $1 ($(floor_columns "$2"))" \
            -c "\\copy $1 FROM '$2' WITH (FORMAT csv, HEADER true)"
    }

    LOADED=pt_bench_loaded   # after step 1
    FULL=pt_bench_full       # after step 3: measures and their updates
    RUN_DB=pt_bench_run
    FLOOR_DB=pt_bench_floor
    # The first measure of meeting bm-25 (its code's width depends on N).
    TARGET=$(awk -F, '$1 == "bm-25" { print $4; exit }' "$MEASURES")

    floor_measures() { fresh "$FLOOR_DB"; floor measures "$MEASURES" measures; }
    if step 1; then
        say "1. policy-track import of $N measures rows into a fresh database$(step 2 && echo ", each run followed by one of step 2")"
        for _ in $(seq "$RUNS"); do
            fresh "$RUN_DB"; pt_init "$RUN_DB"
            measure "pt import measures" "$BIN" --db "$(db_url "$RUN_DB")" import "$MEASURES"
            if step 2; then floor_measures; fi
        done
        keep "$RUN_DB" "$LOADED"
        settle "$LOADED"
    fi

    if step 2 && ! step 1; then
        say "2. psql \\copy of the same file into a text table of a fresh database (floor)"
        for _ in $(seq "$RUNS"); do floor_measures; done
    fi
    if step 2; then admin "DROP DATABASE IF EXISTS $FLOOR_DB WITH (FORCE)"; fi

    if step 3; then
        say "3. updates: policy-track import of $UPDATE_ROWS rows into the db of step 1, each run followed by psql \\copy (floor)"
        for _ in $(seq "$RUNS"); do
            copy_db "$LOADED" "$RUN_DB"
            measure "pt import updates" "$BIN" --db "$(db_url "$RUN_DB")" import "$UPDATES"
            fresh "$FLOOR_DB"
            floor status_updates "$UPDATES" updates
        done
        keep "$RUN_DB" "$FULL"
        settle "$FULL"
        admin "DROP DATABASE IF EXISTS $FLOOR_DB WITH (FORCE)"
    fi

    if step 4; then
        say "4. reports on the loaded database (today $TODAY)"
        for _ in $(seq "$RUNS"); do
            measure "pt report summary" "$BIN" --db "$(db_url "$FULL")" report summary
            measure "pt report summary --as-of" "$BIN" --db "$(db_url "$FULL")" report summary --as-of "$AS_OF"
            measure "pt report overdue" "$BIN" --db "$(db_url "$FULL")" report overdue
        done
    fi

    if step 5; then
        say "5. one add-measure and one update-status vs one INSERT through psql (each on a fresh copy)"
        INSERT_MEASURE="INSERT INTO measures (code, meeting_id, title, category_id, lead_ministry_id, due_date, status, created_at, updated_at) VALUES ('bm-25-999999', (SELECT id FROM meetings WHERE code = 'bm-25'), '벤치마크 추가 과제', (SELECT id FROM categories WHERE code = 'infrastructure'), (SELECT id FROM agencies WHERE code = 'MSIT'), '2025-12-31', 'planned', LOCALTIMESTAMP, LOCALTIMESTAMP)"
        INSERT_UPDATE="INSERT INTO status_updates (measure_id, status, progress, reported_on, reported_by_id, note, recorded_at) VALUES ((SELECT id FROM measures WHERE code = '$TARGET'), 'in-progress', 50, '2025-07-01', (SELECT id FROM agencies WHERE code = 'MSIT'), '벤치마크 보고', LOCALTIMESTAMP)"
        for _ in $(seq "$RUNS"); do
            copy_db "$FULL" "$RUN_DB"
            measure "pt add-measure" "$BIN" --db "$(db_url "$RUN_DB")" add-measure --meeting bm-25 \
                --title '벤치마크 추가 과제' --category 인프라 --ministry 과기정통부 --due '2025년 하반기'
            copy_db "$FULL" "$RUN_DB"
            measure "psql INSERT measure" "${PSQL[@]}" -d "$(db_url "$RUN_DB")" -c "$INSERT_MEASURE"
            copy_db "$FULL" "$RUN_DB"
            measure "pt update-status" "$BIN" --db "$(db_url "$RUN_DB")" update-status "$TARGET" \
                --status 추진중 --progress 50% --on 2025-07-01 --by 과기정통부 --note '벤치마크 보고'
            copy_db "$FULL" "$RUN_DB"
            measure "psql INSERT status_update" "${PSQL[@]}" -d "$(db_url "$RUN_DB")" -c "$INSERT_UPDATE"
        done
        admin "DROP DATABASE IF EXISTS $RUN_DB WITH (FORCE)"
    fi

    if step 6; then
        say "6. the first $SLICE_ROWS rows: policy-track import into a fresh database"
        for _ in $(seq "$RUNS"); do
            fresh "$RUN_DB"; pt_init "$RUN_DB"
            measure "pt import slice" "$BIN" --db "$(db_url "$RUN_DB")" import "$SLICED"
        done
        admin "DROP DATABASE IF EXISTS $RUN_DB WITH (FORCE)"
    fi
else
    # --- SQLite: files ---------------------------------------------------------
    # fresh DB: remove a database and its WAL files.
    fresh() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }
    # copy_db FROM TO: a byte copy of a closed database (no WAL left behind),
    # flushed to disk, so that the timed command's first fsync does not pay for
    # writing back the copy.
    copy_db() { fresh "$2"; cp "$1" "$2"; sync "$2"; }
    # keep FROM TO: database FROM becomes TO (closed: no WAL left behind).
    keep() { fresh "$2"; mv "$1" "$2"; rm -f "$1-wal" "$1-shm"; }
    pt_init() { "$BIN" --db "$1" --quiet init >/dev/null 2>>"$LOG" || true; }

    LOADED=$WORK/loaded-measures.db   # after step 1
    FULL=$WORK/loaded-full.db         # after step 3: measures and their updates
    RUN_DB=$WORK/run.db
    # The first measure of meeting bm-25 (its code's width depends on N).
    TARGET=$(awk -F, '$1 == "bm-25" { print $4; exit }' "$MEASURES")

    # Step 7: sqlite3 alone writes the rows that policy-track stored into a
    # database of policy-track's schema, as an import does: one transaction,
    # the pragmas policy-track sets, the secondary indexes that its bulk load
    # drops dropped and built again at the end, every row through the
    # constraints (foreign keys, CHECKs, unique codes), but nothing parsed,
    # checked, normalized or looked up: the rows come ready from another
    # SQLite file. No import into this schema can be faster.
    LOWER_DB=$WORK/lower.db
    LOWER_SQL=$WORK/lower.sql
    CORES=$(nproc); [ "$CORES" -le 8 ] || CORES=8
    # lower_script DEST SRC KIND [bare]: writes LOWER_SQL, which copies into
    # DEST the rows of SRC that DEST lacks: all of them for KIND measures (DEST
    # a fresh database), for KIND updates the reports and the imports row an
    # updates import added, and the measures' current status it moved. With
    # bare, the indexes it drops are not built again: what the rows cost
    # without them.
    lower_script() {
        local dest=$1 src=$2 kind=$3 bare=${4:-} which
        # The indexes policy-track's bulk load drops (store::import::bulk_load):
        # for measures all secondary ones of both tables, for updates those of
        # status_updates and those of measures over the current status.
        if [ "$kind" = measures ]; then
            which="1"
        else
            which="m.tbl_name = 'status_updates' OR l.partial OR EXISTS (SELECT 1 FROM pragma_index_info(m.name) AS i WHERE i.name IN ('status', 'progress', 'status_date', 'updated_at'))"
        fi
        local indexes="FROM sqlite_master AS m JOIN pragma_index_list(m.tbl_name) AS l ON l.name = m.name
            WHERE m.type = 'index' AND m.tbl_name IN ('measures', 'status_updates') AND m.sql IS NOT NULL
              AND l.\"unique\" = 0 AND l.origin = 'c' AND ($which) ORDER BY m.rowid"
        local max_import max_report
        max_import=$(sqlite3 "$dest" "SELECT coalesce(max(id), 0) FROM imports")
        max_report=$(sqlite3 "$dest" "SELECT coalesce(max(id), 0) FROM status_updates")
        {
            echo "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;"
            echo "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"
            echo "ATTACH '$src' AS src;"
            echo "BEGIN IMMEDIATE;"
            sqlite3 "$dest" "SELECT 'DROP INDEX \"' || m.name || '\";' $indexes"
            echo "INSERT INTO imports SELECT * FROM src.imports WHERE id > $max_import;"
            if [ "$kind" = measures ]; then
                echo "INSERT INTO meetings SELECT * FROM src.meetings ORDER BY id;"
                echo "INSERT INTO measures SELECT * FROM src.measures ORDER BY id;"
            fi
            echo "INSERT INTO status_updates SELECT * FROM src.status_updates WHERE id > $max_report ORDER BY id;"
            if [ "$kind" = updates ]; then
                echo "UPDATE measures SET status = s.status, progress = s.progress, status_date = s.status_date,"
                echo "    updated_at = s.updated_at FROM src.measures AS s"
                echo "    WHERE s.id = measures.id AND s.updated_at <> measures.updated_at;"
            fi
            echo "PRAGMA temp_store = FILE; PRAGMA cache_size = -2048; PRAGMA threads = $CORES;"
            [ -n "$bare" ] || sqlite3 "$dest" "SELECT m.sql || ';' $indexes"
            echo "COMMIT;"
        } > "$LOWER_SQL"
    }
    # lower_measures SRC: step 7 for the measures, from SRC (loaded by step 1),
    # then the same without building the secondary indexes again.
    lower_measures() {
        fresh "$LOWER_DB"; pt_init "$LOWER_DB"
        lower_script "$LOWER_DB" "$1" measures
        measure "sqlite3 alone measures" sqlite3 "$LOWER_DB" ".read $LOWER_SQL"
        fresh "$LOWER_DB"; pt_init "$LOWER_DB"
        lower_script "$LOWER_DB" "$1" measures bare
        measure "sqlite3 alone measures, no indexes" sqlite3 "$LOWER_DB" ".read $LOWER_SQL"
    }
    # lower_updates SRC: step 7 for the updates, from SRC (loaded by step 3)
    # into a copy of the database of step 1, then the same without building
    # the dropped indexes again.
    lower_updates() {
        copy_db "$LOADED" "$LOWER_DB"
        lower_script "$LOWER_DB" "$1" updates
        measure "sqlite3 alone updates" sqlite3 "$LOWER_DB" ".read $LOWER_SQL"
        copy_db "$LOADED" "$LOWER_DB"
        lower_script "$LOWER_DB" "$1" updates bare
        measure "sqlite3 alone updates, no indexes" sqlite3 "$LOWER_DB" ".read $LOWER_SQL"
    }

    FLOOR_DB=$WORK/floor.db
    floor_measures() {
        fresh "$FLOOR_DB"
        measure "sqlite3 .import measures" sqlite3 "$FLOOR_DB" ".import --csv $MEASURES measures"
    }
    if step 1; then
        say "1. policy-track import of $N measures rows into a fresh database$(step 7 && echo ", each run followed by one of step 7")$(step 2 && echo " and one of step 2")"
        for _ in $(seq "$RUNS"); do
            fresh "$RUN_DB"; pt_init "$RUN_DB"
            measure "pt import measures" "$BIN" --db "$RUN_DB" import "$MEASURES"
            if step 7; then lower_measures "$RUN_DB"; fi
            if step 2; then floor_measures; fi
        done
        keep "$RUN_DB" "$LOADED"
        [ -s "$LOADED" ] || pt_init "$LOADED"
    fi

    if step 2 && ! step 1; then
        say "2. sqlite3 .import --csv of the same file into a fresh database (floor)"
        for _ in $(seq "$RUNS"); do floor_measures; done
    fi

    if step 3; then
        say "3. updates: policy-track import of $UPDATE_ROWS rows into the db of step 1, each run followed by$(step 7 && echo " one of step 7 and") sqlite3 .import (floor)"
        for _ in $(seq "$RUNS"); do
            copy_db "$LOADED" "$RUN_DB"
            measure "pt import updates" "$BIN" --db "$RUN_DB" import "$UPDATES"
            if step 7; then lower_updates "$RUN_DB"; fi
            fresh "$FLOOR_DB"
            measure "sqlite3 .import updates" sqlite3 "$FLOOR_DB" ".import --csv $UPDATES status_updates"
        done
        keep "$RUN_DB" "$FULL"
    fi
    fresh "$FLOOR_DB"

    if step 7 && ! step 1; then
        say "7. sqlite3 alone: the measures and reports of the db of step 1 into a fresh database of policy-track's schema"
        for _ in $(seq "$RUNS"); do lower_measures "$LOADED"; done
    fi
    if step 7 && ! step 3; then
        say "7. sqlite3 alone: what the updates import of step 3 added, into a copy of the db of step 1"
        for _ in $(seq "$RUNS"); do lower_updates "$FULL"; done
    fi
    fresh "$LOWER_DB"; rm -f "$LOWER_SQL"

    if step 4; then
        say "4. reports on the loaded database (today $TODAY)"
        for _ in $(seq "$RUNS"); do
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
        for _ in $(seq "$RUNS"); do
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
        for _ in $(seq "$RUNS"); do
            fresh "$RUN_DB"; pt_init "$RUN_DB"
            measure "pt import slice" "$BIN" --db "$RUN_DB" import "$SLICED"
            fresh "$RUN_DB"
            measure "sqlite-utils insert slice" "$SQLITE_UTILS" insert "$RUN_DB" measures "$SLICED" --csv
        done
        fresh "$RUN_DB"
    fi

    if step 8; then
        say "8. the same $N measures as a workbook and as CSV, both written by policy-track: import into a fresh db each"
        XLSX_DB=$WORK/xlsx-source.db
        fresh "$XLSX_DB"; pt_init "$XLSX_DB"
        "$BIN" --db "$XLSX_DB" --quiet import "$MEASURES" >/dev/null
        "$BIN" --db "$XLSX_DB" --quiet export measures -o "$WORK/measures.xlsx"
        "$BIN" --db "$XLSX_DB" --quiet export measures -o "$WORK/measures-export.csv"
        fresh "$XLSX_DB"
        for _ in $(seq "$RUNS"); do
            fresh "$RUN_DB"; pt_init "$RUN_DB"
            measure "pt import measures.xlsx" "$BIN" --db "$RUN_DB" import "$WORK/measures.xlsx"
            fresh "$RUN_DB"; pt_init "$RUN_DB"
            measure "pt import measures-export.csv" "$BIN" --db "$RUN_DB" import "$WORK/measures-export.csv"
        done
        fresh "$RUN_DB"
    fi

    # --- baseline mode: each run a pair, the baseline's then the current one's --
    # pair_import WHAT START FILE: the import of FILE by each binary in turn,
    # each into its own fresh copy of START; the current one's stays in RUN_DB.
    # Each binary works on databases of its own schema, made by its own
    # init and imports ("${DB%.db}-baseline.db" for the baseline's), so that
    # the two may differ by migrations (a change of the schema is measured
    # with its cost).
    bdb() { echo "${1%.db}-baseline.db"; }
    RUN_BASE_DB=$(bdb "$RUN_DB")
    pair_import() {
        copy_db "$(bdb "$2")" "$RUN_BASE_DB"
        measure "baseline import $1" "$BASE_BIN" --db "$RUN_BASE_DB" import "$3"
        copy_db "$2" "$RUN_DB"
        measure "pt import $1" "$BIN" --db "$RUN_DB" import "$3"
    }
    # pair_report NAME ARGS...: the report by each binary in turn, on FULL.
    pair_report() {
        local name=$1; shift
        measure "baseline report $name" "$BASE_BIN" --db "$(bdb "$FULL")" report "$@"
        measure "pt report $name" "$BIN" --db "$FULL" report "$@"
    }
    # needs DB STEP: DB, which step STEP leaves, is there.
    needs() {
        [ -s "$1" ] || { echo "run.sh: $1 is missing: run step $2 first" >&2; exit 1; }
    }
    # keep_pair DB: each binary's last run database becomes its DB.
    keep_pair() { keep "$RUN_DB" "$1"; keep "$RUN_BASE_DB" "$(bdb "$1")"; }
    # needs_pair DB STEP: each binary's DB, which step STEP leaves, is there.
    needs_pair() { needs "$1" "$2"; needs "$(bdb "$1")" "$2"; }
    # warm FILE...: read once, so that no timed run pays for reading from disk.
    warm() { cat "$@" > /dev/null; }
    EMPTY=$WORK/empty.db
    if [ "$BASE" = 1 ]; then
        say "baseline: $BASE_WHAT"
        # An empty database of each binary's own schema, made by its init;
        # neither may have a migration pending (it would run in every timed
        # run).
        fresh "$EMPTY"; pt_init "$EMPTY"
        fresh "$(bdb "$EMPTY")"
        "$BASE_BIN" --db "$(bdb "$EMPTY")" --quiet init >/dev/null 2>>"$LOG" || true
        "$BIN" --db "$EMPTY" db status > "$WORK/migrations-current.txt" 2>>"$LOG"
        if ! "$BASE_BIN" --db "$(bdb "$EMPTY")" db status > "$WORK/migrations-baseline.txt" 2>>"$LOG" \
            || grep -q pending "$WORK/migrations-current.txt" "$WORK/migrations-baseline.txt"; then
            echo "run.sh: a binary cannot open its own empty database, or has migrations pending:" >&2
            cat "$WORK/migrations-baseline.txt" "$WORK/migrations-current.txt" >&2 || true
            tail -n 3 "$LOG" >&2
            exit 1
        fi
        echo "schemas: baseline $(tail -n 1 "$WORK/migrations-baseline.txt" | awk '{print $2}'), current $(tail -n 1 "$WORK/migrations-current.txt" | awk '{print $2}')"
        rm -f "$WORK/migrations-current.txt" "$WORK/migrations-baseline.txt"
    fi
    if paired 1; then
        say "1. pairs: the import of $N measures rows by each binary, each into a fresh copy of one database made by init"
        warm "$MEASURES" "$EMPTY" "$(bdb "$EMPTY")"
        for _ in $(seq "$RUNS"); do pair_import measures "$EMPTY" "$MEASURES"; done
        keep_pair "$LOADED"
    fi
    if paired 3; then
        say "3. pairs: the import of $UPDATE_ROWS updates rows by each binary, each into a fresh copy of the db of step 1"
        needs_pair "$LOADED" 1
        warm "$UPDATES" "$LOADED" "$(bdb "$LOADED")"
        for _ in $(seq "$RUNS"); do pair_import updates "$LOADED" "$UPDATES"; done
        keep_pair "$FULL"
    fi
    if paired 4; then
        say "4. pairs: reports on the db of step 3 (today $TODAY)"
        needs_pair "$FULL" 3
        warm "$FULL" "$(bdb "$FULL")"
        for _ in $(seq "$REPORT_RUNS"); do
            pair_report summary summary
            pair_report "summary --as-of" summary --as-of "$AS_OF"
            pair_report overdue overdue
            pair_report stale stale
            pair_report "changes --since" changes --since "$SINCE"
            pair_report "changes --since first" changes --since "$SINCE_FIRST"
        done
    fi
    if [ "$BASE" = 1 ]; then
        fresh "$EMPTY"; fresh "$RUN_DB"; fresh "$(bdb "$EMPTY")"; fresh "$RUN_BASE_DB"
    fi
fi

# --- machine and tables -----------------------------------------------------
mib() { echo $(( ($(stat -c %s "$1") + 524288) / 1048576 )); }
if [ "$BASE" = 1 ]; then
    BACKEND_META="\"backend\": \"sqlite\",
    \"sqlite3\": \"\"\"$(sqlite3 --version | cut -d' ' -f1-2)\"\"\",
    \"baseline\": \"\"\"$BASE_WHAT\"\"\", \"baseline_version\": \"\"\"$("$BASE_BIN" --version)\"\"\",
    \"current\": \"\"\"$CURRENT_WHAT\"\"\", \"since\": \"$SINCE\", \"since_first\": \"$SINCE_FIRST\",
    \"duration_s\": $SECONDS, \"steps_s\": $((SECONDS - STEPS_START)),"
elif [ "$PG" = 1 ]; then
    BACKEND_META="\"backend\": \"postgresql\", \"server_version\": \"\"\"$SERVER_VERSION\"\"\",
    \"server\": \"\"\"$SERVER\"\"\", \"psql\": \"\"\"$(psql --version | awk '{print $3}')\"\"\","
else
    BACKEND_META="\"backend\": \"sqlite\",
    \"sqlite3\": \"\"\"$(sqlite3 --version | cut -d' ' -f1-2)\"\"\",
    \"sqlite_utils\": \"\"\"$("$SQLITE_UTILS" --version | awk '{print $NF}')\"\"\","
fi
python3 - "$META" <<PY
import json, sys
meta = {
    "n": $N, "updates_rows": $UPDATE_ROWS, "slice_rows": $SLICE_ROWS, "runs": $RUNS, "seed": $SEED,
    "report_runs": $REPORT_RUNS,
    "today": "$TODAY", "as_of": "$AS_OF", "steps": "$STEPS",
    "load_before": "$LOAD_BEFORE", "load_after": "$(cut -d' ' -f1-3 /proc/loadavg)",
    "measures_mib": $(mib "$MEASURES"), "updates_mib": $(mib "$UPDATES"),
    "nproc": "$(nproc)",
    "cpu": """$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')""",
    "memory": "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)",
    "os": """$(# shellcheck disable=SC1091
               . /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), $(uname -r)""",
    "policy_track": """$("$BIN" --version)""",
    $BACKEND_META
}
json.dump(meta, open(sys.argv[1], "w"), ensure_ascii=False, indent=1)
PY

say "results (also in $OUT/${PREFIX}results.md; every run in $RESULTS; stderr of every run in $LOG)"
python3 "$BENCHES/report.py" "$RESULTS" "$META" | tee "$OUT/${PREFIX}results.md"
if [ "$FAILED" -ne 0 ]; then
    echo "run.sh: some runs failed; see $LOG" >&2
    exit 1
fi
