#!/usr/bin/env bash
# Correspondence register benchmark: `tools/crm bench letters [N] [M] [NAIVE]`.
# A fresh private Akonadi with 1,000 counterparties and a journal of N
# letters (default 100,000); M filters by counterparty and by a month
# through the register's index beside the naive scan (NAIVE runs), then the
# cold crmctl paths: the journal of one counterparty, the card, and
# registering a letter with a 1 MB attachment.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N=${1:-100000}
M=${2:-200}
NAIVE=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Register benchmark: N=$N letters, M=$M filters, $NAIVE naive runs"
crm-directory-bench generate 1000 "$work/bench.csv"
crmctl counterparty import "$work/bench.csv" >/dev/null
crm-letter-bench generate "$N"
echo
crm-letter-bench query "$M" "$NAIVE"
echo

# cold RUNS LABEL CMD…: process start to exit, median and max over RUNS, peak memory.
cold() {
    local runs=$1 label=$2 times=() mem=0 s e m i
    shift 2
    for i in $(seq 1 "$runs"); do
        s=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$work/mem" "$@" >/dev/null
        e=$(date +%s%N)
        times+=($(((e - s) / 1000000)))
        m=$(cat "$work/mem")
        [ "$m" -gt "$mem" ] && mem=$m
    done
    local sorted
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    echo "| $label | median ${sorted[$((runs / 2))]} ms | max ${sorted[$((runs - 1))]} ms | peak $((mem / 1024)) MiB |"
}

phone=$(crm-directory-bench phone 7)
echo "cold crmctl runs (process start to exit, index files present):"
cold 10 "crmctl letter list --counterparty" crmctl letter list --counterparty "$phone"
cold 10 "crmctl card (with its latest letters)" crmctl card "$phone"
head -c 1048576 /dev/urandom >"$work/scan.pdf"
cold 5 "crmctl letter register, 1 MB attachment" crmctl letter register --direction incoming --counterparty "$phone" --kind Letter \
    --subject "Скан договору" --attach "$work/scan.pdf"
