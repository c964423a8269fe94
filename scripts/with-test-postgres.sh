#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL server:
#
#   bash scripts/with-test-postgres.sh swift test --skip-build
#
# Starts a private server in a temporary folder, exports VIGIA_TEST_POSTGRES_URL
# (postgres://postgres@127.0.0.1:PORT/postgres), runs the command, then stops the server and
# removes the folder whatever the command's exit code, and exits with that code.
# Port: $VIGIA_TEST_PG_PORT (default 54329), or the next free one.
set -uo pipefail

if [ "$#" -eq 0 ]; then
    echo "uso: $0 <comando> [argumentos…]" >&2
    exit 2
fi

log() { echo "with-test-postgres: $*" >&2; }

# --- Find the PostgreSQL server binaries (highest installed version first, then PATH).
PG_BIN=""
for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then PG_BIN="$dir"; break; fi
done
if [ -z "$PG_BIN" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    PG_BIN="$(dirname "$(command -v initdb)")"
fi
if [ -z "$PG_BIN" ]; then
    log "PostgreSQL no está instalado (no se encontraron initdb ni pg_ctl)."
    log "Instálelo con: make deps"
    exit 1
fi
INITDB="$PG_BIN/initdb"
PG_CTL="$PG_BIN/pg_ctl"

# --- initdb and postgres refuse to run as root: run them as the postgres OS user.
as_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        log "se ejecuta como root pero no existe el usuario del sistema «postgres»; instale el servidor con: make deps"
        exit 1
    fi
    as_pg() { runuser -u postgres -- "$@"; }
fi

# --- A free port.
port_busy() {
    # Busy if something accepts connections on it, or a stale socket/lock of another server exists.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    [ -e "/tmp/.s.PGSQL.$1.lock" ] && return 0
    return 1
}
PORT="${VIGIA_TEST_PG_PORT:-54329}"
tries=0
while port_busy "$PORT"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 50 ]; then
        log "no hay un puerto libre entre ${VIGIA_TEST_PG_PORT:-54329} y $PORT."
        exit 1
    fi
    PORT=$((PORT + 1))
done

# --- Data folder, removed on exit whatever happens.
DIR="$(mktemp -d "${TMPDIR:-/tmp}/vigia-pg.XXXXXX")"
STARTED=0
cleanup() {
    if [ "$STARTED" -eq 1 ]; then
        as_pg "$PG_CTL" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
chmod 700 "$DIR"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; fi

# --- initdb: C.UTF-8 locale when the system has it, else C.
LOCALE=C
if locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then LOCALE=C.UTF-8; fi
if ! as_pg "$INITDB" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale="$LOCALE" >"$DIR/initdb.log" 2>&1; then
    if [ "$LOCALE" != C ]; then
        log "initdb falló con --locale=$LOCALE; se reintenta con --locale=C."
        rm -rf "$DIR/data"
        if ! as_pg "$INITDB" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1; then
            cat "$DIR/initdb.log" >&2; log "initdb falló."; exit 1
        fi
    else
        cat "$DIR/initdb.log" >&2; log "initdb falló."; exit 1
    fi
fi

# --- Start.
STARTED=1
if ! as_pg "$PG_CTL" -D "$DIR/data" -l "$DIR/server.log" \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" \
        -w start >/dev/null; then
    cat "$DIR/server.log" >&2 2>/dev/null
    log "el servidor PostgreSQL no arrancó en el puerto $PORT."
    exit 1
fi

export VIGIA_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
log "PostgreSQL de prueba en $VIGIA_TEST_POSTGRES_URL ($("$PG_BIN/postgres" --version 2>/dev/null || echo "$PG_BIN"))"

# --- Run the command; its exit code is ours.
"$@"
status=$?
exit "$status"
