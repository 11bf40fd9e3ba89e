#!/usr/bin/env bash
# Makes sure the tools that sign and verify release artifacts are installed: minisign
# (signatures for people, verify.sh), osslsigncode (Windows Authenticode), shellcheck
# (lints the installer scripts), and what the frozen build and the .deb need: objdump
# (PyInstaller reads binaries with it), desktop-file-validate and appstreamcli (build-deb.sh
# validates the .desktop entry and the AppStream metainfo). Run as root with apt-get it installs what is missing,
# running apt-get update only when a package has no install candidate yet; otherwise it
# prints the command that installs them and exits nonzero. It never removes or upgrades
# anything, and a second run does nothing.
set -euo pipefail

TOOLS="
minisign minisign
osslsigncode osslsigncode
shellcheck shellcheck
objdump binutils
desktop-file-validate desktop-file-utils
appstreamcli appstream
"

missing=""
while read -r command package; do
    [ -z "$command" ] && continue
    command -v "$command" >/dev/null 2>&1 || missing="$missing $package"
done <<<"$TOOLS"
missing="${missing# }"

if [ -z "$missing" ]; then
    echo "Release tools: all present"
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing the release tools: $missing"
    for package in $missing; do
        # An empty package list (a fresh container) has no candidate: only then update.
        if ! apt-cache policy "$package" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
            apt-get update -qq
            break
        fi
    done
    # One word per package, so $missing is split on purpose.
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit 0
fi
echo "Missing release tools: $missing"
echo "Install them with: sudo apt-get install -y $missing"
exit 1
