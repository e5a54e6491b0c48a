#!/usr/bin/env bash
# autotests/akonadi/second-akonadi.sh HOME CMD [ARG…] — runs CMD against an
# Akonadi of its own, as on another machine: its own session bus, XDG folders
# under HOME, SQLite, no agents started by default. The server is stopped when
# CMD ends, also when CMD fails; the exit code is CMD's. For tests that need
# two employees' machines next to the isolated server of akonaditest.
set -euo pipefail

if [ "${1:-}" = "--inside" ]; then
    shift
    # akonadictl prints its status through Qt logging, on stderr.
    running() { QT_LOGGING_RULES='*=true' akonadictl status 2>&1 | grep 'Akonadi Server: running' >/dev/null; }
    stop() {
        akonadictl stop >/dev/null 2>&1 || true
        for _ in $(seq 1 100); do
            running || break
            sleep 0.1
        done
    }
    trap stop EXIT
    # On a loaded machine the server has taken over 30 s to come up, and
    # once it did not come up at all: asked again after a minute.
    for attempt in 1 2; do
        akonadictl start >>"$XDG_CACHE_HOME/akonadi-start.log" 2>&1 || true
        for _ in $(seq 1 300); do
            running && break
            sleep 0.2
        done
        running && break
    done
    running || {
        cat "$XDG_CACHE_HOME/akonadi-start.log" "$XDG_DATA_HOME"/akonadi/Akonadi.error* >&2 2>/dev/null
        echo "second-akonadi.sh: the server did not start" >&2
        exit 1
    }
    "$@"
    exit $?
fi

home=$1
shift
mkdir -p "$home/config/akonadi" "$home/data/akonadi" "$home/cache" "$home/runtime"
chmod 700 "$home/runtime"
export XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
    XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime"
unset AKONADI_INSTANCE AKONADI_TESTRUNNER_PID
export AKONADI_DISABLE_AGENT_AUTOSTART=true
printf '[ProcessedDefaults]\nbirthdaycalendar=none\ndefaultaddressbook=none\ndefaultcalendar=none\n' \
    >"$XDG_CONFIG_HOME/akonadi-firstrunrc"
printf '[%%General]\nDriver=QSQLITE\n\n[QSQLITE]\nName=%s/akonadi.db\n' \
    "$XDG_DATA_HOME/akonadi" >"$XDG_CONFIG_HOME/akonadi/akonadiserverrc"
exec dbus-run-session -- "$0" --inside "$@"
