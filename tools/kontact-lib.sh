# Shell functions for running Kontact with the CRM plugin from the build tree
# against a private Akonadi (tools/crm gui, benchmarks/kontact.sh); sourced.

page() { # page METHOD [ARG]: a call to the CRM page of the running Kontact
    local arg=()
    [ $# -gt 1 ] && arg=("string:$2")
    dbus-send --session --print-reply=literal --dest=org.kde.kontact /CRM/Counterparties \
        "org.kde.kontactcrm.Counterparties.$1" "${arg[@]}" 2>/dev/null | sed 's/^ *//; s/^\(string\|int32\|boolean\) *//; s/^"\(.*\)"$/\1/'
}

wait_for() { # wait_for SECONDS COMMAND…: until COMMAND succeeds
    local tries=$(($1 * 10)); shift
    while ! "$@"; do
        tries=$((tries - 1))
        [ $tries -gt 0 ] || return 1
        sleep 0.1
    done
}

# start_display: Xvfb when there is no display (sets xvfb_pid), and the
# environment Kontact needs to look like Kontact on a KDE desktop.
start_display() {
    xvfb_pid=
    if [ -z "${DISPLAY:-}" ]; then
        local n=$((90 + $$ % 400))
        Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
        xvfb_pid=$!
        export DISPLAY=":$n"
        wait_for 10 test -S "/tmp/.X11-unix/X$n" || { echo "Xvfb did not start" >&2; return 1; }
        echo "== No display: Kontact runs under Xvfb ($DISPLAY)"
    fi
    export QT_QPA_PLATFORM=xcb
    # Qt's KDE theme (Breeze icons) when no desktop says otherwise.
    export XDG_CURRENT_DESKTOP="${XDG_CURRENT_DESKTOP:-KDE}" KDE_SESSION_VERSION="${KDE_SESSION_VERSION:-6}"
    [ -f "$XDG_CONFIG_HOME/kdeglobals" ] || printf '[Icons]\nTheme=breeze\n' >"$XDG_CONFIG_HOME/kdeglobals"
    # QtWebEngine (Kontact's summary, KMail) refuses to run as root with its sandbox.
    [ "$(id -u)" -eq 0 ] && export QTWEBENGINE_DISABLE_SANDBOX=1
    export QT_LOGGING_RULES="${QT_LOGGING_RULES_GUI:-*.debug=false;*.warning=false}"
    # KMail is installed for Kontact's summary page, but this private home
    # has no mail account: its part would start the account wizard and stop
    # Kontact with "Invalid parent". Switched off, as a user can in Kontact.
    kwriteconfig6 --file kontactrc --group Plugins --key kontact_kmailpluginEnabled --type bool false
}

# start_kontact ARGS…: Kontact in the background (kontact_pid), its log in the cache.
start_kontact() {
    local geometry=()
    [ -n "$xvfb_pid" ] && geometry=(-qwindowgeometry 1280x800+0+0) # no window manager to size it
    kontact "$@" "${geometry[@]}" >"$XDG_CACHE_HOME/kontact.log" 2>&1 &
    kontact_pid=$!
}

stop_kontact() {
    kill "$kontact_pid" 2>/dev/null || true
    wait "$kontact_pid" 2>/dev/null || true
}

stop_display() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
}

crm_ready() { page isReady | grep -q true; }

# Only the Kontact started here may answer: a call to a name nobody owns
# yet would make D-Bus start another one, without the build tree's plugins.
kontact_owned() {
    dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.kde.kontact 2>/dev/null | grep -q true
}
