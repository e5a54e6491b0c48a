#!/usr/bin/env bash
# Task benchmark: `tools/crm bench tasks [N] [M] [NAIVE]`.
# Runs against the private Akonadi that tools/crm starts (its own data folder
# under the build tree, emptied first). Stores N tasks, then times "my open
# tasks" and "overdue" through the calendar index beside the naive baseline
# (fetch every task, filter) in the same run.
set -euo pipefail
N=${1:-50000}
M=${2:-100}
NAIVE=${3:-3}

echo "== Task benchmark: N=$N tasks, M=$M queries, $NAIVE naive runs"
crm-task-bench generate "$N"
echo
crm-task-bench query "$N" "$M" "$NAIVE"
