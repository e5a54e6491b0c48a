#!/usr/bin/env bash
# The calendar index file: `tools/crm bench indexfile [N…]` (default 50,000
# and 500,000 tasks). Reads the file in the compact format beside the
# QDataStream format it replaced, in the same run (see indexfilebench.cpp).
set -euo pipefail
echo "== Calendar index file, read back (best of 3)"
crm-indexfile-bench "$@"
