#!/usr/bin/env bash
# Mailing benchmark: `tools/crm bench mailing [N] [M] [B]`.
# N recipients (default 10,000) sent unthrottled by the mailing agent to a
# local SMTP server (aiosmtpd, autotests/mailing/smtpsink.py, counting only)
# over one kept connection, in messages per second; beside it, in the same
# run, the baseline of one connection per message (B recipients, default
# N/5: the rate is compared, not the time); then M recipients (default
# 100,000) for the agent's peak memory (VmHWM). The agent runs without
# Akonadi (CRM_MAILING_AGENT_STANDALONE), as in the tests.
#
# The pair of runs is made twice: in plain text, and over STARTTLS with a
# self-signed certificate the user trusts (how a firm's submission server
# on port 587 is reached; a login adds one more round trip per connection,
# left out here because the password would need a keychain).
set -euo pipefail
N=${1:-10000}
M=${2:-100000}
B=${3:-$((N / 5))}
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d)
trap 'kill $SINK_PID ${TLS_SINK_PID:-} ${AGENT_PID:-} 2>/dev/null || true; rm -rf "$WORK"' EXIT
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" CRM_MAILINGS_DIR="$WORK/mailings"
export CRM_MAILING_AGENT_STANDALONE=1 CRM_MAILING_POLL_MS=50 QT_QPA_PLATFORM=offscreen LANGUAGE=en
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"

# start_sink NAME [ARG…]: an SMTP server on loopback; prints its port.
start_sink() {
    local name=$1
    shift
    python3 "$SRC/autotests/mailing/smtpsink.py" "$WORK/$name" --count-only "$@" >"$WORK/$name.port" &
    echo $! >"$WORK/$name.pid"
    for _ in $(seq 100); do [ -s "$WORK/$name.port" ] && break; sleep 0.1; done
    head -1 "$WORK/$name.port"
}
PORT=$(start_sink sink)
SINK_PID=$(cat "$WORK/sink.pid")
crmctl mailing transport add --host 127.0.0.1 --port "$PORT" --name plain >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=smtp.firm.example \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
TLS_PORT=$(start_sink tls-sink --cert "$WORK/cert.pem" --key "$WORK/key.pem")
TLS_SINK_PID=$(cat "$WORK/tls-sink.pid")
crmctl mailing transport add --host 127.0.0.1 --port "$TLS_PORT" --encryption starttls --name starttls >/dev/null
crmctl mailing transport trust starttls \
    "$(openssl x509 -in "$WORK/cert.pem" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d :)" >/dev/null

# make_mailing COUNT [TRANSPORT]: a mailing to COUNT generated persons; prints its id.
make_mailing() {
    local count=$1 transport=${2:-plain} csv="$WORK/people-$1.csv" id
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
" --from sales@firm.example --transport "$transport" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    crmctl mailing recipients "$id" --file "$csv" >/dev/null
    echo "$id"
}

sent_of() { crmctl mailing status "$1" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["sent"], d["queued"] + d["sending"] + d["deferred"])'; }

# cpu_ms PID: the CPU time (user + system) the process has used so far.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }

# run_mailing ID [SINK_PID]: sends it with a fresh agent, prints "milliseconds peak_kib
# sent agent_cpu_ms server_cpu_ms".
# The end is seen in the agent's own log line ("done:"), not by polling
# crmctl, which would take CPU from the agent and the server.
run_mailing() {
    local id=$1 sinkpid=${2:-$SINK_PID} s e sent peak log="$WORK/agent-$1.log"
    QT_LOGGING_RULES="*.debug=false;*.info=false;org.kde.pim.crm.mailing.info=true" \
        "$(command -v akonadi_kontactcrm_mailing_agent)" --identifier akonadi_kontactcrm_mailing_agent 2>"$log" &
    AGENT_PID=$!
    sleep 0.5
    local sink0 agent0
    sink0=$(cpu_ms "$sinkpid")
    agent0=$(cpu_ms "$AGENT_PID")
    s=$(date +%s%N)
    crmctl mailing send "$id" >/dev/null
    until grep -q "\"$id\" done:" "$log"; do sleep 0.02; done
    e=$(date +%s%N)
    peak=$(awk '/VmHWM/ {print $2}' "/proc/$AGENT_PID/status")
    local agentcpu=$(($(cpu_ms "$AGENT_PID") - agent0)) sinkcpu=$(($(cpu_ms "$sinkpid") - sink0))
    kill "$AGENT_PID"; wait "$AGENT_PID" 2>/dev/null || true
    AGENT_PID=
    read -r sent _ < <(sent_of "$id")
    echo "$(((e - s) / 1000000)) $peak $sent $agentcpu $sinkcpu"
}

rate() { python3 -c "print('%.0f' % ($1 * 1000.0 / max($2, 1)))"; }

# CPU per message, ours and the server's: where the time of each goes.
per() { python3 -c "print('%.2f' % ($1 / max($2, 1)))"; }

# pair TRANSPORT SINK_PID TITLE: the kept connection beside the baseline.
pair() {
    local transport=$1 sinkpid=$2 id t1 p1 s1 a1 c1 t2 p2 s2 a2 c2 r1 r2
    id=$(make_mailing "$N" "$transport")
    read -r t1 p1 s1 a1 c1 < <(run_mailing "$id" "$sinkpid")
    id=$(make_mailing "$B" "$transport")
    read -r t2 p2 s2 a2 c2 < <(CRM_MAILING_CONNECTION_PER_MESSAGE=1 run_mailing "$id" "$sinkpid")
    r1=$(rate "$s1" "$t1")
    r2=$(rate "$s2" "$t2")
    echo
    echo "mailing to a local SMTP server (aiosmtpd), unthrottled, $3:"
    echo "| run | recipients | sent | time | messages/s | agent CPU ms/msg | server CPU ms/msg | agent peak memory |"
    echo "|---|---|---|---|---|---|---|---|"
    echo "| one connection, kept | $N | $s1 | $t1 ms | $r1 | $(per "$a1" "$s1") | $(per "$c1" "$s1") | $((p1 / 1024)) MiB |"
    echo "| baseline: one connection per message | $B | $s2 | $t2 ms | $r2 | $(per "$a2" "$s2") | $(per "$c2" "$s2") | $((p2 / 1024)) MiB |"
    python3 -c "print('| ratio | | | | %.1fx | | | |' % ($r1 / max($r2, 1)))"
}

pair plain "$SINK_PID" "plain text"
pair starttls "$TLS_SINK_PID" "STARTTLS"
if [ "$M" -gt 0 ]; then
    ID=$(make_mailing "$M")
    read -r T3 P3 S3 A3 C3 < <(run_mailing "$ID")
    echo
    echo "| memory run (plain) | $M | $S3 | $T3 ms | $(rate "$S3" "$T3") | $(per "$A3" "$S3") | $(per "$C3" "$S3") | $((P3 / 1024)) MiB |"
fi
