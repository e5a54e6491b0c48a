#!/usr/bin/env bash
# tools/extract-messages.sh [PODIR] — the translation templates (.pot), made
# the way KDE's scripty makes them: every Messages.sh of the tree is run in its
# own folder with XGETTEXT (xgettext with KDE's i18n keywords), EXTRACTRC
# (strings of .rc/.ui/.kcfg files as i18n calls) and podir set, and writes one
# <domain>.pot into PODIR (default: po/templates of the build tree, or ./pot).
#
# The templates are not committed (as in KDE, they are derived data; a stale
# committed copy would only mislead): the translations in po/<lang>/ are, and
# tools/update-translations.sh merges fresh templates into them.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
podir=$(mkdir -p "${1:-$SRC/build/pot}" && cd "${1:-$SRC/build/pot}" && pwd)
export podir

command -v xgettext >/dev/null 2>&1 || { echo "extract-messages: xgettext not found (gettext; try tools/crm exec $0)" >&2; exit 1; }

# Exactly scripty's keyword set (l10n-scripty/extract-messages.sh).
XGETTEXT="xgettext --copyright-holder=This_file_is_part_of_KDE --msgid-bugs-address=https://bugs.kde.org \
 --from-code=UTF-8 -C --kde -ci18n \
 -ki18n:1 -ki18nc:1c,2 -ki18np:1,2 -ki18ncp:1c,2,3 \
 -kki18n:1 -kki18nc:1c,2 -kki18np:1,2 -kki18ncp:1c,2,3 \
 -kkli18n:1 -kkli18nc:1c,2 -kkli18np:1,2 -kkli18ncp:1c,2,3 \
 -kxi18n:1 -kxi18nc:1c,2 -kxi18np:1,2 -kxi18ncp:1c,2,3 \
 -kkxi18n:1 -kkxi18nc:1c,2 -kkxi18np:1,2 -kkxi18ncp:1c,2,3 \
 -kklxi18n:1 -kklxi18nc:1c,2 -kklxi18np:1,2 -kklxi18ncp:1c,2,3 \
 -kI18N_NOOP:1 -kI18NC_NOOP:1c,2 -kI18N_NOOP2:1c,2 -kI18N_NOOP2_NOSTRIP:1c,2 \
 -ktr2i18n:1 -ktr2xi18n:1"
EXTRACTRC="python3 $SRC/tools/extractrc.py"
export XGETTEXT EXTRACTRC

rm -f "$podir"/*.pot
status=0
while IFS= read -r messages; do
    dir=$(dirname "$messages")
    (cd "$dir" && bash "$messages") || { echo "extract-messages: $messages failed" >&2; status=1; }
done < <(find "$SRC" -path "$SRC/build" -prune -o -path "$SRC/.git" -prune -o -name Messages.sh -print | sort)
ls "$podir"/*.pot >/dev/null 2>&1 || { echo "extract-messages: no template written" >&2; exit 1; }
exit $status
