"""The `prossimo-central` command line for IT staff.

Owns: the entry point of the central service's admin commands. The service
itself (accounts, devices, sync, audit, public intake) is the next milestone;
until it lands this entry point says so plainly instead of pretending.
Must never take a secret as a command-line argument.
"""

import argparse
import sys
from collections.abc import Sequence

from protocol import PROTOCOL_VERSION


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="prossimo-central",
        description="Prossimo central service (sync, accounts, audit, public intake).",
    )
    parser.add_argument("--version", action="store_true", help="print the protocol version")
    args, rest = parser.parse_known_args(argv)
    if args.version:
        print(f"prossimo-central, sync protocol {PROTOCOL_VERSION}")
        return 0
    print(
        "prossimo-central: the central service is not built yet; "
        "only --version works in this release",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
