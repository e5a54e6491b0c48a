#!/usr/bin/env bash
# Import benchmark: `tools/crm bench import [N] [BASELINE]`.
# `crmctl counterparty import` of a generated CSV file of N counterparties
# with 3 contact persons each (4N records) into an empty directory: the
# rate until the vCard resource has written every record to its file (the
# import reports a record only then), peak memory, CPU time, and the records
# not written. Beside it, in the same run, the baseline: the records of a
# file of BASELINE counterparties (N by default) stored as plain vCards in
# batches of 200 by a bare Akonadi client, waited for the same way
# (crm-import-bench plain).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N=${1:-10000}
B=${2:-$N}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Import benchmark: $((N * 4)) records ($N counterparties x 3 contact persons), baseline $((B * 4)) records"
crm-directory-bench generate "$N" "$work/import.csv"
echo "file: $(($(stat -c %s "$work/import.csv") / 1024)) KiB"
start=$(date +%s.%N)
rc=0
sampled "$work/import.sampled" /usr/bin/time -f '%M %U %S' -o "$work/import.time" crmctl counterparty import --json "$work/import.csv" >"$work/import.json" 2>"$work/import.err" || rc=$?
end=$(date +%s.%N)
python3 - "$((N * 4))" "$start" "$end" "$work/import.time" "$work/import.json" "$rc" "$work/import.sampled" <<'PY'
import json, sys
records, start, end = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
mem, user, system = open(sys.argv[4]).read().split()[:3]
anon, mapped = open(sys.argv[7]).read().split()[:2]
try:
    report = json.load(open(sys.argv[5]))
except ValueError:
    report = {"created": 0, "updated": 0, "errors": [{"message": "no report"}]}
s = end - start
done = report["created"] + report["updated"]
failed = records - done
print(f"| crmctl counterparty import | {records} records | {s:.1f} s | {done / s:.1f} records/s on disk | peak {int(mem) // 1024} MiB (private {anon} MiB, mapped files {mapped} MiB) "
      f"| CPU {(float(user) + float(system)) * 1000 / max(records, 1):.2f} ms per record | failed writes {failed} | exit {sys.argv[6]} |")
for e in report["errors"][:5]:
    print("  error:", e.get("message"))
PY
crm-directory-bench generate "$B" "$work/baseline.csv"
crm-import-bench plain "$work/baseline.csv"
