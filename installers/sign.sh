#!/usr/bin/env bash
# Signs a release for people: writes DIR/SHA256SUMS (one line per artifact in DIR) and a
# minisign (Ed25519) signature NAME.minisig next to every artifact and next to SHA256SUMS.
# The secret key comes from --key PATH or PROSSIMO_MINISIGN_KEY and lives on the release
# manager's machine: this script must never read a key from the repository, print a key
# or pass a password on a command line (minisign asks for it on the terminal).
# Usage: installers/sign.sh [--key SECRET_KEY] DIR
set -euo pipefail

usage() { echo "usage: $0 [--key SECRET_KEY] DIR (or set PROSSIMO_MINISIGN_KEY)" >&2; exit 2; }

key="${PROSSIMO_MINISIGN_KEY:-}"
dir=""
while [ $# -gt 0 ]; do
    case "$1" in
        --key) [ $# -ge 2 ] || usage; key="$2"; shift 2 ;;
        -h|--help) usage ;;
        -*) echo "sign.sh: unknown option $1" >&2; usage ;;
        *) [ -z "$dir" ] || usage; dir="$1"; shift ;;
    esac
done
[ -n "$dir" ] || usage

if ! command -v minisign >/dev/null 2>&1; then
    echo "sign.sh: minisign is not installed (run installers/ensure-release-tools.sh)" >&2
    exit 1
fi
if [ -z "$key" ]; then
    echo "sign.sh: no secret key: pass --key PATH or set PROSSIMO_MINISIGN_KEY" >&2
    exit 1
fi
if [ ! -f "$key" ]; then
    echo "sign.sh: secret key file $key does not exist" >&2
    exit 1
fi
repo_root=$(cd "$(dirname "$0")/.." && pwd)
key_abs=$(cd "$(dirname "$key")" && pwd)/$(basename "$key")
case "$key_abs" in
    "$repo_root"/*) echo "sign.sh: refusing a secret key inside the repository ($key)" >&2; exit 1 ;;
esac
if [ ! -d "$dir" ]; then
    echo "sign.sh: $dir is not a directory" >&2
    exit 1
fi

cd "$dir"
artifacts=()
for f in *; do
    [ -f "$f" ] || continue
    case "$f" in SHA256SUMS|*.minisig) continue ;; esac
    artifacts+=("$f")
done
if [ ${#artifacts[@]} -eq 0 ]; then
    echo "sign.sh: $dir holds no artifact to sign" >&2
    exit 1
fi

# Written whole then moved, so a failed run never leaves a half SHA256SUMS behind.
sha256sum -- "${artifacts[@]}" >SHA256SUMS.tmp
mv SHA256SUMS.tmp SHA256SUMS
for f in "${artifacts[@]}" SHA256SUMS; do
    minisign -S -q -s "$key_abs" -m "$f" -t "prossimo release file: $f"
done
echo "Signed ${#artifacts[@]} artifact(s) and SHA256SUMS in $dir"
