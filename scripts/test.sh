#!/usr/bin/env bash
# The tests of `make test`, inside a temporary folder of their own (TMPDIR), so every file a test
# writes — SQLite databases, data and mail folders, the throw-away PostgreSQL, the browsers'
# profiles — goes there. Then checks that no process a test started is still alive
# (scripts/check_leftovers.py) and removes the folder (kept, and named, when something failed).
#
#   bash scripts/test.sh PATH/TO/release/vigia
set -uo pipefail
cd "$(dirname "$0")/.."
BIN="$1"
SWIFT="${SWIFT:-swift}"
export TMPDIR="$(mktemp -d /tmp/vigia-pruebas.XXXXXX)"
# PostgreSQL runs as the postgres user: it must reach its own folder inside this one.
chmod 1777 "$TMPDIR"
status=0
bash scripts/with-test-postgres.sh bash -c '"$0" test --skip-build && python3 scripts/e2e/two_servers.py "$1"' "$SWIFT" "$BIN" || status=$?
if [ "$status" -eq 0 ]; then python3 scripts/e2e/new_office.py "$BIN" || status=$?; fi
if [ "$status" -eq 0 ]; then python3 scripts/e2e/closing.py "$BIN" || status=$?; fi
if [ "$status" -eq 0 ]; then python3 scripts/e2e/follow_up.py "$BIN" || status=$?; fi
python3 scripts/check_leftovers.py "$TMPDIR" || { [ "$status" -eq 0 ] && status=1; }
if [ "$status" -eq 0 ]; then
    rm -rf "$TMPDIR"
else
    echo "test: falló (código $status); los archivos de la corrida quedan en $TMPDIR" >&2
fi
exit "$status"
