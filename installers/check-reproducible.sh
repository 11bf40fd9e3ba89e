#!/usr/bin/env bash
# Proves the Linux build reproducible: two clean clones of HEAD in two different folders,
# each built with installers/build-linux.sh (each with its own build venv from the lock)
# and, when installers/build-deb.sh exists, packed as a .deb; then the sha256 of every
# file of both bundles, of both tarballs and of both .debs are compared.
#
# Owns: the comparison and its verdict (exit 0 identical, 1 different, 2 could not run).
# Prints the differing files, if any. Must never build in or change the checkout it is
# run from: everything happens under the work folder, removed at the end unless --keep.
#
# Usage: installers/check-reproducible.sh [--work DIR] [--keep]
set -euo pipefail

die() {
    echo "check-reproducible.sh: $*" >&2
    exit 2
}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=""
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
    --work)
        [ $# -ge 2 ] || die "--work needs a folder"
        WORK=$2
        shift
        ;;
    --keep) KEEP=1 ;;
    *) die "unknown option $1" ;;
    esac
    shift
done
command -v git >/dev/null 2>&1 || die "missing tool: git"
COMMIT=$(git -C "$ROOT" rev-parse HEAD)
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=normal)" ]; then
    echo "check-reproducible.sh: note: uncommitted changes are not part of the check; it builds commit $COMMIT"
fi
if [ -z "$WORK" ]; then
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/prossimo-repro.XXXXXX")
else
    mkdir -p "$WORK"
fi
if [ "$KEEP" = 0 ]; then
    trap 'rm -rf "$WORK"' EXIT
fi

# Different folder names and depths, so a build path that leaks into the output shows.
FIRST="$WORK/one/prossimo"
SECOND="$WORK/second-build/elsewhere/checkout"
for checkout in "$FIRST" "$SECOND"; do
    git clone --quiet --no-hardlinks "$ROOT" "$checkout"
    git -C "$checkout" checkout --quiet --detach "$COMMIT"
done

for checkout in "$FIRST" "$SECOND"; do
    echo "== building in $checkout"
    bash "$checkout/installers/build-linux.sh" >"$checkout.build.log" 2>&1 ||
        die "the build in $checkout failed; its log: $checkout.build.log (kept with --keep)"
    tail -n 1 "$checkout.build.log" >/dev/null
    grep '^Built ' "$checkout.build.log" || true
    if [ -f "$checkout/installers/build-deb.sh" ]; then
        bash "$checkout/installers/build-deb.sh" >>"$checkout.build.log" 2>&1 ||
            die "the .deb in $checkout failed; its log: $checkout.build.log (kept with --keep)"
    fi
done

sums() {
    (cd "$1/dist" && find prossimo -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
}
sums "$FIRST" >"$WORK/first.sums"
sums "$SECOND" >"$WORK/second.sums"
files=$(wc -l <"$WORK/first.sums")
differing=$(diff <(cat "$WORK/first.sums") <(cat "$WORK/second.sums") | grep '^[<>]' | awk '{print $3}' | sort -u || true)

status=0
if [ -n "$differing" ]; then
    status=1
    echo "DIFFERENT: $(wc -l <<<"$differing") of $files files of the bundle differ:"
    while IFS= read -r name; do echo "  $name"; done <<<"$differing"
else
    echo "IDENTICAL: all $files files of the bundle (sha256)"
fi
for artifact in "$FIRST"/dist/*.tar.gz "$FIRST"/dist/*.deb; do
    [ -f "$artifact" ] || continue
    name=$(basename "$artifact")
    one=$(sha256sum "$artifact" | cut -d' ' -f1)
    two=$(sha256sum "$SECOND/dist/$name" 2>/dev/null | cut -d' ' -f1 || true)
    if [ "$one" = "$two" ]; then
        echo "IDENTICAL: $name sha256 $one"
    else
        status=1
        echo "DIFFERENT: $name ($one vs ${two:-missing})"
    fi
done
exit "$status"
