#!/usr/bin/env bash
# Makes sure PostgreSQL server binaries exist so the central service is tested on
# PostgreSQL as well as SQLite. The tests start their own throwaway server from
# these binaries; no system service is used or left running.
set -euo pipefail

# The newest installed major version's initdb, or nothing.
newest_initdb() {
    printf '%s\n' /usr/lib/postgresql/*/bin/initdb | grep -v '\*' | sort -V | tail -n 1
}

found=$(newest_initdb || true)
if [ -n "$found" ]; then
    echo "PostgreSQL server binaries: $(dirname "$found")"
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's postgresql package for the test suite..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # The package may start a system cluster; the tests do not use it.
    service postgresql stop >/dev/null 2>&1 || true
    echo "PostgreSQL server binaries: $(dirname "$(newest_initdb)")"
    exit 0
fi
echo "PostgreSQL server binaries not found; the PostgreSQL half of the central tests will be skipped."
echo "Install them with: sudo apt-get install postgresql   (or set PROSSIMO_PG_BIN to their folder)"
