#!/usr/bin/env bash
# The body of `tools/crm demo`, run against the demo's private Akonadi:
# load the sample data on first run, then print one counterparty's card.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SAMPLES="$HERE/sample-data"
marker="$XDG_DATA_HOME/kontact-crm/.demo-loaded"

if [ ! -f "$marker" ]; then
    echo "== Loading the sample data (first run)"
    crmctl counterparty import "$SAMPLES/counterparties-ua.csv" "$SAMPLES/counterparties-en.vcf"
    crmctl employee import "$SAMPLES/employees.vcf"
    mkdir -p "$(dirname "$marker")"
    touch "$marker"
fi

echo
echo "== crmctl counterparty list"
crmctl counterparty list
echo
echo "== The phone rings: +380 44 123 45 67 — crmctl card \"044 123-45-67\""
crmctl card "044 123-45-67"
echo
echo "== crmctl card Acme"
crmctl card Acme
