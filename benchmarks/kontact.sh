#!/usr/bin/env bash
# The plugin in Kontact: `tools/crm bench kontact [N] [T]`, against the
# private Akonadi tools/crm starts (emptied first): N counterparties with 3
# contact persons each and T tasks are stored, then Kontact is started under
# Xvfb (or on $DISPLAY) twice: without the CRM plugin and with it. Prints the
# plugin's first list after Kontact started, what building the task board
# of one kind costs, and Kontact's memory beside the same Kontact without
# the plugin.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/../tools/kontact-lib.sh"
N=${1:-10000}
T=${2:-50000}
work=$(mktemp -d)
trap 'stop_kontact; stop_display; rm -rf "$work"' EXIT
kontact_pid=

echo "== Kontact benchmark: N=$N counterparties x 3 contact persons, T=$T tasks"
crm-directory-bench generate "$N" "$work/bench.csv"
s=$(date +%s)
crmctl counterparty import "$work/bench.csv" >/dev/null
crm-task-bench generate "$T" | tail -n 1
echo "(stored in $(($(date +%s) - s)) s)"
# Deliveries have a cycle of their own (the default states): their board is
# the one-kind board measured.
cat >>"$XDG_CONFIG_HOME/kontactcrmrc" <<'INI'
[TaskCycle][delivery]
States=new|NEEDS-ACTION|0,accepted|NEEDS-ACTION|0,in-progress|IN-PROCESS|50,postponed|NEEDS-ACTION|0,done|COMPLETED|100|end,rejected|CANCELLED|0|end
Transitions=new>accepted,new>rejected,new>postponed,accepted>in-progress,accepted>postponed,accepted>rejected,in-progress>done,postponed>accepted
INI

start_display
ms_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
rss() { awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$kontact_pid/status"; }
hwm() { awk '/^VmHWM/ { print int($2 / 1024) }' "/proc/$kontact_pid/status"; }

start=$(date +%s.%N)
start_kontact --module kontact_crmplugin
wait_for 60 kontact_owned && wait_for 120 crm_ready || { echo "the CRM did not show within 120 s" >&2; tail -n 20 "$XDG_CACHE_HOME/kontact.log" >&2; exit 1; }
first_list=$(ms_since "$start")
listed=$(page count)
in_page=$(page firstListMs)
tasks() { dbus-send --session --print-reply=literal --dest=org.kde.kontact /CRM/Tasks "org.kde.kontactcrm.Tasks.$1" "${@:2}"; }
# The calendar index is read in the background: wait until the board has tasks.
wait_for 120 bash -c "dbus-send --session --print-reply=literal --dest=org.kde.kontact /CRM/Tasks org.kde.kontactcrm.Tasks.columns | grep -q '([1-9]'" || true
board=()
for kind in delivery '' delivery '' delivery; do
    s=$(date +%s.%N)
    tasks showBoardOfKind "string:$kind" >/dev/null
    board+=("$(ms_since "$s")")
done
columns=$(tasks showBoardOfKind string:delivery | tr -s ' \n' ' ')
sleep 3
with_rss=$(rss) with_hwm=$(hwm)
stop_kontact

# Without the plugin: the same Kontact, none of the build tree's plugins,
# started second so that neither run shows Kontact's first-start introduction.
QT_PLUGIN_PATH= start_kontact
wait_for 60 kontact_owned || { echo "Kontact did not start" >&2; exit 1; }
sleep 8 # let it settle as the other run did
if [ -n "${CRM_BENCH_SHOT:-}" ]; then import -window root "$CRM_BENCH_SHOT"; fi
without_rss=$(rss) without_hwm=$(hwm)
stop_kontact

echo
echo "| what | Kontact with the CRM | Kontact without it |"
echo "|---|---|---|"
echo "| first list of counterparties after Kontact started | $first_list ms ($listed rows; $in_page ms after the page was created) | |"
echo "| board of one kind built (D-Bus round trip, 5 runs, delivery and all alternating) | ${board[*]} ms | |"
echo "| memory (RSS) once shown | $with_rss MiB | $without_rss MiB |"
echo "| peak memory (VmHWM) | $with_hwm MiB | $without_hwm MiB |"
echo "delivery board: $columns"
