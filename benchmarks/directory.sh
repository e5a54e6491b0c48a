#!/usr/bin/env bash
# Counterparty directory benchmark: `tools/crm bench directory [N] [M]`.
# Runs against the private Akonadi that tools/crm starts (its own data folder
# under the build tree, emptied first). Prints the import rate, warm lookup
# times beside the naive baseline, the cold `crmctl card` and peak memory.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N=${1:-10000}
M=${2:-200}
NAIVE=${3:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Directory benchmark: N=$N counterparties x 3 contact persons, M=$M lookups"
crm-directory-bench generate "$N" "$work/bench.csv"
records=$((N * 4))

start=$(date +%s.%N)
sampled "$work/import.sampled" /usr/bin/time -f '%M' -o "$work/import.mem" crmctl counterparty import "$work/bench.csv" >"$work/import.out"
end=$(date +%s.%N)
cat "$work/import.out"
python3 -c "import sys; r, n, s, m = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[4]) - float(sys.argv[3]), int(sys.argv[5]); a, f = open(sys.argv[6]).read().split()[:2]; \
print(f'| import | {r} records ({n} counterparties + persons) | {s:.1f} s | {r / s:.0f} records/s | {n / s:.0f} counterparties/s | peak {m // 1024} MiB (private {a} MiB, mapped files {f} MiB) |')" \
    "$records" "$N" "$start" "$end" "$(cat "$work/import.mem")" "$work/import.sampled"

echo
crm-directory-bench lookup "$N" "$M" "$NAIVE"

echo
cold_card "$N" "$work" "cold crmctl card, no reminder agent (baseline: asks the server what changed)"

# The reminder agent keeps the directory index and vouches for its file
# (Crm::IndexKeeper): a cold card then skips the server's listing.
echo
crm-directory-bench keeper
cold_card "$N" "$work" "cold crmctl card, the reminder agent running"
