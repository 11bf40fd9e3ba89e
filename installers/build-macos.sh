#!/usr/bin/env bash
# Builds the macOS desktop app, dist/Prossimo.app, from installers/prossimo.spec (documented
# and scripted, not run here: it needs a Mac). Same rules as build-linux.sh: a clean git
# tree, a build venv made from installers/requirements-build.lock with hashes checked,
# SOURCE_DATE_EPOCH from the last commit and PYTHONHASHSEED=0. It never signs: then run
# installers/macos/sign-and-notarize.sh dist/Prossimo.app.
# The lock was compiled on Linux: on a Mac, compile a darwin lock the same way first
# (installers/README.md), since a few packages differ by platform (jeepney, SecretStorage).
# Usage: installers/build-macos.sh [--allow-dirty] [--lock FILE]
set -euo pipefail

die() {
    echo "build-macos.sh: $*" >&2
    exit 1
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOCK="$ROOT/installers/requirements-build.lock"
ALLOW_DIRTY=0
while [ $# -gt 0 ]; do
    case "$1" in
    --allow-dirty) ALLOW_DIRTY=1 ;;
    --lock)
        [ $# -ge 2 ] || die "--lock needs a file"
        LOCK=$2
        shift
        ;;
    *) die "unknown option $1" ;;
    esac
    shift
done

[ "$(uname -s)" = "Darwin" ] || die "runs on macOS only; on Linux use installers/build-linux.sh"
for tool in git python3; do
    command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool (install Xcode's command line tools and Python 3.11)"
done
[ -f "$LOCK" ] || die "missing lock file $LOCK"
dirty=$(git -C "$ROOT" status --porcelain --untracked-files=normal)
if [ -n "$dirty" ] && [ "$ALLOW_DIRTY" = 0 ]; then
    die "the git tree has uncommitted changes; commit them or pass --allow-dirty for a local test build"
fi
python_version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
[ "$python_version" = "3.11" ] || die "python3 is $python_version; the build lock is for Python 3.11"

VENV="$ROOT/build/venv"
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --no-deps --require-hashes -r "$LOCK" || die "installing $LOCK failed"

SOURCE_DATE_EPOCH=$(git -C "$ROOT" log -1 --format=%ct)
export SOURCE_DATE_EPOCH PYTHONHASHSEED=0 TZ=UTC
cd "$ROOT"
"$VENV/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build/pyinstaller installers/prossimo.spec
"$VENV/bin/python" installers/size_report.py dist/prossimo
echo "Built dist/Prossimo.app; sign it with installers/macos/sign-and-notarize.sh dist/Prossimo.app"
