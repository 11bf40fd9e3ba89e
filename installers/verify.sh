#!/usr/bin/env bash
# What IT runs on a downloaded Prossimo artifact before installing it. It checks, in
# order: that SHA256SUMS and both signatures are there (missing signature), that they
# were made by the release key (wrong key), the minisign signature of SHA256SUMS and of
# the artifact (signature), and the artifact's SHA-256 against SHA256SUMS (hash). It
# names the failed check and exits nonzero; it never changes any file.
# Usage: installers/verify.sh [--key PUBLIC_KEY] ARTIFACT
#   The public key defaults to installers/prossimo-release.pub next to this script.
#   SHA256SUMS, SHA256SUMS.minisig and ARTIFACT.minisig are looked for next to ARTIFACT.
set -euo pipefail

usage() { echo "usage: $0 [--key PUBLIC_KEY] ARTIFACT" >&2; exit 2; }
fail() { echo "FAILED $1: $2" >&2; exit 1; }

pub="$(dirname "$0")/prossimo-release.pub"
artifact=""
while [ $# -gt 0 ]; do
    case "$1" in
        --key) [ $# -ge 2 ] || usage; pub="$2"; shift 2 ;;
        -h|--help) usage ;;
        -*) echo "verify.sh: unknown option $1" >&2; usage ;;
        *) [ -z "$artifact" ] || usage; artifact="$1"; shift ;;
    esac
done
[ -n "$artifact" ] || usage

command -v minisign >/dev/null 2>&1 \
    || { echo "verify.sh: minisign is not installed (Debian: sudo apt-get install minisign)" >&2; exit 1; }
[ -f "$pub" ] || { echo "verify.sh: public key file $pub does not exist" >&2; exit 1; }
[ -f "$artifact" ] || { echo "verify.sh: artifact $artifact does not exist" >&2; exit 1; }

dir=$(dirname "$artifact")
name=$(basename "$artifact")
sums="$dir/SHA256SUMS"
[ -f "$sums" ] || fail "missing signature" "$sums is not next to $name"
[ -f "$sums.minisig" ] || fail "missing signature" "$sums.minisig is not there"
[ -f "$artifact.minisig" ] || fail "missing signature" "$artifact.minisig is not there"

# The key id is bytes 2..9 of the decoded key or signature (after the 2-byte algorithm).
key_id() { sed -n 2p "$1" | base64 -d 2>/dev/null | head -c 10 | tail -c 8 | od -An -tx1 | tr -d ' \n'; }
pub_id=$(key_id "$pub")
[ -n "$pub_id" ] || { echo "verify.sh: $pub is not a minisign public key" >&2; exit 1; }
for sig in "$sums.minisig" "$artifact.minisig"; do
    [ "$(key_id "$sig")" = "$pub_id" ] \
        || fail "wrong key" "$(basename "$sig") was not made by the key in $pub"
done

for f in "$sums" "$artifact"; do
    minisign -V -q -p "$pub" -m "$f" -x "$f.minisig" >/dev/null 2>&1 \
        || fail "signature" "the signature of $(basename "$f") does not match its contents"
done

expected=$(awk -v n="$name" '{ f = $2; sub(/^\*/, "", f) } f == n { print $1; exit }' "$sums")
[ -n "$expected" ] || fail "hash" "$name is not listed in SHA256SUMS"
actual=$(sha256sum -- "$artifact" | cut -d' ' -f1)
[ "$actual" = "$expected" ] || fail "hash" "the SHA-256 of $name differs from SHA256SUMS"

echo "OK $name: signature by $pub_id, SHA-256 $actual"
