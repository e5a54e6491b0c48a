#!/usr/bin/env bash
# Counterparty card benchmark: `tools/crm bench timeline [N] [M] [K]`.
# N counterparties (3 contact persons each) and M interactions and events
# (5% recurring) in a fresh private Akonadi; K warm cards through the indexes
# beside the naive baseline (read every calendar item, filter), then the
# cold `crmctl card`.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
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
cold_card "$N" "$work"
