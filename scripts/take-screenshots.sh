#!/bin/sh
# Retake the README's screenshots from a real window: Xvfb at 1366x768, openbox as the
# window manager, the demo's screens shown maximised and the whole screen captured.
#   sh scripts/take-screenshots.sh            # docs/screenshots (English) + fi/ and it/
# Needs Xvfb and openbox (sudo bash scripts/ensure-desktop-libs.sh --tests installs them).
# Everything runs on a new display number; nothing touches the developer's own display.
set -eu
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
for tool in Xvfb openbox; do
    command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/ensure-desktop-libs.sh --tests as root" >&2; exit 1; }
done
manager=""
number_file=$(mktemp)
Xvfb -displayfd 4 -screen 0 1366x768x24 -nolisten tcp 4>"$number_file" >/dev/null 2>&1 &
server=$!
trap 'kill $manager $server 2>/dev/null || true; rm -f "$number_file"' EXIT INT TERM
while [ ! -s "$number_file" ]; do sleep 0.1; done
DISPLAY=":$(cat "$number_file")"
export DISPLAY
openbox --sm-disable >/dev/null 2>&1 &
manager=$!
sleep 1
export QT_QPA_PLATFORM=xcb
"$python" -m desktop.ui.screenshots docs/screenshots --real-window --language en
"$python" -m desktop.ui.screenshots docs/screenshots/fi --real-window --language "fi"
"$python" -m desktop.ui.screenshots docs/screenshots/it --real-window --language it
