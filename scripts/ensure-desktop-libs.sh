#!/usr/bin/env bash
# Makes sure the system libraries Qt's X11 (xcb) platform plugin loads are installed, so
# the app's window can open on a fresh Debian or Ubuntu desktop (without them Qt aborts,
# naming only the first one missing). With --tests, also what the real-window tests run
# on: Xvfb, the openbox window manager, xdotool (real key and mouse input), xprop, a font;
# and the browser the help desk's tests drive: Debian's chromium and its chromedriver.
# Run as root with apt-get it installs what is missing; otherwise it only says what is
# missing and the command that installs it. It never removes or upgrades anything.
# The same soname -> package list is in desktop/app.py (XCB_PACKAGES); a test keeps them equal.
set -euo pipefail

LIBRARIES="
libxcb-cursor.so.0 libxcb-cursor0
libxcb-icccm.so.4 libxcb-icccm4
libxcb-keysyms.so.1 libxcb-keysyms1
libxcb-image.so.0 libxcb-image0
libxcb-render-util.so.0 libxcb-render-util0
libxcb-util.so.1 libxcb-util1
libxcb-randr.so.0 libxcb-randr0
libxcb-shape.so.0 libxcb-shape0
libxcb-shm.so.0 libxcb-shm0
libxcb-sync.so.1 libxcb-sync1
libxcb-xfixes.so.0 libxcb-xfixes0
libxcb-xinerama.so.0 libxcb-xinerama0
libxcb-render.so.0 libxcb-render0
libxcb-xkb.so.1 libxcb-xkb1
libxcb.so.1 libxcb1
libxkbcommon-x11.so.0 libxkbcommon-x11-0
libxkbcommon.so.0 libxkbcommon0
libX11-xcb.so.1 libx11-xcb1
libX11.so.6 libx11-6
libEGL.so.1 libegl1
libGL.so.1 libgl1
libOpenGL.so.0 libopengl0
libfontconfig.so.1 libfontconfig1
libfreetype.so.6 libfreetype6
libdbus-1.so.3 libdbus-1-3
libglib-2.0.so.0 libglib2.0-0
libgthread-2.0.so.0 libglib2.0-0
"
# command -> package, for the real-window tests
TOOLS="
Xvfb xvfb
openbox openbox
xdotool xdotool
xprop x11-utils
chromium chromium
chromedriver chromium-driver
"

if [ "$(uname -s)" != "Linux" ]; then
    exit 0  # Windows and macOS wheels bring what Qt needs
fi

known=$(/sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null || true)
missing=""
while read -r soname package; do
    [ -z "$soname" ] && continue
    if ! grep -q "^[[:space:]]*$soname " <<<"$known"; then
        missing="$missing $package"
    fi
done <<<"$LIBRARIES"
if [ "${1:-}" = "--tests" ]; then
    while read -r command package; do
        [ -z "$command" ] && continue
        command -v "$command" >/dev/null 2>&1 || missing="$missing $package"
    done <<<"$TOOLS"
    if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list 2>/dev/null | head -n 1)" ]; then
        missing="$missing fonts-dejavu-core"
    fi
fi
missing=$(tr ' ' '\n' <<<"$missing" | sort -u | tr '\n' ' ' | sed 's/^ *//; s/ *$//')

if [ -z "$missing" ]; then
    echo "Desktop system libraries: all present"
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the desktop's system libraries: $missing"
    apt-get update -qq
    # One word per package, so the list is split on purpose.
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit 0
fi
echo "Missing system packages for the desktop window: $missing"
echo "Install them with: sudo apt-get install -y $missing"
