#!/usr/bin/env bash
# The body of `tools/crm gui`, run against the demo's private Akonadi: Kontact
# with the CRM plugin from the build tree, on the user's display when there
# is one (it runs until you close it), otherwise under Xvfb (a screenshot is
# taken and Kontact is stopped). Either way a screenshot is saved.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD=$(dirname "$QT_PLUGIN_PATH")
SHOT="${CRM_GUI_SCREENSHOT:-$BUILD/gui/kontact-crm.png}"
SEARCH="${CRM_GUI_SEARCH-044 123-45-67}"
PAGE="${CRM_GUI_PAGE:-counterparties}" # or tasks (the board), tasklist, taskeditor, interactions (the journal), correspondence (the register), mailings, summary (Kontact's), settings (kcmshell6)

if [ ! -f "$XDG_DATA_HOME/kontact-crm/.demo-loaded" ]; then
    echo "== Loading the sample data (first run; tools/crm demo shows it in the terminal)"
    "$HERE/demo-script.sh" >"$XDG_CACHE_HOME/demo-load.log" 2>&1 || { cat "$XDG_CACHE_HOME/demo-load.log" >&2; exit 1; }
fi

. "$HERE/kontact-lib.sh"
start_display

start=$(date +%s.%N)
stop() {
    stop_kontact
    stop_display
}
if [ "$PAGE" = settings ]; then
    # The settings module, as System Settings or kcmshell6 shows it.
    kcmshell6 kcm_kontactcrm >"$XDG_CACHE_HOME/kcmshell.log" 2>&1 &
    kontact_pid=$!
    sleep 6
    mkdir -p "$(dirname "$SHOT")"
    import -window root "$SHOT"
    echo "== Screenshot of the settings module: $SHOT"
    stop
    exit 0
fi
if [ "$PAGE" = summary ]; then
    # Kontact's summary page shows the summaries the user chose (Settings >
    # Configure Summary View); in the demo's private home, the CRM's.
    [ -n "$(kreadconfig6 --file kontact_summaryrc --group '<default>' --key ActiveSummaries)" ] \
        || kwriteconfig6 --file kontact_summaryrc --group '<default>' --key ActiveSummaries kontact_crmplugin
    start_kontact --module kontact_summaryplugin
    wait_for 60 kontact_owned || { stop; echo "Kontact did not start; its log:" >&2; tail -n 30 "$XDG_CACHE_HOME/kontact.log" >&2; exit 1; }
    sleep 8 # the summary asks the calendar and the agent without waiting
    mkdir -p "$(dirname "$SHOT")"
    import -window root "$SHOT"
    echo "== Screenshot of Kontact's summary page: $SHOT"
    stop
    exit 0
fi
start_kontact --module kontact_crmplugin
if ! wait_for 60 kontact_owned || ! wait_for 60 crm_ready; then
    stop
    echo "Kontact did not show the CRM within 60 s; its log:" >&2
    tail -n 30 "$XDG_CACHE_HOME/kontact.log" >&2
    exit 1
fi
echo "== The CRM lists $(page count) counterparties," \
    "$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after Kontact started"
if [ -n "$SEARCH" ]; then
    page search "$SEARCH" >/dev/null
    wait_for 10 test -n "$(page cardTitle)" || true
    echo "== Searched \"$SEARCH\": $(page count) match(es), the card of $(page cardTitle)"
fi
if [ "$PAGE" = tasks ]; then
    dbus-send --session --print-reply --dest=org.kde.kontact /CRM/Tasks org.kde.kontactcrm.Tasks.showBoard >/dev/null
    echo "== The task board: $(dbus-send --session --print-reply=literal --dest=org.kde.kontact /CRM/Tasks org.kde.kontactcrm.Tasks.columns | tr -s ' \n' ' ')"
fi
if [ "$PAGE" = tasklist ] || [ "$PAGE" = taskeditor ]; then
    dbus-send --session --print-reply --dest=org.kde.kontact /CRM/Tasks org.kde.kontactcrm.Tasks.showList >/dev/null
    echo "== The task list: $(dbus-send --session --print-reply=literal --dest=org.kde.kontact /CRM/Tasks org.kde.kontactcrm.Tasks.listed | tr -s ' \n' ' ')"
fi
if [ "$PAGE" = taskeditor ]; then
    dbus-send --session --print-reply --dest=org.kde.kontact /CRM/Tasks org.kde.kontactcrm.Tasks.editFirstListed >/dev/null
    sleep 1 # the task is read without waiting
fi
if [ "$PAGE" = interactions ]; then
    journal() {
        dbus-send --session --print-reply --dest=org.kde.kontact /CRM/Interactions "org.kde.kontactcrm.Interactions.$1"
    }
    journal showJournal >/dev/null
    # The journal lists without waiting: give it a moment to fill.
    wait_for 10 bash -c "dbus-send --session --print-reply=literal --dest=org.kde.kontact /CRM/Interactions org.kde.kontactcrm.Interactions.rows | grep -q '|'" || true
    echo "== The interaction journal:"
    journal rows | sed -n 's/^ *string "\(.*\)"$/   \1/p'
fi
if [ "$PAGE" = correspondence ]; then
    register() {
        dbus-send --session --print-reply --dest=org.kde.kontact /CRM/Correspondence "org.kde.kontactcrm.Correspondence.$1"
    }
    register showJournal >/dev/null
    wait_for 10 bash -c "dbus-send --session --print-reply=literal --dest=org.kde.kontact /CRM/Correspondence org.kde.kontactcrm.Correspondence.rows | grep -q '|'" || true
    echo "== The correspondence journal:"
    register rows | sed -n 's/^ *string "\(.*\)"$/   \1/p'
fi
if [ "$PAGE" = mailings ]; then
    mailings() {
        dbus-send --session --print-reply --dest=org.kde.kontact /CRM/Mailings "org.kde.kontactcrm.Mailings.$1" "${@:2}"
    }
    mailings showMailings >/dev/null
    # CRM_GUI_TAB: 0 the message, 1 recipients, 2 preview, 3 sending.
    mailings showTab int32:"${CRM_GUI_TAB:-0}" >/dev/null
    echo "== The mailings:"
    mailings rows | sed -n 's/^ *string "\(.*\)"$/   \1/p'
fi
sleep 1.5 # let the window paint
mkdir -p "$(dirname "$SHOT")"
if [ -n "$xvfb_pid" ]; then
    import -window root "$SHOT"
else
    # On a real desktop only Kontact's window, never the whole screen.
    page saveScreenshot "$SHOT" >/dev/null
fi
echo "== Screenshot: $SHOT"
if [ -n "$xvfb_pid" ]; then
    stop
else
    echo "== Kontact runs on $DISPLAY; close it to stop the private Akonadi."
    wait "$kontact_pid" || true
fi
