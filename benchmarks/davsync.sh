#!/usr/bin/env bash
# DAV sync benchmark: `tools/crm bench davsync [N] [T]`.
# N counterparties (10,000) with 3 contact persons each and T tasks (50,000)
# through a CalDAV/CardDAV server and back, as two employees' machines see
# them:
#   A: an empty Akonadi with a DAV account on an empty Radicale (loopback):
#      `crmctl counterparty import` of a generated file and the generated
#      tasks (crm-task-bench generate), each until the DAV resource has put
#      every record on the server; then Radicale's files are counted.
#   B: a second empty Akonadi with a DAV account on the same server: the time
#      from adding the account until B's Akonadi holds every record.
# Beside it, in the same run, the baseline: the same data imported from the
# file and generated into the private Akonadi of tools/crm (local vCard and
# iCal folders). Peak memory (VmHWM) of each machine's Akonadi server and
# resources, sampled every half second.
# Both machines run autotests/akonadi/second-akonadi.sh (as in davteamtest),
# with the stand-in wallet (fakekwallet) holding the password and davsetup
# adding the account, as the DAV tests do.
set -euo pipefail
N=${1:-10000}
T=${2:-50000}
src=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/davsync-XXXXXX)
sampler=
radicale=
cleanup() {
    [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
    [ -n "$radicale" ] && kill "$radicale" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

records=$((N * 4))
echo "== DAV sync benchmark: $N counterparties + $((N * 3)) contact persons + $T tasks ($((records + T)) records)"
crm-directory-bench generate "$N" "$work/import.csv"

# --- Radicale on loopback, an empty account with two address books and a calendar
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "crm:secret" >"$work/users"
cat >"$work/radicale.conf" <<EOF
[server]
hosts = 127.0.0.1:$port
[auth]
type = htpasswd
htpasswd_filename = $work/users
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = $work/collections
[web]
type = none
[logging]
level = warning
EOF
python3 -m radicale --config "$work/radicale.conf" >"$work/radicale.log" 2>&1 &
radicale=$!
home="http://127.0.0.1:$port/crm/"
python3 - "$home" <<'PY'
import sys, time, requests
home = sys.argv[1]
s = requests.Session()
s.auth = ("crm", "secret")
for _ in range(100):
    try:
        s.request("PROPFIND", home, headers={"Depth": "0"})
        break
    except requests.ConnectionError:
        time.sleep(0.1)
book = '<?xml version="1.0"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype><D:collection/><C:addressbook/></D:resourcetype><D:displayname>%s</D:displayname></D:prop></D:set></D:mkcol>'
cal = '<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>Kontact CRM</D:displayname><C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>'
for name, method, body in (("counterparties", "MKCOL", book % "Counterparties"), ("employees", "MKCOL", book % "Employees"), ("crm", "MKCALENDAR", cal)):
    r = s.request(method, home + name + "/", data=body.encode(), headers={"Content-Type": "application/xml"})
    assert r.status_code == 201, (name, r.status_code, r.text)
PY
server_files() { find "$work/collections/collection-root/crm/$1" -maxdepth 1 -type f ! -name '.*' | wc -l; }

# --- Peak memory of the Akonadi servers and resources started from now on
# (the private Akonadi of tools/crm, already running, is left out until the baseline).
start_sampler() { # OUT [INCLUDE_RUNNING]
    python3 - "$1" "${2:-}" <<'PY' &
import os, sys, time, json
out, include = sys.argv[1], sys.argv[2] == "all"
# /proc/PID/comm keeps 15 characters: "akonadi_davgrou" for the DAV resource.
names = ("akonadi", "postgres", "mysqld")
def procs():
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                name = open(f"/proc/{pid}/comm").read().strip()
            except OSError:
                continue
            if name.startswith(names):
                yield int(pid), name
before = set() if include else {pid for pid, _ in procs()}
peak = {}
while True:
    for pid, name in procs():
        if pid in before:
            continue
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmHWM:"):
                    kb = int(line.split()[1])
                    key = f"{name}[{pid}]"
                    peak[key] = max(peak.get(key, 0), kb)
        except OSError:
            pass
    with open(out + ".part", "w") as f:
        json.dump(peak, f)
    os.replace(out + ".part", out)
    time.sleep(0.5)
PY
    sampler=$!
}
stop_sampler() {
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    sampler=
}
memory() { # FILE: "server X MiB, resources Y MiB"
    python3 - "$1" <<'PY'
import json, sys
peak = json.load(open(sys.argv[1]))
server = sum(v for k, v in peak.items() if k.startswith(("akonadiserver", "postgres", "mysqld")))
resources = sum(v for k, v in peak.items() if k.startswith("akonadi_") and not k.startswith("akonadi_control"))
print(f"server {server // 1024} MiB, resources {resources // 1024} MiB")
PY
}

machine() { # NAME SCRIPT: runs SCRIPT (bash) on a machine of its own with the account's wallet
    local dir="$work/$1"
    mkdir -p "$dir"
    cat >"$dir/run.sh" <<EOF
set -euo pipefail
fakekwallet secret >"$dir/wallet.out" 2>/dev/null &
wallet=\$!
trap 'kill \$wallet 2>/dev/null || true' EXIT
while ! grep -q ready "$dir/wallet.out" 2>/dev/null; do sleep 0.05; done
$2
EOF
    # QtKeychain asks KWallet (the stand-in) first only on Plasma.
    XDG_CURRENT_DESKTOP=KDE KDE_SESSION_VERSION=6 QT_LOGGING_RULES='*.debug=false;*.info=false;*.warning=false' \
        "$src/autotests/akonadi/second-akonadi.sh" "$dir/home" bash "$dir/run.sh"
}
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }
rate() { python3 -c "import sys; print(f'{int(sys.argv[1]) / max(float(sys.argv[2]), 0.001):.0f}')" "$1" "$2"; }

# --- A: import and generate onto the server
start_sampler "$work/mem-a"
machine a "
davsetup '$home' crm Counterparties Employees 'Kontact CRM' >/dev/null
s=\$(date +%s.%N)
crmctl counterparty import --json '$work/import.csv' >'$work/a-import.json' 2>'$work/a-import.err' || true
m=\$(date +%s.%N)
crm-task-bench generate '$T' >'$work/a-tasks.out' 2>&1 || true
e=\$(date +%s.%N)
echo \"\$s \$m \$e\" >'$work/a-times'
"
stop_sampler
read -r a0 a1 a2 <"$work/a-times"
on_server_cards=$(server_files counterparties)
on_server_tasks=$(server_files crm)
printf '| %-45s | %9s | %9s | %-34s | %s |\n' "step" "records" "time s" "Akonadi peak (VmHWM)" "records/s"
printf '|%s|%s|%s|%s|%s|\n' "-----------------------------------------------" "-----------" "-----------" "------------------------------------" "-----------"
mem_a=$(memory "$work/mem-a")
printf '| %-45s | %9s | %9s | %-34s | %s |\n' "A: import to the DAV server (vCards)" "$records" "$(elapsed "$a0" "$a1")" "" "$(rate "$records" "$(elapsed "$a0" "$a1")")"
printf '| %-45s | %9s | %9s | %-34s | %s |\n' "A: tasks to the DAV server (VTODOs)" "$T" "$(elapsed "$a1" "$a2")" "$mem_a" "$(rate "$T" "$(elapsed "$a1" "$a2")")"
echo "on the server: $on_server_cards of $records vCards, $on_server_tasks of $T tasks"

# --- B: an empty machine reads everything from the server
start_sampler "$work/mem-b"
machine b "
s=\$(date +%s.%N)
davsetup '$home' crm Counterparties Employees 'Kontact CRM' >/dev/null
# Read every collection now (the resource's own interval is 5 minutes).
dbus-send --session --dest=org.freedesktop.Akonadi.Resource.akonadi_davgroupware_resource_0 / org.freedesktop.Akonadi.Resource.synchronize || true
python3 - '$work/b/home/data/akonadi/akonadi.db' '$((records + T))' <<'PY'
import sqlite3, sys, time
db, want = sys.argv[1], int(sys.argv[2])
deadline = time.time() + 4 * 3600
have = 0
while time.time() < deadline:
    try:
        c = sqlite3.connect(f'file:{db}?mode=ro', uri=True, timeout=5)
        have = c.execute(\"select count(*) from PimItemTable where remoteId is not null and remoteId != ''\").fetchone()[0]
        c.close()
    except sqlite3.Error:
        pass
    if have >= want:
        break
    time.sleep(1)
print(have)
PY
e=\$(date +%s.%N)
echo \"\$s \$e\" >'$work/b-times'
" >"$work/b-count"
stop_sampler
read -r b0 b1 <"$work/b-times"
on_b=$(tail -1 "$work/b-count")
printf '| %-45s | %9s | %9s | %-34s | %s |\n' "B: empty Akonadi reads the account" "$on_b" "$(elapsed "$b0" "$b1")" "$(memory "$work/mem-b")" "$(rate "$on_b" "$(elapsed "$b0" "$b1")")"
kill "$radicale" 2>/dev/null || true
radicale=

# --- Baseline: the same data from files into the private Akonadi (local folders)
start_sampler "$work/mem-base" all
s=$(now)
crmctl counterparty import --json "$work/import.csv" >"$work/base-import.json" 2>"$work/base-import.err" || true
m=$(now)
crm-task-bench generate "$T" >"$work/base-tasks.out" 2>&1 || true
e=$(now)
sleep 1
stop_sampler
printf '| %-45s | %9s | %9s | %-34s | %s |\n' "baseline: import from the file (vCard folder)" "$records" "$(elapsed "$s" "$m")" "" "$(rate "$records" "$(elapsed "$s" "$m")")"
printf '| %-45s | %9s | %9s | %-34s | %s |\n' "baseline: tasks (iCal folder)" "$T" "$(elapsed "$m" "$e")" "$(memory "$work/mem-base")" "$(rate "$T" "$(elapsed "$m" "$e")")"
for f in a-import.err base-import.err; do
    [ -s "$work/$f" ] && { echo "$f:"; head -5 "$work/$f"; }
done
grep -h -i -E 'fail|error' "$work/a-tasks.out" "$work/base-tasks.out" | head -5 || true
