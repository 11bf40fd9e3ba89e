#!/usr/bin/env bash
# Authenticode for the Windows build, from Linux: signs a PE (the Inno Setup installer or
# prossimo.exe) with osslsigncode, or verifies one. The certificate and key paths come
# from PROSSIMO_AUTHENTICODE_CERT and PROSSIMO_AUTHENTICODE_KEY (PEM); they must never be
# in the repository, and no password is put on a command line.
# Usage: sign-windows.sh sign IN.exe OUT.exe | sign-windows.sh verify FILE.exe [CA.pem]
set -euo pipefail

command -v osslsigncode >/dev/null 2>&1 \
    || { echo "sign-windows.sh: osslsigncode is not installed (run installers/ensure-release-tools.sh)" >&2; exit 1; }
case "${1:-}" in
    sign)
        [ $# -eq 3 ] || { echo "usage: $0 sign IN.exe OUT.exe" >&2; exit 2; }
        cert="${PROSSIMO_AUTHENTICODE_CERT:-}"; key="${PROSSIMO_AUTHENTICODE_KEY:-}"
        [ -f "$cert" ] || { echo "sign-windows.sh: PROSSIMO_AUTHENTICODE_CERT is not a certificate file" >&2; exit 1; }
        [ -f "$key" ] || { echo "sign-windows.sh: PROSSIMO_AUTHENTICODE_KEY is not a key file" >&2; exit 1; }
        osslsigncode sign -certs "$cert" -key "$key" -h sha256 -n Prossimo -in "$2" -out "$3" >/dev/null
        echo "Signed $3"
        ;;
    verify)
        [ $# -ge 2 ] || { echo "usage: $0 verify FILE.exe [CA.pem]" >&2; exit 2; }
        ca=()
        [ $# -ge 3 ] && ca=(-CAfile "$3")
        if osslsigncode verify "${ca[@]}" -in "$2" >/dev/null 2>&1; then
            echo "OK $2: Authenticode signature valid"
        else
            echo "FAILED signature: the Authenticode signature of $2 is missing or does not match" >&2
            exit 1
        fi
        ;;
    *) echo "usage: $0 sign IN.exe OUT.exe | verify FILE.exe [CA.pem]" >&2; exit 2 ;;
esac
