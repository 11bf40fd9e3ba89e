#!/usr/bin/env bash
# Builds the Linux desktop app: dist/prossimo/ (PyInstaller onedir, installers/prossimo.spec)
# and dist/prossimo-VERSION-linux-x86_64.tar.gz, reproducibly.
#
# Owns: the build's preconditions (a clean git tree, the tools, the handout fonts, the
# Python the lock was made for), the build venv (exact versions and hashes from
# installers/requirements-build.lock, made anew whenever the lock changes), the fixed
# build environment (SOURCE_DATE_EPOCH = last commit time, PYTHONHASHSEED=0, UTC, C
# locale, umask 022) and normalising what PyInstaller leaves (mtimes, tar order/owners).
# Must never build from uncommitted changes without --allow-dirty (a release is built
# from a commit), never touch anything outside the checkout and --out, and never sign:
# signing is installers/sign.sh, on the release manager's machine.
#
# Usage: installers/build-linux.sh [--allow-dirty] [--out DIR] [--venv DIR] [--update-root F]
#   --out DIR     where dist/ and the work folder go (default: the checkout's dist/ and build/)
#   --venv DIR    use this existing Python environment (it must have the lock's PyInstaller)
#                 instead of making build/venv from the lock; for tests and quick local builds
#   --update-root F  bundle the organisation's TUF root.json (the update channel; without it: none)
set -euo pipefail

die() {
    echo "build-linux.sh: $*" >&2
    exit 1
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ALLOW_DIRTY=0
OUT=""
VENV=""
UPDATE_ROOT=""
while [ $# -gt 0 ]; do
    case "$1" in
    --allow-dirty) ALLOW_DIRTY=1 ;;
    --out)
        [ $# -ge 2 ] || die "--out needs a folder"
        OUT=$2
        shift
        ;;
    --venv)
        [ $# -ge 2 ] || die "--venv needs a folder"
        VENV=$2
        shift
        ;;
    --update-root)
        [ $# -ge 2 ] || die "--update-root needs the organisation's root.json"
        UPDATE_ROOT=$2
        shift
        ;;
    -h | --help)
        sed -n '2,19p' "$0"
        exit 0
        ;;
    *) die "unknown option $1 (see --help)" ;;
    esac
    shift
done

[ "$(uname -s)" = "Linux" ] || die "this script builds on Linux; see installers/build-windows.ps1 and build-macos.sh"
for tool in git python3 tar gzip ldd objdump sha256sum; do
    command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool (Debian: apt-get install git python3 python3-venv tar gzip libc-bin binutils coreutils)"
done
for font in DejaVuSans.ttf DejaVuSans-Bold.ttf; do
    [ -f "/usr/share/fonts/truetype/dejavu/$font" ] || die "missing handout font /usr/share/fonts/truetype/dejavu/$font (apt-get install fonts-dejavu-core)"
done
git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1 || die "$ROOT is not a git checkout: a release is built from a commit"

dirty=$(git -C "$ROOT" status --porcelain --untracked-files=normal)
if [ -n "$dirty" ] && [ "$ALLOW_DIRTY" = 0 ]; then
    echo "build-linux.sh: the git tree has uncommitted changes; commit them (a release is built from a commit) or pass --allow-dirty for a local test build:" >&2
    head -n 20 <<<"$dirty" >&2
    exit 1
fi

LOCK="$ROOT/installers/requirements-build.lock"
[ -f "$LOCK" ] || die "missing $LOCK"
OUT=${OUT:-$ROOT}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
DIST="$OUT/dist"
WORK="$OUT/build/pyinstaller"

if [ -z "$VENV" ]; then
    # The lock was compiled for CPython 3.11 on Linux: another Python resolves other wheels.
    python_version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    [ "$python_version" = "3.11" ] || die "python3 is $python_version; the build lock is for Python 3.11 (see installers/README.md to regenerate it)"
    python3 -c 'import venv, ensurepip' 2>/dev/null || die "python3 cannot make a venv (Debian: apt-get install python3-venv)"
    VENV="$ROOT/build/venv"
    stamp=$(sha256sum "$LOCK" | cut -d' ' -f1)
    if [ "$(cat "$VENV/.lock-sha256" 2>/dev/null || true)" != "$stamp" ]; then
        echo "Making the build venv from $(basename "$LOCK") (exact versions, hashes checked)"
        rm -rf "$VENV"
        python3 -m venv "$VENV"
        # --require-hashes: every wheel must match the lock's hash; --no-deps: nothing the lock
        # does not name. The project itself is not installed: the spec takes our code from the
        # checkout (pathex), so no wheel is built with an unpinned setuptools.
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r "$LOCK" ||
            die "installing the build lock into $VENV failed (see pip's message above)"
        echo "$stamp" >"$VENV/.lock-sha256"
    fi
fi
[ -x "$VENV/bin/pyinstaller" ] || die "no PyInstaller in $VENV (install installers/requirements-build.lock there, or drop --venv)"

# The organisation's TUF root (prossimo-central release init wrote it as metadata/1.root.json):
# the update channel's trust anchor, bundled as desktop/update_root.json. Without it the app
# has no update channel (its self-test says SKIP).
if [ -n "$UPDATE_ROOT" ]; then
    [ -f "$UPDATE_ROOT" ] || die "--update-root: $UPDATE_ROOT is not a file"
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["signed"]["_type"] == "root"' "$UPDATE_ROOT" 2>/dev/null ||
        die "--update-root: $UPDATE_ROOT is not TUF root metadata (signed._type must be \"root\")"
    PROSSIMO_UPDATE_ROOT=$(cd "$(dirname "$UPDATE_ROOT")" && pwd)/$(basename "$UPDATE_ROOT")
    export PROSSIMO_UPDATE_ROOT
else
    unset PROSSIMO_UPDATE_ROOT
fi

# The fixed build environment: the same bytes from the same commit on any machine.
SOURCE_DATE_EPOCH=$(git -C "$ROOT" log -1 --format=%ct)
export SOURCE_DATE_EPOCH PYTHONHASHSEED=0 TZ=UTC LC_ALL=C.UTF-8 PYTHONDONTWRITEBYTECODE=1
umask 022
VERSION=$("$VENV/bin/python" -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1], "rb"))["project"]["version"])' "$ROOT/pyproject.toml")

started=$(date +%s)
echo "Building Prossimo $VERSION (commit $(git -C "$ROOT" rev-parse --short HEAD), SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)"
rm -rf "$DIST/prossimo" "$WORK"
(cd "$ROOT" && nice -n 10 "$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" installers/prossimo.spec) || die "PyInstaller failed (see above)"

# PyInstaller writes its files with the build's time: every file and folder gets the commit's.
find "$DIST/prossimo" -exec touch --no-dereference --date="@$SOURCE_DATE_EPOCH" {} +
TARBALL="$DIST/prossimo-$VERSION-linux-x86_64.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" --format=gnu \
    -C "$DIST" -cf - prossimo | gzip -9 -n >"$TARBALL"

echo "Built $DIST/prossimo and $TARBALL in $(($(date +%s) - started)) s"
"$VENV/bin/python" "$ROOT/installers/size_report.py" "$DIST/prossimo" --top 10
