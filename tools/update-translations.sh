#!/usr/bin/env bash
# tools/update-translations.sh [LANG] — brings po/LANG/*.po (default uk) up
# to date with the code after strings changed: extracts fresh templates
# (tools/extract-messages.sh), merges them into the .po files (msgmerge: new
# strings come in untranslated, changed ones fuzzy with the old translation
# beside them, removed ones are dropped) and makes a .po for a new domain.
# Then translate what tools/check-translations.sh LANG lists.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lang=${1:-uk}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$SRC/tools/extract-messages.sh" "$work" >/dev/null
mkdir -p "$SRC/po/$lang"
for pot in "$work"/*.pot; do
    domain=$(basename "$pot" .pot)
    po="$SRC/po/$lang/$domain.po"
    if [ -f "$po" ]; then
        msgmerge --quiet --previous --backup=none --update "$po" "$pot"
    else
        msginit --no-translator --locale="$lang.UTF-8" --input="$pot" --output-file="$po"
        sed -i -e "s/^\"Project-Id-Version: PACKAGE VERSION/\"Project-Id-Version: $domain/" \
            -e 's/^"Language-Team: none/"Language-Team: Ukrainian <kde-i18n-uk@kde.org>/' \
            -e 's/charset=[A-Z0-9-]*/charset=UTF-8/' -e "1s/.*/# Translation of $domain into $lang./" "$po"
        echo "made $po"
    fi
    msgattrib --no-obsolete --width=100 -o "$po" "$po"
done
"$SRC/tools/check-translations.sh" "$lang" || true
