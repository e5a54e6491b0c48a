#!/usr/bin/env bash
# Reminder schedule benchmark: `tools/crm bench reminders [N] [TICKS] [SCANS] [A]`.
# N incidences (10 % recurring), each with an alarm, in memory (no Akonadi
# round trips are timed): building the schedule, reading it back from its
# file, one change, one minute's tick and peak memory, beside the per-minute
# Calendar::alarms scan of the whole calendar that KOrganizer's reminder
# daemon does, in the same run. Then the reminder agent itself through the
# private Akonadi with A incidences (N by default; 0 skips it): see
# reminderagentbench.cpp.
set -euo pipefail
N=${1:-100000}
TICKS=${2:-1440}
SCANS=${3:-5}
A=${4:-$N}
crm-reminders-bench "$N" "$TICKS" "$SCANS"
if [ "$A" -gt 0 ]; then
    echo
    crm-reminder-agent-bench "$A"
fi
