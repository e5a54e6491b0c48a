#!/bin/sh
# A crmctl whose mail transport module is not where it looks (a copy outside
# the build tree, no plugin path): a mailing command that needs it fails,
# names the module, and writes no transport. Argument: the crmctl binary.
set -u
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir "$d/bin" "$d/config"
cp "$1" "$d/bin/crmctl"
QT_PLUGIN_PATH="$d" XDG_CONFIG_HOME="$d/config" LANG=C LANGUAGE=C "$d/bin/crmctl" mailing transport add --host smtp.example >"$d/out" 2>&1
code=$?
cat "$d/out"
[ "$code" = 1 ] || { echo "exit code $code, expected 1"; exit 1; }
grep -q 'Cannot load the mail transport module kontactcrm/crmctl_mailtransports' "$d/out" || { echo "the error does not name the module"; exit 1; }
[ ! -e "$d/config/mailtransports" ] || { echo "a transport was written"; exit 1; }
