#!/usr/bin/env bash
# Counterparty card benchmark: `tools/crm bench timeline [N] [M] [K]`.
# N counterparties (3 contact persons each) and M interactions and events
# (5% recurring) in a fresh private Akonadi; K warm cards through the indexes
# beside the naive baseline (read every calendar item, filter), then the
# cold `crmctl card`.
set -euo pipefail
N=${1:-10000}
M=${2:-200000}
K=${3:-200}
NAIVE=${4:-3}
export CRM_NOW=${CRM_NOW:-2026-11-26T12:00:00}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Card benchmark: N=$N counterparties, M=$M interactions and events, K=$K cards"
crm-directory-bench generate "$N" "$work/bench.csv"
s=$(date +%s)
crmctl counterparty import "$work/bench.csv" >/dev/null
echo "imported $((N * 4)) vCards in $(($(date +%s) - s)) s"
crm-timeline-bench generate "$M"
echo
crm-timeline-bench card "$K" "$NAIVE"
echo
echo "cold crmctl card (process start to exit, index files present, 10 runs):"
times=()
mem=0
for i in $(seq 0 9); do
    phone=$(crm-directory-bench phone $(((i * 7919) % N)))
    s=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/card.mem" crmctl card "$phone" >/dev/null
    e=$(date +%s%N)
    times+=($(((e - s) / 1000000)))
    m=$(cat "$work/card.mem")
    [ "$m" -gt "$mem" ] && mem=$m
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "| cold crmctl card | median ${sorted[5]} ms | max ${sorted[9]} ms | peak $((mem / 1024)) MiB |"
