#!/usr/bin/env bash
# Mailing benchmark: `tools/crm bench mailing [N] [M] [B]`.
# N recipients (default 10,000) sent unthrottled by the mailing agent to a
# local SMTP server (aiosmtpd, autotests/mailing/smtpsink.py, counting only)
# over one kept connection, in messages per second; beside it, in the same
# run, the baseline of one connection per message (B recipients, default
# N/5: the rate is compared, not the time); then M recipients (default
# 100,000) for the agent's peak memory (VmHWM). The agent runs without
# Akonadi (CRM_MAILING_AGENT_STANDALONE), as in the tests.
set -euo pipefail
N=${1:-10000}
M=${2:-100000}
B=${3:-$((N / 5))}
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d)
trap 'kill $SINK_PID ${AGENT_PID:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" CRM_MAILINGS_DIR="$WORK/mailings"
export CRM_MAILING_AGENT_STANDALONE=1 CRM_MAILING_POLL_MS=50 QT_QPA_PLATFORM=offscreen LANGUAGE=en
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"

python3 "$SRC/autotests/mailing/smtpsink.py" "$WORK/sink" --count-only >"$WORK/sink.port" &
SINK_PID=$!
for _ in $(seq 100); do [ -s "$WORK/sink.port" ] && break; sleep 0.1; done
PORT=$(head -1 "$WORK/sink.port")
crmctl mailing transport add --host 127.0.0.1 --port "$PORT" >/dev/null

# make_mailing COUNT: a mailing to COUNT generated persons; prints its id.
make_mailing() {
    local count=$1 csv="$WORK/people-$1.csv" id
    python3 - "$count" "$csv" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("Name,Counterparty,Position,Email\n")
    for i in range(n):
        f.write("Person%d Family%d,Firm %d,manager,r%d@client%d.example\n" % (i, i, i % 97, i, i % 13))
PY
    id=$(crmctl mailing create --subject "Offer for {counterparty}" --body "Dear {firstName|colleague},
our new prices for {counterparty} are attached.
" --from sales@firm.example --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    crmctl mailing recipients "$id" --file "$csv" >/dev/null
    echo "$id"
}

sent_of() { crmctl mailing status "$1" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["sent"], d["queued"] + d["sending"] + d["deferred"])'; }

# cpu_ms PID: the CPU time (user + system) the process has used so far.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

# run_mailing ID: sends it with a fresh agent, prints "milliseconds peak_kib
# sent agent_cpu_ms server_cpu_ms".
# The end is seen in the agent's own log line ("done:"), not by polling
# crmctl, which would take CPU from the agent and the server.
run_mailing() {
    local id=$1 s e sent peak log="$WORK/agent-$1.log"
    QT_LOGGING_RULES="*.debug=false;*.info=false;org.kde.pim.crm.mailing.info=true" \
        "$(command -v akonadi_kontactcrm_mailing_agent)" --identifier akonadi_kontactcrm_mailing_agent 2>"$log" &
    AGENT_PID=$!
    sleep 0.5
    local sink0 agent0
    sink0=$(cpu_ms "$SINK_PID")
    agent0=$(cpu_ms "$AGENT_PID")
    s=$(date +%s%N)
    crmctl mailing send "$id" >/dev/null
    until grep -q "\"$id\" done:" "$log"; do sleep 0.02; done
    e=$(date +%s%N)
    peak=$(awk '/VmHWM/ {print $2}' "/proc/$AGENT_PID/status")
    local agentcpu=$(($(cpu_ms "$AGENT_PID") - agent0)) sinkcpu=$(($(cpu_ms "$SINK_PID") - sink0))
    kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true
    AGENT_PID=
    read -r sent _ < <(sent_of "$id")
    echo "$(((e - s) / 1000000)) $peak $sent $agentcpu $sinkcpu"
}

rate() { python3 -c "print('%.0f' % ($1 * 1000.0 / max($2, 1)))"; }

ID=$(make_mailing "$N")
read -r T1 P1 S1 A1 C1 < <(run_mailing "$ID")
ID=$(make_mailing "$B")
read -r T2 P2 S2 A2 C2 < <(CRM_MAILING_CONNECTION_PER_MESSAGE=1 run_mailing "$ID")
R1=$(rate "$S1" "$T1")
R2=$(rate "$S2" "$T2")
echo "mailing to a local SMTP server (aiosmtpd), unthrottled:"
# CPU per message, ours and the server's: where the time of each goes.
per() { python3 -c "print('%.2f' % ($1 / max($2, 1)))"; }
echo "| run | recipients | sent | time | messages/s | agent CPU ms/msg | server CPU ms/msg | agent peak memory |"
echo "|---|---|---|---|---|---|---|---|"
echo "| one connection, kept | $N | $S1 | $T1 ms | $R1 | $(per "$A1" "$S1") | $(per "$C1" "$S1") | $((P1 / 1024)) MiB |"
echo "| baseline: one connection per message | $B | $S2 | $T2 ms | $R2 | $(per "$A2" "$S2") | $(per "$C2" "$S2") | $((P2 / 1024)) MiB |"
python3 -c "print('| ratio | | | | %.1fx | | | |' % ($R1 / max($R2, 1)))"
if [ "$M" -gt 0 ]; then
    ID=$(make_mailing "$M")
    read -r T3 P3 S3 A3 C3 < <(run_mailing "$ID")
    echo "| memory run | $M | $S3 | $T3 ms | $(rate "$S3" "$T3") | $(per "$A3" "$S3") | $(per "$C3" "$S3") | $((P3 / 1024)) MiB |"
fi
