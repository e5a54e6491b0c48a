#!/usr/bin/env bash
# tools/check-translations.sh [LANG] [WORKDIR] — fails (exit 1) when a string
# of our code has no translation into LANG (default uk) in po/LANG/, or only
# a fuzzy one, and names each such string.
#
# The templates are extracted afresh (tools/extract-messages.sh), merged into
# copies of the .po files (msgmerge, as tools/update-translations.sh does to
# the files themselves), and the merged copies counted: what msgfmt
# --statistics calls untranslated or fuzzy is missing. The .po files are not
# changed. A translation whose placeholders do not match (msgfmt -c) fails too.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lang=${1:-uk}
work=${2:-}
if [ -z "$work" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/pot" "$work/merged"

"$SRC/tools/extract-messages.sh" "$work/pot" >/dev/null

status=0
total=0
for pot in "$work"/pot/*.pot; do
    domain=$(basename "$pot" .pot)
    po="$SRC/po/$lang/$domain.po"
    strings=$(msgattrib --no-obsolete "$pot" | grep -c '^msgid ' || true)
    strings=$((strings - 1)) # the header
    total=$((total + strings))
    if [ ! -f "$po" ]; then
        echo "po/$lang/$domain.po is missing: $strings strings of $domain have no translation (tools/update-translations.sh $lang makes it)"
        status=1
        continue
    fi
    merged="$work/merged/$domain.po"
    msgmerge --quiet --previous -o "$merged" "$po" "$pot"
    stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$merged" 2>&1) || {
        echo "po/$lang/$domain.po: msgfmt -c refuses it:"
        echo "$stats"
        status=1
        continue
    }
    missing=$(msgattrib --untranslated --no-obsolete "$merged" | grep -c '^msgid ' || true)
    fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$merged" | grep -c '^msgid ' || true)
    # Each listing repeats the header when it lists anything.
    [ "$missing" -gt 0 ] && missing=$((missing - 1))
    [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
    if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
        echo "po/$lang/$domain.po: $missing of $strings strings untranslated, $fuzzy fuzzy ($stats):"
        msgattrib --untranslated --no-obsolete --no-wrap "$merged" | sed -n 's/^#: /  at /p; s/^msgctxt /  context /p; s/^msgid \("[^"].*\)/  untranslated: \1/p'
        msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged" | sed -n 's/^#: /  at /p; s/^msgctxt /  context /p; s/^msgid \("[^"].*\)/  fuzzy: \1/p'
        status=1
    else
        echo "po/$lang/$domain.po: all $strings strings translated"
    fi
done
if [ $status -ne 0 ]; then
    echo "Translate the strings above in po/$lang/ (tools/update-translations.sh $lang merges new strings in first; README, \"Languages\")."
else
    echo "$lang: $total strings, all translated"
fi
exit $status
