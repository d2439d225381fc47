# A throwaway PostgreSQL server on loopback, for .ci/run and benches/run.sh.
# Source it, then:
#
#   pg_start PORT [SERVER OPTION...]   # e.g. pg_start 54329 -c fsync=off
#   trap pg_stop EXIT
#
# pg_start installs Debian's postgresql with apt-get when no initdb is found,
# creates a cluster in a new temporary directory (owned by the `postgres`
# user when run as root: the server refuses to run as root), trusts local
# connections, starts it on 127.0.0.1:PORT (its socket in the same
# directory) and sets PGBIN, PGDATA, PGPORT and PG_URL
# (postgres://postgres@127.0.0.1:PORT/postgres). pg_stop stops it and removes
# the directory. as_postgres CMD... runs a command as the server's user.
#
# With PG_KEEP_DIR=DIR the cluster lives in DIR instead: created there when
# DIR holds none, started again when it does, and kept by pg_stop (so that a
# later run finds its databases).

pg_install() {
    if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        return 0
    fi
    local sudo=
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    echo "installing postgresql (apt-get)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

as_postgres() {
    if [ "$(id -u)" -eq 0 ] && [ "$(id -un)" != postgres ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_start() {
    local port=$1
    shift
    pg_install
    PGBIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
    PGPORT=$port
    if [ -n "${PG_KEEP_DIR:-}" ]; then
        mkdir -p "$PG_KEEP_DIR"
        PGDATA=$(cd "$PG_KEEP_DIR" && pwd)
    else
        PGDATA=$(mktemp -d /tmp/policy-track-pg.XXXXXX)
    fi
    chmod 700 "$PGDATA"
    [ "$(id -u)" -ne 0 ] || chown postgres "$PGDATA"
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
        as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 \
            --no-instructions >/dev/null
    fi
    as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
        -o "-k $PGDATA -h 127.0.0.1 -p $PGPORT $*" start >/dev/null
    PG_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
}

pg_stop() {
    [ -n "${PGDATA:-}" ] || return 0
    if [ -n "${PG_KEEP_DIR:-}" ]; then
        as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
    else
        as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$PGDATA"
    fi
    PGDATA=
}
