#!/usr/bin/env bash
# The plugin's counterparties list: `tools/crm bench plugin [N] [ROUNDS]`:
# first fill and the cost of one keystroke of search, beside a naive proxy.
# In memory (no Akonadi round trip is involved in either); offscreen.
set -euo pipefail
export QT_QPA_PLATFORM=offscreen
crm-plugin-bench "${1:-10000}" "${2:-5}"
