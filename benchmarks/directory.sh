#!/usr/bin/env bash
# Counterparty directory benchmark: `tools/crm bench directory [N] [M]`.
# Runs against the private Akonadi that tools/crm starts (its own data folder
# under the build tree, emptied first). Prints the import rate, warm lookup
# times beside the naive baseline, the cold `crmctl card` and peak memory.
set -euo pipefail
N=${1:-10000}
M=${2:-200}
NAIVE=${3:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Directory benchmark: N=$N counterparties x 3 contact persons, M=$M lookups"
crm-directory-bench generate "$N" "$work/bench.csv"
records=$((N * 4))

start=$(date +%s.%N)
/usr/bin/time -f '%M' -o "$work/import.mem" crmctl counterparty import "$work/bench.csv" >"$work/import.out"
end=$(date +%s.%N)
cat "$work/import.out"
python3 -c "import sys; r, n, s, m = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[4]) - float(sys.argv[3]), int(sys.argv[5]); \
print(f'| import | {r} records ({n} counterparties + persons) | {s:.1f} s | {r / s:.0f} records/s | {n / s:.0f} counterparties/s | peak {m // 1024} MiB |')" \
    "$records" "$N" "$start" "$end" "$(cat "$work/import.mem")"

echo
crm-directory-bench lookup "$N" "$M" "$NAIVE"

echo
echo "cold crmctl card (process start to exit, index file present, 10 runs):"
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
